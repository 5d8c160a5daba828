"""/networks: ad clusters as graphs for the owner (with identifier nodes as keyed hashes),
nothing of a private ads file for another organisation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ADS = Path(__file__).resolve().parents[2] / "eval" / "ads" / "dev.jsonl"


def test_empty_state_before_any_ads(hub) -> None:
    page = hub.client("analyst@alba.example.org").get("/networks")
    assert page.status_code == 200 and "No ad networks" in page.text


@pytest.fixture(scope="module")
def with_ads(hub):  # type: ignore[no-untyped-def]
    from tahub.ingest.ads import ingest_ads
    from tahub.ingest.tabular import Provenance

    result = ingest_ads(ADS, provenance=Provenance(organisation="Alba", sharing="private"))
    assert result.linked_clusters > 0
    return hub


def _graph(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="chart-data">(.*?)</script>', html,
                      re.S)
    assert found
    return json.loads(found.group(1)).get("graph") or {}


def test_owner_sees_clusters_as_graphs_with_identifiers(with_ads) -> None:
    page = with_ads.client("analyst@alba.example.org").get("/networks")
    assert page.status_code == 200 and 'id="clusters"' in page.text
    graph = _graph(page.text)
    kinds = {n["category"] for n in graph["nodes"]}
    assert {0, 1, 3} <= kinds  # clusters, ads, identifiers
    assert all("+52" not in n["name"] and "@" not in n["name"] for n in graph["nodes"])


def test_another_organisation_sees_none_of_a_private_ads_file(with_ads) -> None:
    for lang in ("en", "es"):
        page = with_ads.client("analyst@cambio.example.org", lang=lang).get("/networks")
        assert page.status_code == 200
        assert 'id="clusters"' not in page.text and _graph(page.text) == {}
