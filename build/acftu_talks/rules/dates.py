"""Where a document's dates are read: the evidence of the event's day and
of the publication day, and how each date was obtained."""
from __future__ import annotations

import re
from functools import lru_cache

from .front_matter import dateline_text
from .registry import register

STATED = register(
    "date-stated", 1, "date", "date_source=stated",
    "a paragraph that may hold the date (body, title, editor's note, a speech's date line; never a "
    "caption) gives it in full: 2023年10月23日",
    examples=[("※这是习近平总书记2023年10月23日讲话的主要部分。", None,
               {"evidence": ("stated", 1)})],
    counter_examples=[("2023年10月23日，习近平会见代表。新华社记者 鞠鹏 摄\n习近平强调，要团结。", None,
                       {"evidence": ("external", None)})])
INFERRED = register(
    "date-inferred", 1, "date", "date_source=inferred",
    "a paragraph gives only the day (23日, 10月23日); month and year come from the sidecar's source",
    examples=[("中共中央总书记习近平23日下午在中南海集体谈话。", None, {"evidence": ("inferred", 1)})],
    counter_examples=[("中共中央总书记习近平24日下午在中南海集体谈话。", None, {"evidence": ("external", None)})])
EXTERNAL = register(
    "date-external", 1, "date", "date_source=external",
    "no paragraph that may hold the date gives it: the date is the sidecar's",
    examples=[("习近平强调，要团结奋斗。", None, {"evidence": ("external", None)})],
    counter_examples=[("习近平23日强调，要团结奋斗。", None, {"evidence": ("inferred", 1)})])

_EVENT_TYPES = ("body", "editor_note", "title")


# Any full date ("2018年10月29日") and any day ("29日": the digits before 日),
# compiled once for every date. A text states the full date when some match
# has its year and its month and day, each with or without one leading zero;
# it states the day when some run of digits before 日 is the day, with or
# without one leading zero ("10月29日" counts by its day as well).
_FULL_DATE = re.compile(r"([0-9]{4})年([0-9]+)月([0-9]+)日")
_DAY = re.compile(r"(?<![0-9])([0-9]+)日")


@lru_cache(maxsize=16)
def _year_pattern(year: int, month: int, day: int) -> re.Pattern:
    return re.compile(rf"{year}年0?{month}月0?{day}日")


def _stating(value: str, full: bool):
    """A test of whether a text states the date ``value`` (ISO) in full, or its day."""
    year, month, day = (int(x) for x in value.split("-"))
    days, key = (str(day), f"0{day}"), f"{day}日"
    if not full:
        # most texts do not hold the day at all: a substring test in C decides them
        return lambda text: key in text and any(m[1] in days for m in _DAY.finditer(text))
    if year < 1000:  # a year of fewer than four digits matches inside longer ones
        pattern = _year_pattern(year, month, day)
        return lambda text: pattern.search(text) is not None
    months, key = (str(month), f"0{month}"), f"{year}年"
    return lambda text: key in text and any(m[1] == key[:4] and m[2] in months and m[3] in days
                                            for m in _FULL_DATE.finditer(text))


def date_provenance(value: str, evidence: list[tuple[str, str]]) -> tuple[str, str | None]:
    """'stated' when one of the ``(paragraph_id, text)`` pieces gives the full
    date, 'inferred' when it gives only the day (or month and day) and the
    rest comes from the sidecar's source, 'external' otherwise; with the
    paragraph_id of the evidence."""
    for rule, full, verdict in ((STATED, True, "stated"), (INFERRED, False, "inferred")):
        if not rule.enabled:
            continue
        states = _stating(value, full)
        for pid, text in evidence:
            if states(text):
                return verdict, pid
    if EXTERNAL.enabled:
        return "external", None
    raise RuntimeError("no rule decided the date's provenance")


def event_evidence(passages: list) -> list[tuple[str, str]]:
    """Where the event's date may be read: the body, titles, editors' notes
    ("※这是…2023年10月23日…讲话") and a speech's date line. Never captions:
    their dates are the photos'."""
    return [(p.record["paragraph_id"], p.record["text"]) for p in passages
            if p.annotation.segment_type in _EVENT_TYPES or p.annotation.event_date_line]


def publication_evidence(passages: list) -> list[tuple[str, str]]:
    """Where the publication date may be read: a dispatch's dateline, alone or
    opening the first paragraph, and editors' notes."""
    found = []
    for p in passages:
        pid, text, segment = p.record["paragraph_id"], p.record["text"], p.annotation.segment_type
        if segment == "editor_note":
            found.append((pid, text))
        elif not p.annotation.event_date_line:
            dateline = dateline_text(segment, text)
            if dateline:
                found.append((pid, dateline))
    return found
