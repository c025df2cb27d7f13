"""Batch conversion speed and memory, against LibreOffice turning the same DOCX files into PDF.

    python benchmarks/batch.py [--docs 300] [--lo-docs N] [--jobs N] [--rounds 3] [--workdir DIR]

Makes a folder of documents from the examples and seeds (numbers and dates varied), converts it to
DOCX, PDF and XML with gongwen.convert_many, then has LibreOffice headless convert the same DOCX files
to PDF in one call, and reports wall and CPU time per document, the ratios and peak memory. Each
measurement is repeated ``--rounds`` times, the rounds of the two programs taking turns, and the fastest
round of each counts (a shared machine's speed drifts from minute to minute). The documents, the outputs
and LibreOffice's profile go in a temporary folder inside ``--workdir`` (default: the system's temporary
folder); a folder in memory (``--workdir /dev/shm`` on Linux) measures the programs without the disk.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

import gongwen
from gongwen.libreoffice import find_soffice, soffice_convert

ROOT = Path(__file__).resolve().parent.parent


def make_corpus(folder: Path, count: int) -> list[Path]:
    sources = sorted((ROOT / "examples").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    paths = []
    for n in range(count):
        text = texts[n % len(texts)].replace("2025", str(2000 + n % 25)).replace("12号", f"{n + 1}号")
        path = folder / f"doc{n:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_gongwen(paths: list[Path], out: Path, formats: list[str], jobs: int) -> tuple[float, float]:
    """Wall seconds and worker CPU seconds of one batch."""
    cpu = children_cpu()
    start = time.perf_counter()
    results = gongwen.convert_many(paths, out, formats, jobs)
    elapsed = time.perf_counter() - start
    failed = [r for r in results if r.status != "converted"]
    if failed:
        raise SystemExit(f"{len(failed)} failed: {failed[0].error}")
    return elapsed, children_cpu() - cpu


def run_libreoffice(docx_files: list[Path], out: Path) -> tuple[float, float] | None:
    """Wall and CPU seconds of one LibreOffice call converting every file."""
    soffice = find_soffice()
    if not soffice:
        return None
    profile = out.parent / "lo-profile"  # made by the first call, kept for the later rounds
    # one warm-up call so that LibreOffice's first start (making its profile) is not counted against it
    soffice_convert(soffice, docx_files[:1], "pdf", out / "warm", profile)
    cpu = children_cpu()
    start = time.perf_counter()
    soffice_convert(soffice, docx_files, "pdf", out, profile, timeout=3600)
    return time.perf_counter() - start, children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--lo-docs", type=int, default=None, help="documents LibreOffice converts (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", default=None, help="folder for the documents and outputs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        small = make_corpus(corpus, max(1, args.docs // 3))
        run_gongwen(small, tmp_path / "small", ["docx", "pdf", "xml"], args.jobs)
        peak_small = peak_mb(resource.RUSAGE_CHILDREN)
        paths = make_corpus(corpus, args.docs)
        all_three, pdf_only, libreoffice = [], [], []
        sample: list[Path] = []
        for n in range(args.rounds):
            all_three.append(run_gongwen(paths, tmp_path / f"out{n}", ["docx", "pdf", "xml"], args.jobs))
            if n == 0:
                peak_all = peak_mb(resource.RUSAGE_CHILDREN)
                sample = sorted((tmp_path / "out0").glob("*.docx"))[: args.lo_docs]
            pdf_only.append(run_gongwen(paths, tmp_path / f"pdf{n}", ["pdf"], args.jobs))
            lo = run_libreoffice(sample, tmp_path / f"lo{n}")
            if lo is not None:
                libreoffice.append(lo)
        n = len(paths)
        (t_all, cpu_all), (t_pdf, cpu_pdf) = min(all_three), min(pdf_only)
        cores = os.cpu_count()
        print(
            f"{n} documents in {Path(tmp).parent}, {args.jobs} worker processes on {cores} cores; "
            f"fastest of {args.rounds} rounds:"
        )
        print(f"  gongwen DOCX+PDF+XML  {t_all / n * 1000:6.1f} ms   (CPU {cpu_all / n * 1000:.1f} ms)")
        print(f"  gongwen PDF           {t_pdf / n * 1000:6.1f} ms   (CPU {cpu_pdf / n * 1000:.1f} ms)")
        print(
            f"peak memory of a worker: {peak_small:.0f} MB after {len(small)} documents, "
            f"{peak_all:.0f} MB after {len(small) + n}; this process {peak_mb(resource.RUSAGE_SELF):.0f} MB"
        )
        if not libreoffice:
            print("LibreOffice not installed: no comparison")
            return
        lo_wall, lo_cpu = min(libreoffice)
        lo_doc, lo_cpu = lo_wall / len(sample), lo_cpu / len(sample)
        print(f"  LibreOffice DOCX→PDF  {lo_doc * 1000:6.1f} ms   (CPU {lo_cpu * 1000:.1f} ms; {len(sample)} files)")
        print(
            f"gongwen is {lo_doc / (t_pdf / n):.1f}x faster per document to PDF and {lo_doc / (t_all / n):.1f}x "
            f"for all three formats; per CPU second {lo_cpu / (cpu_pdf / n):.1f}x and {lo_cpu / (cpu_all / n):.1f}x"
        )
        ours = ", ".join(f"{t / n * 1000:.1f}" for t, _ in all_three)
        theirs = ", ".join(f"{t / len(sample) * 1000:.1f}" for t, _ in libreoffice)
        print(f"rounds (ms per document): gongwen DOCX+PDF+XML {ours}; LibreOffice {theirs}")


if __name__ == "__main__":
    main()
