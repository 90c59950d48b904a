"""Who took part in the event, and how, read off the text by rules.

Roles come from what the text says: whose words it conveys (speaker), who
参加/出席 (attended), who 汇报 (reported), who 发言 (spoke), who 主持
(presided) and who is credited for a photo (photographer). Names are recognised from the sidecar's curated
``people`` list, which also supplies the English names; a short name in an
attendance list that the list does not know is kept, with a warning asking
the curators to add it. A role the text does not state can come from the
sidecar (``role``), marked ``role_source = "metadata"``.
"""
from __future__ import annotations

import re

from ..annotate import Annotation
from ..errors import Problem
from ..contract.records import Paragraph, Participant

ROLE_VERBS = (("attended", "参加|出席|陪同"), ("reported", "汇报"), ("spoke", "作了发言|发言|致辞|致词"),
              ("presided", "主持"))
_VERB = re.compile("|".join(f"(?P<{role}>{verbs})" for role, verbs in ROLE_VERBS))
_BARE_NAME = re.compile(r"[\u4e00-\u9fff]{2,3}")


def _name_pattern(names: list[str]) -> re.Pattern | None:
    names = sorted({n for n in names if n}, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names)) if names else None


def _subjects(region: str, known: re.Pattern | None) -> tuple[list[str], list[str]]:
    """The names in a clause's subject in the order they are written, and
    those of them the curated list does not know ("张三、李四等")."""
    if "由" in region:  # "大会由王东明主持": the agent follows 由
        region = region[region.rindex("由") + 1:]
    found = [(m.start(), m.group()) for m in known.finditer(region)] if known else []
    unknown = []
    position = 0
    for raw_item in re.split(r"[、和及]", region):
        item = re.sub(r"(?:等同志|同志|等)$", "", raw_item)
        if _BARE_NAME.fullmatch(item) and not (known and known.search(item)):
            found.append((position, item))
            unknown.append(item)
        position += len(raw_item) + 1
    return [name for _, name in sorted(found)], unknown


def participants(rows: list[Paragraph], notes: list[Annotation], people: list[dict],
                 text_path: str, meta_path: str) -> tuple[list[Participant], list[Problem]]:
    """Participants of one document in order of first mention, one entry per
    person and role; problems are warnings only."""
    curated = {p["name"]: p for p in people}
    known = _name_pattern(list(curated))
    found: dict[tuple[str, str], Participant] = {}
    problems: list[Problem] = []

    def add(name: str, role: str, source: str, evidence: str | None) -> None:
        if (name, role) in found:
            return
        person = curated.get(name, {})
        found[(name, role)] = Participant(name=name, name_en=person.get("name_en"), role=role,
                                          role_source=source, evidence=evidence,
                                          position_en=person.get("position_en"))

    for row, note in zip(rows, notes):
        pid = row["paragraph_id"]
        for name in note.photographers:
            add(name, "photographer", "text", pid)
        if note.segment_type != "body":
            continue
        for sentence in note.sentences:
            if sentence.speaker:
                add(sentence.speaker, "speaker", "text", pid)
            if sentence.speech_mode != "narration":
                continue
            text = row["text"][sentence.start:sentence.end]
            begin = 0
            for verb in _VERB.finditer(text):
                # the subject is in the clause before the verb, not in the
                # object of an earlier verb ("参加会见，张三等陪同")
                clause = max(begin, max(text.rfind(c, 0, verb.start()) for c in "，；：,;:") + 1)
                names, unknown = _subjects(text[clause:verb.start()], known)
                for name in names:
                    speaker_already = (name, "speaker") in found
                    if not (verb.lastgroup == "spoke" and speaker_already):
                        add(name, verb.lastgroup, "text", pid)
                for name in unknown:
                    problems.append(Problem(text_path, row["line_number"], pid,
                        f"'{name}' looks like a participant's name but is not in the sidecar's people list",
                        "meta.people-unknown", f"add [[people]] name = \"{name}\" with name_en to {meta_path}",
                        "warning"))
                begin = verb.end()
    named = {name for name, _ in found}
    for person in people:
        if "role" in person and (person["name"], person["role"]) not in found:
            add(person["name"], person["role"], "metadata", None)
        elif person["name"] not in named and "role" not in person:
            problems.append(Problem(meta_path, None, f"people: {person['name']}",
                "listed in the sidecar but the rules found no part for them in the text",
                "meta.people-unused", "give them a role in the sidecar, or remove the entry", "warning"))
    return list(found.values()), problems
