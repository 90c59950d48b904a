"""Turn a read, segmented and annotated document into its records.

Pure functions: they take what the earlier steps produced and return plain
dicts that follow ``schema/paragraph.schema.json`` and
``schema/document.schema.json``; checks that need the text and the sidecar
together (pinned checksum, title, date order, overrides) live here too and
return problems rather than raising.
"""
from __future__ import annotations

import re

from .annotate import Annotation
from .errors import Problem
from .read import Source
from .records import Document, Edit, Paragraph
from .segment import Cut, Span


def paragraph_id(doc_id: str, number: int) -> str:
    return f"{doc_id}.p{number:03d}"


def apply_overrides(source: Source, notes: list[Annotation]) -> list[Problem]:
    """Replace rule output with the sidecar's overrides, in place."""
    problems = []
    for index, override in enumerate(source.meta.get("overrides", [])):
        number = override["paragraph_number"]
        if not 1 <= number <= len(notes):
            line = source.meta_lines.get(("overrides", index, "paragraph_number"))
            problems.append(Problem(source.meta_path, line, f"overrides[{index}].paragraph_number",
                f"paragraph {number} does not exist: the text has {len(notes)} paragraphs",
                "meta.override-target",
                f"use a paragraph_number from 1 to {len(notes)} (see the paragraph_id column)"))
            continue
        note = notes[number - 1]
        for key in ("segment_type", "speech_mode"):
            if key in override:
                setattr(note, key, override[key])
        if "speaker" in override:
            note.speaker = override["speaker"] or None
        note.source = "override"
    return problems


def edits(source: Source, spans: list[Span], loose: list[Cut]) -> list[Edit]:
    """Every cut, numbered in text order, with the paragraph it belongs to."""
    owned = [(cut, paragraph_id(source.doc_id, s.paragraph_number)) for s in spans for cut in s.edges + s.inner]
    owned += [(cut, None) for cut in loose]
    owned.sort(key=lambda pair: pair[0].start)
    return [Edit(edit_number=i, kind=cut.kind, line_number=cut.line_number,
                 char_start=cut.start, char_end=cut.end,
                 removed=source.raw[cut.start:cut.end], paragraph_id=pid)
            for i, (cut, pid) in enumerate(owned, start=1)]


def paragraphs(source: Source, spans: list[Span], notes: list[Annotation],
               names_en: dict[str, str]) -> list[Paragraph]:
    meta = source.meta
    rows = []
    for span, note in zip(spans, notes):
        rows.append(Paragraph(
            paragraph_id=paragraph_id(source.doc_id, span.paragraph_number),
            doc_id=source.doc_id,
            paragraph_number=span.paragraph_number,
            line_number=span.line_number,
            text=span.text,
            segment_type=note.segment_type,
            speech_mode=note.speech_mode,
            speaker=note.speaker,
            speaker_en=names_en.get(note.speaker) if note.speaker else None,
            date=meta["date"]["value"],
            occasion=meta["occasion"],
            doc_type=meta["doc_type"],
            char_start=span.start,
            char_end=span.end,
            caption_date=note.caption_date,
            photo_credit=note.photo_credit,
            annotation_source=note.source,
            annotation_rule=note.rule,
        ))
    return rows


def _date_pattern(value: str, full: bool) -> re.Pattern:
    year, month, day = (int(x) for x in value.split("-"))
    if full:
        return re.compile(rf"{year}年0?{month}月0?{day}日")
    return re.compile(rf"(?<![0-9])0?{day}日")


def date_provenance(value: str, rows: list[Paragraph], allow_partial: bool) -> tuple[str, str | None]:
    """Whether the text states a date in full ('stated'), only its day
    ('inferred': month and year come from the sidecar's source) or not at all
    ('external'). Captions do not count: their dates are the photos'."""
    usable = [r for r in rows if r["segment_type"] in ("body", "dateline", "editor_note", "title")]
    full = _date_pattern(value, True)
    for row in usable:
        if full.search(row["text"]):
            return "stated", row["paragraph_id"]
    if allow_partial:
        day = _date_pattern(value, False)
        for row in usable:
            if day.search(row["text"]):
                return "inferred", row["paragraph_id"]
    return "external", None


def document(source: Source, rows: list[Paragraph], edit_list: list[Edit]) -> Document:
    meta = source.meta
    date, pub = meta["date"], meta["publication_date"]
    date_source, date_evidence = date_provenance(date["value"], rows, allow_partial=True)
    pub_source, pub_evidence = date_provenance(pub["value"], rows, allow_partial=False)
    detail = date["source"] + (f". {date['note']}" if date.get("note") else "")
    return Document(
        doc_id=source.doc_id,
        doc_type=meta["doc_type"],
        title=meta["title"], title_source=meta["title_source"],
        title_en=meta["title_en"], title_en_source=meta["title_en_source"],
        language=meta["language"],
        speaker=meta["speaker"], speaker_en=meta["speaker_en"],
        occasion=meta["occasion"], occasion_en=meta["occasion_en"],
        venue=meta["venue"], venue_en=meta["venue_en"],
        context_en=meta.get("context_en"),
        date=date["value"], date_precision=date["precision"],
        date_part_of_day=date.get("part_of_day"),
        date_source=date_source, date_source_detail=detail, date_evidence=date_evidence,
        publication_date=pub["value"], publication_date_precision=pub["precision"],
        publication_date_source=pub_source,
        publication_date_source_detail=pub["source"] + (f". {pub['note']}" if pub.get("note") else ""),
        publication_date_evidence=pub_evidence,
        publisher=meta["publisher"], publisher_en=meta["publisher_en"],
        publication_issue=meta.get("publication_issue"),
        publication_issue_en=meta.get("publication_issue_en"),
        source_file=f"corpus/{source.doc_id}.txt",
        received_as=meta["received_as"],
        source_sha256=source.sha256,
        source_chars=len(source.raw),
        n_paragraphs=len(rows),
        n_overridden=sum(r["annotation_source"] == "override" for r in rows),
        edits=edit_list,
    )


def check_consistency(source: Source, rows: list[Paragraph]) -> list[Problem]:
    """Checks that need both the sidecar and the text."""
    meta, lines, path = source.meta, source.meta_lines, source.meta_path
    problems = []
    if meta["doc_id"] != source.doc_id:
        problems.append(Problem(path, lines.get(("doc_id",)), "doc_id",
            f"'{meta['doc_id']}' does not match the file name '{source.doc_id}'",
            "meta.doc-id-mismatch", f"rename the files or set doc_id = \"{source.doc_id}\""))
    if meta["source_sha256"] != source.sha256:
        problems.append(Problem(path, lines.get(("source_sha256",)), "source_sha256",
            f"the raw file {source.text_path} no longer matches the pinned checksum (it is now {source.sha256})",
            "meta.sha256-mismatch",
            "restore the raw file; if the change is intended, set source_sha256 to the new value"))
    if meta["publication_date"]["value"] < meta["date"]["value"]:
        problems.append(Problem(path, lines.get(("publication_date", "value")), "publication_date.value",
            f"publication date {meta['publication_date']['value']} is before the event date {meta['date']['value']}",
            "meta.date-order", "check both dates against the sources"))
    for row in rows:
        if row["segment_type"] == "title" and row["text"] != meta["title"]:
            problems.append(Problem(path, lines.get(("title",)), "title",
                f"the text's title line ({row['paragraph_id']}) reads '{row['text']}', the sidecar '{meta['title']}'",
                "meta.title-mismatch", "copy the title from the text, or override the paragraph's segment_type"))
    return problems
