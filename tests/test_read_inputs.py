"""Reading raw texts and sidecars: encodings, control characters, BOMs (read.py)."""
from __future__ import annotations

from acftu_talks import read

TEXT = "新华社北京10月29日电\n习近平强调，工会要团结动员亿万职工。\n"


def test_gbk_names_the_line_and_the_command():
    data = "first line\n".encode() + TEXT.encode("gbk")
    raw, [problem] = read.decode(data, "corpus/x.txt")
    assert raw is None and problem.line == 2 and problem.code == "text.encoding"
    assert "byte 1 of line 2" in problem.message
    assert problem.hint == ("it looks like GBK/GB18030: convert it with `iconv -f GB18030 -t UTF-8 corpus/x.txt > "
                            "x.txt.utf8 && mv x.txt.utf8 corpus/x.txt`, then pin the new source_sha256 in its sidecar")


def test_utf16_is_named():
    _, [problem] = read.decode(TEXT.encode("utf-16"), "corpus/x.txt")
    assert problem.hint.startswith("it is UTF-16: convert it with `iconv -f UTF-16 -t UTF-8 corpus/x.txt")


def test_a_sidecar_is_not_told_to_pin_a_checksum():
    _, [problem] = read.decode(b"title = \"\xff\"", "corpus/x.toml")
    assert problem.hint == "re-encode the file as UTF-8"


def test_control_characters_are_reported_once_a_line():
    problems = read.check_text("ab\x00\x00\x01\nok\nc\rd\n", "x.txt")
    assert [(p.line, p.where, p.message) for p in problems] == [
        (1, "column 3", "control character U+0000 in the text (and 2 more on this line)"),
        (3, "column 2", "a carriage return (U+000D) that does not end a line"),
    ]


def test_crlf_and_tabs_are_not_control_characters():
    assert read.check_text("a\tb\r\nc\r\n", "x.txt") == []


def test_a_sidecar_may_start_with_a_bom(tmp_path):
    (tmp_path / "x.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "x.toml").write_bytes("\ufeffdoc_id = \"x\"\r\n".encode())
    source, problems = read.read_source(tmp_path / "x.txt", tmp_path / "x.toml", tmp_path)
    assert problems == [] and source.meta == {"doc_id": "x"} and source.meta_lines[("doc_id",)] == 1


def test_a_text_is_searched_whole_for_what_its_lines_would_show():
    """The one search of a whole text finds nothing exactly where the search
    of each line (up to its CRLF's \\r) finds nothing."""
    import random
    pick = random.Random(3)
    pool = ["a", "中", "\n", "\r", "\r\n", "\t", "\x00", "\x0b", "\x85", "\x9f", "\xa0", "\u3000", "\u2028"]
    texts = ["".join(pick.choice(pool) for _ in range(pick.randint(1, 8))) for _ in range(5000)]
    clean = 0
    for text in texts + ["a\r", "a\r\r\n", "\r\n\r", "a\r\nb\r\n"]:
        if not text.strip():
            continue
        expected = read._line_problems(text, "x.txt")
        assert read.check_text(text, "x.txt") == expected, repr(text)
        clean += expected == []
    assert clean > 300
