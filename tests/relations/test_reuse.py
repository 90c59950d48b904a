"""Passages that recur across events."""
import csv
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from acftu_talks.relations import reuse
from acftu_talks.relations.ngrams import content_length, is_mark

from relations_fixtures import ROOT, corpus, doc, real_corpus

A = "习近平强调，要树立大抓基层的鲜明导向，坚持眼睛向下。工会是职工之家。"
B = "习近平指出，牢固树立大抓基层的鲜明导向，夯实基层基础。职工群众是主力。工会是职工之家。"


def rows(*docs, **kw):
    return list(reuse.align(corpus(*docs), **kw))


def test_the_longest_shared_passage_is_found_and_trimmed_of_punctuation():
    got = rows(doc("2018-10-29-x-a", A), doc("2023-10-23-x-b", B))
    assert [r["text_a"] for r in got] == ["树立大抓基层的鲜明导向", "工会是职工之家"]
    r = got[0]
    assert (r["char_start_a"], r["char_start_b"]) == (A.index("树立"), B.index("树立"))
    assert r["text_a"] == r["text_b"] and r["sentence_id_a"].endswith("s01")


def test_short_shared_strings_are_words_not_reuse():
    """职工群众好 (5 characters once the punctuation is trimmed) is under the minimum."""
    assert rows(doc("2018-10-29-x-a", "今天，职工群众好。"), doc("2023-10-23-x-b", "昨天，职工群众好。")) == []


def test_documents_of_one_event_share_text_but_not_reuse():
    assert rows(doc("2018-10-29-x-a", A), doc("2018-10-29-x-b", B)) == []


def test_a_number_is_not_cut_in_half():
    a = doc("2013-10-23-x-a", "中共中央总书记、国家主席、中央军委主席习近平23日上午在中南海同全国总工会。")
    b = doc("2018-10-29-x-b", "中共中央总书记、国家主席、中央军委主席习近平29日上午在中南海同全国总工会。")
    assert [r["text_a"] for r in rows(a, b)] == ["中共中央总书记、国家主席、中央军委主席习近平", "在中南海同全国总工会"]


def test_two_talks_on_the_23rd_share_the_calendar_not_a_formulation():
    a = doc("2013-10-23-x-a", "中共中央总书记、国家主席、中央军委主席习近平23日上午在人民大会堂会见。")
    b = doc("2023-10-23-x-b", "中共中央总书记、国家主席、中央军委主席习近平23日下午在中南海会见。")
    assert [r["text_a"] for r in rows(a, b)] == ["中共中央总书记、国家主席、中央军委主席习近平"]


@pytest.mark.parametrize("rule", reuse.SNAP_RULES, ids=lambda r: r.name)
def test_every_snap_rule_keeps_its_examples_and_never_its_counter_examples(rule):
    assert rule.description and rule.examples and rule.counter_examples
    for a, b, kept in rule.examples:
        assert [r["text_a"] for r in rows(doc("2013-10-23-x-a", a), doc("2018-10-29-x-b", b))] == [kept], a
    for a, b, fragment in rule.counter_examples:
        got = [r["text_a"] for r in rows(doc("2013-10-23-x-a", a), doc("2018-10-29-x-b", b))]
        assert fragment not in got, a


def test_no_passage_starts_or_ends_on_a_function_character_cut_from_its_phrase(release):
    for r in reuse.align(real_corpus(release)):
        text = r["text_a"]
        assert reuse.content_length(text) >= reuse.MIN_CONTENT
        # particles and prepositions that never close a phrase (作用 may end on 用)
        assert text[-1] not in "的了把同在" and text[0] not in "的了", text
        assert not reuse.DATE_TIME.search(text), text


def test_a_passage_is_listed_once_per_pair_of_events():
    """Two versions of one report and a readout beside its speech text: one
    row, from the representative documents (the speech text, the first doc_id)."""
    s = "要坚持全心全意依靠工人阶级的根本方针。"
    c = corpus(doc("2013-10-23-x-a", s), doc("2013-10-23-x-b", "据报道。" + s),
               doc("2023-10-23-x-readout", "他说" + s), doc("2023-10-23-x-speech", s, doc_type="speech_text"))
    got = list(reuse.align(c))
    assert [(r["doc_id_a"], r["doc_id_b"], r["text_a"]) for r in got] == [
        ("2013-10-23-x-a", "2023-10-23-x-speech", "要坚持全心全意依靠工人阶级的根本方针")]


def test_a_phrase_said_twice_is_reused_once_per_occurrence():
    a = doc("2013-10-23-x-a", "要坚持全心全意依靠工人阶级。还要坚持全心全意依靠工人阶级。")
    b = doc("2018-10-29-x-b", "贯彻党的全心全意依靠工人阶级的方针。")
    assert len(rows(a, b)) == 1


def test_a_formula_in_every_document_seeds_nothing_above_the_cutoff():
    docs = [doc(f"20{10 + i}-01-01-x-d", f"第{i}篇。中央书记处书记参加集体谈话并发表重要讲话。") for i in range(5)]
    assert rows(*docs, max_postings=4) == []
    got = rows(*docs, max_postings=5)  # each later talk to the first, not every pair of the five
    assert [(r["doc_id_a"], r["doc_id_b"]) for r in got] == [("2010-01-01-x-d", f"20{10 + i}-01-01-x-d")
                                                            for i in range(1, 5)]


def test_a_recurring_passage_is_linked_to_its_first_attestation():
    """Said at three talks: two rows from the earliest, none between the two
    later ones; what the two later talks add to it together is their own row."""
    old = "要坚持全心全意依靠工人阶级的根本方针。"
    both = "要坚持全心全意依靠工人阶级的根本方针，把广大职工群众紧紧团结在党的周围。"
    got = rows(doc("2013-10-23-x-a", old), doc("2018-10-29-x-b", both), doc("2023-10-23-x-c", "他说" + both))
    assert [(r["doc_id_a"][:4], r["doc_id_b"][:4], r["text_a"]) for r in got] == [
        ("2013", "2018", "要坚持全心全意依靠工人阶级的根本方针"),
        ("2013", "2023", "要坚持全心全意依靠工人阶级的根本方针"),
        ("2018", "2023", "要坚持全心全意依靠工人阶级的根本方针，把广大职工群众紧紧团结在党的周围")]


def test_a_passage_the_earliest_talk_lacks_is_reused_between_the_later_ones():
    """Counter-example: the first-attestation rule drops no pair when the
    earliest talk does not have the passage."""
    p = "把广大职工群众紧紧团结在党的周围。"
    got = rows(doc("2013-10-23-x-a", "工会工作要有新气象。"), doc("2018-10-29-x-b", p), doc("2023-10-23-x-c", p))
    assert [(r["doc_id_a"][:4], r["doc_id_b"][:4]) for r in got] == [("2018", "2023")]


def _gold(kind):
    with (ROOT / "tests" / "expected" / "alignments.tsv").open(encoding="utf-8") as f:
        return [r for r in csv.DictReader(f, delimiter="\t") if r["kind"] == kind]


def test_every_gold_passage_is_found_and_no_passage_of_one_talk_is_reused(release):
    got = list(reuse.align(real_corpus(release)))
    for g in _gold("reuse"):
        a0, a1, b0, b1 = (int(g[k]) for k in ("char_start_a", "char_end_a", "char_start_b", "char_end_b"))
        assert any(r["doc_id_a"] == g["doc_id_a"] and r["doc_id_b"] == g["doc_id_b"]
                   and r["char_start_a"] <= a0 and a1 <= r["char_end_a"]
                   and r["char_start_b"] <= b0 and b1 <= r["char_end_b"] for r in got), g["text_a"]
    for g in _gold("no-reuse"):
        a0, a1 = int(g["char_start_a"]), int(g["char_end_a"])
        for r in got:
            for side in "ab":
                if r[f"doc_id_{side}"] == g["doc_id_a"]:
                    assert not (r[f"char_start_{side}"] < a1 and a0 < r[f"char_end_{side}"]), g["text_a"]


def test_a_passage_is_linked_to_an_earlier_talk_that_no_gram_paired():
    """2018 and 2023 share 23日听党话、跟党走， and the date is trimmed off;
    2013 has 听党话、跟党走 between other characters, so no 8-character gram
    pairs it with anything. The passage is still first attested in 2013."""
    p = "听党话、跟党走"
    got = rows(doc("2013-10-23-x-a", f"广大职工要{p}。"), doc("2018-10-29-x-b", f"23日{p}，永远跟着走。"),
               doc("2023-10-23-x-c", f"23日{p}，一起奋斗。"))
    assert [(r["doc_id_a"][:4], r["doc_id_b"][:4], r["text_a"]) for r in got] == [("2013", "2018", p),
                                                                              ("2013", "2023", p)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="工会职工之家，。、；：“”《》 \n23日上午年月1０〇十!?a（）\U0001F600\U00020000", max_size=40))
def test_masks_and_content_counts_are_those_of_their_definitions(text):
    """Per character: punctuation, symbols and spaces by their Unicode
    category, date and time expressions by the pattern; content counts as
    prefix sums of the characters that are not marks."""
    dates = set()
    for m in reuse.DATE_TIME.finditer(text):
        dates.update(range(m.start(), m.end()))
    assert list(reuse._masks(text)) == [int(is_mark(ch) or i in dates) for i, ch in enumerate(text)]
    assert list(reuse._content_prefix(text)) == [sum(not is_mark(ch) for ch in text[:i]) for i in range(len(text) + 1)]
    assert content_length(text) == sum(not unicodedata.category(ch)[0] in "PZS" and not ch.isspace() for ch in text)
