import Yams

/// Finds how many columns a scalar occupies in its source line, because libyaml reports only
/// where a node starts and a caret under the whole value is far easier to read.
enum ScalarSpan {
  static func width(of value: String, style: Node.Scalar.Style, line: Substring, column: Int) -> Int {
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
      if !value.contains("\n") { return max(value.unicodeScalars.count, 1) }
      return trimmedLength(scalars, from: start)
    default:
      return trimmedLength(scalars, from: start)
    }
  }

  private static func trimmedLength(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
    var end = scalars.count
    while end > start, scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
    return max(end - start, 1)
  }
}
