"""Benchmark the relation step on synthetic documents with planted reuse.

    python bench/align.py --docs 1000 10000

For each size, a child process generates the documents in memory (random
Chinese text, so chance matches of 8 characters are rare, plus one title
formula in every document, the genre's boilerplate), plants reused passages
(each copied into documents of several different events), and runs
``relations.relate.relate`` on them: the n-gram index, version, paraphrase
and reuse alignment, formulations and the verification of every row. It
reports the wall time of that step, the child's peak RSS (``os.wait4``), and
the recall of the planted passages: the share of (passage, later document it
was planted in) that a reuse row from the passage's first attestation (the
earliest of its documents) covers in full. Reading the staged
Parquet back and writing the two configs are not timed here (the build
benchmark, bench/run.py, includes them).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# A pool of common characters (CJK Unified Ideographs, the first block of
# frequent ones); texts drawn from it share almost no 8-grams by chance.
POOL = [chr(c) for c in range(0x4E00, 0x4E00 + 2500)]
TITLE = "中共中央总书记、国家主席、中央军委主席习近平"
PER_DOC = 10          # sentences a document
PASSAGES_PER_DOC = 0.2  # planted passages, per document
COPIES = 3            # documents (of different events) each passage is planted in


def _sentence(rng: random.Random) -> str:
    return "".join(rng.choice(POOL) for _ in range(rng.randint(18, 40))) + "。"


def make_corpus(n_docs: int, seed: int = 0):
    """(Corpus, planted) with planted = [(passage, [doc_id, ...])]."""
    from acftu_talks.relations.corpus import Corpus, Doc, Sentence
    rng = random.Random(seed)
    bodies = []
    for i in range(n_docs):
        bodies.append([TITLE + "在北京出席会议。"] + [_sentence(rng) for _ in range(PER_DOC - 1)])
    doc_ids = [f"{2000 + i // 365 % 100:04d}-{i // 28 % 12 + 1:02d}-{i % 28 + 1:02d}-bench-{i:05d}"
               for i in range(n_docs)]
    planted = []
    for p in range(int(n_docs * PASSAGES_PER_DOC)):
        passage = "".join(rng.choice(POOL) for _ in range(rng.randint(10, 30)))
        targets = rng.sample(range(n_docs), COPIES)
        for t in targets:
            k = rng.randrange(1, PER_DOC)
            # at the start of a sentence, so that a later passage never cuts an earlier one
            bodies[t][k] = passage + "，" + bodies[t][k]
        planted.append((passage, [doc_ids[t] for t in targets]))
    docs = []
    for doc_id, body in zip(doc_ids, bodies):
        raw, sentences, pos = "", [], 0
        for number, s in enumerate(body, 1):
            sentences.append(Sentence(f"{doc_id}.p001.s{number:02d}", doc_id, pos, pos + len(s), s, "body",
                                      "reported", "习近平", doc_id[:10]))
            raw += s
            pos += len(s)
        # the event is the date: documents that share a date are one event's
        docs.append(Doc(doc_id, doc_id[:10], "news_report", doc_id[:10], raw, sentences))
    return Corpus(docs), planted


def recall(rows: list[dict], planted, corpus) -> float:
    events = {d.doc_id: d.event_id for d in corpus}
    spans: dict[tuple[str, str], list[tuple[int, int, int, int]]] = {}
    for r in rows:
        if r["kind"] == "reuse":
            spans.setdefault((r["doc_id_a"], r["doc_id_b"]), []).append(
                (r["char_start_a"], r["char_end_a"], r["char_start_b"], r["char_end_b"]))
    want = found = 0
    for passage, targets in planted:
        first = min(targets, key=lambda d: (events[d], d))
        for b in sorted(targets):
            if events[b] == events[first]:
                continue  # the first attestation itself, or its event's other documents: not reuse
            want += 1
            at_a, at_b = corpus[first].raw.find(passage), corpus[b].raw.find(passage)
            if any(s0 <= at_a and at_a + len(passage) <= s1 and t0 <= at_b and at_b + len(passage) <= t1
                   for s0, s1, t0, t1 in spans.get((first, b), ())):
                found += 1
    return found / want if want else 1.0


def child(n_docs: int) -> None:
    sys.path.insert(0, str(ROOT / "build"))
    from acftu_talks.relations import relate
    started = time.perf_counter()
    corpus, planted = make_corpus(n_docs)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    rows, forms = relate.relate(corpus)
    seconds = time.perf_counter() - started
    chars = sum(len(d.raw) for d in corpus)
    kinds = {k: sum(r["kind"] == k for r in rows) for k in relate.KINDS}
    print(json.dumps({"docs": n_docs, "chars": chars, "generate_s": generated, "relate_s": seconds,
                      "rows": kinds, "formulations": len(forms), "planted": len(planted),
                      "recall": recall(rows, planted, corpus)}))


def run(n_docs: int) -> dict:
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([sys.executable, __file__, "--child", str(n_docs)], stdout=out,
                                stderr=subprocess.PIPE, env=dict(os.environ, PYTHONHASHSEED="0"))
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(err.decode()[-3000:])
        out.seek(0)
        result = json.loads(out.read())
    result["peak_rss_mb"] = usage.ru_maxrss / 1024
    return result


def table(results: list[dict]) -> str:
    lines = ["| documents | characters | relate s | chars/s | peak RSS MB | reuse rows | formulations | planted | recall |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r['docs']:,} | {r['chars']:,} | {r['relate_s']:.2f} | {r['chars'] / r['relate_s']:,.0f} | "
                     f"{r['peak_rss_mb']:.0f} | {r['rows']['reuse']:,} | {r['formulations']:,} | {r['planted']:,} | "
                     f"{r['recall']:.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (default: 1000 10000)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child)
        return 0
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print(table([run(n) for n in args.docs]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
