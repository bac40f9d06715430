"""Revisions: git short hash per file (-dirty when edited), the newest file date outside git."""
from __future__ import annotations

import os
import subprocess

from generator.errors import Reporter
from generator.reader import read_guide


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t"})


def test_outside_git_uses_newest_date(make_guide):
    src = make_guide()
    os.utime(src / "guide.yaml", (1_700_000_000, 1_700_000_000))
    os.utime(src / "modules" / "01-first.md", (1_600_000_000, 1_600_000_000))
    guide = read_guide(src, Reporter())
    assert guide.revision == "2023-11-14"
    assert guide.modules[0].revision == "2020-09-13"


def test_git_hash_and_dirty_per_file(make_guide, tmp_path):
    src = make_guide({"01-first.md": "---\ntitle: A\ndomains: [A]\n---\n\ntext\n", "02-second.md": "---\ntitle: B\ndomains: [B]\n---\n\ntext\n"})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "one")
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=tmp_path, capture_output=True, text=True).stdout.strip()
    guide = read_guide(src, Reporter())
    assert guide.revision == head and {m.revision for m in guide.modules} == {head}
    (src / "modules" / "02-second.md").write_text("---\ntitle: B\ndomains: [B]\n---\n\nedited\n")
    guide = read_guide(src, Reporter())
    assert guide.revision == f"{head}-dirty"
    assert [m.revision for m in guide.modules] == [head, f"{head}-dirty"]


def test_other_files_beside_the_guide_do_not_change_revision(make_guide, tmp_path):
    src = make_guide()
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "one")
    before = read_guide(src, Reporter()).revision
    (src / "anki.lock.json").write_text("{}")
    assert read_guide(src, Reporter()).revision == before
