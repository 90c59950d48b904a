"""summary.py: what a build produced, counted for the card."""
from __future__ import annotations

from acftu_talks.assemble import Built
from acftu_talks.release import summary as summary_module
from acftu_talks.release.summary import Summary


PROVENANCE = {"event_id": "2018-10-29-t", "version_of": None, "received_as": "a.txt", "original_url": None,
              "copy_repository": "o/r", "copy_path": "p.md", "copy_commit": "0" * 40, "retrieved": "2026-12-01"}


def doc(doc_id, paragraphs):
    document = {"doc_id": doc_id, "doc_type": "news_report", "date": "2018-10-29", "publication_date": "2018-10-29",
                "publisher_en": "Xinhua", "n_paragraphs": len(paragraphs), "title": "not kept", **PROVENANCE,
                "errata": [{"erratum_id": f"{doc_id}.e1"}]}
    rows = [{"doc_id": doc_id, "paragraph_id": f"{doc_id}.p{i:03d}", "segment_type": seg, "speech_mode": mode,
             "annotation_source": source} for i, (seg, mode, source) in enumerate(paragraphs, start=1)]
    sentences = [{"doc_id": doc_id, "speech_mode": "reported", "text": "要团结职工。"},
                 {"doc_id": doc_id, "speech_mode": "narration", "text": "王沪宁参加。"}]
    return Built(document, rows, sentences)


def test_counts_and_the_short_rows():
    summary = Summary()
    summary.add(doc("2018-10-29-a", [("title", "none", "rule"), ("body", "reported", "override"),
                                     ("body", "reported", "rule")]))
    assert summary.documents == [{"doc_id": "2018-10-29-a", "doc_type": "news_report", "date": "2018-10-29",
                                  "publication_date": "2018-10-29", "publisher_en": "Xinhua", "n_paragraphs": 3,
                                  **PROVENANCE, "body_paragraphs": 2}]
    assert summary.errata == [{"erratum_id": "2018-10-29-a.e1", "doc_id": "2018-10-29-a"}]
    assert summary.by_type == {("title", "none"): 1, ("body", "reported"): 2}
    assert summary.by_doc[("2018-10-29-a", "body", "reported")] == 2
    assert summary.sentences_by_doc == {("2018-10-29-a", "reported"): 1, ("2018-10-29-a", "narration"): 1}
    # the figure's characters: 要团结职工。 is 6, 王沪宁参加。 is 6
    assert summary.chars_by_doc == {("2018-10-29-a", "reported"): 6, ("2018-10-29-a", "narration"): 6}
    assert summary.overridden == ["2018-10-29-a.p002"]


def test_documents_beyond_the_card_limit_are_counted_not_listed(monkeypatch):
    monkeypatch.setattr(summary_module, "CARD_DOCUMENTS", 1)
    summary = Summary()
    summary.add(doc("2018-10-29-a", [("body", "reported", "rule")]))
    summary.add(doc("2018-10-30-b", [("body", "narration", "rule")]))
    assert [d["doc_id"] for d in summary.documents] == ["2018-10-29-a"]
    assert summary.documents_not_listed == 1
    assert summary.by_type == {("body", "reported"): 1, ("body", "narration"): 1}  # every document counted
    assert ("2018-10-30-b", "body", "narration") not in summary.by_doc
    assert {doc for doc, _ in summary.sentences_by_doc} == {doc for doc, _ in summary.chars_by_doc} == {"2018-10-29-a"}
    assert summary.published == {("news_report", "2018")}  # the card's years of publication: every document
