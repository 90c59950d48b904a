"""The series in the built release: five documents of three events, the
people registry, errata and provenance, read back with ``datasets``."""
from __future__ import annotations

import datasets
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from acftu_talks.people import Registry
from acftu_talks.registries import read_registries
from acftu_talks.release import series
from conftest import CORPUS, ROOT, SCHEMA

EVENTS = {
    "2013-10-23-acftu-talk": ("2013-10-23", "morning", 16, "2013-10-18", "2013-10-22"),
    "2018-10-29-acftu-talk": ("2018-10-29", "morning", 17, "2018-10-22", "2018-10-26"),
    "2023-10-23-acftu-talk": ("2023-10-23", "afternoon", 18, "2023-10-09", "2023-10-12"),
}


@pytest.fixture(scope="module")
def loaded(release, tmp_path_factory):
    cache = tmp_path_factory.mktemp("hf-cache-series")
    return {name: datasets.load_dataset(str(release), name, split="train", cache_dir=str(cache))
            for name in ("paragraphs", "sentences", "documents", "events", "persons")}


def test_three_events_with_their_documents(loaded):
    events = {e["event_id"]: e for e in loaded["events"]}
    assert {eid: (str(e["date"]), e["part_of_day"], e["congress_ordinal"], str(e["congress_start"]),
                  str(e["congress_end"])) for eid, e in events.items()} == EVENTS
    docs = {eid: [(d["doc_id"], d["text_kind"], d["publisher_en"], d["version_of"]) for d in e["documents"]]
            for eid, e in events.items()}
    assert docs == {
        "2013-10-23-acftu-talk": [("2013-10-23-acftu-talk-cctv", "readout", "CCTV Xinwen Lianbo", None)],
        "2018-10-29-acftu-talk": [
            ("2018-10-29-acftu-talk-cctv", "readout", "CCTV Xinwen Lianbo", "2018-10-29-acftu-talk-xinhua"),
            ("2018-10-29-acftu-talk-xinhua", "readout", "Xinhua News Agency", None)],
        # the readout and Xi's own text of the same talk
        "2023-10-23-acftu-talk": [
            ("2023-10-23-acftu-talk-cctv", "readout", "CCTV Xinwen Lianbo", None),
            ("2023-10-23-acftu-talk-qiushi", "speech_text", "Qiushi Journal (journal of the CPC Central Committee)",
             None)],
    }
    assert {e["organisation_en"] for e in events.values()} == {"All-China Federation of Trade Unions (ACFTU)"}


def test_every_row_carries_its_event(loaded):
    event_of = {d["doc_id"]: d["event_id"] for d in loaded["documents"]}
    assert event_of == {doc_id: doc_id.rsplit("-", 1)[0] for doc_id in event_of}
    for config in ("paragraphs", "sentences"):
        for row in loaded[config]:
            assert row["event_id"] == event_of[row["doc_id"]]


def test_every_participant_is_a_registered_person_with_the_position_of_the_day(loaded):
    persons = {p["person_id"]: p for p in loaded["persons"]}
    assert len(persons) == 29
    assert persons["xi-jinping"]["wikidata"] == "Q15031"
    assert [pid for pid, p in persons.items() if p["wikidata"]] == ["xi-jinping"]
    for doc in loaded["documents"]:
        for person in doc["participants"]:
            assert persons[person["person_id"]]["name"] == person["name"], doc["doc_id"]
    by_doc = {d["doc_id"]: {p["person_id"]: p for p in d["participants"]} for d in loaded["documents"]}
    # Wang Dongming chairs the ACFTU at both talks; in 2013 Li Jianguo did
    assert by_doc["2018-10-29-acftu-talk-xinhua"]["wang-dongming"]["position"].startswith("中华全国总工会主席")
    assert "Chairman of the All-China Federation of Trade Unions" in \
        by_doc["2013-10-23-acftu-talk-cctv"]["li-jianguo"]["position_en"]
    # Wang Huning's 19th-term post, not a later one
    assert "19th" in by_doc["2018-10-29-acftu-talk-cctv"]["wang-huning"]["position_en"]
    # the photographer of a 2024 photo is not a participant of the 2023 talk
    assert "wang-ye" not in by_doc["2023-10-23-acftu-talk-qiushi"]
    assert by_doc["2023-10-23-acftu-talk-qiushi"]["ju-peng"]["role"] == "photographer"


def test_the_2024_photo_keeps_its_credit_on_the_caption(loaded):
    captions = [p for p in loaded["paragraphs"] if p["segment_type"] == "photo_caption"]
    assert [(str(c["caption_date"]), c["photo_credit"]) for c in captions] == [
        ("2023-10-23", "新华社记者 鞠鹏 摄"), ("2024-04-22", "新华社记者 王晔 摄")]


def test_the_2013_errata_are_recorded_and_the_published_text_kept(loaded):
    doc = next(d for d in loaded["documents"] if d["doc_id"] == "2013-10-23-acftu-talk-cctv")
    errata = [(e["erratum_id"], e["published"], e["intended"], e["status"]) for e in doc["errata"]]
    assert errata == [("2013-10-23-acftu-talk-cctv.e1", "新形式下", "新形势下", "suspected"),
                      ("2013-10-23-acftu-talk-cctv.e2", "工会共和国", None, "suspected")]
    paragraph = next(p for p in loaded["paragraphs"] if p["doc_id"] == doc["doc_id"])
    assert paragraph["errata"] == ["2013-10-23-acftu-talk-cctv.e1", "2013-10-23-acftu-talk-cctv.e2"]
    for e in doc["errata"]:
        assert paragraph["text"][e["char_start"]:e["char_end"]] == e["published"]  # p001 starts at 0
        holding = [s for s in loaded["sentences"] if e["erratum_id"] in s["errata"]]
        assert len(holding) == 1 and e["published"] in holding[0]["text"]
    assert not any(p["errata"] for p in loaded["paragraphs"] if p["doc_id"] != doc["doc_id"])


def test_provenance_per_document(loaded):
    got = {d["doc_id"]: (d["original_url"], d["copy_repository"], d["copy_commit"], d["retrieved"])
           for d in loaded["documents"]}
    repo = "FrederickPi1969/xinwenlianbo-transcripts"
    assert got == {
        "2013-10-23-acftu-talk-cctv": (None, repo, "a13b1e9ab8933670b2b455d8109d121bae216014",
                                       __import__("datetime").date(2026, 12, 1)),
        "2018-10-29-acftu-talk-cctv": ("http://tv.cctv.com/2018/10/29/VIDEgXWIUEP8I5i1EOgAI17u181029.shtml", repo,
                                       "324fc5c1346a910c063c8f9ff92ddef8f7e2d382",
                                       __import__("datetime").date(2026, 12, 1)),
        "2023-10-23-acftu-talk-cctv": ("https://tv.cctv.com/2023/10/23/VIDEuQh2LKE6y0wWpvaUIzSK231023.shtml", repo,
                                       "7f9574a9656bd7efd08e1e1e75dfc4e5140a90ed",
                                       __import__("datetime").date(2026, 12, 1)),
        # the seeds came without a URL or a retrieval date: none is invented
        "2018-10-29-acftu-talk-xinhua": (None, None, None, None),
        "2023-10-23-acftu-talk-qiushi": (None, None, None, None),
    }


def test_the_card_shows_events_provenance_and_errata(release):
    card = (release / "README.md").read_text(encoding="utf-8")
    assert "| `2018-10-29-acftu-talk` | 2018-10-29 | morning |" in card
    assert "version of `2018-10-29-acftu-talk-xinhua`" in card
    assert "| `2013-10-23-acftu-talk-cctv.e2` | 1:1548-1553 | 工会共和国 | not known | suspected |" in card
    assert "| `2018-10-29-acftu-talk-xinhua` | `002_7851bc1dc408d0d7.txt` | not known | not recorded | not recorded |" \
        in card


def test_the_people_named_are_those_whose_name_or_alias_a_paragraph_has(tmp_path):
    people = Registry(by_form={"习近平": "xi-jinping", "王东明": "wang-dongming", "东明同志": "wang-dongming",
                               "陈希": "chen-xi"})
    folder = tmp_path / "data" / "paragraphs"
    folder.mkdir(parents=True)
    for n, texts in enumerate((["习近平强调。"], ["会议由东明同志主持。", "（完）"])):
        pq.write_table(pa.table({"text": texts}), folder / f"train-{n:05d}-of-00002.parquet")
    assert series.named_persons(tmp_path, people) == {"xi-jinping", "wang-dongming"}


def test_the_whole_corpus_names_every_registered_person(release):
    people = read_registries(CORPUS, SCHEMA, ROOT)[0].people
    assert series.named_persons(release, people) == set(people.persons)
