"""``complaint-bot chat`` as a user scripts it: lines in, replies out, across restarts."""

import asyncio
import subprocess
import sys

import pytest

from storage import Store


@pytest.fixture
def workdir(tmp_path):
    db = tmp_path / "bot.sqlite3"
    (tmp_path / "config.toml").write_text(
        f'[storage]\nurl = "sqlite+aiosqlite:///{db}"\n', encoding="utf-8"
    )
    return tmp_path


def chat(workdir, *lines, customer="wang"):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(workdir)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--customer", customer],
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=workdir,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return [line[5:] for line in result.stdout.splitlines() if line.startswith("bot> ")]


def case_states(workdir):
    async def read():
        store = Store.from_url(f"sqlite+aiosqlite:///{workdir / 'bot.sqlite3'}")
        try:
            async with store.transaction() as tx:
                return [(c.id, c.state.state) for c in await tx.list_cases()]
        finally:
            await store.dispose()

    return asyncio.run(read())


def test_every_line_gets_an_answer(workdir):
    replies = chat(workdir, "你好", "我在你们店买的热水器不加热了")
    assert len(replies) >= 2


def test_restart_continues_the_same_case(workdir):
    chat(workdir, "你好", "我在你们店买的热水器不加热了")
    ((case_id, state_before),) = case_states(workdir)
    assert state_before not in ("new", "greeting", "closed")

    replies = chat(workdir, "跳过")

    ((same_id, state_after),) = case_states(workdir)
    assert same_id == case_id
    assert replies, "the second session answered"
    assert state_after != "new"


def test_crisis_is_escalated_at_once_from_the_console(workdir):
    replies = chat(workdir, "热水器漏电把孩子电伤了，我要找媒体曝光")
    assert replies
    ((_, state),) = case_states(workdir)
    assert state == "escalated"


def test_a_button_number_still_works_after_a_restart(workdir):
    chat(workdir, "我在你们店买的热水器不加热了", "跳过")
    ((_, state),) = case_states(workdir)
    assert state == "confirming"  # the last reply carries the yes/no buttons

    chat(workdir, "1")  # "1" = the first button shown before the restart: yes

    ((_, state),) = case_states(workdir)
    assert state == "awaiting_decision"
