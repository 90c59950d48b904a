"""The heading of the reader's list of talks, in English and Chinese: how
many talks and documents the page shows and, on a page that shows part of its
release, of how many. The corpus grows and a release can be any subset of
it, so the counts come from the model, never from the page's template.

Examples: ``The talks 三次集体谈话`` with ``3 talks, 5 documents``;
``The first 2 of 3 talks 三次集体谈话中的前两次`` with ``3 of 5 documents``.
"""
from __future__ import annotations

from ..holdings import count, hanzi

# What the series' talks are called in Chinese when every talk of the page is
# one (the occasion says so); otherwise plain 谈话.
COLLECTIVE = "集体谈话"
TALK = "谈话"
HANZI_UP_TO = 99  # larger counts in figures, as holdings.hanzi writes them


def _zh(n: int, *others: int) -> str:
    """A count in Chinese numerals, or in figures (with the others of its
    phrase, so that one phrase does not mix the two) when any is large."""
    return f"{n:,}" if max((n, *others)) > HANZI_UP_TO else hanzi(n)


def talks_heading(events: list[dict], documents: int, excerpt: dict | None = None) -> dict[str, str]:
    """``{"title": ..., "counts": ...}`` for a page of ``documents``
    documents of the talks ``events`` (every talk of the release that the
    page's documents belong to, with its ``occasion``); with ``excerpt`` (the
    model's entry of that name), a page of the first talks of a larger
    release, and ``events`` all of the release's talks."""
    kind = COLLECTIVE if events and all(COLLECTIVE in (ev.get("occasion") or "") for ev in events) else TALK
    if excerpt is None:
        n = len(events)
        if not n:
            return {"title": "No talks 没有谈话", "counts": f"{count(0, 'talk')}, {count(documents, 'document')}"}
        return {"title": f"The {'talk' if n == 1 else 'talks'} {_zh(n)}次{kind}",
                "counts": f"{count(n, 'talk')}, {count(documents, 'document')}"}
    shown, total = excerpt["events"], excerpt["events_total"]
    first_en = "The first" if shown == 1 else f"The first {shown:,}"
    first_zh = "第一次" if shown == 1 else f"前{_zh(shown, total)}次"
    return {"title": f"{first_en} of {count(total, 'talk')} {_zh(total, shown)}次{kind}中的{first_zh}",
            "counts": f"{excerpt['documents']:,} of {count(excerpt['documents_total'], 'document')}"}
