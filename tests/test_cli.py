"""The small commands: classify (JSON lines), diagram, check-lexicons."""

import json
import subprocess
import sys
from pathlib import Path


def run(*args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin"},
    )


def test_classify_writes_one_json_object_per_line():
    lines = [
        "热水器漏电把孩子电伤了，我要找媒体曝光",
        "快递太慢了，等了一个星期",
        "",
        "The screen is cracked",
    ]
    result = run("classify", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(lines)
    assert {"category", "severity", "emotion", "slots"} <= set(rows[0])
    assert rows[0]["severity"] == "crisis"
    assert rows[1]["category"] == "delivery"
    assert rows[1]["severity"] == "ordinary"
    assert all(
        r["category"]
        in {
            "quality",
            "service",
            "delivery",
            "after_sales",
            "price",
            "promotion",
            "enquiry",
            "other",
        }
        for r in rows
    )


def test_diagram_is_mermaid():
    result = run("diagram")
    assert result.returncode == 0
    assert result.stdout.startswith("stateDiagram")
    assert "escalated" in result.stdout


def test_unknown_command_is_a_usage_error():
    result = run("frobnicate")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_check_lexicons_reports_the_bundled_lexicons_clean():
    result = run("check-lexicons")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("lexicons OK")


def test_check_lexicons_names_a_broken_lexicon(tmp_path):
    bundled = Path(__file__).resolve().parent.parent / "nlp" / "data"
    for source in bundled.iterdir():
        (tmp_path / source.name).write_bytes(source.read_bytes())
    with (tmp_path / "categories.toml").open("a", encoding="utf-8") as lexicon:
        lexicon.write("\n[this is not toml\n")
    config = tmp_path / "config.toml"
    config.write_text(f'[nlp]\nlexicon_dir = "{tmp_path}"\n', encoding="utf-8")
    result = run("--config", str(config), "check-lexicons")
    assert result.returncode == 1
    assert "categories.toml" in result.stdout
