"""The events of the series, ``corpus/events.toml``, and the date checks
that tie each document to its event.

An event's facts (date, part of day, venue, occasion, the congress it
followed) are written once there; a sidecar names its event by event_id.
The checks here compare what three places say about the date: the doc_id
(which starts with it), the sidecar's ``[date]`` and the event, and what the
text itself states (an editor's note's full date, a lead's day and part of
day). Each contradiction is an error: nobody can cite a text whose date
disagrees with itself.
"""
from __future__ import annotations

import copy
import re
import tomllib
from pathlib import Path

from . import sidecar
from .contract import schemas, validate
from .errors import Problem
from .read import Source, display

FILE = "events.toml"
SCHEMA = "event.schema.json"

# The lead of a report names the day: "习近平29日上午在…".
LEAD_DAY = re.compile(r"(?<![0-9年月])(?P<day>[0-9]{1,2})日(?P<part>上午|下午|晚上|晚间|晚)?")
PART_OF_DAY = {"上午": "morning", "下午": "afternoon", "晚上": "evening", "晚间": "evening", "晚": "evening"}
# An editor's note dates the talk it introduces: "※这是习近平总书记2023年10月23日在…时讲话的主要部分".
NOTE_DATE = re.compile(r"(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日(?:上午|下午|晚上)?在")
# A speech's own date line under its title: "（2020年11月24日）".
SPEECH_DATE = re.compile(r"^[（(](?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日[）)]$")


def _nullable(prop: dict) -> bool:
    kinds = prop.get("type", [])
    return "null" in kinds or any(b.get("type") == "null" for b in prop.get("anyOf", []))


def validator(schema: dict, schema_dir: Path) -> validate.Checker:
    """A validator of ``schema`` that resolves the shared $defs locally."""
    return validate.Checker(schema, schema_dir)


def entry_schema(schema_dir: Path) -> dict:
    """The events.toml entry's schema: the events config row without the
    documents (derived from the sidecars) and with nullable fields optional."""
    schema = copy.deepcopy(schemas.load(str(schema_dir / SCHEMA)))
    schema["properties"].pop("documents")
    optional = {k for k, v in schema["properties"].items() if _nullable(v)}
    schema["required"] = [k for k in schema["required"] if k != "documents" and k not in optional]
    return schema


def read_events(corpus_dir: Path, schema_dir: Path, root: Path) -> tuple[dict[str, dict], str, list[Problem]]:
    """The events by event_id, the file's display path, and its problems."""
    file = corpus_dir / FILE
    path = display(file, root)
    if not file.is_file():
        return {}, path, []
    text = file.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return {}, path, [Problem(path, getattr(exc, "lineno", None), "toml",
                                  f"not valid TOML: {getattr(exc, 'msg', exc)}", "event.toml",
                                  "fix the syntax; strings need double quotes")]
    check = validator(entry_schema(schema_dir), schema_dir)
    lines = sidecar.key_lines(text)
    events: dict[str, dict] = {}
    problems = []
    for index, event in enumerate(data.get("event", [])):
        errors = list(check.iter_errors(event))
        for error in errors:
            where = ("event", index, *error.absolute_path)
            problems.append(Problem(path, sidecar.line_of(lines, where),
                                    f"event {event.get('event_id', index + 1)}"
                                    + "".join(f".{p}" for p in error.absolute_path),
                                    error.message, "event.schema", f"see schema/{SCHEMA} for the fields of an event"))
        if errors:
            continue
        eid = event["event_id"]
        line = sidecar.line_of(lines, ("event", index, "event_id"))
        if eid in events:
            problems.append(Problem(path, line, f"event {eid}", f"event_id '{eid}' is defined twice "
                                    f"(first at line {events[eid]['_line']})", "event.duplicate",
                                    "merge the two [[event]] entries"))
            continue
        if not eid.startswith(event["date"]):
            problems.append(Problem(path, line, f"event {eid}", f"event_id '{eid}' does not start with the "
                                    f"event's date {event['date']}", "event.id-date",
                                    f"name the event {event['date']}-<short-name>, or correct its date"))
        events[eid] = dict(event, _line=line)
    return events, path, problems


def context_en(event: dict) -> str | None:
    """One sentence for readers: the congress the talk followed."""
    if not event.get("congress_en"):
        return None
    span = f" ({event['congress_start']} to {event['congress_end']})" if event.get("congress_start") else ""
    return f"Held after the {event['congress_en']}{span}."


def record(event: dict, documents: list[dict]) -> dict:
    """The event as a row of the ``events`` config."""
    row = {k: event.get(k) for k in entry_schema_keys()}
    row["documents"] = documents
    return row


def entry_schema_keys() -> tuple[str, ...]:
    return ("event_id", "date", "date_precision", "part_of_day", "date_source", "venue", "venue_en",
            "occasion", "occasion_en", "organisation", "organisation_en", "congress_ordinal", "congress",
            "congress_en", "congress_start", "congress_end", "congress_source")


def text_kind(doc_type: str) -> str:
    return "speech_text" if doc_type == "speech_text" else "readout"


def check_event(source: Source, events: dict[str, dict], events_path: str) -> tuple[dict | None, list[Problem]]:
    """The document's event, or None with the problem: an unknown event_id,
    a doc_id or sidecar date that is not the event's date."""
    meta, lines, path = source.meta, source.meta_lines, source.meta_path
    eid = meta["event_id"]
    event = events.get(eid)
    if event is None:
        known = ", ".join(sorted(events)) or "none"
        return None, [Problem(path, lines.get(("event_id",)), "event_id",
            f"event '{eid}' is not in {events_path} (events there: {known})", "meta.event-unknown",
            f"add an [[event]] with event_id = \"{eid}\" to {events_path}, or name one of its events")]
    problems = []
    if not source.doc_id.startswith(event["date"]):
        problems.append(Problem(path, lines.get(("doc_id",)), "doc_id",
            f"the doc_id '{source.doc_id}' starts with {source.doc_id[:10]}, but its event {eid} took place "
            f"on {event['date']}", "meta.doc-id-date",
            f"rename the raw file and its sidecar to {event['date']}{source.doc_id[10:]} (.txt and .toml) "
            f"and set doc_id to match, or correct event_id"))
    if meta["date"]["value"] != event["date"]:
        problems.append(Problem(path, lines.get(("date", "value")), "date.value",
            f"{meta['date']['value']} is not the date of the event {eid} ({event['date']} in {events_path})",
            "meta.event-date",
            f"set value = \"{event['date']}\", or correct the event's date in {events_path} if it is wrong"))
    if meta["date"]["precision"] != event["date_precision"]:
        problems.append(Problem(path, lines.get(("date", "precision")), "date.precision",
            f"'{meta['date']['precision']}', but the event {eid} is dated to the {event['date_precision']}",
            "meta.event-date", f"set precision = \"{event['date_precision']}\""))
    return event, problems


def stated_dates(rows: list[dict]) -> list[tuple[str, int, str, str]]:
    """Dates the text states for the event it reports: (paragraph_id, line,
    ISO date, the characters). From editors' notes ("※这是…2023年10月23日在…
    讲话") and a speech's date line; never from captions (their dates are the
    photos')."""
    found = []
    for row in rows:
        match = None
        if row["segment_type"] == "editor_note":
            match = NOTE_DATE.search(row["text"])
        elif row["annotation_rule"].startswith("speech-date-line"):
            match = SPEECH_DATE.match(row["text"])
        if match:
            iso = f"{int(match['year']):04d}-{int(match['month']):02d}-{int(match['day']):02d}"
            found.append((row["paragraph_id"], row["line_number"], iso, match.group()))
    return found


def check_dates(source: Source, event: dict, rows: list[dict]) -> list[Problem]:
    """Errors where the text states a date, day or part of day that the
    event's date contradicts."""
    meta, lines, path = source.meta, source.meta_lines, source.meta_path
    date = event["date"]
    problems = []
    for pid, line, iso, chars in stated_dates(rows):
        if iso != date:
            problems.append(Problem(source.text_path, line, pid,
                f"the text dates the event {chars.rstrip('在')} ({iso}), but the sidecar and the event "
                f"{event['event_id']} say {date}", "meta.date-contradicts-text",
                f"check the date against the sources: correct date.value in {path} and the event in "
                f"corpus/{FILE}, or, if the text is wrong, record it as an erratum"))
    # a speech text has no lead: its first paragraph is the speaker's own
    lead = next((r for r in rows if r["segment_type"] == "body"), None) if meta["doc_type"] == "news_report" else None
    if lead is None:
        return problems
    match = LEAD_DAY.search(lead["text"].split("。", 1)[0])
    if match is None:
        return problems
    if event["date_precision"] == "day" and int(match["day"]) != int(date[8:10]):
        problems.append(Problem(source.text_path, lead["line_number"], lead["paragraph_id"],
            f"the lead sentence says {match.group()} (day {int(match['day'])}), but the event "
            f"{event['event_id']} is dated {date} to the day", "meta.date-contradicts-text",
            f"check the date: correct date.value in {path} and the event in corpus/{FILE}, "
            f"or record the lead's day as an erratum if the text is wrong"))
    part = PART_OF_DAY.get(match["part"] or "")
    if part and event.get("part_of_day") not in (None, part):
        problems.append(Problem(source.text_path, lead["line_number"], lead["paragraph_id"],
            f"the lead sentence says {match['part']} ({part}), but the event {event['event_id']} "
            f"has part_of_day = '{event['part_of_day']}'", "meta.part-of-day",
            f"set part_of_day = \"{part}\" for the event in corpus/{FILE}, or check the text"))
    return problems


def version_claim(source: Source) -> tuple[str, str, str | None, str, int | None]:
    """What a document says of itself for :func:`check_versions`: doc_id,
    event_id, version_of, sidecar path and the line of version_of."""
    meta = source.meta
    return (source.doc_id, meta["event_id"], meta.get("version_of"), source.meta_path,
            source.meta_lines.get(("version_of",)))


class Versions:
    """The version claims of a corpus's documents, gathered as they stream
    by, checked together at the end (:func:`check_versions`)."""

    def __init__(self):
        self.claims: list[tuple] = []

    def add(self, claim: tuple | None) -> None:
        if claim:
            self.claims.append(claim)

    def check(self) -> list[Problem]:
        return check_versions(self.claims)


def check_versions(claims: list[tuple[str, str, str | None, str, int | None]]) -> list[Problem]:
    """Corpus-level: ``version_of`` names a document of the same event.
    ``claims`` are (doc_id, event_id, version_of, sidecar path, line)."""
    event_of = {doc_id: eid for doc_id, eid, *_ in claims}
    problems = []
    for doc_id, eid, version_of, path, line in claims:
        if version_of is None:
            continue
        if version_of == doc_id:
            problems.append(Problem(path, line, "version_of", "a document cannot be a version of itself",
                                    "meta.version-of", "name the other outlet's document, or remove the line"))
        elif version_of not in event_of:
            problems.append(Problem(path, line, "version_of", f"no document '{version_of}' in the corpus",
                                    "meta.version-of", "name the doc_id of the other outlet's version"))
        elif event_of[version_of] != eid:
            problems.append(Problem(path, line, "version_of",
                f"'{version_of}' belongs to the event {event_of[version_of]}, this document to {eid}",
                "meta.version-of", "versions of one report belong to the same event"))
    return problems


def kept(event: dict) -> dict:
    return {k: v for k, v in event.items() if not k.startswith("_")}
