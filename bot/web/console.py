"""The staff console pages: the case list and one case with its actions.

Pages are rendered on the server and work without JavaScript (forms post and redirect back);
``static/staff.js`` adds live updates and submits actions without losing what was typed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from starlette.datastructures import FormData, QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from bot.staff import do_staff_action
from bot.staff.actions import ActionOutcome, staff_roster
from bot.web.case_views import (
    OPEN_STATES,
    Labels,
    case_row,
    events_view,
    fingerprint,
    messages_view,
    sla_due,
)
from bot.web.site import Site
from bot.web.staff_auth import CSRF_FIELD, SignedIn, check_csrf, get_signed_in, login_redirect
from dialogs.events import StaffCommand
from dialogs.machine import STATES
from dialogs.settings import SEVERITIES
from dialogs.staff import ACTIONS, OFFER, REQUEST, VALIDITIES, allowed_actions, limit_of
from storage import CaseRecord, Transaction

LIST_LIMIT = 200
# Form fields that become the action's arguments (everything else is transport).
ARG_FIELDS = ("text", "to", "remedy", "note", "amount", "reason", "level", "value", "summary")
# HTTP status per refusal, for the JSON answers.
REFUSAL_STATUS = {
    "not_found": 404,
    "not_authorised": 403,
    "beyond_authority": 403,
    "not_owner": 403,
    "closed": 409,
    "stale": 409,
    "wrong_state": 409,
    "no_request": 409,
}

# Words staff.js needs besides the refusals.
CLIENT_WORDS = ("done", "chat_offline")

Handler = Callable[[Request, SignedIn], Awaitable[Response]]


@dataclass(frozen=True, slots=True)
class CaseFilters:
    """The case list's filters, from the query string."""

    state: str = "open"
    severity: str = ""
    category: str = ""
    owner: str = ""

    @classmethod
    def from_query(cls, query: QueryParams) -> CaseFilters:
        return cls(
            state=query.get("state", "open"),
            severity=query.get("severity", ""),
            category=query.get("category", ""),
            owner=query.get("owner", ""),
        )

    def states(self) -> tuple[str, ...] | None:
        if self.state == "open":
            return OPEN_STATES
        return (self.state,) if self.state in STATES else None


def labels_for(site: Site, request: Request) -> Labels:
    members = {m.id: m for m in site.staff.members}
    return Labels(site.app.context, site.locale(request), site.words(request), members)


def staff_only(
    site: Site, handler: Handler, *, api: bool = False
) -> Callable[[Request], Awaitable[Response]]:
    """Wrap ``handler``: no valid staff session → login page (or 401 for the JSON API)."""

    async def endpoint(request: Request) -> Response:
        signed_in = get_signed_in(site, request)
        if signed_in is None:
            if api:
                return JSONResponse({"ok": False, "error": "login"}, status_code=401)
            return login_redirect(request)
        return await handler(request, signed_in)

    return endpoint


async def list_rows(site: Site, request: Request, signed_in: SignedIn) -> list[dict[str, Any]]:
    """The case list as rows, filtered by the request's query."""
    filters = CaseFilters.from_query(request.query_params)
    async with site.app.store.transaction() as tx:
        cases = await find_cases(tx, filters, signed_in.member.id)
        return await build_rows(tx, cases, labels_for(site, request), site.app.clock())


async def find_cases(tx: Transaction, filters: CaseFilters, me: str) -> list[CaseRecord]:
    """The cases the list shows for ``filters``, as signed-in staff member ``me``."""
    owner = me if filters.owner == "me" else None
    if filters.owner not in ("", "me", "none"):
        owner = filters.owner
    cases = await tx.list_cases(
        states=filters.states(),
        severities=(filters.severity,) if filters.severity else None,
        categories=(filters.category,) if filters.category else None,
        owner=owner,
        limit=LIST_LIMIT,
    )
    if filters.owner == "none":
        cases = [case for case in cases if case.state.owner is None]
    return cases


async def build_rows(
    tx: Transaction, cases: list[CaseRecord], labels: Labels, now: datetime
) -> list[dict[str, Any]]:
    """The rows of ``cases``, the most urgent deadline first."""
    customers = {c.customer_id: await tx.customer(c.customer_id) for c in cases}
    rows = [case_row(case, customers[case.customer_id], labels, now) for case in cases]
    # Deadlines first (earliest on top), then the more severe; the list's newest-first order
    # is kept among equals.
    rank = {severity: -i for i, severity in enumerate(SEVERITIES)}
    rows.sort(
        key=lambda r: (r["sla_due_at"] is None, r["sla_due_at"] or now, rank.get(r["severity"], 0))
    )
    return rows


async def case_page_context(
    site: Site, request: Request, signed_in: SignedIn, case_id: int
) -> dict[str, Any] | None:
    """Everything the case page shows, or None when there is no such case."""
    labels = labels_for(site, request)
    async with site.app.store.transaction() as tx:
        case = await tx.get_case(case_id)
        if case is None:
            return None
        customer = await tx.customer(case.customer_id)
        transcript = await tx.transcript(case_id)
        events = await tx.events(case_id)
    ctx = site.app.context
    now = site.app.clock()
    me = signed_in.member
    roster = staff_roster(site.staff)
    request_memo = case.state.memo.get(REQUEST)
    limit = limit_of(me.role, ctx)
    return {
        "case": case,
        "row": case_row(case, customer, labels, now),
        "customer": customer,
        "slots": dict(case.state.slots),
        "sla_due_at": sla_due(case),
        "messages": messages_view(transcript, labels),
        "events": events_view(events, labels),
        "last_message": transcript[-1].id if transcript else 0,
        "last_event": events[-1].id if events else 0,
        "fingerprint": fingerprint(case),
        "allowed": allowed_actions(case.state, me.id, roster, now, ctx),
        "comp_request": request_memo,
        "offer": case.state.memo.get(OFFER),
        "my_limit": None if limit is None else f"¥{limit}",
        "labels": labels,
        "others": [m for m in site.staff.members if m.id != me.id],
        "remedies": sorted(ctx.policy.remedy_codes),
        "severities": SEVERITIES,
        "validities": VALIDITIES,
    }


def console_routes(site: Site) -> list[Route]:
    async def case_list(request: Request, signed_in: SignedIn) -> Response:
        rows = await list_rows(site, request, signed_in)
        filters = CaseFilters.from_query(request.query_params)
        return site.render(
            request,
            "staff/cases.html",
            {
                "me": signed_in.member,
                "csrf": signed_in.session.csrf,
                "rows": rows,
                "filters": filters,
                "states": STATES,
                "severities": SEVERITIES,
                "categories": site.app.context.policy.categories,
                "staff": site.staff.members,
                "labels": labels_for(site, request),
            },
        )

    async def case_rows(request: Request, signed_in: SignedIn) -> Response:
        rows = await list_rows(site, request, signed_in)
        return site.render(request, "staff/_rows.html", {"rows": rows})

    async def case_page(request: Request, signed_in: SignedIn) -> Response:
        case_id = int(request.path_params["case_id"])
        context = await case_page_context(site, request, signed_in, case_id)
        if context is None:
            return site.render(request, "staff/missing.html", {"me": signed_in.member}, 404)
        refused = request.query_params.get("refused", "")
        words = site.words(request)
        context |= {
            "client_words": {
                k: v for k, v in words.items() if k.startswith("refused_") or k in CLIENT_WORDS
            },
            "me": signed_in.member,
            "csrf": signed_in.session.csrf,
            "done": "done" in request.query_params,
            "refused": refused if f"refused_{refused}" in words else None,
        }
        return site.render(request, "staff/case.html", context)

    async def case_action(request: Request, signed_in: SignedIn) -> Response:
        case_id = int(request.path_params["case_id"])
        form = await request.form()
        wants_json = "application/json" in request.headers.get("accept", "")
        if not check_csrf(signed_in, request, form.get(CSRF_FIELD)):
            return refusal_response(case_id, "csrf", wants_json)
        outcome = await act_from_form(site, signed_in, case_id, form)
        if wants_json:
            return outcome_json(outcome)
        query = "done=1" if outcome.ok else f"refused={outcome.refusal}"
        return RedirectResponse(f"/staff/cases/{case_id}?{query}", status_code=303)

    return [
        Route("/staff", staff_only(site, case_list), methods=["GET"]),
        Route("/staff/rows", staff_only(site, case_rows), methods=["GET"]),
        Route("/staff/cases/{case_id:int}", staff_only(site, case_page), methods=["GET"]),
        Route(
            "/staff/cases/{case_id:int}/actions",
            staff_only(site, case_action),
            methods=["POST"],
        ),
    ]


async def act_from_form(
    site: Site, signed_in: SignedIn, case_id: int, form: FormData
) -> ActionOutcome:
    action = str(form.get("action", ""))
    args = {name: str(form[name]) for name in ARG_FIELDS if name in form}
    return await act(site, signed_in, case_id, action, args, form.get("version"))


async def act(
    site: Site,
    signed_in: SignedIn,
    case_id: int,
    action: str,
    args: dict[str, Any],
    version: object,
) -> ActionOutcome:
    """One action by the signed-in staff member; the page's version must still be current."""
    try:
        seen = int(str(version))
    except ValueError:
        return ActionOutcome(case_id, refusal="invalid")
    if action not in ACTIONS:
        return ActionOutcome(case_id, refusal="unknown_action")
    command = StaffCommand(actor=signed_in.member.id, action=action, args=args)
    return await do_staff_action(site.app, site.staff, case_id, command, seen_version=seen)


def outcome_json(outcome: ActionOutcome) -> JSONResponse:
    if outcome.ok:
        return JSONResponse({"ok": True, "case": outcome.case_id, "version": outcome.version})
    return refusal_response(outcome.case_id, outcome.refusal or "invalid", True, outcome.version)


def refusal_response(
    case_id: int, reason: str, wants_json: bool, version: int | None = None
) -> Response:
    status = REFUSAL_STATUS.get(reason, 400)
    if wants_json:
        body = {"ok": False, "case": case_id, "refused": reason, "version": version}
        return JSONResponse(body, status_code=status)
    return RedirectResponse(f"/staff/cases/{case_id}?refused={reason}", status_code=303)
