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

from ..errors import Problem
from ..contract.records import Paragraph, Participant
from . import lexicon as L
from .registry import register

_VERB = re.compile("|".join(f"(?P<{role}>{vocab.pattern()})" for role, vocab in L.ROLE_VERBS.items()))
_NAME = re.compile(L.PERSON_NAME)
_LIST = re.compile(f"[{''.join(L.LIST_SEPARATORS.words)}]")
_LIST_END = re.compile(f"(?:{L.LIST_ENDINGS.pattern()})$")
# A bare name in a list that the sidecar does not know is kept only when it
# is two or three characters long: a longer item is more often a word (全体成员).
_BARE_NAME_MAX = 3

ROLE_VERB = register(
    "role-verb", 1, "participant", "role=attended|reported|spoke|presided",
    "the names in the subject of a clause whose verb is 参加/出席/陪同 (attended), 汇报 (reported), "
    "发言/作了发言/致辞 (spoke) or 主持 (presided), in the order they are written",
    examples=[("中共中央政治局常委、中央书记处书记蔡奇参加集体谈话。", None,
               {"roles": [("蔡奇", "attended")]}, ("习近平", "蔡奇")),
              ("全国总工会主席王东明代表新一届领导班子汇报了工作。", None,
               {"roles": [("王东明", "reported")]}, ("王东明",)),
              ("丁薛祥、李干杰参加集体谈话。", None,
               {"roles": [("丁薛祥", "attended"), ("李干杰", "attended")]}, ("丁薛祥", "李干杰"))],
    counter_examples=[("习近平同大家亲切交流。", None, {"roles": []}, ("习近平",))])
AGENT = register(
    "passive-agent", 1, "participant", "role=presided|spoke",
    "in a passive clause (大会由王东明主持) the agent after 由 has the role, not the subject",
    examples=[("座谈会由全国总工会主席王东明主持。", None, {"roles": [("王东明", "presided")]},
               ("王东明", "李玉赋")),
              ("学习习近平总书记重要讲话精神座谈会由全国总工会主席王东明主持。", None,
               {"roles": [("王东明", "presided")]}, ("习近平", "王东明"))],
    counter_examples=[("李玉赋主持座谈会。", None, {"roles": [("李玉赋", "presided")]}, ("王东明", "李玉赋"))])
UNKNOWN = register(
    "unknown-name-in-list", 1, "participant", "role (with a warning)",
    "a two- or three-character item of a list of names before a role verb is a participant even "
    "when the sidecar does not know it (the build asks the curators to add it)",
    examples=[("全国总工会副主席李玉赋、张工作了发言。", None,
               {"roles": [("李玉赋", "spoke"), ("张工", "spoke")]}, ("习近平", "李玉赋")),
              ("丁薛祥、杨晓渡参加集体谈话。", None,
               {"roles": [("丁薛祥", "attended"), ("杨晓渡", "attended")]}, ("丁薛祥",))],
    counter_examples=[("全体成员参加集体谈话。", None, {"roles": []}, ("丁薛祥",))])


SPEAKER_SPOKE = register(
    "speaker-not-also-spoke", 1, "participant", "role=spoke (not for a speaker)",
    "a person whose words the text conveys (speaker) is not listed again as having spoken (发言) at the event: "
    "his speech is what the text reports",
    examples=[("习近平在座谈会上发言。李玉赋作了发言。", None, {"roles": [("李玉赋", "spoke")]},
               ("习近平", "李玉赋"))],
    counter_examples=[("李玉赋作了发言。", None, {"roles": [("李玉赋", "spoke")]}, ("习近平", "李玉赋"))])


def _name_pattern(names: list[str]) -> re.Pattern | None:
    names = sorted({n for n in names if n}, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names)) if names else None


def _subjects(region: str, known: re.Pattern | None) -> tuple[list[str], list[str], bool]:
    """The names in a clause's subject in the order they are written, those
    of them the curated list does not know ("张三、李四等"), and whether
    they are the agent of a passive clause."""
    agent = AGENT.enabled and next((m for m in reversed(list(re.finditer(L.AGENT_MARKERS.pattern(), region)))), None)
    if agent:  # "大会由王东明主持": the agent follows 由
        region = region[agent.end():]
    found = [(m.start(), m.group()) for m in known.finditer(region)] if known else []
    unknown = []
    position = 0
    for raw_item in _LIST.split(region):
        item = _LIST_END.sub("", raw_item)
        if (UNKNOWN.enabled and len(item) <= _BARE_NAME_MAX and _NAME.fullmatch(item)
                and not (known and known.search(item))):
            found.append((position, item))
            unknown.append(item)
        position += len(raw_item) + 1
    return [name for _, name in sorted(found)], unknown, bool(agent)


def roles_in(text: str, known: re.Pattern | None, speakers: frozenset[str] = frozenset(),
             fired: list[str] | None = None) -> list[tuple[str, str, list[str], list[str]]]:
    """The ``(name, role, unknown names of its clause, rules)`` a narrated
    sentence gives, in order; ``speakers`` are the text's speakers so far.
    Rules that decided a role *not* to be given are appended to ``fired``."""
    found = []
    begin = 0
    for verb in _VERB.finditer(text) if ROLE_VERB.enabled else ():
        # the subject is in the clause before the verb, not in the
        # object of an earlier verb ("参加会见，张三等陪同")
        clause = max(begin, max(text.rfind(c, 0, verb.start()) for c in L.CLAUSE_MARKS) + 1)
        names, unknown, passive = _subjects(text[clause:verb.start()], known)
        for name in names:
            if verb.lastgroup == "spoke" and name in speakers and SPEAKER_SPOKE.enabled:
                if fired is not None:
                    fired.append(SPEAKER_SPOKE.name)
                continue
            rules = [ROLE_VERB.name] + [AGENT.name] * passive + [UNKNOWN.name] * (name in unknown)
            found.append((name, verb.lastgroup, unknown, rules))
        begin = verb.end()
    return found


def participants(rows: list[Paragraph], notes: list, people: list[dict],
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
            reported_unknown: set[str] = set()
            speakers = frozenset(name for name, role in found if role == "speaker")
            for name, role, unknown, _ in roles_in(text, known, speakers):
                add(name, role, "text", pid)
                for other in unknown:
                    if other in reported_unknown:
                        continue
                    reported_unknown.add(other)
                    problems.append(Problem(text_path, row["line_number"], pid,
                        f"'{other}' looks like a participant's name but is not in the sidecar's people list",
                        "meta.people-unknown", f"add [[people]] name = \"{other}\" with name_en to {meta_path}",
                        "warning"))
    named = {name for name, _ in found}
    for person in people:
        if "role" in person and (person["name"], person["role"]) not in found:
            add(person["name"], person["role"], "metadata", None)
        elif person["name"] not in named and "role" not in person:
            problems.append(Problem(meta_path, None, f"people: {person['name']}",
                "listed in the sidecar but the rules found no part for them in the text",
                "meta.people-unused", "give them a role in the sidecar, or remove the entry", "warning"))
    return list(found.values()), problems
