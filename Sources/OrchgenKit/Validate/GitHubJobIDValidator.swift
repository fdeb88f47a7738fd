/// What the `github-actions` target needs of task ids: each run of a task becomes a job whose id
/// is the task id, or `<task>-<round>` for the later runs of a fix loop (`GitHubJobGraph`). A
/// job id must match `[A-Za-z_][A-Za-z0-9_-]*` and be shorter than 100 characters, and no two
/// runs may get the same one. Checked only when `targets` lists `github-actions`.
enum GitHubJobIDValidator {
  static func validate(_ graph: TaskGraph, _ diagnostics: inout [Diagnostic]) {
    // The number of runs of each task: a checked task runs max_rounds + 1 times, its fixer
    // max_rounds times.
    var runs: [String: Int] = [:]
    for task in graph.tasks {
      guard case .fix(let failing, let rounds) = task.kind else { continue }
      runs[failing] = max(runs[failing] ?? 1, rounds + 1)
      runs[task.id] = max(runs[task.id] ?? 1, rounds)
    }
    var owner: [String: (task: ExpandedTask, round: Int)] = [:]
    for task in graph.tasks {
      for round in 1...max(1, runs[task.id] ?? 1) {
        let job = GitHubJobGraph.jobID(task.id, round: round)
        let what = round == 1 ? "task '\(task.id)'" : "run \(round) of task '\(task.id)' (its fix loop, job '\(job)')"
        if let problem = problem(job) {
          diagnostics.append(
            Diagnostic(.actionsJobID, "\(what) cannot be a GitHub Actions job id: \(problem)", at: task.location,
              notes: [.init("GitHub Actions job ids match [A-Za-z_][A-Za-z0-9_-]* and are shorter than 100 characters")],
              help: "shorten the task id (or its for_each item) so that the job id has at most \(GitHubJobGraph.maxJobID) characters"))
          continue
        }
        if let first = owner[job] {
          let firstWhat = first.round == 1 ? "task '\(first.task.id)'" : "run \(first.round) of task '\(first.task.id)'"
          diagnostics.append(
            Diagnostic(.actionsJobCollision, "\(what) has the GitHub Actions job id '\(job)' of \(firstWhat)", at: task.location,
              notes: [.init("'\(first.task.id)' is defined here", at: first.task.location)],
              help: "rename one of the tasks: the later runs of a fix loop's task and fixer are the jobs '<task>-2', '<task>-3', ..."))
          continue
        }
        owner[job] = (task, round)
      }
    }
  }

  /// Why `job` is not a valid job id, or nil.
  static func problem(_ job: String) -> String? {
    if job.utf8.count > GitHubJobGraph.maxJobID { return "\(job.utf8.count) characters, at most \(GitHubJobGraph.maxJobID) allowed" }
    guard let first = job.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first)
    else { return "it does not start with a letter or '_'" }
    let valid = job.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
    }
    return valid ? nil : "a character other than letters, digits, '_' and '-'"
  }
}
