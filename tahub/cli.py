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


@schema_app.command("show")
def schema_show(
    lang: str = typer.Option("en", "--lang", help="Label language: en, es or pt."),
) -> None:
    """Print every golden tag id with its label."""
    from tahub.errors import SchemaError
    from tahub.schema.taxonomy import LANGS, render_text

    if lang not in LANGS:
        raise typer.BadParameter(f"use one of {', '.join(LANGS)}", param_hint="--lang")
    try:
        typer.echo(render_text(lang))
    except SchemaError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None


def main() -> None:  # pragma: no cover - console entry
    app()
