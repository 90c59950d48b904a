"""Problems found in the inputs, reported compiler-style and all at once.

Library code collects :class:`Problem` objects and raises :class:`InputError`
carrying every one of them; a wrong command line raises :class:`UsageError`;
only the command line prints them and picks the exit code (see ``EXIT``).
"""
from __future__ import annotations

import errno
import os
import re
from collections import Counter
from dataclasses import dataclass, field

# The exit codes, documented in the README ("Exit codes").
EXIT = {
    "ok": 0,
    "input": 1,  # a problem in the inputs: fix it and run again
    "usage": 2,  # a wrong command line
    "environment": 3,  # the machine said no: disk full, permission, read-only, file too large
    "interrupted": 130,  # Ctrl-C (128 + SIGINT, as shells report it)
}

# At most this many problems are printed per file, then a count of the rest:
# a mangled file (UTF-16 without a BOM, a binary) would otherwise print
# thousands of lines and bury the one that says what is wrong.
MAX_PER_FILE = 50
SNIPPET_CHARS = 40


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can."""

    path: str
    line: int | None
    where: str  # the field, record id or other location inside the file
    message: str
    code: str  # stable, area.kebab-case, e.g. ``meta.date``
    hint: str = field(default="", compare=False)
    severity: str = field(default="error", compare=False)  # "error" or "warning"

    def sort_key(self) -> tuple:
        # A problem with the whole file (no line) comes before its lines;
        # comparing None with a line number directly would raise.
        return (self.path, -1 if self.line is None else self.line, self.where, self.message, self.code)

    def __lt__(self, other: "Problem") -> bool:
        return self.sort_key() < other.sort_key()

    def render(self) -> str:
        loc = self.path if self.line is None else f"{self.path}:{self.line}"
        text = f"{loc}: {self.severity}: {self.where}: {self.message} [{self.code}]"
        if self.hint:
            text += f"\n    fix: {self.hint}"
        return text


def render_bounded(problems: list[Problem], limit: int = MAX_PER_FILE) -> list[str]:
    """Each problem's text, at most ``limit`` per file and severity, then one
    note per file saying how many more there are."""
    shown: Counter = Counter()
    hidden: Counter = Counter()
    lines = []
    for problem in problems:
        key = (problem.path, problem.severity)
        if shown[key] < limit:
            shown[key] += 1
            lines.append(problem.render())
        else:
            hidden[key] += 1
    for (path, severity), count in sorted(hidden.items()):
        lines.append(f"{path}: note: {count} more {severity}(s) in this file not shown "
                     f"[report.truncated]\n    fix: fix the ones above and run again")
    return lines


class InputError(Exception):
    """Raised when the inputs cannot be built; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(p.render() for p in self.problems))


class UsageError(Exception):
    """A command line the tool refuses (exit 2): what is wrong and how to fix it."""

    def __init__(self, subject: str, message: str, code: str, hint: str):
        self.problem = Problem(subject, None, "usage", message, code, hint)
        super().__init__(self.problem.render())


class EnvironmentProblem(Exception):
    """The machine refused an operation the inputs were fine for (exit 3)."""

    def __init__(self, subject: str, message: str, code: str, hint: str):
        self.problem = Problem(subject, None, "environment", message, code, hint)
        super().__init__(self.problem.render())


_OS_CODES = {
    errno.ENOSPC: ("env.disk-full", "free space on that file system, or build to another place with --out"),
    errno.EDQUOT: ("env.disk-full", "free space (your quota is used up), or build to another place with --out"),
    errno.EFBIG: ("env.file-too-large", "raise the file-size limit (`ulimit -f`), or build where it is larger"),
    errno.EACCES: ("env.permission", "make it writable for you (chmod/chown), or use another place"),
    errno.EPERM: ("env.permission", "make it writable for you (chmod/chown), or use another place"),
    errno.EROFS: ("env.read-only", "the file system is read-only: build to another place with --out"),
}


def from_os_error(exc: OSError, subject: str = "acftu-talks") -> EnvironmentProblem:
    """An OSError raised while reading or writing, as a problem with a stable
    code, about the file it names or else ``subject``."""
    number = exc.errno
    if number is None:  # pyarrow's IO errors carry the errno in their text only
        found = re.search(r"\[errno (\d+)\]", str(exc))
        number = int(found.group(1)) if found else None
    code, hint = _OS_CODES.get(number, ("env.os-error", "check the file system and run again"))
    subject = exc.filename if exc.filename is not None else subject
    if exc.errno is None and number is not None:
        reason = os.strerror(number)  # the system's words, not the library's wrapping
    else:
        reason = exc.strerror or (os.strerror(number) if number else str(exc)[:200] or type(exc).__name__)
    return EnvironmentProblem(str(subject), reason[:1].lower() + reason[1:], code, hint)


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """At most ``limit`` characters of ``text``, with control, format and
    other invisible characters escaped, quoted: safe to print in a log."""
    short = text[:limit]
    out = []
    for char in short:
        if char.isprintable() and char not in "\\'":
            out.append(char)
        elif char in "\\'":
            out.append("\\" + char)
        else:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return "'" + "".join(out) + "'" + ("…" if len(text) > limit else "")


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def raise_if_errors(problems: list[Problem]) -> None:
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputError(errors)
