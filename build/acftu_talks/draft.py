"""``acftu-talks new corpus/<doc_id>.txt``: a draft sidecar from what the
text and the registry tell.

Everything the draft cannot know for certain is written with a
``# guess: <why>`` comment at the end of its line; the build refuses a
sidecar that still has one (:func:`unconfirmed`), so a curator confirms
each guess (corrects the value if need be, then deletes the comment). Values
read off the text (the sha256, the registered people) are not guesses.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import annotate, events as event_facts, people, segment
from .errors import Problem
from .passage import Passage
from .rules import front_matter

GUESS = re.compile(r"#\s*guess:")
PLACEHOLDER = re.compile(r'^\s*([A-Za-z_]+)\s*=\s*"[^"]*<[^">]+>[^"]*"')
# A broadcaster's source tag opening a text: "央视网消息（新闻联播）：".
SOURCE_TAG = re.compile(r"^(?P<tag>央视网消息（新闻联播）|央视网消息|新华网消息|人民网消息)[：:]")
PUBLISHERS = {  # source tag or dateline agency -> (publisher, publisher_en)
    "央视网消息（新闻联播）": ("中央电视台《新闻联播》", "CCTV Xinwen Lianbo"),
    "央视网消息": ("央视网", "CCTV.com"),
    "新华网消息": ("新华网", "Xinhuanet"),
    "人民网消息": ("人民网", "People's Daily Online"),
    "新华社": ("新华社", "Xinhua News Agency"),
    "中新社": ("中国新闻社", "China News Service"),
    "人民网": ("人民网", "People's Daily Online"),
    "本报": ("<the newspaper>", "<the newspaper>"),
}
PART_ZH = {"morning": "上午", "afternoon": "下午", "evening": "晚上"}


def unconfirmed(text: str, path: str) -> list[Problem]:
    """Every line of a sidecar still marked ``# guess:`` or holding a
    draft's ``<placeholder>``."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        placeholder = PLACEHOLDER.match(line)
        if placeholder:
            problems.append(Problem(path, number, placeholder.group(1), "still holds the draft's placeholder "
                                    + line.split("=", 1)[1].split("#", 1)[0].strip(), "meta.placeholder",
                                    "write the value in place of the <...> placeholder"))
        if GUESS.search(line):
            key = line.split("=", 1)[0].strip() if "=" in line.split("#", 1)[0] else "comment"
            problems.append(Problem(path, number, key, f"still marked as a guess: {line.split('#', 1)[1].strip()[7:]}",
                                    "meta.unconfirmed-guess",
                                    "check the value against the text and its source, correct it if need be, "
                                    "then delete the '# guess: ...' comment"))
    return problems


@dataclass
class Draft:
    lines: list[str] = field(default_factory=list)

    def comment(self, text: str = "") -> None:
        self.lines.append(f"# {text}" if text else "")

    def put(self, key: str, value, guess: str | None = None) -> None:
        shown = value if isinstance(value, int) else '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
        self.lines.append(f"{key} = {shown}" + (f"  # guess: {guess}" if guess else ""))

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"


def draft(text_file: Path, corpus_dir: Path, schema_dir: Path, root: Path) -> tuple[str, list[str]]:
    """The draft sidecar for ``text_file`` and notes for the curator (what to
    add to the events file and the registry)."""
    data = text_file.read_bytes()
    raw = data.decode("utf-8")
    doc_id = text_file.stem
    registry, _ = people.read_registry(corpus_dir, schema_dir, root)
    found_events, events_path, _ = event_facts.read_events(corpus_dir, schema_dir, root)
    spans, _ = segment.segment(raw)
    forms = registry.surface_forms(None)
    passages = [Passage(span) for span in spans]
    annotate.annotate(passages, "news_report", "习近平", list(forms))
    notes_of = [p.annotation for p in passages]
    rows = [{"paragraph_id": f"{doc_id}.p{s.paragraph_number:03d}", "line_number": s.line_number, "text": s.text,
             "segment_type": n.segment_type, "annotation_rule": n.rule} for s, n in zip(spans, notes_of)]
    notes: list[str] = []
    d = Draft()
    d.comment(f"Metadata for {doc_id}.txt, drafted by `acftu-talks new` from the text and {registry.path}.")
    d.comment("Confirm every value with a guess comment: correct it if need be, then delete the comment;")
    d.comment("replace every <placeholder>. The build refuses a sidecar with a guess left in it.")
    d.comment()
    d.put("doc_id", doc_id)
    event_id = doc_id.rsplit("-", 1)[0]
    event = found_events.get(event_id)
    if event:
        d.put("event_id", event_id, f"the doc_id without its outlet; {events_path} has this event ({event['date']})")
    else:
        d.put("event_id", event_id, f"the doc_id without its outlet; add the event to {events_path}")
        notes.append(f"add the event to {events_path} (see the [[event]] entries there): "
                     f"event_id = \"{event_id}\", date, date_precision, part_of_day, date_source, venue, venue_en, "
                     f"occasion, occasion_en, organisation, organisation_en and the congress it followed")
    d.put("received_as", text_file.name, "the file's name; give the name it had when you received it")
    d.put("provenance_en", "<how the text was obtained>", "say where the text comes from (page, copy, date)")
    d.comment("[provenance] original_url, copy_repository, copy_path, copy_commit, retrieved: add what is known")
    d.put("source_sha256", hashlib.sha256(data).hexdigest())

    first = rows[0]["text"] if rows else ""
    tag = SOURCE_TAG.match(first)
    dateline = next((m for r in rows[:3] for m in [front_matter.DATELINE_PREFIX.match(r["text"])] if m), None)
    titles = [r for r in rows if r["segment_type"] == "title"]
    bylines = [r for r in rows if r["segment_type"] == "byline"]
    if tag or dateline:
        why = f"the source tag {tag['tag']} on line 1" if tag else f"the dateline {dateline.group()}"
        d.put("doc_type", "news_report", f"{why}: a report of the event")
    elif lead_day(rows):
        d.put("doc_type", "news_report", f"the lead names the day ({lead_day(rows)}): a report of the event")
    elif titles and bylines:
        d.put("doc_type", "speech_text", f"a title and a byline ({bylines[0]['text']}, line {bylines[0]['line_number']}): "
                                         "the speaker's own text")
    else:
        d.put("doc_type", "news_report", "no dateline, source tag or byline: check what the text is")
    d.put("language", "zh", "the text is Chinese")
    if titles:
        title = "".join(r["text"] for r in titles[:1])
        d.put("title", title, f"the text's first line (line {titles[0]['line_number']})")
        d.put("title_source", "the text's first line", "and the publication")
    else:
        d.put("title", "<the headline>", "the headline is not in the text: copy it from the publication")
        d.put("title_source", "<publication, date (item headline)>", "where the headline comes from")
    d.put("title_en", "<English title>", "an official English title where one exists, else a translation")
    d.put("title_en_source", "a translation of the headline", "or the English edition that gives it")

    speaker = bylines[0]["text"] if bylines and registry.find(bylines[0]["text"]) else None
    speaker_why = f"the byline on line {bylines[0]['line_number']}" if speaker else None
    if speaker is None:
        for note in notes_of:
            if note.speaker and registry.find(forms.get(note.speaker, note.speaker)):
                speaker = forms.get(note.speaker, note.speaker)
                speaker_why = "the first registered person the text gives words to"
                break
    if speaker is None:
        speaker, speaker_why = "习近平", "nobody registered speaks in the text: name the speaker"
    person = registry.find(speaker)
    d.put("speaker", speaker, speaker_why)
    d.put("speaker_en", person["name_en"] if person else "<Family Given>", "the registry's English name")
    agency = (tag["tag"] if tag else dateline["agency"] if dateline and dateline["agency"] else None)
    publisher = PUBLISHERS.get(agency or "")
    if publisher:
        d.put("publisher", publisher[0], f"from {agency}")
        d.put("publisher_en", publisher[1], f"from {agency}")
    else:
        d.put("publisher", "<publisher>", "the text does not name its publisher")
        d.put("publisher_en", "<publisher in English>", "the text does not name its publisher")

    date, why, stated_note = _event_date(doc_id, rows, event)
    d.lines.append("")
    d.lines.append("[date]")
    d.put("value", date, why)
    d.put("precision", "day", "the day is known")
    if event:
        d.put("source", event["date_source"], f"the event's date_source in {events_path}")
    else:
        d.put("source", "<publication, date>", "the source that establishes the date")
    if stated_note:
        d.put("note", stated_note, "how the date was established")
    publication = dateline_date(dateline, date) if dateline else None
    d.lines.append("")
    d.lines.append("[publication_date]")
    d.put("value", publication or date, f"the dateline {dateline.group()}" if publication
          else "the event date: give the day it was published")
    d.put("precision", "day", "the day is known")
    d.put("source", "<publication, date>", "where the publication date comes from")

    found = sorted({forms[m.group()] for m in _pattern(forms).finditer(raw)} if forms else [])
    d.lines.append("")
    d.comment(f"People the text names who are in {registry.path}: " + (", ".join(found) or "none") + ".")
    unknown = _unregistered(rows, notes_of, spans, raw, registry, event or {"date": date, "event_id": event_id},
                            speaker, text_file, root)
    for problem in unknown:
        d.comment(f"NOT REGISTERED, line {problem.line}: {problem.message}")
        d.comment(f"  {problem.hint}")
        notes.append(f"line {problem.line}: {problem.message.split(' (')[0]} is not registered: {problem.hint}")
    return d.text(), notes


def lead_day(rows: list[dict]) -> str | None:
    """The day and part of day the first body sentence names ("23日上午")."""
    lead = next((r for r in rows if r["segment_type"] == "body"), None)
    match = event_facts.LEAD_DAY.search(lead["text"].split("。", 1)[0]) if lead else None
    return match.group() if match and match["part"] else None


def _pattern(forms):
    return re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))


def _unregistered(rows, notes_of, spans, raw, registry, event, speaker, text_file, root):
    from .rules import participants
    from .read import display
    shaped = [dict(r, doc_id="", speaker=None) for r in rows]
    _, problems = participants.participants(shaped, notes_of, spans, raw, registry, event, speaker,
                                            display(text_file, root))
    return problems


def dateline_date(dateline, event_date: str) -> str | None:
    if dateline is None:
        return None
    year = int(dateline["year"]) if dateline["year"] else int(event_date[:4])
    return f"{year:04d}-{int(dateline['month']):02d}-{int(dateline['day']):02d}"


def _event_date(doc_id: str, rows: list[dict], event: dict | None) -> tuple[str, str, str | None]:
    """The event date the text and file name suggest, why, and a note."""
    stated = event_facts.stated_dates([dict(r) for r in rows])
    if stated:
        pid, line, iso, chars = stated[0]
        return iso, f"the text states {chars.rstrip('在')} (line {line})", None
    prefix = doc_id[:10]
    lead = next((r for r in rows if r["segment_type"] == "body"), None)
    match = event_facts.LEAD_DAY.search(lead["text"].split("。", 1)[0]) if lead else None
    if match:
        said = match.group()
        return prefix, f"the file name's date; the lead says {said} (line {lead['line_number']})", (
            f"The text says only {said}. The month and year come from <the source>.")
    if event:
        return event["date"], f"the event's date in corpus/{event_facts.FILE}", None
    return prefix, "the file name's date: the text states none", None


def write_draft(text_file: Path, corpus_dir: Path, schema_dir: Path, root: Path) -> tuple[Path, list[str]]:
    """Write ``<doc_id>.toml`` beside the text; never over an existing file
    (raises FileExistsError)."""
    target = text_file.with_suffix(".toml")
    if target.exists():
        raise FileExistsError(target)
    text, notes = draft(text_file, corpus_dir, schema_dir, root)
    from .contract.ids import create_atomic
    create_atomic(target, text)  # whole or not at all, and never over a file
    return target, notes
