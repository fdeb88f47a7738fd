#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The commit `HEAD` names in the git repository holding a folder, read from the repository's
/// files as `git rev-parse --verify HEAD` would find it, because starting git costs more than
/// the rest of `orchgen next` on a large run.
///
/// Only the plain layout is read: a `.git` folder or a `gitdir:` file (worktrees, submodules),
/// `HEAD` as a commit or a `ref:`, the ref as a loose file or in `packed-refs`, in the common
/// folder of a worktree. Anything else (another ref storage, a ref that is not there, an odd
/// file) is `.unknown`, and the caller asks git itself.
public enum GitHead {
  public enum Answer: Equatable, Sendable {
    /// HEAD's commit (40 or 64 hex digits).
    case commit(String)
    /// No repository holds the folder.
    case noRepository
    /// Not readable here: ask git.
    case unknown
  }

  /// `HEAD` of the repository holding `folder` (an absolute path).
  public static func read(from folder: String) -> Answer {
    var probe = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
    // `GIT_DIR` and friends change where git looks: leave those set-ups to git.
    for name in ["GIT_DIR", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM"]
    where getenv(name) != nil {
      return .unknown
    }
    while true {
      let dotGit = (probe == "/" ? "" : probe) + "/.git"
      var info = stat()
      if lstat(dotGit, &info) == 0 {
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return head(gitDir: dotGit)
        case S_IFREG:
          guard let text = readSmall(dotGit), text.hasPrefix("gitdir: ") else { return .unknown }
          let target = String(text.dropFirst("gitdir: ".count).prefix { $0 != "\n" && $0 != "\r" })
          return head(gitDir: target.hasPrefix("/") ? target : probe + "/" + target)
        default: return .unknown
        }
      }
      guard probe != "/", let slash = probe.lastIndex(of: "/") else { return .noRepository }
      probe = slash == probe.startIndex ? "/" : String(probe[..<slash])
    }
  }

  private static func head(gitDir: String) -> Answer {
    guard let head = readSmall(gitDir + "/HEAD")?.split(separator: "\n").first.map(String.init) else { return .unknown }
    if isObjectName(head) { return .commit(head) }
    guard head.hasPrefix("ref: refs/") else { return .unknown }
    let ref = String(head.dropFirst("ref: ".count))
    guard !ref.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else { return .unknown }
    // A worktree keeps HEAD itself and the shared refs in its common folder.
    var common = gitDir
    if let text = readSmall(gitDir + "/commondir") {
      let path = String(text.prefix { $0 != "\n" })
      common = path.hasPrefix("/") ? path : gitDir + "/" + path
    }
    for folder in common == gitDir ? [gitDir] : [gitDir, common] {
      if let loose = readSmall(folder + "/" + ref)?.split(separator: "\n").first.map(String.init) {
        return isObjectName(loose) ? .commit(loose) : .unknown
      }
    }
    if let packed = readSmall(common + "/packed-refs", limit: 64 << 20) {
      for line in packed.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("^") {
        let parts = line.split(separator: " ", maxSplits: 1)
        if parts.count == 2, parts[1] == ref, isObjectName(String(parts[0])) { return .commit(String(parts[0])) }
      }
    }
    // An unborn branch, or refs git keeps elsewhere (reftable): git knows.
    return .unknown
  }

  public static func isObjectName(_ text: String) -> Bool {
    (text.utf8.count == 40 || text.utf8.count == 64)
      && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
  }

  private static func readSmall(_ path: String, limit: Int = 1 << 16) -> String? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while bytes.count <= limit {
      let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { break }
      bytes += chunk[..<count]
    }
    return bytes.count <= limit ? String(decoding: bytes, as: UTF8.self) : nil
  }
}

#if canImport(Glibc)
  private let systemRead = Glibc.read
#elseif canImport(Musl)
  private let systemRead = Musl.read
#elseif canImport(Darwin)
  private let systemRead = Darwin.read
#endif
