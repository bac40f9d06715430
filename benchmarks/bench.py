"""Benchmarks for studygen, as ratios to a reference measured in the same run (machines are noisy).

Reference: WeasyPrint rendering the whole guide once as a plain 3-column A4-landscape PDF, imports included.
Every measure runs as its own process (wall time, imports included), on a copy of the guide outside git.

    python benchmarks/bench.py [--repeat 3] [--write docs/benchmarks.md]
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STUDYGEN = [sys.executable, "-m", "generator.cli"]
REFERENCE = """
import sys
from markdown_it import MarkdownIt
from weasyprint import HTML
text = "\\n\\n".join(open(p, encoding="utf-8").read().split("---\\n", 2)[-1] for p in sys.argv[1:-1])
css = "@page { size: A4 landscape; margin: 10mm } body { column-count: 3; font-size: 7pt }"
HTML(string=f"<style>{css}</style>" + MarkdownIt("js-default").render(text)).write_pdf(sys.argv[-1])
"""

PAIRED: dict[str, list[tuple[float, float]]] = {}
"""By measure: (reference seconds, measure seconds) of each run and the reference run just before it."""
TARGETS = {"cold build": 1.2, "no-op rebuild": 0.08, "one-module edit": 0.4, "check": 0.08}


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) * 1024  # type: ignore[union-attr]
            for task in Path(f"/proc/{p}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError):
            continue
    return total


def run(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time of a command and the peak memory of its process tree (sampled every 20 ms)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, done = [0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err.decode()[-3000:]}")
    return elapsed, peak[0]


def big_guide(src: Path, dest: Path, factor: int = 10) -> None:
    """Each module's body repeated ``factor`` times, sections and terms renamed in each copy."""
    shutil.copytree(src, dest)
    for module in (dest / "modules").glob("*.md"):
        _, front, body = module.read_text(encoding="utf-8").split("---\n", 2)
        copies = [body]
        for k in range(2, factor + 1):
            copy = re.sub(r"^### (\S+) (.*)$", rf"### \1.{k} \2 (part {k})", body, flags=re.M)
            copy = re.sub(r"^\*\*([^*\n]+?)\*\*", rf"**\1 {k}**", copy, flags=re.M)
            copies.append(copy)
        module.write_text("---\n" + front + "---\n" + "\n".join(copies), encoding="utf-8")


def watched_edits(src: Path, out: Path, target: Path, original: str, repeat: int) -> tuple[float, int]:
    """`studygen watch` running: the median time from saving one module to the "rebuilt" line (the watcher's 300 ms
    debounce included), and the peak memory of the watch process tree."""
    proc = subprocess.Popen([*STUDYGEN, "watch", "--source", str(src), "--out", str(out)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    seen = threading.Event()

    def read() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.append(line)
            if "watching" in line or ("rebuilt" in line and "rebuilt 0 " not in line):
                seen.set()

    def wait_line() -> None:
        if not seen.wait(300):
            raise SystemExit("studygen watch did not report in time:\n" + "".join(lines[-20:]))
        seen.clear()

    threading.Thread(target=read, daemon=True).start()
    peak, times = 0, []
    try:
        wait_line()
        for n in range(repeat):
            time.sleep(1.0)
            started = time.perf_counter()
            target.write_text(original.replace("Harmonic mean of precision and recall", f"Harmonic mean of precision and recall (watch {n})"), encoding="utf-8")
            while not seen.wait(0.02):
                peak = max(peak, tree_rss(proc.pid))
                if time.perf_counter() - started > 300:
                    raise SystemExit("studygen watch did not rebuild in time:\n" + "".join(lines[-20:]))
            times.append(time.perf_counter() - started)
            seen.clear()
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    return statistics.median(times), peak


def measure(repeat: int) -> dict[str, tuple[float, int]]:
    """Every measure, each the median of ``repeat`` runs where a run is repeatable."""
    work = Path(tempfile.mkdtemp(prefix="studygen-bench-"))
    src, out = work / "source", work / "build"
    # Fresh file dates: outside git the guide's revision is its newest file date, and with the checkout's dates the
    # first edit (of another day) would change it and rebuild the checklist and the practice exam too.
    shutil.copytree(ROOT / "source", src, copy_function=shutil.copy)
    modules = sorted((src / "modules").glob("*.md"))
    results: dict[str, tuple[float, int]] = {}

    def median(name: str, make: callable) -> None:  # type: ignore[valid-type]
        runs = [make() for _ in range(repeat)]
        results[name] = (statistics.median(r[0] for r in runs), max(r[1] for r in runs))

    def reference() -> tuple[float, int]:
        return run([sys.executable, "-c", REFERENCE, *map(str, modules), str(work / "ref.pdf")], ROOT)

    def cold() -> tuple[float, int]:
        shutil.rmtree(out, ignore_errors=True)
        return run([*STUDYGEN, "build", "--source", str(src), "--out", str(out)], ROOT)

    refs: list[tuple[float, int]] = []

    def after_reference(name: str, make: callable) -> callable:  # type: ignore[valid-type]
        """``make`` preceded by a reference run: this machine's speed drifts by 10% within minutes, so the reference
        runs alternate with every measure that has a target, and their ratios are taken run by run (see report)."""
        def both() -> tuple[float, int]:
            refs.append(reference())
            run_ = make()  # type: ignore[operator]
            PAIRED.setdefault(name, []).append((refs[-1][0], run_[0]))
            return run_  # type: ignore[no-any-return]
        return both

    results["reference"] = (0.0, 0)  # the report's first row; the median of all reference runs, set at the end
    median("cold build", after_reference("cold build", cold))
    median("no-op rebuild", after_reference("no-op rebuild", lambda: run(
        [*STUDYGEN, "build", "--source", str(src), "--out", str(out)], ROOT)))
    target = src / "modules" / "07-model-evaluation-and-performance-optimization.md"
    original = target.read_text(encoding="utf-8")

    def edit() -> tuple[float, int]:
        edit.n += 1  # type: ignore[attr-defined]
        target.write_text(original.replace("Harmonic mean of precision and recall", f"Harmonic mean of precision and recall (edit {edit.n})"), encoding="utf-8")  # type: ignore[attr-defined]
        return run([*STUDYGEN, "build", "--source", str(src), "--out", str(out)], ROOT)

    edit.n = 0  # type: ignore[attr-defined]
    median("one-module edit", after_reference("one-module edit", edit))
    results["one-module edit, watch"] = watched_edits(src, out, target, original, repeat)
    median("check", after_reference("check", lambda: run([*STUDYGEN, "check", "--source", str(src)], ROOT)))

    def only(source: Path, dest: Path) -> tuple[float, int]:
        shutil.rmtree(dest, ignore_errors=True)
        return run([*STUDYGEN, "build", "--source", str(source), "--out", str(dest), "--only", "anki,cheatsheets"], ROOT)

    big = work / "big"
    big_guide(ROOT / "source", big)
    median("decks+sheets, real guide", lambda: only(src, work / "o1"))
    median("decks+sheets, 10x guide", lambda: only(big, work / "o10"))
    shutil.rmtree(work, ignore_errors=True)
    results["reference"] = (statistics.median(r[0] for r in refs), max(r[1] for r in refs))
    return results


def report(results: dict[str, tuple[float, int]], command: str) -> str:
    """A Markdown report of times, ratios and targets."""
    ref = results["reference"][0]
    lines = [f"Measured with `{command}` on {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}.", "",
             "| measure | seconds | ratio to reference | target | peak memory (MB) |", "|---|---|---|---|---|"]
    for name, (secs, mem) in results.items():
        target = TARGETS.get(name)
        # Paired measures: the median of each run's ratio to the reference run just before it.
        ratio = statistics.median(m / r for r, m in PAIRED[name]) if name in PAIRED else secs / ref
        verdict = "" if target is None else f"≤ {target}× {'✓' if ratio <= target else '✗'}"
        lines.append(f"| {name} | {secs:.2f} | {ratio:.3f}× | {verdict} | {mem / 2**20:.0f} |")
    for name, pairs in PAIRED.items():
        runs = ", ".join(f"{r:.2f}/{m:.2f}" for r, m in pairs)
        lines.append(f"\n{name}, run by run (reference s / {name} s): {runs}")
    real, big = results["decks+sheets, real guide"][0], results["decks+sheets, 10x guide"]
    lines += ["", f"10× guide, decks and sheets: {big[0] / real:.2f}× the real guide's time (target ≤ 11×), "
              f"peak memory {big[1] / 2**20:.0f} MB (target ≤ 600 MB) {'✓' if big[0] / real <= 11 and big[1] <= 600 * 2**20 else '✗'}"]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Run, print, and optionally write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (median taken)")
    parser.add_argument("--write", type=Path, help="also write the report into this Markdown file's results block")
    args = parser.parse_args()
    command = "python benchmarks/bench.py " + " ".join(sys.argv[1:])
    text = report(measure(args.repeat), command.strip())
    print(text)
    if args.write:
        doc = args.write.read_text(encoding="utf-8") if args.write.exists() else "<!-- results -->\n<!-- /results -->\n"
        doc = re.sub(r"<!-- results -->.*<!-- /results -->", lambda _: f"<!-- results -->\n{text}<!-- /results -->", doc, flags=re.S)
        args.write.write_text(doc, encoding="utf-8")


if __name__ == "__main__":
    main()
