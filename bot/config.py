"""Configuration: defaults from ``config.example.toml``, overrides from ``config.toml`` and env.

Each package owns the schema of its own sections (``nlp.settings``, ``dialogs.settings``); this
module composes them, merges the files and turns a validation failure into one readable line.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from dialogs.settings import Authority, DialogOptions, Policy, TimeLimits
from nlp.settings import NlpSettings

CONFIG_ENV = "COMPLAINT_BOT_CONFIG"
DEFAULT_CONFIG_FILE = "config.toml"
LOCALES = ("zh-CN", "zh-TW", "en")


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file and the key."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ServiceSettings(_Section):
    brand: str = "示例商城"
    default_locale: str = "zh-CN"
    timezone: str = "Asia/Shanghai"
    log_level: str = "INFO"

    @field_validator("default_locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        if value not in LOCALES:
            raise ValueError(f"must be one of {', '.join(LOCALES)}")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        if value.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("must be DEBUG, INFO, WARNING or ERROR")
        return value.upper()


class StorageSettings(_Section):
    url: str = "sqlite+aiosqlite:///data/complaint-bot.sqlite3"


CHANNELS = ("web",)  # channels `complaint-bot run` can serve; the console is `chat`


class ChannelSettings(_Section):
    enabled: tuple[str, ...] = ("web",)

    @field_validator("enabled")
    @classmethod
    def _known_channels(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(value) - set(CHANNELS))
        if unknown:
            raise ValueError(f"unknown channel {unknown[0]!r}; available: {', '.join(CHANNELS)}")
        return value


class WebSettings(_Section):
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=0, le=65535)
    secret_key: str = ""
    staff_session_hours: int = Field(default=12, ge=1)
    chat_max_chars: int = Field(default=2000, ge=1)
    stream_poll_seconds: float = Field(default=1.0, gt=0)
    stream_heartbeat_seconds: float = Field(default=15.0, gt=0)
    login_max_failures: int = Field(default=5, ge=1)
    login_max_failures_per_address: int = Field(default=20, ge=1)
    login_window_minutes: float = Field(default=15.0, gt=0)
    login_lockout_minutes: float = Field(default=15.0, gt=0)


class WorkerSettings(_Section):
    poll_seconds: float = Field(default=1.0, gt=0)
    batch_size: int = Field(default=50, ge=1)
    lease_seconds: int = Field(default=60, ge=1)
    max_attempts: int = Field(default=8, ge=1)
    retry_base_seconds: float = Field(default=5.0, gt=0)
    retry_max_seconds: float = Field(default=3600.0, gt=0)


class StaffMember(_Section):
    id: str
    name: str
    role: str
    password_hash: str = ""


class Settings(_Section):
    service: ServiceSettings = ServiceSettings()
    storage: StorageSettings = StorageSettings()
    channels: ChannelSettings = ChannelSettings()
    web: WebSettings = WebSettings()
    worker: WorkerSettings = WorkerSettings()
    nlp: NlpSettings = NlpSettings()
    dialog: DialogOptions = DialogOptions()
    time_limits: TimeLimits = TimeLimits()
    policy: Policy = Policy()
    authority: Authority = Authority()
    staff: tuple[StaffMember, ...] = ()


def default_document() -> dict[str, Any]:
    """The bundled ``config.example.toml`` as a dict: every key with its default."""
    text = resources.files("bot").joinpath("_defaults/config.example.toml").read_text("utf-8")
    return tomllib.loads(text)


def merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Deep-merge tables; lists and scalars in ``override`` replace those in ``base``."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror}") from exc


def _env_overrides(env: Mapping[str, str]) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    if env.get("DATABASE_URL"):
        overrides["storage"] = {"url": env["DATABASE_URL"]}
    if env.get("COMPLAINT_BOT_SECRET_KEY"):
        overrides["web"] = {"secret_key": env["COMPLAINT_BOT_SECRET_KEY"]}
    return overrides


def _describe(error: ValidationError, source: str) -> str:
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"])
    more = len(error.errors()) - 1
    tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{source}: key `{key}`: {first['msg']}{tail}"


def config_path(explicit: str | None, env: Mapping[str, str]) -> Path | None:
    """The override file to read: ``--config``, else $COMPLAINT_BOT_CONFIG, else ./config.toml."""
    if explicit:
        return Path(explicit)
    if env.get(CONFIG_ENV):
        return Path(env[CONFIG_ENV])
    candidate = Path(DEFAULT_CONFIG_FILE)
    return candidate if candidate.exists() else None


def load_settings(path: Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Defaults ← ``path`` (if any) ← environment, validated. Raises :class:`ConfigError`."""
    env = os.environ if env is None else env
    document = default_document()
    source = "config.example.toml"
    if path is not None:
        if not path.exists():
            raise ConfigError(f"{path}: no such configuration file")
        document = merge(document, _read_toml(path))
        source = str(path)
    document = merge(document, _env_overrides(env))
    try:
        return Settings.model_validate(document)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, source)) from None
