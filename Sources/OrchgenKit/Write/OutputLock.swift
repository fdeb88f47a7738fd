#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive lock on the output directory, held by a build from its recovery until it has
/// written: two builds at once would otherwise take each other's staging for an interrupted
/// build. It is `flock(2)` on the directory itself, so no lock file is left in `output/`, and
/// the kernel releases it when the process ends, SIGKILL included, so a killed build never
/// leaves a stale lock behind.
public final class OutputLock {
  private let descriptor: Int32

  private init(descriptor: Int32) { self.descriptor = descriptor }

  deinit { close(descriptor) }

  /// Locks `directory`; nil when it does not exist (there is nothing to protect yet) unless
  /// `creating`, which creates it first. When another build holds the lock, calls `waiting`
  /// once and blocks until it is released.
  public static func acquire(_ directory: URL, creating: Bool = false, waiting: () -> Void = {}) throws -> OutputLock? {
    if creating {
      do {
        try OutputFiles.makeDirectories(directory.path)
      } catch {
        throw OutputWriter.WriteError.io(error.path, error.reason)
      }
    }
    let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else {
      if errno == ENOENT || errno == ENOTDIR { return nil }
      throw OutputWriter.WriteError.io(directory.path, reason(errno))
    }
    if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK else {
        let error = OutputWriter.WriteError.io(directory.path, reason(errno))
        close(descriptor)
        throw error
      }
      waiting()
      while flock(descriptor, LOCK_EX) != 0 {
        guard errno == EINTR else {
          let error = OutputWriter.WriteError.io(directory.path, reason(errno))
          close(descriptor)
          throw error
        }
      }
    }
    return OutputLock(descriptor: descriptor)
  }

  /// Whether another process holds the lock on `directory` right now (a build is writing).
  public static func isHeld(_ directory: URL) -> Bool {
    let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    guard flock(descriptor, LOCK_SH | LOCK_NB) != 0 else {
      flock(descriptor, LOCK_UN)
      return false
    }
    return errno == EWOULDBLOCK
  }

  private static func reason(_ code: Int32) -> String {
    String(validatingCString: strerror(code))?.lowercased() ?? "error \(code)"
  }
}
