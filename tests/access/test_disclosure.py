"""Disclosure control under attack: an adversary who sees every published table solves for
a hidden cell with integer programming (scipy's MILP) and must not pin it down."""

from __future__ import annotations

from itertools import product

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from tahub.access.context import Access
from tahub.access.disclosure import aggregate, protect_table, round_count

from .conftest import add_source

K = 11
# Alba's public source: (country of exploitation, gender) -> victims; PH/other, CO/male,
# BO/female and VE/female are the small cells an attacker wants.
PUBLIC = {("CO", "female"): 40, ("CO", "male"): 3, ("CO", "other"): 1, ("PE", "female"): 25,
          ("PE", "male"): 14, ("VE", "female"): 2, ("VE", "male"): 30, ("EC", "female"): 12,
          ("BO", "female"): 4, ("PH", "female"): 18, ("PH", "male"): 16}
# Bogota Police's own private rows: it knows them, so they must not help it either.
BOGOTA_OWN = {("CO", "male"): 5, ("PE", "male"): 2}
GROUPINGS = ([], ["country_of_exploitation"], ["gender"], ["country_of_exploitation", "gender"])


@pytest.fixture(scope="module")
def hub(world):  # type: ignore[no-untyped-def]
    from tahub.store.tables import Incident

    with world.session() as session, session.begin():
        for (owner, sharing, tlp), data in (
                (("Alba", "public", "CLEAR"), PUBLIC),
                (("Bogota Police", "private", "AMBER"), BOGOTA_OWN)):
            sid = add_source(session, world.orgs[owner], sharing, tlp, label="attack")
            year = 2015
            for (country, gender), n in data.items():
                for _ in range(n):
                    year = 2015 + (year - 2014) % 8
                    session.add(Incident(source_id=sid, source_row=2, registration_year=year,
                                         gender=gender, age_band="18-20", citizenship="VE",
                                         country_of_exploitation=country))
        # the world's 20 one-incident sources (all CO/female/2021) stay: realistic noise
    return world


def published(hub, viewer: str, filters: dict | None = None):  # type: ignore[no-untyped-def]
    with hub.session() as session:
        return [(gb, aggregate(session, hub.access[viewer, "analyst"], gb, filters or {}))
                for gb in GROUPINGS]


def attack(tables, own: dict, target: tuple) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Tightest [lo, hi] for the other organisations' rows in the finest cell `target`,
    from every published table: exact cells are equalities, rounded ones intervals
    (random rounding: within step - 1), hidden ones only >= 1 (the cell exists), and the
    attacker's own rows are known."""
    dims = max((gb for gb, _ in tables), key=len)
    finest = next(t for gb, t in tables if gb == dims)
    keys = [tuple(c["group"][d] for d in dims) for c in finest["cells"]]
    rows, lo, hi = [], [], []
    for gb, table in tables:
        step = table["round_to"]
        for cell in table["cells"]:
            rows.append([float(all(key[dims.index(d)] == cell["group"][d] for d in gb))
                         for key in keys])
            if cell["suppressed"]:
                lo.append(1), hi.append(np.inf)
            elif cell["exact"]:
                lo.append(cell["count"]), hi.append(cell["count"])
            else:
                lo.append(cell["count"] - step + 1), hi.append(cell["count"] + step - 1)
    floor = np.array([max(1, own.get(key, 0)) for key in keys], dtype=float)
    bounds = []
    for sign in (1, -1):
        c = np.zeros(len(keys))
        c[keys.index(target)] = sign
        res = milp(c, constraints=LinearConstraint(np.array(rows), lo, hi),
                   integrality=np.ones(len(keys)), bounds=Bounds(floor, 10.0 ** 6))
        assert res.success, res.message
        bounds.append(round(sign * res.fun) - own.get(target, 0))
    return bounds[0], bounds[1]


def test_small_cells_are_hidden_and_the_rest_rounded(hub):  # type: ignore[no-untyped-def]
    tables = published(hub, "Cambio Bank")
    two_d = tables[3][1]
    assert two_d["k"] == K
    by_cell = {(c["group"]["country_of_exploitation"], c["group"]["gender"]): c
               for c in two_d["cells"]}
    assert set(by_cell) == set(PUBLIC)
    for key, n in PUBLIC.items():
        if n < K:
            assert by_cell[key] == {"group": by_cell[key]["group"], "count": None,
                                    "suppressed": True, "exact": False}
    for cell in two_d["cells"]:
        assert cell["suppressed"] or cell["count"] % 5 == 0
    assert two_d["suppressed"] == sum(c["suppressed"] for c in two_d["cells"])


@pytest.mark.parametrize("viewer", ["Cambio Bank", "Bogota Police"])
def test_hidden_cells_survive_totals_and_overlapping_queries(hub, viewer):  # type: ignore[no-untyped-def]
    tables = published(hub, viewer)
    own = BOGOTA_OWN if viewer == "Bogota Police" else {}
    finest = tables[3][1]["cells"]
    hidden = [(c["group"]["country_of_exploitation"], c["group"]["gender"])
              for c in finest if c["suppressed"]]
    small = [key for key, n in PUBLIC.items() if n < K]
    assert set(small) <= set(hidden)
    for key in small:
        lo, hi = attack(tables, own, key)
        assert lo <= PUBLIC[key] <= hi, key
        assert hi >= K, f"{key}: the attacker proves it holds at most {hi} victims"
    # and each small country is hidden in the one-dimensional table too, or safe there
    one_d = {c["group"]["country_of_exploitation"]: c for c in tables[1][1]["cells"]}
    assert one_d["BO"]["suppressed"]
    lo, hi = attack(tables[:2], {}, ("BO",))
    assert hi >= K


def test_filter_isolating_one_record_shows_nothing(hub):  # type: ignore[no-untyped-def]
    cambio = hub.access["Cambio Bank", "analyst"]
    with hub.session() as session:
        lone = aggregate(session, cambio, [], {"country_of_exploitation": "CO",
                                               "gender": "other"})
        by_year = aggregate(session, cambio, ["year"], {"country_of_exploitation": "CO",
                                                        "gender": ["other"]})
        narrow = aggregate(session, cambio, ["citizenship", "age_band"],
                           {"country_of_exploitation": ["BO"], "year_from": 2015,
                            "year_to": 2022})
    assert lone["cells"] == [{"group": {}, "count": None, "suppressed": True, "exact": False}]
    assert [c["count"] for c in by_year["cells"]] == [None]
    assert all(c["suppressed"] for c in narrow["cells"])


def test_differencing_two_filters_does_not_prove_the_record_exists(hub):  # type: ignore[no-untyped-def]
    cambio = hub.access["Cambio Bank", "analyst"]
    with hub.session() as session:
        everyone = aggregate(session, cambio, [], {"country_of_exploitation": "CO"})
        two = aggregate(session, cambio, [], {"country_of_exploitation": "CO",
                                              "gender": ["female", "male"]})
    step = everyone["round_to"]
    difference = everyone["cells"][0]["count"] - two["cells"][0]["count"]
    # true difference: one record (CO/other); what the attacker can conclude:
    assert difference - 2 * (step - 1) <= 0 <= difference + 2 * (step - 1)


def test_own_rows_are_exact_for_their_owner(hub):  # type: ignore[no-untyped-def]
    with hub.session() as session:
        table = aggregate(session, hub.access["Bogota Police", "viewer"],
                          ["country_of_exploitation"], {"year_from": 2000})
        alba = aggregate(session, hub.access["Alba", "viewer"], ["gender"], {})
    assert all(not c["exact"] for c in table["cells"])  # every country mixes Alba's rows
    truth = {"female": sum(n for (_, g), n in PUBLIC.items() if g == "female") + 20,
             "male": sum(n for (_, g), n in PUBLIC.items() if g == "male"),
             "other": 1}
    assert {c["group"]["gender"]: c["count"] for c in alba["cells"]} == truth
    assert all(c["exact"] for c in alba["cells"])


def test_protect_table_hides_a_second_cell_in_every_row_and_column():  # type: ignore[no-untyped-def]
    counts = {("AR", 2019): 30, ("AR", 2020): 4, ("AR", 2021): 22, ("CL", 2019): 15,
              ("CL", 2020): 19, ("CL", 2021): 40, ("UY", 2019): 12, ("UY", 2020): 25,
              ("UY", 2021): 2}
    cells = [{"group": {"country": c, "year": y}, "count": n} for (c, y), n in counts.items()]
    out = {(c["group"]["country"], c["group"]["year"]): c for c in protect_table(cells, K)}
    hidden = {key for key, c in out.items() if c["suppressed"]}
    assert {("AR", 2020), ("UY", 2021)} <= hidden
    for axis in (0, 1):
        for value in {key[axis] for key in counts}:
            line = [key for key in counts if key[axis] == value]
            shut = [key for key in line if key in hidden]
            assert len(shut) != 1, f"{value}: a lone hidden cell is its margin minus the rest"
            if shut:
                assert sum(counts[key] for key in shut) >= K
    for key, cell in out.items():
        if not cell["suppressed"]:
            assert cell["count"] == round_count(counts[key])


def test_random_rounding_is_unbiased_and_repeatable():  # type: ignore[no-untyped-def]
    shown = [round_count(13, 5, key) for key in range(1000)]
    assert set(shown) == {10, 15}
    assert abs(np.mean(shown) - 13) < 0.05
    assert round_count(13, 5, 777) == round_count(13, 5, 777)
    assert [round_count(n) for n in (10, 12, 13, 15)] == [10, 10, 15, 15]


@pytest.mark.parametrize(("group_by", "filters", "problem"), [
    (["name"], {}, "cannot group by name"),
    (["year"], {"email": "x"}, "unknown filter 'email'"),
    (["year"], {"year_from": "last year"}, "must be a year"),
])
def test_bad_requests_are_refused_before_any_query(group_by, filters, problem):  # type: ignore[no-untyped-def]
    from tahub.errors import UsageError

    with pytest.raises(UsageError, match=problem):
        aggregate(None, Access(None, None, 3, "viewer"), group_by, filters)  # type: ignore[arg-type]


def test_every_combination_of_small_tables_is_protected():  # type: ignore[no-untyped-def]
    """All 3x3 tables with cells from {0, 2, 6, 12, 30}: no hidden cell is ever alone in
    its row or column, and every hidden group holds k or more foreign rows."""
    values = (0, 2, 6, 12, 30)
    checked = 0
    for grid in product(values, repeat=5):
        full = (*grid, 9, 14, 20, 3)
        counts = {(r, c): full[3 * r + c] for r in range(3) for c in range(3) if full[3 * r + c]}
        cells = [{"group": {"r": r, "c": c}, "count": n} for (r, c), n in counts.items()]
        out = protect_table(cells, K)
        hidden = {(c["group"]["r"], c["group"]["c"]) for c in out if c["suppressed"]}
        for axis in (0, 1):
            for v in range(3):
                line = [key for key in counts if key[axis] == v]
                shut = [key for key in line if key in hidden]
                if shut and len(line) > len(shut):
                    assert len(shut) >= 2 and sum(counts[key] for key in shut) >= K, counts
        checked += 1
    assert checked == 5 ** 5
