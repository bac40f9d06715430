"""`studygen watch` rebuilds after a save, reports errors with their location and keeps running."""
from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time

from conftest import MINI_MODULE, ROOT


def reader(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line.rstrip("\n"))


def wait_for(lines: queue.Queue, needle: str, timeout: float = 180) -> list[str]:
    """Collect lines until one contains ``needle``; fail after ``timeout`` seconds."""
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        seen.append(line)
        if needle in line:
            return seen
    raise AssertionError(f"no line with {needle!r} within {timeout}s; saw: {seen}")


def test_watch_rebuilds_on_save_and_survives_errors(make_guide, tmp_path):
    src = make_guide()
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "watch", "--source", str(src), "--out", str(out), "--only", "checklist"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=reader, args=(proc.stdout, lines), daemon=True).start()
    try:
        wait_for(lines, "watching")
        module = src / "modules" / "01-first.md"
        module.write_text(MINI_MODULE.replace("[A]", "[Z]"))
        seen = wait_for(lines, "build failed")
        assert any("01-first.md:2: error: unknown domain 'Z'" in line for line in seen)
        assert proc.poll() is None, "watch must keep running after an error"
        module.write_text(MINI_MODULE + "\n### 1.2 Added Later\n\n**New Term** - Added while watching.\n")
        seen = wait_for(lines, "rebuilt")
        assert any("changed:" in line and "01-first.md" in line for line in seen)
        assert (out / "checklist.pdf").exists()
    finally:
        proc.terminate()
        proc.wait(timeout=30)



def test_watch_ignores_the_lock_each_deck_build_writes(tmp_path):
    """Every deck build rewrites anki.lock.json beside the source; that write must not start another build."""
    from watchfiles import Change

    from generator.watch import _not_written_by_builds

    keep = _not_written_by_builds(tmp_path)
    assert not keep(Change.modified, str(tmp_path / "anki.lock.json"))
    assert keep(Change.modified, str(tmp_path / "modules" / "01-first.md"))
    assert not keep(Change.modified, str(tmp_path / ".git" / "index"))  # watchfiles' own defaults still apply
