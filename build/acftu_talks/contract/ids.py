"""Stable ids across releases.

``corpus/ids.lock.tsv`` pins every paragraph and sentence id to a hash of its
text. A build whose ids no longer match the lock (a rule change re-segmented a
text, a raw file was replaced) fails instead of renumbering silently. When the
change is intended, ``acftu-talks ids --accept --reason "..."`` records a
mapping from the old ids to the new ones in ``corpus/id-changes.tsv`` and
updates the lock; every release ships that history as ``id_changes.json``.
"""
from __future__ import annotations

import bisect
import hashlib
import io
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError, Problem, UsageError
from ..read import decode, read_regular

LOCK = "ids.lock.tsv"
CHANGES = "id-changes.tsv"
CHANGES_HEADER = ["version", "old_id", "new_id", "reason"]


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def current(documents) -> dict[str, str]:
    """The fingerprint of every paragraph and sentence id of built documents."""
    found: dict[str, str] = {}
    for built in documents:
        found.update(fingerprints_of(built))
    return found


def fingerprints_of(built) -> dict[str, str]:
    """A document's fingerprints: as its worker computed them (a packed
    document carries no rows), or from its rows."""
    found = getattr(built, "fingerprints", None)
    return found if found is not None else fingerprints(built.paragraphs, built.sentences)


def fingerprints(paragraphs: list[dict], sentences: list[dict]) -> dict[str, str]:
    found = {r["paragraph_id"]: fingerprint(r["text"]) for r in paragraphs}
    found.update({r["sentence_id"]: fingerprint(r["text"]) for r in sentences})
    return found


def checked(builts: Iterable, corpus_dir: Path, problems: list) -> Iterator:
    """Pass each document's records (``Built``) on, checking its ids against
    the lock as it passes (:class:`StreamingCheck`: neither the lock nor the
    current ids are held for more than one document); at the end add to
    ``problems`` every id that no longer matches the lock (none without one)."""
    lock = stream_check(corpus_dir)
    for built in builts:
        if lock is not None:
            lock.add(built.document["doc_id"], fingerprints_of(built))
        yield built
    if lock is not None:
        problems += lock.problems()


def doc_of(record_id: str) -> str:
    return record_id.split(".", 1)[0]


_DIGEST = re.compile(r"[0-9a-f]{16}")
_LOCK_LINE = re.compile(rb"[^\t\n]+\t[^\t\n]+")
_ID = re.compile(r"[a-z0-9][a-z0-9.-]*")
# A reason is one line of text: a TAB or a line end would break the TSV
# history, and control characters (an ANSI escape) have no place in it.
_BAD_REASON = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u0085]")
FIX_LOCK = ("restore it from version control (`git checkout -- {path}`), or delete it and run "
            "`acftu-talks ids --accept --reason \"re-pin\"`")


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` all at once (see :func:`write_files`)."""
    write_files([(path, text)])


def write_files(files: list[tuple[Path, str]]) -> None:
    """Replace each path with its text: every text is first written to a
    temporary file beside its path and flushed to disk, and only when all are
    written are they renamed into place, in order. A full disk or a kill
    while writing leaves every file as it was; a kill between the renames
    leaves each file old or new, never truncated."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files:
            for stale in path.parent.glob(f".{path.name}.*.tmp"):
                stale.unlink(missing_ok=True)  # left by a run that was killed before its rename
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                    handle.write(text)
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError as exc:
                if exc.filename is None:  # name the file, not a descriptor
                    raise OSError(exc.errno, exc.strerror, path.as_posix()) from exc
                raise
            if path.exists():
                os.chmod(tmp, path.stat().st_mode & 0o7777)
            else:
                mask = os.umask(0)
                os.umask(mask)
                os.chmod(tmp, 0o666 & ~mask)
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass  # renamed already, or never made
        raise


def create_atomic(path: Path, text: str) -> None:
    """Create ``path`` holding ``text``, never over an existing file (raises
    FileExistsError): written to a temporary file beside it and linked into
    place whole, so that a kill or a full disk leaves no half-written file."""
    staged = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", prefix=f".{path.name}.",
                                         suffix=".tmp", dir=path.parent, delete=False)
    try:
        with staged as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(staged.name, 0o666 & ~mask)
        os.link(staged.name, path)  # fails if path exists: no clobbering, no race
    except OSError as exc:
        if exc.filename is None:
            raise OSError(exc.errno, exc.strerror, path.as_posix()) from exc
        raise
    finally:
        try:
            os.unlink(staged.name)
        except FileNotFoundError:
            pass


def _lines(path: Path) -> list[str]:
    shown = path.as_posix()
    try:
        data = read_regular(path)
    except OSError as exc:
        raise InputError([Problem(shown, None, "file", f"cannot be read: {exc.strerror or exc}",
                                  "ids.unreadable", "make it a regular, readable file")])
    text, problems = decode(data, shown)
    if problems:
        raise InputError(problems)
    return text.split("\n")


def read_lock(corpus_dir: Path) -> dict[str, str] | None:
    """The pinned ids, or None without a lock. Raises InputError naming the
    line when the lock is not ``<id>\\t<16 hex digits>`` lines."""
    path = corpus_dir / LOCK
    if not path.exists() and not path.is_symlink():
        return None
    lock = {}
    problems = []
    for number, line in enumerate(_lines(path), start=1):
        if line and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) != 2 or not _ID.fullmatch(parts[0]) or not parts[1]:
                problems.append(Problem(path.as_posix(), number, "line", "not an `<id>\\t<16 hex digits>` line",
                                        "ids.lock-format", FIX_LOCK.format(path=path.as_posix())))
                continue
            lock[parts[0]] = parts[1]
    if problems:
        raise InputError(problems)
    return lock


def lock_text(current: dict[str, str]) -> str:
    lines = ["# id\tsha256 of the text (16 hex digits). Written by `acftu-talks ids --accept`."]
    lines += [f"{i}\t{current[i]}" for i in sorted(current)]
    return "\n".join(lines) + "\n"


def write_lock(corpus_dir: Path, current: dict[str, str]) -> None:
    write_atomic(corpus_dir / LOCK, lock_text(current))


def check_reason(reason: str | None) -> str:
    """The reason for ``ids --accept``, or UsageError: one line of text."""
    if not reason or not reason.strip():
        raise UsageError("--reason", "ids --accept needs --reason \"why the ids changed\"", "ids.reason",
                         'add --reason "why the ids changed", e.g. --reason "segment captions apart"')
    bad = _BAD_REASON.search(reason)
    if bad:
        raise UsageError("--reason", f"--reason holds the control character U+{ord(bad.group()):04X} at "
                         f"character {bad.start() + 1}; it must be one line of text", "ids.reason",
                         "write the reason on one line, without tabs or escape sequences")
    return reason.strip()


def diff(lock: dict[str, str], current: dict[str, str]) -> list[tuple[str, str | None]]:
    """(old_id, new_id) for every locked id whose text moved, changed or went
    away, among the documents present in ``current``; new_id is None when the
    old text is nowhere in the new build. Ids of new documents are not changes."""
    docs = {doc_of(i) for i in current}
    by_hash: dict[tuple[str, str], list[str]] = {}
    for record_id, digest in current.items():
        by_hash.setdefault((doc_of(record_id), digest), []).append(record_id)
    changes = []
    for old_id in sorted(lock):
        if doc_of(old_id) not in docs or current.get(old_id) == lock[old_id]:
            continue
        same_kind = [i for i in by_hash.get((doc_of(old_id), lock[old_id]), [])
                     if i.count(".") == old_id.count(".")]
        changes.append((old_id, same_kind[0] if same_kind else None))
    return changes


def diff_document(locked: dict[str, str], current: dict[str, str]) -> list[tuple[str, str | None]]:
    """:func:`diff` for one document: its locked and its current ids."""
    if not current or locked == current:
        return []  # the usual case, decided in C: every locked id holds its text
    by_hash: dict[str, list[str]] = {}
    for record_id, digest in current.items():
        by_hash.setdefault(digest, []).append(record_id)
    changes = []
    for old_id in sorted(locked):
        if current.get(old_id) == locked[old_id]:
            continue
        same_kind = [i for i in by_hash.get(locked[old_id], []) if i.count(".") == old_id.count(".")]
        changes.append((old_id, same_kind[0] if same_kind else None))
    return changes


def unlocked_docs(lock: dict[str, str], current: dict[str, str]) -> list[str]:
    locked = {doc_of(i) for i in lock}
    return sorted({doc_of(i) for i in current} - locked)


def check(corpus_dir: Path, lock: dict[str, str], current: dict[str, str]) -> list[Problem]:
    """One problem per document whose locked ids changed, naming a few."""
    line_of = {record_id: n for n, record_id in enumerate(sorted(lock), start=2)}
    by_doc: dict[str, list[tuple[str, str | None]]] = {}
    for old_id, new_id in diff(lock, current):
        by_doc.setdefault(doc_of(old_id), []).append((old_id, new_id))
    return _problems(corpus_dir, by_doc, line_of, unlocked_docs(lock, current), current.__contains__)


def _problems(corpus_dir: Path, by_doc: dict[str, list[tuple[str, str | None]]], line_of: dict[str, int],
              unlocked: list[str], is_current) -> list[Problem]:
    path = (corpus_dir / LOCK).as_posix()
    problems = []
    try:
        read_changes(corpus_dir)  # shipped as id_changes.json: a broken line fails now, not mid-build
    except InputError as exc:
        problems += exc.problems
    for doc_id, changes in sorted(by_doc.items()):
        def say(old: str, new: str | None) -> str:
            short = old[len(doc_id):]
            if new is None:
                return f"{short} " + ("now holds another text" if is_current(old) else "is gone")
            return f"{short} -> {new[len(doc_id):]}"
        shown = ", ".join(say(o, n) for o, n in changes[:3])
        more = f" and {len(changes) - 3} more" if len(changes) > 3 else ""
        problems.append(Problem(path, line_of[changes[0][0]], doc_id,
            f"{len(changes)} pinned id(s) changed: {shown}{more}", "ids.changed",
            'if the change is intended, run `acftu-talks ids --accept --reason "why"` '
            "to record the old -> new mapping; otherwise undo the change"))
    for doc_id in unlocked:
        problems.append(Problem(path, None, doc_id, "the document's ids are not pinned yet",
            "ids.unlocked", f'run `acftu-talks ids --accept --reason "add {doc_id}"`', "warning"))
    return problems


def _runs_by_line(lines: Iterable[bytes], corpus_dir: Path) -> tuple[dict[str, list[tuple[int, int]]], list[Problem]]:
    """Where each document's runs of lines are in the lock (offset, length),
    and a problem for every line that is neither an id line, a comment nor blank."""
    where: dict[str, list[tuple[int, int]]] = {}
    offset, doc, start = 0, None, 0
    bad = []
    for number, line in enumerate(lines, start=1):
        if line.startswith(b"#") or not line.strip(b"\n"):
            this = None  # not an id line: ends the run
        elif not _LOCK_LINE.fullmatch(line.rstrip(b"\n")):
            bad.append(Problem((corpus_dir / LOCK).as_posix(), number, "line",
                               "not an `<id>\\t<16 hex digits>` line", "ids.lock-format",
                               FIX_LOCK.format(path=(corpus_dir / LOCK).as_posix())))
            this = None
        else:
            this = line[:line.find(b".")] if b"." in line[:line.find(b"\t")] else line[:line.find(b"\t")]
        if this != doc:
            if doc is not None:
                where.setdefault(doc.decode("utf-8"), []).append((start, offset - start))
            doc, start = this, offset
        offset += len(line)
    if doc is not None:
        where.setdefault(doc.decode("utf-8"), []).append((start, offset - start))
    return where, bad


# A lock of only id lines whose doc_id does not start with "." or "#",
# comments and blank lines: :func:`_runs` finds what :func:`_runs_by_line`
# finds, in C (a Python loop over 137,000 lines took a third of a second).
_ID_LINE = rb"[^\t\n.#][^\t\n]*\t[^\t\n]+"
_PLAIN_LOCK = re.compile(rb"(?:(?:#[^\n]*|" + _ID_LINE + rb")?\n)*(?:#[^\n]*|" + _ID_LINE + rb")?")
# One run: id lines whose doc_id (the id up to its first ".") is the same.
_RUN = re.compile(rb"^(?P<doc>[^\t\n.#][^\t\n.]*)(?:\.[^\t\n]*)?\t[^\t\n]+"
                  rb"(?:\n(?P=doc)(?:\.[^\t\n]*)?\t[^\t\n]+)*\n?", re.MULTILINE)


def _runs(data: bytes) -> dict[str, list[tuple[int, int]]]:
    """:func:`_runs_by_line` of a lock that ``_PLAIN_LOCK`` matches."""
    where: dict[str, list[tuple[int, int]]] = {}
    for run in _RUN.finditer(data):
        where.setdefault(run["doc"].decode("utf-8"), []).append((run.start(), run.end() - run.start()))
    return where


class StreamingCheck:
    """The check of :func:`check`, one document at a time, without holding
    the lock or the current ids of more than one document.

    Opening makes one pass over the lock to note where each document's lines
    are (a few numbers a document); :meth:`add` reads that document's lines
    back and compares them with its current ids; :meth:`problems` gives the
    same problems as :func:`check` on the whole lock and every current id.
    """

    def __init__(self, corpus_dir: Path):
        self.corpus_dir = corpus_dir
        self.file = (corpus_dir / LOCK).open("rb")
        data = self.file.read()
        # doc_id -> [(offset, length)] of its lines
        if _PLAIN_LOCK.fullmatch(data):
            self.where, bad = _runs(data), []
        else:
            self.where, bad = _runs_by_line(io.BytesIO(data), corpus_dir)  # lines end at b"\n" only
        if bad:
            self.file.close()
            raise InputError(bad)
        self.changed: dict[str, list[tuple[str, str | None]]] = {}
        self.unlocked: list[str] = []
        self.moved_here: dict[str, bool] = {}  # old ids that now hold another text

    def locked(self, doc_id: str) -> dict[str, str]:
        """The lock's lines for one document, in file order (a later line wins)."""
        lock: dict[str, str] = {}
        for offset, length in self.where.get(doc_id, ()):
            self.file.seek(offset)
            for line in self.file.read(length).decode("utf-8").split("\n"):
                if line and not line.startswith("#"):
                    record_id, digest = line.split("\t")
                    lock[record_id] = digest
        return lock

    def add(self, doc_id: str, current: dict[str, str]) -> None:
        """Compare one document's current ids (all of them) with the lock."""
        if not current:
            return
        if doc_id not in self.where:
            self.unlocked.append(doc_id)
            return
        changes = diff_document(self.locked(doc_id), current)
        if changes:
            self.changed[doc_id] = changes
            for old, new in changes[:3]:
                self.moved_here[old] = old in current

    def problems(self) -> list[Problem]:
        self.file.close()
        firsts = sorted(changes[0][0] for changes in self.changed.values())
        below = [0] * (len(firsts) + 1)  # below[k]: ids smaller than firsts[k:] only
        if firsts:
            # A problem's line is its id's place in the sorted lock, as check()
            # counts it: one more than the ids that sort before it. A repeated
            # id counts once when its lines are together, as ids --accept writes them.
            seen: set[str] = set()
            with (self.corpus_dir / LOCK).open(encoding="utf-8") as f:
                for line in f:
                    if not line.strip("\n") or line.startswith("#"):
                        continue
                    record_id = line.split("\t", 1)[0]
                    if seen and doc_of(record_id) != doc_of(next(iter(seen))):
                        seen.clear()
                    if record_id not in seen:
                        seen.add(record_id)
                        below[bisect.bisect_right(firsts, record_id)] += 1
        line_of, smaller = {}, 0
        for k, first in enumerate(firsts):
            smaller += below[k]
            line_of[first] = smaller + 2
        return _problems(self.corpus_dir, self.changed, line_of, sorted(self.unlocked), self.moved_here.get)


def stream_check(corpus_dir: Path) -> StreamingCheck | None:
    """A :class:`StreamingCheck` of ``corpus_dir``'s lock, or None without one."""
    return StreamingCheck(corpus_dir) if (corpus_dir / LOCK).exists() else None


def read_changes(corpus_dir: Path) -> list[dict]:
    """Every recorded id change; raises InputError naming the line of a
    malformed one."""
    path = corpus_dir / CHANGES
    if not path.exists() and not path.is_symlink():
        return []
    rows, problems = [], []
    lines = _lines(path)
    if lines[0].split("\t") != CHANGES_HEADER:
        problems.append(Problem(path.as_posix(), 1, "header", f"the first line is not the header "
                                f"{chr(92)}t-separated: {', '.join(CHANGES_HEADER)}", "ids.changes-format",
                                FIX_LOCK.format(path=path.as_posix()).split(", or")[0]))
    for number, line in enumerate(lines[1:], start=2):
        if line:
            parts = line.split("\t")
            if len(parts) != 4 or not all(_ID.fullmatch(p) for p in parts[1:2]):
                problems.append(Problem(path.as_posix(), number, "line", "not a `version\\told_id\\tnew_id\\treason` "
                                        "line", "ids.changes-format",
                                        FIX_LOCK.format(path=path.as_posix()).split(", or")[0]))
                continue
            version, old_id, new_id, reason = parts
            rows.append({"version": version, "old_id": old_id, "new_id": new_id or None, "reason": reason})
    if problems:
        raise InputError(problems)
    return rows


def accept(corpus_dir: Path, lock: dict[str, str] | None, current: dict[str, str],
           reason: str, version: str) -> list[tuple[str, str | None]]:
    """Record the changes against the lock and pin the current ids. Both
    files are written in full before either replaces its old self, the
    history first (:func:`write_files`): a kill between the two renames
    leaves the changes recorded and the old lock, and running again records
    only what is not recorded yet, then pins."""
    reason = check_reason(reason)
    changes = diff(lock or {}, current)
    files = []
    if changes:
        path = corpus_dir / CHANGES
        existing = "\n".join(_lines(path)).rstrip("\n") + "\n" if path.exists() else "\t".join(CHANGES_HEADER) + "\n"
        lines = [f"{version}\t{old}\t{new or ''}\t{reason}" for old, new in changes]
        recorded = set(existing.split("\n"))
        lines = [line for line in lines if line not in recorded]
        if lines:
            files.append((path, existing + "\n".join(lines) + "\n"))
    rebuilt = {doc_of(i) for i in current}
    merged = {i: d for i, d in (lock or {}).items() if doc_of(i) not in rebuilt}
    merged.update(current)
    files.append((corpus_dir / LOCK, lock_text(merged)))
    write_files(files)
    return changes


def changes_json(corpus_dir: Path) -> str:
    """The release's id_changes.json: every recorded mapping, oldest first."""
    return json.dumps({"description": "Ids that changed between releases: old_id -> new_id "
                       "(null when the old text is gone), with the version that changed them and why.",
                       "changes": read_changes(corpus_dir)}, ensure_ascii=False, indent=2) + "\n"
