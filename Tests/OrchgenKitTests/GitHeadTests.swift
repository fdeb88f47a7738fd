import Foundation
import Testing

@testable import OrchgenKit

/// `GitHead` reads HEAD as `git rev-parse --verify HEAD` finds it, in every layout it claims to
/// read, and gives up (`.unknown`) where git must be asked.
@Suite struct GitHeadTests {
  /// Runs a shell line in `folder`; its trimmed standard output.
  @discardableResult
  static func shell(_ line: String, in folder: URL) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", line]
    process.currentDirectoryURL = folder
    var environment = ProcessInfo.processInfo.environment
    for name in ["GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR"] { environment[name] = nil }
    environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "\(line) failed")
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  static let commit = "git -c user.name=t -c user.email=t@t commit -q --allow-empty -m"

  @Test func readsEveryPlainLayoutAsGitDoes() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-githead-\(UUID().uuidString)")
      .resolvingSymlinksInPath()
    let repo = root.appendingPathComponent("repo")
    try FileManager.default.createDirectory(at: repo.appendingPathComponent("sub/deeper"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }

    #expect(GitHead.read(from: repo.path) == .noRepository || GitHead.read(from: repo.path) == .unknown)
    try Self.shell("git init -q -b main", in: repo)
    #expect(GitHead.read(from: repo.path) == .unknown, "an unborn branch is git's to report")

    func expectSame(_ folder: URL, _ label: String) throws {
      let expected = try Self.shell("git rev-parse --verify -q HEAD", in: folder)
      #expect(GitHead.read(from: folder.path) == .commit(expected), "\(label)")
    }
    try Self.shell("\(Self.commit) one", in: repo)
    try expectSame(repo, "loose ref")
    try expectSame(repo.appendingPathComponent("sub/deeper"), "from a subfolder")
    try expectSame(URL(fileURLWithPath: repo.path + "/"), "a trailing slash")

    try Self.shell("\(Self.commit) two && git pack-refs --all", in: repo)
    #expect(!FileManager.default.fileExists(atPath: repo.path + "/.git/refs/heads/main"))
    try expectSame(repo, "packed ref")

    try Self.shell("git checkout -q --detach HEAD~1", in: repo)
    try expectSame(repo, "detached HEAD")
    try Self.shell("git checkout -q main && git branch -q feature/x && git checkout -q feature/x && \(Self.commit) three", in: repo)
    try expectSame(repo, "a branch with a slash")

    let worktree = root.appendingPathComponent("worktree")
    try Self.shell("git worktree add -q -b side '\(worktree.path)' main", in: repo)
    try expectSame(worktree, "worktree (gitdir file, commondir)")
    try Self.shell("\(Self.commit) four", in: worktree)
    try expectSame(worktree, "worktree after a commit")
    try expectSame(repo, "main checkout after the worktree's commit")

    // A HEAD naming a ref that is nowhere: git decides.
    try Data("ref: refs/heads/missing\n".utf8).write(to: repo.appendingPathComponent(".git/HEAD"))
    #expect(GitHead.read(from: repo.path) == .unknown)
    try Data("garbage\n".utf8).write(to: repo.appendingPathComponent(".git/HEAD"))
    #expect(GitHead.read(from: repo.path) == .unknown)
    try Data("ref: refs/../../../etc/passwd\n".utf8).write(to: repo.appendingPathComponent(".git/HEAD"))
    #expect(GitHead.read(from: repo.path) == .unknown)
  }
}
