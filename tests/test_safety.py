"""Nothing destroyed, nothing leaked, no traceback: the command under a
careless user and hostile input (cli.py, errors.py, read.py, release/write.py,
contract/ids.py).

Every case runs in a throw-away copy of the checkout (corpus, schemas, card,
a ``.git`` folder) and checks the exit code, the first line of the message,
and that the checkout, the corpus and the previous release are byte for byte
what they were.
"""
from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from acftu_talks import cli
from acftu_talks.errors import EXIT, MAX_PER_FILE, Problem, render_bounded, snippet
from acftu_talks.release import write

from conftest import CARD, CORPUS, ROOT, SCHEMA

COMPANIONS = ("RIGHTS.md", "LICENSE", "CHANGELOG.md")


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``, hidden ones included: files by sha256,
    symlinks by target, folders by name."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = "-> " + os.readlink(path)
        elif path.is_dir():
            found[rel] = "dir"
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[rel] = "special"
    return found


@pytest.fixture
def checkout(tmp_path, monkeypatch) -> Path:
    """A copy of the checkout with a built release in it, as the working folder."""
    root = tmp_path / "checkout"
    root.mkdir()
    shutil.copytree(CORPUS, root / "corpus")
    shutil.copytree(SCHEMA, root / "schema")
    for name in ("dataset_card.md", *COMPANIONS):
        shutil.copyfile(ROOT / name, root / name)
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    monkeypatch.chdir(root)
    assert cli.main(["build"]) == 0
    return root


def run(argv, capsys) -> tuple[int, list[str]]:
    code = cli.main(argv)
    return code, capsys.readouterr().err.splitlines()


# --out: only a new folder or a release this tool wrote -----------------------

def _setup_out(root: Path, name: str) -> str:
    if name == "notes":
        (root / "notes").mkdir()
        (root / "notes" / "mine.txt").write_text("keep me", encoding="utf-8")
    elif name == "link":
        (root / "link").symlink_to(root / "release")
    elif name == "file.txt":
        (root / "file.txt").write_text("keep me", encoding="utf-8")
    elif name == "ABS":
        return str(root)
    return name


OUT_CASES = [
    (".", ".: error: usage: --out would replace the working folder [release.out-holds-input]"),
    ("..", "..: error: usage: --out would replace the working folder [release.out-holds-input]"),
    ("ABS", "{root}: error: usage: --out would replace the working folder [release.out-holds-input]"),
    ("corpus", "corpus: error: usage: --out would replace the input corpus [release.out-holds-input]"),
    ("schema", "schema: error: usage: --out would replace the input schema [release.out-holds-input]"),
    ("dataset_card.md", "dataset_card.md: error: usage: --out would replace the input dataset_card.md "
                        "[release.out-holds-input]"),
    ("corpus/release", "corpus/release: error: usage: --out is inside the input corpus [release.out-inside-input]"),
    ("notes", "notes: error: usage: --out holds files that are not a release of this tool (no "
              ".acftu-talks-release and manifest.json); it is left alone [release.out-not-a-release]"),
    ("file.txt", "file.txt: error: usage: --out is a file, not a release folder [release.out-not-a-release]"),
    ("link", "link: error: usage: --out is a symbolic link; the build replaces folders, never what a link "
             "points to [release.out-symlink]"),
]


@pytest.mark.parametrize("name, first", OUT_CASES, ids=[c[0] for c in OUT_CASES])
def test_an_out_that_is_not_a_release_is_refused_and_nothing_changes(checkout, capsys, name, first):
    out = _setup_out(checkout, name)
    before = snapshot(checkout.parent)
    code, err = run(["build", "--out", out], capsys)
    assert code == EXIT["usage"] == 2
    assert err[0] == first.format(root=checkout)
    assert err[1].startswith("    fix: ")
    assert err[-1] == f"acftu-talks: nothing was written, {out} is unchanged"
    assert snapshot(checkout.parent) == before


def test_a_previous_release_is_replaced_and_an_empty_folder_taken(checkout, capsys):
    (checkout / "empty").mkdir()
    assert run(["build", "--out", "empty"], capsys)[0] == 0
    assert write.is_release(checkout / "empty")
    assert run(["build", "--out", "empty"], capsys)[0] == 0  # now a release: replaced


def test_a_release_without_its_manifest_is_not_replaced(checkout, capsys):
    (checkout / "release" / "manifest.json").unlink()
    before = snapshot(checkout)
    code, err = run(["build"], capsys)
    assert code == 2 and err[0].endswith("[release.out-not-a-release]")
    assert snapshot(checkout) == before


def test_swap_in_never_replaces_a_folder_it_did_not_write(tmp_path):
    dest = tmp_path / "mine"
    dest.mkdir()
    (dest / "thesis.tex").write_text("years of work", encoding="utf-8")
    staging = write.make_staging(dest)
    with pytest.raises(Exception, match="not a release"):
        write.swap_in(staging, dest)
    write.discard(staging)
    assert snapshot(dest) == {"thesis.tex": hashlib.sha256(b"years of work").hexdigest()}


# the environment: read-only, file-size limit, disk full, Ctrl-C --------------

def test_a_read_only_release_is_an_environment_error(checkout, capsys):
    release = checkout / "release"
    mode = release.stat().st_mode
    os.chmod(release, mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        before = snapshot(checkout.parent)
        code, err = run(["build"], capsys)
        assert code == EXIT["environment"] == 3
        assert err[0] == ("release: error: environment: is read-only, so the previous release could not be "
                          "replaced [env.read-only]")
        assert err[-1] == "acftu-talks: stopped by the environment; nothing was written, release is unchanged"
        assert snapshot(checkout.parent) == before
    finally:
        os.chmod(release, mode)


def test_a_read_only_parent_is_an_environment_error(checkout, capsys):
    (checkout / "ro").mkdir()
    os.chmod(checkout / "ro", 0o555)
    try:
        before = snapshot(checkout.parent)
        code, err = run(["build", "--out", "ro/release"], capsys)
        assert code == 3
        assert err[0] == (f"{checkout / 'ro'}: error: environment: is not writable, so no release can be made in it "
                          "[env.read-only]")
        assert snapshot(checkout.parent) == before
    finally:
        os.chmod(checkout / "ro", 0o755)


def _subprocess(argv, cwd, limit_bytes=None, code_before="", timeout=120):
    """The command in its own interpreter, optionally under a file-size
    limit (``ulimit -f``) and with ``code_before`` run first."""
    def limit():
        if limit_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    program = code_before + f"\nfrom acftu_talks import cli\nimport sys\nsys.exit(cli.main({argv!r}))\n"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "build"), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-c", program], cwd=cwd, env=env, capture_output=True, text=True,
                          preexec_fn=limit, timeout=timeout)


def test_a_file_size_limit_stops_the_build_with_a_message(checkout):
    before = snapshot(checkout.parent)
    done = _subprocess(["build"], checkout, limit_bytes=16 * 1024)
    assert done.returncode == 3, done.stderr
    err = done.stderr.splitlines()
    assert err[0].startswith("release: error: environment: ") and err[0].endswith("[env.file-too-large]")
    assert err[-1] == "acftu-talks: stopped by the environment; nothing was written, release is unchanged"
    assert "Traceback" not in done.stderr
    assert snapshot(checkout.parent) == before


def _tmpfs(path: Path, size: str) -> bool:
    path.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True).returncode == 0


def test_a_full_disk_stops_the_build_and_leaves_the_release_whole(checkout):
    disk = checkout.parent / "disk"
    if not _tmpfs(disk, "1m"):
        pytest.skip("no small tmpfs can be mounted here (needs root)")
    try:
        assert _subprocess(["build", "--out", str(disk / "release")], checkout).returncode == 0
        filler = disk / "filler"
        free = shutil.disk_usage(disk).free
        filler.write_bytes(b"\0" * max(free - 60 * 1024, 0))
        before = snapshot(disk)
        done = _subprocess(["build", "--out", str(disk / "release")], checkout)
        assert done.returncode == 3, done.stderr
        assert done.stderr.splitlines()[0].endswith("[env.disk-full]")
        assert "Traceback" not in done.stderr
        assert snapshot(disk) == before
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_ctrl_c_prints_one_line_and_leaves_the_release_whole(checkout):
    before = snapshot(checkout.parent)
    # A real SIGINT, delivered while the release is being finished.
    hook = textwrap.dedent("""
        import os, signal
        from acftu_talks.release import finish
        real = finish.finish
        def interrupted(*args):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
        import time
        finish.finish = interrupted
    """)
    done = _subprocess(["build"], checkout, code_before=hook)
    assert done.returncode == EXIT["interrupted"] == 130
    assert done.stderr.splitlines() == ["acftu-talks: interrupted; nothing was written, release is unchanged"]
    assert snapshot(checkout.parent) == before


# ids: atomic lock and history, --reason one line -----------------------------

def _change_a_text(root: Path) -> None:
    """Add a character to the first paragraph of one raw text, so that its
    id fingerprints change, keeping the corpus valid (sha256 pinned)."""
    text = root / "corpus" / "2018-10-29-acftu-talk-xinhua.txt"
    lines = text.read_bytes().decode("utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.strip())
    lines[index] += "。"
    _pinned(root, text.stem, "\n".join(lines).encode("utf-8"))


@pytest.mark.parametrize("reason, char", [("a\tb", "U+0009"), ("a\nb", "U+000A"), ("a\x1b[31mb", "U+001B"),
                                          ("", None), ("   ", None)])
def test_a_reason_that_is_not_one_line_of_text_is_refused(checkout, capsys, reason, char):
    _change_a_text(checkout)
    before = snapshot(checkout.parent)
    code, err = run(["ids", "--accept", "--reason", reason], capsys)
    assert code == 2
    if char:
        assert err[0].startswith(f"--reason: error: usage: --reason holds the control character {char} at character ")
    else:
        assert err[0] == '--reason: error: usage: ids --accept needs --reason "why the ids changed" [ids.reason]'
    assert snapshot(checkout.parent) == before


def test_ids_on_an_input_problem_is_a_message(checkout, capsys):
    (checkout / "corpus" / "2018-10-29-acftu-talk-xinhua.toml").write_text("x = [", encoding="utf-8")
    code, err = run(["ids"], capsys)
    assert code == 1
    assert ("corpus/2018-10-29-acftu-talk-xinhua.toml: error: toml: not valid TOML: Invalid value (at end "
            "of document) [meta.toml]") in err
    assert err[-1].endswith(" problem(s); nothing was written")


def _lock_texts(root: Path) -> tuple[str, str]:
    return ((root / "corpus" / "ids.lock.tsv").read_text(encoding="utf-8"),
            (root / "corpus" / "id-changes.tsv").read_text(encoding="utf-8")
            if (root / "corpus" / "id-changes.tsv").exists() else "")


def test_a_kill_while_writing_leaves_the_lock_and_history_as_they_were(checkout):
    _change_a_text(checkout)
    before = snapshot(checkout.parent)
    # SIGKILL once the new lock is written and flushed, before any rename.
    hook = textwrap.dedent("""
        import os, signal
        os.fsync = lambda fd, n=[0]: (n.append(1), len(n) == 3 and os.kill(os.getpid(), signal.SIGKILL))
    """)
    done = _subprocess(["ids", "--accept", "--reason", "test"], checkout, code_before=hook)
    assert done.returncode == -signal.SIGKILL
    leftovers = {k for k in snapshot(checkout.parent) if k not in before}
    assert all(k.rsplit("/", 1)[-1].startswith(".") and k.endswith(".tmp") for k in leftovers)
    assert {k: v for k, v in snapshot(checkout.parent).items() if k not in leftovers} == before
    # The next run removes the temporary files and pins.
    assert _subprocess(["ids", "--accept", "--reason", "test"], checkout).returncode == 0
    assert sorted(p.name for p in (checkout / "corpus").iterdir() if p.name.startswith(".")) == []
    assert _subprocess(["ids"], checkout).returncode == 0


def test_a_kill_between_the_renames_leaves_the_old_lock_and_the_next_run_records_nothing_twice(checkout):
    _change_a_text(checkout)
    before = _lock_texts(checkout)
    hook = textwrap.dedent("""
        import os, signal
        real = os.replace
        def replace(a, b, n=[0]):
            n[0] += 1
            if n[0] == 2:
                os.kill(os.getpid(), signal.SIGKILL)
            real(a, b)
        os.replace = replace
    """)
    done = _subprocess(["ids", "--accept", "--reason", "test"], checkout, code_before=hook)
    assert done.returncode == -signal.SIGKILL
    lock, changes = _lock_texts(checkout)
    assert lock == before[0]  # whole, the old one
    assert changes != before[1]  # the history was renamed into place first
    assert _subprocess(["ids", "--accept", "--reason", "test"], checkout).returncode == 0
    lock, again = _lock_texts(checkout)
    assert again == changes and lock != before[0]
    assert sorted(p.name for p in (checkout / "corpus").iterdir() if p.name.startswith(".")) == []
    assert _subprocess(["ids"], checkout).returncode == 0


def test_a_file_size_limit_during_ids_accept_leaves_the_lock_as_it_was(checkout):
    _change_a_text(checkout)
    before = snapshot(checkout.parent)
    done = _subprocess(["ids", "--accept", "--reason", "test"], checkout, limit_bytes=4096)
    assert done.returncode == 3, done.stderr
    first = done.stderr.splitlines()[0]
    assert first in ("corpus/id-changes.tsv: error: environment: file too large [env.file-too-large]",
                     "corpus/ids.lock.tsv: error: environment: file too large [env.file-too-large]"), first
    assert snapshot(checkout.parent) == before  # no temporary file left either


def test_kills_at_any_moment_of_ids_accept_leave_a_whole_lock(checkout):
    _change_a_text(checkout)
    old = _lock_texts(checkout)[0]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "build")}
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 2.0):
        process = subprocess.Popen([sys.executable, "-m", "acftu_talks", "ids", "--accept", "--reason", "test"],
                                   cwd=checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.kill()
        process.wait()
        lock = _lock_texts(checkout)[0]
        lines = lock.split("\n")
        # the old lock or the new one, whole either way (never empty, never cut short)
        assert lines[0].startswith("# id\t") and lock.endswith("\n") and len(lines) > 100
        assert all(len(line.split("\t")) == 2 for line in lines[1:-1])
        (checkout / "corpus" / "ids.lock.tsv").write_text(old, encoding="utf-8")


# corpus entries that are not regular files ------------------------------------

def test_a_fifo_in_the_corpus_is_reported_not_read(checkout, capsys):
    os.mkfifo(checkout / "corpus" / "2030-01-01-pipe-xinhua.txt")
    shutil.copyfile(checkout / "corpus" / "2018-10-29-acftu-talk-xinhua.toml",
                    checkout / "corpus" / "2030-01-01-pipe-xinhua.toml")
    before = snapshot(checkout / "release")
    code, err = run(["build"], capsys)  # would block forever if the FIFO were opened for reading
    assert code == 1
    assert err[0] == ("corpus/2030-01-01-pipe-xinhua.txt: error: file: is a named pipe (FIFO), not a regular "
                      "file: it is not read [corpus.not-a-file]")
    assert snapshot(checkout / "release") == before


def test_a_device_in_the_corpus_is_reported_not_read(checkout, capsys):
    path = checkout / "corpus" / "2030-01-01-zero-xinhua.txt"
    try:
        os.mknod(path, 0o644 | stat.S_IFCHR, os.makedev(1, 5))  # what /dev/zero is
    except (PermissionError, OSError):
        pytest.skip("no permission to make a device node here")
    shutil.copyfile(checkout / "corpus" / "2018-10-29-acftu-talk-xinhua.toml", path.with_suffix(".toml"))
    code, err = run(["validate"], capsys)  # would read forever if it were opened
    assert code == 1
    assert err[0] == ("corpus/2030-01-01-zero-xinhua.txt: error: file: is a character device, not a regular "
                      "file: it is not read [corpus.not-a-file]")


def test_a_file_that_turns_into_a_link_after_listing_is_not_followed(tmp_path):
    from acftu_talks import read
    secret = tmp_path / "secret.txt"
    secret.write_text("private", encoding="utf-8")
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").symlink_to(secret)
    with pytest.raises(OSError):
        read.read_regular(tmp_path / "corpus" / "a.txt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files without read permission")
def test_an_unreadable_file_is_reported(checkout, capsys):
    path = checkout / "corpus" / "2018-10-29-acftu-talk-xinhua.txt"
    os.chmod(path, 0)
    try:
        code, err = run(["validate"], capsys)
    finally:
        os.chmod(path, 0o644)
    assert code == 1
    assert err[0] == ("corpus/2018-10-29-acftu-talk-xinhua.txt: error: file: cannot be read: Permission denied "
                      "[corpus.unreadable]")


# schemas and the card ---------------------------------------------------------

def test_a_missing_or_broken_schema_is_a_message(checkout, capsys):
    (checkout / "schema" / "sentence.schema.json").unlink()
    (checkout / "schema" / "paragraph.schema.json").write_text("{", encoding="utf-8")
    before = snapshot(checkout.parent)
    code, err = run(["build"], capsys)
    assert code == 1
    assert err[0] == ("schema/paragraph.schema.json:1: error: json: not valid JSON: Expecting property name "
                      "enclosed in double quotes [schema.json]")
    assert err[2] == "schema/sentence.schema.json: error: file: the schema is missing [schema.missing]"
    assert snapshot(checkout.parent) == before


def test_a_schema_that_is_not_a_json_schema_is_a_message(checkout, capsys):
    (checkout / "schema" / "document.schema.json").write_text('{"type": 3, "properties": {}}', encoding="utf-8")
    code, err = run(["validate"], capsys)
    assert code == 1
    assert err[0].startswith("schema/document.schema.json: error: type: not a valid JSON Schema: ")


@pytest.mark.parametrize("setup, code, first", [
    (lambda root: None, 2, "missing.md: error: usage: --card: no such file [card.missing]"),
    (lambda root: (root / "missing.md").write_bytes(b"# {{ version }} {{ count_paragraphs }} {{ fields_tables }}\xff"),
     1, "missing.md:1: error: encoding: the file is not UTF-8: byte 0xff at byte offset 58 (byte 59 of line 1) "
        "cannot be decoded [text.encoding]"),
    (lambda root: (root / "missing.md").write_text("# notes\n", encoding="utf-8"),
     1, "missing.md: error: template: not a card template: it does not use {{ version }}, {{ count_paragraphs }}, "
        "{{ fields_tables }} [card.not-a-template]"),
    (lambda root: (root / "missing.md").write_text("{{ version }} {{ count_paragraphs }} {{ fields_tables }}\n"
                                                   "{{ nonsense }}\n", encoding="utf-8"),
     1, "missing.md:2: error: template: {{ nonsense }} is not a block the build generates [card.unknown-block]"),
])
def test_a_missing_or_wrong_card_builds_nothing(checkout, capsys, setup, code, first):
    setup(checkout)
    before = snapshot(checkout.parent)
    found, err = run(["build", "--card", "missing.md"], capsys)
    assert (found, err[0]) == (code, first)
    assert snapshot(checkout.parent) == before


def test_a_root_without_the_rights_licence_and_changelog_builds_nothing(checkout, capsys):
    for name in COMPANIONS:
        (checkout / name).unlink()
    before = snapshot(checkout.parent)
    code, err = run(["build"], capsys)
    assert code == 1
    assert [line for line in err if ": error: " in line] == [
        f"{name}: error: file: missing from the repository root: the release must ship it beside the card "
        "[card.missing-companion]" for name in sorted(COMPANIONS)]
    assert snapshot(checkout.parent) == before


# linear scans, bounded reports -------------------------------------------------

def _pinned(root: Path, doc: str, data: bytes) -> None:
    (root / "corpus" / f"{doc}.txt").write_bytes(data)
    meta = root / "corpus" / f"{doc}.toml"
    body = meta.read_text(encoding="utf-8")
    old = body.split('source_sha256 = "')[1].split('"')[0]
    meta.write_text(body.replace(old, hashlib.sha256(data).hexdigest()), encoding="utf-8")


@pytest.mark.parametrize("name, data, first", [
    ("1 MB of NUL", b"\0" * 2**20, "control character U+0000 in the text (and 1048575 more on this line)"),
    ("UTF-16 without a BOM", "习近平同中华全国总工会新一届领导班子成员集体谈话\n".encode("utf-16-le") * 40_000, None),
    ("ASCII UTF-16 without a BOM", "Xinhua report line\n".encode("utf-16-le") * 60_000,
     "control character U+0000 in the text"),
    ("an unclosed bookmark, repeated", ("正文[bookmark: x" * 20_000 + "\n").encode("utf-8"), None),
])
def test_large_mangled_files_are_reported_fast_and_briefly(checkout, capsys, name, data, first):
    _pinned(checkout, "2018-10-29-acftu-talk-xinhua", data)
    started = time.perf_counter()
    code, err = run(["validate", "--jobs", "1"], capsys)
    seconds = time.perf_counter() - started
    assert seconds < 30, f"{name}: {seconds:.1f} s"
    assert code == 1
    problems = [line for line in err if not line.startswith("    fix: ")]
    assert len(problems) <= 2 * (MAX_PER_FILE + 1) + 1
    if first:
        assert any(first in line for line in err), err[:3]


def test_reports_are_bounded_per_file_then_counted():
    problems = [Problem("a.txt", n, "x", "m", "t.c", "f") for n in range(1, 61)] + [Problem("b.txt", 1, "x", "m", "t.c")]
    lines = render_bounded(problems)
    assert len(lines) == MAX_PER_FILE + 2
    assert lines[-1] == ("a.txt: note: 10 more error(s) in this file not shown [report.truncated]\n"
                         "    fix: fix the ones above and run again")


def test_snippets_are_short_and_escaped():
    assert snippet("ab\x1b[31mc\u200fd'") == "'ab\\x1b[31mc\\u200fd\\''"
    assert snippet("x" * 100) == "'" + "x" * 40 + "'…"


# no traceback from the entry point --------------------------------------------

def test_the_installed_command_reports_an_interrupt_in_one_line(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "build")}
    hook = "import os, signal; os.kill(os.getpid(), signal.SIGINT); import time; time.sleep(5)"
    done = subprocess.run([sys.executable, "-c", "from acftu_talks import cli\nimport acftu_talks.cli as c\n"
                           f"c.main = lambda **k: exec({hook!r})\ncli.run()"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 130
    assert done.stderr == "acftu-talks: interrupted; nothing was written\n"


def test_a_link_out_of_the_corpus_is_named_never_read(monkeypatch, capsys):
    case = ROOT / "tests" / "bad_inputs" / "symlink-outside-the-corpus"
    monkeypatch.chdir(case)
    code, err = run(["validate", "--corpus", "corpus", "--schema", str(SCHEMA)], capsys)
    assert code == 1
    assert "PRIVATE" not in "\n".join(err) and "private-notes" not in "\n".join(err)


# invisible characters ----------------------------------------------------------

@pytest.mark.parametrize("char", ["\u200e", "\u00ad", "\ufe0f", "\u3164", "\u200f\u200e"])
def test_a_line_of_invisible_characters_is_no_paragraph_and_is_warned(checkout, capsys, char):
    doc = "2018-10-29-acftu-talk-xinhua"
    lines = (checkout / "corpus" / f"{doc}.txt").read_bytes().decode("utf-8").split("\n")
    lines.insert(1, char)
    _pinned(checkout, doc, "\n".join(lines).encode("utf-8"))
    code, err = run(["validate"], capsys)
    assert code == 0  # the ids are those of the text without the line: nothing moved
    assert (f"corpus/{doc}.txt:2: warning: line: the line holds only invisible characters "
            f"(U+{ord(char[0]):04X} first): it is no paragraph, its characters are recorded as edits "
            "[text.invisible-line]") in err


def test_a_leading_right_to_left_mark_is_trimmed_and_recorded(checkout, capsys):
    from acftu_talks import segment
    spans, loose = segment.segment("\u200f2018年10月29日\n正文。\n")
    assert [s.text for s in spans] == ["2018年10月29日", "正文。"]
    assert [(c.kind, c.start, c.end) for c in spans[0].edges] == [("zero_width", 0, 1)]


def test_a_draft_sidecar_is_created_whole_and_never_over_a_file(tmp_path):
    from acftu_talks.contract.ids import create_atomic
    target = tmp_path / "a.toml"
    create_atomic(target, "x = 1\n")
    assert target.read_text(encoding="utf-8") == "x = 1\n"
    with pytest.raises(FileExistsError):
        create_atomic(target, "x = 2\n")
    assert target.read_text(encoding="utf-8") == "x = 1\n"
    program = (f"import sys; sys.path.insert(0, {str(ROOT / 'build')!r})\n"
               "from pathlib import Path\nfrom acftu_talks.contract.ids import create_atomic\n"
               f"create_atomic(Path({str(tmp_path / 'b.toml')!r}), 'x' * 100_000)\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096)))
    assert done.returncode != 0 and "File too large" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml"]  # no half file, no temporary file
