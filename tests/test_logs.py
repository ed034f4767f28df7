"""Personal data never reaches a log line unmasked."""

import logging

import pytest

from bot.logs import PersonalDataFilter, mask_personal_data


@pytest.mark.parametrize(
    ("text", "hidden", "kept"),
    [
        ("我的电话13812345678", "13812345678", "138****5678"),
        ("call +86 139 1234 5678 later", None, "call"),  # spaced numbers are not one phone
        ("座机 021-62345678", "62345678", "021-****5678"),
        ("mail zhang.san@example.com", "zhang.san@", "z***@example.com"),
        ("寄到上海市浦东新区世纪大道100号3栋", "世纪大道100号", "[address]"),
        ("订单号 2026112012345678901", None, "2026112012345678901"),  # order ids are not phones
    ],
)
def test_masking_table(text, hidden, kept):
    masked = mask_personal_data(text)
    if hidden:
        assert hidden not in masked
    assert kept in masked


def test_filter_masks_arguments_of_any_logger(caplog):
    logger = logging.getLogger("some.library")
    logger.addFilter(PersonalDataFilter())
    with caplog.at_level(logging.INFO, logger="some.library"):
        logger.info("customer wrote %s", "打我电话13912345678")
    logger.filters.clear()
    assert "13912345678" not in caplog.text
    assert "139****5678" in caplog.text


def test_tracebacks_are_masked_too(caplog):
    logger = logging.getLogger("some.worker")
    logger.addFilter(PersonalDataFilter())
    with caplog.at_level(logging.ERROR, logger="some.worker"):
        try:
            raise ValueError("INSERT ... [parameters: ('请回电 13712345678',)]")
        except ValueError:
            logger.exception("job failed")
    logger.filters.clear()
    assert "13712345678" not in caplog.text
    assert "137****5678" in caplog.text
    assert "ValueError" in caplog.text  # the traceback itself is kept
