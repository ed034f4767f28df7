"""Live updates for the staff console: one case page, and the case list.

GET /staff/api/cases/stream?<filters>    SSE "rows": the list's rows (HTML) when they change
GET /staff/api/cases/{id}/stream         SSE "case": new transcript lines and audit events
                                         (HTML) with the case's version, whenever any changes
GET /staff/api/cases/{id}/live           the same "case" payload once, as JSON (the fallback
                                         poll, and the refresh right after an action)

Both streams send the current state first, so a reconnecting page catches up at once; the case
stream resumes after the ``Last-Event-ID`` it gets back ("<last message>.<last event>"). Each
poll checks the staff session again, so a stream ends with the session (expiry, a changed
password, a removed account); the browser's reconnect then gets 401 and the page signs in.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.web.case_views import fingerprint, list_signature
from bot.web.console import (
    CaseFilters,
    Handler,
    build_rows,
    case_page_context,
    find_cases,
    labels_for,
    staff_only,
)
from bot.web.live import Frame, event_stream
from bot.web.site import Site
from bot.web.staff_auth import SignedIn, get_signed_in


async def live_payload(
    site: Site,
    request: Request,
    signed_in: SignedIn,
    case_id: int,
    after_message: int,
    after_event: int,
) -> dict[str, Any] | None:
    """What changed on a case page since it showed ``after_message`` and ``after_event``."""
    context = await case_page_context(site, request, signed_in, case_id)
    if context is None:
        return None
    messages = [m for m in context["messages"] if m["id"] > after_message]
    events = [e for e in context["events"] if e["id"] > after_event]
    render = site.templates.get_template
    labels = labels_for(site, request)
    words = site.words(request)
    record = context["case"]
    return {
        "version": record.version,
        "fingerprint": fingerprint(record),
        "last_message": max(context["last_message"], after_message),
        "last_event": max(context["last_event"], after_event),
        "messages_html": render("staff/_messages.html").render(
            messages=messages, t=words, labels=labels
        ),
        "events_html": render("staff/_events.html").render(events=events, t=words, labels=labels),
    }


def _cursors(request: Request) -> tuple[int, int]:
    """(last message, last event) the page has: from Last-Event-ID, else the query."""
    resumed = request.headers.get("last-event-id", "").split(".")
    if len(resumed) == 2 and all(part.isdigit() for part in resumed):
        return int(resumed[0]), int(resumed[1])
    return _int(request, "after_message"), _int(request, "after_event")


def _int(request: Request, name: str) -> int:
    try:
        return max(0, int(request.query_params.get(name, "0")))
    except ValueError:
        return 0


def staff_live_routes(site: Site) -> list[Route]:
    settings = site.app.settings.web

    async def live(request: Request, signed_in: SignedIn) -> Response:
        case_id = int(request.path_params["case_id"])
        payload = await live_payload(
            site,
            request,
            signed_in,
            case_id,
            _int(request, "after_message"),
            _int(request, "after_event"),
        )
        if payload is None:
            return JSONResponse({"ok": False, "error": "not_found"}, status_code=404)
        return JSONResponse(payload, headers={"Cache-Control": "no-store"})

    async def case_stream(request: Request, signed_in: SignedIn) -> Response:
        case_id = int(request.path_params["case_id"])
        async with site.app.store.transaction() as tx:
            if await tx.get_case(case_id) is None:
                return JSONResponse({"ok": False, "error": "not_found"}, status_code=404)
        last_message, last_event = _cursors(request)
        version: int | None = None  # what the page was last sent: nothing yet

        async def poll() -> list[Frame] | None:
            nonlocal last_message, last_event, version
            member = get_signed_in(site, request)
            if member is None:
                return None
            # Cheap check first: every write to a case bumps its version, except audit lines
            # for refused actions, which come with no change to the case.
            async with site.app.store.transaction() as tx:
                case = await tx.get_case(case_id)
                fresh = await tx.events(case_id, after_id=last_event)
            if case is None or (case.version == version and not fresh):
                return []
            payload = await live_payload(site, request, member, case_id, last_message, last_event)
            if payload is None:
                return []
            version = payload["version"]
            last_message, last_event = payload["last_message"], payload["last_event"]
            return [Frame(payload, event="case", id=f"{last_message}.{last_event}")]

        return event_stream(poll, settings, site.closing)

    async def list_stream(request: Request, signed_in: SignedIn) -> Response:
        filters = CaseFilters.from_query(request.query_params)
        labels = labels_for(site, request)
        template = site.templates.get_template("staff/_rows.html")
        shown: tuple[Any, ...] | None = None

        async def poll() -> list[Frame] | None:
            nonlocal shown
            if get_signed_in(site, request) is None:
                return None
            now = site.app.clock()
            async with site.app.store.transaction() as tx:
                cases = await find_cases(tx, filters, signed_in.member.id)
                signature = list_signature(cases, now)
                if signature == shown:
                    return []
                rows = await build_rows(tx, cases, labels, now)
            shown = signature
            html = template.render(rows=rows, t=labels.words)
            return [Frame({"html": html}, event="rows")]

        return event_stream(poll, settings, site.closing)

    def route(path: str, handler: Handler) -> Route:
        return Route(path, staff_only(site, handler, api=True), methods=["GET"])

    return [
        route("/staff/api/cases/stream", list_stream),
        route("/staff/api/cases/{case_id:int}/stream", case_stream),
        route("/staff/api/cases/{case_id:int}/live", live),
    ]
