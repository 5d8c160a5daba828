"""Ad networks: identifier links, template links, the stock-phrase trap, network risk."""

from __future__ import annotations

import json

from tahub.link.ads import link_ads, network_risk
from tahub.link.keyed import keyed_hash
from tahub.link.minhash import shingles, template_pairs
from tahub.link.unionfind import UnionFind

SECRET = b"test-installation-secret"

AGENCY = (
    "Tenemos las chicas más lindas de {city}. {name} de 19 años y {name2} de 20 años, "
    "jovencitas complacientes y cariñosas. Las llevamos y las recogemos en tu hotel, solo "
    "salidas con nuestro conductor. Atendemos todos los días, promoción especial esta semana "
    "para clientes nuevos. Reservas con el encargado al {phone}"
)


def ad(ad_id: str, phones=(), emails=(), handles=(), risk=0.1) -> dict:
    return {"id": ad_id, "phones": list(phones), "emails": list(emails),
            "handles": [{"platform": p, "handle": h} for p, h in handles], "risk": risk}


def clusters_as_sets(clusters: list[dict]) -> set[frozenset[str]]:
    return {frozenset(c["ad_ids"]) for c in clusters}


def test_shared_phone_links_and_links_are_transitive():
    extracted = [
        ad("a1", phones=["+573001234567"]),
        ad("a2", phones=["+573001234567"], emails=["valen.rose22@example.com"]),
        ad("a3", emails=["Valen.Rose22@example.com"]),  # same email, other case
        ad("a4", phones=["+573109876543"]),
    ]
    clusters = link_ads(extracted, {}, SECRET, template=False)
    assert clusters_as_sets(clusters) == {frozenset({"a1", "a2", "a3"}), frozenset({"a4"})}


def test_every_ad_in_exactly_one_cluster_singletons_included():
    extracted = [ad(f"x{i}", phones=[f"+1416555010{i % 3}"]) for i in range(7)]
    extracted.append(ad("lonely"))
    clusters = link_ads(extracted, {}, SECRET)
    members = [a for c in clusters for a in c["ad_ids"]]
    assert sorted(members) == sorted(e["id"] for e in extracted)
    assert {"lonely"} in [set(c["ad_ids"]) for c in clusters]
    assert all(c["size"] == len(c["ad_ids"]) for c in clusters)


def test_identifiers_are_keyed_hashes_never_raw():
    extracted = [ad("a1", phones=["+5511987654321"], handles=[("instagram", "bruna_luna7")]),
                 ad("a2", phones=["+5511987654321"])]
    one = link_ads(extracted, {}, SECRET)
    other = link_ads(extracted, {}, b"another-installation")
    dumped = json.dumps(one)
    assert "987654321" not in dumped and "bruna" not in dumped
    assert one[0]["identifiers"]["phone"] == [keyed_hash("phone", "+5511987654321", SECRET)]
    assert one[0]["identifiers"]["phone"] != other[0]["identifiers"]["phone"]
    assert clusters_as_sets(one) == clusters_as_sets(other)


def test_handles_match_across_case_and_at_sign_but_not_across_platforms():
    extracted = [ad("a1", handles=[("telegram", "@Sasha_Star9")]),
                 ad("a2", handles=[("telegram", "sasha_star9")]),
                 ad("a3", handles=[("instagram", "sasha_star9")])]
    assert clusters_as_sets(link_ads(extracted, {}, SECRET, template=False)) == {
        frozenset({"a1", "a2"}), frozenset({"a3"})}


def test_keyed_hash_separates_kinds():
    assert keyed_hash("phone", "x", SECRET) != keyed_hash("email", "x", SECRET)
    assert keyed_hash("phone", "x", SECRET) == keyed_hash("phone", "x", SECRET)


def test_template_reposted_under_other_numbers_names_and_cities_is_linked():
    texts = {
        "t1": AGENCY.format(city="Medellín", name="Salomé", name2="Yesenia",
                            phone="300 123 4567"),
        "t2": AGENCY.format(city="Cali", name="Dayana", name2="Jazmín",
                            phone="tres uno cero 987 65 43"),
        "t3": AGENCY.format(city="Pereira", name="Kiara", name2="Paola",
                            phone="3️⃣1️⃣5️⃣ 555 0000"),
    }
    extracted = [ad("t1", phones=["+573001234567"]), ad("t2", phones=["+573109876543"]),
                 ad("t3", phones=["+573155550000"])]
    clusters = link_ads(extracted, texts, SECRET)
    assert clusters_as_sets(clusters) == {frozenset(texts)}
    assert any("same text" in r for r in clusters[0]["reasons"])
    assert link_ads(extracted, texts, SECRET, template=False)[0]["size"] == 1


STOCK = "100% real fotos. Discreción total. Sin prisas, trato de novios."


def test_stock_phrases_alone_never_link_two_posters():
    texts = {
        "s1": f"Valentina 24 años. {STOCK} 300 111 2233",
        "s2": f"Camila 22 años. {STOCK} 311 444 5566",
        "s3": f"Hola amor, soy Luciana, tengo 29 años, trigueña y coqueta. {STOCK} Atiendo en "
              "mi apartamento privado en Chapinero de lunes a sábado. Wsp 320 777 8899",
        "s4": f"Me llamo Ximena, universitaria de 21 años, me encantan los besos. {STOCK} "
              "Masajes tántricos y corporales, solo con cita previa. Cel 315 222 3344",
    }
    extracted = [ad(k, phones=[f"+57300000000{i}"]) for i, k in enumerate(texts)]
    assert len(link_ads(extracted, texts, SECRET)) == 4


def test_phrases_shared_by_many_posters_are_dropped_before_comparing():
    # 30 unrelated posters share a long boilerplate paragraph and add a line of their own.
    boiler = ("Ambiente limpio y seguro, fotos cien por ciento reales, discreción total, no "
              "números privados, no contesto mensajes de texto, sin prisas y con mucho cariño "
              "para caballeros educados")
    own = ["me encanta bailar salsa", "trabajo en mi propio apartamento con vista al mar",
           "hago masajes con aceites calientes", "soy muy conversadora y alegre"]
    texts = [f"{boiler}. Soy {own[i % 4]} y atiendo desde la mañana {i}" for i in range(30)]
    assert template_pairs(texts) == []
    # Seen alone, two of them share so much boilerplate that they pass as one template:
    # it is the crowd of other posters that marks the paragraph as stock.
    assert [(i, j) for i, j, _ in template_pairs(texts[:2])] == [(0, 1)]


def test_network_risk_keeps_independent_touring_worker_below_half():
    # one woman, first person, 4 ads in 4 cities, hotel and touring (ad risks ~0.13)
    risk, reasons = network_risk([(0.13, "a"), (0.13, "b"), (0.03, "c"), (0.12, "d")],
                                 n_phones=1, n_cities=4, template_across_ids=False, size=4)
    assert risk < 0.5
    assert any("4 cities" in r for r in reasons)


def test_network_risk_rises_with_rotating_numbers_and_templates():
    base, _ = network_risk([(0.55, "a")], 1, 1, False, 1)
    risk, reasons = network_risk([(0.55, "a"), (0.4, "b")], n_phones=3, n_cities=3,
                                 template_across_ids=True, size=12)
    assert base == 0.55 and risk == 0.85
    assert len(reasons) == 5 and "highest ad risk 0.55 (a)" in reasons[0]
    assert network_risk([(0.9, "a")], 5, 5, True, 20)[0] == 1.0


def test_several_ages_behind_one_number_raise_network_risk():
    one_woman = [ad(f"w{i}", phones=["+573001234567"], risk=0.2) | {"ages": [24 + i // 2]}
                 for i in range(4)]  # 24, 24, 25, 25: a birthday, not a second worker
    house = [ad(f"h{i}", phones=["+573109876543"], risk=0.2) | {"ages": [18 + i]}
             for i in range(4)]
    clusters = {c["ad_ids"][0][0]: c for c in link_ads(one_woman + house, {}, SECRET)}
    assert clusters["w"]["risk"] == 0.2
    assert clusters["h"]["risk"] == 0.3
    assert "4 different ages advertised +0.10" in clusters["h"]["reasons"]


def test_cluster_cities_and_dates_show_touring():
    records = [
        {"id": "r1", "text": "Estoy de gira", "city": "Lima", "posted_at": "2025-03-01"},
        {"id": "r2", "text": "De paso por Cusco", "city": "Cusco", "posted_at": "2025-03-09T10:00"},
    ]
    extracted = [ad("r1", phones=["+51987654321"]), ad("r2", phones=["+51987654321"])]
    (cluster,) = link_ads(extracted, records, SECRET)
    assert cluster["cities"] == ["Cusco", "Lima"]
    assert cluster["dates"] == ["2025-03-01", "2025-03-09"]
    assert cluster["cluster_id"] == link_ads(extracted[::-1], records, SECRET)[0]["cluster_id"]


def test_union_find_groups():
    uf = UnionFind(6)
    uf.union(0, 1)
    uf.union(4, 1)
    uf.union(2, 3)
    assert sorted(sorted(g) for g in uf.groups()) == [[0, 1, 4], [2, 3], [5]]
    assert uf.union(0, 4) is False


def test_shingles_ignore_names_numbers_and_number_words():
    one = shingles("Ella es Kiara, 19 añitos, llámala al tres cero cero 123 4567 en Lima")
    two = shingles("Ella es Dayana, 18 añitos, llámala al 3OO uno dos tres 45 67 en Cusco")
    assert one == two
    assert shingles("la chica nueva") != shingles("la chica linda")


def test_cli_ads_link_contract(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from tahub.cli import app

    monkeypatch.setenv("TAHUB_DATA_DIR", str(tmp_path / "var"))
    ads = [
        {"id": "co-1", "text": "Hola amor, soy Valentina, 24 años. 100% real fotos. "
         "Wsp 3OO 123 45 sesenta y siete", "city": "Medellín", "country": "CO",
         "posted_at": "2025-03-01"},
        {"id": "co-2", "text": "Valentina de gira por Cali, solo esta semana. Llámame al "
         "+57 300 123 4567", "city": "Cali", "country": "CO", "posted_at": "2025-03-08"},
        {"id": 3, "text": "Camila, 22 años, discreción total. Cel 315 987 6543",
         "city": "Bogotá", "country": "CO"},
    ]
    lines = [json.dumps(a, ensure_ascii=False) for a in ads]
    lines.insert(1, '{"id": "broken", "text": ')
    src, dst = tmp_path / "ads.jsonl", tmp_path / "clusters.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ads", "link", "--input", str(src), "--output", str(dst)])
    assert result.exit_code == 0, result.output
    assert "line 2" in result.output
    rows = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert sorted(a for r in rows for a in r["ad_ids"]) == ["3", "co-1", "co-2"]
    for row in rows:
        assert {"cluster_id", "ad_ids", "phones", "cities", "size", "risk", "reasons"} <= set(row)
        assert row["size"] == len(row["ad_ids"]) and 0.0 <= row["risk"] <= 1.0
    pair = next(r for r in rows if r["size"] == 2)
    assert pair["ad_ids"] == ["co-1", "co-2"]
    assert pair["phones"] == ["+573001234567"]
    assert pair["cities"] == ["Cali", "Medellín"]
    missing = CliRunner().invoke(app, ["ads", "link", "--input", str(tmp_path / "no.jsonl"),
                                       "--output", str(dst)])
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_dev_set_templates_link_posters_but_not_the_stock_phrase_trap():
    from tahub.eval.ads import load, pair_counts

    dev = load("dev")
    records = {ad["id"]: ad for ad in dev}
    gold = {ad["id"]: ad["gold"]["poster"] for ad in dev}
    # text alone, no identifiers: every link must come from a real shared template
    bare = [{"id": ad["id"], "risk": 0.0} for ad in dev]
    clusters = link_ads(bare, records, SECRET)
    counts = pair_counts({a: c["cluster_id"] for c in clusters for a in c["ad_ids"]}, gold)
    assert counts.fp == 0 and counts.tp > 50
    short = {ad["id"] for ad in dev if len(ad["text"]) < 120}
    assert len(short) >= 10
    assert all(len(set(c["ad_ids"]) & short) <= 1 for c in clusters)
