"""The staff JSON API (same session and CSRF token as the console pages).

GET  /staff/api/cases                    the case list (filters as on /staff)
GET  /staff/api/cases/{id}               one case: state, transcript, audit events, actions
GET  /staff/api/cases/{id}/live          what changed since the page's last message/event
POST /staff/api/cases/{id}/actions       {"action", "version", "args"}; X-CSRF-Token header
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.web.case_views import fingerprint, sla_due
from bot.web.console import (
    act,
    case_page_context,
    labels_for,
    list_rows,
    outcome_json,
    refusal_response,
    staff_only,
)
from bot.web.site import Site
from bot.web.staff_auth import SignedIn, check_csrf

MAX_BODY = 64 * 1024


def _int(request: Request, name: str) -> int:
    try:
        return max(0, int(request.query_params.get(name, "0")))
    except ValueError:
        return 0


def _json(value: Any) -> Any:
    """Datetimes as ISO strings, recursively."""
    if isinstance(value, dict):
        return {key: _json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def api_routes(site: Site) -> list[Route]:
    async def cases(request: Request, signed_in: SignedIn) -> Response:
        rows = await list_rows(site, request, signed_in)
        return JSONResponse({"cases": _json(rows)})

    async def case(request: Request, signed_in: SignedIn) -> Response:
        case_id = int(request.path_params["case_id"])
        context = await case_page_context(site, request, signed_in, case_id)
        if context is None:
            return JSONResponse({"ok": False, "error": "not_found"}, status_code=404)
        record = context["case"]
        body = {
            "case": context["row"]
            | {
                "validity": record.state.validity,
                "locale": record.state.locale,
                "slots": context["slots"],
                "compensation_request": context["comp_request"],
                "offer": context["offer"],
                "sla_due_at": sla_due(record),
            },
            "transcript": context["messages"],
            "events": context["events"],
            "allowed_actions": sorted(context["allowed"]),
        }
        return JSONResponse(_json(body))

    async def live(request: Request, signed_in: SignedIn) -> Response:
        """New transcript lines and events as HTML fragments, plus the case's version."""
        case_id = int(request.path_params["case_id"])
        after_message, after_event = _int(request, "after_message"), _int(request, "after_event")
        context = await case_page_context(site, request, signed_in, case_id)
        if context is None:
            return JSONResponse({"ok": False, "error": "not_found"}, status_code=404)
        messages = [m for m in context["messages"] if m["id"] > after_message]
        events = [e for e in context["events"] if e["id"] > after_event]
        render = site.templates.get_template
        labels = labels_for(site, request)
        words = site.words(request)
        record = context["case"]
        return JSONResponse(
            {
                "version": record.version,
                "fingerprint": fingerprint(record),
                "last_message": context["last_message"],
                "last_event": context["last_event"],
                "messages_html": render("staff/_messages.html").render(
                    messages=messages, t=words, labels=labels
                ),
                "events_html": render("staff/_events.html").render(
                    events=events, t=words, labels=labels
                ),
            },
            headers={"Cache-Control": "no-store"},
        )

    async def action(request: Request, signed_in: SignedIn) -> Response:
        case_id = int(request.path_params["case_id"])
        if not check_csrf(signed_in, request):
            return refusal_response(case_id, "csrf", True)
        raw = await request.body()
        try:
            body = json.loads(raw) if len(raw) <= MAX_BODY else None
        except ValueError:
            body = None
        if not isinstance(body, dict) or not isinstance(body.get("args", {}), dict):
            return refusal_response(case_id, "invalid", True)
        outcome = await act(
            site,
            signed_in,
            case_id,
            str(body.get("action", "")),
            dict(body.get("args", {})),
            body.get("version"),
        )
        return outcome_json(outcome)

    return [
        Route("/staff/api/cases", staff_only(site, cases, api=True), methods=["GET"]),
        Route("/staff/api/cases/{case_id:int}", staff_only(site, case, api=True), methods=["GET"]),
        Route(
            "/staff/api/cases/{case_id:int}/live",
            staff_only(site, live, api=True),
            methods=["GET"],
        ),
        Route(
            "/staff/api/cases/{case_id:int}/actions",
            staff_only(site, action, api=True),
            methods=["POST"],
        ),
    ]
