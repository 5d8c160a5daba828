"""The bundled real demo data (see data/README.md) and the profile each file is read with."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tahub.ingest.profiles import load_profile
from tahub.ingest.tabular import IngestResult, Provenance, ingest_file

# One CTDC extract only: both bundled ones hold the same 2020 release, and loading both
# would count each victim twice. This one has the country of exploitation (routes, maps).
# Both RNPDNO years repeat the same undated (SIN_FECHA) bucket: see data/README.md.
DEMO_FILES: list[tuple[str, str]] = [
    ("ctdc/ctdc_dados_app.csv", "ctdc"),
    ("argentina_linea145/oficina-rescate-denuncias-202001-202307.csv", "argentina_linea145"),
    ("mexico_sesnsp/dataset_completo_limpio.csv", "mexico_sesnsp"),
    ("mexico_rnpdno/rnpdno_all_states_2023.csv", "mexico_rnpdno"),
    ("mexico_rnpdno/rnpdno_all_states_2024.csv", "mexico_rnpdno"),
    ("peru_mininter/DataSet_trata_personas_enero2017_septiembre2025.xlsx", "peru_mininter"),
    ("colombia/DesaparicionesPorDepartamento.csv", "colombia_desapariciones"),
    ("unodc_glotip/data_glotip.xlsx", "unodc_glotip"),
]


def demo_dir() -> Path:
    """`data/` beside the package in a source checkout (the README's set-up installs it so)."""
    return Path(__file__).resolve().parents[2] / "data"


def load_demo(folder: Path) -> Iterator[tuple[Path, IngestResult]]:
    for relative, profile in DEMO_FILES:
        path = folder / relative
        result = ingest_file(path, load_profile(profile), partial=True,
                             provenance=Provenance(label=f"demo: {relative}", sharing="members",
                                                   tlp="GREEN"))
        yield path, result
