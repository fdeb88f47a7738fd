#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A large block mapping (a workflow's `tasks`: 10,000 entries, 2 MB) parsed in pieces on all
/// cores.
///
/// Inside a block mapping whose keys stand at column `indent`, every content line indented by
/// exactly `indent` spaces starts one of its keys: deeper content is indented more, block
/// scalars in it are indented more than their key, and the subset has no multi-line flow
/// collections or quoted scalars. So the mapping splits at such lines into pieces that parse
/// independently, each as the same loop over keys would, and their entries join in order. The
/// mapping ends at the first content line indented less, where the sequential parse would
/// leave it. Any piece that declines declines the file.
extension FastYAMLParser {
  /// The entries of the mapping whose first key is on the pending line, parsed in pieces, and
  /// the nodes they hold; nil (nothing consumed) when the mapping is too small to be worth it.
  mutating func entriesInPieces(indent: Int) throws(Decline) -> (entries: [YAMLPair], nodes: Int)? {
    // Only the outer levels hold mappings this large; deeper ones would only pay the scan.
    guard depth <= 4, bytes.count - lineStart >= 4 * pieceBytes else { return nil }
    var found: [(offset: Int, line: Int)] = [(lineStart, line)]
    var next = lineStart
    var lineNumber = line
    var mappingEnd = bytes.count
    var endLine = lineNumber
    while next < bytes.count {
      var first = next
      while bytes[first] == .space { first += 1 }
      let byte = bytes[first]
      if byte != .newline, byte != .hash {
        if first - next < indent {
          mappingEnd = next
          break
        }
        // A dash there is an entry of an indentless sequence, the value of the key before it.
        if first - next == indent, !isEntry(first), next - found[found.count - 1].offset >= pieceBytes {
          found.append((next, lineNumber))
        }
      }
      // memchr: this scan runs ahead of the parse over the whole mapping.
      next = UnsafeRawPointer(memchr(bytes.baseAddress! + first, 0x0A, bytes.count - first)!)
        - UnsafeRawPointer(bytes.baseAddress!) + 1
      lineNumber += 1
      endLine = lineNumber
    }
    guard found.count >= 4 else { return nil }

    nonisolated(unsafe) let bytes = bytes
    let (path, isASCII, pieceBytes, depth, starts, end) = (path, isASCII, pieceBytes, depth, found, mappingEnd)
    let pieces = Parallel.map(starts.count) { piece -> (entries: MoveStack<YAMLPair>, nodes: Int)? in
      let start = starts[piece].offset
      let stop = piece + 1 < starts.count ? starts[piece + 1].offset : end
      var parser = FastYAMLParser(
        bytes: UnsafeBufferPointer(rebasing: bytes[start..<stop]), path: path, isASCII: isASCII,
        pieceBytes: pieceBytes, line: starts[piece].line, depth: depth)
      parser.nextContentLine()
      do {
        try parser.entries(indent: indent, firstKey: nil)
      } catch {
        return nil
      }
      // A piece ends where the next one starts: anything else is a structure the split misread.
      guard parser.pending < 0 else { return nil }
      return (parser.pairs, parser.nodes)
    }
    var count = 0
    var total = 0
    for piece in pieces {
      guard let piece else { throw Decline() }
      count += piece.nodes
      total += piece.entries.count
    }
    // The entries are moved out of each piece's stack, not copied (retained) and released.
    let entries = [YAMLPair](unsafeUninitializedCapacity: total) { buffer, initialized in
      initialized = 0
      for piece in pieces { initialized += piece!.entries.moveAll(to: buffer.baseAddress! + initialized) }
    }
    // Continue after the mapping, as the sequential loop would have.
    pos = end
    lineStart = end
    line = endLine
    nextContentLine()
    return (entries, count)
  }
}
