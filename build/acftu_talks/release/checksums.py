"""SHA-256 of files, and the release's ``SHA256SUMS`` in the format that
``sha256sum -c`` checks."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..contract import layout


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def release_files(folder: Path) -> list[str]:
    """Every file under ``folder`` except SHA256SUMS, as sorted POSIX paths."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and p.name != layout.SUMS)


def write_sums(folder: Path) -> None:
    """Write ``folder/SHA256SUMS`` over every other file in it. Call it last:
    a file written afterwards is not covered."""
    lines = [f"{sha256(folder / rel)}  {rel}\n" for rel in release_files(folder)]
    (folder / layout.SUMS).write_text("".join(lines), encoding="utf-8")
