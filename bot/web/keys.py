"""The key that signs the chat and staff cookies.

``web.secret_key`` (or $COMPLAINT_BOT_SECRET_KEY) wins. Otherwise a random key is made once
and kept in the data directory, so sessions survive a restart and every worker process of one
installation signs with the same key.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.config import Settings

KEY_FILE = "secret_key"
DEFAULT_DATA_DIR = Path("data")


def get_data_dir(settings: Settings) -> Path:
    """The SQLite file's directory, or ./data for a server database."""
    url = make_url(settings.storage.url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(url.database).parent
    return DEFAULT_DATA_DIR


def get_secret_key(settings: Settings) -> str:
    """The configured key, else the one kept in the data directory (made on first use)."""
    if settings.web.secret_key:
        return settings.web.secret_key
    path = get_data_dir(settings) / KEY_FILE
    if path.exists():
        return path.read_text("ascii").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write a private temp file, then hard-link it into place: the link either creates the
    # complete file or fails because another worker won the race, whose key both then use.
    tmp = path.with_name(f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.token_urlsafe(48) + "\n")
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path.read_text("ascii").strip()
