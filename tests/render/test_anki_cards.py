"""Card generation as pure functions: which cards a definition yields and how their questions read.

Each test writes a small module in the shape it is about, so the tests describe the rules, not any guide's content.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pytest

from conftest import FIXTURES, MINI_YAML
from generator.build import load
from generator.model import Guide
from generator.render.anki.cards import CardSpec
from generator.render.anki.checks import Seen, hard_faults
from generator.render.anki.notes import guide_notes, rendered_fronts
from generator.render.anki.review import card_views, to_text

Cards = Callable[[str], list[tuple[str, str, str]]]


def quiet(source: Path) -> Guide:
    return load(source, echo=lambda line: None)


@pytest.fixture
def cards(tmp_path: Path) -> Cards:
    """Cards of one module body (in section "2.1 Deployment Options"): (card id, question, answer) in order."""

    def make(body: str) -> list[tuple[str, str, str]]:
        src = tmp_path / "src"
        (src / "modules").mkdir(parents=True, exist_ok=True)
        (src / "guide.yaml").write_text(MINI_YAML, encoding="utf-8")
        text = f"---\ntitle: Deploying\ndomains: [A]\n---\n\n### 2.1 Deployment Options\n\n{body}\n"
        (src / "modules" / "02-deploying.md").write_text(text, encoding="utf-8")
        return [(v.id.split("/", 1)[1], v.front, v.back) for v in card_views(quiet(src))]

    return make


def questions(found: list[tuple[str, str, str]]) -> list[str]:
    return [q for _, q, _ in found]


def test_a_definition_is_asked_by_what_the_term_is(cards: Cards) -> None:
    assert questions(cards("**Batch Transform** - Offline predictions for whole datasets.")) == [
        "What is Batch Transform?"]
    assert questions(cards("**Decision Trees** - Split data on the most informative feature.")) == [
        "What do Decision Trees do?"]
    assert questions(cards("**Prevent Data Leakage** - Never use future information in features.")) == [
        "How do you prevent Data Leakage?"]
    assert questions(cards("**Incident Lead** - Coordinates the response and owns communication.")) == [
        "What does the Incident Lead do?"]
    found = cards("**HIPAA Compliance** - Requires a business associate agreement with the provider.")
    assert found[0][1:] == ("What does HIPAA Compliance require?", "A business associate agreement with the provider")


def test_terms_read_in_lower_case_where_the_guide_writes_their_words_so(cards: Cards) -> None:
    """A term's capitals are kept unless the guide writes its words in lower case elsewhere: names stay names."""
    found = cards("**Decision Trees** - Split the data on features. Ensembles of decision trees vote.\n\n"
                  "**Amazon Athena** - Serverless SQL over the data in S3.\n\n"
                  "**Processing Layer** - Cleans data. The processing layer runs before the storage layer.")
    assert questions(found)[0] == "What do decision trees do?"
    assert "What is Amazon Athena?" in questions(found)
    assert "What does the processing layer do?" in questions(found) or "What does processing layer do?" in questions(
        found)


def test_labelled_clauses_become_questions_about_that_aspect(cards: Cards) -> None:
    found = cards("**Serverless Inference** - On-demand inference that scales to zero. Use when: traffic is "
                  "intermittent. Cons: cold starts. Use cases: prototypes, internal tools, nightly jobs.")
    assert questions(found) == [
        "What is Serverless Inference?",
        "When should you use Serverless Inference?",
        "What are the drawbacks of Serverless Inference?",
        "Name two typical use cases for Serverless Inference.",  # an open list is never graded as complete
    ]
    assert found[1][2] == "Traffic is intermittent"


def test_sub_terms_are_asked_with_their_parent_where_they_need_it(cards: Cards) -> None:
    found = cards("**Deletion Strategies** - Listwise deletion: remove rows with any missing value. "
                  "Use only when: few rows are affected. Pairwise deletion: use the available data per analysis.")
    assert found == [  # a member of a set is asked from what it does, as the exam asks
        ("reverse/clause-listwise-deletion", "Which deletion strategy removes rows with any missing value?",
         "Listwise deletion"),
        ("clause/clause-use-only-when", "Under which conditions is listwise deletion acceptable?",  # about the sub-term
         "Few rows are affected"),
        ("reverse/clause-pairwise-deletion", "Which deletion strategy uses the available data per analysis?",
         "Pairwise deletion"),
    ]
    scaling = cards("**Auto-Scaling** - Adjusts instance count. Scale-out: adding instances when load exceeds target.")
    assert questions(scaling) == ["What does Auto-Scaling do?"]  # "In X, what does Y mean?" reads as a template
    named = cards("**Amazon Kinesis** - Streaming platform. Kinesis Data Streams: build custom streaming apps.")
    assert named[1][1] == "What does Kinesis Data Streams do?"  # a name that shares its parent's word needs no parent


def test_no_template_prefix_and_no_what_about(cards: Cards) -> None:
    found = cards("**Row-Based Formats** - CSV: human-readable, simple parsing, large files. JSON: flexible schema, "
                  "nested data. **Auto-Scaling** - Scale-out: add instances when the metric exceeds the target.")
    for _, question, _ in found:
        assert not re.search(r"^[^?]+ : what|what about", question, re.I), question
    assert "What characterizes CSV?" in questions(found)


def test_enumerations_become_one_card_per_item_cued_by_its_role(cards: Cards) -> None:
    found = cards("**AI Services** - Pre-trained models. Services include Amazon Rekognition (computer vision), "
                  "Comprehend (NLP), Polly (text-to-speech), Transcribe (speech-to-text).")
    assert found[1:] == [
        ("reverse/item-amazon-rekognition", "Which AI service is used for computer vision?", "Amazon Rekognition"),
        ("reverse/item-comprehend", "Which AI service is used for NLP?", "Comprehend"),
        ("reverse/item-polly", "Which AI service is used for text-to-speech?", "Polly"),
        ("reverse/item-transcribe", "Which AI service is used for speech-to-text?", "Transcribe"),
    ]


def test_details_that_cannot_cue_a_name_leave_the_names_as_the_answer(cards: Cards) -> None:
    found = cards("**Processing Layer** - Data cleaning (remove duplicates), validation (schema checks), "
                  "transformation (joins), feature extraction (derived features).")
    assert found == [("definition/core", "What does Processing Layer cover?",
                      "Data cleaning, validation, transformation, feature extraction")]


def test_typical_values_are_asked_one_setting_at_a_time(cards: Cards) -> None:
    found = cards("**Gradient Boosting** - Sequential tree ensemble. Key hyperparameters: learning_rate (0.01-0.3), "
                  "max_depth (3-10), n_estimators (100-1000).")
    assert found[1] == ("clause/value-learning-rate", "What is a typical value of learning_rate for Gradient "
                        "Boosting?", "0.01-0.3")


def test_numbered_steps_give_their_order_and_each_steps_content(cards: Cards) -> None:
    found = cards("**Deployment Process** - (1) Create model: register the model artifacts in the registry. "
                  "(2) Create endpoint config: instance type and count and the variant weights. "
                  "(3) Create endpoint: provision the instances and download the model.")
    assert found[0] == ("steps/steps", "What are the 3 steps of Deployment Process, in order?",
                        "• Create model\n  • Create endpoint config\n  • Create endpoint")
    short = cards("**Incident Workflow** - (1) Alert fires. (2) On-call investigates. (3) Mitigate.")
    assert short == [("steps/steps", "What are the 3 steps of Incident Workflow, in order?",
                      "• Alert fires\n  • On-call investigates\n  • Mitigate")]  # short steps: whole, no card each
    assert found[1][1] == "In Deployment Process, what does the step “Create model” involve?"
    assert not any("step 2" in q or "step 3" in q for q in questions(found))


def test_a_heading_over_tips_asks_for_some_of_them(cards: Cards) -> None:
    found = cards("**When NOT to Use ML** - Simple rules work perfectly. Insufficient data. No pattern exists.")
    assert found[0][1] == "When should you not use ML? Name two points."
    assert found[0][2].count("•") == 3


def test_formulas_and_checklists(cards: Cards) -> None:
    found = cards("**Precision** - TP / (TP + FP). Use when: false positives are costly.")
    assert found[0] == ("definition/core", "What is the formula for Precision?", "Precision = TP / (TP + FP)")
    found = cards("**Data Availability** - Enough labelled examples. Labels are accurate. Data matches production.")
    assert found == [("list/core", "What does Data Availability involve? Name two points.",
                      "• Enough labelled examples\n  • Labels are accurate\n  • Data matches production")]


def test_verb_led_and_subject_led_sentences_become_questions(cards: Cards) -> None:
    found = cards("**Amazon Athena** - Serverless SQL on S3. Requires a table in the Glue Data Catalog. "
                  "Random Cut Forest builds trees to score anomalies. Creates results.")
    assert questions(found) == [
        "What is Amazon Athena?",
        "What does Amazon Athena require?",
        "What does Random Cut Forest build?",
    ]  # "Creates results": too open to ask ("What does it create?" has many right answers)


def test_a_number_that_the_text_restates_is_not_asked(cards: Cards) -> None:
    found = cards("**Passing Score** - The exam is passed at a score of 750 out of 1000 (75%) or more.")
    assert not any(a.strip() == "75%" for _, _, a in found)


def test_source_text_is_escaped(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "modules").mkdir(parents=True)
    (src / "guide.yaml").write_text(MINI_YAML, encoding="utf-8")
    (src / "modules" / "01-a.md").write_text("---\ntitle: A\ndomains: [A]\n---\n\n### 1.1 S\n\n"
                                            "**Scaler** - Scales values <b>fast</b> & keeps `x<y`.\n", encoding="utf-8")
    [note] = guide_notes(quiet(src))
    assert note.fields["Back"] == "Scales values &lt;b&gt;fast&lt;/b&gt; &amp; keeps <code>x&lt;y</code>"


def test_code_goes_on_the_definition_card(mini: Guide) -> None:
    note = next(n for n in guide_notes(mini) if n.fact_id == "m03-3_2-trust-policy")
    assert '<div class="code"' in note.fields["Code"] and "style=" in note.fields["Code"]


def test_every_definition_gets_a_card_and_fronts_are_unique(mini: Guide) -> None:
    notes = guide_notes(mini)
    assert {n.fact_id for n in notes} == {f.id for f in mini.facts}
    fronts = [f.casefold() for n in notes for f in rendered_fronts(n)]
    assert len(fronts) == len(set(fronts))


@pytest.fixture(scope="module")
def mini() -> Guide:
    return quiet(FIXTURES / "mini")


@pytest.mark.parametrize("guide_dir", ["mini", "cka", "mla-c01"])
def test_no_card_has_a_hard_fault(guide_dir: str) -> None:
    """Templates, 4+ "Name (role)" items on a back, step-number recall, a deletion the text restates: none, anywhere."""
    faults = [(v.id, v.front, f) for v in card_views(quiet(FIXTURES / guide_dir))
              for f in hard_faults(Seen(v.kind, v.front, v.back, shown=v.front))]
    assert faults == []


def test_hard_fault_checks_can_fail() -> None:
    assert hard_faults(Seen("clause", "Auto-Scaling : what is Scale-out ?", "add instances"))
    assert hard_faults(Seen("clause", "Row-Based Formats: what about CSV?", "readable"))
    assert hard_faults(Seen("clause", "What are the services?",
                            "Polly (text-to-speech), Transcribe (speech-to-text), Lex (chat), Comprehend (NLP)"))
    assert hard_faults(Seen("clause", "Decision Process: what is step 4?", "Establish baseline"))
    assert hard_faults(Seen("cloze", "Minimum 750 out of 1000 ([...])", "75%", shown="Minimum 750 out of 1000 ([...]) 75%"))
    assert not hard_faults(Seen("clause", "Which AI service is used for text-to-speech?", "Polly"))


def test_card_spec_model() -> None:
    assert CardSpec("core", "cloze", "", "", (), ()).model == "cloze"
    assert CardSpec("core", "definition", "", "", (), ()).model == "basic"
    assert to_text("<ul><li>a</li><li>b &amp; c</li></ul>") == "• a\n  • b & c"
