"""Logging set-up with personal data masked in every record.

Phone numbers, e-mail addresses and street addresses are replaced before a record is
formatted, whatever logger emitted it, so a careless ``log.info("%s", text)`` cannot leak them.
"""

from __future__ import annotations

import logging
import re

_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})[- ]?(\d{3,4})(\d{4})(?!\d)")
_EMAIL = re.compile(r"([\w.+-])[\w.+-]*@([\w-]+\.[\w.-]+)")
# A Chinese address: a run of CJK/digits ending in an address unit (省市区县路街道号栋室...).
_ADDRESS = re.compile(
    r"[\u4e00-\u9fff\w]{0,20}(?:省|市|区|縣|县|镇|鎮|路|街|道|巷|弄|村)"
    r"[\u4e00-\u9fff\w-]{0,30}?\d+\s*(?:号|號|栋|棟|幢|单元|單元|室|楼|樓)[\w-]*"
)


def mask_personal_data(text: str) -> str:
    """Mask phone numbers, e-mail addresses and street addresses in ``text``."""
    text = _ADDRESS.sub("[address]", text)
    text = _MOBILE.sub(lambda m: f"{m[1]}****{m[3]}", text)
    text = _LANDLINE.sub(lambda m: f"{m[1]}-****{m[3]}", text)
    return _EMAIL.sub(lambda m: f"{m[1]}***@{m[2]}", text)


class PersonalDataFilter(logging.Filter):
    """Rewrites each record with personal data masked: the message (args folded in first) and
    any traceback, whose exception text may quote SQL parameters or customer words."""

    _tracebacks = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_personal_data(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = self._tracebacks.formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = mask_personal_data(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_personal_data(record.stack_info)
        return True


# Libraries that narrate every step at INFO: state-machine callbacks, schema checks.
_CHATTY = ("transitions", "alembic")


def setup_logging(level: str) -> None:
    """Log to stderr with masking on the root handler, so every library's records pass it."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(PersonalDataFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in _CHATTY:
        logging.getLogger(name).setLevel(max(logging.WARNING, root.level))
