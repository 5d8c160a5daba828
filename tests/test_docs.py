"""Documentation stays in step with the code: every setting and every command is described."""

from __future__ import annotations

from pathlib import Path

import typer

from tahub.cli import app
from tahub.config import SETTINGS

REPO = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented():
    page = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [name for name, _, _ in SETTINGS if f"`TAHUB_{name}`" not in page]
    assert not missing, f"document these settings in docs/configuration.md: {missing}"


def test_every_command_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    click_app = typer.main.get_command(app)
    missing = [name for name in click_app.commands if f"tahub {name}" not in readme]
    assert not missing, f"describe these commands in README.md: {missing}"
