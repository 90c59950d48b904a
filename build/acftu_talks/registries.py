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


def read_registries(corpus_dir: Path, schema_dir: Path, root: Path) -> tuple[Registries, list[Problem]]:
    """The events and the people of ``corpus_dir``, with their problems."""
    found, events_path, problems = events.read_events(corpus_dir, schema_dir, root)
    people, more = registry.read_registry(corpus_dir, schema_dir, root)
    return Registries(found, events_path, people), problems + more
