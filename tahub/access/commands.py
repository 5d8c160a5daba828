"""`tahub orgs|users|groups|tokens|audit`: a thin skin over `tahub.access`.

Each command is one transaction that also appends its audit entry, so a change and its
record are stored together or not at all. Secrets never appear in the audit log.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import typer

from tahub.access.context import ORG_TYPES, ROLES
from tahub.errors import TahubError

orgs_app = typer.Typer(help="Member organisations.", no_args_is_help=True)
users_app = typer.Typer(help="People who act for an organisation.", no_args_is_help=True)
groups_app = typer.Typer(help="Sharing groups of organisations.", no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens (shown once, stored as hashes).", no_args_is_help=True)
audit_app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)
APPS = {"orgs": orgs_app, "users": users_app, "groups": groups_app, "tokens": tokens_app,
        "audit": audit_app}


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def in_transaction(work: Callable[[Any], Any]) -> Any:
    """Run `work(session)` in one committed transaction on a migrated database; a
    TahubError becomes one line on stderr and exit 2 (nothing stored)."""
    from sqlalchemy.orm import Session

    from tahub.store.db import get_engine, init_database

    try:
        init_database()
        with Session(get_engine()) as session, session.begin():
            return work(session)
    except TahubError as exc:
        raise _fail(str(exc), 2) from None


@orgs_app.command("add")
def orgs_add(
    name: str = typer.Argument(..., help="Organisation name."),
    type_: str = typer.Option(..., "--type", help=" | ".join(ORG_TYPES)),
) -> None:
    """Add a member organisation."""
    from tahub.access import audit
    from tahub.access.members import add_organisation

    def work(session: Any) -> int:
        org = add_organisation(session, name, type_)
        audit.record(session, None, "orgs.add", f"organisation:{org.id}", {"type": type_})
        return org.id

    typer.echo(f"organisation #{in_transaction(work)} '{name.strip()}' ({type_}) added")


@users_app.command("add")
def users_add(
    email: str = typer.Argument(..., help="The user's email (their login)."),
    org: str = typer.Option(..., "--org", help="Organisation the user acts for."),
    role: str = typer.Option(..., "--role", help=" | ".join(ROLES)),
    password_stdin: bool = typer.Option(False, "--password-stdin",
                                        help="Read the password from the first line of stdin."),
) -> None:
    """Add a user; with --password-stdin the password is read from stdin, never an argument."""
    from tahub.access import audit
    from tahub.access.members import add_user

    password = ""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    else:
        raise _fail("give the password with --password-stdin", 2)

    def work(session: Any) -> int:
        user = add_user(session, email, org, role, password)
        audit.record(session, None, "users.add", f"user:{user.id}",
                     {"organisation_id": user.organisation_id, "role": role})
        return user.id

    typer.echo(f"user #{in_transaction(work)} {email.strip().lower()} ({role} at {org}) added")


@groups_app.command("add")
def groups_add(
    name: str = typer.Argument(..., help="Sharing group name."),
    orgs: list[str] = typer.Option(..., "--org", help="A member organisation (repeat)."),
) -> None:
    """Add a sharing group of organisations (sources shared `--sharing group --group NAME`)."""
    from tahub.access import audit
    from tahub.access.members import add_group

    def work(session: Any) -> int:
        group = add_group(session, name, orgs)
        audit.record(session, None, "groups.add", f"sharing_group:{group.id}",
                     {"organisations": sorted(set(orgs))})
        return group.id

    typer.echo(f"sharing group #{in_transaction(work)} '{name.strip()}' "
               f"({len(set(orgs))} organisations) added")


@tokens_app.command("create")
def tokens_create(
    email: str = typer.Argument(..., help="The user the token acts for."),
    days: int = typer.Option(90, "--days", min=1, max=3650, help="Days until it expires."),
) -> None:
    """Make an API token; it is printed once, alone on the last line, and never stored."""
    from tahub.access import audit
    from tahub.access.tokens import create_token

    def work(session: Any) -> tuple[int, str]:
        token_id, token = create_token(session, email, days)
        audit.record(session, None, "tokens.create", f"token:{token_id}",
                     {"email": email.strip().lower(), "days": days})
        return token_id, token

    token_id, token = in_transaction(work)
    typer.echo(f"token #{token_id} for {email.strip().lower()}, valid {days} days; "
               "copy it now, it is not shown again:")
    typer.echo(token)


@tokens_app.command("revoke")
def tokens_revoke(token_id: int = typer.Argument(..., help="Token id (from `tokens create`).")
                  ) -> None:
    """Revoke a token from now on."""
    from tahub.access import audit
    from tahub.access.tokens import revoke_token

    def work(session: Any) -> None:
        revoke_token(session, token_id)
        audit.record(session, None, "tokens.revoke", f"token:{token_id}")

    in_transaction(work)
    typer.echo(f"token #{token_id} revoked")


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the hash chain: exit 0 when intact, 1 naming the first edited or deleted entry."""
    from sqlalchemy.orm import Session

    from tahub.access.audit import verify
    from tahub.store.db import get_engine, init_database

    try:
        init_database()
        with Session(get_engine()) as session:
            ok, _bad, message = verify(session)
    except TahubError as exc:
        raise _fail(str(exc), 2) from None
    if not ok:
        raise _fail(f"audit log broken: {message}", 1)
    typer.echo(message)


def record_cli(action: str, obj: str, filters: dict | None = None) -> None:
    """Append one CLI audit entry in its own transaction (reads and writes of other commands)."""
    from tahub.access import audit

    in_transaction(lambda session: audit.record(session, None, action, obj, filters))


release_app = typer.Typer(help="Public releases of counts.", no_args_is_help=True)
APPS["release"] = release_app


@release_app.command("dp")
def release_dp(
    output: str = typer.Option(..., "--output", help="CSV to write (group columns, count)."),
    group_by: list[str] = typer.Option([], "--group-by",
                                       help="country_of_exploitation | citizenship | year "
                                            "| gender (repeat)."),
    epsilon: float = typer.Option(1.0, "--epsilon", help="Privacy loss of this release."),
    year_from: int | None = typer.Option(None, "--year-from"),
    year_to: int | None = typer.Option(None, "--year-to"),
) -> None:
    """Write differentially private counts of the public (TLP:CLEAR) sources; the epsilon
    is recorded in the audit log."""
    import csv

    from tahub.access.release import dp_release, epsilon_spent

    filters = {k: v for k, v in (("year_from", year_from), ("year_to", year_to)) if v}

    def work(session: Any) -> tuple[dict, float]:
        return dp_release(session, None, group_by, filters, epsilon), epsilon_spent(session)

    released, total = in_transaction(work)
    with open(output, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow([*released["group_by"], "count"])
        for cell in released["cells"]:
            writer.writerow([*("" if v is None else v for v in cell["group"].values()),
                             cell["count"]])
    typer.echo(f"{len(released['cells']):,} cells written to {output}; epsilon "
               f"{released['epsilon']:g} (all releases so far: {total:g})")
