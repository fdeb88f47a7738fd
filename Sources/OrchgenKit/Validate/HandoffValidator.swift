/// Checks produced/consumed artifacts: each consumed artifact has exactly one producer, and
/// that producer runs before the consumer; produced artifacts nobody consumes are flagged.
enum HandoffValidator {
  static func validate(_ structure: inout GraphStructure, _ diagnostics: inout [Diagnostic]) {
    let tasks = structure.graph.tasks
    var producers: [String: [(task: Int, location: SourceLocation)]] = [:]
    var consumed = Set<String>()
    // Loops go by index: binding each task would copy (retain and release) all its fields.
    for index in tasks.indices {
      for artifact in tasks[index].produces { producers[artifact.value, default: []].append((index, artifact.location)) }
      for artifact in tasks[index].consumes { consumed.insert(artifact.value) }
    }
    for (artifact, list) in producers where list.count > 1 {
      let first = list[0]
      for other in list.dropFirst() {
        diagnostics.append(
          Diagnostic(.handoffMultipleProducers, "artifact '\(artifact)' is produced by both '\(tasks[first.task].id)' and '\(tasks[other.task].id)'",
            at: other.location, notes: [.init("'\(tasks[first.task].id)' produces it here", at: first.location)],
            help: "give each task's artifact its own name, so consumers know which one they get"))
      }
    }
    // Sorted only when a consume names no artifact, for the suggestion.
    var producedNames: [String]? = nil
    // Artifacts offered as the fix for a misspelt consume are not also reported as unconsumed.
    var suggested = Set<String>()
    for index in tasks.indices where !tasks[index].consumes.isEmpty {
      let task = tasks[index]
      for artifact in task.consumes {
        guard let list = producers[artifact.value] else {
          if producedNames == nil { producedNames = producers.keys.sorted() }
          let suggestion = EditDistance.closest(to: artifact.value, in: producedNames!)
          if let suggestion { suggested.insert(suggestion) }
          diagnostics.append(
            Diagnostic(.handoffUnproduced, "task '\(task.id)' consumes '\(artifact.value)', which no task produces",
              at: artifact.location,
              help: suggestion.map { "did you mean '\($0)'?" } ?? "add '\(artifact.value)' to 'produces' of the task that creates it"))
          continue
        }
        let producer = list[0]
        if producer.task == index {
          diagnostics.append(
            Diagnostic(.handoffNotUpstream, "task '\(task.id)' consumes '\(artifact.value)', which it produces itself",
              at: artifact.location, notes: [.init("produced here", at: producer.location)],
              help: "remove '\(artifact.value)' from 'consumes' of '\(task.id)'"))
        } else if structure.inSameCycle(index, producer.task) {
          continue
        } else if structure.isAncestor(index, of: producer.task) {
          // Adding the need would close a cycle, so the usual fix does not apply.
          let producerID = tasks[producer.task].id
          diagnostics.append(
            Diagnostic(.handoffNotUpstream,
              "task '\(task.id)' consumes '\(artifact.value)', but its producer '\(producerID)' runs after it",
              at: artifact.location, notes: [.init("'\(producerID)' produces it here", at: producer.location)],
              help: "'\(producerID)' depends on '\(task.id)'; consume '\(artifact.value)' in a task that runs after '\(producerID)', or remove that dependency"))
        } else if !structure.isAncestor(producer.task, of: index) {
          let producerID = tasks[producer.task].id
          diagnostics.append(
            Diagnostic(.handoffNotUpstream,
              "task '\(task.id)' consumes '\(artifact.value)', but its producer '\(producerID)' does not run before it",
              at: artifact.location, notes: [.init("'\(producerID)' produces it here", at: producer.location)],
              help: "add '\(producerID)' to 'needs' of '\(task.id)'"))
        }
      }
    }
    for index in tasks.indices {
      for artifact in tasks[index].produces where !consumed.contains(artifact.value) && !suggested.contains(artifact.value) {
        diagnostics.append(
          Diagnostic(.handoffUnconsumed, "artifact '\(artifact.value)' of task '\(tasks[index].id)' is consumed by no task",
            at: artifact.location,
            help: "add it to 'consumes' of the task that uses it, or drop it from 'produces'"))
      }
    }
  }
}
