/// The Claude Code target: `output/claude/agents/` (every agent and a coordinator per
/// workflow) and `output/claude/commands/` (a slash command per workflow). Copy the folder to
/// `.claude/` and type `/<workflow> <request>`.
public struct ClaudeTarget: TargetGenerator {
  public init() {}

  public func files(_ context: BuildContext) -> [GeneratedFile] {
    let settings = context.settings
    var files: [GeneratedFile] = []
    let agents = Set(context.project.agents.map(\.id.value))
    func inClaudeWords(_ instructions: Instructions?) -> Instructions? {
      guard var instructions else { return nil }
      instructions.body = ClaudeWording.body(instructions.body, agents: agents)
      return instructions
    }
    for agent in context.project.agents {
      files.append(
        ClaudeGenerator.agentFile(
          agent, instructions: inClaudeWords(context.compilation.instructions[agent.id.value]), settings: settings))
    }
    for workflow in context.workflows {
      let prompt = CoordinatorPromptGenerator.prompt(
        graph: workflow.graph, plan: workflow.plan,
        coordinatorInstructions: inClaudeWords(context.compilation.instructions[workflow.coordinatorID]),
        outputLabel: context.outputLabel, tool: .claudeCode, sections: workflow.planSections)
      files.append(ClaudeGenerator.coordinatorAgentFile(workflow, settings: settings, prompt: prompt))
      files.append(ClaudeGenerator.commandFile(workflow))
    }
    return files
  }

  public func violations(in files: [GeneratedFile]) -> [String] {
    ClaudePreflight.violations(in: files)
  }
}
