"""Step 1: find the raw texts and their sidecars and read them.

Each raw text ``corpus/<doc_id>.txt`` comes with ``corpus/<doc_id>.toml``.
Reading never changes the text: ``raw`` is the file's bytes decoded as UTF-8,
a BOM or CRLF line ends included (they become recorded cleaning edits later).
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import sidecar
from .errors import Problem

# Control characters (other than tab and line ends) are never part of a
# published text and usually mean a binary or mangled file; a lone \r is an
# old Mac line end that would silently merge lines.
CORPUS_FILES = ("events", "persons")

_BAD_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


@dataclass
class Source:
    """One raw text and its sidecar, as read from disk."""

    doc_id: str
    text_path: str  # as shown to users, relative to the repository root
    meta_path: str
    raw: str
    sha256: str
    meta: dict
    meta_lines: dict = field(repr=False, default_factory=dict)


def display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def list_pairs(corpus_dir: Path, root: Path) -> tuple[list[tuple[Path, Path]], list[Problem]]:
    """Pair every ``*.txt`` with its ``*.toml``; report files without a partner."""
    problems: list[Problem] = []
    texts = {p.stem: p for p in sorted(corpus_dir.glob("*.txt"))}
    # events.toml and persons.toml describe the corpus, not one text
    metas = {p.stem: p for p in sorted(corpus_dir.glob("*.toml")) if p.stem not in CORPUS_FILES}
    for stem in sorted(texts.keys() - metas.keys()):
        problems.append(Problem(display(texts[stem], root), None, "file",
            "raw text has no sidecar", "corpus.missing-sidecar",
            f"add {stem}.toml beside it (copy an existing sidecar and edit it)"))
    for stem in sorted(metas.keys() - texts.keys()):
        problems.append(Problem(display(metas[stem], root), None, "file",
            "sidecar has no raw text", "corpus.missing-text",
            f"add the raw text as {stem}.txt, or remove the sidecar"))
    if not texts and not metas:
        problems.append(Problem(display(corpus_dir, root), None, "folder",
            "no raw texts found", "corpus.empty", "add <doc_id>.txt files with <doc_id>.toml sidecars"))
    pairs = [(texts[s], metas[s]) for s in sorted(texts.keys() & metas.keys())]
    return pairs, problems


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 strictly; name the line of the first bad byte and suggest a fix."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        name = path.rsplit("/", 1)[-1]
        convert = f"`iconv -f {{}} -t UTF-8 {path} > {name}.utf8 && mv {name}.utf8 {path}`"
        hint = "re-encode the file as UTF-8"
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            hint = "it is UTF-16: convert it with " + convert.format("UTF-16")
        else:
            line_start = data.rfind(b"\n", 0, exc.start) + 1
            line_end = data.find(b"\n", exc.start)
            for sample in (data, data[line_start:line_end if line_end >= 0 else len(data)]):
                # Chinese text that is not UTF-8 is nearly always GBK/GB18030;
                # a file mixing encodings shows it on the bad line alone.
                try:
                    sample.decode("gb18030")
                except UnicodeDecodeError:
                    continue
                hint = "it looks like GBK/GB18030: convert it with " + convert.format("GB18030")
                break
        if name.endswith(".txt"):
            hint += ", then pin the new source_sha256 in its sidecar"
        return None, [Problem(path, line, "encoding",
            f"the file is not UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start} "
            f"(byte {column} of line {line}) cannot be decoded",
            "text.encoding", hint)]
    return text, []


def check_text(text: str, path: str) -> list[Problem]:
    """Reject texts that cannot be a published text: empty, or with control characters."""
    if not text.strip():
        return [Problem(path, None, "text", "the raw text is empty (or only white space)",
                        "text.empty", "put the text in the file, or remove it and its sidecar")]
    problems = []
    reported: set[int] = set()
    for match in _BAD_CONTROL.finditer(text):
        index = match.start()
        line = text.count("\n", 0, index) + 1
        if line in reported:
            continue  # one report a line: a mangled file would otherwise flood the output
        reported.add(line)
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        more = len(_BAD_CONTROL.findall(text[index:text.find("\n", index) % (len(text) + 1)])) - 1
        also = f" (and {more} more on this line)" if more else ""
        if match.group() == "\r":
            problems.append(Problem(path, line, f"column {column}",
                f"a carriage return (U+000D) that does not end a line{also}",
                "text.control-character", "convert old Mac line ends (\\r) to \\n"))
        else:
            problems.append(Problem(path, line, f"column {column}",
                f"control character U+{ord(match.group()):04X} in the text{also}",
                "text.control-character", "delete it: control characters are not part of any published text "
                                          "(many NUL bytes mean the file is UTF-16: re-encode it as UTF-8)"))
    return problems


def read_source(text_file: Path, meta_file: Path, root: Path) -> tuple[Source | None, list[Problem]]:
    """Read one raw text and its sidecar. Returns the source (None if unusable) and problems."""
    text_path, meta_path = display(text_file, root), display(meta_file, root)
    data = text_file.read_bytes()
    raw, problems = decode(data, text_path)
    if raw is not None:
        problems += check_text(raw, text_path)
    meta_text, meta_problems = decode(meta_file.read_bytes(), meta_path)
    problems += meta_problems
    meta: dict = {}
    lines: dict = {}
    if meta_text is not None:
        try:
            # Editors on Windows may save a BOM; unlike a raw text's, it means nothing.
            meta_text = meta_text.removeprefix("\ufeff")
            meta = sidecar.parse(meta_text)
            lines = sidecar.key_lines(meta_text)
        except tomllib.TOMLDecodeError as exc:
            problems.append(Problem(meta_path, getattr(exc, "lineno", None), "toml",
                f"not valid TOML: {getattr(exc, 'msg', exc)}", "meta.toml",
                "fix the syntax; strings need double quotes, e.g. title = \"...\""))
            meta = None
    if raw is None or meta is None or any(p.severity == "error" for p in problems):
        return None, problems
    return Source(text_file.stem, text_path, meta_path, raw,
                  hashlib.sha256(data).hexdigest(), meta, lines), problems
