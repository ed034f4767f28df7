"""The staff JSON API (same session and CSRF token as the console pages).

GET  /staff/api/cases                    the case list (filters as on /staff)
GET  /staff/api/cases/{id}               one case: state, transcript, audit events, actions
POST /staff/api/cases/{id}/actions       {"action", "version", "args"}; X-CSRF-Token header

The live updates (streams and their polling fallback) are in ``bot.web.staff_live``.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.web.case_views import sla_due
from bot.web.console import (
    act,
    case_page_context,
    list_rows,
    outcome_json,
    refusal_response,
    staff_only,
)
from bot.web.site import Site
from bot.web.staff_auth import SignedIn, check_csrf

MAX_BODY = 64 * 1024


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
            "/staff/api/cases/{case_id:int}/actions",
            staff_only(site, action, api=True),
            methods=["POST"],
        ),
    ]
