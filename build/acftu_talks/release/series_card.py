"""The card's tables about the series: events and their documents, each
document's provenance, the errata. Generated from the build, never typed."""
from __future__ import annotations


def _code(value) -> str:
    return f"`{value}`" if value else "—"


def events_table(summary, table) -> str:
    rows = []
    for event in summary.events:
        congress = (f"{event['congress_en']} ({event['congress_start']} to {event['congress_end']})"
                    if event.get("congress_en") else "—")
        documents = "; ".join(
            f"`{d['doc_id']}` ({d['text_kind'].replace('_', ' ')}, {d['publisher_en']}"
            + (f", version of `{d['version_of']}`" if d["version_of"] else "") + ")"
            for d in event["documents"])
        rows.append([f"`{event['event_id']}`", event["date"], event.get("part_of_day") or "—",
                     event["venue_en"], congress, documents or "—"])
    return table(["event_id", "date", "part of day", "venue", "after the congress", "documents"], rows) \
        + _not_held(summary)


def _not_held(summary) -> str:
    """The line under the events table when the registry has talks this
    release holds no document of (a release of a subset of the corpus):
    their rows are the registry's, not texts of the release."""
    missing = [e["event_id"] for e in summary.events if not e["documents"]]
    if not missing:
        return ""
    held = len(summary.events) - len(missing)
    quoted = [f"`{m}`" for m in missing]
    names = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return (f"\n\nThe table, like the `events` config, lists every talk of the events registry "
            f"(`corpus/events.toml`); this release holds documents of {held} of its {len(summary.events)}. "
            f"It holds no document of {names}: "
            f"{'its row has' if len(missing) == 1 else 'their rows have'} no documents.")


def provenance_table(summary, table) -> str:
    rows = []
    for d in summary.documents:
        copy = (f"{d['copy_repository']} `{d['copy_path']}` at `{d['copy_commit'][:12]}`"
                if d.get("copy_repository") else "not recorded")
        rows.append([f"`{d['doc_id']}`", f"`{d['received_as']}`", d.get("original_url") or "not known",
                     copy, d.get("retrieved") or "not recorded"])
    return table(["doc_id", "received as", "original page", "intermediate copy", "retrieved"], rows)


def errata_table(summary, table) -> str:
    if not summary.errata:
        return "No errata are recorded."
    rows = [[f"`{e['erratum_id']}`", f"{e['line_number']}:{e['char_start']}-{e['char_end']}", e["published"],
             e["intended"] or "not known", e["status"]] for e in summary.errata]
    return table(["erratum_id", "line:offsets", "published", "intended", "status"], rows)


def blocks(summary, table) -> dict[str, str]:
    return {"events_table": events_table(summary, table), "provenance_table": provenance_table(summary, table),
            "errata_table": errata_table(summary, table),
            "n_events": str(summary.counts.get("events", 0)), "n_persons": str(summary.counts.get("persons", 0))}
