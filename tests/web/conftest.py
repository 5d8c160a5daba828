"""The web test hub on SQLite, built once per module (argon2 hashing is the slow part)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from web_hub import build_hub  # noqa: E402


@pytest.fixture(scope="module")
def hub(tmp_path_factory):  # type: ignore[no-untyped-def]
    from tahub.store.db import _engine_for

    folder: Path = tmp_path_factory.mktemp("webhub")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TAHUB_DATA_DIR", str(folder / "var"))
        mp.setenv("TAHUB_SECRET", "test-secret")
        url = f"sqlite:///{folder}/tahub.db"
        mp.setenv("TAHUB_DATABASE_URL", url)
        try:
            yield build_hub(url)
        finally:
            _engine_for(url).dispose()
            _engine_for.cache_clear()
