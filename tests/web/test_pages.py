"""Every page: 200 in English and Spanish for a signed-in reader, a redirect to /login for
anyone else, `<html lang>` following the reader's choice or Accept-Language."""

from __future__ import annotations

import re

import pytest
from web_hub import PASSWORD, csrf_of, login

from tahub.web.routes import PAGES

READER = "analyst@alba.example.org"


@pytest.fixture(scope="module")
def reader(hub):  # type: ignore[no-untyped-def]
    return hub.client(READER)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_page_renders_in_both_languages(hub, path: str, lang: str) -> None:
    client = hub.client(READER, lang=lang)
    page = client.get(path)
    assert page.status_code == 200, page.text[:500]
    assert page.headers["content-type"].startswith("text/html")
    assert f'<html lang="{lang}">' in page.text
    assert page.headers["content-language"] == lang
    # the language switcher is on every page
    assert 'href="/lang/en?next=' in page.text and 'href="/lang/es?next=' in page.text


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_readers_are_sent_to_login(hub, path: str) -> None:
    answer = hub.client().get(path)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login")


def test_spanish_pages_are_in_spanish(hub) -> None:
    page = hub.client(READER, lang="es").get("/")
    assert "Resumen" in page.text and "Qué cambió" in page.text
    assert ">Overview<" not in page.text


def test_accept_language_decides_when_the_reader_has_not(hub) -> None:
    client = hub.client()
    page = client.get("/login", headers={"Accept-Language": "es-CO,es;q=0.9,en;q=0.5"})
    assert '<html lang="es">' in page.text and "Contraseña" in page.text
    page = client.get("/login", headers={"Accept-Language": "fr-FR, en;q=0.8"})
    assert '<html lang="en">' in page.text


def test_switching_language_sticks_and_returns_to_the_page(hub) -> None:
    client = hub.client(READER)
    answer = client.get("/lang/es", params={"next": "/account"})
    assert answer.status_code == 303 and answer.headers["location"] == "/account"
    assert '<html lang="es">' in client.get("/account").text
    # an absolute or protocol-relative `next` is not followed off the site
    assert client.get("/lang/en", params={"next": "//evil.example"}).headers["location"] == "/"


def test_login_needs_the_csrf_field(hub) -> None:
    client = hub.client()
    client.get("/login")
    answer = client.post("/login", data={"email": READER, "password": PASSWORD,
                                         "csrf": "forged"})
    assert answer.status_code == 403
    assert "tahub_session" not in answer.headers.get("set-cookie", "") or \
        client.get("/").status_code == 303
    assert client.get("/").status_code == 303


def test_login_form_is_a_plain_post_with_labelled_fields(hub) -> None:
    html = hub.client().get("/login").text
    assert re.search(r'<form method="post" action="/login">', html)
    for field in ("email", "password"):
        assert f'<label for="{field}">' in html and f'id="{field}" name="{field}"' in html
    assert 'type="hidden" name="csrf"' in html


def test_a_wrong_password_is_refused_and_a_right_one_lets_in(hub) -> None:
    client = hub.client()
    token = csrf_of(client.get("/login").text)
    wrong = client.post("/login", data={"email": READER, "password": "not it at all",
                                        "csrf": token})
    assert wrong.status_code == 401 and "Wrong email or password" in wrong.text
    right = client.post("/login", data={"email": READER, "password": PASSWORD, "csrf": token,
                                        "next": "/account"})
    assert right.status_code == 303 and right.headers["location"] == "/account"
    cookie = right.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert client.get("/account").status_code == 200


def test_logout_needs_csrf_and_ends_the_session(hub) -> None:
    client = hub.client()
    login(client, READER)
    assert client.post("/logout", data={"csrf": "nope"}).status_code == 403
    token = csrf_of(client.get("/account").text)
    cookie = client.cookies["tahub_session"]
    assert client.post("/logout", data={"csrf": token}).status_code == 303
    assert client.get("/account").status_code == 303
    # the old cookie, replayed, is no session any more
    client.cookies.set("tahub_session", cookie)
    assert client.get("/account").status_code == 303


def test_a_tampered_session_cookie_is_no_session(hub) -> None:
    client = hub.client(READER)
    value = client.cookies.get("tahub_session")
    client.cookies.set("tahub_session", value[:-3] + ("aaa" if value[-3:] != "aaa" else "bbb"))
    assert client.get("/").status_code == 303


def test_login_attempts_are_rate_limited(hub) -> None:
    client = hub.client()
    token = csrf_of(client.get("/login").text)
    email = "viewer@alba.example.org"
    codes = [client.post("/login", data={"email": email, "password": "wrong password!!",
                                         "csrf": token}).status_code for _ in range(7)]
    assert codes[:5] == [401] * 5 and codes[-1] == 429
