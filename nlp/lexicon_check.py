"""Lint the lexicons: conflicting, duplicate and unreachable entries.

Service managers edit the lexicon files by hand; this finds the mistakes that make an edit
silently useless or ambiguous. ``complaint-bot check-lexicons`` prints what it returns.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

import jieba

from nlp.analyzer import lexicon_folder, user_dict_path
from nlp.categories import category_lexicon
from nlp.emotion import emotion_lexicon, intensity_lexicon
from nlp.intents import bare, intent_lexicon, satisfaction_lexicon
from nlp.lexicon_files import LexiconError, LexiconSet
from nlp.matcher import Document, Lexicon, Matcher, term_key
from nlp.negation import Negation
from nlp.settings import NlpSettings
from nlp.severity import severity_lexicon
from nlp.slots import product_lexicon, relative_date_lexicon, remedy_lexicon
from nlp.tokens import cut, load_tokenizer


def all_lexicons(lexicons: LexiconSet, settings: NlpSettings) -> list[Lexicon]:
    """Every keyword lexicon the analyser compiles, as it compiles them."""
    categories = settings.categories or tuple(lexicons.categories.category)
    return [
        category_lexicon(lexicons.categories, categories),
        severity_lexicon(lexicons.severity),
        emotion_lexicon(lexicons.emotion),
        intensity_lexicon(lexicons.emotion),
        intent_lexicon(lexicons.intents),
        satisfaction_lexicon(lexicons.satisfaction),
        remedy_lexicon(lexicons.remedies),
        product_lexicon(lexicons.slots),
        relative_date_lexicon(lexicons.slots),
    ]


def _duplicates_and_conflicts(lexicon: Lexicon) -> Iterator[str]:
    """A term listed twice for one code, or for two codes with the same weight.

    In an exclusive lexicon (categories, severity, remedies) a term may count for two codes
    only with different weights: the weights are the tie-break.
    """
    seen: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for code, group in lexicon.groups:
        for source in group.terms:
            seen[term_key(source)].append((code, group.weight))
    for key in lexicon.ignore.terms:
        if term_key(key) in seen:
            yield f"{lexicon.name}: unreachable {key!r}: also listed under ignore"
    for key, uses in seen.items():
        codes = [code for code, _ in uses]
        for code in sorted({c for c in codes if codes.count(c) > 1}):
            yield f"{lexicon.name}: duplicate {key!r} in {code}"
        distinct = sorted(set(uses))
        if lexicon.exclusive and len({code for code, _ in distinct}) > 1:
            weights = [weight for _, weight in distinct]
            if len(set(weights)) < len(weights):
                where = ", ".join(code for code, _ in distinct)
                yield f"{lexicon.name}: conflict {key!r} counts for {where} with no tie-break"


def _unreachable(lexicon: Lexicon, matcher: Matcher, tokenizer: jieba.Tokenizer) -> Iterator[str]:
    """Terms that do not match even the text that is exactly themselves."""
    for code, group in lexicon.groups:
        for source in group.terms:
            key = term_key(source)
            if not key:
                yield f"{lexicon.name}: unreachable {source!r}: empty after normalisation"
                continue
            if group.whole_token and cut(tokenizer, key) != [key]:
                words = "/".join(cut(tokenizer, key))
                yield f"{lexicon.name}: unreachable {source!r}: jieba cuts it as {words}"
                continue
            hits = matcher.find(Document(key, tokenizer))
            if not any(hit.code == code and not hit.negated for hit in hits):
                yield f"{lexicon.name}: unreachable {source!r} ({code}): an ignore entry covers it"


def _useless_ignores(
    lexicon: Lexicon, matcher: Matcher, tokenizer: jieba.Tokenizer
) -> Iterator[str]:
    """Ignore phrases inside which no entry would even be a candidate."""
    without_ignores = Matcher(Lexicon(lexicon.name, lexicon.groups), matcher.negation)
    for source in lexicon.ignore.terms:
        if not without_ignores.candidates(Document(term_key(source), tokenizer)):
            yield f"{lexicon.name}: ignore entry {source!r} hides no entry"


def _empty_patterns(lexicon: Lexicon) -> Iterator[str]:
    for code, group in (*lexicon.groups, ("ignore", lexicon.ignore)):
        for source in group.patterns:
            if re.compile(source).fullmatch(""):
                yield f"{lexicon.name}: pattern {source!r} ({code}) matches empty text"


def _exact_intents(lexicons: LexiconSet) -> Iterator[str]:
    for code, intent in lexicons.intents.intent.items():
        phrases = [bare(phrase) for phrase in intent.exact]
        for phrase, source in zip(phrases, intent.exact, strict=True):
            if not phrase:
                yield f"intents.toml: unreachable exact {source!r} ({code}): no letters"
        for phrase in sorted({p for p in phrases if p and phrases.count(p) > 1}):
            yield f"intents.toml: duplicate exact {phrase!r} in {code}"


def _scores_in_range(lexicons: LexiconSet) -> Iterator[str]:
    spec = lexicons.satisfaction
    for word, score in spec.words.items():
        if not spec.lowest <= score <= spec.highest:
            yield f"satisfaction.toml: {word!r} = {score} is outside {spec.lowest}..{spec.highest}"


def check_lexicons(settings: NlpSettings | None = None) -> list[str]:
    """Problems in the lexicons ``settings`` point at (the bundled ones by default).

    An empty list means the lexicons load, and every entry can match and means one thing.
    """
    settings = settings or NlpSettings()
    try:
        lexicons = LexiconSet.load(lexicon_folder(settings))
        if lexicons.categories.fallback not in lexicons.categories.category:
            return [f"categories.toml: fallback {lexicons.categories.fallback!r} is no category"]
        unknown = set(settings.categories) - set(lexicons.categories.category)
        if unknown:
            return [f"[nlp].categories: not in categories.toml: {sorted(unknown)}"]
        negation = Negation.from_file(lexicons.negation)
        tokenizer = load_tokenizer(user_dict_path(settings))
        problems: list[str] = []
        for lexicon in all_lexicons(lexicons, settings):
            matcher = Matcher(lexicon, negation)
            problems += _duplicates_and_conflicts(lexicon)
            problems += _unreachable(lexicon, matcher, tokenizer)
            problems += _useless_ignores(lexicon, matcher, tokenizer)
            problems += _empty_patterns(lexicon)
    except (LexiconError, re.error, OSError) as exc:
        return [str(exc)]
    problems += _exact_intents(lexicons)
    problems += _scores_in_range(lexicons)
    return list(dict.fromkeys(problems))
