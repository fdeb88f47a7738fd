import Testing

@testable import OrchgenKit

@Suite struct MarkdownParserTests {
  @Test func headingsTitleAndFirstParagraph() {
    let document = MarkdownParser.parse(
      """
      > A quote first.

      # Coder *agent*

      You write **code** and
      run `swift test`.

      Setext
      ------
      """)
    #expect(
      document.headings == [
        .init(level: 1, text: "Coder agent", line: 3), .init(level: 2, text: "Setext", line: 8),
      ])
    #expect(document.title == "Coder agent")
    #expect(document.firstParagraph == "You write code and run swift test.")
  }

  @Test func checklistSectionItemsWithoutTaskMarkers() {
    let document = MarkdownParser.parse(
      """
      # Reviewer

      - not in the checklist

      ### CHECKLIST

      - [ ] Run `swift test`
      - [x] Update **docs**
      - Plain item
        - nested item
      * [X]

      ## After

      - not in the checklist either
      """)
    #expect(document.checklist == ["Run `swift test`", "Update docs", "Plain item", "nested item"])
  }

  @Test func includeDirectivesOnlyInHTMLBlocks() {
    let document = MarkdownParser.parse(
      """
      Intro

      <!-- include: partials/a.md -->

      > <!-- include: b.md -->

      ```
      <!-- include: in-code.md -->
      ```

      <!-- include: one.md --> <!-- trailing -->
      Text <!-- include: inline.md -->
      """)
    #expect(
      document.includes == [
        .init(path: "partials/a.md", line: 3, column: 15), .init(path: "b.md", line: 5, column: 17),
      ])
  }

  @Test func mentionsOnlyInProse() {
    let document = MarkdownParser.parse(
      """
      Ask @reviewer, not `@code`; mail ops@example.com or @Upper.
      See [@linked](http://x.dev/@url) and @scope/pkg, @site.com, @tester.

      ```
      @in-block
      ```

      Käse für @chef-
      """)
    #expect(
      document.mentions == [
        .init(id: "reviewer", line: 1, column: 5), .init(id: "linked", line: 2, column: 6),
        .init(id: "tester", line: 2, column: 61), .init(id: "chef", line: 8, column: 10),
      ])
  }

  @Test func mentionColumnsSurviveEntitiesAndIndentedContinuations() {
    let document = MarkdownParser.parse(
      """
      - first line
        &amp; then @bob
      - Tom &amp; @ann &amp; @ann
      """)
    #expect(
      document.mentions == [
        .init(id: "bob", line: 2, column: 14), .init(id: "ann", line: 3, column: 13),
        .init(id: "ann", line: 3, column: 24),
      ])
  }

  @Test func relativeLinksAndImages() {
    let document = MarkdownParser.parse(
      """
      [a](docs/x.md) ![i](img/p.png) [h](https://e.com) [m](mailto:a@b.c)
      [s](#section) [r](/etc/hosts) [f](x.md#frag) <https://auto.link>
      """)
    #expect(
      document.links == [
        .init(url: "docs/x.md", isImage: false, line: 1, column: 1, length: 14),
        .init(url: "img/p.png", isImage: true, line: 1, column: 16, length: 15),
        .init(url: "x.md#frag", isImage: false, line: 2, column: 31, length: 14),
      ])
  }

  @Test func demotingHeadingsRendersStableCommonMark() {
    let markdown = """
      # Title

      Some *text* that is long enough that a renderer with wrapping would break it somewhere.

      Setext
      ======

      ##### Deep

      ###### Deepest
      """
    #expect(
      MarkdownParser.demotingHeadings(markdown, by: 2) == """
        ### Title

        Some *text* that is long enough that a renderer with wrapping would break it somewhere.

        ### Setext

        ###### Deep

        ###### Deepest

        """)
    #expect(MarkdownParser.demotingHeadings(markdown, by: 0) == markdown)
    #expect(MarkdownParser.demotingHeadings("# A\n", by: Int.max) == "###### A\n")
  }

  @Test func relativeReferencesAndFilePaths() {
    #expect(MarkdownSyntax.isRelativeReference("docs/a.md"))
    #expect(MarkdownSyntax.isRelativeReference("../a.md"))
    #expect(!MarkdownSyntax.isRelativeReference("HTTPS://x.dev"))
    #expect(!MarkdownSyntax.isRelativeReference("ftp://x.dev"))
    #expect(!MarkdownSyntax.isRelativeReference("#top"))
    #expect(!MarkdownSyntax.isRelativeReference("/abs"))
    #expect(!MarkdownSyntax.isRelativeReference(""))
    #expect(MarkdownSyntax.filePath(ofReference: "my%20file.md?x=1#top") == "my file.md")
    #expect(MarkdownSyntax.filePath(ofReference: "bad%zz.md") == "bad%zz.md")
  }
}

extension MarkdownParserTests {
  /// Code spans keep a fence longer than any backtick run inside them.
  @Test func checklistCodeSpansKeepSafeFences() {
    let document = MarkdownParser.parse("## Checklist\n\n- Set ``a`b`` and `` `x` ``\n")
    #expect(document.checklist == ["Set ``a`b`` and `` `x` ``"])
  }
}
