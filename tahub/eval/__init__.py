"""Quality measurement of the machine-reading features against labelled development sets.

`python -m tahub.eval text|ads [--split dev|heldout|all]` prints precision, recall and F1 per
field and per language; text also has `--split fresh`, a batch collected after all tuning.
Each feature's gold data lives under `eval/<feature>/`.
"""
