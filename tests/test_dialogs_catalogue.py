"""Reply catalogues: complete in every locale, same placeholders, covering the policy."""

import re
import shutil
from importlib import resources
from pathlib import Path

import pytest
from dialogs_kit import TableAnalyzer, make_context

from dialogs import Catalogue, CatalogueError, Policy
from dialogs.catalogues import REFERENCE_LOCALE, placeholders
from nlp import to_traditional

PACKAGED = Path(str(resources.files("dialogs") / "catalogue"))


@pytest.fixture(scope="module")
def catalogue():
    return Catalogue.load()


@pytest.fixture
def copy(tmp_path):
    for name in ("zh-CN.toml", "en.toml"):
        shutil.copy(PACKAGED / name, tmp_path / name)
    return tmp_path


def test_every_locale_has_every_key_with_the_same_placeholders(catalogue):
    reference = catalogue.texts[REFERENCE_LOCALE]
    assert set(catalogue.locales) == {"zh-CN", "zh-TW", "en"}
    for locale in catalogue.locales:
        table = catalogue.texts[locale]
        assert set(table) == set(reference), locale
        for key, template in table.items():
            assert placeholders(template) == placeholders(reference[key]), (locale, key)


def test_traditional_is_converted_from_simplified(catalogue):
    simplified = catalogue.texts["zh-CN"]["greet.hello"]
    assert catalogue.texts["zh-TW"]["greet.hello"] == to_traditional(simplified)
    assert "感謝您聯絡" in catalogue.render("zh-TW", "greet.hello", brand="X")


def test_the_default_policy_and_authority_have_their_texts():
    make_context(TableAnalyzer())  # raises CatalogueError when a text is missing


@pytest.mark.parametrize(
    ("file", "old", "new", "problem"),
    [
        ("en.toml", 'hello = "Hello', 'hullo = "Hello', "en: missing key greet.hello"),
        ("en.toml", "[greet]\n", '[greet]\nwave = "hi"\n', "en: key greet.wave is not in zh-CN"),
        ("en.toml", "by {due}. Anything", "by then. Anything", "en: escalate.promise has"),
        ("en.toml", "by {due}. Anything", "by {due. Anything", "en: escalate.promise"),
        ("zh-CN.toml", "[greet]\n", "[greet]\nwave = 3\n", "greet.wave: a template must be"),
        ("zh-CN.toml", "[greet]\n", "[greet\n", "zh-CN.toml"),
    ],
)
def test_a_broken_catalogue_is_refused_naming_the_problem(copy, file, old, new, problem):
    path = copy / file
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CatalogueError, match=re.escape(problem)):
        Catalogue.load(copy)


def test_missing_locale_file_is_refused(copy):
    (copy / "en.toml").unlink()
    with pytest.raises(CatalogueError, match=re.escape("no en.toml")):
        Catalogue.load(copy)


def test_a_traditional_file_overrides_single_keys(copy):
    (copy / "zh-TW.toml").write_text('[greet]\nagain = "您好，我在喔。"\n', encoding="utf-8")
    catalogue = Catalogue.load(copy)
    assert catalogue.texts["zh-TW"]["greet.again"] == "您好，我在喔。"
    assert catalogue.texts["zh-TW"]["greet.hello"] != catalogue.texts["zh-CN"]["greet.hello"]


def test_a_traditional_override_must_keep_the_placeholders(copy):
    (copy / "zh-TW.toml").write_text('[escalate]\nack = "已轉給同事"\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match=re.escape("zh-TW: escalate.ack has")):
        Catalogue.load(copy)


@pytest.mark.parametrize(
    ("remedies", "missing"),
    [
        ({"other": {"ordinary": []}, "pets": {"ordinary": []}}, "category.pets"),
        ({"other": {"ordinary": ["voucher"]}}, "remedy.voucher.name"),
    ],
)
def test_a_policy_without_texts_is_refused_at_start_up(remedies, missing):
    policy = Policy(
        remedies=remedies,
        required_slots={},
        bot_remedies=["voucher", "exchange", "repair", "refund"],
    )
    with pytest.raises(CatalogueError, match=missing):
        make_context(TableAnalyzer(), policy=policy)


@pytest.mark.parametrize(
    ("changes", "error"),
    [({"default_locale": "fr"}, "default locale"), ({"timezone": "Mars/Olympus"}, "Mars")],
)
def test_unknown_locale_or_zone_is_refused_at_start_up(changes, error):
    with pytest.raises(Exception, match=error):
        make_context(TableAnalyzer(), **changes)
