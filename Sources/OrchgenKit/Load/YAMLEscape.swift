/// The escape sequences of double-quoted YAML scalars, decoded exactly as libyaml decodes them
/// (`yaml_parser_scan_flow_scalar`), for `FastYAMLParser`.
enum YAMLEscape {
  /// Decodes the escape whose backslash is at `index` into `output`; returns the index after
  /// it. An escaped line break (a scalar continued on the next line), an unknown escape or a
  /// code libyaml rejects declines, so libyaml reports it.
  static func decode(
    _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, into output: inout [UInt8]
  ) throws(FastYAMLParser.Decline) -> Int {
    let digits: Int
    switch bytes[index + 1] {
    case UInt8(ascii: "0"): return append([0x00])
    case UInt8(ascii: "a"): return append([0x07])
    case UInt8(ascii: "b"): return append([0x08])
    case UInt8(ascii: "t"): return append([0x09])
    case UInt8(ascii: "n"): return append([0x0A])
    case UInt8(ascii: "v"): return append([0x0B])
    case UInt8(ascii: "f"): return append([0x0C])
    case UInt8(ascii: "r"): return append([0x0D])
    case UInt8(ascii: "e"): return append([0x1B])
    case UInt8(ascii: " "): return append([0x20])
    case UInt8(ascii: "\""): return append([0x22])
    case UInt8(ascii: "/"): return append([0x2F])
    case UInt8(ascii: "\\"): return append([0x5C])
    case UInt8(ascii: "N"): return append([0xC2, 0x85])
    case UInt8(ascii: "_"): return append([0xC2, 0xA0])
    case UInt8(ascii: "L"): return append([0xE2, 0x80, 0xA8])
    case UInt8(ascii: "P"): return append([0xE2, 0x80, 0xA9])
    case UInt8(ascii: "x"): digits = 2
    case UInt8(ascii: "u"): digits = 4
    case UInt8(ascii: "U"): digits = 8
    default: throw FastYAMLParser.Decline()
    }
    func append(_ decoded: [UInt8]) -> Int {
      output.append(contentsOf: decoded)
      return index + 2
    }
    var value: UInt32 = 0
    for offset in 0..<digits {
      // The file ends with a line break, which is no hex digit: the scan stops there.
      guard let digit = hexValue(bytes[index + 2 + offset]) else { throw FastYAMLParser.Decline() }
      value = value << 4 + digit
    }
    guard let scalar = Unicode.Scalar(value) else { throw FastYAMLParser.Decline() }
    output.append(contentsOf: UTF8.encode(scalar)!)
    return index + 2 + digits
  }

  private static func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case 0x30...0x39: UInt32(byte - 0x30)
    case 0x41...0x46: UInt32(byte - 0x41 + 10)
    case 0x61...0x66: UInt32(byte - 0x61 + 10)
    default: nil
    }
  }
}
