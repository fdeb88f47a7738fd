/// What a command built, kept alive until the process exits.
///
/// A large project's compilation, generated files and output state are hundreds of thousands of
/// values; releasing them one by one when `run()` returns took longer than the exit that frees
/// the whole address space at once. Commands put their big results here; nothing reads it.
nonisolated(unsafe) var keptUntilExit: [Any] = []
