/// The orchgen release, reported by `--version` and in SARIF output.
public enum OrchgenVersion {
  public static let current = "0.1.0"
}
