/// The record's file format (`RecordText`): a header line, then one line per fact.
///
///     orchgen build record 1
///     tool	orchgen 0.1.0 build-id … cmark 0.30.2
///     output	output
///     input	read:8388608	config/agents.yaml	bytes:5f2c…
///     file	AGENTS.md	9a41…	2049	1311247	19943	1763712000	123456789	1763712000	123456789
extension BuildRecord {
  func rendered() -> String {
    var lines = [Self.header, "tool\t" + RecordText.escape(tool), "output\t" + RecordText.escape(outputLabel)]
    lines.reserveCapacity(inputs.count + outputs.count + 4)
    for query in inputs {
      lines.append("input\t\(query.recordKind)\t\(RecordText.escape(query.path))\t\(RecordText.escape(query.answer))")
    }
    for output in outputs {
      let stamp = output.stamp
      lines.append(
        "file\t\(RecordText.escape(output.path))\t\(output.hash)\t\(stamp.device)\t\(stamp.inode)\t\(stamp.size)\t"
          + "\(stamp.modified.seconds)\t\(stamp.modified.nanoseconds)\t\(stamp.changed.seconds)\t\(stamp.changed.nanoseconds)")
    }
    // The count closes the record: one cut at a line boundary is not a record.
    lines.append("end\t\(inputs.count)\t\(outputs.count)")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The record at `path` and the record file's own stamp; nil if it is missing or not a
  /// record this orchgen wrote. Parsed on bytes: a record holds a line per file of the project
  /// and of the output, and Character-wise splitting was most of an up-to-date build.
  static func read(_ path: String) -> (BuildRecord, FileStamp)? {
    guard let stamp = FileStamp(lstatAt: path), let bytes = OutputState.readFile(path) else { return nil }
    return bytes.withUnsafeBufferPointer { buffer in parse(buffer).map { ($0, stamp) } }
  }

  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> BuildRecord? {
    var record = BuildRecord(tool: "", outputLabel: "", inputs: [], outputs: [])
    var ended = false
    let whole = RecordText.forEachLine(bytes, header: header) { fields in
      guard !ended else { return false }
      func text(_ index: Int) -> String { RecordText.unescape(fields[index]) }
      func number<T: FixedWidthInteger>(_ index: Int) -> T? { RecordText.number(fields[index]) }
      switch (text(0), fields.count) {
      case ("tool", 2): record.tool = text(1)
      case ("output", 2): record.outputLabel = text(1)
      case ("end", 3):
        guard number(1) == record.inputs.count, number(2) == record.outputs.count else { return false }
        ended = true
      case ("input", 4):
        // Only paths the loader could have asked about: a forged record must not make a
        // build open anything outside the project.
        guard let query = InputQuery(recordKind: text(1), path: text(2), answer: text(3)) else { return false }
        record.inputs.append(query)
      case ("file", 10):
        guard let device: UInt64 = number(3), let inode: UInt64 = number(4), let size: Int64 = number(5),
          let modifiedSeconds: Int64 = number(6), let modifiedNanoseconds: Int64 = number(7),
          let changedSeconds: Int64 = number(8), let changedNanoseconds: Int64 = number(9)
        else { return false }
        let stamp = FileStamp(
          device: device, inode: inode, size: size,
          modified: .init(seconds: modifiedSeconds, nanoseconds: modifiedNanoseconds),
          changed: .init(seconds: changedSeconds, nanoseconds: changedNanoseconds))
        let path = text(1)
        guard PathSafety.isSafeRelative(path) else { return false }
        record.outputs.append(Output(path: path, hash: text(2), stamp: stamp))
      default: return false
      }
      return true
    }
    guard whole, ended, record.outputs.contains(where: { $0.path == ManifestGenerator.path }) else { return nil }
    return record
  }
}

extension InputQuery {
  /// The query's kind as a record writes it: `kind`, `names` or `read:LIMIT`.
  var recordKind: String {
    switch kind {
    case .kind: "kind"
    case .names: "names"
    case .read(let limit): "read:\(limit)"
    }
  }

  /// A query read back from a record; nil for a kind no loader asks or a path outside the
  /// project (a forged record must not make orchgen open anything outside it).
  init?(recordKind: String, path: String, answer: String) {
    let kind: Kind
    if recordKind == "kind" {
      kind = .kind
    } else if recordKind == "names" {
      kind = .names
    } else if recordKind.hasPrefix("read:"), let limit = Int(recordKind.dropFirst(5)), limit > 0,
      limit <= FileReader.maxFileSize
    {
      kind = .read(limit: limit)
    } else {
      return nil
    }
    guard path.isEmpty || PathSafety.isSafeRelative(path) else { return nil }
    self.init(kind: kind, path: path, answer: answer)
  }
}
