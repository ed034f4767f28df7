"""Staff sign-in, the session gate every staff route passes, and CSRF checks.

The staff session is its own signed cookie (path ``/staff``), unrelated to the customer's chat
cookie; it names the staff member, carries the session's CSRF token, and is bound to the
member's password hash so a changed password or a removed account ends it.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.config import StaffMember
from bot.web.sessions import (
    LOGIN_COOKIE,
    LOGIN_MAX_AGE,
    STAFF_COOKIE,
    StaffSession,
    password_fingerprint,
    same_token,
)
from bot.web.site import Site, is_https
from bot.web.throttle import LoginThrottle

log = logging.getLogger(__name__)

STAFF_PATH = "/staff"
LOGIN_PATH = "/staff/login"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"


@dataclass(frozen=True, slots=True)
class SignedIn:
    """The staff member behind a request, and their session."""

    member: StaffMember
    session: StaffSession


def get_signed_in(site: Site, request: Request) -> SignedIn | None:
    """The staff member whose valid session cookie came with ``request``, if any."""
    session = site.signer.load_staff(request.cookies.get(STAFF_COOKIE))
    if session is None:
        return None
    member = site.staff.get(session.staff_id)
    if member is None or password_fingerprint(member.password_hash) != session.fingerprint:
        return None
    return SignedIn(member, session)


def login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path
    if request.url.query:
        target += "?" + request.url.query
    return RedirectResponse(f"{LOGIN_PATH}?next={quote(target)}", status_code=303)


def check_csrf(signed_in: SignedIn, request: Request, form_token: object = None) -> bool:
    """Whether the request carries this session's token (form field or header)."""
    given = form_token if form_token is not None else request.headers.get(CSRF_HEADER)
    return same_token(signed_in.session.csrf, given)


def _safe_next(value: str | None) -> str:
    """Only a path inside the console: never an open redirect to another site."""
    if value and value.startswith(STAFF_PATH) and not value.startswith("//"):
        return value
    return STAFF_PATH


def _client_address(request: Request) -> str:
    return request.client.host if request.client else ""


def auth_routes(site: Site) -> list[Route]:
    throttle = LoginThrottle(site.app.settings.web, site.app.clock)

    def login_page(
        request: Request, *, error: str | None = None, status: int = 200, minutes: int = 0
    ) -> Response:
        nonce = site.signer.new_token()
        message = site.words(request)[error].replace("{minutes}", str(minutes)) if error else None
        next_path = _safe_next(request.query_params.get("next"))
        response = site.render(
            request,
            "staff/login.html",
            {"nonce": nonce, "error": message, "next": next_path},
            status_code=status,
        )
        response.set_cookie(
            LOGIN_COOKIE,
            site.signer.dump_login(nonce),
            max_age=LOGIN_MAX_AGE,
            path=STAFF_PATH,
            httponly=True,
            samesite="lax",
            secure=is_https(request),
        )
        return response

    def throttled_page(request: Request, wait: timedelta) -> Response:
        """429 with the wait (the same answer whether or not the id exists)."""
        seconds = math.ceil(wait.total_seconds())
        response = login_page(
            request, error="login_throttled", status=429, minutes=math.ceil(seconds / 60)
        )
        response.headers["Retry-After"] = str(seconds)
        return response

    async def show_login(request: Request) -> Response:
        if get_signed_in(site, request) is not None:
            return RedirectResponse(STAFF_PATH, status_code=303)
        return login_page(request)

    async def do_login(request: Request) -> Response:
        form = await request.form()
        nonce = site.signer.load_login(request.cookies.get(LOGIN_COOKIE))
        if nonce is None or not same_token(nonce, form.get(CSRF_FIELD)):
            return login_page(request, error="login_expired", status=400)
        staff_id = str(form.get("staff_id", "")).strip()
        address = _client_address(request)
        wait = throttle.wait(staff_id, address)
        if wait is not None:
            return throttled_page(request, wait)
        member = site.staff.authenticate(staff_id, str(form.get("password", "")))
        if member is None:
            log.info("staff sign-in failed")
            throttle.failed(staff_id, address)
            wait = throttle.wait(staff_id, address)
            if wait is not None:
                log.warning("staff sign-in locked for %s after repeated failures", address)
                return throttled_page(request, wait)
            return login_page(request, error="login_failed", status=401)
        throttle.succeeded(staff_id)
        session = StaffSession(
            staff_id=member.id,
            csrf=site.signer.new_token(),
            fingerprint=password_fingerprint(member.password_hash),
        )
        response = RedirectResponse(_safe_next(str(form.get("next", ""))), status_code=303)
        response.set_cookie(
            STAFF_COOKIE,
            site.signer.dump_staff(session),
            max_age=site.signer.staff_max_age,
            path=STAFF_PATH,
            httponly=True,
            samesite="lax",
            secure=is_https(request),
        )
        response.delete_cookie(LOGIN_COOKIE, path=STAFF_PATH)
        log.info("staff %s signed in", member.id)
        return response

    async def do_logout(request: Request) -> Response:
        signed_in = get_signed_in(site, request)
        form = await request.form()
        if signed_in is not None and not check_csrf(signed_in, request, form.get(CSRF_FIELD)):
            return Response(status_code=400)
        response = RedirectResponse(LOGIN_PATH, status_code=303)
        response.delete_cookie(STAFF_COOKIE, path=STAFF_PATH)
        return response

    return [
        Route(LOGIN_PATH, show_login, methods=["GET"]),
        Route(LOGIN_PATH, do_login, methods=["POST"]),
        Route("/staff/logout", do_logout, methods=["POST"]),
    ]
