"""Where texts stand in a corpus's sentences: occurrences and first attestations."""
from acftu_talks.relations import search
from acftu_talks.relations.reuse import representative_rank

from relations_fixtures import corpus, doc


def test_every_occurrence_inside_one_sentence_is_found_and_none_across_two():
    c = corpus(doc("2013-10-23-x-a", "工会是职工之家。职工之家。工会是职工之家，也是娘家。"))
    got = search.occurrences(c, ["工会是职工之家", "之家。职工", "娘家人"])
    assert sorted(s for _, _, s, _ in got["工会是职工之家"]) == [0, 13]
    assert got["之家。职工"] == set()  # spans the end of a sentence
    assert got["娘家人"] == set()


def test_a_text_shorter_than_four_characters_is_never_found():
    c = corpus(doc("2013-10-23-x-a", "工会是职工之家。"))
    assert search.occurrences(c, ["职工之"]) == {"职工之": set()}
    assert search.occurrences(c, ["职工之", "工会是职工"])["工会是职工"] == {("2013-10-23-x-a", "2013-10-23-x-a.p001.s01", 0, 5)}


def test_the_first_attestation_is_the_earliest_event_then_the_representative_document_then_the_first_offset():
    p = "听党话、跟党走"
    c = corpus(doc("2023-10-23-x-a", p + "。"),
               doc("2018-10-29-x-a", "要" + p + "。"),
               doc("2018-10-29-x-b", "他说" + p + "，" + p + "。", doc_type="speech_text"))
    event, document, sentence, at = search.Occurrences(c).first_attestations([p, "不在文中的话"], representative_rank)[p]
    assert (event, document.doc_id, at) == ("2018-10-29", "2018-10-29-x-b", 2)  # the speech text, its first offset
    assert sentence.sentence_id == "2018-10-29-x-b.p001.s01"
    assert "不在文中的话" not in search.Occurrences(c).first_attestations(["不在文中的话"], representative_rank)


def test_each_text_is_searched_for_once(monkeypatch):
    c = corpus(doc("2013-10-23-x-a", "工会是职工之家。"), doc("2018-10-29-x-b", "工会是职工之家，工会干部是娘家人。"))
    passes = []
    real = search.occurrences
    monkeypatch.setattr(search, "occurrences", lambda c, texts: passes.append(set(texts)) or real(c, texts))
    found = search.Occurrences(c)
    assert len(found.of(["工会是职工之家"])["工会是职工之家"]) == 2
    assert found.first_attestations(["工会是职工之家"], representative_rank)["工会是职工之家"][0] == "2013-10-23"
    assert found.of(["工会是职工之家", "工会干部是娘家人"])["工会干部是娘家人"] == {
        ("2018-10-29-x-b", "2018-10-29-x-b.p001.s01", 8, 16)}
    assert passes == [{"工会是职工之家"}, {"工会干部是娘家人"}]  # the second pass only for the new text
