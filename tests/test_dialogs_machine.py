"""The state table: the committed diagram, reachability, and moves the table forbids."""

from pathlib import Path

import pytest
from transitions import MachineError

from dialogs import STATES, TRANSITIONS, render_mermaid
from dialogs.intake import ASK_AGAIN, STATE_HANDLERS
from dialogs.machine import BOT_HELD, next_state

DIAGRAM = Path(__file__).parent.parent / "dialogs" / "intake.mmd"


def reachable(start, edges):
    seen, todo = {start}, [start]
    while todo:
        here = todo.pop()
        for source, dest in edges:
            if source == here and dest not in seen:
                seen.add(dest)
                todo.append(dest)
    return seen


EDGES = [(source, edge.dest) for edge in TRANSITIONS for source in edge.sources]


def test_committed_diagram_is_the_table():
    assert DIAGRAM.read_text(encoding="utf-8") == render_mermaid()
    assert render_mermaid().startswith("stateDiagram-v2\n    [*] --> new\n")


def test_every_state_is_reachable_from_new():
    assert reachable("new", EDGES) == set(STATES)


@pytest.mark.parametrize("state", STATES)
def test_closed_is_reachable_from_every_state(state):
    assert "closed" in reachable(state, EDGES)


def test_table_names_only_known_states():
    assert {s for edge in EDGES for s in edge} <= set(STATES)


def test_every_bot_held_state_has_a_handler_and_a_prompt():
    assert set(STATE_HANDLERS) == set(BOT_HELD) == set(ASK_AGAIN)


@pytest.mark.parametrize(
    ("state", "trigger", "dest"),
    [
        ("new", "capture", "capturing"),
        ("awaiting_decision", "refuse", "proposing"),
        ("escalated", "take", "with_staff"),
        ("with_staff", "resolve", "resolved"),
        ("revisiting", "reopen", "escalated"),
    ],
)
def test_allowed_moves(state, trigger, dest):
    assert next_state(state, trigger) == dest


@pytest.mark.parametrize(
    ("state", "trigger"),
    [
        ("closed", "capture"),
        ("new", "accept"),
        ("escalated", "escalate"),
        ("with_staff", "cancel"),
        ("new", "cancel"),
        ("closed", "reopen"),
    ],
)
def test_forbidden_moves_raise(state, trigger):
    with pytest.raises(MachineError):
        next_state(state, trigger)
