"""Write eval/ads/dev.jsonl and eval/ads/heldout.jsonl (deterministic; see README.md).

Run: .venv/bin/python eval/ads/build_devset.py [--check]
Gold labels come from construction: every piece of text that carries an identifier, an age
or an indicator records it as it is written, so the gold is what the text says. `--check`
then re-reads the files and verifies the gold (valid numbers, unique per poster, no stray
valid number that phonenumbers finds in the text but the gold lacks).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import phonenumbers  # noqa: E402
import pools  # noqa: E402
import pools_heldout  # noqa: E402
from phones import new_number, surface  # noqa: E402

SEED = 20261204
HELDOUT_SHARE = 0.35
COUNTRY_WEIGHTS = {"CO": 30, "MX": 15, "PE": 15, "BR": 20, "CA": 20}
PLATFORMS = {"es": ["instagram", "telegram", "instagram", "onlyfans"],
             "pt": ["instagram", "telegram", "onlyfans"],
             "en": ["snapchat", "twitter", "onlyfans", "kik", "instagram", "telegram"]}
HANDLE_WORDS = ["luna", "rose", "vip", "dulce", "sweet", "bella", "honey", "star", "doll", "kiss"]


def pool_set(heldout: bool) -> SimpleNamespace:
    """The dev phrase pools, with the held-out phrasings laid over them if asked."""
    chosen = {k: getattr(pools, k) for k in dir(pools) if k.isupper()}
    if heldout:
        chosen.update({k: getattr(pools_heldout, k) for k in dir(pools_heldout) if k.isupper()})
    return SimpleNamespace(**chosen)


def piece(spec: str) -> tuple[str, list[str]]:
    text, _, inds = spec.partition("||")
    return text, [i for i in inds.split(",") if i]


def ascii_name(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


class Builder:
    def __init__(self, seed: int = SEED, fiction: bool = True, slogans: bool = False,
                 heldout: bool = False) -> None:
        self.rng = random.Random(seed)
        self.p = pool_set(heldout)
        self.prefix = ("ho", "H") if heldout else ("ad", "P")
        self.fiction = fiction
        self.slogans = slogans  # each poster some words of its own (large benchmark corpora)
        self.used_phones: set[str] = set()
        self.used_handles: set[str] = set()
        # Dev-only email disguises draw from their own generator, so adding them leaves
        # every other choice (and the held-out file) exactly as it was.
        self.email_rng = None if heldout else random.Random(seed + 97)
        self.ads: list[dict] = []
        self.poster_n = 0

    # identifiers -------------------------------------------------------------------------
    def phone(self, country: str) -> tuple[str, str, str]:
        while True:
            nsn, e164 = new_number(country, self.rng, self.fiction)
            if e164 not in self.used_phones:
                self.used_phones.add(e164)
                return country, nsn, e164

    def email(self, name: str, lang: str) -> tuple[str, str]:
        local = f"{ascii_name(name)}.{self.rng.choice(HANDLE_WORDS)}{self.rng.randint(10, 99)}"
        tld = self.rng.choice(["com", "org", "net"])
        gold = f"{local}@example.{tld}"
        form = self.rng.choice(self.p.AT_FORMS[lang])
        capital = "@" in form and self.rng.random() < 0.3
        if self.email_rng is not None and self.email_rng.random() < 0.5:
            form = self.email_rng.choice(self.p.AT_FORMS_SPACED[lang])
            capital = self.email_rng.random() < 0.3
        text = form.format(local=local, domain="example", tld=tld)
        if capital:
            text = text.replace(local, local.capitalize())  # case varies, gold is lowercase
        return text, gold

    def handle(self, name: str, lang: str) -> tuple[str, dict]:
        platform = self.rng.choice(PLATFORMS[lang])
        while True:
            base = ascii_name(name)[: self.rng.randint(4, 8)]
            h = f"{base}_{self.rng.choice(HANDLE_WORDS)}{self.rng.choice('xqzkw')}" \
                f"{self.rng.randint(1, 99)}"
            if h not in self.used_handles:
                self.used_handles.add(h)
                break
        text = self.rng.choice(self.p.HANDLE_FORMS[platform]).format(h=h)
        return text, {"platform": platform, "handle": h}

    # ads -----------------------------------------------------------------------------------
    def contact_phone(self, phone: tuple[str, str, str], ad_country: str, lang: str,
                      template: str | None = None) -> str:
        country, nsn, _ = phone
        text, _style = surface(nsn, country, lang, self.rng, international=country != ad_country)
        template = template or self.rng.choice(self.p.CONTACT_PHONE[lang])
        return template.replace("{phone}", text)

    def emit(self, *, poster: str, kind: str, lang: str, country: str, city: str, day: date,
             title: str | None, parts: list[str], phones: list[str], emails: list[str],
             handles: list[dict], ages: list[int], indicators: set[str]) -> None:
        joiner = self.rng.choice([". ", ". ", "\n", " 💋 ", " ✨ ", ", "])
        text = joiner.join(p for p in parts if p)
        record = {
            "text": text, "city": city, "country": country,
            "site": self.rng.choice(self.p.SITES[lang]), "posted_at": day.isoformat(),
            "lang": lang,
            "gold": {"phones": sorted(set(phones)), "emails": sorted(set(emails)),
                     "handles": sorted({(h["platform"], h["handle"]) for h in handles}),
                     "ages": sorted(set(ages)), "indicators": sorted(indicators),
                     "flag": kind == "agency", "poster": poster, "kind": kind}}
        record["gold"]["handles"] = [{"platform": p, "handle": h}
                                     for p, h in record["gold"]["handles"]]
        if title:
            record["title"] = title
        self.ads.append(record)

    def fill(self, spec: str, values: dict, inds: set[str]) -> str:
        text, tags = piece(spec)
        inds.update(tags)
        return text.format(**values)

    def independent(self, lang: str, country: str, short: bool = False) -> None:
        rng = self.rng
        self.poster_n += 1
        poster = f"{self.prefix[1]}{self.poster_n:03d}"
        name, age = rng.choice(self.p.NAMES[lang]), rng.randint(20, 45)
        n_ads = 1 if short else rng.choices([1, 2, 3, 4], weights=[52, 26, 13, 9])[0]
        has_phone = rng.random() > 0.08
        phones = [self.phone(country)] if has_phone else []
        if has_phone and n_ads >= 2 and rng.random() < 0.15:
            phones.append(self.phone(country))  # a changed number, both shown in one ad
        email = self.email(name, lang) if rng.random() < 0.2 or not has_phone else None
        handle = self.handle(name, lang) if rng.random() < 0.35 or not has_phone else None
        slots = self.p.INDEPENDENT[lang]
        style = {slot: rng.choice(slots[slot]) for slot in slots}
        stock = rng.sample(self.p.STOCK[lang], rng.randint(1, 3))
        contact_tpl = rng.choice(self.p.CONTACT_PHONE[lang])
        home = rng.choice(self.p.CITIES[country])
        touring = n_ads >= 2 and rng.random() < 0.35
        day = date(2025, 1, 1) + timedelta(days=rng.randint(0, 150))
        body = rng.choice(self.p.BODY[lang])
        own = " ".join(rng.sample(self.p.SLOGAN_WORDS[lang], 10)) \
            if self.slogans and not short else ""  # her own words (benchmark corpora)
        for i in range(n_ads):
            ad_country, city = country, home
            if touring and i > 0:
                if country == "CO" and rng.random() < 0.3:
                    ad_country = rng.choice(["PE", "MX"])
                city = rng.choice(self.p.CITIES[ad_country])
            inds: set[str] = set()
            values = {"name": name, "age": age, "city": city,
                      "zone": rng.choice(self.p.ZONES[ad_country]),
                      "price": rng.choice(self.p.PRICES[ad_country]), "body": body}
            ad_phones, ad_emails, ad_handles = [], [], []
            if short:
                unit = {"es": " años", "pt": " anos", "en": ""}[lang]
                parts = [f"{name} {age}{unit}"] + stock
            else:
                parts = [self.fill(style["intro"], values, inds), own]
                if touring and i > 0:
                    weak = [p for p in slots["weak"] if "touring" in p or "new_in_town" in p]
                    parts.append(self.fill(rng.choice(weak), values, inds))
                elif rng.random() < 0.18:
                    parts.append(self.fill(style["weak"], values, inds))
                for slot in ("body", "service", "place", "price", "schedule"):
                    if rng.random() < (0.85 if i == 0 else 0.8):
                        parts.append(self.fill(style[slot], values, inds))
                parts += stock
            if phones:
                shown = [phones[0]] if len(phones) == 1 else (
                    [phones[0]] if i == 0 else phones if i == 1 else [phones[1]])
                for ph in shown:
                    parts.append(self.contact_phone(ph, ad_country, lang, contact_tpl))
                    ad_phones.append(ph[2])
            if email and (not phones or rng.random() < 0.6):
                parts.append(rng.choice(self.p.CONTACT_EMAIL[lang]).format(email=email[0]))
                ad_emails.append(email[1])
            if handle and (not phones or rng.random() < 0.7):
                parts.append(handle[0])
                ad_handles.append(handle[1])
            if not short and rng.random() < 0.35:
                parts.append(rng.choice(self.p.EXTRA[lang]))
            title = None
            if not short and rng.random() < 0.5:
                unit = {"es": " años", "pt": " anos", "en": ""}[lang]
                title = f"{name} {age}{unit} - {values['zone']}"
            self.emit(poster=poster, kind="independent", lang=lang, country=ad_country, city=city,
                      day=day + timedelta(days=3 * i), title=title, parts=parts,
                      phones=ad_phones, emails=ad_emails, handles=ad_handles, ages=[age],
                      indicators=inds)

    def agency(self, lang: str, country: str) -> None:
        rng = self.rng
        self.poster_n += 1
        poster = f"{self.prefix[1]}{self.poster_n:03d}"
        n_ads = rng.randint(2, 6)
        phones = [self.phone(country) for _ in range(rng.randint(1, 3))]
        fixed_template = rng.random() < 0.7
        if not fixed_template:
            phones = phones[:1]  # varied texts: the shared number is what links them
        slots = self.p.AGENCY[lang]

        def choose() -> dict:
            return {"intro": rng.choice(slots["intro"]), "workers": rng.choice(slots["workers"]),
                    "control": rng.sample(slots["control"], rng.randint(1, 2)),
                    "contact": rng.choice(slots["contact"]),
                    "stock": rng.sample(self.p.STOCK[lang], rng.randint(0, 2)),
                    "price": rng.random() < 0.6}

        template = choose()
        slogan = " ".join(rng.sample(self.p.SLOGAN_WORDS[lang], 12)) if self.slogans else ""
        handle = self.handle("agencia" if lang == "es" else "agency", lang) \
            if rng.random() < 0.3 else None
        day = date(2025, 1, 1) + timedelta(days=rng.randint(0, 150))
        cities = self.p.CITIES[country]
        for i in range(n_ads):
            t = template if fixed_template else choose()
            city = rng.choice(cities)
            youth = "youth" in t["workers"] or "youth" in t["intro"]
            age = rng.randint(18, 19) if youth else rng.randint(18, 24)
            values = {"name": rng.choice(self.p.NAMES[lang]),
                      "name2": rng.choice(self.p.NAMES[lang]),
                      "age": age, "age2": rng.randint(18, 21), "city": city,
                      "zone": rng.choice(self.p.ZONES[country]),
                      "price": rng.choice(self.p.PRICES[country])}
            inds: set[str] = set()
            parts = [self.fill(t["intro"], values, inds), slogan,
                     self.fill(t["workers"], values, inds)]
            parts += [self.fill(c, values, inds) for c in t["control"]]
            if t["price"]:
                parts.append(values["price"])
            parts += t["stock"]
            ph = phones[i % len(phones)]
            contact, tags = piece(t["contact"])
            inds.update(tags)
            parts.append(self.contact_phone(ph, country, lang, contact))
            ad_handles = []
            if handle and rng.random() < 0.6:
                parts.append(handle[0])
                ad_handles.append(handle[1])
            if rng.random() < 0.3:
                parts.append(rng.choice(self.p.EXTRA[lang]))
            ages = [age] + ([values["age2"]] if "{age2}" in t["workers"] else [])
            self.emit(poster=poster, kind="agency", lang=lang, country=country, city=city,
                      day=day + timedelta(days=rng.randint(0, 20)), title=None, parts=parts,
                      phones=[ph[2]], emails=[], handles=ad_handles, ages=ages, indicators=inds)

    def build(self, n_independent: int = 150, n_agency: int = 24, n_short: int = 24) -> list[dict]:
        countries = list(COUNTRY_WEIGHTS)
        weights = list(COUNTRY_WEIGHTS.values())
        for _ in range(n_independent):
            c = self.rng.choices(countries, weights)[0]
            self.independent(self.p.LANG[c], c)
        for _ in range(n_agency):
            c = self.rng.choices(countries, weights)[0]
            self.agency(self.p.LANG[c], c)
        for _ in range(n_short):  # the stock-phrase trap: short ads, same phrases, no relation
            c = self.rng.choices(countries, weights)[0]
            self.independent(self.p.LANG[c], c, short=True)
        self.rng.shuffle(self.ads)
        for n, ad in enumerate(self.ads, 1):
            ad["id"] = f"{self.prefix[0]}-{n:04d}"
        return [{"id": a.pop("id"), **a} for a in self.ads]


def split(ads: list[dict], rng: random.Random) -> tuple[list[dict], list[dict]]:
    """Whole posters go to one side, so held-out clusters are never seen while tuning."""
    by_group: dict[tuple, list[str]] = {}
    for ad in ads:
        g = ad["gold"]
        key = (ad["lang"], g["kind"])
        if g["poster"] not in by_group.setdefault(key, []):
            by_group[key].append(g["poster"])
    held: set[str] = set()
    for key in sorted(by_group):
        posters = sorted(by_group[key])
        rng.shuffle(posters)
        held.update(posters[: round(len(posters) * HELDOUT_SHARE)])
    dev = [a for a in ads if a["gold"]["poster"] not in held]
    heldout = [a for a in ads if a["gold"]["poster"] in held]
    return dev, heldout


def check(paths: list[Path]) -> int:
    """Verify the gold; return the number of problems found (and print them)."""
    problems, owner = 0, {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            ad = json.loads(line)
            gold = ad["gold"]
            for e164 in gold["phones"]:
                if not phonenumbers.is_valid_number(phonenumbers.parse(e164)):
                    print(f"{ad['id']}: invalid gold phone {e164}")
                    problems += 1
                if owner.setdefault(e164, gold["poster"]) != gold["poster"]:
                    print(f"{ad['id']}: phone shared by two posters")
                    problems += 1
            text = (ad.get("title", "") + "\n" + ad["text"])
            # phonenumbers misreads some gold numbers (CO "0057 ..."): same last 8 digits is
            # the same number; anything else it finds would be a number the gold lacks.
            for m in phonenumbers.PhoneNumberMatcher(text, ad["country"]):
                found = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
                if not any(found[-8:] == g[-8:] for g in gold["phones"]):
                    print(f"{ad['id']}: stray valid number {m.raw_string!r} not in gold")
                    problems += 1
            for e in gold["emails"]:
                if e.split("@")[0] not in text.lower():
                    print(f"{ad['id']}: email local part missing from text")
                    problems += 1
            for h in gold["handles"]:
                if h["handle"] not in text:
                    print(f"{ad['id']}: handle missing from text")
                    problems += 1
            for age in gold["ages"]:
                if str(age) not in text:
                    print(f"{ad['id']}: age {age} missing from text")
                    problems += 1
    return problems


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help="only verify the written files")
    args = parser.parse_args()
    paths = [HERE / "dev.jsonl", HERE / "heldout.jsonl"]
    if not args.check:
        builder = Builder()
        dev, _ = split(builder.build(), random.Random(SEED + 1))  # dev posters: this split
        other = Builder(seed=SEED + 2, heldout=True)
        other.used_phones, other.used_handles = builder.used_phones, builder.used_handles
        heldout = other.build(n_independent=52, n_agency=9, n_short=8)
        for path, rows in zip(paths, (dev, heldout), strict=True):
            with path.open("w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            print(f"{path.name}: {len(rows)} ads")
    problems = check(paths)
    print(f"gold check: {problems} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
