"""Reading the staged records back: events, order, sentences by offset."""
from acftu_talks.relations.corpus import Corpus, event_of

from relations_fixtures import doc, real_corpus


def test_the_event_is_the_date_of_the_doc_id_until_records_carry_one():
    assert event_of({"doc_id": "2018-10-29-acftu-talk-xinhua"}) == "2018-10-29"
    assert event_of({"doc_id": "2018-10-29-acftu-talk-xinhua", "event_id": "acftu-2018"}) == "acftu-2018"
    assert event_of({"doc_id": "2018-10-29-acftu-talk-xinhua", "event_id": None}) == "2018-10-29"


def test_documents_come_in_doc_id_order_whatever_the_reading_order():
    a, b = doc("2013-10-23-x-a", "甲。"), doc("2018-10-29-x-b", "乙。")
    assert [d.doc_id for d in Corpus([b, a])] == [d.doc_id for d in Corpus([a, b])] == ["2013-10-23-x-a",
                                                                                      "2018-10-29-x-b"]


def test_sentence_at_a_span_and_at_an_empty_span():
    d = doc("2013-10-23-x-a", "第一句。第二句。")
    assert d.sentence_at(0, 2).sentence_id.endswith("s01")
    assert d.sentence_at(4, 4).sentence_id.endswith("s02")
    assert d.sentence_at(8, 8) is None  # past the last sentence


def test_the_staged_release_reads_back_with_raw_texts_and_artifacts(release):
    c = real_corpus(release)
    assert len(c.docs) == 5
    # the documents config's event_id (corpus/events.toml)
    assert {d.event_id for d in c} == {"2013-10-23-acftu-talk", "2018-10-29-acftu-talk", "2023-10-23-acftu-talk"}
    for d in c:
        for s in d.sentences:
            assert d.raw[s.char_start:s.char_end] == s.text
    xinhua = c["2018-10-29-acftu-talk-xinhua"]
    assert [xinhua.raw[s:e] for s, e in xinhua.artifacts] == ["[bookmark: _GoBack]"]
