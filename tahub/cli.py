"""The `tahub` command: a thin skin over the package's functions.

Exit codes everywhere: 0 done, 1 input rejected (nothing stored), 2 usage error.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    help="tahub: an open intelligence hub against human trafficking.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
schema_app = typer.Typer(help="The hub's shared vocabulary (golden tags).", no_args_is_help=True)
app.add_typer(schema_app, name="schema")
ads_app = typer.Typer(help="Commercial-sex ads: extract identifiers and link networks.",
                      no_args_is_help=True)
app.add_typer(ads_app, name="ads")


def main() -> None:  # pragma: no cover - console entry
    app()
