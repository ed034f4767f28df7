"""Negation: a cue shortly before an entry, in the same clause, cancels the entry.

``没有受伤`` is no injury, ``不是质量问题`` is no quality complaint; but in
``没有人理，孩子受伤了`` the comma ends the negated clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.lexicon_files import NegationFile


def union(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex matching any of ``patterns``; None when there are none."""
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


@dataclass(frozen=True, slots=True)
class Negation:
    cues: re.Pattern[str] | None
    not_cues: re.Pattern[str] | None
    breakers: re.Pattern[str] | None
    window: int
    window_en: int

    @classmethod
    def from_file(cls, spec: NegationFile) -> Negation:
        return cls(
            cues=union(spec.cues),
            not_cues=union(spec.not_cues),
            breakers=union(spec.breakers),
            window=spec.window,
            window_en=spec.window_en,
        )

    def negates(self, text: str, start: int, english: bool) -> bool:
        """Whether a cue stands within the window before ``start`` in the same clause."""
        if self.cues is None:
            return False
        span = self.window_en if english else self.window
        before = text[max(0, start - span) : start]
        if self.not_cues is not None:
            before = self.not_cues.sub("\x00", before)
        if self.breakers is not None:
            ends = [match.end() for match in self.breakers.finditer(before)]
            if ends:
                before = before[ends[-1] :]
        return self.cues.search(before) is not None
