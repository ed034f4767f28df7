"""The page words (bot/web/ui.toml): complete in every locale, and a word for every code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.web.i18n import LOCALES, load_ui_text, pick_locale
from dialogs.machine import STATES
from dialogs.settings import SEVERITIES
from dialogs.staff import VALIDITIES

DIALOGS = Path(__file__).resolve().parent.parent / "dialogs"
# Refusal codes: the pure rules' (listed in Refusal's docstring) plus the web layer's own.
WEB_REFUSALS = ("stale", "not_found", "csrf", "login")


def rule_refusals() -> set[str]:
    source = (DIALOGS / "staff.py").read_text("utf-8")
    return set(re.findall(r'_Refused\("([a-z_]+)"', source)) | {"closed", "unknown_action"}


def test_every_locale_has_every_key():
    table = load_ui_text()
    assert set(table) == set(LOCALES)
    for locale in LOCALES:
        assert set(table[locale]) == set(table["zh-CN"]), locale


@pytest.mark.parametrize("locale", LOCALES)
def test_every_code_shown_to_staff_has_a_word(locale):
    words = load_ui_text()[locale]
    wanted = (
        [f"state_{s}" for s in STATES]
        + [f"severity_{s}" for s in SEVERITIES]
        + [f"validity_{v}" for v in VALIDITIES]
        + [f"refused_{r}" for r in sorted(rule_refusals() | set(WEB_REFUSALS))]
    )
    assert [key for key in wanted if key not in words] == []


def test_every_event_the_dialogs_record_has_a_label():
    recorded = set()
    for path in DIALOGS.glob("*.py"):
        recorded |= set(re.findall(r'record\(\s*"([a-z_]+)"', path.read_text("utf-8")))
    words = load_ui_text()["zh-CN"]
    assert sorted(kind for kind in recorded if f"event_{kind}" not in words) == []


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"),
        ("zh-HK", "zh-TW"),
        ("zh-Hant-TW", "zh-TW"),
        ("en;q=0.5, zh;q=0.9", "zh-CN"),
        ("fr-FR, en;q=0.5", "en"),
        ("de", "zh-CN"),
        ("", "zh-CN"),
        ("en;q=abc", "zh-CN"),
    ],
)
def test_pick_locale(header, expected):
    assert pick_locale(header, "zh-CN") == expected
