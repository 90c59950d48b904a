"""Citation: CITATION.cff valid against the CFF 1.2.0 schema and in step with
the package version, the changelog and the release; the cite command."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import pytest
import yaml
from jsonschema import Draft7Validator

from acftu_talks import __version__, cli
from acftu_talks.release import cite
from conftest import ROOT

# The CFF 1.2.0 schema from cffconvert 2.0.0's wheel, vendored: installing
# cffconvert would downgrade jsonschema. Pinned by its sha256 in the README of
# tests/fixtures/.
CFF_SCHEMA_FILE = ROOT / "tests" / "fixtures" / "cff-1.2.0.schema.json"
CFF_SCHEMA = json.loads(CFF_SCHEMA_FILE.read_text(encoding="utf-8"))


def _dates_to_str(value):
    # The schema's own $comment: YAML dates must be cast to strings first.
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _dates_to_str(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_to_str(v) for v in value]
    return value


def cff_errors(text: str) -> list[str]:
    data = _dates_to_str(yaml.safe_load(text))
    validator = Draft7Validator(CFF_SCHEMA, format_checker=Draft7Validator.FORMAT_CHECKER)
    return sorted(f"{'/'.join(map(str, e.path)) or '<root>'}: {e.message}" for e in validator.iter_errors(data))


def test_vendored_schema_is_a_valid_draft7_schema():
    Draft7Validator.check_schema(CFF_SCHEMA)
    assert hashlib.sha256(CFF_SCHEMA_FILE.read_bytes()).hexdigest() == \
        "0b8d22140da702d766df318dcff3a91af2f39521298dcf36d76315fd99cc169b"
    assert CFF_SCHEMA["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"


def test_repository_citation_file_is_valid():
    assert cff_errors((ROOT / "CITATION.cff").read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("edit, expected", [
    (lambda d: d.pop("authors"), "'authors' is a required property"),
    (lambda d: d.update(type="data"), "type: 'data' is not one of"),
    (lambda d: d.update({"date-released": "2026-02-30"}), "is not a 'date'"),
    (lambda d: d.update(license="other"), "license: 'other' is not valid"),
])
def test_validation_catches_broken_citations(edit, expected):
    data = yaml.safe_load(cite.cff())
    edit(data)
    assert any(expected in e for e in cff_errors(yaml.safe_dump(data))), cff_errors(yaml.safe_dump(data))


def test_citation_file_version_and_date_match_the_package():
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert data["version"] == __version__
    assert data["type"] == "dataset"
    assert str(data["date-released"]) == cite.RELEASE_DATE


def test_citation_file_is_the_generated_one():
    assert (ROOT / "CITATION.cff").read_text(encoding="utf-8") == cite.cff(), \
        "CITATION.cff is stale: run `acftu-talks cite --format cff > CITATION.cff`"


def test_changelog_has_this_version_with_the_release_date():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    entries = dict(re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", changelog, re.M))
    assert entries.get(__version__) == cite.RELEASE_DATE


def test_release_carries_citation_and_changelog(release):
    assert (release / "CITATION.cff").read_text(encoding="utf-8") == (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert (release / "CHANGELOG.md").read_bytes() == (ROOT / "CHANGELOG.md").read_bytes()


def test_bibtex_entry_names_version_and_year():
    entry = cite.bibtex()
    assert re.match(r"@misc\{[a-z0-9_]+,\n", entry)
    fields = dict(re.findall(r"^  (\w+) = \{(.*)\},?$", entry, re.M))
    assert fields["version"] == __version__
    assert fields["year"] == cite.RELEASE_DATE[:4]
    assert entry.count("{") == entry.count("}")


@pytest.mark.parametrize("fmt", ["bibtex", "apa", "cff"])
def test_cite_command_prints_each_format(fmt, capsys):
    assert cli.main(["cite", "--format", fmt]) == 0
    out = capsys.readouterr().out
    title = "ACFTU Talks: Xi Jinping's collective talks with the ACFTU leadership"
    if fmt == "bibtex":
        assert out.startswith("@misc{acftu_talks_") and out.endswith("}\n")
        assert f"  version = {{{__version__}}},\n" in out
        assert "  title = {{ACFTU} Talks: Xi Jinping's collective talks with the {ACFTU} leadership},\n" in out
    elif fmt == "apa":
        year = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["date-released"][:4]
        assert out == f"acftu-talks maintainers. ({year}). {title} (Version {__version__}) [Data set].\n"
    else:  # the citation file committed at the repository root
        assert yaml.safe_load(out) == yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
        assert yaml.safe_load(out)["version"] == __version__ and yaml.safe_load(out)["title"] == title


def test_cite_defaults_to_bibtex_and_needs_no_corpus(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no corpus/ or schema/ here
    assert cli.main(["cite"]) == 0
    assert capsys.readouterr().out.startswith("@misc{")


def test_cite_rejects_unknown_format(capsys):
    assert cli.main(["cite", "--format", "ris"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_readme_shows_the_current_citation():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    citing = readme.split("## Citing", 1)[1]
    assert cite.bibtex() in citing, "update the BibTeX in README.md's Citing section: acftu-talks cite"
