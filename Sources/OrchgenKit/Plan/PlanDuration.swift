/// How plan durations (whole seconds) are written for people and for JSON.
public enum PlanDuration {
  /// `seconds` in minutes.
  public static func minutes(_ seconds: Int) -> Double { Double(seconds) / 60 }

  /// A short human duration: `9h`, `1h30m`, `45m`, `1m30s`, `20s`; `0m` for zero.
  ///
  /// Hours never roll over into days: a plan is read against the estimates, which are written
  /// in hours and minutes.
  public static func human(_ seconds: Int) -> String {
    if seconds == 0 { return "0m" }
    let sign = seconds < 0 ? "-" : ""
    let magnitude = seconds.magnitude
    let hours = magnitude / 3600
    let minutes = magnitude % 3600 / 60
    let rest = magnitude % 60
    var text = sign
    if hours > 0 { text += "\(hours)h" }
    if minutes > 0 { text += "\(minutes)m" }
    if rest > 0 { text += "\(rest)s" }
    return text
  }

  /// `seconds` in minutes as a JSON number: an integer when whole, otherwise at most three
  /// decimals (`1.5`, `0.167`).
  ///
  /// Computed in integers so that the output does not depend on how a platform prints doubles.
  public static func jsonMinutes(_ seconds: Int) -> String {
    if seconds % 60 == 0 { return String(seconds / 60) }
    let negative = seconds < 0
    let magnitude = seconds.magnitude
    // Thousandths of a minute, rounded half up: seconds × 1000 / 60.
    let thousandths = (magnitude * 1000 + 30) / 60
    var fraction = String(thousandths % 1000)
    fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
    while fraction.hasSuffix("0") { fraction.removeLast() }
    let whole = "\(negative ? "-" : "")\(thousandths / 1000)"
    return fraction.isEmpty ? whole : "\(whole).\(fraction)"
  }
}
