"""The [dialog], [time_limits], [policy] and [authority] sections: defaults and validation."""

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from dialogs import Authority, DialogOptions, Policy, TimeLimits

EXAMPLE = tomllib.loads(
    (Path(__file__).parent.parent / "config.example.toml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize(
    ("section", "model"),
    [
        ("dialog", DialogOptions),
        ("time_limits", TimeLimits),
        ("policy", Policy),
        ("authority", Authority),
    ],
)
def test_defaults_equal_config_example(section, model):
    assert model.model_validate(EXAMPLE[section]) == model()


@pytest.mark.parametrize(
    ("model", "data", "message"),
    [
        (DialogOptions, {"unclear_limit": 0}, "unclear_limit"),
        (DialogOptions, {"refusal_limits": 2}, "refusal_limits"),  # typo: unknown key
        (TimeLimits, {"first_reply_hours": {"ordinary": 24, "major": 12}}, "crisis"),
        (TimeLimits, {"first_reply_hours": {"ordinary": 0, "major": 1, "crisis": 1}}, "1 hour"),
        (TimeLimits, {"revisit_reminder_hours": 120, "revisit_expire_hours": 48}, "later"),
        (TimeLimits, {"definite_date_hours": {"urgent": 24}}, "urgent"),
        (TimeLimits, {"definite_date_hours": {"major": 0}}, "definite_date_hours"),
        (Policy, {"fallback_category": "misc"}, "fallback_category"),
        (Policy, {"remedies": {"other": {"urgent": []}}}, "urgent"),
        (Policy, {"required_slots": {"pets": ["product"]}}, "pets"),
        (Policy, {"warranty_remedies": ["compensation"]}, "warranty_remedies"),
        (Policy, {"satisfied_score": 6}, "satisfied_score"),
        (Authority, {"first_role": {"ordinary": "ceo", "major": "ceo", "crisis": "ceo"}}, "ceo"),
        (Authority, {"bot_role": "management"}, "bot_role"),
        (Authority, {"bot_severities": ["minor"]}, "minor"),
    ],
)
def test_bad_values_are_refused_with_the_reason(model, data, message):
    with pytest.raises(ValidationError, match=message):
        model.model_validate(data)


@pytest.mark.parametrize(
    ("amount", "role"),
    [
        (None, "store_manager"),  # money of unknown amount: the first role that may pay any
        (Decimal("1"), "store_manager"),
        (Decimal("500"), "store_manager"),
        (Decimal("500.01"), "service_supervisor"),
        (Decimal("1000"), "service_supervisor"),
        (Decimal("1001"), "management"),
    ],
)
def test_who_may_approve_an_amount(amount, role):
    assert Authority().role_for_amount(amount) == role


@pytest.mark.parametrize(
    ("role", "up"),
    [
        ("store_manager", "area_manager"),
        ("service_supervisor", "management"),
        ("management", "management"),
    ],
)
def test_one_role_up(role, up):
    assert Authority().next_role(role) == up


def test_unknown_category_uses_the_fallback_row():
    policy = Policy()
    assert policy.table("pets", "ordinary") == policy.table("other", "ordinary")
    assert policy.slots_for(None) == ()
    assert policy.table("quality", "crisis") == ()
