"""``croissant.json``: Croissant 1.1 metadata for dataset search engines and
ML tools, generated from CONFIGS, the Arrow schemas and the JSON Schemas'
descriptions, with the sha256 of every Parquet file.

Built as plain JSON (no mlcroissant import at build time); the tests validate
it with mlcroissant and compare the records it loads with the Parquet rows.
"""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .. import DATASET_NAME, __version__, agreement
from . import cite
from .checksums import sha256
from ..contract import layout
from ..contract.records import CONFIGS

CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
# The Responsible AI vocabulary (namespace http://mlcommons.org/croissant/RAI/,
# prefix rai, already in CONTEXT); mlcroissant reads the first conformsTo it
# knows, so the core version stays first.
CONFORMS_TO_RAI = "http://mlcommons.org/croissant/RAI/1.0"
PARQUET = "application/x-parquet"
LICENSE = ("No open licence is claimed for the texts, which were published by Chinese state media; "
           "see RIGHTS.md in this release. The project's metadata, annotations and schemas: MIT.")

# mlcroissant 1.1.1's context for conformsTo 1.1, word for word: a missing
# term is not reported, it silently falls back to schema.org and loses its
# meaning, so every term is spelled out.
CONTEXT = {
    "@language": "en", "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape", "citeAs": "cr:citeAs", "column": "cr:column",
    "conformsTo": "dct:conformsTo", "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "description": {"@container": "@language"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract", "field": "cr:field", "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject", "fileSet": "cr:fileSet", "format": "cr:format",
    "includes": "cr:includes", "isArray": "cr:isArray", "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath", "key": "cr:key", "md5": "cr:md5",
    "name": {"@container": "@language"},
    "parentField": "cr:parentField", "path": "cr:path", "recordSet": "cr:recordSet",
    "references": "cr:references", "regex": "cr:regex", "repeated": "cr:repeated",
    "replace": "cr:replace", "samplingRate": "cr:samplingRate", "sc": "https://schema.org/",
    "separator": "cr:separator", "source": "cr:source", "subField": "cr:subField",
    "transform": "cr:transform",
}


def data_type(type_: pa.DataType) -> str:
    if pa.types.is_boolean(type_):
        return "sc:Boolean"
    if pa.types.is_integer(type_):
        return "sc:Integer"
    if pa.types.is_floating(type_):
        return "sc:Float"
    if pa.types.is_string(type_) or pa.types.is_large_string(type_):
        return "sc:Text"
    if pa.types.is_date(type_):
        return "sc:Date"
    if pa.types.is_timestamp(type_):
        return "sc:DateTime"
    raise NotImplementedError(f"no Croissant data type for Arrow {type_}")


def member_schemas(prop: dict) -> dict:
    """The JSON Schema properties of a struct column, or of a list of structs'
    items."""
    return prop.get("items", prop).get("properties", {})


def field(parent: str, column: str, type_: pa.DataType, prop: dict, source: dict,
          member: str | None = None) -> dict:
    """One cr:Field for a Parquet column, or (with ``member``) for a member of
    its struct, read back with a jsonPath transform."""
    name = member or column
    node = {"@type": "cr:Field", "@id": f"{parent}/{name}", "name": name,
            "description": prop["description"]}
    if pa.types.is_list(type_) or pa.types.is_large_list(type_):
        node["isArray"] = True
        type_ = type_.value_type
    if pa.types.is_struct(type_):
        members = member_schemas(prop)
        node["subField"] = [field(node["@id"], column, m.type, members[m.name], source, m.name) for m in type_]
        return node
    node["dataType"] = data_type(type_)
    node["source"] = {**source, "extract": {"column": column}}
    if member:
        node["source"]["transform"] = {"jsonPath": member}
    return node


def metadata(release: Path) -> dict:
    """The Croissant document for the Parquet files under ``release/data``."""
    distribution, record_sets = [], []
    for config, registered in CONFIGS.items():
        arrow_schema = registered.arrow_schema
        files = sorted(p.relative_to(release).as_posix() for p in layout.data_files(release, config))
        for rel in files:
            distribution.append({"@type": "cr:FileObject", "@id": rel, "name": rel, "contentUrl": rel,
                                 "encodingFormat": PARQUET, "sha256": sha256(release / rel)})
        if len(files) == 1:
            # mlcroissant checks a FileObject's sha256 when it reads records.
            source = {"fileObject": {"@id": files[0]}}
        else:
            # A field names one source; several shards need a FileSet (whose
            # files mlcroissant does not hash: SHA256SUMS still covers them).
            fileset = f"{config}-parquet-files"
            distribution.append({"@type": "cr:FileSet", "@id": fileset, "name": fileset,
                                 "encodingFormat": PARQUET, "includes": files})
            source = {"fileSet": {"@id": fileset}}
        props = registered.properties
        record_set = {"@type": "cr:RecordSet", "@id": config, "name": config,
                      "description": registered.description,
                      "field": [field(config, f.name, f.type, props[f.name], source) for f in arrow_schema]}
        if arrow_schema.names[0].endswith("_id"):  # records lead with their id
            record_set["key"] = {"@id": f"{config}/{arrow_schema.names[0]}"}
        record_sets.append(record_set)
    doc = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": [CONFORMS_TO, CONFORMS_TO_RAI],
        "name": DATASET_NAME,
        "alternateName": cite.TITLE,
        "description": cite.ABSTRACT,
        "version": __version__,
        "datePublished": cite.RELEASE_DATE,
        "citeAs": cite.bibtex(),
        "creator": {"@type": "sc:Organization", "name": cite.AUTHOR},
        "license": LICENSE,
        "inLanguage": "zh",
        "keywords": list(cite.KEYWORDS),
        "distribution": distribution,
        "recordSet": record_sets,
        **rai(release),
    }
    analysis = annotation_analysis(release)
    if analysis:
        doc["rai:dataAnnotationAnalysis"] = analysis
    return doc


def _rows(release: Path, config: str) -> int:
    return sum(pq.read_metadata(p).num_rows for p in sorted((release / "data" / config).glob("*.parquet")))


def annotation_analysis(release: Path) -> list[str]:
    """Cohen's kappa per label between the two annotators, from the
    annotation files shipped in the release (none: no analysis)."""
    files = [release / agreement.shipped_name(rel) for rel in (agreement.FIRST, agreement.SECOND)]
    if not all(f.is_file() for f in files):
        return []
    result = agreement.compare(*(agreement.read_annotation(f) for f in files))
    return [f"{r.label}: Cohen's kappa {agreement.kappa_text(r.kappa)}, observed agreement {r.observed:.3f}, "
            f"n = {r.n} sentences, between two independent annotators "
            f"({agreement.shipped_name(agreement.FIRST)}, {agreement.shipped_name(agreement.SECOND)})"
            for r in result.labels]


def rai(release: Path) -> dict:
    """The Responsible AI fields, written for this genre (state-media
    readouts and published speech texts). A field mlcroissant reads as
    several texts (cardinality MANY) is a list; the others one text. The
    card's data statement says the same at length."""
    n_sentences, n_docs = _rows(release, "sentences"), _rows(release, "documents")
    return {
        "rai:dataCollection": (
            f"{n_docs} Chinese texts on Xi Jinping's collective talks with the newly elected leadership of the "
            "All-China Federation of Trade Unions after each national congress of Chinese trade unions (2013, 2018, "
            "2023), copied byte for byte from their publishers: news readouts drafted by the Xinhua / CCTV newsrooms "
            "and broadcast or printed the day of the talk, and the speech text published under Xi Jinping's name in "
            "Qiushi months after the talk. Curators wrote a metadata sidecar per text (titles, dates and their "
            "sources, people named); provenance_en in the documents config says how each text was obtained."),
        "rai:dataAnnotationProtocol": [
            "Every paragraph and sentence is labelled by the builder's documented, versioned rules (segment type, "
            "speech mode: direct / reported / narration / none, speaker); each row names the rule that decided "
            "(annotation_rule). A curator may override a paragraph in its sidecar, with a reason "
            "(annotation_source = override).",
            "Gold set: two annotators labelled every sentence independently from the raw texts and the label "
            "definitions, without the builder's output; disagreements were adjudicated and written down "
            "(annotation/adjudication.md). Cohen's kappa per label is in rai:dataAnnotationAnalysis and the card.",
            "speech mode labels how the text presents the words: direct is wording published under the speaker's "
            "name or marked as quotation, reported is a journalist's paraphrase after a reporting verb, even when "
            "it keeps the speaker's first person; a photo caption or editor's note is never speech (none).",
        ],
        "rai:annotationsPerItem": (
            f"One rule-based annotation per paragraph and per sentence. The {n_sentences} sentences also have two "
            "independent human annotations each (the gold set used to test the rules), adjudicated into one."),
        "rai:machineAnnotationTools": [
            f"acftu-talks builder {__version__}: deterministic rules (regular expressions and word lists of "
            "reporting verbs and names), no statistical model; the rule tables are in the card.",
        ],
        "rai:dataBiases": [
            "All texts come from Party and state outlets (Xinhua, CCTV Xinwen Lianbo, Qiushi) and present the talks "
            "as the leadership chose to present them: selected, edited and written to convey policy.",
            "Readouts condense the speech and report the leader's words only; the trade-union leaders' own reports "
            "and remarks appear as narration, never as their words.",
            "The published speech text is the 'main part' of the speech, edited before publication; it cannot show "
            "what was left out or changed.",
        ],
        "rai:dataLimitations": [
            "Very few texts, one kind of occasion, three talks: any difference between years mixes genre, outlet, "
            "time and editing.",
            "direct does not mean verbatim: it is how the text presents itself. reported may hold the speaker's "
            "exact words. Neither is a transcript of the talk.",
            "Labels are rule-based; errors are systematic (a reporting verb not on the list, a speaker named only "
            "by title). See the card's known gaps.",
            "Not suitable for training or evaluating general-purpose models: the train split is the whole corpus.",
        ],
        "rai:dataUseCases": [
            "Comparing how official Chinese media render a leader's speech: readout paraphrase against the "
            "published speech text of the same talk, outlet against outlet, one talk against the next.",
            "Discourse and content analysis of Party policy on trade unions, quoting by paragraph id.",
            "Teaching source criticism and reported speech; a small test set for reported-speech attribution "
            "in Chinese news.",
        ],
        "rai:dataReleaseMaintenancePlan": (
            "Versioned releases (semantic versioning for a dataset), each with CHANGELOG.md and a release note "
            "(RELEASE_NOTES.md, release_notes.json) listing documents, rows, labels and ids changed since the "
            "previous release; ids are stable and every id change is in id_changes.json. Texts are added as "
            "later talks and outlets are collected; corrections are patch releases. A text is removed on request "
            "of a rights holder (see RIGHTS.md)."),
        "rai:personalSensitiveInformation": [
            "Names and official titles of senior public officials acting in their public roles, and of Xinhua "
            "photographers in photo credits. No private individuals' data.",
            "The content is political: statements of Communist Party of China policy.",
        ],
        "rai:annotatorDemographics": [
            "Two annotators; the repository records how they worked (annotation/gold-notes.md, "
            "annotation/second-annotator-notes.md), not who they are: age, gender and background are unknown.",
        ],
        "rai:dataSocialImpact": (
            "The corpus makes state-media renderings of a leader's words inspectable, sentence by sentence, with "
            "the source of each label. Misread, it could lend official texts an authority of verbatim record they "
            "do not have, or be used to generate text in the leadership's voice; the card asks users to treat "
            "direct and reported material as two genres and to cite paragraph ids."),
    }


def write(release: Path) -> None:
    text = json.dumps(metadata(release), ensure_ascii=False, indent=2, sort_keys=True)
    (release / layout.CROISSANT).write_text(text + "\n", encoding="utf-8")
