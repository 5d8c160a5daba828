"""Ad networks: group ads posted by one operator, and say how worrying each group looks.

Two ads are linked when they share an identifier (phone, email or handle, compared as
keyed hashes) or when their texts are the same template (`tahub.link.minhash`); links are
transitive (union-find). Every input ad ends in exactly one cluster, singletons included.

Network risk of a cluster, in [0, 1] (each term is a reason the analyst sees):

    risk = min(1, max ad risk
                  + 0.10 if the cluster uses 3 or more phone numbers   (numbers rotated)
                  + 0.10 if one template is posted under different identifiers
                  + 0.10 if the ads state 3 or more different ages   (several workers)
                  + 0.05 if ads were posted in 3 or more cities         (moved around)
                  + 0.05 if the cluster holds 10 or more ads)

The structural terms only lift a cluster whose ads already carry signs: touring and many
ads are normal for an independent worker, so together they add at most 0.10, and a
cluster of first-person ads each scoring below 0.40 stays below 0.5. Ages stand in for
"several names on one phone": one woman gives one age (two over a birthday).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from tahub.link.keyed import identifier_values, keyed_hash
from tahub.link.minhash import template_pairs
from tahub.link.unionfind import UnionFind

NAME = "ad_networks"
VERSION = "1"
ROTATING_PHONES = (3, 0.10)
TEMPLATE_ACROSS_IDS = 0.10
MANY_CITIES = (3, 0.05)
MANY_ADS = (10, 0.05)
MANY_AGES = (3, 0.10)


def _record_lookup(texts: Mapping[str, Any] | Sequence[dict]) -> Mapping[str, Any]:
    if isinstance(texts, Mapping):
        return texts
    return {str(r["id"]): r for r in texts}


def _text_of(record: Any) -> str:
    if isinstance(record, str):
        return record
    if not record:
        return ""
    return f"{record.get('title') or ''}\n{record.get('text') or ''}"


def cluster_id(ad_ids: Sequence[str]) -> str:
    """Stable id from the members, so a re-run over the same ads names clusters the same."""
    return "c" + hashlib.sha256("\x1f".join(sorted(ad_ids)).encode()).hexdigest()[:12]


def network_risk(ad_risks: Sequence[tuple[float, str]], n_phones: int, n_cities: int,
                 template_across_ids: bool, size: int, n_ages: int = 0
                 ) -> tuple[float, list[str]]:
    """The documented rule above; `ad_risks` holds (risk, ad id) per ad."""
    top, top_id = max(ad_risks) if ad_risks else (0.0, "")
    risk, reasons = top, [f"highest ad risk {top:.2f} ({top_id})"] if top > 0 else []
    if n_phones >= ROTATING_PHONES[0]:
        risk += ROTATING_PHONES[1]
        reasons.append(f"{n_phones} phone numbers +{ROTATING_PHONES[1]:.2f}")
    if template_across_ids:
        risk += TEMPLATE_ACROSS_IDS
        reasons.append(f"same text under different identifiers +{TEMPLATE_ACROSS_IDS:.2f}")
    if n_ages >= MANY_AGES[0]:
        risk += MANY_AGES[1]
        reasons.append(f"{n_ages} different ages advertised +{MANY_AGES[1]:.2f}")
    if n_cities >= MANY_CITIES[0]:
        risk += MANY_CITIES[1]
        reasons.append(f"posted in {n_cities} cities +{MANY_CITIES[1]:.2f}")
    if size >= MANY_ADS[0]:
        risk += MANY_ADS[1]
        reasons.append(f"{size} ads +{MANY_ADS[1]:.2f}")
    return round(min(risk, 1.0), 3), reasons


def identifier_components(extracted: Sequence[dict], secret: bytes
                          ) -> tuple[UnionFind, dict[str, int]]:
    """Union-find over ads joined by a shared identifier, and each identifier's first ad.

    Identifier keys are "kind:keyed-hash"; each distinct raw value is hashed once.
    """
    uf = UnionFind(len(extracted))
    union = uf.union
    first: dict[str, int] = {}
    cache: dict[tuple[str, str], str] = {}
    for i, ad in enumerate(extracted):
        for pair in identifier_values(ad):
            key = cache.get(pair)
            if key is None:
                key = cache[pair] = f"{pair[0]}:{keyed_hash(pair[0], pair[1], secret)}"
            j = first.setdefault(key, i)
            if j != i:
                union(j, i)
    return uf, first


def link_ads(extracted: Sequence[dict], texts: Mapping[str, Any] | Sequence[dict],
             secret: bytes, *, template: bool = True, threshold: float = 0.5) -> list[dict]:
    """Cluster extracted ads (the `ads extract` output) into networks.

    `texts` maps ad id to its input record ({"text", "title"?, "city"?, "posted_at"?}) or
    to its text, or is the list of input records. Returns one dict per cluster, largest
    first: cluster_id, ad_ids, identifiers ({kind: [keyed hashes]}), cities, dates
    ([first, last] posting date), size, risk, reasons, links ({template}).
    """
    records = _record_lookup(texts)
    n = len(extracted)
    uf, first = identifier_components(extracted, secret)

    template_edges: list[tuple[int, int]] = []
    if template and n > 1:
        groups = [uf.find(i) for i in range(n)]
        bodies = [_text_of(records.get(str(ad.get("id")))) for ad in extracted]
        for i, j, _score in template_pairs(bodies, groups, threshold=threshold):
            if groups[i] != groups[j]:
                template_edges.append((i, j))
            uf.union(i, j)

    roots = [uf.find(i) for i in range(n)]
    members: dict[int, list[int]] = {}
    for i, r in enumerate(roots):
        members.setdefault(r, []).append(i)
    idents: dict[int, dict[str, set[str]]] = {}
    for key, i in first.items():
        kind, _, digest = key.partition(":")
        idents.setdefault(roots[i], {}).setdefault(kind, set()).add(digest)
    templated = {roots[i] for i, _j in template_edges}
    template_links = {root: sum(1 for i, _ in template_edges if roots[i] == root)
                      for root in templated}
    clusters = [_summary(extracted, records, idx, idents.get(root, {}),
                         template_links.get(root, 0)) for root, idx in members.items()]
    clusters.sort(key=lambda c: (-c["size"], c["ad_ids"][0]))
    return clusters


def _summary(extracted: Sequence[dict], records: Mapping[str, Any], idx: list[int],
             found: dict[str, set[str]], template_links: int) -> dict:
    ids, cities, dates, ad_risks, ages = [], set(), [], [], set()
    for i in idx:
        ad = extracted[i]
        ad_id = str(ad.get("id"))
        ids.append(ad_id)
        rec = records.get(ad_id)
        if rec.__class__ is not dict:
            rec = rec if isinstance(rec, Mapping) else {}
        city = ad.get("city") or rec.get("city")
        if city:
            cities.add(str(city))
        posted = rec.get("posted_at")
        if posted:
            dates.append(str(posted)[:10])
        ad_risks.append((float(ad.get("risk") or 0.0), ad_id))
        if ad.get("ages"):
            ages.update(ad["ages"])
    risk, reasons = network_risk(ad_risks, len(found.get("phone", ())), len(cities),
                                 template_links > 0, len(idx), len(ages))
    return {
        "cluster_id": cluster_id(ids), "ad_ids": ids,
        "identifiers": {k: sorted(v) for k, v in sorted(found.items())},
        "cities": sorted(cities), "dates": [min(dates), max(dates)] if dates else [],
        "size": len(idx), "risk": risk, "reasons": reasons,
        "links": {"template": template_links},
    }
