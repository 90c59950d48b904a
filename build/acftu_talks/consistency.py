"""The check step: what only the text and its sidecar together can tell.

A pinned checksum that no longer matches, a doc_id that is not the file
name, a title the text does not have, dates in the wrong order, a speech text that reads like a
report, a zero-width character inside a paragraph. Each check returns
problems (errors or warnings); the pipeline decides what to do with them.
"""
from __future__ import annotations

import re

from pathlib import Path

from . import draft, events, people as registry
from .contract import validate
from .errors import Problem, has_errors, snippet
from .rules import lexicon as L
from .passage import Passage
from .read import Source
from .rules import genres
from .segment import inner_zero_width


def admit(source: Source, meta_file: Path, registries, schema_dir: Path) -> tuple[dict | None, list[Problem]]:
    """Whether a document can go through the rules: its sidecar is confirmed
    (no draft guesses left), valid, of a genre the rules know, of a known
    event, with a registered speaker. Returns its event (None when it cannot
    go on: the later steps rely on all of this) and the problems."""
    problems = draft.unconfirmed(meta_file.read_text(encoding="utf-8"), source.meta_path)
    problems += validate.check_file_name(source.doc_id, source.text_path, schema_dir)
    problems += validate.check_sidecar(source.meta, source.meta_path, source.meta_lines, schema_dir)
    if not has_errors(problems):
        problems += genres.check(source.meta, source.meta_path, source.meta_lines)
    if has_errors(problems):
        return None, problems
    meta, people = source.meta, registries.people
    event, found = events.check_event(source, registries.events, registries.events_path)
    problems += found
    if event is not None and people.find(meta["speaker"]) is None:
        problems.append(Problem(source.meta_path, source.meta_lines.get(("speaker",)), "speaker",
            f"'{meta['speaker']}' is not in the people registry {people.path}", "people.unregistered",
            f"register the speaker in {people.path} ({registry.stub(meta['speaker'])})"))
    return (None if has_errors(problems) else event), problems


def check(source: Source, passages: list[Passage]) -> list[Problem]:
    """Every check on one assembled document."""
    return check_consistency(source, [p.record for p in passages]) + zero_width(source, passages)


def zero_width(source: Source, passages: list[Passage]) -> list[Problem]:
    """Warn about zero-width characters kept inside a paragraph's text."""
    problems = []
    for passage in passages:
        span = passage.span
        for offset in inner_zero_width(span):
            problems.append(Problem(source.text_path, span.line_number, passage.record["paragraph_id"],
                f"zero-width character U+{ord(source.raw[offset]):04X} inside the paragraph (kept) at offset {offset}",
                "text.zero-width", "remove it from the raw file if it is not meant to be there", "warning"))
    return problems


def invisible_lines(source: Source, loose: list) -> list[Problem]:
    """Warn about lines that hold only invisible characters (a bidi mark, a
    soft hyphen, a Hangul filler): they look blank, become no paragraph, and
    their characters are recorded as edits."""
    first: dict[int, int] = {}
    for cut in loose:
        if cut.kind == "zero_width":
            first.setdefault(cut.line_number, cut.start)
    return [Problem(source.text_path, line, "line",
        f"the line holds only invisible characters (U+{ord(source.raw[start]):04X} first): it is no "
        "paragraph, its characters are recorded as edits", "text.invisible-line",
        "delete the line from the raw file if it is not in the source", "warning")
        for line, start in sorted(first.items())]


def check_consistency(source: Source, rows: list[dict]) -> list[Problem]:
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
    problems += _check_title(source, rows)
    return problems


# A headline of several lines (引题, 主题, 副题) is written in the sidecar as
# its lines joined by this separator.
TITLE_SEPARATOR = " "


def _check_title(source: Source, rows: list[dict]) -> list[Problem]:
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
        f"the text's headline ({where}) reads {snippet(joined, 80)}, the sidecar {snippet(meta['title'], 80)}",
        "meta.title-mismatch",
        f'set title = "{joined}" (a headline\'s lines joined by one space), '
        "or override a paragraph's segment_type if it is not part of the headline")]


def _check_doc_type(source: Source, rows: list[dict]) -> list[Problem]:
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
