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

import pyarrow.parquet as pq

from .. import read
from ..contract import layout, roundtrip, schemas, validate
from ..errors import Problem
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


def check_sums(release: Path, shown: str) -> list[Problem]:
    """Every file listed in SHA256SUMS exists and matches; every data file is
    listed. No SHA256SUMS, nothing to check."""
    sums = release / layout.SUMS
    if not sums.is_file():
        return []
    problems, listed = [], set()
    where = f"{shown}/{layout.SUMS}"
    for number, line in enumerate(sums.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        match = _SUM_LINE.match(line)
        if not match:
            problems.append(Problem(where, number, "line", "not a `<sha256>  <path>` line",
                                    "release.checksum-format", REBUILD))
            continue
        name = match["path"]
        listed.add(name)
        target = release / name
        if not target.is_file():
            problems.append(Problem(where, number, name, "listed file is missing", "release.missing-file",
                                    f"restore {name}, or {REBUILD}"))
        elif _sha256(target) != match["sha"].lower():
            problems.append(Problem(where, number, name, "file does not match its checksum",
                                    "release.checksum", f"restore {name} from the release, or {REBUILD}"))
    for data in sorted(release.glob(f"{layout.DATA}/**/*.parquet")):
        name = data.relative_to(release).as_posix()
        if name not in listed:
            problems.append(Problem(where, None, name, "data file not listed", "release.unlisted-file", REBUILD))
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


def read_rows(release: Path, shown: str, problems: list[Problem]) -> dict[str, list[tuple[str, dict]]]:
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
        files = layout.data_files(release, name)
        json_schema = release / layout.SCHEMA / schema_file
        if not files:
            problems.append(Problem(f"{shown}/{layout.data_folder(name)}", None, name, "no Parquet files for this config",
                                    "release.missing-config", REBUILD))
        if not json_schema.is_file():
            problems.append(Problem(f"{shown}/{layout.SCHEMA}/{schema_file}", None, "file", "schema missing from the release",
                                    "release.missing-file", REBUILD))
            continue
        check = validate.validator(str(json_schema))
        id_field = config.key
        expected = [(f.name, f.type) for f in arrow_schema]
        for file in files:
            where = f"{shown}/{file.relative_to(release).as_posix()}"
            table = pq.read_table(file)
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
        if not raw_file.is_file():
            problems.append(Problem(shown, None, doc_id, "raw file not found, so the round trip cannot be checked",
                                    "release.missing-raw", "pass --corpus with the corpus the release was built from"))
            continue
        data = raw_file.read_bytes()
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
    rows = read_rows(release, shown, problems)
    problems += check_round_trip(rows, corpus_dir, root)
    return problems
