from pathlib import Path

from acftu_talks.read import check_text, decode, list_pairs


def test_decode_names_the_line_of_a_bad_byte_and_suggests_reencoding():
    data = "第一行\n第二行".encode("utf-8") + b"\n" + "第三行".encode("gbk")
    text, problems = decode(data, "corpus/x.txt")
    assert text is None
    (problem,) = problems
    assert (problem.path, problem.line, problem.code) == ("corpus/x.txt", 3, "text.encoding")
    assert "iconv -f GB18030 -t UTF-8" in problem.hint


def test_bom_is_kept_by_decoding():
    text, problems = decode("\ufeff甲".encode("utf-8"), "x.txt")
    assert text == "\ufeff甲" and problems == []


def test_control_characters_and_lone_carriage_returns_are_located():
    problems = check_text("甲\n乙\x00丙\n丁\r戊\r\n", "x.txt")
    assert [(p.line, p.where, p.code) for p in problems] == [
        (2, "column 2", "text.control-character"), (3, "column 2", "text.control-character")]


def test_empty_text_is_rejected():
    (problem,) = check_text(" \u3000\n", "x.txt")
    assert problem.code == "text.empty"


def test_texts_and_sidecars_are_paired(tmp_path: Path):
    for name in ("a.txt", "a.toml", "b.txt", "c.toml"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    pairs, problems = list_pairs(tmp_path, tmp_path)
    assert [(t.name, m.name) for t, m in pairs] == [("a.txt", "a.toml")]
    assert sorted((p.path, p.code) for p in problems) == [
        ("b.txt", "corpus.missing-sidecar"), ("c.toml", "corpus.missing-text")]
