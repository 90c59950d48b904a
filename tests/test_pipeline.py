"""The orchestrator on small corpora written for the tests."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from acftu_talks import cli, pipeline
from acftu_talks.errors import InputError
from conftest import CORPUS, ROOT, SCHEMA, build_args

SIDECAR = (CORPUS / "2018-10-29-acftu-talk-xinhua.toml").read_text(encoding="utf-8")


EVENT = """[[event]]
event_id = "{event_id}"
date = "{date}"
date_precision = "day"
part_of_day = "morning"
date_source = "a test"
venue = "中南海"
venue_en = "Zhongnanhai, Beijing"
occasion = "集体谈话"
occasion_en = "collective talk"
organisation = "中华全国总工会"
organisation_en = "ACFTU"

"""


def write_doc(folder: Path, doc_id: str, text: str, extra: str = "", **replace) -> None:
    """A news-report sidecar adapted to ``text``, its event (dated by the
    doc_id) in events.toml and the real people registry."""
    folder.mkdir(exist_ok=True)
    data = text.encode("utf-8")
    (folder / f"{doc_id}.txt").write_bytes(data)
    (folder / "persons.toml").write_bytes((CORPUS / "persons.toml").read_bytes())
    event_id, date = doc_id.rsplit("-", 1)[0], doc_id[:10]
    events = folder / "events.toml"
    known = events.read_text(encoding="utf-8") if events.is_file() else ""
    if f'event_id = "{event_id}"' not in known:
        events.write_text(known + EVENT.format(event_id=event_id, date=date), encoding="utf-8")
    meta = SIDECAR.replace("2018-10-29-acftu-talk-xinhua", doc_id).replace(
        'event_id = "2018-10-29-acftu-talk"', f'event_id = "{event_id}"').replace(
        'value = "2018-10-29"', f'value = "{date}"')
    meta = re.sub(r'source_sha256 = "[0-9a-f]+"', f'source_sha256 = "{hashlib.sha256(data).hexdigest()}"', meta)
    for old, new in replace.items():
        meta = meta.replace(old, new)
    (folder / f"{doc_id}.toml").write_text(meta + extra, encoding="utf-8")


def rows(release: Path, config: str) -> list[dict]:
    return pq.read_table(release / "data" / config / "train-00000-of-00001.parquet").to_pylist()


def test_override_decides_and_is_reported(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    write_doc(corpus, "2020-01-01-test-xinhua", "会议强调，要加强团结。\n王沪宁参加。\n",
              extra='\n[[overrides]]\nparagraph_number = 1\nspeech_mode = "reported"\nspeaker = "习近平"\n'
                    'reason = "the meeting\'s statement is attributed to Xi in the source"\n')
    out = tmp_path / "release"
    assert cli.main(build_args(corpus, out)) == 0
    assert "overridden by sidecar: 2020-01-01-test-xinhua.p001" in capsys.readouterr().out
    first, second = rows(out, "paragraphs")
    assert (first["speech_mode"], first["speaker"], first["annotation_source"]) == ("reported", "习近平", "override")
    assert (second["speech_mode"], second["annotation_source"]) == ("narration", "rule")
    assert rows(out, "documents")[0]["n_overridden"] == 1


def test_override_of_a_missing_paragraph_is_an_error(tmp_path):
    corpus = tmp_path / "corpus"
    write_doc(corpus, "2020-01-01-test-xinhua", "习近平强调，要团结。\n",
              extra='\n[[overrides]]\nparagraph_number = 9\nspeech_mode = "reported"\nreason = "x"\n')
    with pytest.raises(InputError) as info:
        pipeline.check(corpus, SCHEMA, ROOT)
    (problem,) = info.value.problems
    assert problem.code == "meta.override-target" and "has 1 paragraphs" in problem.message


def test_date_provenance_stated_inferred_external(tmp_path):
    corpus = tmp_path / "corpus"
    # the full event date in the text: stated
    write_doc(corpus, "2018-10-29-a-xinhua", "习近平2018年10月29日在中南海讲话。\n")
    # only the day: inferred from the sidecar's source
    write_doc(corpus, "2018-10-29-b-xinhua", "习近平29日上午在中南海讲话。\n")
    # a caption's date does not count
    write_doc(corpus, "2018-10-29-c-xinhua",
              "习近平讲话。\n2018年10月29日，习近平讲话。 新华社记者 鞠鹏 摄\n")
    # a dateline gives the day of the dispatch: publication date inferred
    write_doc(corpus, "2018-10-29-d-xinhua", "新华社北京10月29日电\n习近平讲话。\n")
    # the usual Xinhua form: the dateline opens the first paragraph
    write_doc(corpus, "2018-10-29-e-xinhua", "新华社北京10月29日电 习近平29日上午讲话。\n")
    out = tmp_path / "release"
    assert cli.main(build_args(corpus, out)) == 0
    got = {d["doc_id"]: (d["date_source"], d["date_evidence"], d["publication_date_source"])
           for d in rows(out, "documents")}
    assert got == {
        "2018-10-29-a-xinhua": ("stated", "2018-10-29-a-xinhua.p001", "external"),
        "2018-10-29-b-xinhua": ("inferred", "2018-10-29-b-xinhua.p001", "external"),
        "2018-10-29-c-xinhua": ("external", None, "external"),
        "2018-10-29-d-xinhua": ("external", None, "inferred"),
        "2018-10-29-e-xinhua": ("inferred", "2018-10-29-e-xinhua.p001", "inferred"),
    }


def test_title_line_must_agree_with_the_sidecar(tmp_path):
    corpus = tmp_path / "corpus"
    write_doc(corpus, "2020-01-01-test-qiushi", "另一个标题\n习近平\n我们要努力。\n",
              **{'doc_type = "news_report"': 'doc_type = "speech_text"'})
    with pytest.raises(InputError) as info:
        pipeline.check(corpus, SCHEMA, ROOT)
    assert [p.code for p in info.value.problems] == ["meta.title-mismatch"]


def test_a_failed_build_leaves_the_previous_release_untouched(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    write_doc(corpus, "2020-01-01-test-xinhua", "习近平强调，要团结。\n")
    out = tmp_path / "release"
    assert cli.main(build_args(corpus, out)) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (corpus / "2020-01-01-test-xinhua.txt").write_text("习近平强调，要奋斗。\n", encoding="utf-8")
    assert cli.main(build_args(corpus, out)) == 1
    err = capsys.readouterr().err
    assert "2020-01-01-test-xinhua.toml:" in err and "[meta.sha256-mismatch]" in err
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".release-tmp-*"))


def test_crlf_and_ideographic_indent_give_the_same_records_as_the_clean_text(tmp_path):
    clean = "新华社北京10月29日电\n习近平强调，要团结。要奋斗。\n王沪宁参加集体谈话。\n"
    dirty = "\ufeff新华社北京10月29日电\r\n\u3000\u3000习近平强调，要团结。要奋斗。\r\n\r\n\u3000\u3000王沪宁参加集体谈话。\r\n"
    results = {}
    for name, text in (("clean", clean), ("dirty", dirty)):
        corpus = tmp_path / name
        write_doc(corpus, "2018-10-29-test-xinhua", text)
        out = tmp_path / f"release-{name}"
        assert cli.main(build_args(corpus, out)) == 0
        results[name] = out
    keep = ("paragraph_id", "text", "segment_type", "speech_mode", "speaker")
    for config, fields in (("paragraphs", keep), ("sentences", ("sentence_id", "text", "speech_mode", "speaker", "reporting_cue"))):
        a = [{k: r[k] for k in fields} for r in rows(results["clean"], config)]
        b = [{k: r[k] for k in fields} for r in rows(results["dirty"], config)]
        assert a == b
    types = [(r["segment_type"], r["speech_mode"]) for r in rows(results["dirty"], "paragraphs")]
    assert types == [("dateline", "none"), ("body", "reported"), ("body", "narration")]
    raw = dirty
    for s in rows(results["dirty"], "sentences"):
        assert raw[s["char_start"]:s["char_end"]] == s["text"]
    kinds = [e["kind"] for e in rows(results["dirty"], "documents")[0]["edits"]]
    assert kinds == ["zero_width", "carriage_return", "edge_whitespace", "carriage_return",
                     "carriage_return", "edge_whitespace", "carriage_return"]


def test_a_caption_dated_a_year_later_keeps_the_event_date(tmp_path):
    corpus = tmp_path / "corpus"
    text = ("习近平强调，要团结。\n"
            "2019年5月1日，习近平在北京考察。这是1日上午，习近平同工人交流。 新华社记者 鞠鹏 摄\n")
    write_doc(corpus, "2018-10-29-test-xinhua", text)
    out = tmp_path / "release"
    assert cli.main(build_args(corpus, out)) == 0
    caption = rows(out, "paragraphs")[1]
    assert caption["segment_type"] == "photo_caption"
    assert (str(caption["caption_date"]), str(caption["date"])) == ("2019-05-01", "2018-10-29")
    assert {str(s["date"]) for s in rows(out, "sentences")} == {"2018-10-29"}


def test_a_lead_that_contradicts_the_event_day_or_part_of_day_is_an_error(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    write_doc(corpus, "2018-10-29-test-xinhua", "习近平28日晚上在中南海讲话。习近平强调，要团结。\n")
    with pytest.raises(InputError) as info:
        pipeline.check(corpus, SCHEMA, ROOT)
    problems = info.value.problems
    assert sorted(p.code for p in problems) == ["meta.date-contradicts-text", "meta.part-of-day"]
    assert all(p.path.endswith("2018-10-29-test-xinhua.txt") and p.line == 1 for p in problems)
    assert "says 28日晚上 (day 28), but the event 2018-10-29-test is dated 2018-10-29" in problems[0].message


def test_a_report_typed_as_a_speech_text_is_reported(tmp_path):
    corpus = tmp_path / "corpus"
    write_doc(corpus, "2018-10-29-test-xinhua", "习近平29日上午讲话。\n习近平指出，要团结。\n习近平强调，要奋斗。\n",
              **{'doc_type = "news_report"': 'doc_type = "speech_text"'})
    warnings = pipeline.check(corpus, SCHEMA, ROOT)
    assert [w.code for w in warnings if w.code == "meta.doc-type"] == ["meta.doc-type"]


def test_process_runs_every_step_on_one_document():
    text, meta = CORPUS / "2018-10-29-acftu-talk-xinhua.txt", CORPUS / "2018-10-29-acftu-talk-xinhua.toml"
    outcome = pipeline.process(text, meta, SCHEMA, ROOT)
    assert [p for p in outcome.problems if p.severity == "error"] == []
    built = outcome.built
    assert built.document["doc_id"] == "2018-10-29-acftu-talk-xinhua"
    assert built.document["n_paragraphs"] == len(built.paragraphs) and built.document["n_sentences"] == len(built.sentences)
    assert {s["paragraph_id"] for s in built.sentences} <= {p["paragraph_id"] for p in built.paragraphs}
    assert outcome.claim.declared == outcome.claim.doc_id == "2018-10-29-acftu-talk-xinhua"


def test_process_switches_off_the_rules_the_environment_names_at_each_call(monkeypatch):
    text, meta = CORPUS / "2023-10-23-acftu-talk-qiushi.txt", CORPUS / "2023-10-23-acftu-talk-qiushi.toml"

    def rules() -> set[str]:
        built = pipeline.process(text, meta, SCHEMA, ROOT).built
        return {part for p in built.paragraphs for part in p["annotation_rule"].split("/")}
    assert "speech-text-author" in rules()
    monkeypatch.setenv("ACFTU_TALKS_DISABLE_RULES", "speech-text-author")
    assert "speech-text-author" not in rules()
    monkeypatch.delenv("ACFTU_TALKS_DISABLE_RULES")
    assert "speech-text-author" in rules()


def test_process_stops_after_a_sidecar_error_and_still_claims_its_doc_id(tmp_path):
    write_doc(tmp_path, "2018-10-29-t-xinhua", "标题\n习近平强调，要团结。\n", **{'doc_type = "news_report"': 'doc_type = "speech"'})
    outcome = pipeline.process(tmp_path / "2018-10-29-t-xinhua.txt", tmp_path / "2018-10-29-t-xinhua.toml",
                               SCHEMA, tmp_path)
    assert outcome.built is None
    assert [p.code for p in outcome.problems] == ["meta.enum"]
    assert outcome.claim.declared == "2018-10-29-t-xinhua"


def test_an_unreadable_document_has_no_records_and_no_claim(tmp_path):
    (tmp_path / "2018-10-29-t.txt").write_bytes("标题".encode("gbk"))
    (tmp_path / "2018-10-29-t.toml").write_text("", encoding="utf-8")
    outcome = pipeline.process(tmp_path / "2018-10-29-t.txt", tmp_path / "2018-10-29-t.toml", SCHEMA, tmp_path)
    assert (outcome.built, outcome.claim) == (None, None)
    assert "text.encoding" in [p.code for p in outcome.problems]


def test_a_packed_chunk_unpacks_to_each_documents_own_rows():
    from acftu_talks.errors import Problem
    from acftu_talks.contract import ids
    from acftu_talks.release import write
    from acftu_talks.release.summary import tally
    names = ["2018-10-29-acftu-talk-xinhua", "2023-10-23-acftu-talk-qiushi", "2013-10-23-acftu-talk-cctv"]
    outcomes = [pipeline.process(CORPUS / f"{n}.txt", CORPUS / f"{n}.toml", SCHEMA, ROOT) for n in names]
    # the second document has an error: it is never written, so it is sent without rows
    error = Problem("corpus/x.txt", 1, "text", "an error", "text.test", "fix it")
    outcomes[1] = outcomes[1]._replace(problems=outcomes[1].problems + [error])
    unpacked = list(pipeline.unpack_outcomes(pipeline.pack_outcomes(outcomes)))
    assert [o.problems for o in unpacked] == [o.problems for o in outcomes]
    for before, after in zip(outcomes, unpacked):
        built, packed = before.built, after.built
        assert packed.document == built.document
        assert packed.fingerprints == ids.fingerprints(built.paragraphs, built.sentences)
        if before is outcomes[1]:
            assert (packed.rows, packed.tally, packed.batches) == (None, None, None)
            continue
        assert packed.tally == tally(built)
        for name, rows in built.records.items():
            expected = write.batch_maker(write.sink_schema(name))(rows)
            assert packed.batches[name].to_pylist() == expected.to_pylist() and len(rows) > 0
