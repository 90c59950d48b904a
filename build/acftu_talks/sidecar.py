"""Reading a TOML sidecar and locating its keys by line.

``tomllib`` returns plain data without positions; curators need the line of a
bad value, so :func:`key_lines` recovers them with a small scan that covers the
sidecar style we write (``key = value`` under ``[table]`` / ``[[array]]``).
"""
from __future__ import annotations

import re
import tomllib

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=")


def parse(text: str) -> dict:
    """Parse sidecar TOML; raises ``tomllib.TOMLDecodeError`` (which names the line)."""
    return tomllib.loads(text)


def key_lines(text: str) -> dict[tuple, int]:
    """Map each key path, e.g. ``("date", "value")`` or ``("people", 2, "name")``,
    and each table path, to its 1-based line."""
    lines: dict[tuple, int] = {}
    table: tuple = ()
    counts: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        header = _HEADER.match(line)
        if header:
            name = header.group(2)
            if header.group(1) == "[[":
                index = counts.get(name, 0)
                counts[name] = index + 1
                table = (name, index)
            else:
                table = (name,)
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault(table + (key.group(1).strip('"'),), number)
    return lines


def line_of(lines: dict[tuple, int], path: tuple) -> int | None:
    """The line of ``path`` or, failing that, of its nearest enclosing table."""
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None
