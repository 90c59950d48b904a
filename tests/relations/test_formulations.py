"""Recurring passages grouped into formulations; boilerplate by declared rules."""
import csv

import pytest

from acftu_talks.relations import formulations, reuse
from acftu_talks.relations.formulations import RULES, classify, formulation_id

from relations_fixtures import ROOT, corpus, doc, real_corpus


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_every_rule_decides_its_examples_and_not_its_counter_examples(rule):
    assert rule.examples and rule.counter_examples and rule.description
    for text in rule.examples:
        assert rule.decides(text), text
    for text in rule.counter_examples:
        assert not rule.decides(text), text


def test_the_first_rule_that_decides_is_recorded():
    assert classify("中共中央总书记、国家主席、中央军委主席习近平") == (True, "leader-title@1")
    assert classify("在中南海同中华全国总工会新一届领导班子成员集体谈话并发表重要讲话") == (True, "meeting-formula@1")
    assert classify("工会是职工之家，工会干部是") == (False, "substantive")


def test_the_id_is_a_function_of_the_text():
    assert formulation_id("工会是职工之家") == formulation_id("工会是职工之家") != formulation_id("工会是职工之")
    assert formulation_id("工会是职工之家").startswith("form-")


def test_a_passage_reused_twice_is_one_formulation_with_every_occurrence():
    s = "要坚持全心全意依靠工人阶级的根本方针。"
    c = corpus(doc("2013-10-23-x-a", "第一。" + s), doc("2018-10-29-x-b", s), doc("2023-10-23-x-c", "他说" + s))
    (form,) = formulations.group(c, [r["text_a"] for r in reuse.align(c)])
    assert form["text"] == "要坚持全心全意依靠工人阶级的根本方针"
    assert [(o["doc_id"], o["char_start"]) for o in form["occurrences"]] == [
        ("2013-10-23-x-a", 3), ("2018-10-29-x-b", 0), ("2023-10-23-x-c", 2)]
    assert (form["first_date"], form["last_date"], form["n_events"], form["n_documents"]) == (
        "2013-10-23", "2023-10-23", 3, 3)
    assert form["event_ids"] == ["2013-10-23", "2018-10-29", "2023-10-23"]  # no event_id: the doc_id dates


def test_the_other_documents_of_an_event_are_occurrences_not_rows():
    s = "要坚持全心全意依靠工人阶级的根本方针。"
    c = corpus(doc("2018-10-29-x-a", s), doc("2018-10-29-x-b", "据报道。" + s), doc("2023-10-23-x-c", s))
    reused = list(reuse.align(c))
    assert len(reused) == 1
    (form,) = formulations.group(c, [r["text_a"] for r in reused])
    assert (form["n_events"], form["n_documents"]) == (2, 3)
    assert {o["doc_id"] for o in form["occurrences"]} == {"2018-10-29-x-a", "2018-10-29-x-b", "2023-10-23-x-c"}


def test_a_longer_passage_overlapping_a_more_widely_used_one_is_left_out():
    title = "中共中央总书记、国家主席、中央军委主席习近平"
    c = corpus(doc("2013-10-23-x-a", title + "23日上午。"), doc("2018-10-29-x-b", title + "29日上午。"),
               doc("2023-10-23-x-c", title + "23日下午。"))
    assert [f["text"] for f in formulations.group(c, [r["text_a"] for r in reuse.align(c)])] == [title]


def _gold():
    with (ROOT / "tests" / "expected" / "formulations.tsv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.fixture(scope="module")
def real(release):
    c = real_corpus(release)
    return c, formulations.group(c, [r["text_a"] for r in reuse.align(c)])


@pytest.mark.parametrize("gold", _gold(), ids=lambda g: g["text"][:12])
def test_formulations_of_the_gold_set(real, gold):
    c, forms = real
    holding = [f for f in forms if gold["text"] in f["text"] or f["text"] in gold["text"]]
    if gold["recurs"] == "no":
        assert holding == []
        return
    assert len(holding) == 1, [f["text"] for f in holding]
    (form,) = holding
    assert form["event_ids"] == gold["event_ids"].split(";")
    assert form["boilerplate"] == (gold["boilerplate"] == "yes")


def test_every_occurrence_slices_its_text_out_of_the_raw_text(real):
    c, forms = real
    for f in forms:
        for o in f["occurrences"]:
            assert c[o["doc_id"]].raw[o["char_start"]:o["char_end"]] == f["text"]
