"""`tahub orgs|users|groups|tokens|audit` and `ingest --group`, driven like a person would."""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from tahub.cli import app

runner = CliRunner()
CSV = """yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,isForcedLabour
2019,Female,18--20,VE,CO,1
2020,Male,21--23,CO,CO,0
2021,Female,9--11,VE,PE,1
"""


def tahub(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


def test_members_tokens_and_audit_from_the_command_line(db_url, tmp_path):  # type: ignore[no-untyped-def]
    from tahub.access.tokens import authenticate_token
    from tahub.store.db import get_engine
    from tahub.store.tables import Source

    assert tahub("init").exit_code == 0
    assert tahub("orgs", "add", "Fundación Renacer", "--type", "ngo").exit_code == 0
    assert tahub("orgs", "add", "Policía Nacional", "--type", "law_enforcement").exit_code == 0
    bad = tahub("orgs", "add", "Banco", "--type", "bank")
    assert bad.exit_code == 2 and "law_enforcement" in bad.output
    added = tahub("users", "add", "ana@renacer.org", "--org", "Fundación Renacer", "--role",
                  "analyst", "--password-stdin", input="una clave bastante larga\n")
    assert added.exit_code == 0, added.output
    assert "una clave" not in added.output

    made = tahub("tokens", "create", "ana@renacer.org")
    assert made.exit_code == 0
    token = made.stdout.strip().splitlines()[-1]
    engine = get_engine(db_url)
    with Session(engine) as session:
        assert authenticate_token(session, token).email == "ana@renacer.org"
    token_id = made.stdout.split("#", 1)[1].split()[0]
    assert tahub("tokens", "revoke", token_id).exit_code == 0
    with Session(engine) as session:
        assert authenticate_token(session, token) is None
    assert tahub("tokens", "revoke", "999").exit_code == 2

    assert tahub("groups", "add", "Andes", "--org", "Fundación Renacer",
                 "--org", "Policía Nacional").exit_code == 0
    cases = tmp_path / "casos.csv"
    cases.write_text(CSV, encoding="utf-8")
    lacking = tahub("ingest", str(cases), "--profile", "ctdc", "--sharing", "group")
    assert lacking.exit_code == 2 and "--group" in lacking.output
    unknown = tahub("ingest", str(cases), "--profile", "ctdc", "--sharing", "group",
                    "--group", "Caribe")
    assert unknown.exit_code == 2 and "Caribe" in unknown.output
    stored = tahub("ingest", str(cases), "--profile", "ctdc", "--org", "Fundación Renacer",
                   "--sharing", "group", "--group", "Andes", "--tlp", "green")
    assert stored.exit_code == 0, stored.output
    with Session(engine) as session:
        source = session.scalar(select(Source))
        assert (source.sharing, source.tlp) == ("group", "GREEN")
        assert source.sharing_group_id is not None
        actions = session.scalars(text("SELECT action FROM audit_log ORDER BY id")).all()
    assert actions == ["orgs.add", "orgs.add", "users.add", "tokens.create", "tokens.revoke",
                       "groups.add", "ingest"]

    intact = tahub("audit", "verify")
    assert intact.exit_code == 0 and "7 entries" in intact.output
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET object = 'user:99' WHERE id = 3"))
    broken = tahub("audit", "verify")
    assert broken.exit_code == 1 and "#3" in broken.output
