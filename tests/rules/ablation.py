"""Switch each registered rule off in turn and count the examples and
counter-examples of *all* rules whose expected values then come out wrong.

A rule whose removal changes no expected value is not tested as a rule.
Run it by hand to see the figures per rule::

    PYTHONPATH=build python tests/rules/ablation.py

``tests/rules/test_ablation.py`` runs it and fails if any rule's count is 0.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from acftu_talks.rules import registry  # noqa: E402
from acftu_talks.rules.speech import SpeechRules  # noqa: E402

from probe import run  # noqa: E402


def _wrong(example, rule) -> bool:
    try:
        got, _ = run(rule, example)
    except Exception:  # a switched-off default leaves a unit undecided
        return True
    for key, value in (example.expect or {}).items():
        if key == "roles":
            value = [tuple(v) for v in value]
        if key == "evidence":
            value = tuple(value)
        if got.get(key) != value:
            return True
    return False


def ablate() -> dict[str, int]:
    """Rule name -> number of examples (of any rule) that go wrong without it."""
    rules = registry.all_rules()
    saved = os.environ.get("ACFTU_TALKS_DISABLE_RULES")
    result = {}
    try:
        for rule in rules:
            os.environ["ACFTU_TALKS_DISABLE_RULES"] = rule.name
            SpeechRules.for_names.cache_clear()  # compiled with the rule on
            result[rule.name] = sum(_wrong(e, r) for r in rules for e in r.examples + r.counter_examples)
    finally:
        if saved is None:
            os.environ.pop("ACFTU_TALKS_DISABLE_RULES", None)
        else:
            os.environ["ACFTU_TALKS_DISABLE_RULES"] = saved
        SpeechRules.for_names.cache_clear()
    return result


if __name__ == "__main__":
    for name, failures in ablate().items():
        print(f"{name}\t{failures}")
