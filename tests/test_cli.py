from acftu_talks import cli
from conftest import CORPUS, SCHEMA, build_args, subset_release


def test_build_prints_a_summary_with_the_loading_line(tmp_path, capsys):
    out = tmp_path / "release"
    assert cli.main(build_args(CORPUS, out)) == 0
    stdout = capsys.readouterr().out
    assert "built 5 documents, 38 paragraphs" in stdout
    assert f"-> {out}/" in stdout
    assert "overridden by sidecar: none" in stdout
    assert f'datasets.load_dataset("{out}", "paragraphs")' in stdout
    assert (out / "README.md").is_file()


def test_build_of_one_document_says_so_in_the_singular(tmp_path, capsys):
    subset_release(tmp_path, ("2013-10-23-acftu-talk-cctv",))
    assert "built 1 document, " in capsys.readouterr().out


def test_validate_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["validate", "--corpus", str(CORPUS), "--schema", str(SCHEMA)]) == 0
    assert "is valid" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []


def test_usage_errors_exit_2(tmp_path, capsys):
    assert cli.main(["frobnicate"]) == 2
    assert cli.main(["build", "--corpus", str(tmp_path / "missing")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_every_command_is_documented_in_the_readme():
    import argparse
    from conftest import ROOT
    parser = cli._parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert sorted(sub.choices) == sorted(c for c in sub.choices if f"`acftu-talks {c}`" in readme)
