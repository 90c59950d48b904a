"""Which rule set a document gets, and the error for a kind of text without one."""
from __future__ import annotations

import pytest

from acftu_talks.rules import genres


@pytest.mark.parametrize("doc_type, speech", [("news_report", "attribute"), ("speech_text", "author")])
def test_supported_pairs(doc_type, speech):
    assert genres.rule_set("zh", doc_type).speech == speech
    assert genres.check({"language": "zh", "doc_type": doc_type}, "corpus/x.toml", {}) == []


@pytest.mark.parametrize("language, doc_type", [("zh", "commentary"), ("zh", "transcript"), ("en", "news_report")])
def test_an_unsupported_pair_is_an_error_naming_the_sidecar_line_and_field(language, doc_type):
    [problem] = genres.check({"language": language, "doc_type": doc_type}, "corpus/x.toml", {("doc_type",): 7})
    assert (problem.path, problem.line, problem.where, problem.code, problem.severity) == (
        "corpus/x.toml", 7, "doc_type", "meta.genre-unsupported", "error")
    assert f"'{doc_type}'" in problem.message and "rules/genres.py" in problem.hint
