"""Synthetic ads with known posters, for the ads benchmark (nothing here is stored).

Two generators:
- `ad_texts(n)`: full ad texts written like the dev set (same phrase pools and phone
  obfuscations, eval/ads/), with gold phones and poster, for extraction speed and recall;
- `extracted_ads(n)`: what extraction returns (phones, emails, handles, risk) plus city,
  date and gold poster, without text, fast enough to make 1,000,000 for linking at scale.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval" / "ads"))

from build_devset import Builder  # noqa: E402
from pools import CITIES  # noqa: E402

INPUT_KEYS = ("id", "text", "title", "city", "country", "site", "posted_at")


def ad_texts(n: int, seed: int = 7) -> list[dict]:
    """n ads as `ads extract` input records, each with `gold` (phones, poster, ...)."""
    builder = Builder(seed=seed, fiction=False, slogans=True)
    # the dev set's mix: about 2.3 ads per poster, a quarter of ads from agencies
    scale = n / 380 + 1
    ads = builder.build(n_independent=int(150 * scale), n_agency=int(24 * scale),
                        n_short=int(24 * scale))
    return ads[:n]


def extracted_ads(n: int, seed: int = 11) -> tuple[list[dict], dict[str, dict]]:
    """n extracted ads with known posters, and their records (city, posted_at) by id.

    Posters post 1-8 ads; some rotate two or three phones (each ad shows one, and the
    first ad shows all, so the poster stays connected), some add an email or a handle.
    """
    rng = random.Random(seed)
    countries = [("57", "CO", 10), ("52", "MX", 10), ("51", "PE", 9), ("55", "BR", 11),
                 ("1", "CA", 10)]
    days = [(date(2025, 1, 1) + timedelta(days=d)).isoformat() for d in range(320)]
    sizes = (1, 1, 1, 2, 2, 3, 4, 6, 8)
    extracted, records = [], {}
    poster, phone_n = 0, 0
    while len(extracted) < n:
        poster += 1
        cc, country, digits = countries[poster % 5]
        cities = CITIES[country]
        r = rng.random()
        k = min(sizes[int(r * 9)], n - len(extracted))
        n_phones = 1 if k <= 2 or r * 7 % 1 < 0.65 else 2 + (r * 13 % 1 < 0.5)
        phones = []
        for _ in range(n_phones):
            phone_n += 1
            phones.append(f"+{cc}{phone_n:0{digits}d}")
        email = f"p{poster}@example.com" if r * 17 % 1 < 0.15 else None
        handle = {"platform": "telegram", "handle": f"p{poster}_x"} if r * 23 % 1 < 0.2 \
            else None
        risk = round(r * 31 % 1 * (0.9 if r * 37 % 1 < 0.2 else 0.4), 2)
        day = int(r * 41 % 1 * 300)
        label = f"p{poster}"
        for i in range(k):
            ad_id = f"b{len(extracted):07d}"
            extracted.append({
                "id": ad_id, "phones": phones if i == 0 else [phones[i % n_phones]],
                "emails": [email] if email and i % 2 else [],
                "handles": [handle] if handle and i % 3 == 0 else [], "risk": risk,
                "poster": label})
            records[ad_id] = {"city": cities[(poster + i) % len(cities)],
                              "posted_at": days[day + i]}
    return extracted, records
