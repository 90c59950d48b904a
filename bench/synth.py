"""A synthetic corpus with the shapes of the real one, for the benchmark.

Documents alternate between the two genres in ``corpus/``: news reports
(dateline, '习近平强调，…' reported speech, continuation paragraphs opening
with 要, narration with attendance lists, captions with their own dates and
'新华社记者 X 摄') and published speech texts (title line, byline, the
speaker's own words, captions, a '※这是…' editor's note). The framing
(datelines, cues, lists, captions, notes) follows the real texts; the clauses
in between are new text drawn from a Markov chain over the real texts'
characters (each step copies the two characters that follow one occurrence
of the current character), so they read like word salad but have the real
texts' characters and character pairs, and do not repeat sentences: Parquet
compresses them about as well as the real texts (zstd: 0.27 of the UTF-8
bytes at 30,000 paragraphs, the real texts 0.31), not the 0.05 that
recombined whole sentences gave. Sidecars are the real ones with a new
doc_id, dates, title and a correct ``source_sha256``; some texts carry
indentation, trailing spaces, blank lines and CRLF line ends, so cleaning
edits are exercised too. The same ``seed`` gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
NEWS_TEMPLATE = "2018-10-29-acftu-talk-xinhua"
SPEECH_TEMPLATE = "2023-10-23-acftu-talk-qiushi"

# Attendance lists: the people of the news template's sidecar do the attending.
ATTENDEES = ["王沪宁", "丁薛祥", "杨晓渡", "陈希", "郭声琨", "黄坤明"]
HOSTS = ["王东明", "李玉赋", "张工", "巨晓林"]
CUES = ["强调", "指出", "表示", "要求", "希望"]
PHOTOGRAPHERS = ["鞠鹏", "王晔"]


def _sentences(text: str) -> list[str]:
    """Plain declarative sentences of the real texts."""
    found = re.findall(r"[^。！？\n]+。", text)
    # no quotes, captions, notes, or the file artifact ([bookmark: _GoBack]) of one source
    return [s for s in found if 12 <= len(s) <= 120 and "摄" not in s and not re.search(r"[“”※A-Za-z]", s)]


# Characters each step of the chain copies: 1 compresses like the real texts
# but is three times slower to generate; 3 and more repeat the real texts' phrases.
STEP = 2
# The chain alone copies the real texts' runs after their rare characters
# (a character seen once has one successor), so 8-character runs of the five
# real texts recur in nearly every synthetic document by chance: at 100
# documents 45 % of a later talk's sentence characters were "reused" from an
# earlier one, against 8 % between the three real talks of one occasion.
# A step that continues from a random character's successors instead keeps
# chance runs short; reuse then comes from passages, as in real texts: an
# opening clause may join a pool of formulations that later sentences open with.
JUMP = 0.4        # chance a step continues from a random character's successors
MINT = 0.10       # chance a body sentence's opening clause joins the pool
REUSE = 0.12      # chance a body sentence opens with a clause from the pool
CLAUSE = re.compile(r"^[^，。；：、]{8,24}，")


class Generator:
    def __init__(self, seed: int = 0):
        self.random = random.Random(seed)
        texts = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
        train = "".join(_sentences(texts))
        # character -> the STEP characters after each of its occurrences
        self.chain: dict[str, list[str]] = {}
        for i in range(len(train) - STEP):
            self.chain.setdefault(train[i], []).append(train[i + 1:i + 1 + STEP])
        starts = [i for i in range(len(train)) if i == 0 or train[i - 1] == "。"]
        self.starts = [train[i:i + 1 + STEP] for i in starts]
        self.modal = [train[i:i + 1 + STEP] for i in starts if train[i] == "要"] or self.starts
        self.keys = sorted(self.chain)
        self.pool: list[str] = []
        # A sentence naming someone, saying 我 or using a role verb would change
        # the paragraph's speech type or its participants, which the generator decides;
        # a day ("29日") in a lead sentence is checked against the sidecar.
        names = re.findall(r'(?m)^name = "(.+)"$', "".join(p.read_text(encoding="utf-8")
                                                           for p in sorted(CORPUS.glob("*.toml"))))
        self.avoid = re.compile("|".join(sorted(set(names + ATTENDEES + HOSTS), key=len, reverse=True)
                                         + ["我", "参加", "出席", "陪同", "汇报", "发言", "致辞", "主持", "[0-9]日"]))
        self.news_sidecar = (CORPUS / f"{NEWS_TEMPLATE}.toml").read_text(encoding="utf-8")
        self.speech_sidecar = (CORPUS / f"{SPEECH_TEMPLATE}.toml").read_text(encoding="utf-8")

    def sentence(self, starts: list[str] | None = None) -> str:
        """One new sentence of 12 to 120 characters ending in 。."""
        r, chain, keys = self.random, self.chain, self.keys
        choice = r.choice
        while True:
            reused = starts is None and self.pool and r.random() < REUSE
            parts = [choice(self.pool) if reused else choice(starts or self.starts)]
            size = len(parts[0])
            while "。" not in parts[-1] and size < 116:
                step = choice(chain[choice(keys) if r.random() < JUMP else parts[-1][-1]])
                parts.append(step)
                size += len(step)
            text = "".join(parts)
            text = text[:text.index("。") + 1] if "。" in text else text + "。"
            if len(text) >= 12 and "摄" not in text and not self.avoid.search(text):
                if starts is None and not reused and r.random() < MINT:
                    opening = CLAUSE.match(text)
                    if opening:
                        self.pool.append(opening.group(0))
                return text

    def _body(self, low: int = 2, high: int = 6) -> str:
        return "".join(self.sentence() for _ in range(self.random.randint(low, high)))

    def _caption(self, day: dt.date) -> str:
        return (f"{day.year}年{day.month}月{day.day}日，中共中央总书记、国家主席、中央军委主席习近平"
                f"在中南海同中华全国总工会新一届领导班子成员集体谈话并发表重要讲话。 "
                f"新华社记者 {self.random.choice(PHOTOGRAPHERS)} 摄")

    def news(self, day: dt.date, n: int) -> list[str]:
        r = self.random
        lines = [f"新华社北京{day.month}月{day.day}日电",
                 f"中共中央总书记、国家主席、中央军委主席习近平{day.day}日上午在中南海同中华全国总工会"
                 f"新一届领导班子成员集体谈话并发表重要讲话。习近平强调，{self._body(1, 3)}"]
        while len(lines) < n:
            kind = r.random()
            if kind < 0.45:
                lines.append(f"习近平{r.choice(CUES)}，{self._body()}")
            elif kind < 0.65:
                lines.append("".join(self.sentence(self.modal) for _ in range(r.randint(2, 4))))
            elif kind < 0.8:
                who = "、".join(r.sample(ATTENDEES, r.randint(2, 5)))
                lines.append(f"{who}等参加谈话。")
            elif kind < 0.9:
                lines.append(f"{r.choice(HOSTS)}汇报了工会工作情况。习近平{r.choice(CUES)}，{self._body(1, 3)}")
            else:
                lines.append(self._caption(day))
        return lines[:n]

    def speech(self, title: str, day: dt.date, n: int) -> list[str]:
        r = self.random
        lines = [title, "习近平"]
        while len(lines) < n - 1:
            lines.append(self._caption(day) if r.random() < 0.08 else self._body(3, 8))
        lines.append(f"※这是{day.year}年{day.month}月{day.day}日习近平总书记在同中华全国总工会新一届"
                     f"领导班子成员集体谈话时讲话的主要部分。")
        return lines[:max(n, 3)]

    def _layout(self, lines: list[str]) -> bytes:
        """Real files' quirks: ideographic-space indents, trailing spaces,
        blank lines, CRLF in some files."""
        r = self.random
        out = []
        for line in lines:
            if r.random() < 0.1:
                line = "\u3000\u3000" + line
            if r.random() < 0.05:
                line += " "
            out.append(line)
            if r.random() < 0.05:
                out.append("")
        end = "\r\n" if r.random() < 0.1 else "\n"
        return (end.join(out) + end).encode("utf-8")

    def document(self, index: int, paragraphs: int) -> tuple[str, bytes, str]:
        """One document's doc_id, raw bytes and sidecar text."""
        r = self.random
        day = dt.date(2013, 1, 1) + dt.timedelta(days=r.randrange(4000))
        published = day + dt.timedelta(days=r.choice([0, 0, 1, 30, 190]))
        speech = index % 3 == 2
        event_id = f"{day.isoformat()}-bench-{index:07d}"
        doc_id = f"{event_id}-{'qiushi' if speech else 'xinhua'}"
        title = f"组织动员亿万职工积极投身强国建设的伟大事业（之{index}）"
        lines = self.speech(title, day, paragraphs) if speech else self.news(day, paragraphs)
        raw = self._layout(lines)
        sidecar = self.speech_sidecar if speech else self.news_sidecar
        for key, value in (("doc_id", doc_id), ("event_id", event_id), ("source_sha256", hashlib.sha256(raw).hexdigest()),
                           ("title", title), ("received_as", f"bench_{index:07d}.txt")):
            sidecar = re.sub(rf'(?m)^{key} = ".*"$', f'{key} = "{value}"', sidecar, count=1)
        # [date] comes before [publication_date] in the templates.
        values = iter([day.isoformat(), published.isoformat()])
        sidecar = re.sub(r'(?m)^value = ".*"$', lambda m: f'value = "{next(values)}"', sidecar)
        return doc_id, raw, sidecar

    def event(self, doc_id: str, day: dt.date) -> str:
        """The [[event]] entry of corpus/events.toml for one document."""
        event_id = doc_id.rsplit("-", 1)[0]
        part = "" if doc_id.endswith("qiushi") else 'part_of_day = "morning"\n'
        return (f'[[event]]\nevent_id = "{event_id}"\ndate = "{day.isoformat()}"\ndate_precision = "day"\n{part}'
                'date_source = "synthetic"\nvenue = "中南海"\nvenue_en = "Zhongnanhai, Beijing"\n'
                'occasion = "同中华全国总工会新一届领导班子成员集体谈话"\noccasion_en = "collective talk"\n'
                'organisation = "中华全国总工会"\norganisation_en = "ACFTU"\n\n')


def write_corpus(folder: Path, documents: int, paragraphs_per_doc: int = 30, seed: int = 0) -> tuple[int, int]:
    """Write ``documents`` synthetic documents into ``folder``; return
    (paragraph lines written, raw bytes written)."""
    folder.mkdir(parents=True, exist_ok=True)
    gen = Generator(seed)
    lines = size = 0
    # the real people registry, whose people the synthetic texts name; the
    # texts fall on any day of 2013-2024, so every dated post is made to span
    # them all (the real dates would leave posts uncovered, with a warning each)
    people = (CORPUS / "persons.toml").read_text(encoding="utf-8")
    people = re.sub(r'(?m)^end = ".*"\n', "", people)
    people = re.sub(r'(?m)^start = ".*"$', 'start = "2000"', people)
    (folder / "persons.toml").write_text(people, encoding="utf-8")
    with open(folder / "events.toml", "w", encoding="utf-8") as events:
        for index in range(documents):
            n = max(3, int(gen.random.gauss(paragraphs_per_doc, paragraphs_per_doc / 4)))
            doc_id, raw, sidecar = gen.document(index, n)
            events.write(gen.event(doc_id, dt.date.fromisoformat(doc_id[:10])))
            (folder / f"{doc_id}.txt").write_bytes(raw)
            (folder / f"{doc_id}.toml").write_text(sidecar, encoding="utf-8")
            lines += n
            size += len(raw)
    return lines, size
