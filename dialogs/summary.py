"""The complaint in brief: the customer's own words and the captured details.

Used to restate the complaint ("您反映的是……，对吗？"), in the revisit greeting and on the
staff card, so all three say the same thing.
"""

from __future__ import annotations

from dialogs.draft import Draft

# slots shown in a restatement, in this order (names are nlp.Slots fields)
DETAIL_ORDER = ("product", "order_no", "dates", "store", "phone", "amount", "remedy")
ELLIPSIS = "…"


def describe(draft: Draft, text: str) -> None:
    """Add ``text`` to what the customer said happened (bounded; a repeat is not added)."""
    parts: list[str] = draft.memo.setdefault("description", [])
    used = sum(len(part) for part in parts)
    room = draft.ctx.options.description_max_chars - used
    if room <= 0 or (parts and parts[-1] == text):
        return
    parts.append(text[:room])


def redescribe(draft: Draft, text: str) -> None:
    """Replace what the customer said happened with their correction (the transcript keeps
    the earlier words; the audit records the change)."""
    before = list(draft.memo.get("description", []))
    if before and text.startswith(before[-1]):
        before.pop()  # the correction itself, already noted as the customer's latest words
    draft.memo["description"] = []
    describe(draft, text)
    draft.record("description_corrected", before=before, after=draft.memo["description"])


def description(draft: Draft, limit: int | None = None, locale: str | None = None) -> str:
    """The customer's words, joined; cut to ``limit`` characters with an ellipsis."""
    joined = draft.text_in(locale or draft.locale, "format.list_join").join(
        draft.memo.get("description", ())
    )
    if limit is not None and len(joined) > limit:
        return joined[: limit - 1] + ELLIPSIS
    return joined


def _remedy_name(draft: Draft, locale: str, code: str) -> str:
    key = f"remedy.{code}.name"
    return draft.text_in(locale, key) if draft.ctx.catalogue.has(key) else code


def _value(draft: Draft, locale: str, slot: str) -> str:
    value = draft.slots[slot]
    if slot == "remedy":
        value = [_remedy_name(draft, locale, code) for code in value]
    if isinstance(value, list | tuple):
        return draft.text_in(locale, "format.list_join").join(str(v) for v in value)
    return str(value)


def details(draft: Draft, locale: str | None = None) -> str:
    """Category and captured slots as "类别：…，商品：…" in ``locale`` (default: customer's)."""
    locale = locale or draft.locale
    parts = []
    if draft.category:
        label = draft.text_in(locale, f"category.{draft.category}")
        parts.append(draft.text_in(locale, "detail.category", value=label))
    for slot in DETAIL_ORDER:
        if draft.slots.get(slot):
            parts.append(draft.text_in(locale, f"detail.{slot}", value=_value(draft, locale, slot)))
    return draft.text_in(locale, "format.list_join").join(parts)
