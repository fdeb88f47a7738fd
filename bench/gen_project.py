#!/usr/bin/env python3
"""Generates a synthetic orchgen project for benchmarks (Python 3 standard library only).

    python3 bench/gen_project.py --tasks 10000 --out bench/work/p10000 [--github-actions FILE]

The project is deterministic for a given set of arguments (--seed) and passes
`orchgen check --no-drift` without findings:

- N tasks spread over ceil(N / --tasks-per-workflow) workflows (default: one workflow up to
  10,000 tasks, so a 100,000-task project has ten 10,000-task workflows: one workflow file of
  100,000 tasks would exceed orchgen's 8 MiB input limit);
- each task needs about three earlier tasks of its workflow (two from the recent past, one from
  anywhere before, deduplicated);
- a share of tasks produce an artifact that a later task consumes, and the consumer needs the
  producer;
- a share of tasks write a glob under a directory of their own (`services/svc-NN/mod-NNNNN/**`),
  so no two writes can conflict;
- a few dozen agents with model aliases, permissions and markdown instructions of realistic
  size: prose, lists, code, `<!-- include: partials/x.md -->` includes and a `## Checklist`.

With --github-actions FILE it also writes a GitHub Actions workflow holding the first workflow's
tasks as jobs with the same `needs` edges (`runs-on` and one trivial step each), the input
actionlint is measured on.
"""

import argparse
import os
import random
import sys

ROLES = [
    ("planner", "Turns a request into an implementation plan with contracts and acceptance criteria"),
    ("backend-coder", "Implements backend behaviour with tests inside its write scope"),
    ("frontend-coder", "Implements user interface changes with component tests"),
    ("schema-agent", "Writes reversible database migrations and model changes"),
    ("test-writer", "Writes and runs integration tests for one service"),
    ("reviewer", "Reviews a change for correctness, security and consistency"),
    ("security-scanner", "Audits a change for injection, authorisation and secret handling"),
    ("doc-writer", "Updates user and developer documentation for a change"),
    ("integrator", "Wires services together and checks cross-service contracts"),
    ("perf-analyst", "Measures the performance effect of a change and flags regressions"),
    ("style-checker", "Checks formatting, naming and lint rules and fixes what is mechanical"),
    ("release-manager", "Prepares changelogs, version bumps and release notes"),
]

PARTIALS = {
    "engineering": (
        "Engineering rules",
        [
            "Read the code you change and its tests before you edit anything.",
            "Keep each change small enough that a reviewer can hold it in mind at once.",
            "Prefer the project's existing helpers to new ones; add a dependency only when asked.",
            "Run the narrowest relevant tests after each step and the wider suite at the end.",
            "Never disable, skip or weaken a test to make a change pass.",
        ],
    ),
    "conventions": (
        "Conventions",
        [
            "Follow the formatting and naming of the surrounding code.",
            "Write commit-ready changes, but never commit: the coordinator owns the history.",
            "Put temporary notes under `.orchestrator/`, never in the repository tree.",
            "Quote file paths and commands exactly, so a reader can run them.",
        ],
    ),
    "handoff": (
        "Hand-offs",
        [
            "Read every input artifact named in your task file before you start.",
            "Hand off each artifact you produce in your result, as its `### <name>` section under Outputs.",
            "An artifact stands on its own: its consumer has not seen your conversation.",
            "If an input is missing, stop with `Status: failed` and name the missing artifact.",
        ],
    ),
    "findings": (
        "Findings",
        [
            "Every finding names the file and line, what is wrong and why it matters.",
            "Rank findings as critical, high, medium or low, and say which block a merge.",
            "Separate facts you verified from suspicions you could not confirm.",
        ],
    ),
    "state": (
        "Run state",
        [
            "Your result file is `.orchestrator/results/<agent-NN>-result.md`.",
            "Start it with `Status: completed` or `Status: failed`, then a Summary.",
            "Report decisions in a `## Decisions` section, one flag per line.",
        ],
    ),
}

LOREM = (
    "The change must leave the codebase in a state another engineer could pick up without asking "
    "questions: every public behaviour documented, every edge case the request implies covered by a "
    "test, and every deviation from the plan stated with its reason. Work inside your write scope; "
    "other agents are editing other parts of the repository at the same time, and a stray edit "
    "there turns a parallel run into a merge conflict. When something outside your scope blocks you, "
    "say so in your result file instead of working around it."
)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def agent_ids(count):
    """`count` worker agent ids, role names with a numeric suffix once the roles run out."""
    ids = []
    index = 0
    while len(ids) < count:
        role, _ = ROLES[index % len(ROLES)]
        round_ = index // len(ROLES)
        ids.append(role if round_ == 0 else f"{role}-{round_ + 1}")
        index += 1
    return ids


def instructions(agent, role_text, rng):
    """Markdown instructions of a few kilobytes: sections, steps, a code block, includes and a checklist."""
    partials = rng.sample(sorted(PARTIALS), 3)
    steps = "\n".join(
        f"{n}. {sentence}"
        for n, sentence in enumerate(
            [
                "Read the task file: description, success criteria, write scope and consumed artifacts.",
                "Read every consumed artifact, then the code you will change and its tests.",
                "Plan the change in small steps and write the plan at the top of your notes.",
                "Implement one step at a time, running the relevant tests after each.",
                "Run lint, type check and the test suite of the area you touched.",
                "Write the result file with what you did, how you verified it and what remains.",
            ],
            1,
        )
    )
    body = [
        f"# {agent}\n",
        f"{role_text}. {LOREM}\n",
        "## Role\n",
        f"You are one of several agents working on the same request. {LOREM}\n",
        "## Inputs\n",
        "- Your task file: description, success criteria, write scope, consumed artifacts.\n"
        "- The result files of the tasks your task needs, listed under Dependencies.\n"
        "- The user's request, as the coordinator passes it.\n",
        "## How you work\n",
        steps + "\n",
        "When a command fails, record the exact command and its output:\n",
        "```sh\nmake test 2>&1 | tee .orchestrator/logs/test.log\n```\n",
        "## Output\n",
        f"- Changes inside your write scope, and nothing else.\n- A result file. {LOREM}\n",
    ]
    for name in partials:
        body.append(f"<!-- include: partials/{name}.md -->\n")
    body.append("## Checklist\n")
    body.append(
        "- Every success criterion of the task is met and verified.\n"
        "- Every consumed artifact was read; every produced artifact is written and listed.\n"
        "- No file outside the write scope was changed and nothing was committed.\n"
        "- The result file states what was verified and how.\n"
    )
    return "\n".join(body)


def generate(args):
    rng = random.Random(args.seed)
    out = args.out
    workers = agent_ids(args.agents)
    models = ["deep", "balanced", "fast"]
    colors = ["primary", "secondary", "accent", "success", "warning", "info", "#4f9dde", "#8b5cf6"]

    write(
        os.path.join(out, "config/orchgen.yaml"),
        "# orchgen project settings (synthetic benchmark project)\n"
        "models:\n"
        "  deep: anthropic/claude-opus-4-5\n"
        "  balanced: anthropic/claude-sonnet-4-5\n"
        "  fast: anthropic/claude-haiku-4-5\n"
        "defaults: { model: balanced, estimate: 30m, max_concurrent: 8 }\n",
    )

    agents = ["# orchgen agent library (synthetic benchmark project)\n", "agents:\n"]
    agents.append(
        "  coordinator:\n"
        "    description: Dispatches the workflow's tasks in parallel and tracks the run in .orchestrator/\n"
        "    mode: primary\n"
        "    model: deep\n"
        "    temperature: 0.2\n"
        "    permission:\n"
        '      edit: { "*": deny, ".orchestrator/*": allow }\n'
        '      bash: { "*": deny, "git status*": allow, "git diff*": allow }\n'
        "      task: allow\n"
    )
    for number, agent in enumerate(workers):
        role = ROLES[number % len(ROLES)][1]
        agents.append(
            f"  {agent}:\n"
            f"    description: {role}\n"
            f"    model: {models[number % 3]}\n"
            f"    temperature: 0.{number % 4 + 1}\n"
            f'    color: "{colors[number % len(colors)]}"\n'
            "    permission:\n"
            '      edit: { "*": allow, ".git/*": deny }\n'
            '      bash: { "*": ask, "git diff*": allow, "git status*": allow, "make test*": allow }\n'
            "      task: deny\n"
        )
    write(os.path.join(out, "config/agents.yaml"), "\n".join(agents))

    write(
        os.path.join(out, "content/instructions/coordinator.md"),
        "# Coordinator\n\nYou run the workflow described below. "
        + LOREM
        + "\n\n<!-- include: partials/state.md -->\n\n## Checklist\n\n"
        "- Every task is completed or skipped.\n- The final output is written.\n",
    )
    for number, agent in enumerate(workers):
        role = ROLES[number % len(ROLES)][1]
        write(os.path.join(out, f"content/instructions/{agent}.md"), instructions(agent, role, rng))
    for name, (title, rules) in PARTIALS.items():
        text = f"### {title}\n\n" + "\n".join(f"- {rule}" for rule in rules) + "\n"
        write(os.path.join(out, f"content/partials/{name}.md"), text)

    per = max(1, args.tasks_per_workflow)
    remaining = args.tasks
    workflows = []
    index = 0
    while remaining > 0:
        count = min(per, remaining)
        name = f"wf-{index + 1:03d}"
        tasks = workflow_tasks(count, workers, rng, args)
        write(os.path.join(out, f"config/workflows/{name}.yaml"), workflow_yaml(name, tasks))
        workflows.append((name, tasks))
        remaining -= count
        index += 1

    if args.github_actions:
        write(args.github_actions, github_actions_yaml(workflows[0][0], workflows[0][1]))
    return workflows


def workflow_tasks(count, workers, rng, args):
    """Tasks in declaration order; each is a dict with id, agent, needs and optional keys."""
    width = max(5, len(str(count)))
    tasks = []
    for position in range(count):
        task = {
            "id": f"t{position:0{width}d}",
            # Every agent gets a task (an unused agent is a warning), then agents are drawn at random.
            "agent": workers[position] if position < len(workers) else workers[rng.randrange(len(workers))],
            "needs": [],
            "produces": [],
            "consumes": [],
            "writes": [],
            "estimate": rng.choice(["15m", "30m", "45m", "1h", "1h30m", "2h"]),
        }
        if position > 0:
            picks = set()
            for _ in range(2):
                picks.add(rng.randrange(max(0, position - 40), position))
            picks.add(rng.randrange(0, position))
            task["needs"] = sorted(picks)
        tasks.append(task)
    # Hand-offs: a producer's artifact is consumed by a later task, which needs the producer.
    for position in range(count - 1):
        if rng.random() < args.handoff_share:
            consumer = rng.randrange(position + 1, min(count, position + 60))
            artifact = f"{tasks[position]['id']}-notes.md"
            tasks[position]["produces"].append(artifact)
            tasks[consumer]["consumes"].append(artifact)
            if position not in tasks[consumer]["needs"]:
                tasks[consumer]["needs"] = sorted(tasks[consumer]["needs"] + [position])
    # Writes: one directory per task, so no two writers overlap.
    for position, task in enumerate(tasks):
        if rng.random() < args.writes_share:
            service = position % 24
            task["writes"] = [f"services/svc-{service:02d}/{task['id']}/**"]
            if rng.random() < 0.3:
                task["writes"].append(f"docs/{task['id']}/*.md")
    return tasks


def yaml_list(items):
    return "[" + ", ".join(items) + "]"


def workflow_yaml(name, tasks):
    lines = [
        f"# Workflow {name} (synthetic benchmark project)",
        f"description: Synthetic workflow {name} with {len(tasks)} tasks",
        "coordinator: coordinator",
        "max_concurrent: 8",
        "merge: concatenate",
        "",
        "tasks:",
    ]
    for task in tasks:
        lines.append(f"  {task['id']}:")
        lines.append(f"    agent: {task['agent']}")
        lines.append(f"    description: Carry out step {task['id']} of {name} and report what changed")
        if task["needs"]:
            lines.append("    needs: " + yaml_list(tasks[n]["id"] for n in task["needs"]))
        if task["produces"]:
            lines.append("    produces: " + yaml_list(task["produces"]))
        if task["consumes"]:
            lines.append("    consumes: " + yaml_list(task["consumes"]))
        if task["writes"]:
            lines.append("    writes: " + yaml_list(f'"{glob}"' for glob in task["writes"]))
        lines.append(f"    estimate: {task['estimate']}")
        # Every task says how it is verified (a task with neither success criteria nor an
        # artifact is a warning, and the project must check clean).
        if task["writes"]:
            lines.append("    success:")
            lines.append(f"      - The change under {task['writes'][0]} is covered by tests")
        elif not task["produces"]:
            lines.append("    success:")
            lines.append(f"      - The report of {task['id']} lists what was checked")
    return "\n".join(lines) + "\n"


def github_actions_yaml(name, tasks):
    lines = [f"name: {name}", "on: [push]", "jobs:"]
    for task in tasks:
        lines.append(f"  {task['id']}:")
        lines.append("    runs-on: ubuntu-latest")
        if task["needs"]:
            lines.append("    needs: " + yaml_list(tasks[n]["id"] for n in task["needs"]))
        lines.append("    steps:")
        lines.append("      - run: echo ok")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", type=int, required=True, help="number of tasks in all")
    parser.add_argument("--out", required=True, help="project directory to create (must not exist)")
    parser.add_argument("--tasks-per-workflow", type=int, default=10_000)
    parser.add_argument("--agents", type=int, default=36, help="worker agents (plus a coordinator)")
    parser.add_argument("--handoff-share", type=float, default=0.2, help="share of tasks that produce an artifact")
    parser.add_argument("--writes-share", type=float, default=0.3, help="share of tasks with writes globs")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--github-actions", help="also write the first workflow as a GitHub Actions workflow here")
    args = parser.parse_args()
    if os.path.exists(args.out):
        sys.exit(f"{args.out} exists; remove it first")
    workflows = generate(args)
    total = sum(len(tasks) for _, tasks in workflows)
    edges = sum(len(task["needs"]) for _, tasks in workflows for task in tasks)
    print(f"{args.out}: {total} tasks, {edges} needs in {len(workflows)} workflow(s), {args.agents + 1} agents")


if __name__ == "__main__":
    main()
