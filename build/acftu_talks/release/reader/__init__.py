"""The release's reader: one self-contained HTML file, ``reader/index.html``.

Its data are the staged release's records (see :mod:`.model`), embedded as
JSON beside the page's own CSS and JavaScript (``assets/``), so the file opens
from ``file://`` with no server and no network, and the same records give the
same bytes.
"""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

from ...contract import layout
from .model import build_model

READER_FILE = layout.READER


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def render(model: dict) -> str:
    """The page for ``model``: template with the CSS, the script and the data inlined."""
    data = json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # Inside <script>, "</" could close the element early; "<\/" is the same JSON string.
    data = data.replace("</", "<\\/")
    parts = {"READER_CSS": _asset("reader.css"), "READER_JS": _asset("reader.js"),
             "READER_DATA": data, "READER_VERSION": model["version"]}
    page = _asset("index.html")
    missing = [name for name in parts if "{{" + name + "}}" not in page]
    if missing:
        raise ValueError(f"reader template has no {missing}")
    # One pass, so that inserted text is never searched for markers again.
    return re.sub(r"\{\{(READER_[A-Z]+)\}\}", lambda m: parts[m.group(1)], page)


def write_reader(staging: Path, summary=None, inputs=None) -> None:
    """Write ``reader/index.html`` from the records staged in ``staging``: a
    release step, but it reads neither the summary nor the inputs, only what
    the release holds."""
    (staging / READER_FILE).parent.mkdir(exist_ok=True)
    (staging / READER_FILE).write_text(render(build_model(staging)), encoding="utf-8", newline="\n")
