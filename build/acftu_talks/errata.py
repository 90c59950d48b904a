"""Known errors of a source, recorded in its sidecar, located in its text.

The raw text is never corrected: an erratum says where the published
characters are, what was meant (where known) and on what evidence. Records
keep the published text and offsets; the paragraphs and sentences that hold
an erratum list its erratum_id, so a reader can take either reading.
"""
from __future__ import annotations

from .errors import Problem
from .read import Source


def erratum_id(doc_id: str, number: int) -> str:
    return f"{doc_id}.e{number}"


def locate(source: Source, spans) -> tuple[list[dict], list[Problem]]:
    """The sidecar's errata with their offsets, in text order; a published
    form that is not in the text exactly once (on its ``line``, if given)
    is an error."""
    raw, meta, path = source.raw, source.meta, source.meta_path
    found, problems = [], []
    for index, entry in enumerate(meta.get("errata", [])):
        published = entry["published"]
        line = entry.get("line")
        where = f"errata[{index}].published"
        at = source.meta_lines.get(("errata", index, "published"))
        starts = []
        begin = 0
        while (hit := raw.find(published, begin)) >= 0:
            if line is None or raw.count("\n", 0, hit) + 1 == line:
                starts.append(hit)
            begin = hit + 1
        if len(starts) != 1:
            on = f" on line {line}" if line else ""
            if not starts:
                problems.append(Problem(path, at, where, f"'{published}' does not occur in {source.text_path}{on}",
                                        "meta.erratum-not-found",
                                        "copy the characters exactly as published (the raw text is never edited)"))
            else:
                lines = sorted({raw.count("\n", 0, s) + 1 for s in starts})
                problems.append(Problem(path, at, where,
                    f"'{published}' occurs {len(starts)} times in {source.text_path}{on} (lines {', '.join(map(str, lines))})",
                    "meta.erratum-ambiguous",
                    "add characters around it until it is unique, or give line = N"))
            continue
        start = starts[0]
        end = start + len(published)
        span = next((s for s in spans if s.start <= start and end <= s.end), None)
        if span is None:
            problems.append(Problem(path, at, where, f"'{published}' crosses a paragraph boundary",
                                    "meta.erratum-not-found", "record one erratum per paragraph"))
            continue
        found.append({"line_number": span.line_number, "char_start": start, "char_end": end,
                      "paragraph_number": span.paragraph_number, "published": published,
                      "intended": entry.get("intended"), "status": entry["status"],
                      "evidence": entry["evidence"]})
    found.sort(key=lambda e: e["char_start"])
    for number, entry in enumerate(found, start=1):
        entry["erratum_id"] = erratum_id(source.doc_id, number)
    return found, problems


def within(errata: list[dict], start: int, end: int) -> list[str]:
    """erratum_ids of the errata that overlap raw offsets [start, end)."""
    return [e["erratum_id"] for e in errata if e["char_start"] < end and start < e["char_end"]]
