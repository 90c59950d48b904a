"""The corpus-wide inputs every document is checked against: the events
(``corpus/events.toml``) and the people registry (``corpus/persons.toml``),
read and checked once per build."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import events, people as registry
from .errors import Problem


@dataclass
class Registries:
    events: dict  # event_id -> event
    events_path: str  # corpus/events.toml as shown to users
    people: registry.Registry


# The build reads the registries before the documents, and the release steps
# that write the events and persons configs read them again: the last files
# read are parsed and checked once. Keyed by the files' bytes, so a file
# edited in between is read anew (the schemas are loaded once per process).
_LAST: dict[tuple, tuple[Registries, list[Problem]]] = {}


def _content(file: Path) -> bytes | None:
    try:
        return file.read_bytes()
    except OSError:
        return None  # what the readers make of it is theirs to say


def read_registries(corpus_dir: Path, schema_dir: Path, root: Path) -> tuple[Registries, list[Problem]]:
    """The events and the people of ``corpus_dir``, with their problems.
    The same files give the same (shared, not to be changed) registries."""
    key = (str(corpus_dir), str(schema_dir), str(root),
           _content(corpus_dir / events.FILE), _content(corpus_dir / registry.FILE))
    if key not in _LAST:
        found, events_path, problems = events.read_events(corpus_dir, schema_dir, root)
        people, more = registry.read_registry(corpus_dir, schema_dir, root)
        _LAST.clear()
        _LAST[key] = (Registries(found, events_path, people), problems + more)
    registries, problems = _LAST[key]
    return registries, list(problems)
