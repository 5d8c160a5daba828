from tahub.enrich import pii


def test_spanish_names_phone_email_and_address():
    text = ("Mónica Moreno Álvarez, de 23 años, contactó a Karla Margarita García de la Torre. "
            "Su teléfono es 310 555 1234 y su correo monica.m@gmail.com. Vive en la "
            "Calle 45 # 12-30 de Bogotá.")
    result = pii.redact(text, "es")
    assert result.text == ("[PERSON], de 23 años, contactó a [PERSON]. Su teléfono es [PHONE] y "
                           "su correo [EMAIL]. Vive en la [ADDRESS] de Bogotá.")
    assert result.mapping is None  # originals only when asked


def test_portuguese_alias_and_street():
    text = ('O aliciador, conhecido como "Neguinho", foi preso na Rua das Flores, 123, em '
            "São Paulo. Contato: (11) 98765-4321.")
    result = pii.redact(text, "pt", keep_mapping=True)
    assert "Neguinho" not in result.text and "98765" not in result.text
    assert "São Paulo" in result.text
    originals = {m["original"] for m in result.mapping}
    assert {"Neguinho", "Rua das Flores, 123", "(11) 98765-4321"} <= originals
    for m in result.mapping:
        assert result.text[m["start"]:m["end"]] == m["placeholder"]


def test_english_titles_agencies_and_places_are_kept():
    text = ("Police Chief John Smith said the suspect, Maria Lopez, lived at 1420 Elm Street. "
            "The Philippine National Police rescued them in San José.")
    result = pii.redact(text, "en")
    assert result.text == ("Police Chief [PERSON] said the suspect, [PERSON], lived at [ADDRESS]. "
                           "The Philippine National Police rescued them in San José.")
    assert result.counts == {"PERSON": 2, "ADDRESS": 1}


def test_text_without_personal_data_is_unchanged():
    text = "Siete menores fueron rescatadas en Bogotá por la Policía Nacional."
    assert pii.redact(text, "es").text == text
