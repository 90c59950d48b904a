"""A small block-style YAML emitter for the files the build writes (the card's
front matter, CITATION.cff), so the builder needs no YAML library. Strings are
JSON-quoted, which is valid YAML and leaves nothing to YAML's type guessing
(a version "1.10" stays a string, a date stays a string)."""
from __future__ import annotations

import json


def dump(value, indent: int = 0) -> str:
    """A small block-style YAML emitter; strings are JSON-quoted (valid YAML)."""
    pad = " " * indent
    if isinstance(value, dict):
        out = []
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                out.append(f"{pad}{key}:\n{dump(item, indent + 2)}")
            else:
                out.append(f"{pad}{key}: {_scalar(item)}")
        return "\n".join(out)
    if isinstance(value, list):
        out = []
        for item in value:
            if isinstance(item, dict) and item:
                body = dump(item, indent + 2)
                out.append(f"{pad}- {body[indent + 2:]}")
            elif isinstance(item, list) and item:
                out.append(f"{pad}-\n{dump(item, indent + 2)}")
            else:
                out.append(f"{pad}- {_scalar(item)}")
        return "\n".join(out)
    return pad + _scalar(value)


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if value is None:
        return "null"
    if isinstance(value, (list, dict)):
        return "[]" if isinstance(value, list) else "{}"
    return json.dumps(value, ensure_ascii=False)
