"""Anki card generation as pure functions: which cards a definition yields and how they read (no genanki, no I/O)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES
from generator.build import load
from generator.model import Fact, Guide
from generator.render.anki import phrasing as ph
from generator.render.anki.cards import CardSpec, fact_cards
from generator.render.anki.cloze import cloze_html
from generator.render.anki.notes import guide_notes, rendered_fronts


def quiet(source: Path) -> Guide:
    """The guide, without printing its warnings."""
    return load(source, echo=lambda line: None)


@pytest.fixture(scope="module")
def mini() -> Guide:
    return quiet(FIXTURES / "mini")


def fact(guide: Guide, term: str) -> Fact:
    return next(f for f in guide.facts if f.term.startswith(term))


def cards_of(guide: Guide, term: str) -> list[CardSpec]:
    f = fact(guide, term)
    section = next(s for m in guide.modules for s in m.sections if f in s.facts)
    return fact_cards(f, section.title)


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_definition_clause_reverse_and_formula_cloze(mini: Guide) -> None:
    cards = cards_of(mini, "Precision")
    kinds = [c.kind for c in cards]
    assert kinds == ["cloze", "reverse", "clause"]
    assert cards[0].front == "Precision = {{c1::TP / (TP + FP)}}."
    assert text(cards[1].front) == "Which term is described here: “Of predicted positives, how many are correct.”?"
    assert cards[1].back == "Precision"
    assert text(cards[2].front) == "When would you choose Precision?"
    assert cards[2].back == "false positives are costly."


def test_core_definition_and_label_phrasings(mini: Guide) -> None:
    cards = cards_of(mini, "Accuracy")
    assert [text(c.front) for c in cards] == [
        "What is Accuracy?",
        "Which term is described here: “Misleading for imbalanced data.”?",
        "What are the advantages of Accuracy?",
        "What are the drawbacks of Accuracy?",
    ]
    assert cards[0].back == "Share of correct predictions."


def test_thresholds_become_deletions_without_their_comparator(mini: Guide) -> None:
    psi = cards_of(mini, "Population Stability Index")
    clozes = [c for c in psi if c.kind == "cloze"]
    assert clozes[0].front.endswith("PSI = {{c1::Σ (a - e) × ln(a / e)}}.")
    assert clozes[1].front == (
        "PSI &lt; {{c1::0.1}}: no shift, {{c2::0.1-0.25}}: moderate shift, &gt; {{c3::0.25}}: significant shift."
    )
    assert clozes[1].answers == ("0.1", "0.1-0.25", "0.25")


def test_every_part_is_carried_by_some_card(mini: Guide) -> None:
    for f in mini.facts:
        section = next(s for m in mini.modules for s in m.sections if f in s.facts)
        cards = fact_cards(f, section.title)
        assert cards, f.id
        carried = {i for c in cards for i in c.parts}
        assert carried == set(range(len(f.parts))), f.id


def test_source_text_is_escaped_and_inline_markdown_rendered(make_guide) -> None:
    src = make_guide({"01-first.md": "---\ntitle: T\ndomains: [A]\n---\n\n### 1.1 S\n\n"
                      "**<script>x</script>** - Compares `a < b` and **bold** text. Use when: a <b>tag</b> shows.\n"})
    cards = fact_cards(quiet(src).facts[0], "S")
    html = " ".join(c.front + c.back for c in cards)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<code>a &lt; b</code>" in html and "<strong>bold</strong>" in html
    assert "&lt;b&gt;tag&lt;/b&gt;" in html


def test_code_goes_on_the_definition_card_highlighted_inline(mini: Guide) -> None:
    cards = cards_of(mini, "Trust Policy")
    assert len(cards) == 1 and cards[0].kind == "definition"
    assert 'style="' in cards[0].code and "class=" in cards[0].code
    assert "sagemaker.amazonaws.com" in cards[0].code


def test_long_code_stays_on_the_sheets(make_guide) -> None:
    code = "\n".join(f"line_{i} = {i}" for i in range(30))
    src = make_guide({"01-first.md": f"---\ntitle: T\ndomains: [A]\n---\n\n### 1.1 S\n\n**Setup** - Configure it:\n"
                      f"```python\n{code}\n```\n"})
    cards = fact_cards(quiet(src).facts[0], "S")
    assert "30 lines" in cards[0].code and "line_29" not in cards[0].code


def test_tip_lists_ask_about_the_tips(make_guide) -> None:
    src = make_guide({"01-first.md": "---\ntitle: T\ndomains: []\n---\n\n### 1.1 Exam Tips\n\n"
                      "**Service Selection** - Glue for serverless ETL, EMR for complex Spark workloads. "
                      "Early stopping prevents overfitting. Trust first instinct if uncertain.\n"})
    cards = fact_cards(quiet(src).facts[0], "Exam Tips")
    fronts = [c.front for c in cards]
    assert not any(f.startswith("What is") for f in fronts)
    assert "{{c1::Glue}} for serverless ETL, {{c2::EMR}} for complex Spark workloads" in fronts[0]
    assert "{{c1::Early stopping}} prevents overfitting" in fronts[1]
    assert text(fronts[2]) == "Which topic lists this point: “Trust first instinct if uncertain.”?"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Use when", "When would you choose X?"),
        ("Pros", "What are the advantages of X?"),
        ("Benefits", "What are the advantages of X?"),
        ("Cons", "What are the drawbacks of X?"),
        ("Drawbacks", "What are the drawbacks of X?"),
        ("AWS", "Which AWS services support X?"),
        ("AWS services", "Which AWS services support X?"),
        ("Hyperparameters", "What are the key hyperparameters of X?"),
        ("Covariate shift", "X: what is Covariate shift?"),
        ("Online Store", "X: what is Online Store?"),
        ("Images", "X: what about Images?"),
        ("Supports 250+ transformations", "X supports 250+ transformations — what exactly?"),
        ("Separate time-series into", "X: complete the statement “Separate time-series into …”"),
        ("Choose K", "X: what does “Choose K” involve?"),
        ("Errors spike", "X: complete the statement “Errors spike …”"),
        ("Model accuracy drops suddenly", "X: what applies when model accuracy drops suddenly?"),
        ("Typical patience", "What is the typical patience for X?"),
        ("For compliance", "X: what applies for compliance?"),
    ],
)
def test_label_phrasings(label: str, expected: str) -> None:
    assert text(ph.clause_question(label, "<b>X</b>", "<b>X</b>")) == expected


def test_unknown_labels_never_become_a_bare_label_question(project_source: Path) -> None:
    guide = quiet(project_source)
    labels = {p.label for f in guide.facts for p in f.clauses if p.label}
    for label in labels:
        question = text(ph.clause_question(label, "<b>X</b>", "<b>X</b>"))
        assert question != f"X — {label}?" and question != f"{label}?", label
        assert re.search(r"\b(what|which|when|how|complete|under)\b", question, re.I), (label, question)


def test_identity_is_the_fact_and_card_not_the_text(make_guide) -> None:
    body = "---\ntitle: T\ndomains: [A]\n---\n\n### 1.1 S\n\n**Term** - {core} Use when: {use}. Pros: fast.\n"
    first = guide_notes(quiet(make_guide({"01-first.md": body.format(core="Old text.", use="old")})))
    second = guide_notes(quiet(make_guide({"01-first.md": body.format(core="New words here.", use="new")})))
    assert [n.guid for n in first] == [n.guid for n in second]
    assert [n.fields for n in first] != [n.fields for n in second]


def test_cloze_content_cannot_break_anki_syntax() -> None:
    html, answers = cloze_html("a = {{x::y}} + b", [(4, 12)])
    assert html.count("{{c1::") == 1 and html.count("}}") == 1
    assert "::y" not in html.split("{{c1::", 1)[1].rsplit("}}", 1)[0]
    assert answers == ("{{x::y}}",)


def test_fronts_are_unique_and_name_their_context(mini: Guide) -> None:
    notes = guide_notes(mini)
    fronts = [f.casefold() for n in notes for f in rendered_fronts(n)]
    assert len(fronts) == len(set(fronts))
    for note in notes:
        assert note.fields["Context"].startswith(tuple(m.label for m in mini.modules))


def test_note_types_are_frozen() -> None:
    from generator.render.anki.models import NOTE_TYPES, css

    assert {k: (t.model_id, t.name, t.fields) for k, t in NOTE_TYPES.items()} == {
        "basic": (1_716_482_001_101, "studygen Basic", ("Front", "Back", "Context", "Source", "Code")),
        "cloze": (1_716_482_001_102, "studygen Cloze", ("Text", "Back Extra", "Context", "Source", "Code")),
        "choice": (1_716_482_001_103, "studygen Multiple Choice",
                   ("Question", "A", "B", "C", "D", "Answer", "Term", "Explanation", "Context", "Source")),
    }
    for note_type in NOTE_TYPES.values():
        assert "{{Context}}" in note_type.front
        for template in (note_type.front, note_type.back):
            assert "<script" not in template.lower()
    assert ".nightMode" in css() and "@media (max-width" in css() and "<script" not in css()
    assert "{{cloze:Text}}" in NOTE_TYPES["cloze"].front


def test_questions_that_would_read_the_same_are_numbered(make_guide) -> None:
    src = make_guide({"01-first.md": "---\ntitle: T\ndomains: [A]\n---\n\n### 1.1 S\n\n"
                      "**Alpha** - First. Resistant to outliers. PSI < 0.1: stable.\n\n"
                      "**Beta** - Second. Resistant to outliers. PSI < 0.1: stable.\n"})
    notes = guide_notes(quiet(src))
    fronts = [f for n in notes for f in rendered_fronts(n)]
    assert len(fronts) == len(set(fronts))
    assert sum(f.endswith("(2)") for f in fronts) == 2


def test_definitions_before_the_first_section_get_cards(make_guide) -> None:
    src = make_guide({"01-first.md": "---\ntitle: First Module\ndomains: [A]\n---\n\n"
                      "**Early Term** - Defined before any section. Use when: testing.\n\n### 1.1 S\n\n**Later** - Text.\n"})
    notes = [n for n in guide_notes(quiet(src)) if n.fact_id.endswith("early-term")]
    assert notes and all(n.fields["Context"] == "01 First Module" for n in notes)
    assert all("T-01::M01" in n.tags and not any(t.count("::") == 2 and "M01::" in t for t in n.tags) for n in notes)
