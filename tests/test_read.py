from pathlib import Path

from acftu_talks.read import Shown, check_text, decode, display, list_pairs


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


def test_shown_names_files_as_display_does_resolving_each_folder_once(tmp_path: Path, monkeypatch):
    root = tmp_path / "repo"
    (root / "corpus").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (root / "linked").symlink_to(tmp_path / "elsewhere")  # a folder linked out of the root
    (root / "corpus" / "a.txt").write_text("x", encoding="utf-8")
    (root / "corpus" / "link.txt").symlink_to(tmp_path / "elsewhere" / "b.txt")  # named as itself
    monkeypatch.chdir(root)
    paths = [root / "corpus" / "a.txt", root / "corpus" / "link.txt", Path("corpus/a.txt"),
             Path("corpus/../corpus/a.txt"), root / "linked" / "c.txt", tmp_path / "outside.txt", root / "top.txt"]
    expected = ["corpus/a.txt", "corpus/link.txt", "corpus/a.txt", "corpus/a.txt",
                (root / "linked" / "c.txt").as_posix(), (tmp_path / "outside.txt").as_posix(), "top.txt"]
    for given_root in (root, Path(".")):
        shown = Shown(given_root)
        assert [shown(p) for p in paths] == [display(p, given_root, follow=False) for p in paths] == expected
    calls = []
    original = Path.resolve
    monkeypatch.setattr(Path, "resolve", lambda self, *a: calls.append(self) or original(self, *a))
    shown = Shown(root)
    for name in ("a.txt", "b.txt", "c.txt"):
        shown(root / "corpus" / name)
    assert calls == [root / "corpus", root]  # the folder once, the root once


def test_shown_joins_names_as_pathlib_does(tmp_path: Path, monkeypatch):
    """Names are what resolving the folder and joining the name gives, for
    files in the root, below it, beside it, through links and dots."""
    root = tmp_path / "repo"
    (root / "corpus" / "sub").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (root / "linked").symlink_to(tmp_path / "elsewhere")
    (root / "inward").symlink_to(root / "corpus")
    monkeypatch.chdir(root / "corpus")
    folders = [root, root / "corpus", root / "corpus" / "sub", root / "linked", root / "inward", tmp_path,
               Path("."), Path(".."), Path("sub"), Path("../corpus/sub/.."), Path("/"), root / "corpus" / ".."]
    names = ["a.txt", "..", "x y.toml", "é.txt", ".hidden"]
    paths = [f / n for f in folders for n in names] + folders

    def reference(path: Path, given: Path) -> str:
        try:
            return (path.parent.resolve() / path.name).relative_to(given.resolve()).as_posix()
        except ValueError:
            return path.as_posix()
    for given in (root, Path(".."), root / "corpus", tmp_path, Path("/")):
        shown = Shown(given)
        for _ in range(2):  # and again, from the folders known
            assert [shown(p) for p in paths] == [reference(p, given) for p in paths]
