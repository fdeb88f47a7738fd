/// Warns about a written task whose task file would not say what to do or when it is done:
/// no `description` (the file's whole instruction is then the task's id), or nothing that
/// shows the work is finished (no `success:` criteria, artifacts or decisions). Said here, at
/// the task, where the author can act on it, rather than inside the generated task file.
enum TaskBriefValidator {
  static func validate(_ workflow: WorkflowDefinition, _ diagnostics: inout [Diagnostic]) {
    for index in workflow.tasks.indices {
      let task = workflow.tasks[index]
      let id = task.id.value
      if task.description == nil {
        // The expander's stand-in: the id, or "<id> for <item>" for each fan-out item.
        let says = task.forEach.isEmpty
          ? "its task file says only '\(id)'" : "the task files of its items say only '\(id) for <item>'"
        diagnostics.append(
          Diagnostic(.taskNoDescription, "task '\(id)' has no description, so \(says)", at: task.id.location,
            help: "add 'description:' saying what the task must deliver" + (task.forEach.isEmpty ? "" : " ('{item}' names the item)")))
      }
      if !isVerifiable(task) {
        diagnostics.append(
          Diagnostic(.taskUnverifiable, "task '\(id)' states no success criteria, artifact or decision, so nothing shows when it is done",
            at: task.id.location,
            help: "add 'success:' with the checks that show it is done, e.g. '- The tests of the changed code pass'"))
      }
    }
  }

  /// A fix loop whose fixer may change no file: it inherits the write scopes of the checked task
  /// and of the tasks before it (`TaskFileGenerator.writeScope`), and none of them has any, so
  /// its task file would ask for a fix and forbid every change.
  static func validateFixScopes(_ graph: TaskGraph, _ diagnostics: inout [Diagnostic]) {
    for task in graph.tasks {
      guard case .fix(let failing, _) = task.kind, task.writes.isEmpty else { continue }
      var pending = [failing]
      var seen = Set<String>()
      var writes = false
      while !writes, let id = pending.popLast() {
        guard seen.insert(id).inserted, let current = graph.task(id) else { continue }
        writes = !current.writes.isEmpty
        pending += current.needs.map(\.task)
      }
      guard !writes else { continue }
      // A validator's fix loop checks the validated task's work: that task takes the writes.
      var checked = failing
      if let gate = graph.task(failing), case .validation(let validated) = gate.kind { checked = validated }
      diagnostics.append(
        Diagnostic(
          .fixNoScope, "the fixer of '\(failing)' may change no file: neither '\(checked)' nor a task before it has 'writes'",
          at: task.agentLocation,
          help: "add 'writes:' to '\(checked)' with the files a fix may change (the fixer inherits them), e.g. 'writes: [\"docs/**\"]'"))
    }
  }

  /// What the task file lists as the task's checkable output: its own criteria, the artifacts
  /// it hands off, the flags it decides (a fix loop adds `failed`), or, for a review, the
  /// criteria every review gets.
  static func isVerifiable(_ task: TaskDefinition) -> Bool {
    !task.success.isEmpty || !task.produces.isEmpty || !task.decides.isEmpty || !task.reviews.isEmpty || task.fix != nil
  }
}
