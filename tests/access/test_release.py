"""The differentially private public release: a fixed cell vocabulary, only public CLEAR
sources, discrete Laplace noise of scale 1/epsilon, and the epsilon in the audit log."""

from __future__ import annotations

import csv
import statistics

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from tahub.access.release import dp_release, epsilon_spent
from tahub.errors import UsageError

from .conftest import add_source

# (sharing, tlp, country, incidents): only the first may leave the hub
SOURCES = [("public", "CLEAR", "CO", 40), ("public", "GREEN", "PE", 30),
           ("members", "CLEAR", "EC", 25)]


@pytest.fixture
def hub(db_url):  # type: ignore[no-untyped-def]
    from tahub.store.db import ensure_organisation, get_engine, init_database
    from tahub.store.tables import Incident

    init_database(db_url)
    engine = get_engine(db_url)
    with Session(engine) as session, session.begin():
        org = ensure_organisation(session, "Fundación Renacer")
        for sharing, tlp, country, n in SOURCES:
            sid = add_source(session, org.id, sharing, tlp)
            session.add_all(Incident(source_id=sid, source_row=i + 2, gender="female",
                                     registration_year=2018 + i % 3,
                                     country_of_exploitation=country) for i in range(n))
    return engine


def test_release_covers_the_vocabulary_and_only_public_clear_rows(hub):  # type: ignore[no-untyped-def]
    with Session(hub) as session, session.begin():
        out = dp_release(session, None, ["country_of_exploitation"], {}, epsilon=8.0)
    counts = {c["group"]["country_of_exploitation"]: c["count"] for c in out["cells"]}
    assert len(counts) == 250 and None in counts and "UA" in counts  # ISO list + unknown
    assert abs(counts["CO"] - 40) <= 3
    assert counts["PE"] <= 3 and counts["EC"] <= 3
    assert all(n >= 0 for n in counts.values())
    assert out["epsilon"] == pytest.approx(8.0) and out["delta"] == 0


def test_noise_is_centred_with_the_promised_spread(hub):  # type: ignore[no-untyped-def]
    with Session(hub) as session, session.begin():
        draws = [dp_release(session, None, [], {"year_from": 2018, "year_to": 2018},
                            epsilon=0.5)["cells"][0]["count"] for _ in range(150)]
        spent = epsilon_spent(session)
    true = sum(1 for i in range(40) if i % 3 == 0)  # CO incidents registered in 2018
    assert abs(statistics.mean(draws) - true) < 1.5
    # discrete Laplace with scale 2: standard deviation close to 2 * sqrt(2) = 2.8
    assert 2.0 < statistics.stdev(draws) < 3.8
    assert len(set(draws)) > 5
    assert spent == pytest.approx(75.0)


def test_release_by_year_needs_the_range_and_refuses_other_fields(hub):  # type: ignore[no-untyped-def]
    with Session(hub) as session:
        with pytest.raises(UsageError, match="year_from"):
            dp_release(session, None, ["year"], {}, epsilon=1.0)
        with pytest.raises(UsageError, match="source"):
            dp_release(session, None, ["source"], {}, epsilon=1.0)
        with pytest.raises(UsageError, match="epsilon"):
            dp_release(session, None, [], {}, epsilon=0)
        out = dp_release(session, None, ["year", "gender"],
                         {"year_from": 2018, "year_to": 2020}, epsilon=1.0)
    assert len(out["cells"]) == 4 * 4


def test_cli_release_writes_csv_and_keeps_the_audit_chain(hub, tmp_path):  # type: ignore[no-untyped-def]
    from tahub.cli import app

    runner = CliRunner()
    target = tmp_path / "public.csv"
    result = runner.invoke(app, ["release", "dp", "--output", str(target), "--group-by",
                                 "gender", "--epsilon", "2"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(target.open(encoding="utf-8")))
    assert rows[0] == ["gender", "count"] and [r[0] for r in rows[1:]] == [
        "female", "male", "other", ""]
    assert "epsilon 2" in result.output
    assert runner.invoke(app, ["audit", "verify"]).exit_code == 0
