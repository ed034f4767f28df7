"""The conversation's states and transitions, as one table, and the one machine built from it.

The dialog code decides *which* trigger a message amounts to; this table decides *where* that
trigger may lead. A trigger that the table does not allow from the current state is a bug and
raises ``transitions.MachineError``. ``dialogs/intake.mmd`` is drawn from the same table.

The machine is built once at import. A turn does not register a model with it: it fires the
event on a throwaway token that carries only ``state`` (measured: ~13 µs per trigger, against
~120 µs for ``add_model``/``remove_model`` and far more for building a machine per message).
Nothing is registered, so concurrent turns share the machine safely.
"""

from __future__ import annotations

from dataclasses import dataclass

from transitions import Machine

STATES: tuple[str, ...] = (
    "new",
    "greeting",
    "capturing",
    "confirming",
    "proposing",
    "awaiting_decision",
    "resolved",
    "revisiting",
    "escalated",
    "with_staff",
    "closed",
)

STAFF_HELD: tuple[str, ...] = ("escalated", "with_staff")
# the bot talks for the case in every state that is neither with staff nor closed
BOT_HELD: tuple[str, ...] = tuple(s for s in STATES if s not in (*STAFF_HELD, "closed"))
# "proposing" is passed through within one turn: a case never waits there
_RESTING_BOT_HELD = tuple(s for s in BOT_HELD if s != "proposing")


@dataclass(frozen=True, slots=True)
class Edge:
    """Trigger ``trigger`` moves a case from any of ``sources`` to ``dest``."""

    trigger: str
    sources: tuple[str, ...]
    dest: str
    by: str = "customer"  # who causes it: "customer", "timer" or "staff" (documentation)


TRANSITIONS: tuple[Edge, ...] = (
    # the customer talks to the bot
    Edge("greet", ("new",), "greeting"),
    Edge("capture", ("new", "greeting"), "capturing"),
    Edge("confirm", ("capturing",), "confirming"),
    Edge("correct", ("confirming",), "capturing"),
    Edge("agree", ("confirming",), "proposing"),
    Edge("propose", ("proposing",), "awaiting_decision", by="bot"),
    Edge("accept", ("awaiting_decision",), "resolved"),
    Edge("refuse", ("awaiting_decision",), "proposing"),
    Edge("satisfied", ("revisiting",), "closed"),
    Edge("cancel", _RESTING_BOT_HELD[1:], "closed"),
    Edge("escalate", BOT_HELD, "escalated", by="bot"),
    # due jobs
    Edge("survey", ("resolved",), "revisiting", by="timer"),
    Edge("expire", ("revisiting",), "closed", by="timer"),
    # staff (fired by the staff console)
    Edge("take", ("escalated",), "with_staff", by="staff"),
    Edge("hand_over", ("with_staff",), "with_staff", by="staff"),
    Edge("resolve", ("with_staff",), "resolved", by="staff"),
    Edge("reopen", ("resolved", "revisiting"), "escalated", by="staff"),
)


@dataclass(slots=True)
class _Token:
    """The stand-in model for one trigger: just the state attribute ``transitions`` moves."""

    state: str


_MACHINE = Machine(
    model=None,
    states=list(STATES),
    transitions=[
        {"trigger": e.trigger, "source": list(e.sources), "dest": e.dest} for e in TRANSITIONS
    ],
    initial=None,
    auto_transitions=False,
)


def next_state(state: str, trigger: str) -> str:
    """Fire ``trigger`` from ``state`` on the shared machine and return the new state.

    Raises ``transitions.MachineError`` when the table has no such move.
    """
    token = _Token(state)
    _MACHINE.events[trigger].trigger(token)
    return token.state


def render_mermaid() -> str:
    """The state diagram as Mermaid text (what ``complaint-bot diagram`` prints)."""
    lines = ["stateDiagram-v2", f"    [*] --> {STATES[0]}"]
    for edge in TRANSITIONS:
        suffix = "" if edge.by == "customer" else f" ({edge.by})"
        lines.extend(
            f"    {source} --> {edge.dest}: {edge.trigger}{suffix}" for source in edge.sources
        )
    lines.append(f"    {STATES[-1]} --> [*]")
    return "\n".join(lines) + "\n"
