/// How artifacts travel between tasks, in the one wording that task files, coordinator
/// prompts, `AGENTS.md`, the starter project's partial and this repository's `handoff.md`
/// partial all use (a test keeps them equal).
///
/// Artifacts travel in results, not in files of their own: a result is the one thing every
/// driver records whatever the tool (`orchgen done` writes it under the run's state folder),
/// and Claude Code tells its subagents not to write report files, so a convention of artifact
/// files under `.orchestrator/` would depend on the model disobeying its tool.
public enum HandoffConvention {
  /// The rule, as one paragraph.
  public static let rule = """
    An artifact travels in the result of the task that produces it: a `### <artifact-name>` \
    section under `## Outputs` holding its content (for files changed inside the write scope, \
    their paths and what changed). orchgen records each result as \
    `.orchestrator/results/agent-NN-result.md`; the tasks that consume the artifact read it there. \
    Nobody writes artifact files under `.orchestrator/`.
    """
}
