"""reader/__init__.py: the page, its place among the release steps, and what it holds."""
from __future__ import annotations

import re
import shutil

import pyarrow.parquet as pq

from conftest import ROOT
from reader_fixture import C, embedded, write_fixture_release

from acftu_talks import __version__
from acftu_talks.release import cite, finish
from acftu_talks.release.reader import READER_FILE, excerpt_note, model, render, write_reader
from acftu_talks.release.reader.model import build_model


def test_reader_step_runs_after_the_card_and_before_the_sums():
    names = [step.__name__ for step in finish.STEPS]
    assert names.index("write_card") < names.index("write_reader") < names.index("write_sums")


def test_the_release_has_a_reader_with_every_record(release):
    page = (release / READER_FILE).read_text(encoding="utf-8")
    data = embedded(page)
    paragraphs = pq.ParquetFile(next((release / "data" / "paragraphs").glob("*.parquet"))).read().to_pylist()
    sentences = pq.ParquetFile(next((release / "data" / "sentences").glob("*.parquet"))).read().to_pylist()
    shown_paras = {p["id"]: p for d in data["documents"] for p in d["paragraphs"]}
    shown_sents = {s["id"]: s for p in shown_paras.values() for s in p["sentences"]}
    assert set(shown_paras) == {p["paragraph_id"] for p in paragraphs}
    assert set(shown_sents) == {s["sentence_id"] for s in sentences}
    for s in sentences:
        got = shown_sents[s["sentence_id"]]
        assert got["text"] == s["text"] and got["mode"] == s["speech_mode"]
        if s["reporting_cue"]:
            assert got["text"][got["cue"][0]:got["cue"][1]] == s["reporting_cue"]
    assert data["version"] == __version__ and data["citation"] == cite.apa().strip()
    assert "reader/index.html" in (release / "SHA256SUMS").read_text(encoding="utf-8")


def test_the_reader_is_small_and_fetches_nothing(release):
    page = (release / READER_FILE).read_text(encoding="utf-8")
    assert len(page.encode("utf-8")) < 400_000
    # No external script, style, font or image: every resource is inline, and
    # the page's content security policy forbids fetching anything.
    assert "default-src 'none'" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert not re.search(r"@import|@font-face|url\(\s*['\"]?(?:https?:)?//", page)
    assert [p.name for p in (release / "reader").iterdir()] == ["index.html"]


def test_same_records_give_the_same_page(tmp_path):
    stage = write_fixture_release(tmp_path / "stage")
    assert render(build_model(stage)) == render(build_model(stage))


def test_write_reader_writes_into_the_staged_release_only(tmp_path):
    stage = write_fixture_release(tmp_path / "stage")
    write_reader(stage)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()
                  and "data" not in p.parts) == ["stage/reader/index.html"]
    assert embedded((stage / READER_FILE).read_text(encoding="utf-8"))["documents"][0]["doc_id"] == C


def test_a_release_above_the_limit_gets_a_bounded_page_that_says_what_it_leaves_out(release, tmp_path,
                                                                                     monkeypatch):
    stage = tmp_path / "stage"
    shutil.copytree(release / "data", stage / "data")
    monkeypatch.setattr(model, "MAX_DOCUMENTS", 3)
    write_reader(stage)
    page = (stage / READER_FILE).read_text(encoding="utf-8")
    data = embedded(page)
    assert [d["doc_id"] for d in data["documents"]] == [
        "2013-10-23-acftu-talk-cctv", "2018-10-29-acftu-talk-cctv", "2018-10-29-acftu-talk-xinhua"]
    # nothing of the talk left out, not even in a formulation's occurrences
    assert "2023-10-23-acftu-talk" not in page
    assert len(page.encode("utf-8")) < 0.75 * (release / READER_FILE).stat().st_size
    note = re.search(r'<p class="notice" id="excerpt" role="note">(.*?)</p>', page, re.S).group(1)
    text = re.sub(r"<[^>]+>", "", note)
    assert "the first 2 of 3 talks" in text and "3 of 5 documents" in text and "2013-10-23 to 2018-10-29" in text
    assert 'pandas.read_parquet("data/sentences")' in text and "load_dataset" in text
    assert "Search, formulations and comparisons cover these documents only" in text
    assert page.count("<script>") == 2  # the reader's own, and the one for ids left out


def test_a_release_within_the_limit_has_no_note(release):
    page = (release / READER_FILE).read_text(encoding="utf-8")
    assert 'id="excerpt"' not in page and "excerpt" not in embedded(page)
    assert page.count("<script>") == 1 and "{{" not in page.split('<script id="reader-data"')[0]


def test_the_note_escapes_what_it_writes():
    note = excerpt_note({"limit": 1, "documents": 1, "documents_total": 1234, "events": 1, "events_total": 1000,
                         "first": "<b>", "last": "2020-01-01"})
    assert "&lt;b&gt; to 2020-01-01" in note and "1 of 1,000 talks" in note and "1 of 1,234 documents" in note


def test_the_docs_give_the_pages_limit():
    # README.md and the card say it in words; the constant is the one place it is set.
    for doc in ("README.md", "dataset_card.md"):
        text = " ".join((ROOT / doc).read_text(encoding="utf-8").split())
        assert f"more than {model.MAX_DOCUMENTS} documents" in text, doc
        assert f"up to {model.MAX_DOCUMENTS} documents" in text, doc
