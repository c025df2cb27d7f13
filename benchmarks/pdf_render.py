"""PDF rendering time per document once fonts are loaded.

python benchmarks/pdf_render.py [--repeat N]
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

import gongwen
from gongwen.writers.pdf import render_pdf

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    start = time.perf_counter()
    render_pdf(gongwen.read(ROOT / "examples" / "qingshi.txt"))
    print(f"first document, fonts loading included: {(time.perf_counter() - start) * 1000:.0f} ms")
    for name in ("qingshi.txt", "tongzhi.txt", "002_f9a5f8afe78058de.txt"):
        path = ROOT / "examples" / name if (ROOT / "examples" / name).exists() else ROOT / "seeds" / name
        doc = gongwen.read(path)
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            data = render_pdf(doc)
            times.append(time.perf_counter() - t)
        pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
        print(f"{name}: {pages} pages, median {statistics.median(times) * 1000:.1f} ms, min {min(times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
