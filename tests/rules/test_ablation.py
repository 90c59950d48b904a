"""Removing any single registered rule makes some example's expected value wrong."""
from ablation import ablate


def test_every_rule_is_needed_by_some_example():
    counts = ablate()
    assert len(counts) >= 40
    assert [name for name, failures in counts.items() if failures == 0] == []
