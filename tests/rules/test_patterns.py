"""Patterns compiled on first use."""
from __future__ import annotations

import re

import pytest

from acftu_talks.rules import lexicon as L
from acftu_talks.rules.patterns import LazyPattern


def test_compiled_on_first_use_only():
    pattern = LazyPattern(rf"[{L.HAN}]{{2}}(?P<end>。)?")
    assert not pattern.is_compiled and pattern.pattern.startswith("[")
    assert pattern.match("工会。")["end"] == "。"
    assert pattern.is_compiled
    compiled = pattern.compiled
    pattern.search("x")
    assert pattern.compiled is compiled  # compiled once


@pytest.mark.parametrize("method, args", [
    ("match", ("王东明。",)), ("fullmatch", ("王东",)), ("search", ("abc工会",)), ("findall", ("工会和职工",)),
    ("sub", ("#", "工会和职工")), ("subn", ("#", "工会和职工")), ("split", ("工会,职工",)),
])
def test_answers_as_the_compiled_pattern(method, args):
    source = rf"[{L.HAN}]{{2}}"
    lazy, eager = LazyPattern(source), re.compile(source)
    a, b = getattr(lazy, method)(*args), getattr(eager, method)(*args)
    assert (a.span() if isinstance(a, re.Match) else a) == (b.span() if isinstance(b, re.Match) else b)
    assert [m.span() for m in LazyPattern(source).finditer("工会,职工")] == [(0, 2), (3, 5)]
    assert LazyPattern(r"(?P<a>x)(y)").groupindex == {"a": 1} and LazyPattern(r"(x)(y)").groups == 2


def test_unknown_attributes_raise():
    with pytest.raises(AttributeError):
        LazyPattern("x").nonsense
    assert not hasattr(LazyPattern("x"), "__deepcopy__")
