/// How generated files name the output directory: by its path relative to the project root,
/// never by an absolute path, so that the files are the same on every machine and no prompt
/// carries a path of the machine that built it.
///
/// Generated commands run from the project root (the coordinators' `orchgen next` and the
/// runners' examples say so), where this path leads to the output directory: `output`,
/// `build/agents`, or `../agents-out` for an output directory outside the project.
public enum OutputLabel {
  /// `directory` relative to `root`; both are absolute, standardized paths (no `.` or `..`).
  /// The directory itself is `.`.
  public static func relative(_ directory: String, to root: String) -> String {
    let target = directory.split(separator: "/", omittingEmptySubsequences: true)
    let base = root.split(separator: "/", omittingEmptySubsequences: true)
    var shared = 0
    while shared < target.count, shared < base.count, target[shared] == base[shared] { shared += 1 }
    let parts = Array(repeating: "..", count: base.count - shared) + target[shared...].map(String.init)
    return parts.isEmpty ? "." : parts.joined(separator: "/")
  }
}
