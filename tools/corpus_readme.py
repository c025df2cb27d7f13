"""Write tests/corpus/README.md from the corpus labels: every document with its source, copy, script and noise.

    python tools/corpus_readme.py

The table is made from ``tests/corpus/labels/*.json``, so it cannot drift from the labels.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from gongwen.accuracy import load_labels

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"

INTRO = """# The real-document corpus

Real official documents, each copied as found — web pages with their portal's chrome, wiki and Markdown
copies, news reposts, text extracted from PDF files, plain text from data sets — never edited and never
written by gongwen's authors. Each has a hand label in `labels/ID.json`: the elements of GB/T 9704-2012
(design keys of the model: title, 发文字号, 主送, 署名, 成文日期, 版记 …) as a careful clerk reads them,
checked twice against the text. Official documents of state organs are not protected by copyright
(Copyright Law of the PRC, Article 5); each row names where the copy was found.

`benchmarks/accuracy.py` parses every document and prints per-field accuracy; `tests/test_corpus.py` keeps
the parser's misses per document exactly as recorded in `known_misses.json`, checks that no input
character is lost, and that reflowing a document (blank lines added or removed, lines re-wrapped, site
chrome added) leaves its parse unchanged except where `known_unstable.json` says otherwise.

`splits.json` places each document in the `tuning` part or the `holdout`: a fifth of each batch of new
documents is drawn at random (`tools/draw_holdout.py`) before anyone looks at them, and the parser is
tuned on the misses of the tuning part only; the benchmark reports both parts.
"""


def main() -> None:
    labels = load_labels(CORPUS)
    copies = Counter(lb.meta.get("copy") for lb in labels)
    scripts = Counter(lb.meta.get("script") for lb in labels)
    kinds = Counter(lb.expected.get("kind") or "—" for lb in labels)
    splits = Counter(lb.split for lb in labels)
    out = [INTRO, "## In numbers", ""]
    out.append(f"- {len(labels)} documents; split: " + ", ".join(f"{k} {n}" for k, n in sorted(splits.items())))
    out.append("- copies: " + ", ".join(f"{k} {n}" for k, n in copies.most_common()))
    out.append("- script: " + ", ".join(f"{k} {n}" for k, n in scripts.most_common()))
    out.append("- 文种: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    out += [
        "",
        "## Documents",
        "",
        "| id | split | copy | script | 文种 | noise | source |",
        "|---|---|---|---|---|---|---|",
    ]
    for lb in labels:
        noise = ", ".join(lb.meta.get("noise") or [])
        source = str(lb.meta.get("source", "")).replace("|", "\\|")
        out.append(
            f"| {lb.id} | {lb.split} | {lb.meta.get('copy')} | {lb.meta.get('script')} | "
            f"{lb.expected.get('kind') or '—'} | {noise} | {source} |"
        )
    (CORPUS / "README.md").write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {CORPUS / 'README.md'} ({len(labels)} documents)")


if __name__ == "__main__":
    main()
