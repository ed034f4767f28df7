"""Texts per second through ``Analyzer.analyze`` on one core, after start-up.

Run: ``python -m benchmarks.nlp_speed [--corpus PATH] [--limit N] [--rounds R]``. Reads the
real complaint texts of the development corpus (kept outside the repo); without it, says so and
exits 0. Throughput is texts per second of this process's CPU time, best of R rounds, so other
work on the machine does not distort it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.nlp_eval import DEFAULT_CORPUS, read_texts
from nlp import Analyzer


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="analyse only the first N texts")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the texts")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus not found at {args.corpus}: nothing to measure")
        return 0
    texts = list(read_texts(args.corpus).values())
    if args.limit:
        texts = texts[: args.limit]
    started = time.perf_counter()
    analyzer = Analyzer.load()
    loaded = time.perf_counter()
    best = float("inf")
    for _ in range(max(1, args.rounds)):
        round_started = time.process_time()
        for text in texts:
            analyzer.analyze(text)
        best = min(best, time.process_time() - round_started)
    chars = sum(len(text) for text in texts)
    print(f"start-up        {loaded - started:8.2f} s")
    print(f"texts           {len(texts):8d} (mean {chars / len(texts):.0f} characters)")
    print(f"throughput      {len(texts) / best:8.0f} texts/s (CPU time, best of {args.rounds})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
