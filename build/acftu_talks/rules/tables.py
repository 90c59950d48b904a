"""The rule tables of ``docs/data-format.md`` and the card, rendered from
the registry (never typed by hand): ``acftu-talks docs`` rewrites the blocks
between ``<!-- rules:LEVEL -->`` and ``<!-- /rules:LEVEL -->``."""
from __future__ import annotations

import re

from .registry import LEVELS, Rule, all_rules

_BLOCK = re.compile(r"(<!-- rules:(?P<level>[a-z]+) -->\n).*?(<!-- /rules:(?P=level) -->)", re.S)


def rules() -> list[Rule]:
    return all_rules()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(level: str) -> str:
    """The Markdown table of one level's rules, in the order they apply."""
    lines = ["| rule | version | decides | when | example |", "|---|---|---|---|---|"]
    for rule in rules():
        if rule.level != level:
            continue
        example = rule.examples[0]
        shown = example.target if example.target and len(example.text) > 60 else example.text
        shown = shown.replace("\n", " ⏎ ")
        lines.append(f"| `{rule.name}` | {rule.version} | {_cell(rule.produces)} | {_cell(rule.description)} "
                     f"| {_cell(shown)} |")
    return "\n".join(lines) + "\n"


def update(text: str) -> str:
    """``text`` with every rule block replaced by the current table."""
    def fill(match: re.Match) -> str:
        level = match["level"]
        if level not in LEVELS:
            raise KeyError(f"unknown rule level {level!r} in a rules block")
        return match.group(1) + table(level) + match.group(3)
    return _BLOCK.sub(fill, text)


def card_block() -> str:
    """The card's list of rules: name, version and what each decides, by level."""
    lines = ["| level | rule | version | decides |", "|---|---|---|---|"]
    for rule in rules():
        lines.append(f"| {rule.level} | `{rule.name}` | {rule.version} | {_cell(rule.produces)} |")
    return "\n".join(lines)
