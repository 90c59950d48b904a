"""The release note: a rebuild after a change lists the change, with the
old and new label and the rule that decided; an unchanged rebuild keeps the
note it replaces."""
from __future__ import annotations

import json
import shutil

from acftu_talks import cli
from acftu_talks.release import notes
from conftest import CARD, CORPUS, SCHEMA


def build(corpus, out, *extra) -> int:
    return cli.main(["build", "--corpus", str(corpus), "--schema", str(SCHEMA), "--out", str(out),
                     "--card", str(CARD), *extra])


def note(out) -> dict:
    return json.loads((out / notes.JSON).read_text(encoding="utf-8"))


OVERRIDE = '''
[[overrides]]
paragraph_number = 2
speech_mode = "reported"
speaker = "习近平"
reason = "a test of the release note"
'''


def test_first_build_says_there_is_nothing_to_compare_with(tmp_path, corpus_copy):
    assert build(corpus_copy, tmp_path / "release") == 0
    assert note(tmp_path / "release")["compared_with"] is None
    assert "no previous release to compare with" in (tmp_path / "release" / notes.MARKDOWN).read_text(encoding="utf-8")


def test_rebuild_after_an_override_lists_the_changed_labels_and_rules(tmp_path, corpus_copy):
    out = tmp_path / "release"
    assert build(corpus_copy, out) == 0
    sidecar = corpus_copy / "2018-10-29-acftu-talk-xinhua.toml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + OVERRIDE, encoding="utf-8")
    assert build(corpus_copy, out) == 0  # compares with the release it replaces
    got = note(out)["compared_with"]
    pid = "2018-10-29-acftu-talk-xinhua.p002"
    assert {(x["config"], x["id"], x["label"], x["old"], x["new"]) for x in got["labels"]} >= {
        ("paragraphs", pid, "speech_mode", "narration", "reported"),
        ("paragraphs", pid, "speaker", None, "习近平")}
    mode = next(x for x in got["labels"] if x["id"] == pid and x["label"] == "speech_mode")
    assert mode["old_rule"] == "body-default/no-reporting-cue" and mode["new_rule"] == "override"
    changed = {c["id"]: c["fields"] for c in got["configs"]["paragraphs"]["changed"]}
    assert set(changed) == {pid}
    assert {"speech_mode", "speaker", "annotation_source"} <= set(changed[pid])
    assert got["configs"]["paragraphs"]["added"] == got["configs"]["paragraphs"]["removed"] == []
    text = (out / notes.MARKDOWN).read_text(encoding="utf-8")
    assert f"| `paragraphs` | `{pid}` | `speech_mode` | narration | reported | `body-default/no-reporting-cue` | `override` |" in text


def test_added_and_removed_documents_and_moved_ids(tmp_path, corpus_copy):
    before = tmp_path / "before"
    assert build(corpus_copy, before) == 0
    for ext in ("txt", "toml"):
        (corpus_copy / f"2013-10-23-acftu-talk-cctv.{ext}").unlink()
    lock = corpus_copy / "ids.lock.tsv"
    lock.write_text("".join(l for l in lock.read_text(encoding="utf-8").splitlines(True)
                            if not l.startswith("2013-")), encoding="utf-8")
    (corpus_copy / "id-changes.tsv").write_text(
        "version\told_id\tnew_id\treason\n0.2.0\t2013-10-23-acftu-talk-cctv.p001\t\ttext withdrawn\n", encoding="utf-8")
    assert build(corpus_copy, tmp_path / "after", "--previous", str(before)) == 0
    got = note(tmp_path / "after")["compared_with"]
    assert got["configs"]["documents"]["removed"] == ["2013-10-23-acftu-talk-cctv"]
    assert got["configs"]["paragraphs"]["removed"] == ["2013-10-23-acftu-talk-cctv.p001"]
    assert got["configs"]["documents"]["rows_after"] == got["configs"]["documents"]["rows_before"] - 1
    assert got["ids_moved"] == [{"version": "0.2.0", "old_id": "2013-10-23-acftu-talk-cctv.p001", "new_id": None,
                                 "reason": "text withdrawn"}]
    # and the other way round: the document comes back
    assert build(CORPUS, tmp_path / "again", "--previous", str(tmp_path / "after")) == 0
    back = note(tmp_path / "again")["compared_with"]
    assert back["configs"]["documents"]["added"] == ["2013-10-23-acftu-talk-cctv"]
    assert "2013-10-23-acftu-talk-cctv.p001" in back["configs"]["paragraphs"]["added"]


def test_unchanged_rebuild_keeps_the_note_it_replaces(tmp_path, corpus_copy):
    out = tmp_path / "release"
    assert build(corpus_copy, out) == 0
    sidecar = corpus_copy / "2018-10-29-acftu-talk-xinhua.toml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + OVERRIDE, encoding="utf-8")
    assert build(corpus_copy, out) == 0
    first = (out / notes.JSON).read_bytes()
    assert build(corpus_copy, out) == 0  # same inputs again
    assert (out / notes.JSON).read_bytes() == first
    assert note(out)["compared_with"]["labels"]


def test_previous_that_is_not_a_release_is_a_usage_error(tmp_path, corpus_copy, capsys):
    (tmp_path / "empty").mkdir()
    assert build(corpus_copy, tmp_path / "release", "--previous", str(tmp_path / "empty")) == 2
    assert "not a release" in capsys.readouterr().err
    assert not (tmp_path / "release").exists()


def test_a_release_named_with_previous_is_always_compared_with(tmp_path, corpus_copy):
    out = tmp_path / "release"
    assert build(corpus_copy, out) == 0
    sidecar = corpus_copy / "2018-10-29-acftu-talk-xinhua.toml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + OVERRIDE, encoding="utf-8")
    assert build(corpus_copy, out) == 0
    shutil.copytree(out, tmp_path / "copy")
    # the same inputs, compared on purpose with a release built from them: nothing changed
    assert build(corpus_copy, out, "--previous", str(tmp_path / "copy")) == 0
    got = note(out)["compared_with"]
    assert got["labels"] == [] and all(not c["changed"] for c in got["configs"].values())
