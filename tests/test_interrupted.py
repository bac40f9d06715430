"""An interrupted build leaves only complete files, and the next build recovers."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, ROOT, copy_guide


def snapshot(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in out.rglob("*") if p.is_file() and not p.relative_to(out).as_posix().startswith(".staging-")}


def assert_complete(out: Path) -> None:
    for path in out.rglob("*"):
        rel = path.relative_to(out).as_posix()
        if not path.is_file() or rel.startswith(".staging-"):
            continue
        assert ".tmp-" not in path.name, rel
        if path.suffix == ".pdf":
            assert len(PdfReader(path).pages) >= 1
        elif path.suffix == ".apkg":
            assert zipfile.ZipFile(path).testzip() is None


def start_build(src: Path, out: Path) -> subprocess.Popen:
    """A build to interrupt: --force, so it writes every output and stays in its staging phase long enough to be
    caught there (an incremental build of the mini guide can be over between two polls)."""
    return subprocess.Popen([sys.executable, "-m", "generator.cli", "build", "--force", "--source", str(src), "--out", str(out)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def wait_for_staging(out: Path, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if any(any(d.rglob("*.pdf")) for d in out.glob(".staging-*")):
            return
        time.sleep(0.01)
    pytest.fail("the build never started writing into staging")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_build_leaves_previous_outputs_and_recovers(tmp_path, sig):
    src, out = tmp_path / "src", tmp_path / "out"
    copy_guide(FIXTURES / "mini", src)
    assert subprocess.run([sys.executable, "-m", "generator.cli", "build", "--source", str(src), "--out", str(out)],
                          cwd=ROOT, capture_output=True).returncode == 0
    before = snapshot(out)
    module = src / "modules" / "02-scaling.md"
    module.write_text(module.read_text().replace("Resistant to outliers.", "Resistant to extreme outliers."))
    proc = start_build(src, out)
    wait_for_staging(out, proc)
    os.killpg(proc.pid, sig)
    proc.wait(timeout=60)
    assert proc.returncode != 0
    assert snapshot(out) == before  # killed before the final renames: the previous build is intact
    assert_complete(out)
    if sig == signal.SIGINT:
        assert not list(out.glob(".staging-*")), "Ctrl-C cleans up its staging folder"
    rebuilt = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--source", str(src), "--out", str(out)],
                             cwd=ROOT, capture_output=True, text=True)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert not list(out.glob(".staging-*")), "the next build removes an abandoned staging folder"
    assert_complete(out)
    after = snapshot(out)
    assert after["cheatsheets/02-scaling.pdf"] != before["cheatsheets/02-scaling.pdf"]
    assert after["cheatsheets/01-metrics.pdf"] == before["cheatsheets/01-metrics.pdf"]


def kill_own_process(*args: object) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_worker_killed_mid_build_is_a_clear_error_and_changes_nothing(tmp_path, monkeypatch):
    """The system kills a worker (out of memory, say): the build fails with a located message, not a traceback,
    and the previous outputs stay as they were."""
    import generator.render.checklist as checklist
    from generator.build import Options, build
    from generator.errors import GuideError
    from generator.pool import Pool

    src, out = tmp_path / "src", tmp_path / "out"
    copy_guide(FIXTURES / "mini", src)
    build(Options(source=src, out=out), echo=lambda line: None)
    before = snapshot(out)
    monkeypatch.setattr(checklist, "write_page", kill_own_process)  # the workers are forked: they see it too
    pool = Pool(workers=2)  # worker processes even on a one-core machine, where a build would run jobs in-process
    try:
        with pytest.raises(GuideError) as caught:
            build(Options(source=src, out=out, force=True), echo=lambda line: None, pool=pool)
    finally:
        pool.close(cancel=True)
    assert str(caught.value.diagnostics[0]).startswith(f"{out}: error: a worker process ended during a job")
    assert snapshot(out) == before
    assert not list(out.glob(".staging-*"))
