"""Text in, facts out: normalisation, lexicon-based classification and slot extraction.

Pure functions over packaged data files: no network, no database, no platform code.
"""

from nlp.analysis import Analysis, Slots
from nlp.analyzer import Analyzer
from nlp.lexicon_check import check_lexicons
from nlp.normalize import detect_language, normalize, to_traditional
from nlp.settings import NlpSettings

__all__ = [
    "Analysis",
    "Analyzer",
    "NlpSettings",
    "Slots",
    "check_lexicons",
    "detect_language",
    "normalize",
    "to_traditional",
]
