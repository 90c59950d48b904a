"""Problems sort by file, then line, a whole-file problem first (errors.py)."""
from __future__ import annotations

from acftu_talks.errors import InputError, Problem


def test_problems_with_and_without_lines_sort_together():
    problems = [Problem("b.toml", 10, "x", "m", "c"), Problem("b.toml", 9, "x", "m", "c"),
                Problem("b.toml", None, "file", "m", "c"), Problem("a.txt", 3, "x", "m", "c")]
    assert [(p.path, p.line) for p in InputError(problems).problems] == [
        ("a.txt", 3), ("b.toml", None), ("b.toml", 9), ("b.toml", 10)]
