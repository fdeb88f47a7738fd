import CLibYAML

/// Finds how many columns a scalar occupies in its source line, because libyaml reports only
/// where a node starts and a caret under the whole value is far easier to read.
///
/// `YAMLLoader` measures single-line scalars from libyaml's end mark; this is the rule for the
/// rest (multi-line quoted and block scalars, plain scalars holding a line break).
enum ScalarSpan {
  enum Style {
    case plain, singleQuoted, doubleQuoted, block

    init(_ style: yaml_scalar_style_t) {
      switch style {
      case YAML_PLAIN_SCALAR_STYLE: self = .plain
      case YAML_SINGLE_QUOTED_SCALAR_STYLE: self = .singleQuoted
      case YAML_DOUBLE_QUOTED_SCALAR_STYLE: self = .doubleQuoted
      default: self = .block
      }
    }
  }

  static func width(of value: String, style: Style, line: Substring, column: Int) -> Int {
    let scalars = Array(line.unicodeScalars)
    let start = column - 1
    guard start >= 0, start < scalars.count else { return max(value.unicodeScalars.count, 1) }
    switch style {
    case .singleQuoted:
      var index = start + 1
      while index < scalars.count {
        if scalars[index] == "'" {
          if index + 1 < scalars.count, scalars[index + 1] == "'" {
            index += 2
            continue
          }
          return index - start + 1
        }
        index += 1
      }
      return scalars.count - start
    case .doubleQuoted:
      var index = start + 1
      while index < scalars.count {
        if scalars[index] == "\\" {
          index += 2
          continue
        }
        if scalars[index] == "\"" { return index - start + 1 }
        index += 1
      }
      return scalars.count - start
    case .plain:
      if !value.utf8.contains(UInt8(ascii: "\n")) { return max(value.unicodeScalars.count, 1) }
      return trimmedLength(scalars, from: start)
    case .block:
      return trimmedLength(scalars, from: start)
    }
  }

  private static func trimmedLength(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
    var end = scalars.count
    while end > start, scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
    return max(end - start, 1)
  }
}
