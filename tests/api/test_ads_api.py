"""`GET /ads` and `GET /clusters` over ads stored by `tahub ingest-ads`, through the policy:
a private file stays with its owner; a shared one reaches others without text or raw
identifiers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tahub.ingest.ads import ingest_ads
from tahub.ingest.tabular import Provenance

DEV = Path(__file__).resolve().parents[2] / "eval" / "ads" / "dev.jsonl"


@pytest.fixture(scope="module")
def ads_hub(hub, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The test hub plus two ad files of Alba: 12 ads private, 8 ads shared with members."""
    folder = tmp_path_factory.mktemp("ads")
    with DEV.open(encoding="utf-8") as fh:
        ads = [json.loads(line) for line in fh][:20]
    for ad in ads:
        ad.pop("gold")
    files = {"private": (ads[:12], "AMBER"), "members": (ads[12:], "GREEN")}
    hub.ads = {}
    for sharing, (chunk, tlp) in files.items():
        path = folder / f"{sharing}.jsonl"
        path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in chunk),
                        encoding="utf-8")
        result = ingest_ads(path, provenance=Provenance(organisation="Alba", sharing=sharing,
                                                        tlp=tlp))
        hub.ads[sharing] = (result.source_id, {a["id"] for a in chunk}, result.clusters)
    return hub


def listed(hub, endpoint: str, org: str) -> dict:  # type: ignore[no-untyped-def]
    answer = hub.get(f"/api/v1/{endpoint}", org, "viewer", limit=500)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_owner_sees_every_ad_with_its_identifiers(ads_hub):
    body = listed(ads_hub, "ads", "Alba")
    private_source, private_ids, _ = ads_hub.ads["private"]
    assert body["total"] == 20 == len(body["items"])
    mine = [i for i in body["items"] if i["source_id"] == private_source]
    assert {i["fields"]["external_id"] for i in mine} == private_ids
    assert all(i["fields"]["text"] for i in mine)
    assert any(i["fields"].get("identifiers", {}).get("phones") for i in mine)


@pytest.mark.parametrize("org", ["Bogota Police", "Cambio Bank"])
def test_another_organisation_never_sees_a_private_ad(ads_hub, org):
    body = listed(ads_hub, "ads", org)
    private_source, _, _ = ads_hub.ads["private"]
    members_source, members_ids, _ = ads_hub.ads["members"]
    assert body["total"] == len(members_ids) == len(body["items"])
    assert {i["source_id"] for i in body["items"]} == {members_source}
    assert {i["fields"]["external_id"] for i in body["items"]} == members_ids
    for item in body["items"]:
        fields = item["fields"]
        assert not {"text", "title", "identifiers"} & set(fields)
        assert "risk" in fields and "cluster_id" in fields
    owner_view = listed(ads_hub, "ads", "Alba")["items"]
    phones = {p for i in owner_view if i["source_id"] == members_source
              for p in i["fields"].get("identifiers", {}).get("phones", [])}
    assert phones  # the shared ads do carry phones, which the owner sees
    raw = json.dumps(body)
    assert not any(p in raw or p.lstrip("+") in raw for p in phones)
    clusters = listed(ads_hub, "clusters", org)
    assert clusters["total"] == ads_hub.ads["members"][2] == len(clusters["items"])
    assert sum(c["fields"]["size"] for c in clusters["items"]) == len(members_ids)


def test_clusters_follow_their_file(ads_hub):
    own = listed(ads_hub, "clusters", "Alba")
    assert own["total"] == ads_hub.ads["private"][2] + ads_hub.ads["members"][2]
    sizes = sum(c["fields"]["size"] for c in own["items"])
    assert sizes == 20
