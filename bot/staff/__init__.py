"""Staff: accounts from config and the actions they take on cases (any staff surface)."""

from bot.staff.accounts import DEMO_PASSWORD, StaffDirectory, check_staff_accounts
from bot.staff.actions import ActionOutcome, do_staff_action

__all__ = [
    "DEMO_PASSWORD",
    "ActionOutcome",
    "StaffDirectory",
    "check_staff_accounts",
    "do_staff_action",
]
