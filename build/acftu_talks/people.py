"""The people registry, ``corpus/persons.toml``: every person once.

Texts name people by name or alias (``习近平同志``); a title alone (``总书记``)
names a person only in a document whose speaker they are. The builder finds
registered people in the texts with :meth:`Registry.surface_forms` and takes
their positions on the event's date from :meth:`Registry.positions_on`.
A person defined twice, or a surface form shared by two people, is an error:
a text could not say which of them it names.
"""
from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import sidecar
from .contract import schemas
from .errors import Problem
from .read import display

FILE = "persons.toml"
SCHEMA = "person.schema.json"


@dataclass
class Registry:
    """The registered people, by person_id, and every form that names them."""

    path: str = f"corpus/{FILE}"
    persons: dict[str, dict] = field(default_factory=dict)
    by_form: dict[str, str] = field(default_factory=dict)  # name or alias -> person_id
    by_title: dict[str, list[str]] = field(default_factory=dict)  # title alias -> person_ids

    def surface_forms(self, speaker: str | None = None) -> dict[str, str]:
        """Surface form -> the person's canonical name (their ``name``). Title
        aliases count only for ``speaker`` (the document's speaker's name)."""
        forms = {form: self.persons[pid]["name"] for form, pid in self.by_form.items()}
        speaker_id = self.by_form.get(speaker) if speaker else None
        for title, pids in self.by_title.items():
            if speaker_id in pids:
                forms.setdefault(title, self.persons[speaker_id]["name"])
        return forms

    def find(self, form: str) -> dict | None:
        pid = self.by_form.get(form)
        return self.persons[pid] if pid else None

    def positions_on(self, person: dict, date: str) -> list[dict]:
        """The positions ``person`` held on ``date`` (YYYY-MM-DD). A partial
        start or end (YYYY or YYYY-MM) covers its whole year or month; a
        position without a known start counts if it had not ended."""
        held = []
        for position in person.get("positions", []):
            start, end = position.get("start"), position.get("end")
            if start and date[:len(start)] < start:
                continue
            if end and date[:len(end)] > end:
                continue
            if not start and not end and person.get("kind") != "photographer":
                continue  # nothing dates it: better no position than a wrong one
            held.append(position)
        return held

    def record(self, pid: str) -> dict:
        """The person as a row of the ``persons`` config."""
        person = self.persons[pid]
        return {
            "person_id": pid, "name": person["name"], "name_en": person["name_en"],
            "pinyin": person["pinyin"], "aliases": list(person.get("aliases", [])),
            "title_aliases": list(person.get("title_aliases", [])),
            "wikidata": person.get("wikidata"), "kind": person["kind"],
            "positions": [{"title": p["title"], "title_en": p["title_en"], "start": p.get("start"),
                           "end": p.get("end"), "source": p["source"]} for p in person.get("positions", [])],
        }


def _entry_schema(schema_dir: Path) -> dict:
    """The registry entry's schema: the persons config row, whose nullable
    fields are simply left out in TOML (which has no null)."""
    schema = copy.deepcopy(schemas.load(str(schema_dir / SCHEMA)))
    schema["required"] = [k for k in schema["required"] if k not in ("aliases", "title_aliases", "wikidata", "positions")]
    position = schema["properties"]["positions"]["items"]
    position["required"] = [k for k in position["required"] if k not in ("start", "end")]
    return schema


def read_registry(corpus_dir: Path, schema_dir: Path, root: Path) -> tuple[Registry, list[Problem]]:
    """Read and check ``corpus/persons.toml``. A corpus without one has an
    empty registry: then every name in a participant position is reported."""
    file = corpus_dir / FILE
    registry = Registry(path=display(file, root))
    if not file.is_file():
        return registry, []
    text = file.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return registry, [Problem(registry.path, getattr(exc, "lineno", None), "toml",
                                  f"not valid TOML: {getattr(exc, 'msg', exc)}", "people.toml",
                                  "fix the syntax; strings need double quotes")]
    lines = sidecar.key_lines(text)
    problems = _check_schema(data, lines, registry.path, schema_dir)
    if problems:
        return registry, problems
    for index, person in enumerate(data.get("person", [])):
        pid = person["person_id"]
        line = sidecar.line_of(lines, ("person", index, "person_id"))
        if pid in registry.persons:
            first = registry.persons[pid]["_line"]
            problems.append(Problem(registry.path, line, f"person {pid}",
                f"person_id '{pid}' is defined twice (first at line {first})", "people.duplicate",
                "merge the two [[person]] entries into one (every person is registered once)"))
            continue
        person = dict(person, _line=line)
        registry.persons[pid] = person
        for form in [person["name"], *person.get("aliases", [])]:
            other = registry.by_form.get(form)
            if other and other != pid:
                what = "name" if form == registry.persons[other]["name"] else "alias"
                problems.append(Problem(registry.path, line, f"person {pid}",
                    f"'{form}' already names {other} (its {what}, line {registry.persons[other]['_line']}): "
                    f"the same person defined twice, or two people sharing a name", "people.duplicate",
                    f"if {pid} and {other} are one person, merge the entries; if they are two, give each "
                    f"a form the texts use for them alone"))
                continue
            registry.by_form[form] = pid
        for title in person.get("title_aliases", []):
            registry.by_title.setdefault(title, []).append(pid)
    return registry, problems


def _check_schema(data: dict, lines: dict, path: str, schema_dir: Path) -> list[Problem]:
    from .events import validator as schema_validator
    validator = schema_validator(_entry_schema(schema_dir), schema_dir)
    problems = []
    extra = sorted(set(data) - {"person"})
    for key in extra:
        problems.append(Problem(path, sidecar.line_of(lines, (key,)), key, f"unknown table '{key}'",
                                "people.unknown-field", "the registry holds only [[person]] entries"))
    for index, person in enumerate(data.get("person", [])):
        for error in validator.iter_errors(person):
            where = ("person", index, *error.absolute_path)
            shown = person.get("person_id", f"#{index + 1}") if isinstance(person, dict) else f"#{index + 1}"
            problems.append(Problem(path, sidecar.line_of(lines, where),
                                    f"person {shown}" + "".join(f".{p}" if isinstance(p, str) else f"[{p}]"
                                                                for p in error.absolute_path),
                                    error.message, "people.schema",
                                    f"see {SCHEMA} in schema/ for the fields of a person"))
    return problems


def suggest_id(name_en: str | None) -> str:
    """A person_id from an English name: 'Wang Dongming' -> 'wang-dongming'."""
    return "-".join(name_en.lower().split()) if name_en else "family-given"


def stub(name: str) -> str:
    """The TOML a curator adds to register ``name`` (values to fill in marked)."""
    return (f'[[person]] person_id = "<pinyin-with-dashes>" name = "{name}" name_en = "<Family Given>" '
            f'pinyin = "<tone-marked pinyin>" kind = "<leader|union_official|photographer|other>" '
            f'with [[person.positions]] title, title_en, start, end, source')


def near(registry: Registry, name: str) -> str | None:
    """A registered name that differs from ``name`` in one character (a
    likely misspelling: 王冬明 for 王东明); two-character names differ in one
    character too often to tell."""
    for form, pid in registry.by_form.items():
        if len(form) == len(name) >= 3 and sum(a != b for a, b in zip(form, name)) == 1:
            return registry.persons[pid]["name"]
    return None
