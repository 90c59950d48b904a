"""The relation step's speed-ups give the results of the code they replaced
(kept in legacy_*_v1.py), on random corpora built to hit every path: passages
recurring in many documents and events, sub-passages of each other, clause
marks, enumeration commas, function characters, dates and word-level variants."""
import random

import pytest

from acftu_talks.relations import formulations, reuse

import legacy_formulations_v1
import legacy_reuse_v1
from relations_fixtures import corpus, doc

# phrases that recur, some prefixes of others, some differing in one character
PHRASES = ["把广大职工群众紧紧团结起来", "把广大职工群众紧密团结起来", "工会是职工之家", "工会干部是娘家人",
           "维护党中央权威和集中统一领导", "为实现中国梦而奋斗的", "知识型、技能型、创新型", "在中南海同全国总工会领导班子谈话",
           "习近平强调", "要在思想上政治上行动上同党中央保持高度一致", "23日上午", "坚持眼睛向下",
           # passages that overlap by one character where they meet (家): the overlap checks' edge
           "家庭和睦邻里守望相助", "工会是职工之家庭和睦邻里守望相助", "团结奋斗基层导向鲜明"]
FILLER = "的了在同把对和与及是为要工人阶级主力军伟大事业团结奋斗基层导向"
MARKS = "，，；：、“”"


def _sentence(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.6:
            p = rng.choice(PHRASES)
            if rng.random() < 0.3:  # a cut or a variant of the phrase
                i = rng.randrange(len(p))
                p = p[:i] + rng.choice(FILLER) + p[i + 1:] if rng.random() < 0.5 else p[rng.randrange(3):]
            parts.append(p)
        else:
            parts.append("".join(rng.choice(FILLER) for _ in range(rng.randint(1, 8))))
        parts.append(rng.choice(MARKS) if rng.random() < 0.7 else "")
    return "".join(parts).rstrip("，；：、") + "。"


def random_corpus(seed: int):
    rng = random.Random(seed)
    docs = []
    for n in range(rng.randint(2, 9)):
        event = rng.choice(["2013-10-23", "2018-10-29", "2023-10-23", "2024-01-05"])
        raw = "".join(_sentence(rng) for _ in range(rng.randint(1, 8)))
        docs.append(doc(f"{event}-talk-{n:02d}", raw, doc_type=rng.choice(["news_report", "speech_text"]),
                        event_id=event))
    return corpus(*docs)


@pytest.mark.parametrize("seed", range(60))
def test_reuse_and_formulations_match_the_code_they_replaced(seed):
    c = random_corpus(seed)
    for max_postings in (2, 64):
        new = list(reuse.align(c, max_postings))
        assert new == list(legacy_reuse_v1.align(c, max_postings))
        assert formulations.group(c, [r["text_a"] for r in new]) == legacy_formulations_v1.group(c, new)


def test_the_random_corpora_exercise_reuse_and_formulations():
    """The equivalence above is not vacuous: the corpora give rows and records."""
    totals = [0, 0]
    for seed in range(60):
        c = random_corpus(seed)
        rows = list(reuse.align(c))
        totals[0] += len(rows)
        totals[1] += len(formulations.group(c, [r["text_a"] for r in rows]))
    assert totals[0] > 300 and totals[1] > 100


@pytest.mark.parametrize("seed", range(20))
def test_snap_matches_the_code_it_replaced(seed):
    rng = random.Random(seed)
    for _ in range(200):
        a, b = _sentence(rng), _sentence(rng)
        shared = rng.choice(PHRASES) + rng.choice(MARKS) + rng.choice(PHRASES)
        ia, ib = rng.randrange(len(a)), rng.randrange(len(b))
        a, b = a[:ia] + shared + a[ia:], b[:ib] + shared + b[ib:]
        cut = rng.randrange(len(shared))
        start_a, start_b, length = ia + cut, ib + cut, rng.randint(1, len(shared) - cut)
        assert reuse.snap(a, b, start_a, start_b, length) == legacy_reuse_v1.snap(a, b, start_a, start_b, length)


def test_spans_that_share_only_their_last_character_overlap():
    """The edge of both overlap checks: 工会是职工之家 and 家庭和睦邻里守望
    share one 家 in the 2013 text, so the shorter is dropped there, in reuse
    (2013 against 2018) and in formulations (everywhere, since it meets the
    longer one in the 2013 text). Both are first attested in 2013, so 2018
    and 2023 share no row of their own, and 工会是职工之家, which meets the
    longer passage in the 2013 text, is no row at all."""
    c = corpus(doc("2013-10-23-talk-a", "工会是职工之家庭和睦邻里守望。"),
               doc("2018-10-29-talk-b", "工会是职工之家。家庭和睦邻里守望。"),
               doc("2023-10-23-talk-c", "工会是职工之家。家庭和睦邻里守望。"))
    rows = list(reuse.align(c))
    assert [(r["doc_id_a"][:10], r["doc_id_b"][:10], r["text_a"])
            for r in rows] == [("2013-10-23", "2018-10-29", "家庭和睦邻里守望"),
                               ("2013-10-23", "2023-10-23", "家庭和睦邻里守望")]
    assert rows == list(legacy_reuse_v1.align(c))
    forms = formulations.group(c, [r["text_a"] for r in rows])
    assert [f["text"] for f in forms] == ["家庭和睦邻里守望"]
    assert forms == legacy_formulations_v1.group(c, rows)


def test_a_span_that_shares_the_first_character_of_a_shorter_one_overlaps_it():
    """The mirror of the case above: the longer 工会是职工之家园地 is kept first
    and its last character 地 is the first of 地方特色产业兴旺. Every gram of
    both is first attested in 2013, so 2018 and 2023 share no row of their
    own, and 地方特色产业兴旺, dropped in 2013 where it meets the longer
    passage, is no row at all (its occurrences stay in the texts)."""
    c = corpus(doc("2013-10-23-talk-a", "工会是职工之家园地方特色产业兴旺。"),
               doc("2018-10-29-talk-b", "工会是职工之家园地。地方特色产业兴旺。"),
               doc("2023-10-23-talk-c", "工会是职工之家园地。地方特色产业兴旺。"))
    rows = list(reuse.align(c))
    assert [(r["doc_id_a"][:10], r["doc_id_b"][:10], r["text_a"]) for r in rows] == [
        ("2013-10-23", "2018-10-29", "工会是职工之家园地"), ("2013-10-23", "2023-10-23", "工会是职工之家园地")]
    assert rows == list(legacy_reuse_v1.align(c))
    forms = formulations.group(c, [r["text_a"] for r in rows])
    assert [f["text"] for f in forms] == ["工会是职工之家园地"]
    assert forms == legacy_formulations_v1.group(c, rows)
