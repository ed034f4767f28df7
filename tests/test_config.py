"""Configuration: defaults, overrides, environment, and one clear line for a bad file."""

import subprocess
import sys

import pytest

from bot.config import ConfigError, load_settings


def write(tmp_path, text):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_need_no_file():
    settings = load_settings(None, env={})
    assert settings.storage.url.startswith("sqlite+aiosqlite:///")
    assert settings.web.host == "127.0.0.1"
    assert settings.channels.enabled == ("web",)


def test_override_file_changes_only_what_it_names(tmp_path):
    settings = load_settings(write(tmp_path, '[service]\nbrand = "好物商店"\n'), env={})
    assert settings.service.brand == "好物商店"
    assert settings.service.timezone == "Asia/Shanghai"


def test_environment_provides_secrets(tmp_path):
    env = {"DATABASE_URL": "postgresql://u@127.0.0.1/x", "COMPLAINT_BOT_SECRET_KEY": "s3"}
    settings = load_settings(None, env=env)
    assert settings.storage.url == "postgresql://u@127.0.0.1/x"
    assert settings.web.secret_key == "s3"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[web]\nport = "eighty"\n', "web.port"),
        ("[web]\nprot = 80\n", "web.prot"),
        ('[service]\ntimezone = "Mars/Olympus"\n', "service.timezone"),
        ('[service]\ndefault_locale = "fr"\n', "service.default_locale"),
        ("[worker]\nbatch_size = 0\n", "worker.batch_size"),
    ],
)
def test_bad_value_names_the_key(tmp_path, text, key):
    with pytest.raises(ConfigError, match=f"key `{key}`"):
        load_settings(write(tmp_path, text), env={})


def test_broken_toml_is_reported_with_the_file(tmp_path):
    path = write(tmp_path, "[web\nport = 1\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(path, env={})


def test_missing_explicit_file(tmp_path):
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_settings(tmp_path / "nope.toml", env={})


def test_command_prints_one_line_not_a_traceback(tmp_path):
    path = write(tmp_path, "[web]\nport = -5\n")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--config", str(path), "check-lexicons"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "web.port" in result.stderr


def test_unknown_channel_is_named(tmp_path):
    with pytest.raises(ConfigError, match="unknown channel 'fax'"):
        load_settings(write(tmp_path, '[channels]\nenabled = ["web", "fax"]\n'), env={})
