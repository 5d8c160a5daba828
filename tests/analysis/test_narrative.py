"""What-changed facts from disclosure-controlled cells: rises, new routes, hidden cells."""

from __future__ import annotations

from tahub.analysis.narrative import increases, latest_periods, new_routes, what_changed


def cell(count, suppressed=False, **group):  # type: ignore[no-untyped-def]
    return {"group": group, "count": None if suppressed else count, "suppressed": suppressed}


BY_COUNTRY = [
    cell(30, year=2022, country_of_exploitation="CO"),
    cell(45, year=2023, country_of_exploitation="CO"),
    cell(10, year=2022, country_of_exploitation="PE"),
    cell(40, year=2023, country_of_exploitation="PE"),
    cell(50, year=2022, country_of_exploitation="MX"),
    cell(20, year=2023, country_of_exploitation="MX"),
    cell(None, suppressed=True, year=2022, country_of_exploitation="EC"),
    cell(90, year=2023, country_of_exploitation="EC"),
    cell(15, year=2023, country_of_exploitation="VE"),
]


def test_largest_rises_first_and_falls_left_out() -> None:
    changes = increases(BY_COUNTRY, "country_of_exploitation", 2023, 2022)
    assert [(c.value, c.before, c.after, c.delta) for c in changes] == [
        ("PE", 10, 40, 30), ("CO", 30, 45, 15), ("VE", 0, 15, 15)]


def test_a_suppressed_cell_is_unknown_not_zero() -> None:
    # EC went from a hidden count to 90: the rise cannot be told, so it is not claimed
    values = [c.value for c in increases(BY_COUNTRY, "country_of_exploitation", 2023, 2022)]
    assert "EC" not in values


def test_top_limits_the_list() -> None:
    assert len(increases(BY_COUNTRY, "country_of_exploitation", 2023, 2022, top=1)) == 1


def test_new_routes_need_no_row_at_all_before() -> None:
    routes = [
        cell(12, year=2023, citizenship="VE", country_of_exploitation="CO"),
        cell(20, year=2022, citizenship="VE", country_of_exploitation="CO"),
        cell(25, year=2023, citizenship="BO", country_of_exploitation="PE"),
        cell(15, year=2023, citizenship="HN", country_of_exploitation="MX"),
        cell(None, suppressed=True, year=2022, citizenship="HN", country_of_exploitation="MX"),
        cell(40, year=2023, citizenship="MX", country_of_exploitation="MX"),
    ]
    found = new_routes(routes, 2023, 2022)
    assert [(r.origin, r.destination, r.count) for r in found] == [("BO", "PE", 25)]


def test_latest_period_ignores_years_with_only_hidden_counts() -> None:
    years = [cell(5, year=2021), cell(8, year=2022), cell(None, suppressed=True, year=2023)]
    assert latest_periods(years) == (2022, 2021)


def test_what_changed_puts_it_together_and_is_none_on_an_empty_hub() -> None:
    years = [cell(120, year=2022), cell(210, year=2023)]
    types = [cell(20, year=2022, exploitation="exploitation.labour"),
             cell(70, year=2023, exploitation="exploitation.labour")]
    story = what_changed(years, BY_COUNTRY, types, [])
    assert (story.period, story.previous, story.total, story.total_before) == (2023, 2022,
                                                                               210, 120)
    assert [c.value for c in story.increases] == ["PE", "CO", "VE", "exploitation.labour"]
    assert story.new_routes == []
    assert what_changed([], [], [], []) is None
