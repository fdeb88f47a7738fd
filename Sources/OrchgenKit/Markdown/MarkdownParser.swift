import CCmark

/// orchgen's only door to libcmark. Each function parses, copies what it needs into Swift
/// values and frees the tree, iterator and rendered buffers before returning, so no `cmark_node`
/// ever outlives the call that made it.
public enum MarkdownParser {
  /// The linked libcmark's version, e.g. "0.30.2" (part of `ToolIdentity`).
  static var libraryVersion: String { String(cString: cmark_version_string()) }

  /// Parses `markdown` (CommonMark) and copies out headings, the first paragraph, include
  /// directives, mentions, relative links and the checklist, with 1-based scalar positions.
  public static func parse(_ markdown: String) -> MarkdownDocument {
    var collector = MarkdownCollector(source: markdown)
    guard let root = parseTree(markdown, options: CMARK_OPT_SOURCEPOS) else { return collector.document }
    defer { cmark_node_free(root) }
    guard let iterator = cmark_iter_new(root) else { return collector.document }
    defer { cmark_iter_free(iterator) }

    while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE, event != CMARK_EVENT_NONE {
      guard let node = cmark_iter_get_node(iterator) else { continue }
      let entering = event == CMARK_EVENT_ENTER
      let line = Int(cmark_node_get_start_line(node))
      switch Kind(node) {
      case .heading where entering:
        collector.heading(level: Int(cmark_node_get_heading_level(node)), text: plainText(node), line: line)
        collector.enterInlineBlock(startLine: line, endLine: Int(cmark_node_get_end_line(node)))
      case .paragraph where entering:
        if cmark_node_parent(node) == root { collector.topLevelParagraph(text: plainText(node)) }
        collector.enterInlineBlock(startLine: line, endLine: Int(cmark_node_get_end_line(node)))
      case .item where entering && collector.isInChecklist:
        collector.listItem(text: plainText(node, skippingLists: true, keepingCodeSpans: true))
      case .htmlBlock:
        collector.htmlBlock(literal: literal(node), startLine: line)
      case .text:
        collector.text(literal(node), line: line, byteColumn: Int(cmark_node_get_start_column(node)))
      case .link where entering, .image where entering:
        let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        collector.link(
          url: url, isImage: Kind(node) == .image, line: line, byteColumn: Int(cmark_node_get_start_column(node)),
          endLine: Int(cmark_node_get_end_line(node)), endByteColumn: Int(cmark_node_get_end_column(node)))
      case .link, .image, .code, .htmlInline, .softBreak, .lineBreak:
        collector.boundary()
      default:
        break
      }
    }
    return collector.document
  }

  /// Re-renders `markdown` as CommonMark with every heading `levels` deeper (capped at 6), so an
  /// instruction file can sit under another document's heading. The output is cmark's canonical
  /// form, unwrapped (width 0) so it is stable; `levels <= 0` returns the text unchanged.
  public static func demotingHeadings(_ markdown: String, by levels: Int) -> String {
    guard levels > 0 else { return markdown }
    let shift = Int32(min(levels, 5))
    guard let root = parseTree(markdown, options: CMARK_OPT_DEFAULT) else { return markdown }
    defer { cmark_node_free(root) }
    guard let iterator = cmark_iter_new(root) else { return markdown }
    defer { cmark_iter_free(iterator) }
    while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE, event != CMARK_EVENT_NONE {
      // cmark allows changing a node only on its exit event (or entry, for leaves).
      guard event == CMARK_EVENT_EXIT, let node = cmark_iter_get_node(iterator), Kind(node) == .heading else {
        continue
      }
      cmark_node_set_heading_level(node, min(cmark_node_get_heading_level(node) + shift, 6))
    }
    guard let buffer = cmark_render_commonmark(root, CMARK_OPT_DEFAULT, 0) else { return markdown }
    defer { release(buffer) }
    return String(cString: buffer)
  }

  private static func parseTree(_ markdown: String, options: Int32) -> OpaquePointer? {
    markdown.withCString { cmark_parse_document($0, markdown.utf8.count, options) }
  }

  /// Frees a renderer's buffer with the allocator cmark made it with.
  private static func release(_ buffer: UnsafeMutablePointer<CChar>) {
    if let free = cmark_get_default_mem_allocator()?.pointee.free {
      free(buffer)
    }
  }

  private static func literal(_ node: OpaquePointer) -> String {
    cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
  }

  /// The text a reader sees in `node`: literals and code spans, breaks as spaces, whitespace
  /// collapsed. Uses an iterator rather than recursion so deep nesting cannot exhaust the stack.
  /// With `keepingCodeSpans`, code spans keep their backticks (checklist items are shown as
  /// markdown again in task files, where `schema_needed` must stay code).
  private static func plainText(
    _ node: OpaquePointer, skippingLists: Bool = false, keepingCodeSpans: Bool = false
  ) -> String {
    guard let iterator = cmark_iter_new(node) else { return "" }
    defer { cmark_iter_free(iterator) }
    var text = ""
    while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE, event != CMARK_EVENT_NONE {
      guard let current = cmark_iter_get_node(iterator) else { continue }
      switch Kind(current) {
      case .list where skippingLists && current != node && event == CMARK_EVENT_ENTER:
        // Jump to the list's exit: nested items are read on their own, and walking them here
        // would make deeply nested lists quadratic.
        cmark_iter_reset(iterator, current, CMARK_EVENT_EXIT)
      case .code where keepingCodeSpans:
        let code = literal(current)
        // A fence longer than any backtick run inside, padded when the code touches a backtick.
        var longest = 0
        var run = 0
        for character in code {
          run = character == "`" ? run + 1 : 0
          longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = code.hasPrefix("`") || code.hasSuffix("`") ? " " : ""
        text += fence + pad + code + pad + fence
      case .text, .code:
        text += literal(current)
      case .softBreak, .lineBreak, .paragraph, .heading:
        text += " "
      default:
        break
      }
    }
    return collapsingWhitespace(text)
  }

  /// `text` with runs of whitespace made one space and none at either end. ASCII text (nearly
  /// all of it) is done on bytes; other text by `Character.isWhitespace`, which is far slower.
  static func collapsingWhitespace(_ text: String) -> String {
    var text = text
    let ascii: String? = text.withUTF8 { bytes in
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count)
      var pendingSpace = false
      for byte in bytes {
        guard byte < 0x80 else { return nil }
        // Character.isWhitespace for ASCII: space, \t, \n, \v, \f and \r.
        if byte == 0x20 || (0x09...0x0D).contains(byte) {
          pendingSpace = !out.isEmpty
        } else {
          if pendingSpace { out.append(0x20) }
          pendingSpace = false
          out.append(byte)
        }
      }
      return String(decoding: out, as: UTF8.self)
    }
    return ascii ?? text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// The node types orchgen distinguishes, so the rest of the file switches on a Swift enum.
  private enum Kind: Equatable {
    case heading, paragraph, item, list, htmlBlock, text, code, htmlInline, softBreak, lineBreak, link, image
    case other

    init(_ node: OpaquePointer) {
      switch cmark_node_get_type(node) {
      case CMARK_NODE_HEADING: self = .heading
      case CMARK_NODE_PARAGRAPH: self = .paragraph
      case CMARK_NODE_ITEM: self = .item
      case CMARK_NODE_LIST: self = .list
      case CMARK_NODE_HTML_BLOCK: self = .htmlBlock
      case CMARK_NODE_TEXT: self = .text
      case CMARK_NODE_CODE: self = .code
      case CMARK_NODE_HTML_INLINE: self = .htmlInline
      case CMARK_NODE_SOFTBREAK: self = .softBreak
      case CMARK_NODE_LINEBREAK: self = .lineBreak
      case CMARK_NODE_LINK: self = .link
      case CMARK_NODE_IMAGE: self = .image
      default: self = .other
      }
    }
  }
}
