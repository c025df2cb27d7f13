"""Draw the corpus's holdout: documents kept out of tuning, chosen at random among those nobody has examined.

    python tools/draw_holdout.py --share 0.2 --seed 9704 [--seen ID,ID,…]

Every document not yet in ``tests/corpus/splits.json`` is placed there: ``holdout`` for a ``--share`` of
them drawn at random (with the given seed) from those not named by ``--seen`` (documents looked at before
the draw), ``tuning`` for the rest. Documents already placed keep their part, so a later draw only places
new ones; the corpus was drawn this way as its documents came in, each batch before anyone looked at it.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--share", type=float, required=True, help="the part of the new documents to hold out")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--seen", default="", help="ids examined before the draw (never holdout)")
    args = parser.parse_args()
    seen = {s for s in args.seen.split(",") if s}
    path = CORPUS / "splits.json"
    splits: dict[str, str] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    ids = sorted(json.loads(p.read_text(encoding="utf-8"))["id"] for p in (CORPUS / "labels").glob("*.json"))
    new = [i for i in ids if i not in splits]
    candidates = [i for i in new if i not in seen]
    drawn = set(random.Random(args.seed).sample(candidates, min(round(args.share * len(new)), len(candidates))))
    splits.update({i: "holdout" if i in drawn else "tuning" for i in new})
    path.write_text(json.dumps(splits, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(drawn)} of {len(new)} new documents drawn into the holdout")


if __name__ == "__main__":
    main()
