"""Render the release's README.md: YAML front matter for the Hub and
``datasets`` plus the card from ``dataset_card.md`` with generated tables.

Nothing in the tables is typed by hand: counts come from the build, field
descriptions from the JSON Schemas; what the release holds (talks, years,
outlets) from its records (holdings.py), and a passage about particular
documents is shown only when the release holds them.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pyarrow as pa

from .. import DATASET_NAME, __version__, agreement
from . import checksums, cite, figure, holdings
from ..relations import relate
from .croissant import member_schemas
from ..contract import layout
from ..contract.records import CONFIGS, DEFAULT_CONFIG, SEGMENT_TYPES, SPEECH_MODES
from .yamltext import dump as _yaml

LICENSE_NAME = "acftu-talks-rights-statement"


_DTYPES = {pa.string(): "string", pa.int32(): "int32", pa.int64(): "int64",
           pa.bool_(): "bool", pa.date32(): "date32", pa.float64(): "float64"}


def _feature(type_: pa.DataType):
    if pa.types.is_struct(type_):
        return [{"name": f.name, **_feature_entry(f.type)} for f in type_]
    return _DTYPES[type_]


def _feature_entry(type_: pa.DataType) -> dict:
    if pa.types.is_list(type_):
        return {"list": _feature(type_.value_type)}
    if pa.types.is_struct(type_):
        return {"struct": _feature(type_)}
    return {"dtype": _DTYPES[type_]}


def features_yaml(schema: pa.Schema) -> list[dict]:
    """The ``dataset_info.features`` list that ``datasets`` reads, without
    importing ``datasets`` (the build must stay light)."""
    return [{"name": f.name, **_feature_entry(f.type)} for f in schema]


def _size_category(n: int) -> str:
    for limit, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                         (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M")):
        if n < limit:
            return label
    return "10M<n<100M"


def data_digests(release: Path) -> dict[str, tuple[str, int]]:
    """Per config: a sha256 over its Parquet files (names and bytes) and
    their total size. ``datasets`` names its cache of a local folder after
    the folder's name, the config, and a hash of the card's ``configs`` and
    ``dataset_info`` (see ``LocalDatasetModuleFactory.get_module``), never
    after the files' contents: a rebuild with the same counts would load the
    old rows. The digest, in each config's ``dataset_info``, makes the hash
    differ whenever the data does."""
    found = {}
    for name in CONFIGS:
        digest, size = hashlib.sha256(), 0
        for path in layout.data_files(release, name):
            digest.update(path.name.encode("utf-8") + b"\0" + checksums.sha256(path).encode("ascii") + b"\n")
            size += path.stat().st_size
        found[name] = (digest.hexdigest(), size)
    return found


def front_matter(counts: dict[str, int], nbytes: dict[str, int],
                 digests: dict[str, tuple[str, int]] | None = None) -> str:
    configs, infos = [], []
    for name, config in CONFIGS.items():
        schema = config.arrow_schema
        entry = {"config_name": name}
        if name == DEFAULT_CONFIG:
            entry["default"] = True
        entry["data_files"] = [{"split": layout.SPLIT, "path": layout.data_pattern(name)}]
        configs.append(entry)
        info = {"config_name": name}
        if digests and name in digests:
            digest, size = digests[name]
            info["description"] = f"{DATASET_NAME} {__version__}, {name}: Parquet data sha256 {digest}"
            info["download_size"] = size
        info.update({"features": features_yaml(schema),
                     "splits": [{"name": layout.SPLIT, "num_bytes": nbytes.get(name, 0),
                                 "num_examples": counts.get(name, 0)}]})
        infos.append(info)
    meta = {
        "pretty_name": cite.TITLE,
        "language": ["zh"],
        "language_creators": ["found"],
        # labels by documented rules; metadata (dates, names, sources) by curators
        "annotations_creators": ["machine-generated", "expert-generated"],
        "multilinguality": ["monolingual"],
        "source_datasets": ["original"],
        "license": "other",
        "license_name": LICENSE_NAME,
        "license_link": layout.RIGHTS,
        "size_categories": [_size_category(max(counts.values(), default=0))],
        "task_categories": ["text-classification"],
        "tags": ["political-science", "china", "chinese-politics", "trade-unions",
                 "speech", "reported-speech", "state-media"],
        "configs": configs,
        "dataset_info": infos,
    }
    return "---\n" + _yaml(meta) + "\n---\n"


def _md_table(header: list[str], rows: list[list]) -> str:
    def cell(v) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _type_name(type_: pa.DataType) -> str:
    if pa.types.is_list(type_):
        return f"list of {_type_name(type_.value_type)}"
    if pa.types.is_struct(type_):
        return "struct"
    return _DTYPES[type_]


def _field_rows(fields, props: dict, prefix: str = "") -> list[list]:
    """One row per column and, below a struct (or list of structs), one per
    member, named ``column[].member`` (``column.member`` for a plain struct)."""
    rows = []
    for f in fields:
        prop = props[f.name]
        rows.append([f"`{prefix}{f.name}`", _type_name(f.type), "yes" if f.nullable else "no",
                     prop["description"]])
        inner = f.type.value_type if pa.types.is_list(f.type) else f.type
        if pa.types.is_struct(inner):
            sep = "[]." if pa.types.is_list(f.type) else "."
            rows += _field_rows(inner, member_schemas(prop), f"{prefix}{f.name}{sep}")
    return rows


def fields_table(config) -> str:
    return _md_table(["field", "type", "nullable", "description"],
                     _field_rows(config.arrow_schema, config.properties))


def empty_configs(counts: dict[str, int]) -> list[str]:
    """The configs of CONFIGS that have no rows (a corpus of one talk has
    no formulations; of one document, no alignments either)."""
    return [name for name in CONFIGS if not counts.get(name, 0)]


# datasets (5.2 and before) takes a split's size from the rows it generated
# and then reads no file of a split of 0 examples, so a plain load_dataset of
# a config with no rows raises this whatever the card declares (open upstream:
# huggingface/datasets#8401). Streaming, and pyarrow reading the files, give
# the config with its 0 rows and the contract's features:
# tests/release/test_load_empty.py runs both as the note writes them.
NO_ROWS_ERROR = f'ValueError: Instruction "{layout.SPLIT}" corresponds to no data!'
NO_ROWS_TITLE = "Configs with no rows"


def _names(names: list[str]) -> str:
    quoted = [f"`{n}`" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def empty_configs_note(empty: list[str]) -> str:
    """The paragraph that says which configs have no rows and how to load
    them; empty when every config has rows."""
    if not empty:
        return ""
    verb = "has" if len(empty) == 1 else "have"
    return (f"**{NO_ROWS_TITLE}.** In this release {_names(empty)} {verb} no rows. In `datasets` up to "
            f"at least 5.2, `load_dataset(..., \"<config>\")` of a config with no rows raises "
            f"`{NO_ROWS_ERROR}` ([huggingface/datasets#8401](https://github.com/huggingface/datasets/issues/8401)). "
            "Two ways give such a config, with its 0 rows and the features of its JSON Schema: streaming, "
            f"`datasets.load_dataset(..., \"<config>\", split=\"{layout.SPLIT}\", streaming=True)`, or reading its "
            "files inside the release folder, `datasets.Dataset(pyarrow.parquet.read_table(\"data/<config>\"))`. "
            "pandas, polars and duckdb read its files as they read any config's.")


def fields_tables(empty: list[str] = ()) -> str:
    """A section per config in CONFIGS: what a row is, how to load it, its
    fields; first, when a config of ``empty`` has no rows, the note on
    loading it (this block is in every card template, so the note is too)."""
    parts = [empty_configs_note(list(empty))] if empty else []
    for name, config in CONFIGS.items():
        default = " (default config)" if name == DEFAULT_CONFIG else ""
        load = (f"It has no rows in this release: load it as *{NO_ROWS_TITLE}* above says"
                if name in empty else f"Load it with `load_dataset(..., \"{name}\")`")
        parts.append(f"### `{name}`{default}\n\n{config.description} {load}; "
                     f"JSON Schema: `schema/{config.schema_file}`.\n\n" + fields_table(config))
    return "\n\n".join(parts)


def composition_table(summary) -> str:
    """Paragraphs per document and segment type, one column per speech mode."""
    rows = []
    for d in summary.documents:
        for seg in SEGMENT_TYPES:
            row = [f"`{d['doc_id']}`", f"`{seg}`"] + [summary.by_doc.get((d["doc_id"], seg, m), 0)
                                                      for m in SPEECH_MODES]
            if any(row[2:]):
                rows.append(row + [sum(row[2:])])
    return _md_table(["doc_id", "segment_type"] + [f"`{m}`" for m in SPEECH_MODES] + ["total"], rows) \
        + _not_listed(summary)


def _not_listed(summary) -> str:
    """The line under a per-document table that stops short of the corpus."""
    more = getattr(summary, "documents_not_listed", 0)
    if not more:
        return ""
    return (f"\n\nThe table lists the first {len(summary.documents)} documents; {more} more are in "
            "the `documents` config, whose `n_paragraphs` and the paragraphs' `segment_type` and "
            "`speech_mode` give the same counts.")


def sentence_table(summary) -> str:
    """Sentences per document, one column per sentence speech mode."""
    modes = [m for m in SPEECH_MODES if m != "mixed"]  # a sentence is never mixed
    rows = []
    for d in summary.documents:
        row = [f"`{d['doc_id']}`"] + [summary.sentences_by_doc.get((d["doc_id"], m), 0) for m in modes]
        rows.append(row + [sum(row[1:])])
    return _md_table(["doc_id"] + [f"`{m}`" for m in modes] + ["total"], rows) + _not_listed(summary)


def _gold(root: Path | None, rel: str):
    path = root / rel if root else None
    return agreement.read_annotation(path, rel) if path and path.is_file() else None


def agreement_blocks(root: Path | None) -> dict[str, str]:
    """Kappa between the two annotators, from the annotation files in the
    repository (``root``); a plain statement when a build has none."""
    first, second = _gold(root, agreement.FIRST), _gold(root, agreement.SECOND)
    between = agreement.compare(first, second) if first is not None and second is not None else None
    return {"annotator_agreement": agreement.card_block(between)}


def generated_blocks(summary, root: Path | None = None) -> dict[str, str]:
    docs = summary.documents
    per_doc = []
    for d in docs:
        lag = (dt.date.fromisoformat(str(d["publication_date"])) - dt.date.fromisoformat(str(d["date"]))).days
        per_doc.append([f"`{d['doc_id']}`", d["doc_type"], d["date"], d["publication_date"], lag,
                        d["publisher_en"], d["n_paragraphs"], d["body_paragraphs"]])
    seg_rows = []
    for seg in SEGMENT_TYPES:
        row = [f"`{seg}`"] + [summary.by_type[(seg, mode)] for mode in SPEECH_MODES]
        if any(row[1:]):
            seg_rows.append(row + [sum(row[1:])])
    blocks = {
        "version": __version__,
        "dataset_name": DATASET_NAME,
        "n_documents": str(summary.counts.get("documents", 0)),
        "n_paragraphs": str(summary.counts.get("paragraphs", 0)),
        "n_overridden": str(len(summary.overridden)),
        "documents_table": _md_table(["doc_id", "doc_type", "event date", "published", "days from talk to publication",
                                      "publisher", "paragraphs", "body paragraphs"], per_doc) + _not_listed(summary),
        # every document held, not only those the tables list
        "n_outlets": str(len(holdings.outlets(summary))),
        "n_doc_types": str(len({d["doc_type"] for e in summary.events for d in e.get("documents") or []})),
        "segment_table": _md_table(["segment_type"] + [f"`{m}`" for m in SPEECH_MODES] + ["total"], seg_rows),
    }
    blocks.update({
        "fields_tables": fields_tables(empty_configs(summary.counts)),
        "composition_table": composition_table(summary),
        "sentence_table": sentence_table(summary),
        "n_sentences": str(summary.counts.get("sentences", 0)),
        "figure": f"![{figure.TITLE}]({layout.FIGURE})",
        "figure_table": _md_table(figure.table_header(summary.chars_by_doc),
                                  figure.table(summary.documents, summary.chars_by_doc)) + _not_listed(summary),
        "release_date": cite.RELEASE_DATE,
        "bibtex": cite.bibtex().rstrip("\n"),
        "apa": cite.apa().rstrip("\n"),
        "config_names": ", ".join(f"`{name}`" for name in CONFIGS),
    })
    blocks.update(agreement_blocks(root))
    from .series_card import blocks as series_blocks  # events, provenance, errata
    blocks.update(series_blocks(summary, _md_table))
    blocks.update(relate.card_blocks(summary))
    blocks.update(holdings.blocks(summary))
    return blocks


_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
# A passage about particular documents, shown only when the release holds
# them: {{ if holds: A B|C or D }}...{{ end if }} (A and one of B or C; or
# D), naming doc_ids, event_ids, doc_types or what the relation step found
# (holdings.held_ids); !A is "does not hold A". Passages nest. Examples:
# {{ if holds: 2023-10-23-acftu-talk-qiushi }}, which for the *Qiushi* text
# is months later{{ end if }}; {{ if holds: !formulations }}no passage
# recurs{{ end if }}.
_CONDITION = re.compile(r"\{\{\s*if holds:([^}]*)\}\}|\{\{\s*end if\s*\}\}")


def holds(condition: str, held: set[str]) -> bool:
    """Whether ``held`` satisfies one ``if holds:`` condition."""
    def one(alt: str) -> bool:
        return alt[1:] not in held if alt.startswith("!") else alt in held
    return any(all(any(one(alt) for alt in token.split("|")) for token in group.split())
               for group in condition.split(" or ") if group.strip())


def conditions(template: str) -> list[tuple[int, str]]:
    """Every ``if holds:`` condition of ``template``, with its line; raises
    ValueError, naming the line, for a marker left open or closed twice."""
    found, depth = [], []
    for match in _CONDITION.finditer(template):
        line = template.count("\n", 0, match.start()) + 1
        if match.group(1) is not None:
            depth.append(line)
            found.append((line, match.group(1).strip()))
        elif not depth:
            raise ValueError(f"line {line}: {{{{ end if }}}} closes no {{{{ if holds: ... }}}}")
        else:
            depth.pop()
    if depth:
        raise ValueError(f"line {depth[-1]}: {{{{ if holds: ... }}}} is never closed by {{{{ end if }}}}")
    return found


def select(template: str, held: set[str]) -> str:
    """The template without the passages whose documents the release does
    not hold. A passage dropped from the start of a line takes its line
    break with it (and a blank line, when it was a paragraph), so no empty
    line or paragraph is left."""
    conditions(template)
    out, stack, pos = [], [], 0  # stack: whether each open passage is shown

    def text() -> str:
        return "".join(out)
    for match in _CONDITION.finditer(template):
        if all(stack):
            out.append(template[pos:match.start()])
        pos = match.end()
        if match.group(1) is not None:
            stack.append(holds(match.group(1), held))
            continue
        shown = stack.pop()
        if not shown and all(stack):
            before, after = text(), template[pos:]
            if before.endswith("\n\n") and after.startswith("\n\n"):
                pos += 2
            elif (before.endswith("\n") or not before) and after.startswith("\n"):
                pos += 1
    out.append(template[pos:])
    return text()


def render(template: str, blocks: dict[str, str], held: set[str] | None = None) -> str:
    if held is not None:
        template = select(template, held)

    def fill(match: re.Match) -> str:
        key = match.group(1)
        if key not in blocks:
            raise KeyError(f"dataset_card.md uses {{{{ {key} }}}}, which the build does not generate")
        return blocks[key]
    return _PLACEHOLDER.sub(fill, template)


def attribution_block(staging: Path, gold: Path | None) -> str:
    """The staged sentences' attribution scored against the gold sentence
    file, when the build has one."""
    from .. import score
    if gold is None:
        return "This build had no gold sentence file to score against."
    result = score.score(score.read_gold(gold), score.read_release(staging))
    return score.markdown(result, layout.GOLD_SENTENCES)


# Blocks write_card adds to generated_blocks: they need the staged release.
STAGED_BLOCKS = ("annotation_rules", "attribution_score")


def block_names() -> set[str]:
    """Every ``{{ name }}`` a card template may use."""
    from .summary import Summary
    return set(generated_blocks(Summary())) | set(STAGED_BLOCKS)


def write_card(staging: Path, summary, card_source: Path | None, gold: Path | None = None,
               root: Path | None = None) -> None:
    """The release's README.md: the card rendered from ``card_source``, with
    the rule table, the attribution score against ``gold``, and the
    agreement of the two annotators from the annotation files under ``root``
    (the repository)."""
    from ..rules import tables
    template = card_source.read_text(encoding="utf-8") if card_source and card_source.exists() else "# {{ dataset_name }}\n"
    blocks = generated_blocks(summary, root)
    blocks["annotation_rules"] = tables.card_block()
    if "attribution_score" in template:
        blocks["attribution_score"] = attribution_block(staging, gold)
    text = front_matter(summary.counts, summary.nbytes, data_digests(staging)) + "\n" + render(template, blocks, holdings.held_ids(summary))
    (staging / layout.README).write_text(text, encoding="utf-8")
