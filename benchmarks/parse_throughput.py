"""Parse throughput on one core: MB of UTF-8 input per second.

    python benchmarks/parse_throughput.py [--repeat N]

Parses every seed and example document N times (one process, one core) and reports the rate.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import gongwen
from gongwen.readers.text import read_text_file

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    texts = [
        read_text_file(p) for p in sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
    ]
    size = sum(len(t.encode("utf-8")) for t in texts)
    gongwen.parse(texts[0])  # load OpenCC and compile patterns outside the timing
    start = time.perf_counter()
    for _ in range(args.repeat):
        for text in texts:
            gongwen.parse(text)
    elapsed = time.perf_counter() - start
    total = size * args.repeat / 1e6
    docs = len(texts) * args.repeat
    print(
        f"{docs} documents, {total:.1f} MB in {elapsed:.2f} s: {total / elapsed:.2f} MB/s, "
        f"{elapsed / docs * 1000:.2f} ms per document"
    )


if __name__ == "__main__":
    main()
