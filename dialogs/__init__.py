"""The conversation: a state machine over a complaint case, message catalogues, remedy policy.

Pure: ``handle`` computes a :class:`~dialogs.events.Turn` from a case, an event and the time;
``bot`` carries out its effects. No I/O besides reading the packaged catalogues at start-up.
"""

from dialogs.catalogues import Catalogue, CatalogueError
from dialogs.context import DialogContext, TextAnalyzer
from dialogs.intake import handle
from dialogs.machine import STATES, TRANSITIONS, render_mermaid
from dialogs.settings import Authority, DialogOptions, Policy, TimeLimits
from dialogs.staff import Refusal, Staff, allowed_actions, apply_staff

__all__ = [
    "STATES",
    "TRANSITIONS",
    "Authority",
    "Catalogue",
    "CatalogueError",
    "DialogContext",
    "DialogOptions",
    "Policy",
    "Refusal",
    "Staff",
    "TextAnalyzer",
    "TimeLimits",
    "allowed_actions",
    "apply_staff",
    "handle",
    "render_mermaid",
]
