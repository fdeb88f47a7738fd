/// The record's file format: a header line, then one line per fact, tab-separated, with `%`,
/// tab, line feed and carriage return in paths and labels percent-escaped.
///
///     orchgen build record 1
///     tool	orchgen 0.1.0 build-id … cmark 0.30.2
///     output	output
///     input	read:8388608	config/agents.yaml	bytes:5f2c…
///     file	AGENTS.md	9a41…	2049	1311247	19943	1763712000	123456789	1763712000	123456789
extension BuildRecord {
  func rendered() -> String {
    var lines = [Self.header, "tool\t" + Self.escape(tool), "output\t" + Self.escape(outputLabel)]
    lines.reserveCapacity(inputs.count + outputs.count + 4)
    for query in inputs {
      let kind =
        switch query.kind {
        case .kind: "kind"
        case .names: "names"
        case .read(let limit): "read:\(limit)"
        }
      lines.append("input\t\(kind)\t\(Self.escape(query.path))\t\(Self.escape(query.answer))")
    }
    for output in outputs {
      let stamp = output.stamp
      lines.append(
        "file\t\(Self.escape(output.path))\t\(output.hash)\t\(stamp.device)\t\(stamp.inode)\t\(stamp.size)\t"
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
    guard bytes.last == 0x0A else { return nil }
    var record = BuildRecord(tool: "", outputLabel: "", inputs: [], outputs: [])
    var lineStart = 0
    var isFirst = true
    var fields: [Slice<UnsafeBufferPointer<UInt8>>] = []
    var ended = false
    while lineStart < bytes.count {
      guard !ended else { return nil }
      var lineEnd = lineStart
      while bytes[lineEnd] != 0x0A { lineEnd += 1 }
      let line = bytes[lineStart..<lineEnd]
      lineStart = lineEnd + 1
      if isFirst {
        guard line.elementsEqual(header.utf8) else { return nil }
        isFirst = false
        continue
      }
      fields.removeAll(keepingCapacity: true)
      var fieldStart = line.startIndex
      for index in line.indices where line[index] == 0x09 {
        fields.append(line[fieldStart..<index])
        fieldStart = index + 1
      }
      fields.append(line[fieldStart..<line.endIndex])
      func text(_ index: Int) -> String { unescape(fields[index]) }
      func number<T: FixedWidthInteger>(_ index: Int) -> T? {
        var value: T = 0
        guard !fields[index].isEmpty else { return nil }
        for byte in fields[index] {
          guard byte >= 0x30, byte <= 0x39 else { return nil }
          let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
          let (sum, overflow2) = times.addingReportingOverflow(T(byte - 0x30))
          guard !overflow1, !overflow2 else { return nil }
          value = sum
        }
        return value
      }
      switch (text(0), fields.count) {
      case ("tool", 2): record.tool = text(1)
      case ("output", 2): record.outputLabel = text(1)
      case ("end", 3):
        guard number(1) == record.inputs.count, number(2) == record.outputs.count else { return nil }
        ended = true
      case ("input", 4):
        let kindText = text(1)
        let kind: InputQuery.Kind
        if kindText == "kind" {
          kind = .kind
        } else if kindText == "names" {
          kind = .names
        } else if kindText.hasPrefix("read:"), let limit = Int(kindText.dropFirst(5)), limit > 0,
          limit <= FileReader.maxFileSize
        {
          kind = .read(limit: limit)
        } else {
          return nil
        }
        // Only paths the loader could have asked about: a forged record must not make a
        // build open anything outside the project.
        let path = text(2)
        guard path.isEmpty || PathSafety.isSafeRelative(path) else { return nil }
        record.inputs.append(InputQuery(kind: kind, path: path, answer: text(3)))
      case ("file", 10):
        guard let device: UInt64 = number(3), let inode: UInt64 = number(4), let size: Int64 = number(5),
          let modifiedSeconds: Int64 = number(6), let modifiedNanoseconds: Int64 = number(7),
          let changedSeconds: Int64 = number(8), let changedNanoseconds: Int64 = number(9)
        else { return nil }
        let stamp = FileStamp(
          device: device, inode: inode, size: size,
          modified: .init(seconds: modifiedSeconds, nanoseconds: modifiedNanoseconds),
          changed: .init(seconds: changedSeconds, nanoseconds: changedNanoseconds))
        let path = text(1)
        guard PathSafety.isSafeRelative(path) else { return nil }
        record.outputs.append(Output(path: path, hash: text(2), stamp: stamp))
      default: return nil
      }
    }
    guard ended, record.outputs.contains(where: { $0.path == ManifestGenerator.path }) else { return nil }
    return record
  }

  static func escape(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 0x25 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "\t": out += "%09"
      case "\n": out += "%0A"
      case "\r": out += "%0D"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  static func unescape(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> String {
    guard field.contains(0x25) else { return String(decoding: field, as: UTF8.self) }
    var bytes: [UInt8] = []
    var input = field[...]
    while let byte = input.popFirst() {
      if byte == 0x25, input.count >= 2,
        let value = UInt8(String(decoding: input.prefix(2), as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        input = input.dropFirst(2)
        continue
      }
      bytes.append(byte)
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
