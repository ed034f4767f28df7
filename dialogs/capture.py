"""Listening: from the first words to a confirmed complaint (PROCESS.md §1 倾听, §4 step 1).

The bot asks only for the details the category needs that the customer has not given yet, one
question at a time; the customer may skip any. Anything else the customer writes meanwhile is
added to the description. Then it restates the complaint and asks for confirmation.

Memo keys used here: ``description`` (list of the customer's texts), ``question`` (what the
bot asked last: "category", "correction" or a slot name), ``asked`` (times each question was
asked), ``skipped`` (slots the customer skipped), ``choices`` (category buttons offered),
``opened_at``.
"""

from __future__ import annotations

from dialogs.draft import Draft
from dialogs.events import Button
from dialogs.inputs import Utterance
from dialogs.proposal import propose
from dialogs.summary import describe, description, details, redescribe
from nlp.analysis import Analysis

CATEGORY = "category"
CORRECTION = "correction"
LIST_SLOTS = frozenset({"dates", "remedy"})
CODED_SLOTS = frozenset({"remedy"})  # values are codes: a free-text answer cannot fill them
SKIP = "skip"
# found in small talk too ("今天天气不错"): alone they do not show the customer has a case
VAGUE_SLOTS = frozenset({"dates"})


# ---- what every analysed message contributes -----------------------------------------------


def merge_slots(draft: Draft, analysis: Analysis) -> None:
    """Take the details found in this message; a new value replaces an old one."""
    for name, value in analysis.slots.as_dict().items():
        if name in LIST_SLOTS:
            known = list(draft.slots.get(name, ()))
            draft.slots[name] = known + [v for v in value if v not in known]
        else:
            draft.slots[name] = value


def classify(draft: Draft, category: str, source: str, confidence: float | None = None) -> None:
    """Set the case's category and record how it was decided."""
    draft.category = category
    draft.record("classified", category=category, source=source, confidence=confidence)


def absorb(draft: Draft, utterance: Utterance) -> None:
    """Slots from any message; description and category from a complaint."""
    analysis = utterance.analysis
    if analysis is None:
        return
    merge_slots(draft, analysis)
    if not analysis.is_complaint:
        return
    describe(draft, utterance.text)
    draft.memo.setdefault("opened_at", draft.now.isoformat())
    confident = analysis.confidence >= draft.ctx.analyzer.confidence_threshold
    if draft.category is None and confident:
        classify(
            draft,
            draft.ctx.policy.category_or_fallback(analysis.category),
            "nlp",
            analysis.confidence,
        )


# ---- questions ---------------------------------------------------------------------------


def _yes_no(draft: Draft) -> list[Button]:
    return [draft.button("button.yes", "yes"), draft.button("button.no", "no")]


def _asked(draft: Draft, question: str) -> None:
    asked: dict[str, int] = draft.memo.setdefault("asked", {})
    asked[question] = asked.get(question, 0) + 1
    draft.memo["question"] = question


def _times_asked(draft: Draft, question: str) -> int:
    return int(draft.memo.get("asked", {}).get(question, 0))


def category_choices(draft: Draft, analysis: Analysis | None) -> list[str]:
    """Categories to offer as buttons: the analyser's candidates first, the fallback last."""
    policy, limit = draft.ctx.policy, draft.ctx.options.category_choices
    if analysis is None:
        return list(draft.memo.get("choices", policy.categories[:limit]))
    ranked = [analysis.category, *analysis.alternatives, *policy.categories]
    choices: list[str] = []
    for code in ranked:
        if code in policy.remedies and code not in choices and code != policy.fallback_category:
            choices.append(code)
    return [*choices[: limit - 1], policy.fallback_category]


def ask_category(draft: Draft, analysis: Analysis | None) -> None:
    """Let the customer choose the category instead of guessing (low confidence)."""
    choices = category_choices(draft, analysis)
    draft.memo["choices"] = choices
    _asked(draft, CATEGORY)
    buttons = [draft.button(f"category.{code}", code) for code in choices]
    draft.say("capture.choose_category", buttons=buttons)


def ask_slot(draft: Draft, slot: str) -> None:
    """Ask for one missing detail; the customer may skip it."""
    _asked(draft, slot)
    draft.say(f"ask.{slot}", buttons=[draft.button("button.skip", SKIP)])


def missing_slots(draft: Draft) -> list[str]:
    """Required details of the category not given and not skipped, in asking order."""
    skipped = draft.memo.get("skipped", [])
    required = draft.ctx.policy.slots_for(draft.category)
    return [slot for slot in required if not draft.slots.get(slot) and slot not in skipped]


def restate(draft: Draft) -> None:
    """ "您反映的是……，对吗？" with the customer's words and the captured details."""
    words = description(draft, limit=draft.ctx.options.restate_max_chars)
    key = "confirm.restate" if words else "confirm.restate_details"
    draft.say(key, description=words, details=details(draft), buttons=_yes_no(draft))


def ask_next_or_confirm(draft: Draft) -> None:
    """Ask the next missing detail, or restate the complaint for confirmation."""
    missing = missing_slots(draft)
    if missing:
        ask_slot(draft, missing[0])
        return
    draft.memo.pop("question", None)
    if draft.state == "capturing":
        draft.fire("confirm")
    restate(draft)


def ask_again(draft: Draft) -> None:
    """Repeat the pending question of the capturing state."""
    question = draft.memo.get("question")
    if question == CATEGORY:
        ask_category(draft, None)
    elif question == CORRECTION:
        draft.say("confirm.correct")
    else:
        ask_next_or_confirm(draft)


# ---- states ------------------------------------------------------------------------------


def greet(draft: Draft) -> None:
    """Hello, thanks for contacting us, what happened?"""
    if draft.state == "new":
        draft.fire("greet")
        draft.say("greet.hello")
    else:
        draft.say("greet.again")


def start_complaint(draft: Draft, analysis: Analysis) -> None:
    """The first message that describes a problem: thank, then ask or confirm."""
    draft.fire("capture")
    draft.lead("capture.thanks")
    if draft.category is None:
        ask_category(draft, analysis)
    else:
        ask_next_or_confirm(draft)


def on_opening(draft: Draft, utterance: Utterance) -> None:
    """States ``new`` and ``greeting``: wait for the customer to say what happened."""
    analysis = utterance.analysis
    if analysis is not None and analysis.is_complaint:
        start_complaint(draft, analysis)
    elif utterance.intents & {"greeting", "start"}:
        greet(draft)
    elif "thanks" in utterance.intents:
        draft.say("thanks.reply")
    elif analysis is not None and set(analysis.slots.as_dict()) - VAGUE_SLOTS:
        draft.say("greet.ask_problem")
    else:
        draft.unclear()


def _chosen_category(draft: Draft, utterance: Utterance) -> str | None:
    codes = draft.ctx.policy.categories
    if utterance.button in codes:
        return utterance.button
    typed = utterance.text.strip()
    return next((c for c in codes if draft.text(f"category.{c}") == typed), None)


def _take_category(draft: Draft, utterance: Utterance) -> None:
    policy, analysis = draft.ctx.policy, utterance.analysis
    chosen = _chosen_category(draft, utterance)
    if chosen is not None:
        classify(draft, chosen, "customer")
    elif (
        analysis
        and analysis.is_complaint
        and (analysis.confidence >= draft.ctx.analyzer.confidence_threshold)
    ):
        classify(draft, policy.category_or_fallback(analysis.category), "nlp", analysis.confidence)
    elif _times_asked(draft, CATEGORY) >= draft.ctx.options.question_limit:
        classify(draft, policy.fallback_category, "default")
    else:
        if analysis is not None and analysis.is_complaint:  # described already by absorb
            draft.lead("capture.noted")
        ask_category(draft, None)
        return
    draft.lead("capture.noted")
    ask_next_or_confirm(draft)


def _free_answer(draft: Draft, utterance: Utterance, slot: str) -> str | None:
    """A short plain text answering the pending question, when nlp found no value itself."""
    analysis = utterance.analysis
    if analysis is None or slot in CODED_SLOTS or analysis.is_complaint or analysis.intents:
        return None
    if analysis.slots.as_dict():  # it answered something else (an order number for "product")
        return None
    return utterance.text if len(utterance.text) <= draft.ctx.options.answer_max_chars else None


def _take_answer(draft: Draft, utterance: Utterance, slot: str) -> None:
    analysis = utterance.analysis
    declined = analysis is not None and "no" in analysis.intents and not analysis.is_complaint
    if utterance.says("skip", SKIP) or declined:  # "没有" / "不记得" to a question is a skip
        draft.memo.setdefault("skipped", []).append(slot)
        draft.record("slot_skipped", actor="customer", slot=slot)
        ask_next_or_confirm(draft)
        return
    if analysis is None:
        draft.unclear(f"ask.{slot}", [draft.button("button.skip", SKIP)])
        return
    if not draft.slots.get(slot):
        answer = _free_answer(draft, utterance, slot)
        if answer is not None:
            draft.slots[slot] = [answer] if slot in LIST_SLOTS else answer
        elif analysis.is_complaint or not analysis.intents:
            describe(draft, utterance.text)
    if not draft.slots.get(slot) and _times_asked(draft, slot) >= draft.ctx.options.question_limit:
        draft.memo.setdefault("skipped", []).append(slot)
    draft.lead("capture.noted")
    ask_next_or_confirm(draft)


def on_capturing(draft: Draft, utterance: Utterance) -> None:
    """State ``capturing``: take the answer to the pending question."""
    question = draft.memo.get("question")
    if question == CATEGORY:
        _take_category(draft, utterance)
    elif question == CORRECTION:
        if utterance.analysis is None:
            draft.unclear("confirm.correct")
            return
        _correct(draft, utterance)
        draft.memo.pop("question")
        draft.lead("confirm.corrected")
        ask_next_or_confirm(draft)
    elif question:
        _take_answer(draft, utterance, question)
    else:
        ask_next_or_confirm(draft)


def _correct(draft: Draft, utterance: Utterance) -> None:
    """The customer says we got it wrong and tells it again: their words replace the old ones,
    and the category is decided afresh from them."""
    redescribe(draft, utterance.text)
    analysis = utterance.analysis
    if analysis is None:
        return
    merge_slots(draft, analysis)
    if analysis.is_complaint and analysis.confidence >= draft.ctx.analyzer.confidence_threshold:
        category = draft.ctx.policy.category_or_fallback(analysis.category)
        if category != draft.category:
            classify(draft, category, "correction", analysis.confidence)


def on_confirming(draft: Draft, utterance: Utterance) -> None:
    """State ``confirming``: yes → propose; no → correct; more facts → restate again."""
    analysis = utterance.analysis
    more = analysis is not None and (analysis.is_complaint or bool(analysis.slots.as_dict()))
    if utterance.says("yes", "yes") and not utterance.says("no", "no"):
        draft.fire("agree")
        propose(draft, after_refusal=False)
    elif more and utterance.says("no", "no"):
        _correct(draft, utterance)
        draft.lead("confirm.corrected")
        restate(draft)
    elif more:
        draft.lead("confirm.updated")
        restate(draft)
    elif utterance.says("no", "no"):
        draft.fire("correct")
        draft.memo["question"] = CORRECTION
        draft.say("confirm.correct")
    else:
        draft.unclear("confirm.ask_again", _yes_no(draft))
