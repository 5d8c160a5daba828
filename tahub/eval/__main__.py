"""`python -m tahub.eval FEATURE [--split SPLIT]`: score a feature on its gold set.

Every feature has `dev`, `heldout` and `all`; text also has `fresh` and `fresh2` to `fresh26`,
batches collected before the tuning they judge, and `untuned` (every split but dev). Each
feature module lists its own splits in `SPLITS`.
"""

from __future__ import annotations

import argparse
import importlib

FEATURES = {"text": "tahub.eval.text", "ads": "tahub.eval.ads"}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tahub.eval")
    parser.add_argument("feature", choices=sorted(FEATURES))
    parser.add_argument("--split", default="heldout",
                        help="dev | heldout | all; text also fresh, fresh2 to fresh26, untuned "
                             "(default: heldout)")
    args = parser.parse_args(argv)
    module = importlib.import_module(FEATURES[args.feature])
    if args.split not in module.SPLITS:
        parser.error(f"{args.feature} has no split {args.split!r}; "
                     f"use one of {', '.join(module.SPLITS)}")
    print(module.report(args.split))


if __name__ == "__main__":
    main()
