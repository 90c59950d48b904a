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
from .rules.dates import date_provenance, event_evidence, publication_evidence
from .rules import lexicon as L
from .errors import Problem
from .read import Source
from .contract.records import Document, Edit, Paragraph, Participant, Sentence
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


def sentence_id(pid: str, number: int) -> str:
    return f"{pid}.s{number:02d}"


def _start(span: Span, offset: int | None) -> int | None:
    return None if offset is None else span.raw_offset(offset)


def _end(span: Span, offset: int | None) -> int | None:
    # an end maps from the last character, so that a cut right after the
    # span is not counted into it
    return None if offset is None else span.raw_offset(offset - 1) + 1


def sentences(spans: list[Span], notes: list[Annotation], rows: list[Paragraph],
              names_en: dict[str, str]) -> list[Sentence]:
    """One record per sentence, its offsets mapped back into the raw text."""
    out = []
    for span, note, row in zip(spans, notes, rows):
        for number, s in enumerate(note.sentences, start=1):
            has_cue = s.cue_start is not None
            out.append(Sentence(
                sentence_id=sentence_id(row["paragraph_id"], number),
                paragraph_id=row["paragraph_id"],
                doc_id=row["doc_id"],
                sentence_number=number,
                text=span.text[s.start:s.end],
                char_start=span.raw_offset(s.start),
                # the end maps from the last character, so that a cut right
                # after the sentence is not counted into it
                char_end=span.raw_offset(s.end - 1) + 1,
                segment_type=note.segment_type,
                speech_mode=s.speech_mode,
                speaker=s.speaker,
                speaker_en=names_en.get(s.speaker) if s.speaker else None,
                reporting_cue=s.cue,
                cue_start=span.raw_offset(s.cue_start) if has_cue else None,
                cue_end=span.raw_offset(s.cue_end - 1) + 1 if has_cue else None,
                source_start=_start(span, s.source_start),
                source_end=_end(span, s.source_end),
                content_start=_start(span, s.content_start),
                content_end=_end(span, s.content_end),
                date=row["date"],
            ))
    return out


def document(source: Source, rows: list[Paragraph], edit_list: list[Edit],
             n_sentences: int, people: list[Participant]) -> Document:
    meta = source.meta
    date, pub = meta["date"], meta["publication_date"]
    date_source, date_evidence = date_provenance(date["value"], event_evidence(rows))
    pub_source, pub_evidence = date_provenance(pub["value"], publication_evidence(rows))
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
        provenance_en=meta.get("provenance_en"),
        source_sha256=source.sha256,
        source_chars=len(source.raw),
        n_paragraphs=len(rows),
        n_overridden=sum(r["annotation_source"] == "override" for r in rows),
        n_sentences=n_sentences,
        edits=edit_list,
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
    problems += _check_event_day(source, rows)
    problems += _check_doc_type(source, rows)
    problems += _check_title(source, rows)
    return problems


# A headline of several lines (引题, 主题, 副题) is written in the sidecar as
# its lines joined by this separator.
TITLE_SEPARATOR = " "


def _check_title(source: Source, rows: list[Paragraph]) -> list[Problem]:
    """The sidecar's title is the text's headline: its one line, or its lines
    joined by one space."""
    meta = source.meta
    headline = [r for r in rows if r["segment_type"] == "title"]
    texts = [r["text"] for r in headline]
    if not headline or meta["title"] == TITLE_SEPARATOR.join(texts) or all(t == meta["title"] for t in texts):
        return []
    where = headline[0]["paragraph_id"] + (f" to {headline[-1]['paragraph_id']}" if len(headline) > 1 else "")
    joined = TITLE_SEPARATOR.join(texts)
    return [Problem(source.meta_path, source.meta_lines.get(("title",)), "title",
        f"the text's headline ({where}) reads '{joined}', the sidecar '{meta['title']}'",
        "meta.title-mismatch",
        f'set title = "{joined}" (a headline\'s lines joined by one space), '
        "or override a paragraph's segment_type if it is not part of the headline")]


# The lead sentence of a report names the day of the event: "习近平29日上午在…".
_LEAD_DAY = re.compile(r"(?<![0-9年月])(?P<day>[0-9]{1,2})日(?P<part>上午|下午|晚上|晚间|晚)?")
_PART_OF_DAY = {"上午": "morning", "下午": "afternoon", "晚上": "evening", "晚间": "evening", "晚": "evening"}


def _check_event_day(source: Source, rows: list[Paragraph]) -> list[Problem]:
    """Warn when the lead sentence names a day or part of day that the
    sidecar's event date contradicts: a typo there would otherwise be
    published as an 'external' date without a word."""
    meta, lines, path = source.meta, source.meta_lines, source.meta_path
    lead = next((r for r in rows if r["segment_type"] == "body"), None)
    if lead is None:
        return []
    first_sentence = lead["text"].split("。", 1)[0]
    match = _LEAD_DAY.search(first_sentence)
    if match is None:
        return []
    problems = []
    day = int(meta["date"]["value"][8:10])
    if int(match["day"]) != day:
        problems.append(Problem(path, lines.get(("date", "value")), "date.value",
            f"the lead sentence ({lead['paragraph_id']}) says {match.group()}, but the event date is "
            f"{meta['date']['value']}", "meta.date-unconfirmed",
            "check the date against the text and its source", "warning"))
    part = _PART_OF_DAY.get(match["part"] or "")
    if part and meta["date"].get("part_of_day") not in (None, part):
        problems.append(Problem(path, lines.get(("date", "part_of_day")), "date.part_of_day",
            f"the lead sentence ({lead['paragraph_id']}) says {match['part']} ({part}), "
            f"the sidecar '{meta['date']['part_of_day']}'", "meta.part-of-day",
            f'set part_of_day = "{part}" or check the text', "warning"))
    return problems


def _check_doc_type(source: Source, rows: list[Paragraph]) -> list[Problem]:
    """Warn when a text typed as the speaker's own speech reads like a report
    of it: paragraphs opening "<speaker>指出，" paraphrase the speaker."""
    meta = source.meta
    if meta["doc_type"] != "speech_text":
        return []
    cue = re.compile(rf"^{re.escape(meta['speaker'])}(?:{L.ADVERBS.pattern()})?(?:{L.REPORTING_VERBS.pattern()})"
                     rf"[{L.COMMAS}{L.COLONS}]")
    reported = [r["paragraph_id"] for r in rows if r["segment_type"] == "body" and cue.match(r["text"])]
    if len(reported) < 2:
        return []
    return [Problem(source.meta_path, source.meta_lines.get(("doc_type",)), "doc_type",
        f"doc_type is speech_text, but {len(reported)} paragraphs paraphrase the speaker "
        f"(from {reported[0]}): the rules type them as his own words", "meta.doc-type",
        'if the text is a report of the event, set doc_type = "news_report"', "warning")]
