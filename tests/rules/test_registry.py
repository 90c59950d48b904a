"""Every registered rule's examples and counter-examples, run through the
builder's steps: the rule decides each example's unit with the expected
values, and does not decide its counter-examples.

``tests/rules/ablation.py`` switches each rule off in turn and runs this
file without the "which rule fired" check, to show that each rule's removal
changes some expected value.
"""
from __future__ import annotations

import os

import pytest

from acftu_talks.rules import registry

from probe import run

RULES = registry.all_rules()
# Under ablation only the values count, not the names of the rules that fired.
VALUES_ONLY = os.environ.get("ACFTU_TALKS_ABLATION") == "1"


def cases(kind: str):
    for rule in RULES:
        for number, example in enumerate(getattr(rule, kind), start=1):
            yield pytest.param(rule, example, id=f"{rule.name}-{number}")


def check_values(got: dict, example) -> None:
    for key, value in (example.expect or {}).items():
        if key == "roles":
            value = [tuple(v) for v in value]
        if key == "evidence":
            value = tuple(value)
        assert got[key] == value, (key, example.text)


@pytest.mark.parametrize("rule, example", list(cases("examples")))
def test_rule_decides_its_example(rule, example):
    got, fired = run(rule, example)
    if not VALUES_ONLY:
        assert rule.name in fired, (example.text, sorted(fired))
    check_values(got, example)


@pytest.mark.parametrize("rule, example", list(cases("counter_examples")))
def test_rule_does_not_decide_its_counter_example(rule, example):
    got, fired = run(rule, example)
    if not VALUES_ONLY:
        assert rule.name not in fired, (example.text, sorted(fired))
    check_values(got, example)


def test_every_rule_has_examples_counter_examples_and_expected_values():
    for rule in RULES:
        assert rule.examples and rule.counter_examples, rule.name
        assert all(e.expect for e in rule.examples + rule.counter_examples), rule.name
        assert rule.level in registry.LEVELS and rule.version >= 1 and rule.description


def test_every_rule_a_release_names_is_registered(release):
    import pyarrow.parquet as pq
    table = pq.read_table(release / "data" / "paragraphs")
    used = {part for value in table.column("annotation_rule").to_pylist() for part in value.split("/")}
    assert used <= set(registry.RULES)
    # the real corpus exercises the common rules of both genres
    assert {"caption-credit", "title-first-line", "byline-after-title", "body-default",
            "speech-text-author", "narration-and-cue", "reporting-cue"} <= used


def test_a_switched_off_rule_decides_nothing(monkeypatch):
    rule = registry.get("narration-opener")
    assert rule.enabled
    monkeypatch.setenv("ACFTU_TALKS_DISABLE_RULES", "narration-opener")
    assert not rule.enabled


def test_settled_rules_are_those_of_the_environment_on_entry(monkeypatch):
    rule = registry.get("narration-opener")
    with registry.settled():
        monkeypatch.setenv("ACFTU_TALKS_DISABLE_RULES", "narration-opener")
        assert rule.enabled  # switched off after entry: still on within
        with registry.settled():
            assert rule.enabled
    assert not rule.enabled  # outside, the environment is read again
    with pytest.raises(ZeroDivisionError):
        with registry.settled():
            monkeypatch.delenv("ACFTU_TALKS_DISABLE_RULES")
            assert not rule.enabled
            1 / 0
    assert rule.enabled  # left even when an error leaves it
