#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `lstat` says about a regular file that changes whenever its content could have:
/// device and inode (the file was replaced), size, and the modification and change times in
/// nanoseconds. The change time cannot be set back by `touch` or `git checkout`, so an edit
/// always shows, except within one clock tick, which `BuildRecord` checks by content.
struct FileStamp: Equatable, Sendable {
  /// A time in seconds and nanoseconds.
  struct Time: Comparable, Sendable {
    var seconds: Int64
    var nanoseconds: Int64

    static func < (left: Time, right: Time) -> Bool {
      (left.seconds, left.nanoseconds) < (right.seconds, right.nanoseconds)
    }
  }

  var device: UInt64
  var inode: UInt64
  var size: Int64
  var modified: Time
  var changed: Time

  /// The stamp of the regular file at `path`, not following a final symlink; nil for anything
  /// else or nothing.
  init?(lstatAt path: String) {
    var info = stat()
    guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
    size = Int64(info.st_size)
    #if canImport(Darwin)
      modified = Time(seconds: Int64(info.st_mtimespec.tv_sec), nanoseconds: Int64(info.st_mtimespec.tv_nsec))
      changed = Time(seconds: Int64(info.st_ctimespec.tv_sec), nanoseconds: Int64(info.st_ctimespec.tv_nsec))
    #else
      modified = Time(seconds: Int64(info.st_mtim.tv_sec), nanoseconds: Int64(info.st_mtim.tv_nsec))
      changed = Time(seconds: Int64(info.st_ctim.tv_sec), nanoseconds: Int64(info.st_ctim.tv_nsec))
    #endif
  }

  init(device: UInt64, inode: UInt64, size: Int64, modified: Time, changed: Time) {
    self.device = device
    self.inode = inode
    self.size = size
    self.modified = modified
    self.changed = changed
  }
}
