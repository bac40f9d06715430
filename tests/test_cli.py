"""The command line: exit codes, message format, options passed through, build/ untouched on errors."""
from __future__ import annotations

import json
from pathlib import Path
from unittest import mock

from click.testing import CliRunner

from conftest import MINI_MODULE
from generator.build import Options, Result
from generator.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


WARNED = MINI_MODULE + "\n**Domain 1: Data Engineering (20%)** - Quoted from another exam.\n"


def test_check_ok_prints_warnings_to_stderr(make_guide):
    result = run("check", "--source", str(make_guide({"01-first.md": WARNED})))
    assert result.exit_code == 0, result.output
    assert "01-first.md:10: warning: text says 'Domain 1: Data Engineering (20%)'" in result.stderr
    assert result.stdout == ""


def test_check_strict_fails_on_warnings(make_guide):
    assert run("check", "--strict", "--source", str(make_guide({"01-first.md": WARNED}))).exit_code == 1


def test_check_error_format_and_exit_code(make_guide):
    src = make_guide({"01-first.md": MINI_MODULE.replace("[A]", "[Z]")})
    result = run("check", "--source", str(src))
    assert result.exit_code == 1
    line = result.stderr.strip().splitlines()[0]
    assert line.endswith("01-first.md:2: error: unknown domain 'Z' (guide.yaml defines: A, B)")
    assert "Traceback" not in result.output


def test_error_without_line_has_no_line_number(make_guide):
    src = make_guide({"01-first.md": ""})
    assert run("check", "--source", str(src)).stderr.strip().endswith("01-first.md: error: is empty")


def test_build_on_error_leaves_out_untouched(make_guide, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("previous build")
    src = make_guide({"01-first.md": "no front matter"})
    result = run("build", "--source", str(src), "--out", str(out))
    assert result.exit_code == 1
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_build_passes_options():
    with mock.patch("generator.build.build", return_value=Result([Path("x")], ["made x"])) as build:
        result = run("build", "--source", "s", "--out", "o", "--paper", "letter", "--only", "anki, checklist")
    assert result.exit_code == 0, result.output
    build.assert_called_once()
    assert build.call_args.args[0] == Options(source=Path("s"), out=Path("o"), paper="letter", only=("anki", "checklist"))
    assert "made x" in result.stdout


def test_build_force_flag():
    with mock.patch("generator.build.build", return_value=Result()) as build:
        assert run("build", "--force").exit_code == 0
    assert build.call_args.args[0].force is True


def test_build_rejects_unknown_paper():
    assert run("build", "--paper", "a3").exit_code == 2


def test_build_rejects_unknown_output(make_guide, tmp_path):
    result = run("build", "--source", str(make_guide()), "--out", str(tmp_path / "o"), "--only", "slides")
    assert result.exit_code == 2
    assert "unknown output(s) slides" in result.output


def test_dump_is_json(make_guide):
    result = run("dump", "--source", str(make_guide()))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["modules"][0]["sections"][0]["blocks"][0]["fact"]["id"] == "m01-1_1-term-one"


def test_cards_prints_question_answer_kind_id_and_source(make_guide):
    body = MINI_MODULE + "\n**Batch Transform** - Offline predictions for whole datasets. Use when: no latency need.\n"
    src = make_guide({"01-first.md": body})
    result = run("cards", "--source", str(src))
    assert result.exit_code == 0, result.output
    assert "Q: When should you use Batch Transform?\nA: No latency need\n" in result.stdout
    assert "   clause · m01-1_1-batch-transform/clause/clause-use-when · " in result.stdout
    assert "01-first.md:10" in result.stdout
    kinds = run("cards", "--source", str(src), "--kind", "definition").stdout
    assert "What is Batch Transform?" in kinds and "When should you use" not in kinds
    assert run("cards", "--source", str(src), "--module", "7").stdout == ""
    flagged = run("cards", "--source", str(src), "--flag")
    assert flagged.exit_code == 0 and "flagged" in flagged.stderr


def test_cards_flag_lists_only_weak_cards(make_guide):
    body = MINI_MODULE + ("\n**Long One** - " + "word " * 60 + "end.\n")
    flagged = run("cards", "--source", str(make_guide({"01-first.md": body})), "--flag").stdout
    assert "! answer of" in flagged and flagged.count("Q: ") == 1
