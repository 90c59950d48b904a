"""Who took part in the event, and how, read off the text by rules and
resolved against the people registry (``corpus/persons.toml``).

Roles come from what the text says: whose words it conveys (speaker), who
参加/出席 (attended), who 汇报 (reported), who 发言 (spoke), who 主持
(presided) and who is credited for a photo of the event (photographer).
People are recognised by the registry's names and aliases; their position on
the event's date comes from the registry. A name in one of those places that
the registry does not know is an error: a misspelt name (王冬明 for 王东明)
would otherwise drop the person silently. A photographer whose photo is
dated on another day than the event is not a participant of the event: the
credit stays on the caption.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..errors import Problem
from ..contract.records import Paragraph, Participant
from . import lexicon as L
from .patterns import LazyPattern
from .registry import register
from .. import people

_VERB = re.compile("|".join(f"(?P<{role}>{vocab.pattern()})" for role, vocab in L.ROLE_VERBS.items()))
# The same words without the groups, which ``re`` finds fast (a pattern of
# groups it tries at every position): where a sentence has a role verb at all.
_ANY_VERB = re.compile("|".join(vocab.pattern() for vocab in L.ROLE_VERBS.values()))
_NAME = LazyPattern(L.PERSON_NAME)  # only for names the registry lacks
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


def _verbs(text: str):
    """``_VERB.finditer(text)``, started at the first role verb (none is before it)."""
    first = _ANY_VERB.search(text)
    return _VERB.finditer(text, first.start()) if first else ()


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
    for verb in _verbs(text) if ROLE_VERB.enabled else ():
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


# Titles that precede a name in a list: "全国总工会副主席徐留平", "中央书记处书记蔡奇".
_TITLE = r"(?:主席|书记|委员|常委|秘书长|部长|主任|总理|局长|组长|理事长)"
# One item of a participant list: an optional title, a 2-3 character name,
# and what may follow the subject ("代表…", "等", "分别").
_ITEM = re.compile(rf"^(?P<title>.*{_TITLE})?(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?:同志)?(?:等|代表.*|分别|先后|也|均|都|一同)?$")
# Words that end a list item but are no names ("领导班子成员", "他们").
_NOT_NAMES = re.compile(rf"(?:成员|班子|们|大家|代表|同志|各位|领导|负责人|记者|群众|职工|工人|干部|全体|{_TITLE[3:-1]})$")


def _pattern(forms) -> re.Pattern | None:
    return _compiled(frozenset(f for f in forms if f))


@lru_cache(maxsize=64)
def _compiled(forms: frozenset[str]) -> re.Pattern | None:
    """The forms as one alternation, longest first (of two of one length
    only one can match at a place, so their order does not matter); once
    per set of forms: sorting them and looking up re's cache under the
    long pattern cost 60 µs a document."""
    ordered = sorted(forms, key=len, reverse=True)
    return re.compile("|".join(re.escape(f) for f in ordered)) if ordered else None


def _registry_subjects(region: str, known: re.Pattern | None,
                       titled_only: bool = False) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The registered forms in a clause's subject and the unregistered names
    there, each with its offset in ``region``, in text order; with
    ``titled_only``, only names that follow a title count as names."""
    offset = 0
    if "由" in region:  # "大会由王东明主持": the agent follows 由
        offset = region.rindex("由") + 1
        region = region[offset:]
    found = [(offset + m.start(), m.group()) for m in known.finditer(region)] if known else []
    unknown = []
    position = 0
    for raw_item in re.split(r"[、和及]", region):
        match = _ITEM.match(raw_item)
        if match and not (known and known.search(raw_item)) and not _NOT_NAMES.search(match["name"]) \
                and (match["title"] or not titled_only):
            unknown.append((offset + position + match.start("name"), match["name"]))
        position += len(raw_item) + 1
    return found, unknown


def participants(rows: list[Paragraph], notes: list[Annotation], spans, raw: str,
                 registry: people.Registry, event: dict, speaker: str,
                 text_path: str, errata: list[dict] = ()) -> tuple[list[Participant], list[Problem]]:
    """Participants of one document in order of first mention, one entry per
    person and role; every unregistered name in a participant position is an
    error naming the line and characters, unless an erratum of the sidecar
    covers it with a registered name as the intended reading."""
    forms = registry.surface_forms(speaker)
    known = _pattern(forms)
    found: dict[tuple[str, str], Participant] = {}
    problems: list[Problem] = []
    undated: set[str] = set()  # people already reported for lacking a position on the date
    date = event["date"]

    def add(form: str, role: str, evidence: str) -> None:
        person = registry.find(forms.get(form, form))
        if person is None or (person["person_id"], role) in found:
            return
        held = registry.positions_on(person, date)
        if not held and person.get("kind") != "photographer" and person["person_id"] not in undated:
            undated.add(person["person_id"])
            problems.append(Problem(registry.path, person.get("_line"), f"person {person['person_id']}",
                f"takes part in {event['event_id']} ({date}), but no position of theirs is dated to cover that day",
                "people.no-position",
                f"add the position they held on {date} with its source, or give a start/end that covers it; "
                f"leave it if no source gives one (position_en stays null)", "warning"))
        found[(person["person_id"], role)] = Participant(
            person_id=person["person_id"], name=person["name"], name_en=person["name_en"], role=role,
            role_source="text", evidence=evidence,
            position_en="; ".join(p["title_en"] for p in held) or None,
            position="、".join(p["title"] for p in held) or None)

    def corrected(start: int, end: int) -> str | None:
        """The registered form an erratum's intended reading gives for the
        published characters at [start, end)."""
        for erratum in errata:
            if erratum["intended"] and erratum["char_start"] <= start and end <= erratum["char_end"] and known:
                match = known.search(erratum["intended"])
                if match:
                    return match.group()
        return None

    def unregistered(row: Paragraph, span, index: int, name: str, place: str, role: str) -> None:
        start = span.raw_offset(index)
        fixed = corrected(start, start + len(name))
        if fixed:
            add(fixed, role, row["paragraph_id"])
            return
        column = start - (raw.rfind("\n", 0, start) + 1) + 1
        close = people.near(registry, name)
        hint = (f"if it is a misspelling of {close}, record it in the sidecar: [[errata]] "
                f"published = \"{name}\" intended = \"{close}\" status = \"suspected\" evidence = \"...\" "
                f"(the text keeps the published form); otherwise register the person: "
                if close else "register the person: ")
        problems.append(Problem(text_path, row["line_number"], row["paragraph_id"],
            f"'{name}' (characters {column}-{column + len(name) - 1} of the line) {place}, "
            f"but is not in the people registry {registry.path}", "people.unregistered",
            hint + f"add to {registry.path}: " + people.stub(name)))

    for row, note, span in zip(rows, notes, spans):
        pid = row["paragraph_id"]
        if note.segment_type == "photo_caption" and note.photographers:
            credit_at = row["text"].rfind(note.photographers[0])
            for name in note.photographers:
                at = row["text"].find(name, max(credit_at, 0))
                if registry.find(name) is None:
                    unregistered(row, span, max(at, 0), name, "is credited for a photo", "photographer")
                elif note.caption_date in (None, date):
                    add(name, "photographer", pid)
        if note.segment_type != "body":
            continue
        for sentence in note.sentences:
            if sentence.speaker:
                add(sentence.speaker, "speaker", pid)
            # Outside narration only a titled name before a role verb is a
            # participant: an unknown name there would otherwise make the
            # sentence read as the speaker's ("…主席王冬明代表…作了汇报").
            narration = sentence.speech_mode == "narration"
            text = row["text"][sentence.start:sentence.end]
            begin = 0
            for verb in _verbs(text):
                # the subject is in the clause before the verb, not in the
                # object of an earlier verb ("参加会见，张三等陪同")
                clause = max(begin, max(text.rfind(c, 0, verb.start()) for c in L.CLAUSE_MARKS) + 1)
                names, unknown = _registry_subjects(text[clause:verb.start()], known, titled_only=not narration)
                for _, form in names if narration else ():
                    person = registry.find(forms.get(form, form))
                    speaker_already = person is not None and (person["person_id"], "speaker") in found
                    if not (verb.lastgroup == "spoke" and speaker_already and SPEAKER_SPOKE.enabled):
                        add(form, verb.lastgroup, pid)
                for at, name in unknown:
                    unregistered(row, span, sentence.start + clause + at, name,
                                 f"is in a participant position (before {verb.group()})", verb.lastgroup)
                begin = verb.end()
    return list(found.values()), problems
