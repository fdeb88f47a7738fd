/// Runs every cross-file and graph check over a loaded project and its expanded workflows.
public enum ProjectValidator {
  public static func validate(
    _ project: Project, graphs: [TaskGraph], instructions: [String: Instructions], diagnostics: inout [Diagnostic]
  ) {
  }
}
