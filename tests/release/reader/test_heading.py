"""reader/heading.py: the heading of the page's list of talks says how many
talks and documents the page shows, and of how many when it shows part of
its release, whatever corpus the release was built from."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from reader_fixture import write_fixture_release

from acftu_talks.release.reader.heading import talks_heading
from acftu_talks.release.reader.model import build_model

COLLECTIVE = {"occasion": "同中华全国总工会新一届领导班子成员集体谈话"}
OTHER = {"occasion": "同共青团中央新一届领导班子成员谈话"}


@pytest.mark.parametrize("events, documents, title, counts", [
    # the real corpus: what the page said before its heading was derived
    ([COLLECTIVE] * 3, 5, "The talks 三次集体谈话", "3 talks, 5 documents"),
    ([COLLECTIVE], 1, "The talk 一次集体谈话", "1 talk, 1 document"),
    ([COLLECTIVE] * 2, 2, "The talks 两次集体谈话", "2 talks, 2 documents"),
    ([COLLECTIVE] * 12, 30, "The talks 十二次集体谈话", "12 talks, 30 documents"),
    ([COLLECTIVE] * 120, 1500, "The talks 120次集体谈话", "120 talks, 1,500 documents"),
    # a talk that is not said to be a collective one makes them all plain talks
    ([COLLECTIVE, OTHER], 3, "The talks 两次谈话", "2 talks, 3 documents"),
    ([{"occasion": None}], 1, "The talk 一次谈话", "1 talk, 1 document"),
    ([], 0, "No talks 没有谈话", "0 talks, 0 documents"),
])
def test_a_page_of_its_whole_release_counts_what_it_shows(events, documents, title, counts):
    assert talks_heading(events, documents) == {"title": title, "counts": counts}


@pytest.mark.parametrize("shown, total, docs, docs_total, title, counts", [
    (2, 3, 3, 5, "The first 2 of 3 talks 三次集体谈话中的前两次", "3 of 5 documents"),
    (1, 3, 1, 5, "The first of 3 talks 三次集体谈话中的第一次", "1 of 5 documents"),
    # one phrase does not mix numerals and figures
    (50, 3333, 50, 10000, "The first 50 of 3,333 talks 3,333次集体谈话中的前50次", "50 of 10,000 documents"),
])
def test_a_page_of_part_of_its_release_says_of_how_many(shown, total, docs, docs_total, title, counts):
    excerpt = {"events": shown, "events_total": total, "documents": docs, "documents_total": docs_total}
    assert talks_heading([COLLECTIVE] * total, docs, excerpt) == {"title": title, "counts": counts}


def test_the_model_heads_its_talks_with_their_count(tmp_path):
    assert build_model(write_fixture_release(tmp_path / "stage"))["heading"] == {
        "title": "The talk 一次集体谈话", "counts": "1 talk, 3 documents"}


def test_a_talk_the_release_holds_no_document_of_is_neither_shown_nor_counted(tmp_path):
    """The events config of a release of part of the corpus lists every talk
    of the registry; the page shows, and counts, those it has documents of."""
    stage = write_fixture_release(tmp_path / "stage")
    path = stage / "data" / "events" / "train-00000-of-00001.parquet"
    rows = pq.read_table(path).to_pylist()
    rows.append({**rows[0], "event_id": "2028-01-02-test-talk", "documents": []})
    pq.write_table(pa.Table.from_pylist(rows), path)
    got = build_model(stage)
    assert [ev["event_id"] for ev in got["events"]] == ["2023-01-02-test-talk"]
    assert got["heading"]["counts"] == "1 talk, 3 documents"


def test_the_real_release_is_headed_as_before(release):
    got = build_model(release)
    assert got["heading"] == {"title": "The talks 三次集体谈话", "counts": "3 talks, 5 documents"}
    assert build_model(release, max_documents=3)["heading"] == {
        "title": "The first 2 of 3 talks 三次集体谈话中的前两次", "counts": "3 of 5 documents"}
