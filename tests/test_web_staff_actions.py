"""Staff actions over HTTP: the flow from escalation to resolution, and every refusal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers.web import Web


async def take(web: Web, staff_id: str = "store"):
    """An escalated web case taken by ``staff_id``: (customer, case id, staff user)."""
    customer, case_id = await web.escalated_case()
    staff = await web.login(staff_id)
    assert (await staff.act(case_id, "take")).status_code == 200
    return customer, case_id, staff


async def customer_view(web: Web, customer) -> list[dict]:
    await web.app.sender.drain()
    return await customer.messages()


async def test_from_escalation_to_resolution(web: Web):
    customer, case_id, store = await take(web)
    assert (await store.act(case_id, "reply", text="您好，马上为您核实。")).json()["ok"]
    requested = await store.act(case_id, "compensate", amount="800", reason="两次上门")
    assert requested.status_code == 200
    data = await store.case(case_id)
    assert data["case"]["compensation_request"]["needs"] == "service_supervisor"
    assert "approve" not in data["allowed_actions"]

    supervisor = await web.login("supervisor")
    assert "approve" in (await supervisor.case(case_id))["allowed_actions"]
    assert (await supervisor.act(case_id, "approve")).status_code == 200
    assert (await store.act(case_id, "resolve", summary="已为您换新。")).status_code == 200

    seen = await customer_view(web, customer)
    staff_lines = [m for m in seen if m["from"] == "staff"]
    assert [m["name"] for m in staff_lines] == ["王强"] * 5  # the owner speaks, not the approver
    assert "马上为您核实" in staff_lines[1]["text"]
    assert "800元" in staff_lines[3]["text"] and staff_lines[3]["buttons"]
    assert "处理完毕" in staff_lines[4]["text"]

    events = (await supervisor.case(case_id))["events"]
    approvals = [e for e in events if e["kind"] == "compensation_approved"]
    assert approvals[0]["actor"] == "张敏"  # the audit names who approved
    async with web.app.store.transaction() as tx:
        case = await tx.get_case(case_id)
        raw = await tx.events(case_id)
    assert (case.state.state, case.state.owner) == ("resolved", None)
    assert {e.actor for e in raw if e.kind in ("taken", "resolved")} == {"store"}


async def test_while_staff_hold_the_case_the_bot_stays_quiet(web: Web):
    customer, case_id, store = await take(web)
    before = await customer_view(web, customer)
    await customer.say("你们什么时候上门？")
    after = await customer_view(web, customer)
    assert [m["text"] for m in after[len(before) :]] == ["你们什么时候上门？"]
    transcript = (await store.case(case_id))["transcript"]
    assert transcript[-1]["side"] == "customer"
    assert transcript[-1]["text"] == "你们什么时候上门？"


async def test_after_resolution_the_bot_has_the_conversation_again(web: Web):
    customer, case_id, store = await take(web)
    await store.act(case_id, "resolve")
    before = await customer_view(web, customer)
    await customer.say("好的，谢谢")
    after = await customer_view(web, customer)
    assert after[-1]["from"] == "bot" and len(after) == len(before) + 2
    async with web.app.store.transaction() as tx:
        jobs = await tx.claim_jobs(web.app.clock() + timedelta(days=8), 10, 60)
    assert "revisit" in {job.kind for job in jobs if job.case_id == case_id}


async def test_an_internal_note_stays_internal(web: Web):
    customer, case_id, store = await take(web)
    supervisor = await web.login("supervisor")  # notes need no ownership
    assert (await supervisor.act(case_id, "note", text="老会员，注意语气")).status_code == 200
    assert all("老会员" not in m["text"] for m in await customer_view(web, customer))
    events = (await store.case(case_id))["events"]
    assert events[-1]["note"] and "老会员，注意语气" in events[-1]["details"]


async def test_a_role_without_authority_is_refused_and_audited(web: Web):
    _, case_id, store = await take(web)
    await store.act(case_id, "compensate", amount="100")  # within 500: offered at once
    await store.act(case_id, "hand_over", to="agent")
    agent = await web.login("agent")
    await agent.act(case_id, "compensate", amount="50")  # front line: a request
    response = await agent.act(case_id, "approve")
    assert (response.status_code, response.json()["refused"]) == (403, "not_authorised")
    events = (await agent.case(case_id))["events"]
    assert events[-1]["kind"] == "action_refused" and events[-1]["actor"] == "李娜"


async def test_approval_beyond_the_approvers_authority(web: Web):
    _, case_id, supervisor = await take(web, "supervisor")
    await supervisor.act(case_id, "compensate", amount="3000")  # beyond 1000: needs management
    store = await web.login("store")
    response = await store.act(case_id, "approve")
    assert (response.status_code, response.json()["refused"]) == (403, "beyond_authority")
    manager = await web.login("manager")
    assert (await manager.act(case_id, "approve")).status_code == 200


async def test_someone_not_the_owner_cannot_talk_for_the_case(web: Web):
    _, case_id, _ = await take(web)
    supervisor = await web.login("supervisor")
    response = await supervisor.act(case_id, "reply", text="你好")
    assert (response.status_code, response.json()["refused"]) == (403, "not_owner")


async def test_acting_on_a_closed_case(web: Web):
    customer = await web.customer()
    await customer.say("我的快递一直没到，订单号 88812345678")
    await customer.say("/cancel")
    async with web.app.store.transaction() as tx:
        (case,) = await tx.list_cases(states=("closed",))
    manager = await web.login("manager")
    for action in ("take", "note", "reopen"):
        response = await manager.act(case.id, action, text="x")
        assert (response.status_code, response.json()["refused"]) == (409, "closed")


async def test_a_stale_tab_cannot_act_on_a_case_that_changed(web: Web):
    customer, case_id, store = await take(web)
    seen = (await store.case(case_id))["case"]["version"]
    await customer.say("还有，外包装也破了")  # the case changes after the page was loaded
    response = await store.act(case_id, "resolve", version=seen)
    assert (response.status_code, response.json()["refused"]) == (409, "stale")
    assert (await store.case(case_id))["case"]["state"] == "with_staff"
    fresh = await store.act(case_id, "resolve")  # after a reload it works
    assert fresh.status_code == 200


async def test_two_people_racing_to_take_one_case(web: Web):
    _, case_id = await web.escalated_case()
    store, supervisor = await web.login("store"), await web.login("store")
    version = (await store.case(case_id))["case"]["version"]
    first = await store.act(case_id, "take", version=version)
    second = await supervisor.act(case_id, "take", version=version)
    assert first.status_code == 200
    assert (second.status_code, second.json()["refused"]) == (409, "stale")


@pytest.mark.parametrize(
    ("body", "status", "reason"),
    [
        ({"action": "explode", "version": 1}, 400, "unknown_action"),
        ({"action": "take"}, 400, "invalid"),
        ({"action": "take", "version": 1, "args": []}, 400, "invalid"),
    ],
)
async def test_malformed_actions(web: Web, body, status, reason):
    _, case_id = await web.escalated_case()
    store = await web.login("store")
    response = await store.client.post(
        f"/staff/api/cases/{case_id}/actions", json=body, headers={"X-CSRF-Token": store.csrf}
    )
    assert (response.status_code, response.json()["refused"]) == (status, reason)


async def test_unknown_case(web: Web):
    store = await web.login("store")
    assert (await store.act(999, "take", version=1)).status_code == 404
    assert (await store.client.get("/staff/cases/999")).status_code == 404


async def test_forms_work_without_javascript(web: Web):
    _, case_id = await web.escalated_case()
    store = await web.login("store")
    page = await store.client.get(f"/staff/cases/{case_id}")
    version = page.text.split('name="version" value="')[1].split('"')[0]
    response = await store.client.post(
        f"/staff/cases/{case_id}/actions",
        data={"csrf": store.csrf, "version": version, "action": "take"},
    )
    assert response.headers["location"] == f"/staff/cases/{case_id}?done=1"
    stale = await store.client.post(
        f"/staff/cases/{case_id}/actions",
        data={"csrf": store.csrf, "version": version, "action": "reply", "text": "您好"},
    )
    assert stale.headers["location"] == f"/staff/cases/{case_id}?refused=stale"
    page = await store.client.get(stale.headers["location"])
    assert "案件在您打开页面后已被更改" in page.text
    assert 'data-action="reply"' in page.text


async def test_the_live_feed_sends_only_what_is_new(web: Web):
    customer, case_id, store = await take(web)
    page = await store.client.get(f"/staff/cases/{case_id}")
    last_message = page.text.split('data-last-message="')[1].split('"')[0]
    last_event = page.text.split('data-last-event="')[1].split('"')[0]
    await customer.say("请尽快处理")
    live = await store.client.get(
        f"/staff/api/cases/{case_id}/live",
        params={"after_message": last_message, "after_event": last_event},
    )
    data = live.json()
    assert "请尽快处理" in data["messages_html"]
    assert data["messages_html"].count('class="line') == 1
    assert data["version"] > int(page.text.split('data-version="')[1].split('"')[0])


async def test_case_list_filters(web: Web):
    _, waiting = await web.escalated_case()
    _, crisis = await web.escalated_case("我要曝光到媒体")
    _, mine, store = await take(web)
    cases = store.client.get

    async def ids(**params) -> list[int]:
        response = await cases("/staff/api/cases", params=params)
        return [row["id"] for row in response.json()["cases"]]

    assert set(await ids()) == {waiting, crisis, mine}
    assert await ids(owner="me") == [mine]
    assert set(await ids(owner="none")) == {waiting, crisis}
    assert await ids(severity="crisis") == [crisis]
    assert await ids(state="with_staff") == [mine]
    assert await ids(state="closed") == []
    rows = (await cases("/staff/api/cases")).json()["cases"]
    assert rows[0]["id"] == crisis  # the earliest deadline first
    assert all(row["sla_due_at"] for row in rows if row["state"] == "escalated")
    html = await cases("/staff/rows", params={"severity": "crisis"})
    assert f"/staff/cases/{crisis}" in html.text and f"/staff/cases/{waiting}" not in html.text


async def test_customer_text_is_escaped_in_the_console(web: Web):
    customer, case_id, store = await take(web)
    await customer.say("<script>alert(1)</script>")
    page = await store.client.get(f"/staff/cases/{case_id}")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
