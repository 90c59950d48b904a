"""The ``acftu-talks`` command. Only this module prints and picks exit codes:
0 success, 1 a problem in the inputs (fix it and run again), 2 bad usage."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import __version__
from .errors import InputError
from .progress import Progress


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="acftu-talks", description=(
        "Build and check the acftu-talks corpus: raw texts in corpus/ -> a validated "
        "Parquet release that datasets.load_dataset reads."))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_ in (("build", "build the release (writes nothing unless every check passes)"),
                        ("validate", "check the corpus and sidecars; writes nothing")):
        cmd = sub.add_parser(name, help=help_, description=help_)
        cmd.add_argument("--corpus", type=Path, default=Path("corpus"), help="raw texts and sidecars (default: corpus/)")
        cmd.add_argument("--schema", type=Path, default=Path("schema"), help="JSON Schemas (default: schema/)")
        if name == "build":
            cmd.add_argument("--out", type=Path, default=Path("release"), help="release folder (default: release/)")
            cmd.add_argument("--card", type=Path, default=Path("dataset_card.md"),
                             help="card template (default: dataset_card.md)")
    return parser


def _report(problems, stream) -> None:
    for problem in problems:
        print(problem.render(), file=stream)


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
    root = Path.cwd()
    for label, path in (("--corpus", args.corpus), ("--schema", args.schema)):
        if not path.is_dir():
            print(f"acftu-talks: {label} {path}: no such folder (run from the repository root, "
                  f"or pass {label} PATH)", file=sys.stderr)
            return 2
    if own_process:
        _skip_pandas_probe()
    from . import pipeline  # after argument checks, so --help stays fast
    started = time.perf_counter()
    progress = Progress()
    try:
        if args.command == "validate":
            warnings = pipeline.check(args.corpus, args.schema, root)
            _report(warnings, sys.stderr)
            print(f"ok: corpus {args.corpus} is valid ({len(warnings)} warnings)")
            return 0
        summary = pipeline.build(args.corpus, args.schema, args.out, root, args.card, progress)
    except InputError as exc:
        progress.close()
        _report(exc.problems, sys.stderr)
        print(f"acftu-talks: {len(exc.problems)} problem(s); nothing was written"
              f"{'' if args.command == 'validate' else f', {args.out} is unchanged'}", file=sys.stderr)
        return 1
    progress.close()
    _report(summary.warnings, sys.stderr)
    seconds = time.perf_counter() - started
    print(f"built {summary.counts['documents']} documents, {summary.counts['paragraphs']} paragraphs "
          f"in {seconds:.2f} s -> {args.out}/")
    if summary.overridden:
        print(f"overridden by sidecar: {', '.join(summary.overridden)}")
    else:
        print("overridden by sidecar: none (every row typed by the rules)")
    print(f'load it: datasets.load_dataset("{args.out}", "paragraphs")')
    return 0


def run() -> None:
    sys.exit(main(own_process=True))
