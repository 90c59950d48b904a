"""The record contract in Python: typed dicts and the explicit Arrow schemas.

The JSON Schemas in ``schema/`` are the canonical contract; these types mirror
them field for field, and ``tests/test_records.py`` fails if the three drift.
Records are plain dicts (cheap to build, validate and write); dates are ISO
strings until they are written as Arrow ``date32``.
"""
from __future__ import annotations

from typing import Optional, TypedDict

import pyarrow as pa

SEGMENT_TYPES = ("title", "byline", "dateline", "heading", "body", "photo_caption", "editor_note")
SPEECH_MODES = ("direct", "reported", "mixed", "narration", "none")
PARTICIPANT_ROLES = ("speaker", "attended", "reported", "spoke", "presided", "photographer")
EDIT_KINDS = ("edge_whitespace", "carriage_return", "zero_width", "artifact", "blank_line")


class Edit(TypedDict):
    edit_number: int
    kind: str
    line_number: int
    char_start: int
    char_end: int
    removed: str
    paragraph_id: Optional[str]


class Participant(TypedDict):
    person_id: str
    name: str
    name_en: Optional[str]
    role: str
    role_source: str
    evidence: str
    position_en: Optional[str]
    position: Optional[str]


class Erratum(TypedDict):
    erratum_id: str
    line_number: int
    char_start: int
    char_end: int
    paragraph_id: str
    published: str
    intended: Optional[str]
    status: str
    evidence: str


class EventDocument(TypedDict):
    doc_id: str
    doc_type: str
    text_kind: str
    publisher: str
    publisher_en: str
    version_of: Optional[str]


class Event(TypedDict):
    event_id: str
    date: str
    date_precision: str
    part_of_day: Optional[str]
    date_source: str
    venue: str
    venue_en: str
    occasion: str
    occasion_en: str
    organisation: str
    organisation_en: str
    congress_ordinal: Optional[int]
    congress: Optional[str]
    congress_en: Optional[str]
    congress_start: Optional[str]
    congress_end: Optional[str]
    congress_source: Optional[str]
    documents: list[EventDocument]


class Position(TypedDict):
    title: str
    title_en: str
    start: Optional[str]
    end: Optional[str]
    source: str


class Person(TypedDict):
    person_id: str
    name: str
    name_en: str
    pinyin: str
    aliases: list[str]
    title_aliases: list[str]
    wikidata: Optional[str]
    kind: str
    positions: list[Position]


class Paragraph(TypedDict):
    paragraph_id: str
    doc_id: str
    event_id: str
    paragraph_number: int
    line_number: int
    text: str
    segment_type: str
    speech_mode: str
    speaker: Optional[str]
    speaker_en: Optional[str]
    date: str
    occasion: str
    doc_type: str
    char_start: int
    char_end: int
    caption_date: Optional[str]
    photo_credit: Optional[str]
    annotation_source: str
    annotation_rule: str
    errata: list[str]


class Sentence(TypedDict):
    sentence_id: str
    paragraph_id: str
    doc_id: str
    event_id: str
    sentence_number: int
    text: str
    char_start: int
    char_end: int
    segment_type: str
    speech_mode: str
    speaker: Optional[str]
    speaker_en: Optional[str]
    reporting_cue: Optional[str]
    cue_start: Optional[int]
    cue_end: Optional[int]
    date: str
    errata: list[str]


class Document(TypedDict):
    doc_id: str
    event_id: str
    version_of: Optional[str]
    doc_type: str
    title: str
    title_source: str
    title_en: str
    title_en_source: str
    language: str
    speaker: str
    speaker_en: str
    occasion: str
    occasion_en: str
    venue: str
    venue_en: str
    context_en: Optional[str]
    date: str
    date_precision: str
    date_part_of_day: Optional[str]
    date_source: str
    date_source_detail: str
    date_evidence: Optional[str]
    publication_date: str
    publication_date_precision: str
    publication_date_source: str
    publication_date_source_detail: str
    publication_date_evidence: Optional[str]
    publisher: str
    publisher_en: str
    publication_issue: Optional[str]
    publication_issue_en: Optional[str]
    source_file: str
    received_as: str
    provenance_en: Optional[str]
    original_url: Optional[str]
    copy_repository: Optional[str]
    copy_path: Optional[str]
    copy_commit: Optional[str]
    retrieved: Optional[str]
    source_sha256: str
    source_chars: int
    n_paragraphs: int
    n_overridden: int
    n_sentences: int
    edits: list[Edit]
    errata: list[Erratum]
    participants: list[Participant]


def _f(name: str, type_: pa.DataType, nullable: bool = False) -> pa.Field:
    return pa.field(name, type_, nullable=nullable)


_S, _I, _D = pa.string(), pa.int32(), pa.date32()

EDIT_TYPE = pa.struct([
    _f("edit_number", _I), _f("kind", _S), _f("line_number", _I),
    _f("char_start", _I), _f("char_end", _I), _f("removed", _S),
    _f("paragraph_id", _S, True),
])

PARTICIPANT_TYPE = pa.struct([
    _f("person_id", _S), _f("name", _S), _f("name_en", _S, True), _f("role", _S), _f("role_source", _S),
    _f("evidence", _S), _f("position_en", _S, True), _f("position", _S, True),
])

ERRATUM_TYPE = pa.struct([
    _f("erratum_id", _S), _f("line_number", _I), _f("char_start", _I), _f("char_end", _I),
    _f("paragraph_id", _S), _f("published", _S), _f("intended", _S, True), _f("status", _S),
    _f("evidence", _S),
])

EVENT_DOCUMENT_TYPE = pa.struct([
    _f("doc_id", _S), _f("doc_type", _S), _f("text_kind", _S), _f("publisher", _S),
    _f("publisher_en", _S), _f("version_of", _S, True),
])

POSITION_TYPE = pa.struct([
    _f("title", _S), _f("title_en", _S), _f("start", _S, True), _f("end", _S, True), _f("source", _S),
])

PARAGRAPH_SCHEMA = pa.schema([
    _f("paragraph_id", _S), _f("doc_id", _S), _f("event_id", _S), _f("paragraph_number", _I),
    _f("line_number", _I), _f("text", _S), _f("segment_type", _S),
    _f("speech_mode", _S), _f("speaker", _S, True), _f("speaker_en", _S, True),
    _f("date", _D), _f("occasion", _S), _f("doc_type", _S),
    _f("char_start", _I), _f("char_end", _I), _f("caption_date", _D, True),
    _f("photo_credit", _S, True), _f("annotation_source", _S),
    _f("annotation_rule", _S), _f("errata", pa.list_(_S)),
])

SENTENCE_SCHEMA = pa.schema([
    _f("sentence_id", _S), _f("paragraph_id", _S), _f("doc_id", _S), _f("event_id", _S),
    _f("sentence_number", _I), _f("text", _S), _f("char_start", _I), _f("char_end", _I),
    _f("segment_type", _S), _f("speech_mode", _S), _f("speaker", _S, True),
    _f("speaker_en", _S, True), _f("reporting_cue", _S, True), _f("cue_start", _I, True),
    _f("cue_end", _I, True), _f("date", _D), _f("errata", pa.list_(_S)),
])

DOCUMENT_SCHEMA = pa.schema([
    _f("doc_id", _S), _f("event_id", _S), _f("version_of", _S, True),
    _f("doc_type", _S), _f("title", _S), _f("title_source", _S),
    _f("title_en", _S), _f("title_en_source", _S), _f("language", _S),
    _f("speaker", _S), _f("speaker_en", _S), _f("occasion", _S),
    _f("occasion_en", _S), _f("venue", _S), _f("venue_en", _S),
    _f("context_en", _S, True), _f("date", _D), _f("date_precision", _S),
    _f("date_part_of_day", _S, True), _f("date_source", _S),
    _f("date_source_detail", _S), _f("date_evidence", _S, True),
    _f("publication_date", _D), _f("publication_date_precision", _S),
    _f("publication_date_source", _S), _f("publication_date_source_detail", _S),
    _f("publication_date_evidence", _S, True), _f("publisher", _S),
    _f("publisher_en", _S), _f("publication_issue", _S, True),
    _f("publication_issue_en", _S, True), _f("source_file", _S),
    _f("received_as", _S), _f("provenance_en", _S, True),
    _f("original_url", _S, True), _f("copy_repository", _S, True), _f("copy_path", _S, True),
    _f("copy_commit", _S, True), _f("retrieved", _D, True), _f("source_sha256", _S), _f("source_chars", pa.int64()),
    _f("n_paragraphs", _I), _f("n_overridden", _I), _f("n_sentences", _I),
    _f("edits", pa.list_(EDIT_TYPE)), _f("errata", pa.list_(ERRATUM_TYPE)),
    _f("participants", pa.list_(PARTICIPANT_TYPE)),
])

EVENT_SCHEMA = pa.schema([
    _f("event_id", _S), _f("date", _D), _f("date_precision", _S), _f("part_of_day", _S, True),
    _f("date_source", _S), _f("venue", _S), _f("venue_en", _S), _f("occasion", _S),
    _f("occasion_en", _S), _f("organisation", _S), _f("organisation_en", _S),
    _f("congress_ordinal", _I, True), _f("congress", _S, True), _f("congress_en", _S, True),
    _f("congress_start", _D, True), _f("congress_end", _D, True), _f("congress_source", _S, True),
    _f("documents", pa.list_(EVENT_DOCUMENT_TYPE)),
])

PERSON_SCHEMA = pa.schema([
    _f("person_id", _S), _f("name", _S), _f("name_en", _S), _f("pinyin", _S),
    _f("aliases", pa.list_(_S)), _f("title_aliases", pa.list_(_S)), _f("wikidata", _S, True),
    _f("kind", _S), _f("positions", pa.list_(POSITION_TYPE)),
])

# config name -> (record type, Arrow schema, JSON Schema file name)
CONFIGS = {
    "paragraphs": (Paragraph, PARAGRAPH_SCHEMA, "paragraph.schema.json"),
    "sentences": (Sentence, SENTENCE_SCHEMA, "sentence.schema.json"),
    "documents": (Document, DOCUMENT_SCHEMA, "document.schema.json"),
    "events": (Event, EVENT_SCHEMA, "event.schema.json"),
    "persons": (Person, PERSON_SCHEMA, "person.schema.json"),
}
# The configs streamed document by document; the others are corpus-level,
# written by release steps from corpus/events.toml and corpus/persons.toml.
DOCUMENT_CONFIGS = ("paragraphs", "sentences", "documents")
DEFAULT_CONFIG = "paragraphs"
