"""Problems found in the inputs, reported compiler-style and all at once.

Library code collects :class:`Problem` objects and raises :class:`InputError`
carrying every one of them; only the command line prints them and picks the
exit code.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can."""

    path: str
    line: int | None
    where: str  # the field, record id or other location inside the file
    message: str
    code: str  # stable, area.kebab-case, e.g. ``meta.date``
    hint: str = field(default="", compare=False)
    severity: str = field(default="error", compare=False)  # "error" or "warning"

    def sort_key(self) -> tuple:
        # A problem with the whole file (no line) comes before its lines;
        # comparing None with a line number directly would raise.
        return (self.path, -1 if self.line is None else self.line, self.where, self.message, self.code)

    def __lt__(self, other: "Problem") -> bool:
        return self.sort_key() < other.sort_key()

    def render(self) -> str:
        loc = self.path if self.line is None else f"{self.path}:{self.line}"
        text = f"{loc}: {self.severity}: {self.where}: {self.message} [{self.code}]"
        if self.hint:
            text += f"\n    fix: {self.hint}"
        return text


class InputError(Exception):
    """Raised when the inputs cannot be built; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(p.render() for p in self.problems))


def raise_if_errors(problems: list[Problem]) -> None:
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputError(errors)
