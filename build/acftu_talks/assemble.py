"""Turn a read, segmented and annotated document into its records.

Pure functions of what the earlier steps left on each :class:`Passage`: the
paragraph record and the sentence records of each passage, the document
record (with its edits, participants and date provenance), and the
sidecar's overrides applied as new annotations. Records are plain dicts that
follow the schemas of their configs (``contract/records.py``).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from . import events as event_facts
from .annotate import Annotation
from .errata import within
from .errors import Problem
from .passage import Passage
from .read import Source
from .rules import participants
from .rules.dates import date_provenance, event_evidence, publication_evidence
from .segment import Cut


@dataclass
class Built:
    """One document's records, by config."""

    document: dict
    paragraphs: list[dict]
    sentences: list[dict]

    @property
    def records(self) -> dict[str, list[dict]]:
        return {"paragraphs": self.paragraphs, "sentences": self.sentences, "documents": [self.document]}


def paragraph_id(doc_id: str, number: int) -> str:
    return f"{doc_id}.p{number:03d}"


def overridden(note: Annotation, override: dict) -> Annotation:
    """The annotation a sidecar override gives a paragraph instead of the rules'."""
    changes = {key: override[key] for key in ("segment_type", "speech_mode") if key in override}
    if "speaker" in override:
        changes["speaker"] = override["speaker"] or None
    return dataclasses.replace(note, **changes, source="override")


def apply_overrides(source: Source, passages: list[Passage]) -> list[Problem]:
    """Give each overridden passage its new annotation; report overrides of
    paragraphs that do not exist."""
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
        if not 1 <= number <= len(passages):
            line = source.meta_lines.get(("overrides", index, "paragraph_number"))
            problems.append(Problem(source.meta_path, line, f"overrides[{index}].paragraph_number",
                f"paragraph {number} does not exist: the text has {len(passages)} paragraphs",
                "meta.override-target",
                f"use a paragraph_number from 1 to {len(passages)} (see the paragraph_id column)"))
            continue
        passage = passages[number - 1]
        passage.annotation = overridden(passage.annotation, override)
    return problems


def edits(source: Source, passages: list[Passage], loose: list[Cut]) -> list[dict]:
    """Every cut, numbered in text order, with the paragraph it belongs to."""
    owned = [(cut, paragraph_id(source.doc_id, p.span.paragraph_number))
             for p in passages for cut in p.span.edges + p.span.inner]
    owned += [(cut, None) for cut in loose]
    owned.sort(key=lambda pair: pair[0].start)
    return [dict(edit_number=i, kind=cut.kind, line_number=cut.line_number,
                 char_start=cut.start, char_end=cut.end,
                 removed=source.raw[cut.start:cut.end], paragraph_id=pid)
            for i, (cut, pid) in enumerate(owned, start=1)]


def paragraph(source: Source, passage: Passage, names_en: dict[str, str], event: dict | None = None,
              errata: list[dict] = ()) -> dict:
    meta, span, note = source.meta, passage.span, passage.annotation
    if event is None:  # a document on its own, outside a corpus (tests)
        event = {"event_id": meta.get("event_id", source.doc_id), "date": meta["date"]["value"],
                 "occasion": meta.get("occasion", "")}
    return {
        "paragraph_id": paragraph_id(source.doc_id, span.paragraph_number),
        "doc_id": source.doc_id,
        "event_id": event["event_id"],
        "paragraph_number": span.paragraph_number,
        "line_number": span.line_number,
        "text": span.text,
        "segment_type": note.segment_type,
        "speech_mode": note.speech_mode,
        "speaker": note.speaker,
        "speaker_en": names_en.get(note.speaker) if note.speaker else None,
        "date": event["date"],
        "occasion": event["occasion"],
        "doc_type": meta["doc_type"],
        "char_start": span.start,
        "char_end": span.end,
        "caption_date": note.caption_date,
        "photo_credit": note.photo_credit,
        "annotation_source": note.source,
        "annotation_rule": note.rule,
        "errata": within(errata, span.start, span.end),
    }


def sentence_id(pid: str, number: int) -> str:
    return f"{pid}.s{number:02d}"


def sentences(passage: Passage, names_en: dict[str, str], errata: list[dict] = ()) -> list[dict]:
    """One record per sentence of a passage whose paragraph record is made,
    its offsets mapped back into the raw text."""
    span, note, row = passage.span, passage.annotation, passage.record
    # Most paragraphs have nothing cut inside: an offset is then the span's
    # start plus the index, and adding in C costs a fifth of a call to raw_offset.
    raw = span.raw_offset if span.inner else span.start.__add__
    out = []
    for number, s in enumerate(note.sentences, start=1):
        has_cue = s.cue_start is not None
        # the end maps from the last character, so that a cut right
        # after the sentence is not counted into it
        start, end = raw(s.start), raw(s.end - 1) + 1
        out.append({
            "sentence_id": sentence_id(row["paragraph_id"], number),
            "paragraph_id": row["paragraph_id"],
            "doc_id": row["doc_id"],
            "event_id": row["event_id"],
            "sentence_number": number,
            "text": span.text[s.start:s.end],
            "char_start": start,
            "char_end": end,
            "segment_type": note.segment_type,
            "speech_mode": s.speech_mode,
            "speaker": s.speaker,
            "speaker_en": names_en.get(s.speaker) if s.speaker else None,
            "reporting_cue": s.cue,
            "cue_start": raw(s.cue_start) if has_cue else None,
            "cue_end": raw(s.cue_end - 1) + 1 if has_cue else None,
            "source_start": None if s.source_start is None else raw(s.source_start),
            "source_end": None if s.source_end is None else raw(s.source_end - 1) + 1,
            "content_start": None if s.content_start is None else raw(s.content_start),
            "content_end": None if s.content_end is None else raw(s.content_end - 1) + 1,
            "date": row["date"],
            "errata": within(errata, start, end) if errata else [],
        })
    return out


def document(source: Source, passages: list[Passage], edit_list: list[dict], people: list[dict],
             event: dict, errata: list[dict]) -> dict:
    meta = source.meta
    provenance = meta.get("provenance", {})
    date, pub = meta["date"], meta["publication_date"]
    date_source, date_evidence = date_provenance(date["value"], event_evidence(passages))
    pub_source, pub_evidence = date_provenance(pub["value"], publication_evidence(passages))
    detail = date["source"] + (f". {date['note']}" if date.get("note") else "")
    return dict(
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
        n_paragraphs=len(passages),
        n_overridden=sum(p.annotation.source == "override" for p in passages),
        n_sentences=sum(len(p.sentences) for p in passages),
        edits=edit_list,
        errata=[{"erratum_id": e["erratum_id"], "line_number": e["line_number"], "char_start": e["char_start"],
                 "char_end": e["char_end"], "paragraph_id": paragraph_id(source.doc_id, e["paragraph_number"]),
                 "published": e["published"], "intended": e["intended"], "status": e["status"],
                 "evidence": e["evidence"]} for e in errata],
        participants=people,
    )


def assemble(source: Source, passages: list[Passage], loose: list[Cut], event: dict, people,
             forms: dict[str, str], errata: list[dict]) -> tuple[Built, list[Problem]]:
    """Every record of one annotated document, and the problems found in
    matching the people the text names to the registry ``people``; ``forms``
    maps each surface form of a registered name to the registry's name."""
    names_en = {form: people.find(name)["name_en"] for form, name in forms.items()}
    for passage in passages:
        passage.record = paragraph(source, passage, names_en, event, errata)
        passage.sentences = sentences(passage, names_en, errata)
    rows = [p.record for p in passages]
    found, problems = participants.participants(rows, [p.annotation for p in passages], [p.span for p in passages],
                                                source.raw, people, event, source.meta["speaker"],
                                                source.text_path, errata)
    doc = document(source, passages, edits(source, passages, loose), found, event, errata)
    return Built(doc, rows, [s for p in passages for s in p.sentences]), problems
