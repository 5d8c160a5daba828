"""Phrasings used ONLY in the held-out split (same format as pools.py).

The held-out ads say the same kinds of things as the dev ads in other words, so the
held-out score measures how extraction generalises to unseen phrasings, not how well it
memorised the dev pools. Names, cities and zones are shared with pools.py.
"""

from __future__ import annotations

PRICES = {
    "CO": ["$180.000 por hora", "rato 90 mil, hora 160 mil", "media 70.000",
           "la hora a 200.000 pesos", "noche completa 700.000"],
    "PE": ["S/200 x hora", "media hora 90 soles", "S/. 250 la hora completa", "desde S/ 100"],
    "MX": ["$1,200 x hora", "media hora $800", "hora 1800 pesos", "$3,000 la noche"],
    "BR": ["R$250,00 a hora", "meia hora R$ 120", "cachê de 280 reais", "R$ 400 o pernoite"],
    "CA": ["180$/hh", "hh 150 / hr 250", "300 for the hour", "$400 for 90 min"],
}
BODY = {
    "es": ["estatura 1.72, 60 kilos, medidas 96-64-100", "soy bajita, mido 1,55, talla 6",
           "rubia, ojos claros, mido 1.68", "piel blanca, 58 kg, busto natural 34C"],
    "pt": ["1,72 m, 62 kg, olhos verdes", "baixinha de 1,55, manequim 36",
           "ruiva natural, 1.66 de altura", "medidas 88-60-96, 57 quilos"],
    "en": ["5'4\" brunette, 115 lbs", "size 2, 5 feet 7", "redhead, 36DD, 5'5\"",
           "curvy 38-30-42, 5'8\""],
}
EXTRA = {
    "es": ["Aviso N° 33017", "ref 5521-B", "actualizado 02/05/2025", "código de anuncio 8812",
           "vence el 31/12"],
    "pt": ["anúncio 77123", "Ref: 6020", "atualizado dia 20/05", "CEP 22041-001"],
    "en": ["post #88123", "ref 99-411", "updated 05/02/2025", "zip V6B 1A1"],
}
STOCK = {
    "es": ["fotos reales sin photoshop", "cero engaños", "higiene impecable",
           "solo caballeros respetuosos", "lugar discreto con parqueadero",
           "te hago sentir como en casa"],
    "pt": ["fotos reais sem edição", "sem enganação", "higiene impecável",
           "só cavalheiros educados", "ambiente com estacionamento"],
    "en": ["no fake pics", "no games no drama", "hygiene is a must", "respectful gents only",
           "parking available"],
}
CONTACT_PHONE = {
    "es": ["Agenda tu cita: {phone}", "mi número {phone}", "solo whatsapp {phone}",
           "Llamadas y mensajes al {phone}", "☎️ {phone}", "WhatsApp ➡️ {phone}"],
    "pt": ["me chama {phone}", "só whats {phone}", "contato: {phone}", "☎️ {phone}",
           "ligações e whats {phone}"],
    "en": ["Reach me at {phone}", "Cell {phone}", "text only {phone}", "☎️ {phone}",
           "Book now: {phone}"],
}
CONTACT_EMAIL = {
    "es": ["mi correo es {email}", "email: {email}"],
    "pt": ["meu e-mail {email}", "email: {email}"],
    "en": ["my email {email}", "mail: {email}"],
}
AT_FORMS = {
    "es": ["{local}@{domain}.{tld}", "{local} @ {domain} . {tld}",
           "{local}(arroba){domain}(punto){tld}", "{local} arroba {domain}.{tld}"],
    "pt": ["{local}@{domain}.{tld}", "{local} @ {domain} . {tld}",
           "{local}(arroba){domain}(ponto){tld}"],
    "en": ["{local}@{domain}.{tld}", "{local} @ {domain} . {tld}", "{local} AT {domain} DOT {tld}",
           "{local}[@]{domain}[.]{tld}"],
}
HANDLE_FORMS = {
    "instagram": ["IG ➡️ {h}", "instagram @{h}", "www.instagram.com/{h}", "my insta: {h}"],
    "telegram": ["tg: @{h}", "telegram.me/{h}", "Telegram ➡️ @{h}"],
    "snapchat": ["sc: {h}", "snap ➡️ {h}"],
    "twitter": ["twitter.com/{h}", "twitter: @{h}"],
    "onlyfans": ["onlyfans: @{h}", "www.onlyfans.com/{h}"],
    "kik": ["kik ➡️ {h}", "Kik @{h}"],
}

INDEPENDENT = {
    "es": {
        "intro": [
            "Hola mi amor, me presento: {name}, {age} años", "{name} aquí, tengo {age} años",
            "Mucho gusto, soy {name} y tengo {age} años, trabajo por mi cuenta",
            "Linda y sencilla, {name}, {age} años", "¡Hola! Soy {name}, de {age} años",
            "Te saluda {name}, mujer de {age} años, independiente"],
        "body": ["{body}", "Físicamente: {body}", "{body}, siempre arreglada"],
        "service": [
            "Me gusta consentir y dejarme consentir", "Masaje con aceites y buena charla",
            "Acompañante para viajes y cenas", "Atención con calma y mucho cariño",
            "Uso protección siempre, sin excepción"],
        "price": ["Precio: {price}", "{price}", "Inversión: {price}"],
        "schedule": [
            "Horario de 9:00 a 18:00", "Atiendo de miércoles a domingo",
            "Solo tardes, de 3 a 9 pm", "Reserva con un día de anticipación"],
        "place": [
            "Tengo lugar propio en {zone}", "Atiendo en mi depa en {zone}",
            "Voy a tu hotel en {zone}||hotel", "Atiendo en hoteles de la zona||hotel",
            "Recibo en {zone}, lugar tranquilo"],
        "weak": [
            "Solo unos días en {city}||touring", "Visitando {city} hasta el domingo||touring",
            "Acabo de llegar a {city}||new_in_town", "Primera vez en {city}||new_in_town",
            "Descuento para clientes nuevos||price_discount",
            "Soy de Venezuela, alegre y conversadora||foreign_origin",
            "Atiendo las 24 horas||always_available"],
    },
    "pt": {
        "intro": [
            "Oi, prazer, sou a {name}, {age} anos", "{name} aqui, tenho {age} anos",
            "Muito prazer, {name}, {age} anos, trabalho sozinha",
            "Linda e simpática, {name}, {age} anos", "Olá! Me chamo {name}, {age} anos"],
        "body": ["{body}", "Fisicamente: {body}", "{body}, sempre arrumada"],
        "service": [
            "Gosto de carinho e conversa boa", "Massagem com óleos e muita calma",
            "Companhia para viagens e jantares", "Uso proteção sempre"],
        "price": ["Preço: {price}", "{price}", "Investimento: {price}"],
        "schedule": ["Horário das 9h às 18h", "Atendo de quarta a domingo",
                     "Só à tarde, das 15h às 21h"],
        "place": [
            "Tenho local próprio em {zone}", "Atendo no meu apê em {zone}",
            "Vou até seu hotel||hotel", "Atendo em hotéis da região||hotel"],
        "weak": [
            "Só alguns dias em {city}||touring", "Visitando {city} até domingo||touring",
            "Acabei de chegar em {city}||new_in_town", "Primeira vez em {city}||new_in_town",
            "Desconto para novos clientes||price_discount",
            "Atendo dia e noite, 24h||always_available"],
    },
    "en": {
        "intro": [
            "Hello there, I'm {name}, {age} years old", "{name} here, I am {age}",
            "Nice to meet you, {name}, {age}, independent provider",
            "Sweet and simple {name}, {age} y/o", "Hi! My name's {name}, {age}"],
        "body": ["{body}", "About me: {body}", "{body}, always well dressed"],
        "service": [
            "I love to pamper and be pampered", "Oil massage and good chat",
            "Travel companion and dinner dates", "Protected services only, always"],
        "price": ["Rates {price}", "{price}", "Donations: {price}"],
        "schedule": ["Hours 9 to 6", "Wednesday to Sunday only", "Afternoons, 3 to 9 pm"],
        "place": [
            "My own place in {zone}", "Cozy apartment in {zone}",
            "I come to your hotel||hotel", "Hotel incall near {zone}||hotel"],
        "weak": [
            "In {city} for a few days||touring", "Visiting {city} until Sunday||touring",
            "Just got to {city}||new_in_town", "First time in {city}||new_in_town",
            "Discount for new clients||price_discount",
            "Available day and night, 24 hours||always_available"],
    },
}

AGENCY = {
    "es": {
        "intro": [
            "Varias chicas disponibles en {city}||multiple_workers",
            "Contamos con ocho modelos para todos los gustos||multiple_workers",
            "Las chicas de nuestra casa te atienden en {city}||multiple_workers,third_person"],
        "workers": [
            "Ella es {name}, una jovencita de {age} años||third_person,youth",
            "{name} y {name2}, de {age} y {age2} años, te esperan||multiple_workers,third_person",
            "Cubanas y venezolanas, {name} tiene {age} años||foreign_origin,multiple_workers,"
            "third_person",
            "Pregunta por {name}, {age} años, ella te atiende||third_person"],
        "control": [
            "Ella no puede salir sola||restricted_movement,third_person",
            "Las llevamos con chofer a donde digas||restricted_movement,third_person",
            "Todo el día y toda la noche||always_available",
            "Servicios sin preservativo||unprotected_services",
            "Oferta especial hoy||price_discount", "Solo por unos días en {city}||touring"],
        "contact": ["Reservas al {phone}", "Habla con la administradora {phone}||third_person",
                    "Pide a tu chica al {phone}"],
    },
    "pt": {
        "intro": [
            "Várias garotas disponíveis em {city}||multiple_workers",
            "Temos seis modelos para todos os gostos||multiple_workers"],
        "workers": [
            "Ela é a {name}, novinha de {age} anos||third_person,youth",
            "{name} e {name2}, de {age} e {age2} anos, te esperam||multiple_workers,third_person",
            "Paraguaias recém chegadas, a {name} tem {age} anos||foreign_origin,new_in_town,"
            "multiple_workers,third_person"],
        "control": [
            "Ela não pode sair sozinha||restricted_movement,third_person",
            "Levamos até você com nosso motorista||restricted_movement",
            "Dia e noite, 24h||always_available", "Sem preservativo||unprotected_services",
            "Desconto hoje||price_discount"],
        "contact": ["Reservas {phone}", "Fale com a gerente {phone}||third_person"],
    },
    "en": {
        "intro": [
            "Several girls available in {city}||multiple_workers",
            "We have six ladies for every taste||multiple_workers"],
        "workers": [
            "She is {name}, a young petite {age} year old||third_person,youth",
            "{name} and {name2}, {age} and {age2}, waiting for you||multiple_workers,third_person",
            "Exotic girls just arrived from Asia, {name} is {age}||foreign_origin,new_in_town,"
            "multiple_workers,third_person"],
        "control": [
            "She cannot go out alone||restricted_movement,third_person",
            "Our driver brings her to you||restricted_movement,third_person",
            "Day and night, 24/7||always_available", "No condom extra||unprotected_services",
            "Today's special||price_discount"],
        "contact": ["Bookings {phone}", "Call her manager {phone}||third_person"],
    },
}
