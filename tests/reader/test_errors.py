"""Every bad input is one located error; warnings are located too."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import MINI_MODULE, MINI_YAML
from generator.errors import GuideError, Reporter
from generator.reader import read_guide


def errors_of(src: Path) -> list[str]:
    """Read the guide; return its error lines (file name and line only, not the tmp path)."""
    with pytest.raises(GuideError) as info:
        read_guide(src, Reporter())
    return [f"{Path(d.loc.file).name}:{d.loc.line}: {d.message}" for d in info.value.diagnostics]


def warnings_of(src: Path) -> list[str]:
    report = Reporter()
    read_guide(src, report)
    return [f"{Path(d.loc.file).name}:{d.loc.line}: {d.message}" for d in report.warnings]


def test_invalid_yaml_names_line(make_guide):
    [err] = errors_of(make_guide(yaml="exam:\n  code: X\n  title: [unclosed\ndomains: []\n"))
    assert err.startswith("guide.yaml:4: invalid YAML")


@pytest.mark.parametrize("key", ["code", "title"])
def test_missing_exam_key(make_guide, key):
    yaml = MINI_YAML.replace(f"  {key}:", f"  other_{key}:")
    errs = errors_of(make_guide(yaml=yaml))
    assert any(f"missing required key '{key}'" in e for e in errs)


def test_missing_domains(make_guide):
    [err] = errors_of(make_guide(yaml="exam:\n  code: X\n  title: Y\n"))
    assert "missing required list 'domains'" in err


def test_weights_not_100(make_guide):
    [err] = errors_of(make_guide(yaml=MINI_YAML.replace("weight: 40", "weight: 30")))
    assert err.startswith("guide.yaml:4: domain weights add up to 90, not 100")


def test_unknown_domain(make_guide):
    [err] = errors_of(make_guide({"01-first.md": MINI_MODULE.replace("[A]", "[A, Z]")}))
    assert err.startswith("01-first.md:2: unknown domain 'Z'")


def test_missing_front_matter(make_guide):
    [err] = errors_of(make_guide({"01-first.md": "### 1.1 Basics\n\n**T** - text.\n"}))
    assert err.startswith("01-first.md:1: missing front matter")


def test_invalid_front_matter_yaml(make_guide):
    [err] = errors_of(make_guide({"01-first.md": "---\ntitle: A\ndomains: [A\n---\n\ntext\n"}))
    assert err.startswith("01-first.md:4: invalid YAML") or err.startswith("01-first.md:3: invalid YAML")


def test_missing_title(make_guide):
    [err] = errors_of(make_guide({"01-first.md": MINI_MODULE.replace("title: First Module\n", "")}))
    assert err.startswith("01-first.md:2: front matter: missing required key 'title'")


def test_non_utf8_names_line(make_guide):
    data = MINI_MODULE.encode().replace(b"The first term", b"The first t\xe9rm")
    [err] = errors_of(make_guide({"01-first.md": data}))
    assert err.startswith("01-first.md:8: is not valid UTF-8")


def test_binary_file(make_guide):
    [err] = errors_of(make_guide({"01-first.md": b"\x89PNG\r\n\x1a\n\x00\x00"}))
    assert err == "01-first.md:None: is a binary file, not UTF-8 text"


def test_empty_file(make_guide):
    [err] = errors_of(make_guide({"01-first.md": "  \n"}))
    assert err == "01-first.md:None: is empty"


def test_empty_guide_yaml(make_guide):
    [err] = errors_of(make_guide(yaml=""))
    assert err == "guide.yaml:None: is empty"


def test_duplicate_pinned_ids_both_places(make_guide):
    body = MINI_MODULE + "\n**Other**{#same} - One.\n\n**Third**{#same} - Two.\n"
    errs = errors_of(make_guide({"01-first.md": body}))
    assert [e.split(":")[1] for e in errs] == ["10", "12"]
    assert all("pinned id 'same' is also used at" in e for e in errs)


def test_unclosed_fence(make_guide):
    body = MINI_MODULE + "\n```python\nx = 1\n\n### 1.2 Swallowed\n\n**Lost** - gone.\n"
    [err] = errors_of(make_guide({"01-first.md": body}))
    assert err.startswith("01-first.md:10: code fence ``` is never closed")


def test_missing_source_dir(tmp_path):
    with pytest.raises(GuideError, match="source folder not found"):
        read_guide(tmp_path / "nope", Reporter())


def test_no_modules(make_guide):
    [err] = errors_of(make_guide({}))
    assert "holds no module files" in err


def test_duplicate_module_number(make_guide):
    errs = errors_of(make_guide({"01-first.md": MINI_MODULE, "01-again.md": MINI_MODULE}))
    assert any("module number 01 is also used" in e for e in errs)


def test_symlink_outside_source_refused(make_guide, tmp_path):
    outside = tmp_path / "secret.md"
    outside.write_text(MINI_MODULE)
    src = make_guide()
    os.symlink(outside, src / "modules" / "02-link.md")
    [err] = errors_of(src)
    assert err.startswith("02-link.md:None: is a symlink to") and "outside the source folder" in err


def test_all_errors_reported_at_once(make_guide):
    errs = errors_of(make_guide({"01-first.md": "", "02-second.md": MINI_MODULE.replace("[A]", "[Q]")}))
    assert len(errs) == 2


def test_stray_file_warned_and_ignored(make_guide):
    src = make_guide({"01-first.md": MINI_MODULE, "notes.txt": "scratch"})
    assert warnings_of(src) == ["notes.txt:None: ignored: module files are named NN-slug.md (e.g. 03-data-processing.md)"]


def test_module_without_body_warned(make_guide):
    src = make_guide({"01-first.md": MINI_MODULE, "02-empty.md": "---\ntitle: Empty\ndomains: []\n---\n"})
    assert any(w.startswith("02-empty.md:4: has front matter but no body") for w in warnings_of(src))


def test_placeholder_warned_and_dropped(make_guide):
    src = make_guide({"01-first.md": MINI_MODULE + "\n*[Continue with Modules 6-12...]*\n"})
    assert warnings_of(src) == ["01-first.md:10: editorial placeholder '*[Continue with Modules 6-12...]*' is not study material; delete it"]
    guide = read_guide(src, Reporter())
    assert len(guide.modules[0].sections[0].blocks) == 1


def test_term_defined_twice_in_section_gets_suffix(make_guide):
    src = make_guide({"01-first.md": MINI_MODULE + "\n**Term One** - Again.\n"})
    [w] = warnings_of(src)
    assert w.startswith("01-first.md:10: 'Term One' is defined twice")
    ids = [f.id for f in read_guide(src, Reporter()).facts]
    assert ids == ["m01-1_1-term-one", "m01-1_1-term-one-2"]


def test_term_defined_twice_across_sections_warned(make_guide):
    src = make_guide({"01-first.md": MINI_MODULE + "\n### 1.2 More\n\n**Term One** - Again.\n"})
    [w] = warnings_of(src)
    assert w.startswith("01-first.md:12: term 'Term One' is defined twice (also at")


def test_domain_statement_mismatch_warned(make_guide):
    body = MINI_MODULE + "\n**Domain 2: Beta (35%)** - Weighted wrongly.\n\n- Domain 1: Alpha (60%)\n"
    [w] = warnings_of(make_guide({"01-first.md": body}))
    assert w == "01-first.md:10: text says 'Domain 2: Beta (35%)' but guide.yaml has B 'Beta' (40%)"


def test_exam_format_is_read(make_guide):
    yaml = MINI_YAML.replace("  title: Test Exam\n", "  title: Test Exam\n  questions: 65\n  scored_questions: 50\n"
                             "  unscored_questions: 15\n  question_types: [multiple choice, ordering]\n")
    guide = read_guide(make_guide(yaml=yaml), Reporter())
    assert (guide.exam.scored_questions, guide.exam.unscored_questions) == (50, 15)
    assert guide.exam.question_types == ("multiple choice", "ordering")
    assert guide.exam.format_line() == "65 questions (50 scored, 15 unscored)"


def test_scored_and_unscored_must_add_up(make_guide):
    yaml = MINI_YAML.replace("  title: Test Exam\n", "  title: Test Exam\n  questions: 65\n  scored_questions: 50\n"
                             "  unscored_questions: 10\n")
    [err] = errors_of(make_guide(yaml=yaml))
    assert err == "guide.yaml:5: exam: scored (50) and unscored (10) questions do not add up to 65"


def test_question_types_must_be_a_list_of_names(make_guide):
    yaml = MINI_YAML.replace("  title: Test Exam\n", "  title: Test Exam\n  question_types: ordering\n")
    [err] = errors_of(make_guide(yaml=yaml))
    assert err.startswith("guide.yaml:4: exam: 'question_types' must be a list of names")
