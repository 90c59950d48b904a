"""The events file and the date checks that tie a document to its event."""
from acftu_talks import events
from acftu_talks.read import Source

from conftest import CORPUS, ROOT, SCHEMA

EVENT = {"event_id": "2023-10-23-t", "date": "2023-10-23", "date_precision": "day", "part_of_day": "afternoon"}


def source(doc_id="2023-10-23-t-cctv", date="2023-10-23", doc_type="news_report"):
    meta = {"event_id": "2023-10-23-t", "date": {"value": date, "precision": "day"}, "doc_type": doc_type}
    return Source(doc_id, "corpus/t.txt", "corpus/t.toml", "", "0" * 64, meta,
                  {("doc_id",): 1, ("event_id",): 2, ("date", "value"): 9})


def row(text, segment="body", rule="body-default/x", number=1):
    return {"paragraph_id": f"x.p{number:03d}", "line_number": number, "text": text, "segment_type": segment,
            "annotation_rule": rule}


def test_the_real_events_read_without_problems():
    found, path, problems = events.read_events(CORPUS, SCHEMA, ROOT)
    assert (sorted(found), path, problems) == (
        ["2013-10-23-acftu-talk", "2018-10-29-acftu-talk", "2023-10-23-acftu-talk"], "corpus/events.toml", [])
    assert events.context_en(found["2013-10-23-acftu-talk"]) == \
        "Held after the 16th National Congress of Chinese Trade Unions (2013-10-18 to 2013-10-22)."


def test_an_unknown_event_and_dates_that_are_not_the_events():
    _, problems = events.check_event(source(), {}, "corpus/events.toml")
    assert [p.code for p in problems] == ["meta.event-unknown"]
    event, problems = events.check_event(source("2023-10-24-t-cctv", "2023-10-24"), {"2023-10-23-t": EVENT},
                                         "corpus/events.toml")
    assert [(p.code, p.line) for p in problems] == [("meta.doc-id-date", 1), ("meta.event-date", 9)]


def test_the_notes_full_date_and_the_leads_day_and_part_of_day():
    ok = [row("习近平23日下午在中南海讲话。"), row("※这是习近平总书记2023年10月23日在同全国总工会讲话的主要部分。", "editor_note", number=2)]
    assert events.check_dates(source(), EVENT, ok) == []
    bad = [row("习近平22日上午在中南海讲话。"), row("※这是2023年10月22日在会上讲话的主要部分。", "editor_note", number=2)]
    problems = events.check_dates(source(), EVENT, bad)
    assert [(p.code, p.line) for p in problems] == [
        ("meta.date-contradicts-text", 2), ("meta.date-contradicts-text", 1), ("meta.part-of-day", 1)]
    # a caption's date is the photo's, and a speech text has no lead
    assert events.check_dates(source(doc_type="speech_text"), EVENT,
                              [row("2024年4月22日，习近平考察。 新华社记者 王晔 摄", "photo_caption"),
                               row("22日上午我们开会。")]) == []


def test_a_version_must_name_a_document_of_the_same_event():
    claims = [("a-x", "e1", None, "a.toml", None), ("b-x", "e1", "a-x", "b.toml", 3),
              ("c-x", "e2", "a-x", "c.toml", 4), ("d-x", "e2", "zz", "d.toml", 5)]
    assert [(p.path, p.line) for p in events.check_versions(claims)] == [("c.toml", 4), ("d.toml", 5)]
