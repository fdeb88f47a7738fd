/// Decides whether two `writes` globs can match a common path: the intersection of two
/// regular languages, walked over pattern positions with memoisation (quadratic in length).
///
/// Syntax: `**` matches any run of characters including `/`; `*` any run without `/`; `?` one
/// character other than `/`; `[...]` is treated as one character other than `/`; a trailing
/// `/` means everything below the directory.
public enum GlobOverlap {
  enum Token: Equatable {
    case literal(Unicode.Scalar)
    case oneChar
    case star
    case globstar

    var isStar: Bool { self == .star || self == .globstar }
  }

  public static func overlap(_ a: String, _ b: String) -> Bool {
    overlap(tokens(a), tokens(b))
  }

  static func overlap(_ left: [Token], _ right: [Token]) -> Bool {
    let width = right.count + 1
    var visited = [Bool](repeating: false, count: (left.count + 1) * width)
    var pending = [(0, 0)]
    while let (i, j) = pending.popLast() {
      if i == left.count, j == right.count { return true }
      guard !visited[i * width + j] else { continue }
      visited[i * width + j] = true
      // A star may match the empty string.
      if i < left.count, left[i].isStar { pending.append((i + 1, j)) }
      if j < right.count, right[j].isStar { pending.append((i, j + 1)) }
      // `**/` also matches zero directories: `src/**/*.ts` covers `src/a.ts`.
      if i + 1 < left.count, left[i] == .globstar, left[i + 1] == .literal("/") { pending.append((i + 2, j)) }
      if j + 1 < right.count, right[j] == .globstar, right[j + 1] == .literal("/") { pending.append((i, j + 2)) }
      guard i < left.count, j < right.count else { continue }
      let l = left[i]
      let r = right[j]
      guard compatible(l, r) else { continue }
      // Both consume one common character; a star stays to match more.
      switch (l.isStar, r.isStar) {
      case (false, false): pending.append((i + 1, j + 1))
      case (true, false): pending.append((i, j + 1))
      case (false, true): pending.append((i + 1, j))
      case (true, true): break  // Skipping either star already covers this.
      }
    }
    return false
  }

  /// Whether some single character is matched by both tokens.
  private static func compatible(_ a: Token, _ b: Token) -> Bool {
    switch (a, b) {
    case (.literal(let x), .literal(let y)): x == y
    case (.literal(let x), .oneChar), (.literal(let x), .star), (.oneChar, .literal(let x)), (.star, .literal(let x)):
      x != "/"
    case (.globstar, _), (_, .globstar): true
    default: true
    }
  }

  static func tokens(_ pattern: String) -> [Token] {
    var pattern = pattern
    if pattern.hasPrefix("./") { pattern.removeFirst(2) }
    if pattern.hasSuffix("/") { pattern += "**" }
    let scalars = Array(pattern.unicodeScalars)
    var result: [Token] = []
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      switch scalar {
      case "*":
        if index + 1 < scalars.count, scalars[index + 1] == "*" {
          result.append(.globstar)
          index += 2
          while index < scalars.count, scalars[index] == "*" { index += 1 }
          continue
        }
        result.append(.star)
      case "?":
        result.append(.oneChar)
      case "[":
        if let close = scalars[(index + 1)...].firstIndex(of: "]") {
          result.append(.oneChar)
          index = close + 1
          continue
        }
        result.append(.literal(scalar))
      default:
        result.append(.literal(scalar))
      }
      index += 1
    }
    return result
  }

  /// The literal directory prefix before the first wildcard: two globs whose prefixes diverge
  /// cannot overlap, which lets validation skip most pairs without the full walk.
  static func literalPrefix(_ pattern: String) -> Substring {
    // On UTF-8: the three stops are ASCII, and a byte of theirs is never inside another
    // character's encoding (Character.contains on a literal per character was 5% of a check).
    let utf8 = pattern.utf8
    let stopByte = utf8.firstIndex { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") }
    let stop = stopByte ?? pattern.endIndex
    let head = pattern[..<stop]
    return head.hasPrefix("./") ? head.dropFirst(2) : head
  }
}
