"""What the bot may propose, and when it must hand over (PROCESS.md §5)."""

from datetime import UTC, datetime

import pytest

from dialogs import Authority, Policy
from dialogs.remedies import decide, in_warranty, role_for

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("category", "severity", "slots", "offered", "remedy", "escalate"),
    [
        ("quality", "ordinary", {}, [], "exchange", None),
        ("quality", "ordinary", {}, ["exchange"], "repair", None),
        ("quality", "ordinary", {}, ["exchange", "repair", "refund"], None, "no_remedy"),
        ("quality", "ordinary", {"remedy": ["refund"]}, [], "refund", None),  # wish first
        ("quality", "ordinary", {"remedy": ["apology"]}, [], "exchange", None),  # always given
        ("quality", "ordinary", {"remedy": ["compensation"]}, [], None, "beyond_authority"),
        ("service", "ordinary", {}, [], "apology", None),
        ("service", "ordinary", {}, ["apology"], "gift", None),
        ("service", "ordinary", {"remedy": ["refund"]}, [], None, "beyond_authority"),
        ("enquiry", "ordinary", {}, [], None, "no_remedy"),
        ("unheard_of", "ordinary", {}, [], None, "no_remedy"),  # fallback row is empty
        ("quality", "major", {}, [], None, "severity"),
        ("quality", "crisis", {}, [], None, "severity"),
        ("quality", "ordinary", {"dates": ["2024-10-01"]}, [], None, "out_of_warranty"),
        ("quality", "ordinary", {"dates": ["2026-01-01"]}, [], "exchange", None),
        ("service", "ordinary", {"dates": ["2020-01-01"]}, [], "apology", None),  # no 三包
    ],
)
def test_decide(category, severity, slots, offered, remedy, escalate):
    decision = decide(Policy(), Authority(), category, severity, slots, offered, NOW)
    assert (decision.remedy, decision.escalate) == (remedy, escalate)


@pytest.mark.parametrize(
    ("dates", "inside"),
    [
        ([], True),
        (["上周"], True),  # relative: cannot be placed, so not held against the customer
        (["2025-11-21"], True),  # 11 months 30 days
        (["2025-11-20"], False),  # 12 months to the day
        (["2026-11-01", "2024-01-01"], False),  # the earliest date is taken as the purchase
    ],
)
def test_warranty_months(dates, inside):
    assert in_warranty(Policy(), {"dates": dates}, NOW) is inside


@pytest.mark.parametrize(
    ("severity", "slots", "reasons", "current", "role"),
    [
        ("ordinary", {}, [], None, "store_manager"),
        ("major", {}, [], None, "service_supervisor"),
        ("crisis", {}, [], None, "management"),
        ("ordinary", {"remedy": ["compensation"], "amount": "800"}, [], None, "service_supervisor"),
        (
            "ordinary",
            {"remedy": ["compensation"], "amount": "about 800"},
            [],
            None,
            "store_manager",
        ),
        ("ordinary", {"amount": "800"}, [], None, "store_manager"),  # a price, not a demand
        ("ordinary", {}, ["media"], None, "management"),
        ("ordinary", {}, [], "area_manager", "area_manager"),  # never handed back down
    ],
)
def test_role_for(severity, slots, reasons, current, role):
    assert role_for(Authority(), Policy(), severity, slots, reasons, current) == role
