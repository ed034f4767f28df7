"""What every page handler shares: the app, cookie signer, templates, staff and words."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from bot.app import App
from bot.staff import StaffDirectory
from bot.web.i18n import pick_locale, ui_text
from bot.web.sessions import CookieSigner

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Site:
    app: App
    signer: CookieSigner
    staff: StaffDirectory
    templates: Jinja2Templates
    # Set when the server starts shutting down: every live stream ends (``bot.web.live``).
    closing: asyncio.Event = field(default_factory=asyncio.Event)

    @classmethod
    def build(cls, app: App, secret_key: str) -> Site:
        templates = Jinja2Templates(directory=TEMPLATES)
        zone = ZoneInfo(app.settings.service.timezone)
        templates.env.filters["local"] = lambda value, fmt="%m-%d %H:%M": _local(value, zone, fmt)
        max_age = app.settings.web.staff_session_hours * 3600
        signer = CookieSigner(secret_key, max_age)
        return cls(app, signer, StaffDirectory(app.settings.staff), templates)

    @property
    def brand(self) -> str:
        return self.app.settings.service.brand

    def locale(self, request: Request) -> str:
        return pick_locale(
            request.headers.get("accept-language"), self.app.settings.service.default_locale
        )

    def words(self, request: Request) -> dict[str, str]:
        return ui_text(self.locale(request), self.brand)

    def render(
        self, request: Request, name: str, context: dict[str, Any], status_code: int = 200
    ) -> Response:
        common = {"brand": self.brand, "locale": self.locale(request), "t": self.words(request)}
        context = common | context
        return self.templates.TemplateResponse(request, name, context, status_code=status_code)


def is_https(request: Request) -> bool:
    """Cookies get the Secure flag when the page was served over HTTPS."""
    return request.url.scheme == "https"


def _local(value: datetime | None, zone: ZoneInfo, fmt: str) -> str:
    return "" if value is None else value.astimezone(zone).strftime(fmt)
