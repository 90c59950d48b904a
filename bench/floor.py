"""The floor: the least work that turns the corpus into the same Parquet files.

It writes every config the build writes, with the builder's Arrow schemas,
row-group size and compression, and fills every column from the data rather
than with constants (constant columns compress to nothing and would make the
floor's writing cheaper than the build's):

- paragraphs: one per non-empty line, trimmed with ``str.strip``; the segment
  type and speech mode from one regex at the paragraph's start (an editor's
  note mark, a "<name><cue>，" opening) and ``endswith("摄")`` for captions,
  the first lines of a speech text as title and byline, a dispatch's first
  line as dateline;
- sentences: split by one regex (a run of stops and closing marks ends a
  sentence; quotations are not respected), the cue of a paragraph's first
  sentence from the regex above;
- documents: the sidecar's fields, the date provenance from a plain search for
  the full date in the body and notes (the publication day in a dateline), one edit per trimmed edge or blank line, participants from
  the registry's people found in the text.

- events and persons: corpus/events.toml (with each event's documents) and
  corpus/persons.toml;
- alignments and formulations: no rows (see NOT_COMPUTED).

It does not read the ids lock, check, validate, or write the card. It is a
floor for the configs, not a second builder: the rows differ from the build's
(e.g. sentence boundaries inside quotations), their number and shape do not
much. Run it as ``python bench/floor.py CORPUS OUT``; it prints its row counts.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import operator
import re
import sys
import tomllib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from acftu_talks.contract.records import CONFIGS
from acftu_talks.release.write import ROW_GROUP_ROWS

CUES = "强调|指出|表示|要求|希望|说"
SENTENCE = re.compile(r"[^。！？!?]+(?:[。！？!?]+[”’」』）)》】]*|$)")
SPACE = " \t\u3000\u00a0"
# The configs the floor writes, in the order of their columns; run() refuses a
# CONFIGS entry it does not know, so a new config cannot slip past the floor.
KNOWN = ("paragraphs", "sentences", "documents", "events", "persons", "alignments", "formulations")
# Corpus-level configs the floor writes with no rows: finding reused passages
# and recurring formulations takes an n-gram index, which no floor of
# reading and writing has. The floor is then cheaper than a floor that did,
# so the build's ratio to it is too high, never too low.
NOT_COMPUTED = ("alignments", "formulations")


class Writer:
    """Rows as dicts; one Arrow table per row group, its columns taken in one
    C-level pass (``itemgetter``), so a column the floor does not fill fails
    by name."""

    def __init__(self, path: Path, schema: pa.Schema):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.schema, self.rows, self.count = schema, [], 0
        self.values = operator.itemgetter(*schema.names)
        self.writer = pq.ParquetWriter(path, schema, compression="zstd", use_dictionary=True,
                                       write_statistics=True)

    def add(self, row: dict) -> None:
        self.rows.append(row)
        if len(self.rows) >= ROW_GROUP_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            try:
                columns = zip(*map(self.values, self.rows))
            except KeyError as missing:
                raise SystemExit(f"floor.py: the floor does not fill the column {missing} of {self.schema.names}")
            arrays = [pa.array(values, f.type) for values, f in zip(columns, self.schema)]
            self.writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema),
                                    row_group_size=ROW_GROUP_ROWS)
            self.count += len(self.rows)
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


def _opening(people: list[dict], speaker: str) -> re.Pattern:
    names = sorted({p["name"] for p in people} | {speaker}, key=len, reverse=True)
    return re.compile(rf"(?P<note>※)|(?P<who>{'|'.join(map(re.escape, names))})(?P<cue>{CUES})[，：]")


def document(data: bytes, meta: dict, writers: dict[str, Writer], event: dict, registry: list[dict]) -> int:
    """Write one document's rows; return its paragraphs."""
    raw = data.decode("utf-8")
    doc_id, doc_type, speaker = meta["doc_id"], meta["doc_type"], meta["speaker"]
    event_id = meta["event_id"]
    date, pub = meta["date"], meta["publication_date"]
    day = dt.date.fromisoformat(date["value"])
    # the registry's people the text names (the sidecar's own list, where it has one)
    people = meta.get("people") or [p for p in registry if p["name"] in raw]
    names_en = {p["name"]: p.get("name_en") for p in people}
    names_en.setdefault(speaker, meta["speaker_en"])
    opening = _opening(people, speaker)
    full_date = f"{day.year}年{day.month}月{day.day}日"
    published = dt.date.fromisoformat(pub["value"])
    pub_day = f"{published.month}月{published.day}日"
    speech_text = doc_type == "speech_text"
    paragraphs, sentences = writers["paragraphs"], writers["sentences"]
    edits, evidence, pub_evidence, starts = [], None, None, []
    number = position = n_sentences = 0
    for line_number, line in enumerate(raw.split("\n"), start=1):
        line_start, position = position, position + len(line) + 1
        if not line:
            continue
        text = line.strip(SPACE + "\r")
        if not text:
            edits.append(("blank_line", line_number, line_start, line_start + len(line), line, None))
            continue
        number += 1
        pid = f"{doc_id}.p{number:03d}"
        start = line_start + len(line) - len(line.lstrip(SPACE + "\r"))
        end = start + len(text)
        if start > line_start:
            edits.append(("edge_whitespace", line_number, line_start, start, line[:start - line_start], pid))
        if end < line_start + len(line):
            tail = line[end - line_start:]
            edits.append(("carriage_return" if tail == "\r" else "edge_whitespace", line_number, end,
                          line_start + len(line), tail, pid))
        starts.append(start)
        match = opening.match(text)
        cue = who = caption_date = credit = None
        if number == 1 and speech_text:
            kind, mode, rule = "title", "none", "floor/first-line"
        elif number == 2 and speech_text:
            kind, mode, rule = "byline", "none", "floor/second-line"
        elif number == 1 and text.endswith("电"):
            kind, mode, rule = "dateline", "none", "floor/dispatch"
        elif match and match["note"]:
            kind, mode, rule = "editor_note", "none", "floor/note-mark"
        elif text.endswith("摄"):
            kind, mode, rule = "photo_caption", "none", "floor/credit"
            credit = text[text.rfind("记者"):] if "记者" in text else text[-8:]
            caption_date = day if text.startswith(full_date) else None
        elif match:
            kind, mode, rule, who, cue = "body", "reported", "floor/cue", match["who"], match
        elif speech_text:
            kind, mode, rule, who = "body", "direct", "floor/speech-text", speaker
        else:
            kind, mode, rule = "body", "narration", "floor/no-cue"
        if evidence is None and kind in ("body", "editor_note") and full_date in text:
            evidence = pid
        if pub_evidence is None and kind == "dateline" and pub_day in text:
            pub_evidence = pid
        speaker_en = names_en.get(who) if who else None
        paragraphs.add({
            "paragraph_id": pid, "doc_id": doc_id, "event_id": event_id, "paragraph_number": number,
            "line_number": line_number, "errata": [],
            "text": text, "segment_type": kind, "speech_mode": mode, "speaker": who, "speaker_en": speaker_en,
            "date": day, "occasion": event["occasion"], "doc_type": doc_type, "char_start": start, "char_end": end,
            "caption_date": caption_date, "photo_credit": credit, "annotation_source": "rule",
            "annotation_rule": rule})
        for s, found in enumerate(SENTENCE.finditer(text), start=1):
            a, b = found.span()
            has_cue = s == 1 and cue is not None
            speech = mode in ("reported", "direct")
            sentences.add({
                "sentence_id": f"{pid}.s{s:02d}", "paragraph_id": pid, "doc_id": doc_id, "event_id": event_id,
                "sentence_number": s, "errata": [],
                "text": found.group(), "char_start": start + a, "char_end": start + b, "segment_type": kind,
                "speech_mode": mode, "speaker": who, "speaker_en": speaker_en,
                "reporting_cue": cue["cue"] if has_cue else None,
                "cue_start": start + cue.start("cue") if has_cue else None,
                "cue_end": start + cue.end("cue") if has_cue else None,
                "source_start": start + cue.start("who") if has_cue else None,
                "source_end": start + cue.end("who") if has_cue else None,
                "content_start": start + (cue.end() if has_cue else a) if speech else None,
                "content_end": start + b - 1 if speech else None,
                "date": day})
            n_sentences += 1
    participants = []
    for person in people:
        at = raw.find(person["name"])
        if at >= 0:
            role = "speaker" if person["name"] == speaker else "attended"
            where = bisect.bisect_right(starts, at)
            title = (person.get("positions") or [{}])[-1]
            participants.append({"person_id": person.get("person_id", person["name"]), "name": person["name"],
                                 "name_en": person.get("name_en"), "role": role, "role_source": "text",
                                 "evidence": f"{doc_id}.p{max(where, 1):03d}",
                                 "position_en": person.get("position_en", title.get("title_en")),
                                 "position": title.get("title")})
    edit_rows = [{"edit_number": i, "kind": k, "line_number": n, "char_start": a, "char_end": b,
                  "removed": removed, "paragraph_id": pid}
                 for i, (k, n, a, b, removed, pid) in enumerate(edits, start=1)]
    detail = lambda d: d["source"] + (f". {d['note']}" if d.get("note") else "")  # noqa: E731
    publication_source = "inferred" if pub_evidence else "external"
    writers["documents"].add({
        "doc_id": doc_id, "event_id": event_id, "version_of": meta.get("version_of"), "errata": [],
        "original_url": meta.get("original_url"), "copy_repository": meta.get("copy_repository"),
        "copy_path": meta.get("copy_path"), "copy_commit": meta.get("copy_commit"),
        "retrieved": dt.date.fromisoformat(meta["retrieved"]) if meta.get("retrieved") else None,
        "doc_type": doc_type, "title": meta["title"], "title_source": meta["title_source"],
        "title_en": meta["title_en"], "title_en_source": meta["title_en_source"], "language": meta["language"],
        "speaker": speaker, "speaker_en": meta["speaker_en"], "occasion": event["occasion"],
        "occasion_en": event["occasion_en"], "venue": event["venue"], "venue_en": event["venue_en"],
        "context_en": meta.get("context_en"), "date": day, "date_precision": date["precision"],
        "date_part_of_day": event.get("part_of_day", date.get("part_of_day")), "date_source": "stated" if evidence else "external",
        "date_source_detail": detail(date), "date_evidence": evidence, "publication_date": published,
        "publication_date_precision": pub["precision"], "publication_date_source": publication_source,
        "publication_date_source_detail": detail(pub), "publication_date_evidence": pub_evidence,
        "publisher": meta["publisher"], "publisher_en": meta["publisher_en"],
        "publication_issue": meta.get("publication_issue"), "publication_issue_en": meta.get("publication_issue_en"),
        "source_file": f"corpus/{doc_id}.txt", "received_as": meta["received_as"],
        "provenance_en": meta.get("provenance_en"), "source_sha256": hashlib.sha256(data).hexdigest(),
        "source_chars": len(raw), "n_paragraphs": number, "n_overridden": len(meta.get("overrides", [])),
        "n_sentences": n_sentences, "edits": edit_rows, "participants": participants})
    return number


def _value(field: pa.Field, value):
    return dt.date.fromisoformat(value) if isinstance(value, str) and pa.types.is_date32(field.type) else value


def run(corpus: Path, out: Path) -> dict[str, int]:
    """Write the floor's files into ``out/<config>/train.parquet``; return the rows of each config."""
    unknown = set(CONFIGS) - set(KNOWN)
    if unknown:
        raise SystemExit(f"floor.py: the build writes configs the floor does not: {', '.join(sorted(unknown))}")
    writers = {name: Writer(out / name / "train.parquet", CONFIGS[name].arrow_schema) for name in KNOWN}
    events = {e["event_id"]: e for e in tomllib.loads((corpus / "events.toml").read_text(encoding="utf-8"))["event"]}
    persons = tomllib.loads((corpus / "persons.toml").read_text(encoding="utf-8")).get("person", [])
    members: dict[str, list[dict]] = {}
    for text_file in sorted(corpus.glob("*.txt")):
        meta = tomllib.loads(text_file.with_suffix(".toml").read_text(encoding="utf-8"))
        document(text_file.read_bytes(), meta, writers, events[meta["event_id"]], persons)
        members.setdefault(meta["event_id"], []).append({
            "doc_id": meta["doc_id"], "doc_type": meta["doc_type"], "text_kind": meta.get("text_kind", meta["doc_type"]),
            "publisher": meta["publisher"], "publisher_en": meta["publisher_en"], "version_of": meta.get("version_of")})
    for event_id in sorted(events):
        event = events[event_id]
        writers["events"].add({f.name: _value(f, event.get(f.name)) for f in CONFIGS["events"].arrow_schema
                               if f.name != "documents"} | {"documents": members.get(event_id, [])})
    for person in sorted(persons, key=lambda p: p["person_id"]):
        writers["persons"].add({"aliases": [], "title_aliases": [], "wikidata": None, "positions": []} | {
            k: v for k, v in person.items() if k in CONFIGS["persons"].arrow_schema.names} | {
            "positions": [{"title": p["title"], "title_en": p["title_en"], "start": p.get("start"),
                           "end": p.get("end"), "source": p["source"]} for p in person.get("positions", [])]})
    for writer in writers.values():
        writer.close()
    return {name: writer.count for name, writer in writers.items()}


if __name__ == "__main__":
    counts = run(Path(sys.argv[1]), Path(sys.argv[2]))
    print(" ".join(f"{name}={n}" for name, n in counts.items()))
