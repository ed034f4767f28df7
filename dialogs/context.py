"""What a turn needs besides the case and the event: analyser, catalogues, settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from dialogs.catalogues import Catalogue, CatalogueError
from dialogs.settings import Authority, DialogOptions, Policy, TimeLimits
from nlp.analysis import Analysis


class TextAnalyzer(Protocol):
    """The part of ``nlp.Analyzer`` the dialog uses."""

    @property
    def confidence_threshold(self) -> float:
        """Below this category confidence the customer is asked to choose."""
        ...

    def analyze(self, text: str, language_hint: str | None = None) -> Analysis:
        """The facts in one message."""
        ...


def required_keys(policy: Policy, authority: Authority) -> list[str]:
    """Catalogue keys the configured policy and authority need in every locale."""
    keys = [f"category.{code}" for code in policy.categories]
    keys += [f"remedy.{code}.name" for code in sorted(policy.remedy_codes)]
    for code in policy.bot_remedies:
        keys += [f"remedy.{code}.offer", f"remedy.{code}.accepted"]
    for slot in sorted(policy.slot_names):
        keys += [f"ask.{slot}", f"detail.{slot}"]
    keys += [f"role.{role}" for role in authority.roles]
    return keys


@dataclass(frozen=True, slots=True)
class DialogContext:
    """Everything :func:`dialogs.handle` reads besides the case and the event. Immutable."""

    analyzer: TextAnalyzer
    catalogue: Catalogue
    options: DialogOptions
    time_limits: TimeLimits
    policy: Policy
    authority: Authority
    brand: str
    timezone: str  # IANA name: times shown to customers are written in this zone
    default_locale: str

    @classmethod
    def build(
        cls,
        analyzer: TextAnalyzer,
        *,
        options: DialogOptions,
        time_limits: TimeLimits,
        policy: Policy,
        authority: Authority,
        brand: str,
        timezone: str,
        default_locale: str,
        catalogue_dir: Path | None = None,
    ) -> DialogContext:
        """Load the catalogues once and check they cover the policy; call at start-up.

        Raises :class:`~dialogs.catalogues.CatalogueError` when a text the configuration needs
        is missing, and ``ValueError`` for an unknown locale or time zone.
        """
        catalogue = Catalogue.load(catalogue_dir)
        missing = catalogue.missing(required_keys(policy, authority))
        if missing:
            raise CatalogueError(f"catalogue lacks texts the policy needs: {', '.join(missing)}")
        if default_locale not in catalogue.locales:
            raise ValueError(f"no catalogue for default locale {default_locale!r}")
        ZoneInfo(timezone)  # raises for an unknown zone now rather than mid-conversation
        return cls(
            analyzer=analyzer,
            catalogue=catalogue,
            options=options,
            time_limits=time_limits,
            policy=policy,
            authority=authority,
            brand=brand,
            timezone=timezone,
            default_locale=default_locale,
        )
