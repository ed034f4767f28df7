"""Accuracy of ``nlp`` on the hand-labelled development set (issue 4's quality bar).

Run: ``python -m benchmarks.nlp_eval [--min-targets] [--corpus PATH] [--labels DIR]``.
Joins ``benchmarks/devset/labels_*.tsv`` with the texts of the corpus (kept outside the repo),
prints category accuracy and macro-F1, per-category precision/recall, the severity confusion
matrix, major-or-crisis precision/recall, the ordinary-called-crisis rate and the worst errors.
With ``--min-targets`` it exits 1 when a target is missed. Without the corpus it says so and
exits 0.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.devset import clean_text, text_key
from nlp import Analysis, Analyzer

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO / ".." / "shared" / "corpus" / "negative_reviews.tsv"
DEFAULT_LABELS = Path(__file__).resolve().parent / "devset"
SEVERITIES = ("ordinary", "major", "crisis")
SERIOUS = frozenset({"major", "crisis"})
WORST_SHOWN = 15

# Issue 4: the bar the analyser must clear on real complaints.
TARGETS = {
    "category accuracy": (0.85, ">="),
    "category macro-F1": (0.80, ">="),
    "crisis recall": (1.0, ">="),
    "major-or-crisis recall": (0.90, ">="),
    "major-or-crisis precision": (0.80, ">="),
    "ordinary called crisis": (0.01, "<="),
}


@dataclass(frozen=True, slots=True)
class Label:
    key: str
    category: str
    also: frozenset[str]
    severity: str
    note: str


@dataclass(frozen=True, slots=True)
class Example:
    label: Label
    text: str
    analysis: Analysis

    @property
    def category_ok(self) -> bool:
        return self.analysis.category == self.label.category or (
            self.analysis.category in self.label.also
        )

    @property
    def gold_category(self) -> str:
        """The label, or the accepted alternative the analyser chose."""
        return self.analysis.category if self.category_ok else self.label.category


def read_labels(folder: Path) -> list[Label]:
    """Every labelled row of ``labels_*.tsv``; a key labelled twice keeps its first label."""
    labels: dict[str, Label] = {}
    for path in sorted(folder.glob("labels_*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) < 4 or row[0] == "key" or row[3] not in SEVERITIES:
                    continue
                also = frozenset(code.strip() for code in row[2].split(",") if code.strip())
                note = row[4] if len(row) > 4 else ""
                labels.setdefault(row[0], Label(row[0], row[1].strip(), also, row[3], note))
    return list(labels.values())


def read_texts(corpus: Path) -> dict[str, str]:
    texts: dict[str, str] = {}
    with corpus.open(encoding="utf-8", newline="") as handle:
        next(handle, None)
        for line in handle:
            parts = line.rstrip("\n").split("\t", 2)
            if len(parts) == 3:
                texts[text_key(parts[2])] = clean_text(parts[2])
    return texts


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def category_table(examples: Sequence[Example]) -> dict[str, tuple[float, float, float, int]]:
    """Per category: precision, recall, F1, support."""
    codes = sorted({e.gold_category for e in examples} | {e.analysis.category for e in examples})
    table = {}
    for code in codes:
        tp = sum(1 for e in examples if e.analysis.category == code and e.gold_category == code)
        predicted = sum(1 for e in examples if e.analysis.category == code)
        support = sum(1 for e in examples if e.gold_category == code)
        precision, recall = ratio(tp, predicted), ratio(tp, support)
        table[code] = (precision, recall, f1(precision, recall), support)
    return table


def metrics(examples: Sequence[Example]) -> dict[str, float]:
    table = category_table(examples)
    gold_serious = [e for e in examples if e.label.severity in SERIOUS]
    said_serious = [e for e in examples if e.analysis.severity in SERIOUS]
    both = sum(1 for e in gold_serious if e.analysis.severity in SERIOUS)
    crisis = [e for e in examples if e.label.severity == "crisis"]
    ordinary = [e for e in examples if e.label.severity == "ordinary"]
    return {
        "category accuracy": ratio(sum(e.category_ok for e in examples), len(examples)),
        "category macro-F1": sum(row[2] for row in table.values()) / len(table),
        "crisis recall": ratio(sum(e.analysis.severity == "crisis" for e in crisis), len(crisis)),
        "major-or-crisis recall": ratio(both, len(gold_serious)),
        "major-or-crisis precision": ratio(both, len(said_serious)),
        "ordinary called crisis": ratio(
            sum(e.analysis.severity == "crisis" for e in ordinary), len(ordinary)
        ),
    }


def badness(example: Example) -> float:
    """How much an error hurts: a missed crisis most, then a false crisis, then the rest."""
    gold, said = example.label.severity, example.analysis.severity
    score = 0.0
    if gold == "crisis" and said != "crisis":
        score += 4
    elif said == "crisis" and gold != "crisis":
        score += 3
    elif (gold in SERIOUS) != (said in SERIOUS):
        score += 2
    if not example.category_ok:
        score += 1 + example.analysis.confidence
    return score


def print_report(examples: Sequence[Example]) -> dict[str, float]:
    print(f"{len(examples)} labelled texts")
    print(f"\n{'category':<12} {'prec':>6} {'recall':>6} {'F1':>6} {'n':>5}")
    for code, (precision, recall, score, support) in category_table(examples).items():
        print(f"{code:<12} {precision:6.3f} {recall:6.3f} {score:6.3f} {support:5d}")
    confusion = Counter((e.label.severity, e.analysis.severity) for e in examples)
    print("\nseverity: rows = label, columns = predicted")
    print(" " * 10 + "".join(f"{s:>10}" for s in SEVERITIES))
    for gold in SEVERITIES:
        print(f"{gold:<10}" + "".join(f"{confusion[gold, said]:>10}" for said in SEVERITIES))
    results = metrics(examples)
    print()
    for name, value in results.items():
        target, way = TARGETS[name]
        ok = value >= target if way == ">=" else value <= target
        print(f"{name:<26} {value:6.3f}  (target {way} {target}) {'ok' if ok else 'MISSED'}")
    worst = sorted((e for e in examples if badness(e) > 0), key=badness, reverse=True)
    print(f"\n{min(WORST_SHOWN, len(worst))} worst of {len(worst)} errors:")
    for e in worst[:WORST_SHOWN]:
        print(
            f"- {e.label.category}/{e.label.severity} -> {e.analysis.category}/"
            f"{e.analysis.severity} ({e.analysis.confidence:.2f}) "
            f"{','.join(e.analysis.severity_reasons)} | {e.text[:90]} | {e.label.note}"
        )
    return results


def missed_targets(results: dict[str, float]) -> list[str]:
    missed = []
    for name, (target, way) in TARGETS.items():
        value = results[name]
        if (way == ">=" and value < target) or (way == "<=" and value > target):
            missed.append(name)
    return missed


def evaluate(analyzer: Analyzer, labels: Iterable[Label], texts: dict[str, str]) -> list[Example]:
    return [
        Example(label, texts[label.key], analyzer.analyze(texts[label.key]))
        for label in labels
        if label.key in texts
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--min-targets", action="store_true", help="exit 1 below the targets")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus not found at {args.corpus}: nothing to evaluate")
        return 0
    labels = read_labels(args.labels)
    examples = evaluate(Analyzer.load(), labels, read_texts(args.corpus))
    if not examples:
        print(f"no labelled corpus texts under {args.labels}: nothing to evaluate")
        return 0
    missed = missed_targets(print_report(examples))
    if args.min_targets and missed:
        print(f"\ntargets missed: {', '.join(missed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
