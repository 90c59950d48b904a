"""finish.py: the release steps after the records are staged, in order."""
from __future__ import annotations

from acftu_talks.release import finish


def test_the_steps_in_order():
    assert [step.__name__ for step in finish.STEPS] == [
        "write_events", "write_persons", "copy_schemas", "write_relations", "copy_annotations", "write_card",
        "copy_repository_files", "write_figure", "write_citation", "write_croissant", "write_reader",
        "write_id_changes", "write_release_notes", "write_manifest", "write_sums"]


def test_a_release_holds_the_files_the_steps_write(release):
    files = sorted(p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file())
    assert [f for f in files if not f.startswith(("data/", "schema/"))] == [
        ".acftu-talks-release", "CHANGELOG.md", "CITATION.cff", "LICENSE", "README.md", "RELEASE_NOTES.md", "RIGHTS.md", "SHA256SUMS",
        "annotation/adjudication.md", "annotation/annotations.tsv", "annotation/gold-notes.md",
        "annotation/second-annotator-notes.md", "annotation/sentences-second-annotator.tsv",
        "annotation/sentences.tsv", "croissant.json", "id_changes.json", "images/formulations.svg",
        "images/speech-modes.svg", "manifest.json", "reader/index.html", "release_notes.json"]
    assert [f for f in files if f.startswith("schema/")] == [
        "schema/alignment.schema.json", "schema/defs.schema.json", "schema/document.schema.json",
        "schema/event.schema.json", "schema/formulation.schema.json", "schema/paragraph.schema.json",
        "schema/person.schema.json", "schema/sentence.schema.json",
        "schema/sidecar.schema.json"]


def test_a_new_step_is_one_entry_and_runs_before_the_sums(tmp_path, monkeypatch):
    ran = []

    def write_extra(staging, summary, inputs):
        (staging / "extra.txt").write_text("x", encoding="utf-8")
        ran.append("extra")

    def sums(staging, summary, inputs):
        ran.append(sorted(p.name for p in staging.iterdir()))

    monkeypatch.setattr(finish, "STEPS", (write_extra, sums))
    finish.finish(tmp_path, None, None)
    assert ran == ["extra", ["extra.txt"]]


def test_repository_files_are_copied_from_the_root_not_beside_the_card(tmp_path):
    from acftu_talks.contract.layout import Inputs
    root, card_folder, staging = tmp_path / "repo", tmp_path / "cards", tmp_path / "staging"
    for folder in (root, card_folder, staging):
        folder.mkdir()
    (root / "LICENSE").write_text("root licence", encoding="utf-8")
    (card_folder / "LICENSE").write_text("not this one", encoding="utf-8")
    (card_folder / "dataset_card.md").write_text("# card", encoding="utf-8")
    finish.copy_repository_files(staging, None, Inputs(root, root / "corpus", root / "schema",
                                                       card_folder / "dataset_card.md"))
    assert [p.name for p in staging.iterdir()] == ["LICENSE"]
    assert (staging / "LICENSE").read_text(encoding="utf-8") == "root licence"
