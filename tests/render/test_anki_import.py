"""The .apkg through Anki's own importer (the `anki` package): regeneration keeps notes, history and bytes stable."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest

from conftest import FIXTURES, copy_guide
from generator.build import Options, build

anki = pytest.importorskip("anki.collection")
Collection = anki.Collection
ImportAnkiPackageRequest = anki.ImportAnkiPackageRequest
ImportAnkiPackageOptions = anki.ImportAnkiPackageOptions

LOCK = "anki.lock.json"


def make(source: Path, out: Path) -> tuple[Path, list[str]]:
    """Build only the Anki deck; return the package path and the summary lines."""
    result = build(Options(source=source, out=out, only=("anki",)), echo=lambda line: None)
    package = next(p for p in (out / "anki").glob("*.apkg") if not p.stem.endswith("-practice"))
    return package, result.summary


def do_import(col: Any, package: Path) -> Any:
    """Import as File → Import does, with its default options; return the log."""
    request = ImportAnkiPackageRequest(package_path=str(package), options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


def edit(source: Path, name: str, old: str, new: str) -> None:
    path = source / "modules" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def guids(col: Any, query: str) -> set[str]:
    return {col.get_note(nid).guid for nid in col.find_notes(query)}


class Story:
    """One user's weeks with the mini guide: import, review, edit, rebuild, re-import, delete, re-import."""

    def __init__(self, root: Path) -> None:
        self.source = root / "source"
        copy_guide(FIXTURES / "mini", self.source)
        self.col = Collection(str(root / "collection.anki2"))
        self.first, _ = make(self.source, root / "build1")
        self.first_bytes = self.first.read_bytes()
        self.again, _ = make(self.source, root / "build2")
        self.log1 = do_import(self.col, self.first)
        self.reviewed = self.review(6)
        self.revlog = self.col.db.all("select id, cid, ease, ivl from revlog order by id")
        self.scheduling = self.col.db.all("select id, type, queue, due, ivl from cards order by id")
        edit(self.source, "01-metrics.md", "Use when: false positives are costly.",
             "Use when: false positives are expensive (spam filters).")
        edit(self.source, "01-metrics.md", "Of predicted positives, how many are correct.",
             "Of the predicted positives, how many are really positive.")
        self.edited, _ = make(self.source, root / "build3")
        self.log2 = do_import(self.col, self.edited)
        self.revlog2 = self.col.db.all("select id, cid, ease, ivl from revlog order by id")
        self.scheduling2 = self.col.db.all("select id, type, queue, due, ivl from cards order by id")
        self.accuracy = guids(self.col, "Front:*Accuracy* or Back:Accuracy")
        edit(self.source, "01-metrics.md",
             "**Accuracy** - Share of correct predictions. Misleading for imbalanced data. Pros: simple to explain. "
             "Cons: hides rare-class errors.\n", "")
        self.deleted, self.deleted_summary = make(self.source, root / "build4")
        self.log3 = do_import(self.col, self.deleted)

    def review(self, count: int) -> int:
        """Answer some cards with the v3 scheduler."""
        self.col.decks.select(self.col.decks.id_for_name("MINI-01::01 Metrics"))
        answered = 0
        for _ in range(count):
            card = self.col.sched.getCard()
            if card is None:
                break
            self.col.sched.answerCard(card, 3)
            answered += 1
        return answered


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Story]:
    s = Story(tmp_path_factory.mktemp("anki-story"))
    yield s
    s.col.close()


def test_first_import_adds_every_note(story: Story) -> None:
    log = story.log1
    assert len(log.new) == story.col.note_count() > 0
    assert not log.conflicting and not log.updated and not log.duplicate
    assert story.reviewed == 6 and len(story.revlog) == 6


def test_same_source_and_lock_build_identical_bytes(story: Story) -> None:
    assert story.again.read_bytes() == story.first_bytes


def test_every_card_renders(story: Story) -> None:
    for cid in story.col.find_cards(""):
        card = story.col.get_card(cid)
        question, answer = card.question(), card.answer()
        visible = re.sub(r"<style>.*?</style>|<[^>]+>", "", question, flags=re.S).strip()
        assert visible, cid
        assert "{{" not in question and "{{" not in answer
        assert "<script" not in question.lower() and "<script" not in answer.lower()


def test_editing_a_definition_updates_only_its_notes(story: Story) -> None:
    log = story.log2
    assert not log.new and not log.conflicting
    updated = {n.fields[0] for n in log.updated}
    assert updated == {"When should you use Precision?"}  # the only card whose text changed
    assert story.revlog2 == story.revlog
    assert story.scheduling2 == story.scheduling


def test_edited_text_reaches_the_collection(story: Story) -> None:
    backs = [story.col.get_note(n)["Back"] for n in story.col.find_notes("Back:*spam*")]
    assert backs == ["False positives are expensive (spam filters)"]


def test_deleting_a_definition_retires_its_notes(story: Story) -> None:
    log = story.log3
    assert not log.new and not log.conflicting
    retired = guids(story.col, "tag:retired")
    assert retired == story.accuracy and len(retired) >= 2
    assert {story.col.get_note(n.id.nid).guid for n in log.updated} == story.accuracy
    assert any(f"retired m01-1_1-accuracy: {len(retired)} note(s)" in line for line in story.deleted_summary)


def test_retired_notes_stay_put_in_the_collection_and_never_reach_a_new_users_study(story: Story, tmp_path: Path) -> None:
    """An update import tags the retired notes and leaves their cards where they are, still scheduled (importers never
    move cards or change their scheduling). A first import puts them in "MINI-01 (retired)", outside the guide's deck
    tree (suspended too, for imports that keep scheduling): studying MINI-01 never shows them."""
    cards = story.col.find_cards("tag:retired")
    assert {story.col.decks.name(story.col.get_card(c).did) for c in cards} == {"MINI-01::01 Metrics"}
    assert all(story.col.get_card(c).queue != -1 for c in cards)
    fresh = Collection(str(tmp_path / "fresh.anki2"))
    try:
        do_import(fresh, story.deleted)
        retired = fresh.find_cards("tag:retired")
        assert len(fresh.find_notes("tag:retired")) == len(story.accuracy) and retired
        assert {fresh.decks.name(fresh.get_card(c).did) for c in retired} == {"MINI-01 (retired)"}
        assert not fresh.find_cards('"deck:MINI-01" tag:retired'), "no retired card in the guide's deck tree"
        fresh.decks.select(fresh.decks.id_for_name("MINI-01"))
        shown = [fresh.sched.getCard() for _ in range(3)]
        assert all(c is not None and "retired" not in c.note().tags for c in shown)
    finally:
        fresh.close()


def test_lock_lives_beside_the_source_and_keeps_retired_notes(story: Story) -> None:
    import json

    lock = json.loads((story.source / LOCK).read_text(encoding="utf-8"))
    retired = [n for n in lock["notes"].values() if n["retired"]]
    assert {n["fact"] for n in retired} == {"m01-1_1-accuracy"}
    assert all("retired" in n["tags"] and n["fields"] for n in retired)


def test_fresh_clone_builds_the_same_bytes(story: Story, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    shutil.copytree(story.source, clone)
    package, _ = make(clone, tmp_path / "out")
    assert package.read_bytes() == story.deleted.read_bytes()


def test_real_guide_imports_and_renders(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(FIXTURES / "mla-c01", source, ignore=shutil.ignore_patterns(LOCK))
    package, summary = make(source, tmp_path / "out")
    col = Collection(str(tmp_path / "c.anki2"))
    try:
        log = do_import(col, package)
        assert not log.conflicting and len(log.new) == col.note_count()
        names = {d.name for d in col.decks.all_names_and_ids()}
        assert "MLA-C01::07 Model Evaluation and Performance Optimization" in names
        questions = []
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            question = re.sub(r"<style>.*?</style>|<[^>]+>", " ", card.question(), flags=re.S)
            assert question.strip() and "{{" not in card.question() and "{{" not in card.answer()
            questions.append(" ".join(question.split()).casefold())
        assert len(questions) == len(set(questions)), "two cards show the same question"
        note = col.get_note(col.find_notes('tag:MLA-C01::kind::definition "Source:*m04-4_2-robust-scaling*"')[0])
        assert {"MLA-C01::D1", "MLA-C01::M04", "MLA-C01::M04::4_2", "MLA-C01::kind::definition"} <= set(note.tags)
    finally:
        col.close()


def practice_package(source: Path, out: Path) -> Path:
    build(Options(source=source, out=out, only=("anki",)), echo=lambda line: None)
    return next((out / "anki").glob("*-practice.apkg"))


def test_practice_questions_of_every_type_import_and_render(tmp_path: Path) -> None:
    source = copy_guide(FIXTURES / "exam3", tmp_path / "source")
    col = Collection(str(tmp_path / "p.anki2"))
    try:
        log = do_import(col, practice_package(source, tmp_path / "b1"))
        assert len(log.new) == col.note_count() == 12 and not log.conflicting
        assert "WX-100::Practice" in {d.name for d in col.decks.all_names_and_ids()}
        kinds = {t.split("::")[-1] for n in col.find_notes("") for t in col.get_note(n).tags if "::practice::" in t}
        assert kinds == {"single", "multiple", "ordering", "matching"}
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            assert re.search(r'<ol class="options" type="A"><li>.+</li>', card.question())
            assert "{{" not in card.answer() and re.search(r"[A-E]", card.answer())
    finally:
        col.close()


def test_practice_notes_keep_their_identity_and_retired_ones_never_reach_a_new_user(tmp_path: Path) -> None:
    """Drawing the exam again from the same material changes no note; a question whose material changed is
    retired, and a first import keeps it out of the guide's decks."""
    source = copy_guide(FIXTURES / "exam3", tmp_path / "source")
    first = practice_package(source, tmp_path / "b1")
    again = practice_package(source, tmp_path / "b2")
    assert again.read_bytes() == first.read_bytes()
    path = source / "modules" / "01-observation.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("**Barometer** - Measures air pressure.", "**Barometer** - Measures air pressure in hPa."
                                 ).replace("Pros: cheap, reliable, works indoors. ", ""), encoding="utf-8")
    package = practice_package(source, tmp_path / "b3")
    fresh = Collection(str(tmp_path / "fresh.anki2"))
    try:
        do_import(fresh, package)
        assert fresh.find_notes("tag:retired"), "the edit retired a practice question"
        assert not fresh.find_cards('"deck:WX-100" tag:retired')
        assert {fresh.decks.name(fresh.get_card(c).did) for c in fresh.find_cards("tag:retired")} == {"WX-100 (retired)"}
    finally:
        fresh.close()


def test_incremental_build_skips_an_unchanged_guide(tmp_path: Path) -> None:
    source = tmp_path / "source"
    copy_guide(FIXTURES / "mini", source)
    first = build(Options(source=source, out=tmp_path / "out", only=("anki",)), echo=lambda line: None)
    again = build(Options(source=source, out=tmp_path / "out", only=("anki",)), echo=lambda line: None)
    assert first.written and not again.written
    edit(source, "01-metrics.md", "Share of correct predictions.", "Share of predictions that are correct.")
    third = build(Options(source=source, out=tmp_path / "out", only=("anki",)), echo=lambda line: None)
    assert any("1 changed" in line for line in third.summary)


def test_a_damaged_lock_is_a_located_error(tmp_path: Path) -> None:
    from generator.errors import GuideError

    source = tmp_path / "source"
    copy_guide(FIXTURES / "mini", source)
    (source / LOCK).write_text("{not json", encoding="utf-8")
    with pytest.raises(GuideError, match=r"anki\.lock\.json: error: not a studygen Anki lock"):
        build(Options(source=source, out=tmp_path / "out", only=("anki",)), echo=lambda line: None)
    assert not (tmp_path / "out" / "anki").exists()


def test_real_guide_edit_and_delete_round_trip(tmp_path: Path) -> None:
    """The issue's scenario on (a snapshot of) the bundled guide: review, edit one definition, delete another,
    re-import each time."""
    source = tmp_path / "source"
    shutil.copytree(FIXTURES / "mla-c01", source)
    col = Collection(str(tmp_path / "c.anki2"))
    try:
        assert len(do_import(col, make(source, tmp_path / "b1")[0]).new) == col.note_count()
        col.decks.select(col.decks.id_for_name("MLA-C01::04 Feature Engineering and Transformation"))
        for _ in range(10):
            col.sched.answerCard(col.sched.getCard(), 3)
        history = col.db.all("select id, cid, ease, ivl from revlog order by id")
        scheduling = col.db.all("select id, type, queue, due, ivl from cards order by id")
        module = "04-feature-engineering-and-transformation.md"
        edit(source, module, "Resistant to outliers (outliers don't compress normal range).",
             "Resistant to outliers (they do not squeeze the normal range).")
        log = do_import(col, make(source, tmp_path / "b2")[0])
        assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 1, 0)
        assert col.db.all("select id, cid, ease, ivl from revlog order by id") == history
        assert col.db.all("select id, type, queue, due, ivl from cards order by id") == scheduling
        text = (source / "modules" / module).read_text(encoding="utf-8")
        (source / "modules" / module).write_text(re.sub(r"\*\*Log Transformation\*\*.*\n", "", text), encoding="utf-8")
        retired_before = len(col.find_notes("tag:retired"))  # the lock may already ship notes retired earlier
        cards_of_it = len(col.find_notes('"Source:*m04-4_2-log-transformation*"'))
        package, summary = make(source, tmp_path / "b3")
        log = do_import(col, package)
        assert cards_of_it >= 3 and not log.new and not log.conflicting and len(log.updated) == cards_of_it
        assert len(col.find_notes("tag:retired")) == retired_before + cards_of_it
        assert any(f"retired m04-4_2-log-transformation: {cards_of_it} note(s)" in line for line in summary)
    finally:
        col.close()


def test_a_renamed_term_with_its_old_id_pinned_and_corrected_text_update_in_place(tmp_path: Path) -> None:
    """What correcting a guide does (docs/errata.md): a service renamed with its old id pinned, a fact fixed in
    place. The re-import updates those notes, adds none and keeps the rest unchanged."""
    source = copy_guide(FIXTURES / "mini", tmp_path / "source")
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        first, _ = make(source, tmp_path / "b1")
        before = do_import(col, first)
        edit(source, "01-metrics.md", "**Accuracy** - Share of correct predictions.",
             "**Classification Accuracy**{#m01-1_1-accuracy} - Share of predictions that are correct.")
        edit(source, "01-metrics.md", "Pros: simple to explain.", "Pros: simple to explain to anyone.")
        second, _ = make(source, tmp_path / "b2")
        log = do_import(col, second)
        assert not log.new and not log.conflicting
        assert log.updated, "the corrected notes must be updated"
        assert col.note_count() == len(before.new)
        assert not col.find_notes("tag:retired")
        texts = " ".join(" ".join(col.get_note(n).fields) for n in col.find_notes(""))
        assert "Simple to explain to anyone" in texts and "<b>Classification Accuracy</b>" in texts
    finally:
        col.close()
