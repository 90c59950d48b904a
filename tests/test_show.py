"""The terminal table of `acftu-talks show`: widths as a terminal counts them."""
from types import SimpleNamespace

from acftu_talks import show


def built():
    document = {"doc_id": "d", "doc_type": "news_report", "event_id": "e", "date": "2018-10-29", "n_paragraphs": 1,
                "n_sentences": 2, "participants": [{"name": "习近平", "role": "speaker"}], "errata": []}
    paragraphs = [{"paragraph_id": "d.p001", "segment_type": "body", "speech_mode": "mixed", "speaker": "习近平",
                   "annotation_rule": "body-default/narration-and-cue", "annotation_source": "rule",
                   "text": "习近平29日上午讲话。习近平强调，要团结。"}]
    sentences = [{"sentence_id": "d.p001.s01", "paragraph_id": "d.p001", "speech_mode": "narration", "speaker": None,
                  "reporting_cue": None, "text": "习近平29日上午讲话。"},
                 {"sentence_id": "d.p001.s02", "paragraph_id": "d.p001", "speech_mode": "reported",
                  "speaker": "习近平", "reporting_cue": "强调", "text": "习近平强调，要团结。"}]
    return SimpleNamespace(document=document, paragraphs=paragraphs, sentences=sentences)


def test_rows_are_paragraphs_then_their_sentences():
    assert [r[:5] for r in show.rows(built())] == [
        ("p001", "body", "mixed", "习近平", ""), ("  s01", "", "narration", "", ""),
        ("  s02", "", "reported", "习近平", "强调")]


def test_the_table_aligns_chinese_and_stays_within_its_width():
    lines = show.table(built(), 140).split("\n")
    rows = [line for line in lines if line.startswith(("p0", "  s"))]
    assert len(rows) == 3 and all(show.width(line) <= 140 for line in rows)
    texts = ["习近平29日上午讲话。习近平强调，要团结。", "习近平29日上午讲话。", "习近平强调，要团结。"]
    # the text column starts at the same terminal column on every row
    assert len({show.width(line) - show.width(text) for line, text in zip(rows, texts)}) == 1
    assert lines[-2] == "participants: 习近平 speaker"


def test_a_narrow_table_clips_the_text():
    rows = [line for line in show.table(built(), 86).split("\n") if line.startswith("p0")]
    assert rows[0].endswith("…") and show.width(rows[0]) <= 86
