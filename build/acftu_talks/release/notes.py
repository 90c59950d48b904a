"""The release note: what changed since the previous release.

Compares the staged release with a previous one (``--previous PATH``, by
default the release being replaced at ``--out``): documents and rows added,
removed and changed; every label that changed, with its old and new value
and the rule that decided each; and the ids that moved, from the id history
(``id_changes.json``). Written as ``RELEASE_NOTES.md`` for readers and
``release_notes.json`` for tools.

The note is a function of the inputs and the previous release only (never
of paths or the clock). A rebuild of unchanged inputs over the release it
replaces keeps that release's note, so rebuilding does not turn "what
changed since 0.1.0" into "nothing changed since the last build"; a release
named with ``--previous`` is always compared with.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow.parquet as pq

from .. import __version__
from ..contract import layout
from ..contract.layout import Inputs
from ..contract.records import CONFIGS
from . import manifest

MARKDOWN = layout.RELEASE_NOTES
JSON = layout.RELEASE_NOTES_JSON
ID_CHANGES = layout.ID_CHANGES
LABELS = ("segment_type", "speech_mode", "speaker")
LABELLED = ("paragraphs", "sentences")


def is_release(path: Path) -> bool:
    """A folder this builder wrote: it has a manifest and a data folder."""
    return (path / layout.MANIFEST).is_file() and (path / layout.DATA).is_dir()


def _manifest(release: Path) -> dict:
    return json.loads((release / layout.MANIFEST).read_text(encoding="utf-8"))


def _digest(row: dict) -> bytes:
    return hashlib.sha256(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")).digest()


def _batches(release: Path, config: str):
    for path in layout.data_files(release, config):
        # not read_table: it imports pandas; a batch at a time, never the whole config
        yield from pq.ParquetFile(path).iter_batches(batch_size=10_000, use_threads=False)


def _rows(release: Path, config: str) -> dict[str, tuple]:
    """id -> (digest, labels, what decides the rule) of every row of a
    config, or {} when the release has no such config (it predates it).
    Only these are held: a large release has hundreds of thousands of rows,
    and the rows themselves are read again for the few that changed."""
    out = {}
    labelled = config in LABELLED
    for batch in _batches(release, config):
        key = batch.schema.names[0]
        for row in batch.to_pylist():
            digest = _digest(row)
            if labelled:
                out[row[key]] = (digest, tuple(row.get(label) for label in LABELS),
                                 _rule(config, row, {}) if config == "paragraphs" else row.get("paragraph_id") or "")
            else:
                out[row[key]] = (digest, None, None)
    return out


def _full_rows(release: Path, config: str, ids: set[str]) -> dict[str, dict]:
    """The rows of ``ids``, whole."""
    out = {}
    for batch in _batches(release, config):
        key = batch.schema.names[0]
        for row in batch.to_pylist():
            if row[key] in ids:
                out[row[key]] = row
    return out


def _rule(config: str, row: dict, paragraph_rules: dict[str, str]) -> str:
    """What decided a row's labels: its paragraph's rule (a sentence's labels
    are made by its paragraph's speech rule) or a curator's override."""
    if config == "paragraphs":
        rule = row.get("annotation_rule") or ""
        return "override" if row.get("annotation_source") == "override" else rule
    return paragraph_rules.get(row.get("paragraph_id") or "", "")


def _id_changes(release: Path) -> list[dict]:
    path = release / ID_CHANGES
    if not path.is_file():
        return []
    return json.loads(path.read_text(encoding="utf-8")).get("changes", [])


def compare(previous: Path, staging: Path) -> dict:
    """The note's content: what changed from ``previous`` to ``staging``."""
    before_manifest = _manifest(previous)
    note = {"version": __version__, "previous_version": before_manifest["dataset"]["version"],
            "previous_manifest_sha256": hashlib.sha256((previous / layout.MANIFEST).read_bytes()).hexdigest(),
            "configs": {}, "labels": [], "ids_moved": []}
    rules: dict[str, dict[str, str]] = {}  # paragraph_id -> rule, of each side

    def rule(side: str, config: str, held: tuple) -> str:  # _rule of a held row
        return held[2] if config == "paragraphs" else rules.get(side, {}).get(held[2], "")
    for config in CONFIGS:
        old, new = _rows(previous, config), _rows(staging, config)
        if config == "paragraphs":
            for side, rows in (("old", old), ("new", new)):
                rules[side] = {i: r[2] for i, r in rows.items()}
        both = sorted(old.keys() & new.keys())
        differ = {i for i in both if old[i][0] != new[i][0]}
        before, after = (_full_rows(previous, config, differ), _full_rows(staging, config, differ)) if differ else ({}, {})
        changed = [{"id": i, "fields": sorted(k for k in before[i].keys() | after[i].keys()
                                              if before[i].get(k) != after[i].get(k))}
                   for i in both if i in differ]
        note["configs"][config] = {"rows_before": len(old), "rows_after": len(new),
                                   "added": sorted(new.keys() - old.keys()),
                                   "removed": sorted(old.keys() - new.keys()), "changed": changed}
        if config in LABELLED:
            for i in both:
                o, n = old[i], new[i]
                for label, was, now in zip(LABELS, o[1], n[1]):
                    if was != now:
                        note["labels"].append({"config": config, "id": i, "label": label,
                                               "old": was, "new": now,
                                               "old_rule": rule("old", config, o),
                                               "new_rule": rule("new", config, n)})
    seen = {json.dumps(c, sort_keys=True) for c in _id_changes(previous)}
    note["ids_moved"] = [c for c in _id_changes(staging) if json.dumps(c, sort_keys=True) not in seen]
    return note


def _ids(ids: list[str], limit: int = 50) -> str:
    shown = ", ".join(f"`{i}`" for i in ids[:limit])
    return shown + (f" and {len(ids) - limit} more (see `{JSON}`)" if len(ids) > limit else "")


def markdown(note: dict | None) -> str:
    """RELEASE_NOTES.md: the note for readers."""
    lines = [f"# Release notes: acftu-talks {__version__}", ""]
    if note is None:
        lines += ["This build had no previous release to compare with (the output folder held none and "
                  "`--previous` was not given), so no changes are listed. "
                  "`CHANGELOG.md` describes every version.", ""]
        return "\n".join(lines)
    lines += [f"Compared with the previous release, version {note['previous_version']} (its `manifest.json` "
              f"has sha256 `{note['previous_manifest_sha256']}`). `{JSON}` holds the same, for tools.", "",
              "## Rows", "", "| config | rows before | rows after | added | removed | changed |", "|---|---|---|---|---|---|"]
    for config, c in note["configs"].items():
        lines.append(f"| `{config}` | {c['rows_before']} | {c['rows_after']} | {len(c['added'])} | "
                     f"{len(c['removed'])} | {len(c['changed'])} |")
    for config, c in note["configs"].items():
        for what in ("added", "removed"):
            if c[what]:
                lines += ["", f"`{config}` {what}: {_ids(c[what])}."]
        if c["changed"]:
            lines += ["", f"`{config}` changed:", ""]
            lines += [f"- `{ch['id']}`: {', '.join(f'`{f}`' for f in ch['fields'])}" for ch in c["changed"][:200]]
            if len(c["changed"]) > 200:
                lines.append(f"- and {len(c['changed']) - 200} more (see `{JSON}`)")
    lines += ["", "## Labels that changed", ""]
    if note["labels"]:
        lines += ["| config | id | label | old | new | rule before | rule now |", "|---|---|---|---|---|---|---|"]
        lines += [f"| `{x['config']}` | `{x['id']}` | `{x['label']}` | {x['old'] or '(none)'} | {x['new'] or '(none)'} | "
                  f"`{x['old_rule'] or '-'}` | `{x['new_rule'] or '-'}` |" for x in note["labels"]]
    else:
        lines.append("No label of a paragraph or sentence that is in both releases changed.")
    lines += ["", "## Ids that moved", ""]
    if note["ids_moved"]:
        lines += ["| old id | new id | version | reason |", "|---|---|---|---|"]
        lines += [f"| `{m['old_id']}` | {('`' + m['new_id'] + '`') if m.get('new_id') else '(gone)'} | "
                  f"{m.get('version', '')} | {m.get('reason', '')} |" for m in note["ids_moved"]]
    else:
        lines.append(f"No id moved (`{ID_CHANGES}` records none beyond the previous release's).")
    return "\n".join(lines) + "\n"


def write(staging: Path, summary, inputs: Inputs) -> None:
    """Write RELEASE_NOTES.md and release_notes.json into ``staging``,
    comparing with ``summary.previous`` (None: nothing to compare with)."""
    previous = getattr(summary, "previous", None)
    replaced = previous is not None and not getattr(summary, "previous_given", False)
    if replaced and is_release(previous) and all((previous / f).is_file() for f in (MARKDOWN, JSON)):
        before = _manifest(previous)
        now = manifest.manifest(inputs)
        if before.get("dataset") == now["dataset"] and before.get("inputs") == now["inputs"]:
            # the same inputs rebuilt: the previous note still says what changed
            for name in (MARKDOWN, JSON):
                (staging / name).write_bytes((previous / name).read_bytes())
            return
    note = compare(previous, staging) if previous is not None and is_release(previous) else None
    (staging / JSON).write_text(json.dumps({"version": __version__, "compared_with": note}, ensure_ascii=False,
                                           indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8")
    (staging / MARKDOWN).write_text(markdown(note), encoding="utf-8")
