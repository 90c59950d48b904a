"""assemble.py: records made from the passages, overrides as new
annotations, date provenance, edits numbered in text order."""
from __future__ import annotations

from acftu_talks import annotate, assemble, people as registry, read, segment
from acftu_talks.passage import Passage

from conftest import CORPUS, ROOT, SCHEMA

PEOPLE, _ = registry.read_registry(CORPUS, SCHEMA, ROOT)
FORMS = PEOPLE.surface_forms("习近平")
EVENT = {"event_id": "2018-10-29-t", "date": "2018-10-29", "date_precision": "day", "part_of_day": "morning",
         "occasion": "集体谈话", "occasion_en": "talk", "venue": "中南海", "venue_en": "Zhongnanhai"}

META = {
    "doc_id": "2018-10-29-t-xinhua", "doc_type": "news_report", "language": "zh",
    "title": "习近平同中华全国总工会新一届领导班子成员集体谈话", "title_source": "first line",
    "title_en": "Xi talks", "title_en_source": "x", "speaker": "习近平", "speaker_en": "Xi Jinping",
    "publisher": "新华社", "publisher_en": "Xinhua", "event_id": "2018-10-29-t",
    "received_as": "t.docx", "source_sha256": "0" * 64,
    "date": {"value": "2018-10-29", "precision": "day", "source": "Xinhua"},
    "publication_date": {"value": "2018-10-29", "precision": "day", "source": "Xinhua"},
}
RAW = ("习近平同中华全国总工会新一届领导班子成员集体谈话\n"
       "新华社北京10月29日电 习近平29日上午同中华全国总工会新一届领导班子成员集体谈话。王东明参加谈话。\n"
       "习近平强调，工会要\u200b团结职工。\n"
       "2017年5月1日，职工在劳动。新华社记者 鞠鹏 摄\n")


def source(raw=RAW, **meta) -> read.Source:
    return read.Source("2018-10-29-t-xinhua", "corpus/t.txt", "corpus/t.toml", raw, "0" * 64,
                       {**META, **meta}, {("overrides", 0, "paragraph_number"): 31})


def passages(src: read.Source) -> tuple[list[Passage], list]:
    spans, loose = segment.segment(src.raw)
    found = [Passage(span) for span in spans]
    annotate.annotate(found, src.meta["doc_type"], src.meta["speaker"], list(FORMS))
    return found, loose


def built(src: read.Source):
    found, loose = passages(src)
    problems = assemble.apply_overrides(src, found)
    result, more = assemble_doc(src, found, loose)
    return result, found, problems + more


def assemble_doc(src, found, loose):
    """assemble() with the real registry, a test event and no errata."""
    return assemble.assemble(src, found, loose, EVENT, PEOPLE, FORMS, [])


def test_one_record_per_passage_carrying_its_own_annotation():
    result, found, problems = built(source())
    assert problems == []
    assert [p.record for p in found] == result.paragraphs
    assert [(r["paragraph_id"], r["segment_type"], r["speech_mode"], r["speaker"], r["speaker_en"])
            for r in result.paragraphs] == [
        ("2018-10-29-t-xinhua.p001", "title", "none", None, None),
        ("2018-10-29-t-xinhua.p002", "body", "narration", None, None),
        ("2018-10-29-t-xinhua.p003", "body", "reported", "习近平", "Xi Jinping"),
        ("2018-10-29-t-xinhua.p004", "photo_caption", "none", None, None),
    ]
    caption = result.paragraphs[3]
    assert (caption["caption_date"], caption["photo_credit"], caption["date"]) == \
        ("2017-05-01", "新华社记者 鞠鹏 摄", "2018-10-29")
    assert result.records == {"paragraphs": result.paragraphs, "sentences": result.sentences,
                              "documents": [result.document]}


def test_sentence_offsets_skip_a_cut_inside_the_paragraph():
    """p003 holds a zero-width space (kept, so no cut) and ends at the line:
    offsets are into the raw text, and text is raw[start:end]."""
    raw = "标题\n习近平强调，工会要团结职工。[bookmark: x]他指出，要改革。\n"
    src = source(raw, title="标题")
    result, _, _ = built(src)
    sentences = [s for s in result.sentences if s["paragraph_id"].endswith("p002")]
    assert [s["text"] for s in sentences] == ["习近平强调，工会要团结职工。", "他指出，要改革。"]
    first, second = sentences
    assert raw[first["char_start"]:first["char_end"]] == "习近平强调，工会要团结职工。"
    # the artifact sits between the sentences: the first ends before it,
    # the second starts after it
    assert raw[second["char_start"]:second["char_end"]] == "他指出，要改革。"
    assert first["char_end"] == raw.index("[bookmark")
    assert (second["reporting_cue"], raw[second["cue_start"]:second["cue_end"]]) == ("指出", "指出")


def test_every_sentence_offset_is_the_spans_raw_offset():
    """With and without cuts inside a paragraph (artifacts anywhere in a
    sentence, a cue, a source, a content), and with errata: each offset of a
    sentence record is what ``Span.raw_offset`` maps it to (an end from its
    last character), and its errata are those overlapping it."""
    import random
    rng = random.Random(5)
    pieces = ["习近平强调，", "他指出，", "要团结职工", "。", "[bookmark: x]", "“我们要奋斗。”习近平说。", "王东明参加谈话。"]
    for trial in range(150):
        raw = "标题\n" + "\n".join("".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(3)) + "\n"
        src = source(raw, title="标题")
        found, loose = passages(src)
        errata = [{"erratum_id": f"e{i}", "char_start": a, "char_end": a + 2}
                  for i, a in enumerate(sorted(rng.sample(range(len(raw) - 2), 2)))] if trial % 2 else []
        for passage in found:
            passage.record = assemble.paragraph(src, passage, {"习近平": "Xi Jinping"}, EVENT, errata)
            span = passage.span
            got = assemble.sentences(passage, {"习近平": "Xi Jinping"}, errata)
            for record, s in zip(got, passage.annotation.sentences, strict=True):
                start = lambda x: None if x is None else span.raw_offset(x)  # noqa: E731
                end = lambda x: None if x is None else span.raw_offset(x - 1) + 1  # noqa: E731
                assert (record["char_start"], record["char_end"], record["cue_start"], record["cue_end"],
                        record["source_start"], record["source_end"], record["content_start"],
                        record["content_end"]) == (start(s.start), end(s.end), start(s.cue_start), end(s.cue_end),
                                                   start(s.source_start), end(s.source_end),
                                                   start(s.content_start), end(s.content_end)), raw
                assert record["errata"] == [e["erratum_id"] for e in errata
                                            if e["char_start"] < end(s.end) and start(s.start) < e["char_end"]]


def test_an_override_is_a_new_annotation_and_counted():
    src = source(overrides=[{"paragraph_number": 2, "speech_mode": "reported", "speaker": "习近平", "reason": "r"},
                            {"paragraph_number": 3, "speaker": "", "reason": "r"}])
    found, loose = passages(src)
    rule_made = found[1].annotation
    assert assemble.apply_overrides(src, found) == []
    assert rule_made.source == "rule" and rule_made.speech_mode == "narration"  # left as the rules made it
    assert (found[1].annotation.speech_mode, found[1].annotation.speaker, found[1].annotation.source) == \
        ("reported", "习近平", "override")
    assert found[2].annotation.speaker is None and found[2].annotation.speech_mode == "reported"
    result, _ = assemble_doc(src, found, loose)
    assert result.document["n_overridden"] == 2
    assert [r["annotation_source"] for r in result.paragraphs] == ["rule", "override", "override", "rule"]


def test_an_override_of_a_missing_paragraph_names_the_sidecar_line():
    src = source(overrides=[{"paragraph_number": 9, "segment_type": "body", "reason": "r"}])
    found, _ = passages(src)
    [problem] = assemble.apply_overrides(src, found)
    assert (problem.path, problem.line, problem.where, problem.code) == \
        ("corpus/t.toml", 31, "overrides[0].paragraph_number", "meta.override-target")
    assert "the text has 4 paragraphs" in problem.message


def test_date_provenance():
    assert assemble.date_provenance("2018-10-29", [("p1", "2018年10月29日，会议召开")]) == ("stated", "p1")
    assert assemble.date_provenance("2018-10-29", [("p1", "无"), ("p2", "习近平29日上午")]) == ("inferred", "p2")
    assert assemble.date_provenance("2018-10-29", [("p1", "10月29日电")]) == ("inferred", "p1")
    assert assemble.date_provenance("2018-10-29", [("p1", "129日")]) == ("external", None)


def test_the_document_dates_come_from_the_body_and_the_dateline_never_a_caption():
    result, _, _ = built(source())
    doc = result.document
    assert (doc["date_source"], doc["date_evidence"]) == ("inferred", "2018-10-29-t-xinhua.p002")
    assert (doc["publication_date_source"], doc["publication_date_evidence"]) == \
        ("inferred", "2018-10-29-t-xinhua.p002")
    assert (doc["n_paragraphs"], doc["n_sentences"], doc["source_chars"]) == (4, len(result.sentences), len(RAW))
    assert {p["name"] for p in doc["participants"]} >= {"习近平", "王东明"}


def test_a_speech_date_line_dates_the_event_not_the_publication():
    raw = "在大会上的讲话\n（2018年10月29日）\n同志们：\n"
    src = source(raw, doc_type="speech_text", title="在大会上的讲话",
                 publication_date={"value": "2018-11-15", "precision": "day", "source": "Qiushi"})
    found, loose = passages(src)
    assert [p.annotation.event_date_line for p in found] == [False, True, False]
    result, _ = assemble_doc(src, found, loose)
    assert (result.document["date_source"], result.document["date_evidence"]) == \
        ("stated", "2018-10-29-t-xinhua.p002")
    assert result.document["publication_date_source"] == "external"


def test_edits_are_numbered_in_text_order_with_their_paragraph():
    raw = "\u3000\u3000标题\r\n\r\n正文 \n"
    src = source(raw, title="标题")
    result, _, _ = built(src)
    assert [(e["edit_number"], e["kind"], e["removed"], e["paragraph_id"]) for e in result.document["edits"]] == [
        (1, "edge_whitespace", "\u3000\u3000", "2018-10-29-t-xinhua.p001"),
        (2, "carriage_return", "\r", "2018-10-29-t-xinhua.p001"),
        (3, "carriage_return", "\r", None),  # the blank line's CRLF end: no paragraph
        (4, "edge_whitespace", " ", "2018-10-29-t-xinhua.p002"),
    ]
