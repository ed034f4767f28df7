"""Hand-labelled development set: labels live here, texts stay in ../shared/corpus/.

Each ``labels_*.tsv`` row is ``key<TAB>category<TAB>also<TAB>severity<TAB>note`` where ``key`` is
:func:`text_key` of the corpus text, ``also`` is a comma-separated list of other acceptable
categories (may be empty) and ``note`` is a free-text reason (may be empty).
"""

from __future__ import annotations

import hashlib


def clean_text(raw: str) -> str:
    """The corpus text as the labels see it: byte-order mark and outer whitespace removed."""
    return raw.replace("\ufeff", "").strip()


def text_key(raw: str) -> str:
    """Stable key of a corpus text: first 16 hex digits of SHA-1 of the cleaned UTF-8 text."""
    return hashlib.sha1(clean_text(raw).encode("utf-8")).hexdigest()[:16]
