"""Which rules annotate which kind of text: (language, doc_type) -> rule set.

A document type the schema allows but no rule set covers (``commentary``,
``transcript``) is an input error, not a silent fall-back to the rules of
news reports: their sentences would be typed by rules never written for them.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem


@dataclass(frozen=True)
class RuleSet:
    """How one kind of text is annotated."""

    name: str
    description: str
    # "attribute": each body sentence is attributed by the speech rules (a
    # report of what was said); "author": every body sentence is the author's own words
    speech: str


RULE_SETS: dict[tuple[str, str], RuleSet] = {
    ("zh", "news_report"): RuleSet(
        "zh-news-report", "Chinese state-media readouts of a leader's talks (Xinhua, People's Daily, CCTV)",
        "attribute"),
    ("zh", "speech_text"): RuleSet(
        "zh-speech-text", "a leader's own speech text as published (Qiushi, People's Daily)", "author"),
}


def rule_set(language: str, doc_type: str) -> RuleSet | None:
    """The rule set for a language and document type, or None."""
    return RULE_SETS.get((language, doc_type))


def check(meta: dict, meta_path: str, meta_lines: dict) -> list[Problem]:
    """An error when no rule set covers the sidecar's language and doc_type."""
    language, doc_type = meta.get("language"), meta.get("doc_type")
    if rule_set(language, doc_type) is not None:
        return []
    supported = sorted(t for lang, t in RULE_SETS if lang == language)
    return [Problem(meta_path, meta_lines.get(("doc_type",)), "doc_type",
        f"no annotation rules for doc_type '{doc_type}' in language '{language}' "
        f"(rules exist for: {', '.join(supported) or 'none'})", "meta.genre-unsupported",
        f"set doc_type to one of {', '.join(supported)} if the text is one, or add a rule set for "
        f"('{language}', '{doc_type}') to build/acftu_talks/rules/genres.py")]
