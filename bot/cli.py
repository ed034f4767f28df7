"""The ``complaint-bot`` command."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.config import ConfigError, Settings, config_path, load_settings
from bot.logs import setup_logging


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(config_path(args.config, os.environ))
    setup_logging(settings.service.log_level)
    return settings


def cmd_run(args: argparse.Namespace) -> int:
    from bot.service import serve

    asyncio.run(serve(_settings(args)))
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.console_chat import chat

    settings = _settings(args)
    customer = args.customer or getpass.getuser()
    return asyncio.run(chat(settings, customer, sys.stdin, sys.stdout))


def cmd_classify(args: argparse.Namespace) -> int:
    from nlp import Analyzer

    analyzer = Analyzer.load(_settings(args).nlp)
    out = sys.stdout
    for line in sys.stdin:
        analysis = analyzer.analyze(line.rstrip("\r\n"))
        out.write(json.dumps(analysis.as_json(), ensure_ascii=False) + "\n")
    out.flush()
    return 0


def cmd_diagram(args: argparse.Namespace) -> int:
    from dialogs import render_mermaid

    sys.stdout.write(render_mermaid())
    return 0


def cmd_check_lexicons(args: argparse.Namespace) -> int:
    from nlp import check_lexicons

    problems = check_lexicons(_settings(args).nlp)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)" if problems else "lexicons OK")
    return 1 if problems else 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from storage import Store

    async def migrate() -> None:
        store = Store.from_url(_settings(args).storage.url)
        try:
            await store.migrate()
        finally:
            await store.dispose()

    asyncio.run(migrate())
    print("database is up to date")
    return 0


def cmd_hash_password(args: argparse.Namespace) -> int:
    from bot.passwords import hash_password

    password = getpass.getpass("password: ") if sys.stdin.isatty() else sys.stdin.readline()
    password = password.rstrip("\r\n")
    if not password:
        print("error: empty password", file=sys.stderr)
        return 2
    print(hash_password(password))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="complaint-bot", description="Take customer complaints in chat and see them through."
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="override file (default: $COMPLAINT_BOT_CONFIG or ./config.toml)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser(
        "run", help="serve the enabled channels, the web chat and staff console"
    ).set_defaults(func=cmd_run)
    chat = commands.add_parser(
        "chat", help="complain through the console (scriptable: one message per line)"
    )
    chat.add_argument("--customer", help="console identity (default: your user name)")
    chat.set_defaults(func=cmd_chat)
    commands.add_parser(
        "classify", help="classify stdin, one text per line, to JSON lines"
    ).set_defaults(func=cmd_classify)
    commands.add_parser(
        "diagram", help="print the conversation state machine as Mermaid"
    ).set_defaults(func=cmd_diagram)
    commands.add_parser(
        "check-lexicons", help="report conflicting or unreachable lexicon entries"
    ).set_defaults(func=cmd_check_lexicons)
    commands.add_parser("migrate", help="create or upgrade the database schema").set_defaults(
        func=cmd_migrate
    )
    commands.add_parser("hash-password", help="hash a staff password for config.toml").set_defaults(
        func=cmd_hash_password
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as exc:
        print(f"complaint-bot: configuration error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `complaint-bot classify | head`: the reader went away; that is not an error.
        sys.stderr.close()
        return 0


__all__ = ["Path", "build_parser", "main"]
