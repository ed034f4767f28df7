"""Texts per second through ``Analyzer.analyze`` and ``complaint-bot classify``, after start-up.

Run: ``python -m benchmarks.nlp_speed [--corpus PATH] [--limit N] [--rounds R]``. Reads the
real complaint texts of the development corpus (kept outside the repo); without it, says so and
exits 0. Throughput is texts per second of CPU time, best of R rounds, so other work on the
machine does not distort it. The command is measured as a user runs it (texts piped through a
child process, JSON lines out), less the CPU time of a run with empty input (start-up).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.nlp_eval import DEFAULT_CORPUS, read_texts
from nlp import Analyzer


def _child_cpu_seconds(stdin: str) -> float:
    """CPU seconds one ``complaint-bot classify`` run takes on ``stdin``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "bot", "classify"],
        input=stdin,
        stdout=subprocess.DEVNULL,
        text=True,
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def command_throughput(texts: Sequence[str], rounds: int) -> float:
    """Texts per CPU second of ``complaint-bot classify`` after start-up, best of ``rounds``."""
    lines = "".join(text.replace("\n", " ") + "\n" for text in texts)
    start_up = min(_child_cpu_seconds("") for _ in range(rounds))
    work = min(_child_cpu_seconds(lines) for _ in range(rounds)) - start_up
    return len(texts) / work


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
    print(f"analyze         {len(texts) / best:8.0f} texts/s (CPU time, best of {args.rounds})")
    command = command_throughput(texts, args.rounds)
    print(f"classify        {command:8.0f} texts/s (the command, after start-up; target 5000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
