"""A user of another organisation never sees a private record: not on a page, not in a
chart's data, not in an export. The owner does see it (so the check can fail)."""

from __future__ import annotations

import pytest
from web_hub import SECRET_WORD

from tahub.web.exports import formats
from tahub.web.routes import PAGES

# alba_private is the only source with incidents exploited in New Zealand
MARKERS = (SECRET_WORD, "New Zealand", "Nueva Zelanda", '"NZ":', "country:NZ", "Alba Private")
EXTRA = ("/search?q=Quetz", "/search?kind=documents&q=Quetz", "/map?country=NZ",
         "/?country=NZ", "/search?country=NZ")


def _texts(client, hub) -> dict[str, str]:  # type: ignore[no-untyped-def]
    out = {}
    for path in (*PAGES, *EXTRA):
        answer = client.get(path)
        assert answer.status_code == 200, path
        out[path] = answer.text
    for kind in formats():
        if kind in ("xlsx", "parquet"):
            continue
        answer = client.get("/exports/download", params={"format": kind})
        out[f"export:{kind}"] = answer.content.decode("utf-8-sig")
    for name, ids in hub.incidents.items():
        if name == "alba_private":
            out[f"incident:{ids[0]}"] = client.get(f"/incidents/{ids[0]}").text
    out["document"] = client.get(f"/documents/{hub.documents['alba_private']}").text
    return out


@pytest.mark.parametrize("lang", ["en", "es"])
def test_another_organisation_sees_nothing_private(hub, lang: str) -> None:
    texts = _texts(hub.client("analyst@cambio.example.org", lang=lang), hub)
    leaks = {path: m for path, text in texts.items() for m in MARKERS if m in text}
    assert leaks == {}


def test_the_owner_sees_its_private_records(hub) -> None:
    texts = _texts(hub.client("analyst@alba.example.org"), hub)
    joined = "\n".join(texts.values())
    for marker in MARKERS[:2] + MARKERS[3:]:
        assert marker in joined, marker


def test_counts_of_others_are_rounded_and_their_own_are_exact(hub) -> None:
    # Cambio counts its own 25 PE incidents exactly and Alba's shared 75 CO (rounded to 5)
    page = hub.client("analyst@cambio.example.org").get("/").text
    assert '"values": {"CO": 75, "PE": 25}' in page
