"""consistency.py: the checks that need the text and its sidecar together."""
from __future__ import annotations

from acftu_talks import consistency, events
from test_assemble import RAW, built, source


def codes(problems):
    return [(p.code, p.severity, p.where) for p in problems]


def test_a_consistent_document_has_no_problem_but_its_zero_width_space():
    _, found, _ = built(source())
    assert codes(consistency.check(source(), found)) == [
        ("text.zero-width", "warning", "2018-10-29-t-xinhua.p003")]
    [warning] = consistency.zero_width(source(), found)
    assert warning.line == 3 and f"U+200B inside the paragraph (kept) at offset {RAW.index(chr(0x200b))}" in warning.message


def test_checksum_doc_id_title_and_date_order():
    src = source(doc_id="2018-10-29-other-xinhua", source_sha256="1" * 64, title="另一个标题",
                 publication_date={"value": "2018-10-01", "precision": "day", "source": "x"})
    _, found, _ = built(src)
    assert codes(consistency.check_consistency(src, [p.record for p in found])) == [
        ("meta.doc-id-mismatch", "error", "doc_id"),
        ("meta.sha256-mismatch", "error", "source_sha256"),
        ("meta.date-order", "error", "publication_date.value"),
        ("meta.title-mismatch", "error", "title"),
    ]


def test_a_lead_naming_another_day_is_the_event_checks_error_not_a_warning_here():
    src = source(date={"value": "2018-10-30", "precision": "day", "source": "x"},
                 publication_date={"value": "2018-10-30", "precision": "day", "source": "x"})
    _, found, _ = built(src)
    rows = [p.record for p in found]
    assert codes(consistency.check_consistency(src, rows)) == []
    event = {"event_id": "2018-10-30-t", "date": "2018-10-30", "date_precision": "day", "part_of_day": "afternoon"}
    assert [(p.code, p.severity) for p in events.check_dates(src, event, rows)] == [
        ("meta.date-contradicts-text", "error"), ("meta.part-of-day", "error")]


def test_a_speech_text_that_paraphrases_its_speaker_is_a_warning():
    raw = "讲话\n习近平指出，要团结。\n习近平强调，要奋斗。\n"
    src = source(raw, doc_type="speech_text", title="讲话")
    _, found, _ = built(src)
    assert codes(consistency.check_consistency(src, [p.record for p in found])) == [
        ("meta.doc-type", "warning", "doc_type")]
