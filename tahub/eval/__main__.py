"""`python -m tahub.eval FEATURE [--split dev|heldout|all]`: score a feature on its gold set."""

from __future__ import annotations

import argparse
import importlib

FEATURES = {"text": "tahub.eval.text", "ads": "tahub.eval.ads"}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tahub.eval")
    parser.add_argument("feature", choices=sorted(FEATURES))
    parser.add_argument("--split", default="heldout", choices=["dev", "heldout", "all"])
    args = parser.parse_args()
    module = importlib.import_module(FEATURES[args.feature])
    print(module.report(args.split))


if __name__ == "__main__":
    main()
