"""The batch entry point keeps the `tahub ads extract` output contract."""

from tahub.enrich.ads import extract_ads

KEYS = {"id", "lang", "phones", "emails", "handles", "ages", "prices", "indicators", "risk",
        "reasons", "city"}


def test_batch_keeps_order_ids_and_contract_shape():
    records = [
        {"id": "a1", "title": "Ana 22 años - El Poblado", "country": "CO", "city": "Medellín",
         "text": "Hola amor 💋 soy Ana, colombiana de 22 años, atiendo en mi apto y hoteles. "
                 "1 hora 150.000. wsp: tres cero cero 12e 45 sесenta y 7. ig: @ana_bella. "
                 "correo ana (arroba) mail punto com"},
        {"id": 7, "text": "NEW IN TOWN!! qv 80 hh 120. Call (613) 555-0123", "country": "ca"},
        {"id": "a3", "text": "sin país ni números"},
    ]
    out = extract_ads(records)
    assert [o["id"] for o in out] == ["a1", 7, "a3"]
    assert all(set(o) == KEYS for o in out)
    first = out[0]
    assert first["lang"] == "es"
    assert first["phones"] == ["+573001234567"]
    assert first["emails"] == ["ana@mail.com"]
    assert first["handles"] == [{"platform": "instagram", "handle": "ana_bella"}]
    assert first["ages"] == [22]
    assert first["prices"] == [{"amount": 150000, "currency": "COP", "unit": "hour"}]
    assert first["indicators"] == [{"name": "hotel", "evidence": "hoteles"}]
    assert first["city"] == "Medellín"
    assert 0 <= first["risk"] < 0.5 and len(first["reasons"]) == 1
    assert out[1]["phones"] == ["+16135550123"]  # lowercase country still read
    assert out[1]["prices"][0] == {"amount": 80, "currency": "CAD", "unit": "15min"}
    assert out[2]["phones"] == [] and out[2]["risk"] == 0.0 and out[2]["city"] is None


def test_empty_batch():
    assert extract_ads([]) == []


def test_city_is_the_records_or_else_one_the_text_names():
    out = extract_ads([
        {"id": "1", "text": "Hola, soy Ana, nueva en Medellín, cuerpo bello", "country": "CO"},
        {"id": "2", "text": "New in Toronto for a few days, visiting from Vancouver"},
        {"id": "3", "text": "Atendo em São Paulo, zona sul", "country": "BR"},
        {"id": "4", "text": "de paso en Lima", "country": "CO"},  # not in the ad's country
        {"id": "5", "text": "Atendo em São Paulo", "city": "Campinas", "country": "BR"},
    ])
    assert [o["city"] for o in out] == ["Medellín", "Toronto", "São Paulo", None, "Campinas"]


def test_reposted_text_gives_the_same_reading_in_independent_copies():
    text = "Nueva en la ciudad, 19 años. R$ 200 a hora. zap 11 98765-4321, ig: @bia_sp"
    records = [{"id": "p1", "text": text, "country": "BR"},
               {"id": "p2", "text": text, "country": "BR"},
               {"id": "p3", "text": text, "country": "CO"}]
    out = extract_ads(records)
    assert [o["id"] for o in out] == ["p1", "p2", "p3"]
    assert out[1] == {**out[0], "id": "p2"}
    assert out[0]["phones"] == ["+5511987654321"]
    out[0]["phones"].append("+5511000000000")
    out[0]["handles"][0]["handle"] = "changed"
    assert out[1]["phones"] == ["+5511987654321"]
    assert out[1]["handles"] == [{"platform": "instagram", "handle": "bia_sp"}]
    # the same text from another country is read again: no Brazilian number in Colombia
    assert out[2]["phones"] == [] and out[2]["handles"] == out[1]["handles"]
