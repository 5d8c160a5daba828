"""Phrase pools for the ads dev set, written after the style of public escort/massage ads.

A piece is "text||indicator,indicator": the indicators after `||` are the gold labels that
piece carries (nothing after it means none). Placeholders: {name} {age} {name2} {age2}
{city} {zone} {price} {body} {extra}. Independent pieces are first person; agency pieces
speak about the workers. Numbers that are not phones live in {price}, {body} and {extra}.
"""

from __future__ import annotations

CITIES = {
    "CO": ["Bogotá", "Medellín", "Cali", "Barranquilla", "Cartagena", "Bucaramanga", "Pereira"],
    "PE": ["Lima", "Arequipa", "Trujillo", "Cusco", "Chiclayo", "Piura"],
    "MX": ["Ciudad de México", "Guadalajara", "Monterrey", "Cancún", "Tijuana", "Puebla"],
    "BR": ["São Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba", "Porto Alegre",
           "Brasília", "Salvador", "Recife"],
    "CA": ["Toronto", "Vancouver", "Montreal", "Calgary", "Ottawa", "Edmonton"],
}
ZONES = {
    "CO": ["Chapinero", "El Poblado", "Laureles", "Granada", "Cedritos", "Usaquén", "Bocagrande"],
    "PE": ["Miraflores", "San Isidro", "Lince", "Surco", "Jesús María", "San Borja"],
    "MX": ["Polanco", "la Condesa", "la Roma", "Zona Hotelera", "Providencia", "del Valle"],
    "BR": ["Moema", "Copacabana", "Savassi", "Batel", "Pinheiros", "Boa Viagem", "Asa Sul"],
    "CA": ["downtown", "Yorkville", "Kitsilano", "the Plateau", "the Beltline", "the Glebe"],
}
LANG = {"CO": "es", "PE": "es", "MX": "es", "BR": "pt", "CA": "en"}
SITES = {"es": ["clasificados.example", "anunciosvip.example", "escortsla.example"],
         "pt": ["classificados.example", "acompanhantes.example"],
         "en": ["leolist.example", "tryst.example", "classifieds.example"]}

NAMES = {
    "es": ["Valentina", "Camila", "Sofía", "Isabella", "Daniela", "Mariana", "Luciana",
           "Gabriela", "Paola", "Natalia", "Andrea", "Juliana", "Catalina", "Ximena", "Fernanda",
           "Lupita", "Karla", "Yesenia", "Milagros", "Rosa", "Kiara", "Dayana", "Estefanía",
           "Salomé", "Lorena", "Vanessa", "Tatiana", "Brenda", "Mayra", "Jazmín"],
    "pt": ["Ana", "Bruna", "Larissa", "Juliana", "Camila", "Letícia", "Thaís", "Renata",
           "Bianca", "Isabela", "Vitória", "Manuela", "Gabriele", "Paloma", "Jéssica", "Rafaela"],
    "en": ["Ashley", "Jessica", "Amber", "Brooke", "Chloe", "Mia", "Lily", "Sasha", "Jade",
           "Ruby", "Emma", "Natalie", "Paige", "Skye", "Kayla", "Tiffany"],
}

PRICES = {
    "CO": ["rato $150.000, hora $250.000", "media hora 80.000 y hora 150.000",
           "tarifa: 150 mil la hora", "desde $100.000 el rato", "hora 200 mil, noche 800 mil",
           "$120.000 la media hora"],
    "PE": ["S/ 150 la hora, S/ 100 media hora", "S/. 200 la hora", "desde 120 soles",
           "S/ 80 el rato", "hora 180 soles"],
    "MX": ["$1,500 la hora", "1500 pesos la hora, 2,500 dos horas", "$2,000 MXN la hora",
           "desde $900 media hora", "hora $1,800"],
    "BR": ["R$ 200 a hora", "R$ 150 meia hora, R$ 250 a hora", "300 reais a hora",
           "cachê R$ 350", "a partir de R$ 180"],
    "CA": ["$200/hr", "160 roses half hour", "$300 hr, $180 hh", "rates start at 250",
           "220 roses for the hour"],
}
BODY = {
    "es": ["mido 1.65, peso 55 kg, medidas 90-60-90", "mis medidas 95-62-98, estatura 1,60",
           "delgada, piel canela, 1.70 de estatura", "medidas 92 60 96 y 1.58 de altura",
           "trigueña, cabello largo, ojos cafés, 1.62 m", "talla 8, peso 58 kilos"],
    "pt": ["1,65 de altura, 58 kg, medidas 90-62-98", "morena, 1.70, manequim 38",
           "loira natural, 1,60 m e 52 kg", "corpo violão 95-60-100"],
    "en": ["5'6\", 120 lbs, 34C-25-36", "petite 5'2\" and 105 lbs", "measurements 36-24-36",
           "tall 5'9\" blonde, size 4", "1.68 m, 55 kg"],
}
EXTRA = {
    "es": ["Ref. 48213", "Anuncio #20931", "Cód. 7781", "publicado el 12/03/2025",
           "ID 99230", "válido hasta el 30/11", "anuncio 1023 de la semana"],
    "pt": ["Ref 55120", "anúncio nº 3391", "CEP 01310-100", "atualizado em 15/04/2025",
           "código 8820"],
    "en": ["Ref #44190", "postal code M5V 2T6", "ad ID 773021", "posted 03/14/2025",
           "listing 5521"],
}
STOCK = {
    "es": ["100% real fotos", "fotos 100% reales", "discreción total", "total discreción",
           "sin prisas", "ambiente limpio y seguro", "trato de novios", "no números privados"],
    "pt": ["fotos 100% reais", "sigilo total", "sem pressa", "local discreto e seguro",
           "namoradinha", "não atendo número privado"],
    "en": ["100% real pics", "discreet and safe", "no rush", "upscale and classy",
           "gfe", "no private numbers"],
}
CONTACT_PHONE = {
    "es": ["Escríbeme al WhatsApp {phone}", "Llámame al {phone}", "Wsp {phone}",
           "Cel. {phone}", "Info al {phone}", "📲 {phone}", "whatsapp: {phone}",
           "Contáctame {phone}"],
    "pt": ["Chama no zap {phone}", "WhatsApp {phone}", "Tel: {phone}", "Ligue {phone}",
           "📲 {phone}", "zap: {phone}"],
    "en": ["Call or text {phone}", "Text me at {phone}", "Phone: {phone}", "📱 {phone}",
           "txt {phone}", "Call me {phone}"],
}
CONTACT_EMAIL = {
    "es": ["Correo: {email}", "escríbeme a {email}", "mail {email}"],
    "pt": ["E-mail: {email}", "manda e-mail para {email}"],
    "en": ["Email: {email}", "email me at {email}"],
}
AT_FORMS = {
    "es": ["{local}@{domain}.{tld}", "{local} (arroba) {domain} punto {tld}",
           "{local} arroba {domain} punto {tld}", "{local}[at]{domain}[dot]{tld}"],
    "pt": ["{local}@{domain}.{tld}", "{local} arroba {domain} ponto {tld}",
           "{local} (at) {domain} (dot) {tld}"],
    "en": ["{local}@{domain}.{tld}", "{local} at {domain} dot {tld}",
           "{local} [at] {domain} [dot] {tld}", "{local}(at){domain}(dot){tld}"],
}
# Dev-only: "@"/dots spaced out or wrapped, capitals, letter-by-letter "a r r o b a".
AT_FORMS_SPACED = {
    "es": ["{local} @ {domain} . {tld}", "{local} @{domain} .{tld}",
           "{local} {{arroba}} {domain} {{punto}} {tld}", "{local} -arroba- {domain} -punto- {tld}",
           "{local} a r r o b a {domain} punto {tld}", "{local} ARROBA {domain} PUNTO {tld}",
           "{local}(@){domain}(.){tld}"],
    "pt": ["{local} @ {domain} . {tld}", "{local} [arroba] {domain} [ponto] {tld}",
           "{local} ARROBA {domain} PONTO {tld}", "{local} @ {domain} ponto {tld}"],
    "en": ["{local} @ {domain} . {tld}", "{local} AT {domain} DOT {tld}",
           "{local} {{at}} {domain} {{dot}} {tld}", "{local} @{domain} .{tld}",
           "{local} <at> {domain} <dot> {tld}", "{local} (@) {domain} (.) {tld}"],
}
HANDLE_FORMS = {
    "instagram": ["IG: @{h}", "insta @{h}", "instagram.com/{h}", "Instagram: {h}"],
    "telegram": ["t.me/{h}", "Telegram: @{h}", "telegram @{h}"],
    "snapchat": ["snap: {h}", "Snapchat @{h}"],
    "twitter": ["twitter @{h}", "x.com/{h}"],
    "onlyfans": ["onlyfans.com/{h}", "OnlyFans: {h}"],
    "kik": ["kik: {h}"],
}

# Independent, first person. Pieces per slot; the builder picks one per slot.
INDEPENDENT = {
    "es": {
        "intro": [
            "Hola amor, soy {name}, tengo {age} años", "{name}, {age} años, morena muy cariñosa",
            "Me llamo {name} y tengo {age} años", "Soy {name}, una chica de {age} años, coqueta",
            "Hola caballeros, mi nombre es {name}, {age} añitos",
            "{name} 💋 {age} años, universitaria independiente",
            "Bienvenido amor, soy {name}, independiente, {age} años",
            "¿Buscas compañía? Soy {name}, {age} años", "Soy {name} ({age} años), trabajo sola",
            "Hola, soy {name}, mujer madura de {age} años"],
        "body": ["{body}", "Te cuento: {body}", "{body}, muy limpia y educada"],
        "service": [
            "Ofrezco masajes relajantes y buena conversación",
            "Masaje relajante con final feliz", "Masajes tántricos y corporales",
            "Acompañamiento a cenas y eventos", "Me encantan los besos y las caricias",
            "Servicio completo, todo con protección", "Hago lo que acordemos, con respeto",
            "Soy muy complaciente y cariñosa"],
        "price": ["Tarifa {price}", "{price}", "Mis tarifas: {price}", "Valor: {price}"],
        "schedule": [
            "Atiendo de lunes a sábado de 10:00 a 20:00", "Horario: 9 am a 7 pm",
            "Solo con cita previa, de martes a domingo", "Disponible desde las 2 pm",
            "Atiendo de 11 a 22 hs", "Fines de semana solo hasta las 6 pm"],
        "place": [
            "Atiendo en mi apartamento privado en {zone}", "Sector {zone}, lugar propio y cómodo",
            "Atiendo en hotel o a domicilio||hotel", "Motel cercano en {zone}||hotel",
            "Hago salidas a hotel en {zone}||hotel", "Recibo en mi apto en {zone}"],
        "weak": [
            "Estoy de gira por {city} solo esta semana||touring",
            "De paso por {city} hasta el 15 de marzo||touring",
            "Recién llegada a {city}||new_in_town", "Nueva en la ciudad||new_in_town",
            "Promoción de lunes a miércoles||price_discount",
            "Soy venezolana, cariñosa y alegre||foreign_origin",
            "Disponible 24 horas||always_available"],
    },
    "pt": {
        "intro": [
            "Oi amor, sou a {name}, tenho {age} anos", "{name}, {age} anos, morena carinhosa",
            "Meu nome é {name} e tenho {age} anos", "Sou {name}, {age} aninhos, independente",
            "Olá cavalheiros, aqui é a {name}, {age} anos",
            "{name} 💋 {age} anos, universitária", "Sou a {name}, atendo sozinha, {age} anos",
            "Procurando companhia? Sou {name}, {age} anos"],
        "body": ["{body}", "{body}, educada e cheirosa"],
        "service": [
            "Faço massagem relaxante e bom papo", "Massagem tântrica e corporal",
            "Acompanhante para jantares e eventos", "Adoro beijos e carinho",
            "Atendimento completo, sempre com proteção", "Sou muito carinhosa e atenciosa"],
        "price": ["Cachê: {price}", "{price}", "Valores: {price}"],
        "schedule": [
            "Atendo de segunda a sábado das 10h às 20h", "Horário: 9h às 19h",
            "Só com hora marcada", "Atendo a partir das 14h"],
        "place": [
            "Local próprio em {zone}", "Atendo em apartamento em {zone}",
            "Atendo em hotel ou motel||hotel", "Vou ao seu hotel em {zone}||hotel",
            "Apartamento privativo em {zone}"],
        "weak": [
            "Estou de passagem por {city} só esta semana||touring",
            "Recém chegada em {city}||new_in_town", "Novidade na cidade||new_in_town",
            "Promoção de segunda a quarta||price_discount",
            "Atendo 24 horas||always_available", "Turnê por {city} até dia 20||touring"],
    },
    "en": {
        "intro": [
            "Hi gentlemen, I'm {name}, {age} years old", "{name}, {age}, sweet and playful",
            "My name is {name} and I'm {age}", "Independent {name} here, {age} yo",
            "Hey guys, {name} here, age {age}", "{name} 💋 {age}, college girl",
            "I am {name}, a mature lady of {age}", "Looking for company? I'm {name}, {age}"],
        "body": ["{body}", "{body}, clean and classy"],
        "service": [
            "I offer relaxing massage and great conversation", "Full body and tantric massage",
            "Dinner dates and events", "I love kissing and cuddling",
            "Safe services only", "I'm very sweet and attentive"],
        "price": ["Rates: {price}", "{price}", "Donation {price}"],
        "schedule": [
            "Available Monday to Saturday 10am-8pm", "Hours: 9 to 7",
            "By appointment only", "Available from 2 pm"],
        "place": [
            "Private incall in {zone}", "My own clean condo in {zone}",
            "Incall at my hotel room||hotel", "Outcall to hotels in {zone}||hotel",
            "Quiet apartment near {zone}"],
        "weak": [
            "Visiting {city} this week only||touring", "On tour in {city} until the 20th||touring",
            "New in town||new_in_town", "Just arrived in {city}||new_in_town",
            "Specials Monday to Wednesday||price_discount",
            "Available 24/7||always_available"],
    },
}

# Third-party and multi-worker pieces: the patterns the hub should bring to an analyst.
AGENCY = {
    "es": {
        "intro": [
            "Tenemos las chicas más lindas de {city}||multiple_workers",
            "Contamos con señoritas nuevas cada semana||multiple_workers",
            "Agencia VIP presenta a sus chicas en {city}||multiple_workers,third_person",
            "Las mejores chicas de {city} te esperan||multiple_workers,third_person",
            "Chicas prepago disponibles en {city}||multiple_workers"],
        "workers": [
            "{name} de {age} años y {name2} de {age2} años, jovencitas complacientes"
            "||multiple_workers,youth,third_person",
            "Ella es {name}, {age} añitos, carita de niña, muy obediente||third_person,youth",
            "Venezolanas recién llegadas, {name} tiene {age} años"
            "||foreign_origin,new_in_town,multiple_workers,third_person",
            "{name}, colegiala, recién cumplió {age} años||youth,third_person",
            "Llámala, {name} tiene {age} años y está disponible||third_person"],
        "control": [
            "Las llevamos y las recogemos en tu hotel||restricted_movement,hotel,third_person",
            "Solo salidas con nuestro conductor||restricted_movement",
            "Ella no sale sola, va con acompañante||restricted_movement,third_person",
            "Disponibles 24/7||always_available", "Atendemos las 24 horas||always_available",
            "Servicio sin condón con costo adicional||unprotected_services",
            "Promoción 2x1 esta semana||price_discount",
            "Chicas de gira por {city}, pocos días||touring,multiple_workers",
            "Habitación de hotel incluida||hotel"],
        "contact": [
            "Reservas con el encargado al {phone}||third_person",
            "Pregunta por Don Carlos al {phone}", "Su representante: {phone}||third_person",
            "Citas al {phone}"],
    },
    "pt": {
        "intro": [
            "Temos as meninas mais lindas de {city}||multiple_workers",
            "Meninas novas toda semana||multiple_workers",
            "Agência apresenta suas gatas em {city}||multiple_workers,third_person",
            "As novinhas de {city} te esperam||multiple_workers,youth,third_person"],
        "workers": [
            "{name} de {age} anos e {name2} de {age2} anos, novinhas||multiple_workers,youth,"
            "third_person",
            "Ela é a {name}, {age} aninhos, carinha de menina||third_person,youth",
            "Venezuelanas recém chegadas, {name} tem {age} anos"
            "||foreign_origin,new_in_town,multiple_workers,third_person",
            "Liga pra ela, a {name} tem {age} anos||third_person"],
        "control": [
            "Levamos e buscamos no seu hotel||restricted_movement,hotel",
            "Só saídas com nosso motorista||restricted_movement",
            "Ela não sai sozinha||restricted_movement,third_person",
            "Atendemos 24 horas||always_available", "Disponíveis 24h||always_available",
            "Sem camisinha com adicional||unprotected_services",
            "Promoção 2 por 1||price_discount", "Turnê em {city}, poucos dias||touring"],
        "contact": [
            "Fale com o gerente {phone}||third_person", "Agendamentos {phone}",
            "Reservas pelo {phone}"],
    },
    "en": {
        "intro": [
            "Many girls available in {city}||multiple_workers",
            "New girls every week||multiple_workers",
            "Our agency presents the hottest ladies in {city}||multiple_workers,third_person",
            "Young fresh girls waiting for you in {city}||multiple_workers,youth,third_person"],
        "workers": [
            "{name} {age} and {name2} {age2}, barely legal||multiple_workers,youth,third_person",
            "She is {name}, {age}, petite and obedient||third_person,youth",
            "Asian girls new from overseas, {name} is {age}"
            "||foreign_origin,new_in_town,multiple_workers,third_person",
            "Call her now, {name} is {age} and ready||third_person"],
        "control": [
            "Driver will drop her off at your hotel||restricted_movement,hotel,third_person",
            "Outcall only with our driver||restricted_movement",
            "She does not go out alone||restricted_movement,third_person",
            "Available 24/7||always_available", "Open 24 hours||always_available",
            "Bareback extra||unprotected_services", "2 for 1 special||price_discount",
            "On tour in {city}, few days only||touring"],
        "contact": [
            "Call her booker {phone}||third_person", "Bookings {phone}",
            "Ask for the manager {phone}||third_person"],
    },
}

# Neutral words an agency's own slogan is drawn from (benchmark corpora only, where many
# agencies would otherwise share word-for-word the same few pool pieces).
SLOGAN_WORDS = {
    "es": ["elegancia", "exclusiva", "lujo", "relax", "placer", "confianza", "calidad",
           "atención", "personalizada", "caballeros", "ejecutivos", "ambiente", "privado",
           "selecto", "experiencia", "única", "momentos", "especiales", "glamour", "estilo",
           "belleza", "encanto", "sensualidad", "pasión", "distinción", "clase", "refinada",
           "inolvidable", "seguridad", "comodidad"],
    "pt": ["elegância", "exclusiva", "luxo", "relax", "prazer", "confiança", "qualidade",
           "atenção", "personalizada", "cavalheiros", "executivos", "ambiente", "privado",
           "seleto", "experiência", "única", "momentos", "especiais", "glamour", "estilo",
           "beleza", "encanto", "sensualidade", "paixão", "classe", "requinte", "inesquecível",
           "segurança", "conforto", "charme"],
    "en": ["elegance", "exclusive", "luxury", "relaxation", "pleasure", "trust", "quality",
           "attention", "personal", "gentlemen", "executives", "ambiance", "private",
           "select", "experience", "unique", "moments", "special", "glamour", "style",
           "beauty", "charm", "sensual", "passion", "distinction", "class", "refined",
           "unforgettable", "comfort", "premium"],
}
