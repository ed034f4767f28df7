"""Lexicon files: the bundled ones are clean, and the linter catches an editor's mistakes."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from nlp import Analyzer, NlpSettings, check_lexicons
from nlp.lexicon_files import BUNDLED_DIR, LexiconError

REPO = Path(__file__).resolve().parent.parent


def test_bundled_lexicons_have_no_problems() -> None:
    assert check_lexicons() == []


def test_settings_defaults_equal_config_example() -> None:
    with (REPO / "config.example.toml").open("rb") as handle:
        section = tomllib.load(handle)["nlp"]
    assert NlpSettings(**section) == NlpSettings()
    assert set(section) == set(NlpSettings.model_fields)


def test_unknown_setting_is_refused() -> None:
    with pytest.raises(ValueError, match="threshold"):
        NlpSettings.model_validate({"threshold": 0.5})


@pytest.fixture
def lexicon_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "lexicons"
    shutil.copytree(BUNDLED_DIR, folder)
    return folder


def edited(folder: Path) -> NlpSettings:
    # The bundled user dictionary: jieba then starts from its cache (a new one costs ~1 s).
    return NlpSettings(lexicon_dir=str(folder), user_dict=str(BUNDLED_DIR / "userdict.txt"))


def append(folder: Path, name: str, text: str) -> None:
    with (folder / name).open("a", encoding="utf-8") as handle:
        handle.write(text)


@pytest.mark.parametrize(
    ("name", "addition", "problem"),
    [
        (
            "categories.toml",
            '\n[[category.service.evidence]]\nweight = 3.0\nterms = ["质量差"]\n',
            "conflict '质量差' counts for quality, service with no tie-break",
        ),
        (
            "categories.toml",
            '\n[[category.quality.evidence]]\nterms = ["质量差"]\n',
            "duplicate '质量差' in quality",
        ),
        (
            "severity.toml",
            '\n[[trigger.authority.evidence]]\nwhole_token = true\nterms = ["工商银"]\n',
            "unreachable '工商银': jieba cuts it",
        ),
        (
            "remedies.toml",
            '\n[[remedy.repair]]\nterms = ["别修"]\n',
            "unreachable '别修' (repair): an ignore entry covers it",
        ),
        (
            "intents.toml",
            '\n[intent.wave]\nexact = ["👋"]\n',
            "unreachable exact '👋' (wave): no letters",
        ),
    ],
)
def test_check_finds_problems(lexicon_dir: Path, name: str, addition: str, problem: str) -> None:
    append(lexicon_dir, name, addition)
    problems = check_lexicons(edited(lexicon_dir))
    assert any(problem in line for line in problems), problems


def test_check_finds_an_ignore_entry_that_hides_nothing(lexicon_dir: Path) -> None:
    path = lexicon_dir / "emotion.toml"
    text = path.read_text(encoding="utf-8").replace('"不算过分"', '"不算过分", "天气晴朗"')
    path.write_text(text, encoding="utf-8")
    problems = check_lexicons(edited(lexicon_dir))
    assert problems == ["emotion.toml: ignore entry '天气晴朗' hides no entry"]


def test_check_reports_a_broken_file_instead_of_raising(lexicon_dir: Path) -> None:
    append(lexicon_dir, "severity.toml", "\n[trigger.injury\n")
    [problem] = check_lexicons(edited(lexicon_dir))
    assert "severity.toml" in problem


def test_load_names_the_file_and_key_of_a_schema_error(lexicon_dir: Path) -> None:
    append(lexicon_dir, "categories.toml", "\n[category.quality.evidenc]\nweight = 1\n")
    with pytest.raises(LexiconError, match=r"categories\.toml: category\.quality\.evidenc"):
        Analyzer.load(edited(lexicon_dir))


def test_edited_lexicon_changes_the_analysis(lexicon_dir: Path) -> None:
    assert Analyzer.load().analyze("一直黑脸").category == "other"
    append(lexicon_dir, "categories.toml", '\n[[category.service.evidence]]\nterms = ["黑脸"]\n')
    analyzer = Analyzer.load(edited(lexicon_dir))
    assert analyzer.analyze("一直黑脸").category == "service"
