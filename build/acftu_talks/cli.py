"""The ``acftu-talks`` command. Only this module prints and picks exit codes
(``errors.EXIT``): 0 success, 1 a problem in the inputs (fix it and run
again), 2 bad usage, 3 the environment refused (disk full, permission,
read-only, file-size limit), 130 interrupted. Every failure is one message
with a stable code; a traceback means a bug in the builder."""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import __version__, executor
from .release.cite import FORMATS, render
from .errors import (EXIT, EnvironmentProblem, InputError, UsageError, from_os_error, raise_if_errors,
                     render_bounded)
from .progress import Progress


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="acftu-talks", description=(
        "Build and check the acftu-talks corpus: raw texts in corpus/ -> a validated "
        "Parquet release that datasets.load_dataset reads."))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_ in (("build", "build the release (writes nothing unless every check passes)"),
                        ("validate", "check the corpus and sidecars; writes nothing"),
                        ("ids", "compare paragraph and sentence ids with corpus/ids.lock.tsv; "
                                "with --accept, record the changes and pin the current ids")):
        cmd = sub.add_parser(name, help=help_, description=help_)
        cmd.add_argument("--corpus", type=Path, default=Path("corpus"), help="raw texts and sidecars (default: corpus/)")
        cmd.add_argument("--schema", type=Path, default=Path("schema"), help="JSON Schemas (default: schema/)")
        cmd.add_argument("--root", type=Path, default=Path("."),
                         help="repository root: messages name files relative to it, and a release ships its "
                              "RIGHTS.md, LICENSE and CHANGELOG.md (default: the current folder)")
        if name == "ids":
            cmd.add_argument("--accept", action="store_true", help="record the changes and update the lock")
            cmd.add_argument("--reason", help="why the ids changed (required with --accept)")
        if name in ("build", "validate"):
            cmd.add_argument("--jobs", type=int, default=None, metavar="N",
                             help="worker processes for large corpora (default: one per CPU on "
                                  "three CPUs or more, else 1: on two CPUs a second worker was "
                                  "measured to cost 10-15%% more CPU for no gain in time; the output "
                                  "is the same for any N)")
        if name == "validate":
            cmd.add_argument("--release", type=Path, default=None, metavar="PATH",
                             help="also check this built release: checksums, every row against its schemas, "
                                  "and the round trip to the raw texts in --corpus")
        if name == "build":
            cmd.add_argument("--out", type=Path, default=Path("release"), help="release folder (default: release/)")
            cmd.add_argument("--card", type=Path, default=Path("dataset_card.md"),
                             help="card template (default: dataset_card.md)")
            cmd.add_argument("--previous", type=Path, default=None, metavar="PATH",
                             help="the previous release the release note compares with "
                                  "(default: the release at --out, if there is one)")
    new = sub.add_parser("new", help="write a draft sidecar for a raw text, every guess marked",
                         description="write a draft sidecar (corpus/<doc_id>.toml) from what the text and the people "
                                     "registry tell; every guessed value is marked '# guess:' and must be confirmed; "
                                     "never overwrites an existing sidecar")
    new.add_argument("text", type=Path, help="the raw text, corpus/<doc_id>.txt")
    new.add_argument("--schema", type=Path, default=Path("schema"), help="JSON Schemas (default: schema/)")
    show = sub.add_parser("show", help="print a document's paragraphs and sentences with their labels",
                          description="print a document's paragraphs and sentences: segment type, speech mode, "
                                      "speaker, cue and rule, as a table to review in a terminal")
    show.add_argument("doc_id", help="the document, e.g. 2018-10-29-acftu-talk-xinhua")
    show.add_argument("--corpus", type=Path, default=Path("corpus"), help="raw texts and sidecars (default: corpus/)")
    show.add_argument("--schema", type=Path, default=Path("schema"), help="JSON Schemas (default: schema/)")
    show.add_argument("--width", type=int, default=None, help="table width (default: the terminal's)")
    score = sub.add_parser("score", help="score the built sentences' attribution against the gold file",
                           description="precision, recall and F1 per speech mode, speaker accuracy, source mention "
                                       "and cue agreement, and the confusion table, against a gold sentence file")
    score.add_argument("--release", type=Path, default=Path("release"), help="built release (default: release/)")
    score.add_argument("--gold", type=Path, default=Path("tests/expected/sentences.tsv"),
                       help="gold sentences (default: tests/expected/sentences.tsv)")
    docs = sub.add_parser("docs", help="regenerate the rule tables of docs/data-format.md from the rule registry",
                          description="regenerate the rule tables of docs/data-format.md from the rule registry")
    docs.add_argument("--file", type=Path, default=Path("docs/data-format.md"),
                      help="the document holding the tables (default: docs/data-format.md)")
    docs.add_argument("--check", action="store_true", help="only say whether the tables are current (exit 1 if not)")
    help_ = "print character-level precision and recall of a release's alignments against a gold set"
    score_alignments = sub.add_parser("score-alignments", help=help_, description=help_)
    score_alignments.add_argument("--release", type=Path, default=Path("release"), help="built release (default: release/)")
    score_alignments.add_argument("--gold", type=Path, default=Path("tests/expected/alignments.tsv"),
                       help="gold TSV (default: tests/expected/alignments.tsv)")
    agree = sub.add_parser("agreement", help="Cohen's kappa between the two sentence annotations",
                           description="Cohen's kappa per label (segment_type, speech_mode, speaker) between two "
                                       "independent sentence annotations joined on (doc_id, char_start, char_end), "
                                       "with observed agreement, n and every disagreement")
    agree.add_argument("--first", default=None, metavar="PATH",
                       help="first annotation (default: tests/expected/sentences.tsv)")
    agree.add_argument("--second", default=None, metavar="PATH",
                       help="second annotation (default: tests/expected/sentences-second-annotator.tsv)")
    cite = sub.add_parser("cite", help="print how to cite the dataset", description="print how to cite the dataset")
    cite.add_argument("--format", choices=FORMATS, default="bibtex", help="citation format (default: bibtex)")
    return parser


def _report(problems, stream) -> None:
    for text in render_bounded(problems):
        print(text, file=stream)


def _skip_pandas_probe() -> None:
    """pyarrow imports pandas (a third of a second) the first time it converts
    Python values, only to recognise pandas inputs, which a build never has.
    Make that one probe fail, so pyarrow takes pandas as absent. Done only in
    the command's own process (``run``): a caller of ``main`` may want
    pyarrow's pandas support."""
    if "pandas" in sys.modules:
        return
    import pyarrow as pa

    class NoPandas:
        def find_spec(self, name, path=None, target=None):
            if name == "pandas":
                raise ImportError("not needed by a build")

    finder = NoPandas()
    sys.meta_path.insert(0, finder)
    try:
        pa.array([], pa.int8())
    finally:
        sys.meta_path.remove(finder)


def main(argv: list[str] | None = None, own_process: bool = False) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    if args.command == "cite":
        sys.stdout.write(render(args.format))
        return 0
    if args.command == "agreement":
        return _agreement(args)
    if args.command == "new":
        try:
            return _new(args, Path.cwd())
        except BrokenPipeError:
            raise
        except OSError as exc:
            print(from_os_error(exc).problem.render(), file=sys.stderr)
            print("acftu-talks: stopped by the environment; no sidecar was written", file=sys.stderr)
            return EXIT["environment"]
        except KeyboardInterrupt:
            print("acftu-talks: interrupted; no sidecar was written", file=sys.stderr)
            return EXIT["interrupted"]
    if args.command == "show":
        args.root = Path(".")
    if args.command == "score":
        return _score(args)
    if args.command == "docs":
        return _docs(args)
    if args.command == "score-alignments":
        return _score_alignments(args)
    root = args.root.resolve()
    for label, path in (("--corpus", args.corpus), ("--schema", args.schema), ("--root", args.root),
                        ("--release", getattr(args, "release", None)),
                        ("--previous", getattr(args, "previous", None))):
        if path is not None and not path.is_dir():
            print(f"acftu-talks: {label} {path}: no such folder (run from the repository root, "
                  f"or pass {label} PATH)", file=sys.stderr)
            return 2
    if getattr(args, "previous", None) is not None:
        from .release import notes
        if not notes.is_release(args.previous):
            print(f"acftu-talks: --previous {args.previous}: not a release (it has no manifest.json and data/); "
                  "pass the folder of a release this builder wrote", file=sys.stderr)
            return 2
    if own_process:
        _skip_pandas_probe()
    progress = Progress()
    out = getattr(args, "out", None)
    unchanged = f", {out} is unchanged" if out is not None else ""
    try:
        return _run(args, root, progress)
    except InputError as exc:
        progress.close()
        _report(exc.problems, sys.stderr)
        print(f"acftu-talks: {len(exc.problems)} problem(s); nothing was written{unchanged}", file=sys.stderr)
        return EXIT["input"]
    except UsageError as exc:
        progress.close()
        print(exc.problem.render(), file=sys.stderr)
        print(f"acftu-talks: nothing was written{unchanged}", file=sys.stderr)
        return EXIT["usage"]
    except BrokenPipeError:
        raise  # the reader went away: run() silences it
    except (EnvironmentProblem, OSError) as exc:
        progress.close()
        problem = (exc if isinstance(exc, EnvironmentProblem)
                   else from_os_error(exc, str(out) if out is not None else "acftu-talks")).problem
        print(problem.render(), file=sys.stderr)
        print(f"acftu-talks: stopped by the environment; nothing was written{unchanged}", file=sys.stderr)
        return EXIT["environment"]
    except KeyboardInterrupt:
        progress.close()
        print(f"acftu-talks: interrupted; nothing was written{unchanged}", file=sys.stderr)
        return EXIT["interrupted"]


def _run(args, root: Path, progress: Progress) -> int:
    from . import pipeline
    from .contract import validate
    started = time.perf_counter()
    raise_if_errors(validate.check_schemas(args.schema, root))
    if args.command == "ids":
        return _ids(args, root)
    if args.command == "show":
        import shutil
        from . import show
        built = show.built_document(args.doc_id, args.corpus, args.schema, root)
        sys.stdout.write(show.table(built, args.width or shutil.get_terminal_size((160, 40)).columns))
        return EXIT["ok"]
    if args.command == "validate":
        warnings = pipeline.check(args.corpus, args.schema, root, args.release,
                                  args.jobs or executor.default_jobs())
        _report(warnings, sys.stderr)
        print(f"ok: the corpus in {args.corpus}/ is valid ({len(warnings)} warnings)")
        if args.release:
            print(f"ok: the release in {args.release}/ checked: every file against SHA256SUMS, every row "
                  f"against its schemas, the round trip to the raw texts")
        return EXIT["ok"]
    from .release import check
    card_problems = check.check_card_source(args.card, args.schema, root)
    if card_problems:  # report the corpus's problems with them, all at once; write nothing
        try:
            pipeline.check(args.corpus, args.schema, root, None, args.jobs or executor.default_jobs())
        except InputError as exc:
            card_problems += exc.problems
        raise InputError(card_problems)
    summary = pipeline.build(args.corpus, args.schema, args.out, root, args.card, progress,
                             args.jobs or executor.default_jobs(), args.previous)
    progress.close()
    _report(summary.warnings, sys.stderr)
    seconds = time.perf_counter() - started
    from .release.holdings import count
    print(f"built {', '.join(count(summary.counts[c], c[:-1]) for c in ('documents', 'paragraphs', 'sentences'))} "
          f"in {seconds:.2f} s -> {args.out}/")
    if summary.overridden:
        print(f"overridden by sidecar: {', '.join(summary.overridden)}")
    else:
        print("overridden by sidecar: none (every row typed by the rules)")
    print(f'load it: datasets.load_dataset("{args.out}", "paragraphs")')
    return EXIT["ok"]


def _agreement(args) -> int:
    from . import agreement
    first, second = args.first or agreement.FIRST, args.second or agreement.SECOND
    try:
        result = agreement.agreement(Path.cwd(), first, second)
    except InputError as exc:
        _report(exc.problems, sys.stderr)
        print(f"acftu-talks: {len(exc.problems)} problem(s) in the annotation files", file=sys.stderr)
        return 1
    sys.stdout.write(agreement.report(result, first, second))
    return 0


def _new(args, root: Path) -> int:
    from . import draft
    text = args.text
    if not text.is_file() or text.suffix != ".txt":
        print(f"acftu-talks: new {text}: give a raw text file, corpus/<doc_id>.txt", file=sys.stderr)
        return 2
    if not args.schema.is_dir():
        print(f"acftu-talks: --schema {args.schema}: no such folder (run from the repository root)", file=sys.stderr)
        return 2
    try:
        target, notes = draft.write_draft(text, text.parent, args.schema, root)
    except FileExistsError as exc:
        print(f"acftu-talks: {exc}: a sidecar already exists; nothing was written "
              f"(move it away first to draft a new one)", file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        print(f"acftu-talks: {text} is not UTF-8: convert it first (see `acftu-talks validate`)", file=sys.stderr)
        return 1
    print(f"wrote {target}: confirm every '# guess:' line, then run `acftu-talks validate`")
    for note in notes:
        print(f"  to do: {note}")
    return 0


def _score(args) -> int:
    from . import score
    if not (args.release / "data" / "sentences").is_dir():
        print(f"acftu-talks: --release {args.release}: no built sentences there (run `acftu-talks build` first)",
              file=sys.stderr)
        return 2
    if not args.gold.is_file():
        print(f"acftu-talks: --gold {args.gold}: no such file", file=sys.stderr)
        return 2
    result = score.score(score.read_gold(args.gold), score.read_release(args.release))
    sys.stdout.write(score.render(result, args.gold.as_posix()))
    return 0


def _docs(args) -> int:
    from .rules import tables
    if not args.file.is_file():
        print(f"acftu-talks: --file {args.file}: no such file", file=sys.stderr)
        return 2
    text = args.file.read_text(encoding="utf-8")
    updated = tables.update(text)
    if args.check:
        if updated != text:
            print(f"{args.file}: the rule tables are stale: run `acftu-talks docs`", file=sys.stderr)
            return 1
        print(f"ok: the rule tables of {args.file} are current")
        return 0
    args.file.write_text(updated, encoding="utf-8")
    print(f"wrote the rule tables of {args.file} ({len(tables.rules())} rules)")
    return 0


def _score_alignments(args) -> int:
    from .relations import evaluate as score
    for label, path in (("--release", args.release / "data" / "alignments"), ("--gold", args.gold)):
        if not path.exists():
            print(f"acftu-talks: {label} {path}: not found (build the release first, or pass {label} PATH)",
                  file=sys.stderr)
            return 2
    from .release.series import staged_documents
    gold = score.held(score.read_gold(args.gold), {d["doc_id"] for d in staged_documents(args.release)})
    print(score.table(score.score(score.cases(score.read_release(args.release)), gold)))
    return 0


def _ids(args, root: Path) -> int:
    from . import pipeline
    from .contract import ids
    if args.accept:
        ids.check_reason(args.reason)  # before the work, not after it
    current = pipeline.current_ids(args.corpus, args.schema, root)
    lock = ids.read_lock(args.corpus)
    changes = ids.diff(lock or {}, current)
    if args.accept:
        ids.accept(args.corpus, lock, current, args.reason, __version__)
        print(f"pinned {len(current)} ids in {args.corpus / ids.LOCK}; recorded {len(changes)} change(s)"
              f"{f' in {args.corpus / ids.CHANGES}' if changes else ''}")
        return 0
    for old, new in changes:
        print(f"{old} -> {new or '(gone)'}")
    unpinned = ids.unlocked_docs(lock or {}, current)
    for doc_id in unpinned:
        print(f"{doc_id}: not pinned yet")
    if changes or unpinned or lock is None:
        print("run `acftu-talks ids --accept --reason \"why\"` to record these and pin the ids", file=sys.stderr)
        return 1
    print(f"ok: all {len(current)} ids match {args.corpus / ids.LOCK}")
    return 0


def run() -> None:
    try:
        code = main(own_process=True)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`acftu-talks cite | head -1`): not an error of
        # ours; silence the interpreter's own complaint at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    except KeyboardInterrupt:  # before main's own handler was reached
        print("acftu-talks: interrupted; nothing was written", file=sys.stderr)
        code = EXIT["interrupted"]
    sys.exit(code)
