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

    Posters post 1-8 ads; some rotate two or three phones (each ad shows one, and one ad
    shows two, so the poster stays connected), some add an email or a handle.
    """
    rng = random.Random(seed)
    countries = [("57", "CO", 10), ("52", "MX", 10), ("51", "PE", 9), ("55", "BR", 11),
                 ("1", "CA", 10)]
    extracted, records = [], {}
    poster, phone_n = 0, 0
    start = date(2025, 1, 1)
    while len(extracted) < n:
        poster += 1
        cc, country, digits = rng.choice(countries)
        k = min(rng.choice((1, 1, 1, 2, 2, 3, 4, 6, 8)), n - len(extracted))
        phones = []
        for _ in range(rng.choice((1, 1, 1, 1, 2, 3)) if k > 2 else 1):
            phone_n += 1
            phones.append(f"+{cc}{phone_n:0{digits}d}")
        email = f"p{poster}@example.com" if rng.random() < 0.15 else None
        handle = {"platform": "telegram", "handle": f"p{poster}_x"} if rng.random() < 0.2 \
            else None
        risk = round(rng.random() * (0.9 if rng.random() < 0.2 else 0.4), 2)
        day = start + timedelta(days=rng.randint(0, 300))
        for i in range(k):
            ad_id = f"b{len(extracted):07d}"
            shown = [phones[i % len(phones)]]
            if i == 0 and len(phones) > 1:
                shown = phones[:]  # one ad shows every number: the bridge
            extracted.append({
                "id": ad_id, "phones": shown, "emails": [email] if email and i % 2 else [],
                "handles": [handle] if handle and i % 3 == 0 else [], "risk": risk,
                "poster": f"p{poster}"})
            records[ad_id] = {"city": rng.choice(CITIES[country]),
                              "posted_at": (day + timedelta(days=i)).isoformat()}
    return extracted, records
