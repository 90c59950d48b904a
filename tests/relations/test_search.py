"""Where texts stand in a corpus's sentences: occurrences and first attestations."""
from hypothesis import given, settings, strategies as st

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
    real = search._scan
    monkeypatch.setattr(search, "_scan", lambda c, texts: passes.append(set(texts)) or real(c, texts))
    found = search.Occurrences(c)
    assert len(found.of(["工会是职工之家"])["工会是职工之家"]) == 2
    assert found.first_attestations(["工会是职工之家"], representative_rank)["工会是职工之家"][0] == "2013-10-23"
    assert found.of(["工会是职工之家", "工会干部是娘家人"])["工会干部是娘家人"] == {
        ("2018-10-29-x-b", "2018-10-29-x-b.p001.s01", 8, 16)}
    assert passes == [{"工会是职工之家"}, {"工会干部是娘家人"}]  # the second pass only for the new text


def _brute_force(c, texts):
    """The definition: every offset inside one sentence where a text of at
    least MIN_CHARS characters starts and ends."""
    found = {t: set() for t in texts}
    for d in c:
        for s in d.sentences:
            for t in texts:
                if len(t) < search.MIN_CHARS:
                    continue
                for i in range(s.char_start, s.char_end - len(t) + 1):
                    if d.raw.startswith(t, i):
                        found[t].add((d.doc_id, s.sentence_id, i, i + len(t)))
    return found


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="工会职工之家。，\n", min_size=1, max_size=30), min_size=1, max_size=4), st.data())
def test_occurrences_are_those_of_the_definition(texts_of_docs, data):
    """Texts that share their first characters and differ in length, and
    keys that the hash bitmap lets through or not: the same as a scan of
    every offset for every text."""
    c = corpus(*(doc(f"2013-10-{23 + i:02d}-x-a", t) for i, t in enumerate(texts_of_docs)))
    # pieces of the documents (so that most are found) and free texts
    pieces = []
    for t in texts_of_docs:
        i = data.draw(st.integers(0, len(t)))
        pieces.append(t[i:i + data.draw(st.integers(0, 12))])
    texts = pieces + data.draw(st.lists(st.text(alphabet="工会职工之家。，", max_size=12), max_size=8))
    expected = _brute_force(c, set(texts))
    assert search.occurrences(c, texts) == expected
    # the packed form spells out the same places (documents without a
    # sentence, of line breaks only, included), sorted
    found = search.Occurrences(c)
    assert found.of(texts) == expected
    for t in set(texts):
        assert found.places(t) == sorted(expected[t])
        assert found.events(t) == {o[0][:10] for o in expected[t]}


def test_a_frame_that_opens_many_candidates_finds_each_of_them():
    frame = "习近平强调，"
    candidates = [frame + "工会" * n for n in range(1, 8)] + [frame + "工会职工"]
    c = corpus(doc("2013-10-23-x-a", frame + "工会工会工会。" + frame + "工会职工之家。"))
    got = search.occurrences(c, candidates)
    assert {t for t, found in got.items() if found} == {frame + "工会", frame + "工会工会", frame + "工会工会工会",
                                                        frame + "工会职工"}
    assert got[frame + "工会"] == {("2013-10-23-x-a", "2013-10-23-x-a.p001.s01", 0, 8),
                                   ("2013-10-23-x-a", "2013-10-23-x-a.p001.s02", 13, 21)}
