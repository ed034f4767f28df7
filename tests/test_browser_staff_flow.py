"""End to end in headless Chromium: a customer in the web chat, staff in the console.

The real service runs on 127.0.0.1 (uvicorn, sender and scheduler, SQLite in a temp dir).
A customer complains and asks for a person; a store manager signs in, takes the case and
answers (the customer sees it without reloading), offers more compensation than a store
manager may approve (it becomes a request), a supervisor approves it in one step, the
customer accepts with a quick-reply button, and the manager resolves the case: the customer
reads the closing words. Every run takes the screenshots the README shows; with
UPDATE_SCREENSHOTS=1 (``make screenshots``) they replace those in docs/screenshots/.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.live import CHROMIUM, CHROMIUM_ARGS, LiveServer, live_settings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
]

README_SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
WAIT = 15_000  # ms: replies travel inbox → outbox → sender → poll


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(live_settings(tmp_path_factory.mktemp("live")))
    live.start()
    yield live
    live.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def staff_page(browser, server: LiveServer, staff_id: str):
    """A signed-in staff browser (its own context: its own cookies)."""
    context = browser.new_context(
        viewport={"width": 1360, "height": 900},
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        device_scale_factor=1,
    )
    page = context.new_page()
    page.goto(server.url + "/staff")
    page.wait_for_url("**/staff/login**")
    page.fill("input[name=staff_id]", staff_id)
    page.fill("input[name=password]", "demo")
    page.click("button[type=submit]")
    page.wait_for_url(server.url + "/staff")
    return page


def act(page, action: str, **fields: str) -> None:
    """Fill and submit one action form on the case page."""
    form = page.locator(f"form[data-action={action}]")
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("button[type=submit]").click()


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    """Where this run's screenshots go: the README's folder only when asked to update it."""
    folder = README_SCREENSHOTS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_complaint_escalated_answered_approved_and_resolved(
    browser, server: LiveServer, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    phone = browser.new_context(
        viewport={"width": 390, "height": 780},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
    )
    chat = phone.new_page()
    chat.goto(server.url + "/")
    expect(chat.locator(".welcome")).to_contain_text("欢迎联系")
    chat.wait_for_selector("body[data-ready]")

    # The customer complains and asks for a person.
    chat.fill("#text", "我买的电热水壶用了两天就坏了，订单号 88812345678")
    chat.press("#text", "Enter")
    expect(chat.locator(".msg.bot").first).to_contain_text("抱歉", timeout=WAIT)
    chat.fill("#text", "我要找人工客服")
    chat.click("#send")
    expect(chat.locator(".msg.bot").last).to_contain_text("转人工", timeout=WAIT)

    # A store manager signs in, finds the case in the list and takes it.
    store = staff_page(browser, server, "store")
    expect(store.locator("#rows tr")).to_have_count(1)
    store.locator("#rows a").first.click()
    act(store, "take")
    expect(store.locator("form[data-action=reply]")).to_be_visible(timeout=WAIT)
    expect(chat.locator(".msg.staff").last).to_contain_text("王强", timeout=WAIT)

    # The reply reaches the customer's page without a reload.
    act(store, "reply", text="您好，热水壶的问题我们已经登记，马上为您安排处理。")
    expect(chat.locator(".msg.staff").last).to_contain_text("马上为您安排处理", timeout=WAIT)

    # 800 yuan is beyond a store manager (500): it becomes a request.
    act(store, "compensate", amount="800", reason="两次上门耽误时间")
    expect(store.locator(".pending")).to_contain_text("800", timeout=WAIT)
    expect(chat.locator(".msg.staff").last).to_contain_text("审批", timeout=WAIT)

    # A service-centre supervisor (1000) approves it in one step.
    supervisor = staff_page(browser, server, "supervisor")
    supervisor.locator("#rows a").first.click()
    act(supervisor, "approve")
    expect(supervisor.locator(".pending")).to_have_count(0, timeout=WAIT)

    # The customer gets the offer with quick-reply buttons and accepts it.
    expect(chat.locator(".msg.staff").last).to_contain_text("800元", timeout=WAIT)
    expect(chat.locator("#choices button")).to_have_count(2)
    chat.screenshot(path=str(screenshots / "webchat.png"))
    chat.locator("#choices button", has_text="接受").first.click()

    # The store manager's open page sees the approval (it asks for a reload before acting)
    # and the customer's answer, both without reloading.
    expect(store.locator("#changed")).to_be_visible(timeout=WAIT)
    expect(store.locator("#transcript .line.customer").last).to_contain_text("接受", timeout=WAIT)
    store.click("#reload")
    expect(store.locator("form[data-action=resolve]")).to_be_visible(timeout=WAIT)
    store.screenshot(path=str(screenshots / "staff-console.png"), full_page=True)
    act(store, "resolve", summary="补偿800元将在3个工作日内退回您的原支付账户。")
    expect(store.locator(".chip.state-resolved")).to_be_visible(timeout=WAIT)

    # The bot has the conversation back: closing words and a revisit date.
    expect(chat.locator(".msg.staff").last).to_contain_text("处理完毕", timeout=WAIT)
    expect(chat.locator(".msg.staff").last).to_contain_text("回访")
    phone.close()
