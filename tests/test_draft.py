"""`acftu-talks new` and `acftu-talks show` end to end: a raw text in, a
draft whose guesses are marked, refused until they are confirmed, built
once they are; a document's rows as a terminal table."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from acftu_talks import cli, draft, show

from conftest import CORPUS, ROOT, SCHEMA, build_args, with_root_files

SOURCES = ROOT.parent / "shared" / "sources"
DOC = "2023-10-23-acftu-talk-cctv"


def fresh_corpus(tmp_path: Path) -> Path:
    """A corpus with the series' events and people and one raw text, as
    received, without its sidecar."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("events.toml", "persons.toml"):
        shutil.copyfile(CORPUS / name, corpus / name)
    shutil.copyfile(CORPUS / f"{DOC}.txt", corpus / f"{DOC}.txt")
    return corpus


def confirm(text: str, values: dict[str, str]) -> str:
    """What a curator does: fill in the placeholders, drop the guess comments."""
    out = []
    for line in text.split("\n"):
        key = line.split("=", 1)[0].strip()
        if key in values and "<" in line:
            line = f'{key} = "{values[key]}"' + line[line.index("  # guess:"):]
        out.append(re.sub(r"\s+# guess:.*$", "", line))
    return "\n".join(out)


def test_new_writes_a_draft_that_builds_once_its_guesses_are_confirmed(tmp_path, monkeypatch, capsys):
    corpus = fresh_corpus(tmp_path)
    monkeypatch.chdir(with_root_files(tmp_path))  # a root a build accepts
    assert cli.main(["new", f"corpus/{DOC}.txt", "--schema", str(SCHEMA)]) == 0
    assert f"wrote corpus/{DOC}.toml" in capsys.readouterr().out
    text = (corpus / f"{DOC}.toml").read_text(encoding="utf-8")
    # read off the text and the registry
    assert 'source_sha256 = "f5664dd6a13ebb1e9356bee6fc157289015ebe4c5c2085907ea5cb4e5e2e8f16"\n' in text
    assert 'doc_type = "news_report"  # guess: the source tag 央视网消息（新闻联播） on line 1' in text
    assert 'publisher_en = "CCTV Xinwen Lianbo"  # guess:' in text
    assert 'value = "2023-10-23"  # guess: the file name\'s date; the lead says 23日下午 (line 1)' in text
    assert 'event_id = "2023-10-23-acftu-talk"  # guess:' in text
    assert "\n[date]\n" in text and 'source = "Xinhua and CCTV Xinwen Lianbo, 2023-10-23; the readout says 23日下午' in text
    assert "王东明" in text and "蔡奇" in text and "NOT REGISTERED" not in text

    # unconfirmed: refused, each guess named by its line
    assert cli.main(["validate", "--corpus", "corpus", "--schema", str(SCHEMA)]) == 1
    err = capsys.readouterr().err
    guesses = [n for n, line in enumerate(text.split("\n"), 1) if "# guess:" in line]
    reported = sorted({int(m) for m in re.findall(rf"corpus/{DOC}\.toml:(\d+): error: [^\n]*\[meta\.unconfirmed-guess\]", err)})
    assert reported == guesses
    assert "[meta.placeholder]" in err

    confirmed = confirm(text, {"provenance_en": "A test copy.", "title": "习近平同全总新一届领导班子成员集体谈话",
                               "title_source": "CCTV, 2023-10-23", "title_en": "Xi talks with the ACFTU leadership",
                               "source": "CCTV Xinwen Lianbo, 2023-10-23",
                               "note": "The text says only 23日下午. The month and year come from the broadcast."})
    (corpus / f"{DOC}.toml").write_text(confirmed, encoding="utf-8")
    assert cli.main(build_args(Path("corpus"), tmp_path / "release")) == 0


def test_new_never_overwrites_a_sidecar(tmp_path, monkeypatch, capsys):
    corpus = fresh_corpus(tmp_path)
    (corpus / f"{DOC}.toml").write_text("kept", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["new", f"corpus/{DOC}.txt", "--schema", str(SCHEMA)]) == 1
    assert "a sidecar already exists; nothing was written" in capsys.readouterr().err
    assert (corpus / f"{DOC}.toml").read_text(encoding="utf-8") == "kept"


def test_new_lists_an_unregistered_participant_with_the_line_to_add(tmp_path, monkeypatch, capsys):
    corpus = fresh_corpus(tmp_path)
    raw = (corpus / f"{DOC}.txt").read_text(encoding="utf-8").replace("主席王东明代表", "主席王冬明代表")
    (corpus / "2023-10-23-acftu-talk-test.txt").write_text(raw, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["new", "corpus/2023-10-23-acftu-talk-test.txt", "--schema", str(SCHEMA)]) == 0
    out = capsys.readouterr().out
    assert "to do: line 1: '王冬明' is not registered" in out and "misspelling of 王东明" in out
    text = (corpus / "2023-10-23-acftu-talk-test.toml").read_text(encoding="utf-8")
    assert "# NOT REGISTERED, line 1: '王冬明'" in text


def test_a_speech_text_is_drafted_from_its_title_byline_and_note(tmp_path):
    corpus = fresh_corpus(tmp_path)
    shutil.copyfile(CORPUS / "2023-10-23-acftu-talk-qiushi.txt", corpus / "2023-10-23-acftu-talk-qiushi.txt")
    text, notes = draft.draft(corpus / "2023-10-23-acftu-talk-qiushi.txt", corpus, SCHEMA, tmp_path)
    assert 'doc_type = "speech_text"  # guess: a title and a byline (习近平, line 2)' in text
    assert 'title = "组织动员亿万职工积极投身强国建设、民族复兴的伟大事业"  # guess: the text\'s first line' in text
    assert 'speaker = "习近平"  # guess: the byline on line 2' in text
    assert 'value = "2023-10-23"  # guess: the text states 2023年10月23日 (line 13)' in text
    assert notes == []


def test_show_prints_every_paragraph_and_sentence_with_its_labels(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert cli.main(["show", "2018-10-29-acftu-talk-xinhua", "--width", "120"]) == 0
    out = capsys.readouterr().out.split("\n")
    assert out[0].startswith("2018-10-29-acftu-talk-xinhua  news_report  event 2018-10-29-acftu-talk (2018-10-29)")
    header = next(line for line in out if line.startswith("id"))
    assert header.split() == ["id", "segment", "mode", "speaker", "cue", "rule", "text"]
    paragraphs = [line for line in out if re.match(r"^p\d{3} ", line)]
    sentences = [line for line in out if re.match(r"^  s\d{2} ", line)]
    assert len(paragraphs) == 12 and len(sentences) > 12
    p2 = next(line for line in paragraphs if line.startswith("p002"))
    assert p2.split()[1:3] == ["body", "narration"]
    assert any(line.split()[1:4] == ["reported", "习近平", "强调"] for line in sentences)
    assert all(show.width(line) <= 120 for line in paragraphs + sentences)
    assert out[-2].startswith("participants: 习近平 speaker, 王沪宁 attended")


def test_show_an_unknown_doc_id_says_how_to_find_one(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert cli.main(["show", "2018-10-29-nothing"]) == 1
    assert "[corpus.unknown-doc]" in capsys.readouterr().err


def test_clip_counts_chinese_as_two_columns():
    assert show.width("习近平ab") == 8
    assert show.clip("习近平强调要团结", 7) == "习近平…"
