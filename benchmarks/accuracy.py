"""Parser accuracy on the real-document corpus: per field, on the tuning part and on the holdout.

    python benchmarks/accuracy.py [--misses] [--holdout-misses] [--field NAME] [--write-known]

Reads every document of ``tests/corpus/`` with ``gongwen.read`` and compares it with its hand label
(``tests/corpus/labels/``). A field is right when the parse and the label agree after folding away
whitespace, punctuation and script (see ``gongwen.accuracy``). About one document in five is in the
holdout, chosen by its id alone; its misses are shown only with ``--holdout-misses``, so that tuning the
parser on the misses of the rest does not fit the figure of the holdout.

``--write-known`` records every document's misses in ``tests/corpus/known_misses.json`` and the
reflowings that still change its parse in ``known_unstable.json``; the corpus test compares both exactly.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import gongwen
from gongwen.accuracy import FIELDS, REFLOWS, Label, load_labels, misses, same_parse, shown, source_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"


def _percent(right: int, total: int) -> str:
    return f"{100 * right / total:5.1f} %" if total else "    – "


def _table(parts: dict[str, list[tuple[Label, list[str]]]]) -> None:
    names = list(parts)
    print(f"{'field':18}" + "".join(f"{n:>22}" for n in names))
    for field in ("ALL FIELDS", *FIELDS):
        cells = []
        for name in names:
            results = parts[name]
            if field == "ALL FIELDS":
                total = len(results) * len(FIELDS)
                wrong = sum(len(m) for _, m in results)
            else:
                total = len(results)
                wrong = sum(field in m for _, m in results)
            cells.append(f"{_percent(total - wrong, total)} ({total - wrong}/{total})")
        print(f"{field:18}" + "".join(f"{c:>22}" for c in cells))
    cells = []
    for name in names:
        right = sum(not m for _, m in parts[name])
        cells.append(f"{_percent(right, len(parts[name]))} ({right}/{len(parts[name])})")
    print(f"{'documents all right':18}" + "".join(f"{c:>22}" for c in cells))


def _show_misses(results: list[tuple[Label, list[str]]], docs: dict[str, gongwen.Document], only: str | None) -> None:
    for label, missed in results:
        for field in missed:
            if only and field != only:
                continue
            got = shown(docs[label.id], field)
            print(f"{label.id:10} {field:16} want {label.expected.get(field)!r}\n{'':27}got  {got!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true", help="list the misses of the tuning part")
    parser.add_argument("--holdout-misses", action="store_true", help="list the misses of the holdout too")
    parser.add_argument("--field", help="list only the misses of this field")
    parser.add_argument("--write-known", action="store_true", help="record the misses for the regression test")
    args = parser.parse_args()

    labels = load_labels(CORPUS)
    undrawn = [label.id for label in labels if label.split == "undrawn"]
    if undrawn:  # their parse is not to be seen before the draw: a fifth of them go to the holdout
        print(f"{len(undrawn)} new document(s) left out until tools/draw_holdout.py places them")
        labels = [label for label in labels if label.split != "undrawn"]
    docs = {label.id: gongwen.read(label.path) for label in labels}
    results = [(label, misses(docs[label.id], label.expected)) for label in labels]
    tuning = [r for r in results if not r[0].holdout]
    holdout = [r for r in results if r[0].holdout]
    _table({"tuning": tuning, "holdout": holdout, "all": results})
    wrong = Counter(f for _, m in results for f in m)
    print("most missed:", ", ".join(f"{f} {n}" for f, n in wrong.most_common(8)) or "none")
    if args.misses or args.field:
        _show_misses(tuning, docs, args.field)
    if args.holdout_misses:
        _show_misses(holdout, docs, args.field)
    if args.write_known:
        _write(CORPUS / "known_misses.json", {label.id: missed for label, missed in results if missed})
        _write(CORPUS / "known_unstable.json", _unstable(labels, docs))


def _unstable(labels: list[Label], docs: dict[str, gongwen.Document]) -> dict[str, list[str]]:
    """For each document, the reflowings that still change its parse."""
    unstable: dict[str, list[str]] = {}
    for label in labels:
        text = source_text(label)
        for name, change in REFLOWS.items():
            if not same_parse(docs[label.id], gongwen.parse(change(text))):
                unstable.setdefault(label.id, []).append(name)
    return unstable


def _write(path: Path, data: dict[str, list[str]]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({len(data)} documents)", file=sys.stderr)


if __name__ == "__main__":
    main()
