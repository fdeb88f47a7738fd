import Foundation

/// What is on disk under the output directory, read once: the previous manifest and the
/// current content of every path the new build or the old manifest names.
public struct OutputState: Sendable {
  public let directory: URL
  /// Path → hash from the previous build's manifest (empty if there was none).
  public let manifest: [String: String]
  /// Whether a manifest file existed.
  public let hasManifest: Bool
  /// Current bytes of each inspected path that exists as a regular file.
  public let contents: [String: [UInt8]]
  /// Inspected paths that exist but are not regular files (directories, sockets…).
  public let blocked: Set<String>
  /// Set when the output directory itself cannot be used (it is a file, say).
  public let unusableReason: String?
  /// What an interrupted build left (see `OutputRecovery.leftovers`), relative to `directory`.
  public var leftovers: [String] = []

  /// The state of an output directory that does not exist yet.
  public static func empty(_ directory: URL) -> OutputState {
    OutputState(
      directory: directory, manifest: [:], hasManifest: false, contents: [:], blocked: [], unusableReason: nil)
  }

  /// Reads the state relevant to writing `files` into `directory`.
  public static func read(_ directory: URL, for files: [GeneratedFile]) -> OutputState {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    if manager.fileExists(atPath: directory.path, isDirectory: &isDirectory), !isDirectory.boolValue {
      return OutputState(
        directory: directory, manifest: [:], hasManifest: false, contents: [:], blocked: [],
        unusableReason: "'\(directory.path)' is a file, not a directory")
    }
    let manifestURL = directory.appendingPathComponent(ManifestGenerator.path)
    let manifestText =
      OutputFiles.kind(manifestURL.path) == .file
      ? (try? Data(contentsOf: manifestURL)).flatMap { String(data: $0, encoding: .utf8) } : nil
    let manifest = manifestText.flatMap(ManifestGenerator.parse) ?? [:]
    var contents: [String: [UInt8]] = [:]
    var blocked = Set<String>()
    let paths = Set(files.map(\.path)).union(manifest.keys).union([ManifestGenerator.path])
    for path in paths where PathSafety.isSafeRelative(path) && !path.hasPrefix(OutputWriter.stagingName + "/") {
      let url = directory.appendingPathComponent(path)
      guard let attributes = try? manager.attributesOfItem(atPath: url.path) else { continue }
      if attributes[.type] as? FileAttributeType == .typeRegular, let data = try? Data(contentsOf: url) {
        contents[path] = [UInt8](data)
      } else {
        blocked.insert(path)
      }
    }
    return OutputState(
      directory: directory, manifest: manifest, hasManifest: manifestText != nil, contents: contents,
      blocked: blocked, unusableReason: nil, leftovers: OutputRecovery.leftovers(in: directory))
  }

  /// Whether the previous build generated `path`.
  public func owns(_ path: String) -> Bool { manifest[path] != nil }
}
