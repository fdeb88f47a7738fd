/// "Did you mean" suggestions, with rustc's restricted Damerau–Levenshtein distance and limit.
public enum EditDistance {
  /// Restricted Damerau–Levenshtein distance (a transposition of neighbours counts 1).
  public static func distance(_ a: String, _ b: String) -> Int {
    let s = Array(a.unicodeScalars)
    let t = Array(b.unicodeScalars)
    if s.isEmpty { return t.count }
    if t.isEmpty { return s.count }
    var previousPrevious = [Int](repeating: 0, count: t.count + 1)
    var previous = Array(0...t.count)
    var current = [Int](repeating: 0, count: t.count + 1)
    for i in 1...s.count {
      current[0] = i
      for j in 1...t.count {
        let cost = s[i - 1] == t[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
          value = min(value, previousPrevious[j - 2] + 1)
        }
        current[j] = value
      }
      (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[t.count]
  }

  /// The closest candidate within rustc's limit `max(len, 3) / 3`, case-insensitive matches first;
  /// ties go to the earlier candidate so suggestions are deterministic.
  public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
    let lowered = word.lowercased()
    var best: (String, Int)? = nil
    let limit = max(word.unicodeScalars.count, 3) / 3
    for candidate in candidates {
      if candidate.lowercased() == lowered { return candidate }
      let d = distance(lowered, candidate.lowercased())
      if d <= limit, best == nil || d < best!.1 { best = (candidate, d) }
    }
    if best == nil {
      // Same words in another order or with other separators: "id_task" for "task-id".
      let words = Set(lowered.split(whereSeparator: { "-_ .".contains($0) }))
      for candidate in candidates
      where Set(candidate.lowercased().split(whereSeparator: { "-_ .".contains($0) })) == words {
        return candidate
      }
    }
    return best?.0
  }
}
