"""Turn a read, segmented and annotated document into its records.

Pure functions: they take what the earlier steps produced and return plain
dicts that follow ``schema/paragraph.schema.json`` and
``schema/document.schema.json``; checks that need the text and the sidecar
together (pinned checksum, title, date order, overrides) live here too and
return problems rather than raising.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import events as event_facts
from .annotate import Annotation, dateline_text
from .errata import within
from .errors import Problem
from .read import Source
from .contract.records import Document, Edit, Paragraph, Participant, Sentence
from .segment import Cut, Span


def paragraph_id(doc_id: str, number: int) -> str:
    return f"{doc_id}.p{number:03d}"


def apply_overrides(source: Source, notes: list[Annotation]) -> list[Problem]:
    """Replace rule output with the sidecar's overrides, in place."""
    problems = []
    first: dict[int, int] = {}  # paragraph_number -> index of the override that took it
    for index, override in enumerate(source.meta.get("overrides", [])):
        number = override["paragraph_number"]
        if number in first:
            line = source.meta_lines.get(("overrides", index, "paragraph_number"))
            earlier = source.meta_lines.get(("overrides", first[number], "paragraph_number"))
            problems.append(Problem(source.meta_path, line, f"overrides[{index}].paragraph_number",
                f"paragraph {number} is already overridden by overrides[{first[number]}] (line {earlier})",
                "meta.override-duplicate",
                "merge the two [[overrides]] entries into one (one override a paragraph)"))
            continue
        first[number] = index
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
               names_en: dict[str, str], event: dict | None = None, errata: list[dict] = ()) -> list[Paragraph]:
    meta = source.meta
    if event is None:  # a document on its own, outside a corpus (tests, drafts)
        event = {"event_id": meta.get("event_id", source.doc_id), "date": meta["date"]["value"],
                 "occasion": meta.get("occasion", "")}
    rows = []
    for span, note in zip(spans, notes):
        rows.append(Paragraph(
            paragraph_id=paragraph_id(source.doc_id, span.paragraph_number),
            doc_id=source.doc_id,
            event_id=event["event_id"],
            paragraph_number=span.paragraph_number,
            line_number=span.line_number,
            text=span.text,
            segment_type=note.segment_type,
            speech_mode=note.speech_mode,
            speaker=note.speaker,
            speaker_en=names_en.get(note.speaker) if note.speaker else None,
            date=event["date"],
            occasion=event["occasion"],
            doc_type=meta["doc_type"],
            char_start=span.start,
            char_end=span.end,
            caption_date=note.caption_date,
            photo_credit=note.photo_credit,
            annotation_source=note.source,
            annotation_rule=note.rule,
            errata=within(errata, span.start, span.end),
        ))
    return rows


def sentence_id(pid: str, number: int) -> str:
    return f"{pid}.s{number:02d}"


def sentences(spans: list[Span], notes: list[Annotation], rows: list[Paragraph],
              names_en: dict[str, str], errata: list[dict] = ()) -> list[Sentence]:
    """One record per sentence, its offsets mapped back into the raw text."""
    out = []
    for span, note, row in zip(spans, notes, rows):
        for number, s in enumerate(note.sentences, start=1):
            has_cue = s.cue_start is not None
            start = span.raw_offset(s.start)
            # the end maps from the last character, so that a cut right
            # after the sentence is not counted into it
            end = span.raw_offset(s.end - 1) + 1
            out.append(Sentence(
                sentence_id=sentence_id(row["paragraph_id"], number),
                paragraph_id=row["paragraph_id"],
                doc_id=row["doc_id"],
                event_id=row["event_id"],
                sentence_number=number,
                text=span.text[s.start:s.end],
                char_start=start,
                char_end=end,
                segment_type=note.segment_type,
                speech_mode=s.speech_mode,
                speaker=s.speaker,
                speaker_en=names_en.get(s.speaker) if s.speaker else None,
                reporting_cue=s.cue,
                cue_start=span.raw_offset(s.cue_start) if has_cue else None,
                cue_end=span.raw_offset(s.cue_end - 1) + 1 if has_cue else None,
                date=row["date"],
                errata=within(errata, start, end),
            ))
    return out


@lru_cache(maxsize=4096)
def _date_pattern(value: str, full: bool) -> re.Pattern:
    year, month, day = (int(x) for x in value.split("-"))
    if full:
        return re.compile(rf"{year}年0?{month}月0?{day}日")
    return re.compile(rf"(?<![0-9])(?:0?{month}月)?0?{day}日")


def date_provenance(value: str, evidence: list[tuple[str, str]]) -> tuple[str, str | None]:
    """'stated' when one of the ``(paragraph_id, text)`` pieces gives the full
    date, 'inferred' when it gives only the day (or month and day) and the
    rest comes from the sidecar's source, 'external' otherwise; with the
    paragraph_id of the evidence."""
    for full, verdict in ((True, "stated"), (False, "inferred")):
        pattern = _date_pattern(value, full)
        for pid, text in evidence:
            if pattern.search(text):
                return verdict, pid
    return "external", None


def event_evidence(rows: list[Paragraph]) -> list[tuple[str, str]]:
    """Where the event's date may be read: the body, titles, editors' notes
    ("※这是…2023年10月23日…讲话") and a speech's date line. Never captions:
    their dates are the photos'."""
    return [(r["paragraph_id"], r["text"]) for r in rows
            if r["segment_type"] in ("body", "editor_note", "title")
            or r["annotation_rule"].startswith("speech-date-line")]


def publication_evidence(rows: list[Paragraph]) -> list[tuple[str, str]]:
    """Where the publication date may be read: a dispatch's dateline, alone or
    opening the first paragraph, and editors' notes."""
    found = []
    for r in rows:
        if r["segment_type"] == "editor_note":
            found.append((r["paragraph_id"], r["text"]))
        elif not r["annotation_rule"].startswith("speech-date-line"):
            dateline = dateline_text(r["segment_type"], r["text"])
            if dateline:
                found.append((r["paragraph_id"], dateline))
    return found


def document(source: Source, rows: list[Paragraph], edit_list: list[Edit],
             n_sentences: int, people: list[Participant], event: dict, errata: list[dict]) -> Document:
    meta = source.meta
    provenance = meta.get("provenance", {})
    date, pub = meta["date"], meta["publication_date"]
    date_source, date_evidence = date_provenance(date["value"], event_evidence(rows))
    pub_source, pub_evidence = date_provenance(pub["value"], publication_evidence(rows))
    detail = date["source"] + (f". {date['note']}" if date.get("note") else "")
    return Document(
        doc_id=source.doc_id,
        event_id=event["event_id"],
        version_of=meta.get("version_of"),
        doc_type=meta["doc_type"],
        title=meta["title"], title_source=meta["title_source"],
        title_en=meta["title_en"], title_en_source=meta["title_en_source"],
        language=meta["language"],
        speaker=meta["speaker"], speaker_en=meta["speaker_en"],
        occasion=event["occasion"], occasion_en=event["occasion_en"],
        venue=event["venue"], venue_en=event["venue_en"],
        context_en=event_facts.context_en(event),
        date=date["value"], date_precision=date["precision"],
        date_part_of_day=event.get("part_of_day"),
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
        provenance_en=meta.get("provenance_en"),
        original_url=provenance.get("original_url"),
        copy_repository=provenance.get("copy_repository"),
        copy_path=provenance.get("copy_path"),
        copy_commit=provenance.get("copy_commit"),
        retrieved=provenance.get("retrieved"),
        source_sha256=source.sha256,
        source_chars=len(source.raw),
        n_paragraphs=len(rows),
        n_overridden=sum(r["annotation_source"] == "override" for r in rows),
        n_sentences=n_sentences,
        edits=edit_list,
        errata=[{"erratum_id": e["erratum_id"], "line_number": e["line_number"], "char_start": e["char_start"],
                 "char_end": e["char_end"], "paragraph_id": paragraph_id(source.doc_id, e["paragraph_number"]),
                 "published": e["published"], "intended": e["intended"], "status": e["status"],
                 "evidence": e["evidence"]} for e in errata],
        participants=people,
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
            "meta.date-order",
            "a text cannot be published before the talk: check both dates against their sources"))
    problems += _check_doc_type(source, rows)
    for row in rows:
        if row["segment_type"] == "title" and row["text"] != meta["title"]:
            problems.append(Problem(path, lines.get(("title",)), "title",
                f"the text's title line ({row['paragraph_id']}) reads '{row['text']}', the sidecar '{meta['title']}'",
                "meta.title-mismatch", "copy the title from the text, or override the paragraph's segment_type"))
    return problems


def _check_doc_type(source: Source, rows: list[Paragraph]) -> list[Problem]:
    """Warn when a text typed as the speaker's own speech reads like a report
    of it: paragraphs opening "<speaker>指出，" paraphrase the speaker."""
    meta = source.meta
    if meta["doc_type"] != "speech_text":
        return []
    cue = re.compile(rf"^{re.escape(meta['speaker'])}(?:首先|还|进一步)?(?:指出|强调|表示|要求)[，：]")
    reported = [r["paragraph_id"] for r in rows if r["segment_type"] == "body" and cue.match(r["text"])]
    if len(reported) < 2:
        return []
    return [Problem(source.meta_path, source.meta_lines.get(("doc_type",)), "doc_type",
        f"doc_type is speech_text, but {len(reported)} paragraphs paraphrase the speaker "
        f"(from {reported[0]}): the rules type them as his own words", "meta.doc-type",
        'if the text is a report of the event, set doc_type = "news_report"', "warning")]
