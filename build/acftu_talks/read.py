"""Step 1: find the raw texts and their sidecars and read them.

Each raw text ``corpus/<doc_id>.txt`` comes with ``corpus/<doc_id>.toml``.
Reading never changes the text: ``raw`` is the file's bytes decoded as UTF-8,
a BOM or CRLF line ends included (they become recorded cleaning edits later).
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import sidecar
from .errors import Problem

# Control characters (other than tab and line ends) are never part of a
# published text and usually mean a binary or mangled file; a lone \r is an
# old Mac line end that would silently merge lines.
CORPUS_FILES = ("events", "persons")

_CONTROL = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_BAD_CONTROL = re.compile(rf"[{_CONTROL}]|\r(?!\n)")
# The same characters in one class, which ``re`` scans for fast (it tries
# the alternation above at every position): on a text whose CRLFs are made
# LFs, a \r is one that ends no line.
_ANY_CONTROL = re.compile(rf"[{_CONTROL}\r]")


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


def display(path: Path, root: Path, follow: bool = True) -> str:
    """``path`` relative to ``root`` when it is inside it. With ``follow``
    off, a symlink is named as itself, never as its target."""
    if not follow:
        return Shown(root)(path)
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


class Shown:
    """``display(path, root, follow=False)`` of many paths, each folder and
    the root resolved once: resolving costs 60-120 µs, and a corpus is one
    folder. Meant for one listing or one document, not to be kept while
    folders may be moved or relinked."""

    def __init__(self, root: Path):
        self.root = root
        self._root: Path | None = None
        # folder -> (resolved, its name relative to the root, None if outside)
        self._folders: dict[Path, tuple[Path, str | None]] = {}

    def __call__(self, path: Path) -> str:
        folder = path.parent
        known = self._folders.get(folder)
        if known is None:
            resolved = folder.resolve()
            if self._root is None:
                self._root = self.root.resolve()
            try:
                inside = resolved.relative_to(self._root).as_posix()
            except ValueError:
                inside = None
            known = self._folders[folder] = (resolved, inside)
        resolved, inside = known
        name = path.name
        if inside is not None and name not in ("", ".."):
            # what the join below gives, joined as a string: pathlib's
            # joining and relative_to cost more than the rest of naming a file
            return name if inside == "." else f"{inside}/{name}"
        try:
            return (resolved / name).relative_to(self._root).as_posix()
        except ValueError:
            return path.as_posix()


# What a corpus file may be: a regular file in the corpus folder itself.
# A symlink can point anywhere (a private file ends up published, /dev/zero
# eats memory), a FIFO blocks the build forever; none of them is read.
_KINDS = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))
SUFFIXES = (".txt", ".toml")


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is, or None for a regular file."""
    return next((name for test, name in _KINDS if test(mode)), None if stat.S_ISREG(mode) else "not a regular file")


def not_regular(path: Path, shown: str, mode: int) -> Problem | None:
    kind = kind_of(mode)
    if kind is None:
        return None
    return Problem(shown, None, "file", f"is {kind}, not a regular file: it is not read",
                   "corpus.not-a-file", "put the file itself in the corpus folder (copy it, do not link it), "
                                        "or move this out of the folder")


def read_regular(path: Path) -> bytes:
    """The bytes of ``path`` if it is a regular file, never following a
    symlink nor blocking on a FIFO; raises OSError (``ELOOP``/``EINVAL``) otherwise."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def list_pairs(corpus_dir: Path, root: Path) -> tuple[list[tuple[Path, Path]], list[Problem]]:
    """Pair every ``*.txt`` with its ``*.toml``; report files without a
    partner, names with upper-case suffixes, and entries that are not regular
    files (symlinks, folders, FIFOs, devices), none of which is read."""
    problems: list[Problem] = []
    texts: dict[str, Path] = {}
    metas: dict[str, Path] = {}
    with os.scandir(corpus_dir) as entries:
        found = sorted(entries, key=lambda e: e.name)
    shown_as = Shown(root)
    for entry in found:
        suffix = os.path.splitext(entry.name)[1]
        if suffix.lower() not in SUFFIXES:
            continue
        path = Path(entry.path)
        shown = shown_as(path)
        if suffix not in SUFFIXES:
            problems.append(Problem(shown, None, "file name", f"the suffix {suffix} is not lower case, so "
                "the file is not part of the corpus", "corpus.suffix-case",
                f"rename it to {entry.name[:-len(suffix)]}{suffix.lower()}"))
            continue
        bad = not_regular(path, shown, entry.stat(follow_symlinks=False).st_mode)
        if bad:
            problems.append(bad)
            continue
        if suffix == ".toml" and path.stem in CORPUS_FILES:
            continue  # events.toml and persons.toml describe the corpus, not one text
        (texts if suffix == ".txt" else metas)[path.stem] = path
    for stem in sorted(texts.keys() - metas.keys()):
        if not _listed(corpus_dir / f"{stem}.toml", problems, root):
            problems.append(Problem(display(texts[stem], root), None, "file",
                "raw text has no sidecar", "corpus.missing-sidecar",
                f"add {stem}.toml beside it (copy an existing sidecar and edit it)"))
    for stem in sorted(metas.keys() - texts.keys()):
        if not _listed(corpus_dir / f"{stem}.txt", problems, root):
            problems.append(Problem(display(metas[stem], root), None, "file",
                "sidecar has no raw text", "corpus.missing-text",
                f"add the raw text as {stem}.txt, or remove the sidecar"))
    if not texts and not metas and not problems:
        problems.append(Problem(display(corpus_dir, root), None, "folder",
            "no raw texts found", "corpus.empty", "add <doc_id>.txt files with <doc_id>.toml sidecars"))
    pairs = [(texts[s], metas[s]) for s in sorted(texts.keys() & metas.keys())]
    return pairs, problems


def _listed(partner: Path, problems: list[Problem], root: Path) -> bool:
    """Whether the partner file is already reported (not a regular file)."""
    shown = display(partner, root, follow=False)
    return any(p.path == shown for p in problems)


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
    if _ANY_CONTROL.search(text.replace("\r\n", "\n")) is None:
        # None in any line either: a line is searched up to its CRLF's \r.
        return []
    return _line_problems(text, path)


def _line_problems(text: str, path: str) -> list[Problem]:
    problems = []
    # One pass over the lines, one report a line (a mangled file would
    # otherwise flood the output): linear in the size of the text.
    lines = text.split("\n")
    for line, content in enumerate(lines, start=1):
        # the \r of a CRLF line end is not a stray carriage return
        end = len(content) - (line < len(lines) and content.endswith("\r"))
        match = _BAD_CONTROL.search(content, 0, end)
        if match is None:
            continue
        column = match.start() + 1
        more = sum(1 for _ in _BAD_CONTROL.finditer(content, match.end(), end))
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


def read_source(text_file: Path, meta_file: Path, root: Path,
                shown: Shown | None = None) -> tuple[Source | None, list[Problem]]:
    """Read one raw text and its sidecar. Returns the source (None if unusable) and problems.
    ``shown`` names the files (one :class:`Shown` for a whole corpus resolves its folder once)."""
    shown = shown or Shown(root)
    text_path, meta_path = shown(text_file), shown(meta_file)
    problems: list[Problem] = []
    data, meta_data = _read(text_file, text_path, problems), _read(meta_file, meta_path, problems)
    if data is None or meta_data is None:
        return None, problems
    raw, found = decode(data, text_path)
    problems += found
    if raw is not None:
        problems += check_text(raw, text_path)
    meta_text, meta_problems = decode(meta_data, meta_path)
    problems += meta_problems
    meta: dict = {}
    lines: dict = {}
    if meta_text is not None:
        try:
            # Editors on Windows may save a BOM; unlike a raw text's, it means nothing.
            meta_text = meta_text.removeprefix("\ufeff")
            meta = sidecar.parse(meta_text)
            lines = sidecar.key_lines(meta_text)
        except RecursionError:
            problems.append(Problem(meta_path, None, "toml", "the TOML nests arrays or tables too deeply to read",
                "meta.toml", "a sidecar needs at most a few levels of nesting: flatten it"))
            meta = None
        except tomllib.TOMLDecodeError as exc:
            problems.append(Problem(meta_path, getattr(exc, "lineno", None), "toml",
                f"not valid TOML: {getattr(exc, 'msg', exc)}", "meta.toml",
                "fix the syntax; strings need double quotes, e.g. title = \"...\""))
            meta = None
    if raw is None or meta is None or any(p.severity == "error" for p in problems):
        return None, problems
    return Source(text_file.stem, text_path, meta_path, raw,
                  hashlib.sha256(data).hexdigest(), meta, lines), problems


def _read(path: Path, shown: str, problems: list[Problem]) -> bytes | None:
    """The file's bytes, or None and a problem if it cannot be read (it went
    away, became a link, or is not readable for this user)."""
    try:
        return read_regular(path)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EINVAL, errno.ENXIO):
            problems.append(Problem(shown, None, "file", "is not a regular file: it is not read",
                "corpus.not-a-file", "put the file itself in the corpus folder (copy it, do not link it)"))
        else:
            problems.append(Problem(shown, None, "file", f"cannot be read: {exc.strerror or exc}",
                "corpus.unreadable", "make the file readable (chmod u+r), or remove it and its partner"))
        return None
