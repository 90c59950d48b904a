"""The annotation rules as data: name, version, what each decides, examples.

Every decision the builder writes into a record (a segment type, a speech
mode, a speaker, a caption field, a participant's role, the evidence of a
date) is made by a rule registered here, and the code looks rules up by
their registered name, so that the name a record carries is always one of
these. ``tests/rules/test_registry.py`` runs every rule's examples and
counter-examples; the rule tables of ``docs/data-format.md`` and the card are
rendered from this registry (``acftu-talks docs``).

A rule whose behaviour changes gets a new version; the release records the
versions it was built with (``manifest.json``).

``ACFTU_TALKS_DISABLE_RULES=name,name`` switches rules off, to see what each
one decides (``tests/rules/ablation.py`` uses it to check that removing any
single rule makes a test fail).
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

LEVELS = ("paragraph", "sentence", "caption", "participant", "date")


@dataclass(frozen=True)
class Example:
    """A text of the genre and the unit in it that a rule decides.

    ``target`` is a substring of ``text`` naming the paragraph or sentence
    the rule must (example) or must not (counter-example) decide; the whole
    text by default. ``expect`` holds the values the unit must then have
    (segment_type, speech_mode, speaker, cue, source, content, caption_date,
    photo_credit, photographers, roles, evidence). ``names`` are the people
    the sidecar knows.
    """

    text: str
    target: str | None = None
    expect: dict | None = None  # the fields the target unit must have after annotation
    names: tuple[str, ...] = ("习近平",)
    doc_type: str = "news_report"
    source: str = ""  # where the sentence comes from, if it is quoted from a real text


@dataclass(frozen=True)
class Rule:
    name: str
    version: int
    level: str  # one of LEVELS: the unit it decides
    produces: str  # the field and value it decides, e.g. "segment_type=photo_caption"
    description: str
    examples: tuple[Example, ...] = field(default=(), repr=False)
    counter_examples: tuple[Example, ...] = field(default=(), repr=False)

    @property
    def enabled(self) -> bool:
        return self.name not in _disabled()


RULES: dict[str, Rule] = {}


# The rules switched off while one document is built (see settled()); None:
# ask the environment.
_SETTLED: frozenset[str] | None = None


def _disabled() -> frozenset[str]:
    if _SETTLED is not None:
        return _SETTLED
    # Asked once per rule per sentence: parse the variable once per value.
    return _parse_disabled(os.environ.get("ACFTU_TALKS_DISABLE_RULES", ""))


@contextmanager
def settled() -> Iterator[None]:
    """Within: the rules switched off are those the environment switches off
    on entry. A document's build asks some 650 times whether a rule is on,
    and reading ``os.environ`` each time cost a tenth of the build; outside
    (a test or ``tests/rules/ablation.py`` switching rules between calls)
    every question reads the environment again."""
    global _SETTLED
    outer = _SETTLED
    _SETTLED = _disabled()
    try:
        yield
    finally:
        _SETTLED = outer


@lru_cache(maxsize=8)
def _parse_disabled(value: str) -> frozenset[str]:
    return frozenset(n for n in value.split(",") if n)


def _example(item: Example | str | tuple) -> Example:
    if isinstance(item, Example):
        return item
    if isinstance(item, str):
        return Example(item)
    return Example(*item)


def register(name: str, version: int, level: str, produces: str, description: str,
             examples=(), counter_examples=()) -> Rule:
    """Declare a rule; returns it for the module that applies it."""
    if name in RULES:
        raise ValueError(f"rule {name!r} is registered twice")
    if level not in LEVELS:
        raise ValueError(f"rule {name!r}: unknown level {level!r}")
    if not examples:
        raise ValueError(f"rule {name!r} has no example")
    rule = Rule(name, version, level, produces, description,
                tuple(_example(e) for e in examples), tuple(_example(e) for e in counter_examples))
    RULES[name] = rule
    _MODULE[name] = sys._getframe(1).f_globals.get("__name__", "").rsplit(".", 1)[-1]
    return rule


def get(name: str) -> Rule:
    """The registered rule called ``name`` (KeyError if there is none)."""
    return RULES[name]


# The modules that register rules, in the order a paragraph meets them;
# within a module, rules keep the order they are registered in (the order they apply).
MODULES = ("front_matter", "captions", "speech", "participants", "dates")
_MODULE: dict[str, str] = {}


def all_rules() -> list[Rule]:
    """Every registered rule, loading the modules that register them, in
    the same order whichever module was imported first."""
    from . import captions, dates, front_matter, participants, speech  # noqa: F401  (they register)
    order = {name: i for i, name in enumerate(RULES)}
    return sorted(RULES.values(), key=lambda r: (MODULES.index(_MODULE[r.name]), order[r.name]))


def versions() -> dict[str, int]:
    """Rule name -> version, for the release manifest."""
    return {rule.name: rule.version for rule in all_rules()}


class NoRuleDecided(RuntimeError):
    """No registered rule decided a unit (only when rules are switched off)."""
