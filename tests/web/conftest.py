"""The web test hub on SQLite, built once per module (argon2 hashing is the slow part)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fresh_db import fresh_database  # noqa: E402
from web_hub import build_hub  # noqa: E402


@pytest.fixture(scope="module")
def hub(tmp_path_factory):  # type: ignore[no-untyped-def]
    with pytest.MonkeyPatch.context() as mp, fresh_database(
            tmp_path_factory.mktemp("webhub"), "sqlite", mp) as url:
        yield build_hub(url)
