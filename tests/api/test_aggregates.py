"""`GET /aggregates` beyond the matrix: codes as stored, several dimensions, filters."""

from __future__ import annotations


def test_group_values_are_stored_codes_and_dimensions_combine(sqlite_hub):
    body = sqlite_hub.get("/api/v1/aggregates", "Alba", "analyst",
                          group_by=["country_of_exploitation", "exploitation"],
                          country="CO").json()
    assert body["group_by"] == ["country_of_exploitation", "exploitation"]
    groups = {(c["group"]["country_of_exploitation"], c["group"]["exploitation"]): c["count"]
              for c in body["cells"]}
    assert groups == {("CO", "exploitation.labour"): 6, ("CO", "exploitation.sexual"): 6}
    commas = sqlite_hub.get("/api/v1/aggregates", "Alba", "analyst",
                            group_by="year,gender", country="CO").json()
    assert commas["group_by"] == ["year", "gender"]
    assert sum(c["count"] for c in commas["cells"]) == 12
    assert {c["group"]["gender"] for c in commas["cells"]} == {"female", "male"}


def test_year_range_filter(sqlite_hub):
    body = sqlite_hub.get("/api/v1/aggregates", "Alba", "analyst", group_by="year",
                          country="NZ", year_from=2019, year_to=2020).json()
    assert {c["group"]["year"]: c["count"] for c in body["cells"]} == {2019: 3, 2020: 3}


def test_too_many_dimensions_is_422(sqlite_hub):
    answer = sqlite_hub.get("/api/v1/aggregates", "Alba", "analyst",
                            group_by="year,gender,age_band,citizenship,source")
    assert answer.status_code == 422


def test_group_by_exploitation_with_an_exploitation_filter(sqlite_hub):
    answer = sqlite_hub.get("/api/v1/aggregates", "Alba", "analyst", group_by="exploitation",
                            exploitation="sexual", country="CO")
    assert answer.status_code == 200
    assert {c["group"]["exploitation"] for c in answer.json()["cells"]} == {
        "exploitation.sexual"}


def test_memoised_answers_follow_new_data(sqlite_hub):
    """A repeated question is answered from memory only while the data is unchanged."""
    from api_hub import upload
    from ctdc_sample import real_csv

    def alba_total() -> int:
        cells = sqlite_hub.get("/api/v1/aggregates", "Alba", "viewer",
                               group_by="country_of_exploitation").json()["cells"]
        return sum(c["count"] or 0 for c in cells)

    before = alba_total()
    assert alba_total() == before
    stored = upload(sqlite_hub, real_csv(25, start=12000), role="analyst").json()
    assert stored["rows_stored"] == 25
    assert alba_total() == before + 25
