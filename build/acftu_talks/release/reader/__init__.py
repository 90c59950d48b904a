"""The release's reader: one self-contained HTML file, ``reader/index.html``.

Its data are the staged release's records (see :mod:`.model`), embedded as
JSON beside the page's own CSS and JavaScript (``assets/``), so the file opens
from ``file://`` with no server and no network, and the same records give the
same bytes. A release with more documents than the page holds
(``model.MAX_DOCUMENTS``) gets a page of its first talks, with a note under
the header, on every view, saying what it shows, what it leaves out and where
the rest is.
"""
from __future__ import annotations

import html
import json
import re
from importlib import resources
from pathlib import Path

from ...contract import layout
from .model import build_model

READER_FILE = layout.READER


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def excerpt_note(excerpt: dict) -> str:
    """The note of a page that shows part of its release: how much, and how to
    load everything."""
    e = {k: html.escape(f"{v:,}" if isinstance(v, int) else str(v)) for k, v in excerpt.items()}
    return f"""
<div style="max-width:76rem;margin:0 auto;padding:0 1.25rem"><p class="notice" id="excerpt" role="note">\
This page shows the first <strong>{e['events']} of {e['events_total']} talks</strong> of the release \
({e['first']} to {e['last']}; <strong>{e['documents']} of {e['documents_total']} documents</strong>): a page \
with every record of a release this size would be too large for a browser to open. Search, formulations \
and comparisons cover these documents only. Every record is in the release's Parquet configs, \
<code>data/&lt;config&gt;/</code> beside this page's folder: for example \
<code>pandas.read_parquet("data/sentences")</code> in the release folder, or <code>load_dataset</code> \
with the config's name, as the dataset card (<a href="../README.md">README.md</a>) shows. \
<span lang="zh">本页仅显示本版本 {e['events_total']} 次谈话中的前 {e['events']} 次（{e['documents_total']} 篇文献中的 \
{e['documents']} 篇），检索、提法与对照仅限于此；全部记录见 data/ 中的 Parquet 文件。</span></p></div>"""


def render(model: dict) -> str:
    """The page for ``model``: template with the CSS, the script and the data
    inlined, and, if the model is an excerpt of its release, the note and the
    script that say so (nothing otherwise: a release the page holds whole
    gets the same bytes as before there was a limit)."""
    data = json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # Inside <script>, "</" could close the element early; "<\/" is the same JSON string.
    data = data.replace("</", "<\\/")
    parts = {"READER_CSS": _asset("reader.css"), "READER_JS": _asset("reader.js"),
             "READER_DATA": data, "READER_VERSION": model["version"], "READER_EXCERPT_NOTE": "",
             "READER_EXCERPT_SCRIPT": ""}
    if "excerpt" in model:
        parts["READER_EXCERPT_NOTE"] = excerpt_note(model["excerpt"])
        parts["READER_EXCERPT_SCRIPT"] = "\n<script>\n" + _asset("excerpt.js") + "</script>"
    page = _asset("index.html")
    missing = [name for name in parts if "{{" + name + "}}" not in page]
    if missing:
        raise ValueError(f"reader template has no {missing}")
    # One pass, so that inserted text is never searched for markers again.
    return re.sub(r"\{\{(READER_[A-Z_]+)\}\}", lambda m: parts[m.group(1)], page)


def write_reader(staging: Path, summary=None, inputs=None) -> None:
    """Write ``reader/index.html`` from the records staged in ``staging``: a
    release step, but it reads neither the summary nor the inputs, only what
    the release holds."""
    (staging / READER_FILE).parent.mkdir(exist_ok=True)
    (staging / READER_FILE).write_text(render(build_model(staging)), encoding="utf-8", newline="\n")
