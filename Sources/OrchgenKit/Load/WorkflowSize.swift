/// How large a workflow becomes once its pattern sugar is expanded, computed from the
/// definitions alone (linear in what is written), so the loader can refuse a workflow whose
/// expansion would exhaust time or memory before expanding it: a `for_each` of a million
/// items, or two stages of 100,000 tasks each, where every task needs every task of the
/// previous stage (10 billion dependencies from a 3 MB file), or a 1 MB description copied
/// into each of 300 fan-out items (1.4 GB of output).
///
/// The counts are upper bounds of what `WorkflowExpander` creates, saturating at `Int.max`.
enum WorkflowSize {
  struct Estimate: Equatable {
    /// Tasks after expansion: fan-out items and their review, validate and fix gates.
    var tasks: Int
    /// Dependency edges after expansion: needs (a need on a fanned-out or gated task means
    /// one edge per expanded task), gates, and stages (every pair of adjacent stage tasks).
    var dependencies: Int
    /// Bytes of text the expanded tasks carry (id, description, success criteria, write
    /// scopes, hand-offs), `{item}` substituted: what generation copies into several files.
    var text: Int
  }

  static func estimate(_ workflow: WorkflowDefinition) -> Estimate {
    // Through a buffer, by index and per field: binding each definition, or passing an array
    // element on, copied (retained) all of its fields.
    workflow.tasks.withUnsafeBufferPointer { estimate(of: $0) }
  }

  private static func estimate(of definitions: UnsafeBufferPointer<TaskDefinition>) -> Estimate {
    // Only tasks that expand to more than one are recorded: an id not in the map counts 1,
    // so the common workflow without fan-out or gates needs no lookups at all.
    var sizeByID: [String: Int] = [:]
    var tasks = 0
    var stageSizes: [Int: Int] = [:]
    var sizes: [Int] = []
    sizes.reserveCapacity(definitions.count)
    for index in definitions.indices {
      let size = expandedCount(definitions.baseAddress! + index)
      sizes.append(size)
      if size != 1 {
        sizeByID[definitions[index].id.value] = size
      } else if !sizeByID.isEmpty {
        sizeByID[definitions[index].id.value] = nil
      }
      tasks = add(tasks, size)
      if let stage = definitions[index].stage { stageSizes[stage] = add(stageSizes[stage] ?? 0, size) }
    }
    var dependencies = 0
    var text = 0
    for index in definitions.indices {
      text = add(text, multiply(sizes[index], textBytes(definitions.baseAddress! + index)))
      let items = max(1, definitions[index].forEach.count)
      var perItem = 0
      if sizeByID.isEmpty {
        perItem = definitions[index].needs.count + definitions[index].reviews.count
      } else {
        for need in definitions[index].needs { perItem = add(perItem, sizeByID[need.value] ?? 1) }
        for reviewed in definitions[index].reviews { perItem = add(perItem, sizeByID[reviewed.value] ?? 1) }
      }
      // Each gate needs the task it follows.
      let gates = sizes[index] / items - 1
      dependencies = add(dependencies, multiply(items, add(perItem, gates)))
    }
    for (stage, size) in stageSizes {
      dependencies = add(dependencies, multiply(size, stageSizes[stage - 1] ?? 0))
    }
    return Estimate(tasks: tasks, dependencies: dependencies, text: text)
  }

  /// The text one expanded task of `task` carries, with the longest `{item}` substituted and
  /// room for the id a fan-out item or gate adds.
  static func textBytes(_ definition: UnsafePointer<TaskDefinition>) -> Int {
    // Field by field through the pointer: a binding of the whole definition is a copy.
    let task = (id: definition.pointee.id, description: definition.pointee.description, forEach: definition.pointee.forEach)
    let longestItem = task.forEach.reduce(0) { max($0, $1.value.utf8.count) }
    var bytes = 2 * task.id.value.utf8.count + 2 * longestItem + 64
    func count(_ text: String) {
      // Only fan-out tasks substitute `{item}`; the others need no scan.
      let placeholders = longestItem == 0 || text.utf8.count < 6 ? 0 : text.components(separatedBy: "{item}").count - 1
      bytes = add(bytes, add(text.utf8.count, multiply(placeholders, longestItem)))
    }
    if let description = task.description { count(description.value) }
    // List by list: an array of the four lists cost an allocation and copies per task.
    for entry in definition.pointee.success { count(entry.value) }
    for entry in definition.pointee.writes { count(entry.value) }
    for entry in definition.pointee.produces { count(entry.value) }
    for entry in definition.pointee.consumes { count(entry.value) }
    return bytes
  }

  /// The tasks one definition expands to: one per fan-out item, each with its gates.
  static func expandedCount(_ task: UnsafePointer<TaskDefinition>) -> Int {
    var gates = task.pointee.reviewers.count
    if let validate = task.pointee.validate { gates += validate.fix == nil ? 1 : 2 }
    if task.pointee.fix != nil { gates += 1 }
    return multiply(max(1, task.pointee.forEach.count), 1 + gates)
  }

  private static func add(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? .max : sum
  }

  private static func multiply(_ a: Int, _ b: Int) -> Int {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? .max : product
  }
}
