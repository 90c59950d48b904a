"""Check a built release folder: checksums, every row against the shipped
schemas, and the round trip from the records back to the raw texts.

Used by ``acftu-talks validate --release PATH``. Returns problems, never
raises for a bad release: a release can be copied, edited or half-downloaded
long after it was built, and the user needs to see everything that is wrong.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .. import read
from ..contract import layout, roundtrip, schemas, validate
from ..errors import Problem, snippet
from ..contract.records import CONFIGS

_SUM_LINE = re.compile(r"^(?P<sha>[0-9a-fA-F]{64}) [ *](?P<path>.+)$")
REBUILD = "rebuild the release with `acftu-talks build`"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _iso(value):
    """Row values as JSON Schema sees them: dates as ISO strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value


# Files every release holds besides its data and schemas: without them a
# release is incomplete (a build with a wrong --card made such releases).
REQUIRED_FILES = (layout.README, layout.RIGHTS, layout.LICENSE, layout.CHANGELOG, layout.CITATION, layout.MANIFEST)


def _inside(release: Path, name: str) -> Path | None:
    """``release/name`` if ``name`` is a plain relative path that stays in
    the release (no ``..``, not absolute, no symlink on the way), else None."""
    parts = name.split("/")
    if name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in parts):
        return None
    target = release
    for part in parts:
        target = target / part
        if target.is_symlink():
            return None
    return target


def check_sums(release: Path, shown: str) -> list[Problem]:
    """SHA256SUMS exists; every file it lists is inside the release, exists
    and matches; every file of the release is listed."""
    sums = release / layout.SUMS
    where = f"{shown}/{layout.SUMS}"
    if sums.is_symlink() or not sums.is_file():
        return [Problem(where, None, "file", "the release has no SHA256SUMS, so its files cannot be checked",
                        "release.missing-file", f"restore {layout.SUMS} from the release, or {REBUILD}")]
    problems, listed = [], set()
    try:
        text = read.read_regular(sums).decode("utf-8")
    except UnicodeDecodeError:
        return [Problem(where, None, "encoding", "SHA256SUMS is not UTF-8 text", "release.checksum-format", REBUILD)]
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        match = _SUM_LINE.match(line)
        if not match:
            problems.append(Problem(where, number, "line", "not a `<sha256>  <path>` line",
                                    "release.checksum-format", REBUILD))
            continue
        name = match["path"]
        target = _inside(release, name)
        if target is None:
            problems.append(Problem(where, number, snippet(name), "the path leaves the release (absolute, `..`, or "
                                    "through a symlink); it is not read", "release.path-outside", REBUILD))
            continue
        listed.add(name)
        if not target.is_file():
            problems.append(Problem(where, number, name, "listed file is missing", "release.missing-file",
                                    f"restore {name}, or {REBUILD}"))
        elif _sha256(target) != match["sha"].lower():
            problems.append(Problem(where, number, name, "file does not match its checksum",
                                    "release.checksum", f"restore {name} from the release, or {REBUILD}"))
    for path in sorted(release.rglob("*")):
        name = path.relative_to(release).as_posix()
        if name == layout.SUMS or name in listed or (path.is_dir() and not path.is_symlink()):
            continue
        kind = "symbolic link" if path.is_symlink() else "file"
        problems.append(Problem(f"{shown}/{name}", None, "file", f"{kind} not listed in SHA256SUMS: not part of "
                                "the release as built", "release.unlisted-file",
                                f"remove it from the release, or {REBUILD}"))
    for name in REQUIRED_FILES:
        if not (release / name).is_file():
            problems.append(Problem(f"{shown}/{name}", None, "file", "missing: every release ships it",
                                    "release.missing-file", REBUILD + " (with --card dataset_card.md)"))
    return problems


def check_croissant(release: Path, shown: str) -> list[Problem]:
    """The sha256 of every local file the Croissant metadata lists, if any."""
    path = release / layout.CROISSANT
    if not path.is_file():
        return []
    where = f"{shown}/{layout.CROISSANT}"
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return [Problem(where, exc.lineno, "json", f"not valid JSON: {exc.msg}", "release.croissant", REBUILD)]
    problems = []
    for entry in meta.get("distribution", []) if isinstance(meta, dict) else []:
        url, sha = entry.get("contentUrl"), entry.get("sha256")
        if not (isinstance(url, str) and isinstance(sha, str)) or "://" in url:
            continue
        target = release / url
        if target.is_file() and _sha256(target) != sha.lower():
            problems.append(Problem(where, None, f"distribution {entry.get('@id', url)}",
                                    f"{url} does not match its sha256", "release.checksum",
                                    f"restore {url} from the release, or {REBUILD}"))
    return problems


def read_rows(release: Path, shown: str, problems: list[Problem],
              skip: set[str] = frozenset()) -> dict[str, list[tuple[str, dict]]]:
    """Every row of every config, with the file it came from, checked
    against the Arrow schema and the JSON Schema shipped in the release."""
    rows: dict[str, list[tuple[str, dict]]] = {}
    shared = release / layout.SCHEMA / schemas.DEFS_FILE
    if not shared.is_file():  # every record schema refers to it
        problems.append(Problem(f"{shown}/{layout.SCHEMA}/{schemas.DEFS_FILE}", None, "file",
                                "schema missing from the release", "release.missing-file", REBUILD))
        return {name: [] for name in CONFIGS}
    for name, config in CONFIGS.items():
        arrow_schema, schema_file = config.arrow_schema, config.schema_file
        rows[name] = []
        files = [f for f in layout.data_files(release, name) if not f.is_symlink()
                 and f"{shown}/{f.relative_to(release).as_posix()}" not in skip]
        json_schema = release / layout.SCHEMA / schema_file
        if not files:
            problems.append(Problem(f"{shown}/{layout.data_folder(name)}", None, name, "no Parquet files for this config",
                                    "release.missing-config", REBUILD))
        if not json_schema.is_file():
            problems.append(Problem(f"{shown}/{layout.SCHEMA}/{schema_file}", None, "file", "schema missing from the release",
                                    "release.missing-file", REBUILD))
            continue
        try:
            check = validate.validator(str(json_schema))
        except Exception as exc:  # not JSON, not a schema: the release's copy is damaged
            problems.append(Problem(f"{shown}/{layout.SCHEMA}/{schema_file}", None, "file", f"not a valid JSON Schema "
                                    f"({type(exc).__name__})", "release.schema-file", REBUILD))
            continue
        id_field = config.key
        expected = [(f.name, f.type) for f in arrow_schema]
        for file in files:
            where = f"{shown}/{file.relative_to(release).as_posix()}"
            try:
                table = pq.read_table(file)
            except (OSError, ValueError, pa.ArrowException) as exc:
                problems.append(Problem(where, None, "file", f"not a readable Parquet file "
                                        f"({type(exc).__name__}: {snippet(str(exc), 80)})", "release.parquet",
                                        f"restore it from the release, or {REBUILD}"))
                continue
            found = [(f.name, f.type) for f in table.schema]
            if found != expected:
                # compared by ==, not by hash: a list type's hash covers its item
                # field's name ("item" or "element"), which == rightly ignores
                have, want = dict(found), dict(expected)
                differ = sorted(n for n in have.keys() | want.keys() if have.get(n) != want.get(n))
                problems.append(Problem(where, None, "columns", f"columns differ from the {name} schema: "
                                        f"{', '.join(differ)}", "release.columns", REBUILD))
                continue
            for index, row in enumerate(table.to_pylist()):
                row = _iso(row)
                for error in check.iter_errors(row):
                    problems.append(Problem(where, None, f"row {index} ({row.get(id_field)})",
                                            f"{'.'.join(map(str, error.absolute_path)) or '(row)'}: {error.message}",
                                            "release.schema", REBUILD))
                rows[name].append((where, row))
    return rows


def check_round_trip(rows: dict[str, list[tuple[str, dict]]], corpus_dir: Path, root: Path) -> list[Problem]:
    """Each document's paragraphs and edits rebuild its raw file exactly."""
    problems = []
    by_doc: dict[str, list[dict]] = {}
    files: dict[str, str] = {}  # doc_id -> the file holding its paragraphs
    ids = Counter(row["paragraph_id"] for _, row in rows.get("paragraphs", []))
    for where, row in rows.get("paragraphs", []):
        by_doc.setdefault(row["doc_id"], []).append(row)
        files.setdefault(row["doc_id"], where)
        if ids[row["paragraph_id"]] > 1:
            problems.append(Problem(where, None, row["paragraph_id"], "paragraph_id occurs more than once",
                                    "release.duplicate-id", REBUILD))
    for where, doc in rows.get("documents", []):
        doc_id, paragraphs = doc["doc_id"], by_doc.pop(doc["doc_id"], [])
        if len(paragraphs) != doc["n_paragraphs"]:
            problems.append(Problem(where, None, doc_id, f"n_paragraphs is {doc['n_paragraphs']}, but the "
                                    f"paragraphs config holds {len(paragraphs)}", "release.count", REBUILD))
        raw_file = corpus_dir / Path(doc["source_file"]).name
        shown = read.display(raw_file, root)
        if raw_file.is_symlink() or not raw_file.is_file():
            problems.append(Problem(shown, None, doc_id, "raw file not found, so the round trip cannot be checked",
                                    "release.missing-raw", "pass --corpus with the corpus the release was built from"))
            continue
        data = read.read_regular(raw_file)
        if hashlib.sha256(data).hexdigest() != doc["source_sha256"]:
            problems.append(Problem(shown, None, doc_id, "the raw file has changed since the release was built "
                                    "(source_sha256 differs)", "release.stale", REBUILD))
            continue
        try:
            roundtrip.verify(data.decode("utf-8"), paragraphs, doc["edits"])
        except roundtrip.RoundTripError as exc:
            problems.append(Problem(where, None, doc_id, f"the records do not rebuild {shown}: {exc}",
                                    "release.round-trip", REBUILD))
    for doc_id in sorted(by_doc):
        problems.append(Problem(files[doc_id], None, doc_id, "paragraphs of a document the documents config lacks",
                                "release.orphan-paragraphs", REBUILD))
    return problems


def check_release(release: Path, corpus_dir: Path, root: Path) -> list[Problem]:
    """Every problem with the release at ``release``, sorted by the caller."""
    shown = read.display(release, root)
    problems = check_sums(release, shown) + check_croissant(release, shown)
    # a file SHA256SUMS does not list is no part of the release: not read
    unlisted = {p.path for p in problems if p.code == "release.unlisted-file"}
    rows = read_rows(release, shown, problems, unlisted)
    problems += check_round_trip(rows, corpus_dir, root)
    return problems


# What the card refers to and the release ships with it, from the
# repository root.
CARD_COMPANIONS = layout.COPIED
# Placeholders every card template uses: a file without them is not the
# card's source (a README, a notes file passed to --card by mistake).
CARD_REQUIRED = ("version", "count_paragraphs", "fields_tables")


def check_card_source(card_source: Path, schema_dir: Path, root: Path) -> list[Problem]:
    """The card template given to ``build --card``: a UTF-8 file using the
    generated blocks; and the rights statement, licence and changelog the
    release ships with it, in the repository root. Raises UsageError when
    there is no such file."""
    from ..errors import UsageError
    from . import card
    shown = read.display(card_source, root, follow=False)
    if not card_source.is_file():
        raise UsageError(shown, "--card: no such file", "card.missing",
                         "run from the repository root, or pass --card PATH/dataset_card.md")
    try:
        data = read.read_regular(card_source)
    except OSError as exc:
        return [Problem(shown, None, "file", f"cannot be read: {exc.strerror or exc}", "card.unreadable",
                        "pass --card a regular, readable file")]
    text, problems = read.decode(data, shown)
    if text is None:
        return problems
    used = set(card._PLACEHOLDER.findall(text))
    blocks = card.block_names()
    missing = [name for name in CARD_REQUIRED if name not in used]
    if missing:
        problems.append(Problem(shown, None, "template", "not a card template: it does not use "
                                + ", ".join(f"{{{{ {name} }}}}" for name in missing), "card.not-a-template",
                                "pass --card dataset_card.md, the card's source"))
    for number, line in enumerate(text.split("\n"), start=1):
        for name in card._PLACEHOLDER.findall(line):
            if name not in blocks:
                problems.append(Problem(shown, number, "template", f"{{{{ {name} }}}} is not a block the build "
                                        "generates", "card.unknown-block",
                                        f"use one of: {', '.join(sorted(blocks))}"))
    try:
        card.conditions(text)
    except ValueError as exc:
        line, message = str(exc).split(": ", 1)
        problems.append(Problem(shown, int(line.split()[1]), "template", message, "card.unbalanced-if",
                                "close each {{ if holds: ... }} with one {{ end if }}"))
    for name in CARD_COMPANIONS:
        companion = root / name
        shown_companion = read.display(companion, root, follow=False)
        if not companion.is_file() or companion.is_symlink():
            problems.append(Problem(shown_companion, None, "file",
                                    "missing from the repository root: the release must ship it beside the card",
                                    "card.missing-companion",
                                    f"restore {name} (`git checkout -- {name}`), or pass --root the repository root"))
            continue
        try:
            read.read_regular(companion).decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(shown_companion, None, "file",
                                    f"cannot be read as UTF-8 text ({type(exc).__name__})", "card.unreadable",
                                    f"restore {name} from version control"))
    return problems
