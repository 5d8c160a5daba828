"""The `tahub` command: a thin skin over the package's functions.

Exit codes everywhere: 0 done, 1 input rejected (nothing stored), 2 usage error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from tahub.access.commands import APPS as ACCESS_APPS
from tahub.errors import TahubError, UsageError

app = typer.Typer(
    help="tahub: an open intelligence hub against human trafficking.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
schema_app = typer.Typer(help="The hub's shared vocabulary (golden tags).", no_args_is_help=True)
app.add_typer(schema_app, name="schema")
ads_app = typer.Typer(help="Commercial-sex ads: extract identifiers and link networks.",
                      no_args_is_help=True)
app.add_typer(ads_app, name="ads")
for _name, _sub in ACCESS_APPS.items():  # orgs, users, groups, tokens, audit
    app.add_typer(_sub, name=_name)


@schema_app.command("show")
def schema_show(
    lang: str = typer.Option("en", "--lang", help="Label language: en, es or pt."),
) -> None:
    """Print every golden tag id with its label."""
    from tahub.errors import SchemaError
    from tahub.schema.taxonomy import LANGS, render_text

    if lang not in LANGS:
        raise typer.BadParameter(f"use one of {', '.join(LANGS)}", param_hint="--lang")
    try:
        typer.echo(render_text(lang))
    except SchemaError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None


def _read_ads_jsonl(path: Path) -> tuple[list[dict], list[str]]:
    """Ads from a JSONL file, and one message per bad line (line number and reason)."""
    ads, problems, seen = [], [], {}
    with path.open(encoding="utf-8-sig", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            ad, problem = _ad_line_problem(line)
            if ad is not None:
                ad["id"] = str(ad["id"])
                if ad["id"] in seen:
                    problem = f"id already used on line {seen[ad['id']]}"
            if problem:
                problems.append(f"line {n}: {problem}, skipped")
                continue
            seen[ad["id"]] = n
            ads.append(ad)
    return ads, problems


def _ad_line_problem(line: str) -> tuple[dict | None, str | None]:
    """The ad on one JSONL line, or why the line is unusable (never quoting its content)."""
    try:
        ad = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(ad, dict):
        return None, "not a JSON object"
    if ad.get("id") in (None, ""):
        return None, "field 'id' missing"
    if not isinstance(ad.get("text"), str) or not ad["text"].strip():
        return None, "field 'text' missing, empty or not a string"
    return ad, None


@ads_app.command("extract")
def ads_extract(
    input: Annotated[Path, typer.Option("--input", help="Ads, one JSON object a line (id, "
                                        "text, title?, city?, country?, site?, posted_at?).")],
    output: Annotated[Path, typer.Option("--output", help="Extractions, one JSON object a "
                                         "line, in input order.")],
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first bad line "
                                         "(exit 1, nothing written) instead of skipping it.")]
    = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, hidden=True)] = 1000,
) -> None:
    """Extract phones (E.164), emails, handles, ages, prices, risk indicators and a risk
    score from each ad. Bad lines (not JSON, no id, no text) are reported by line number
    on stderr and skipped; with --strict the first one stops the run with exit 1."""
    import os

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from tahub.enrich.ads import extract_ads

    if not input.is_file():
        raise fail(f"{input}: no such file")
    with input.open("rb") as fh:
        total = sum(1 for _ in fh)
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    bad = written = 0
    batch: list[dict] = []
    progress = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                        console=_stderr_console(), transient=True)

    def flush(out) -> None:
        nonlocal written
        for row in extract_ads(batch):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        written += len(batch)
        batch.clear()

    try:
        with progress, input.open(encoding="utf-8-sig", errors="replace") as src, \
                tmp.open("w", encoding="utf-8") as out:
            task = progress.add_task("ads", total=total)
            for n, line in enumerate(src, 1):
                progress.advance(task)
                if not line.strip():
                    continue
                ad, problem = _ad_line_problem(line)
                if problem:
                    bad += 1
                    typer.echo(f"{input.name}: line {n}: {problem}"
                               + ("" if strict else ", skipped"), err=True)
                    if strict:
                        raise typer.Exit(1)
                    continue
                batch.append(ad)
                if len(batch) >= batch_size:
                    flush(out)
            if batch:
                flush(out)
        tmp.replace(output)
    except typer.Exit:
        tmp.unlink(missing_ok=True)
        typer.echo("error: --strict: bad input line, nothing written", err=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise fail(f"{output}: cannot write ({exc.strerror})", 1) from None
    warning = f"; warning: {bad} bad line(s) skipped" if bad else ""
    typer.echo(f"{written} ads extracted to {output}{warning}", err=True)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


@ads_app.command("link")
def ads_link(
    input: Annotated[Path, typer.Option("--input", help="Ads, one JSON object a line (id, "
                                        "text, title?, city?, country?, site?, posted_at?).")],
    output: Annotated[Path, typer.Option("--output", help="Clusters, one JSON object a line.")],
) -> None:
    """Extract identifiers from ads and group the ads into networks (singletons included).

    Ads sharing a phone, email or handle (compared as keyed hashes), or posting the same
    template text, end in one cluster; each cluster carries a network risk with reasons.
    """
    import json

    from tahub.config import installation_secret
    from tahub.enrich.ads import extract_ads
    from tahub.link.ads import link_ads

    if not input.is_file():
        raise fail(f"{input}: no such file")
    ads, problems = _read_ads_jsonl(input)
    for problem in problems:
        typer.echo(f"{input.name}: {problem}", err=True)
    extracted = extract_ads(ads)
    clusters = link_ads(extracted, ads, installation_secret())
    phones = {e["id"]: e.get("phones") or [] for e in extracted}
    with output.open("w", encoding="utf-8") as fh:
        for c in clusters:
            row = {"cluster_id": c["cluster_id"], "ad_ids": c["ad_ids"],
                   "phones": sorted({p for a in c["ad_ids"] for p in phones.get(a, [])}),
                   "cities": c["cities"], "size": c["size"], "risk": c["risk"],
                   "reasons": c["reasons"], "dates": c["dates"],
                   "identifier_hashes": c["identifiers"]}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    linked = sum(1 for c in clusters if c["size"] > 1)
    typer.echo(f"{len(ads)} ads -> {len(clusters)} clusters ({linked} with 2+ ads); "
               f"{len(problems)} bad line(s) skipped; written to {output}")


@app.command("enrich")
def enrich(
    input_path: Path = typer.Option(..., "--input", help="JSONL: {id, text, url?, published_at?}"),
    output: Path = typer.Option(..., "--output", help="JSONL, one enriched line per input line."),
    strict: bool = typer.Option(False, "--strict", help="Any bad line is fatal (exit 1)."),
) -> None:
    """Read texts, detect language, relevance, golden tags, places, dates, victims (JSONL out)."""
    from rich import progress as rp
    from rich.console import Console

    from tahub.enrich.records import LineProblem, read_records
    from tahub.enrich.text_pipeline import enrich_texts

    if not input_path.is_file():
        raise fail(f"file not found: {input_path}")
    with input_path.open(encoding="utf-8-sig", errors="replace") as fh:
        parsed = list(read_records(fh))
    problems = [p for _, p in parsed if isinstance(p, LineProblem)]
    records = [r for _, r in parsed if not isinstance(r, LineProblem)]
    for problem in problems[:200]:
        typer.echo(f"{problem}{'' if strict else ', skipped'}", err=True)
    if len(problems) > 200:
        typer.echo(f"... and {len(problems) - 200:,} more bad lines", err=True)
    if strict and problems:
        raise fail(f"{len(problems)} bad line(s) in {input_path.name}; --strict: nothing "
                   "written", code=1)
    tmp = output.with_name(output.name + ".part")
    console = Console(stderr=True)
    with rp.Progress(rp.TextColumn("enrich"), rp.BarColumn(), rp.MofNCompleteColumn(),
                     rp.TimeElapsedColumn(), console=console, transient=True) as progress, \
            tmp.open("w", encoding="utf-8") as out:
        task = progress.add_task("enrich", total=len(records))
        for start in range(0, len(records), 256):
            batch = records[start:start + 256]
            for line in enrich_texts(batch):
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
            progress.advance(task, len(batch))
    tmp.replace(output)
    if problems:
        typer.echo(f"warning: {len(problems)} bad line(s) skipped", err=True)
    typer.echo(f"{len(records)} text(s) enriched -> {output}", err=True)


# The provenance options every command that stores a file takes, declared once.
SourceOpt = Annotated[str | None, typer.Option("--source", help="Label for this source.")]
OrgOpt = Annotated[str | None, typer.Option("--org", help="Owner organisation.")]
SharingOpt = Annotated[str, typer.Option("--sharing", help="private|group|members|public")]
GroupOpt = Annotated[str | None, typer.Option("--group", help="Sharing group (--sharing group).")]
TlpOpt = Annotated[str, typer.Option("--tlp", help="CLEAR|GREEN|AMBER|AMBER+STRICT|RED")]

SHARING_LEVELS = ("private", "group", "members", "public")
TLP_MARKS = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one clear line to stderr and return the exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


@app.command()
def init() -> None:
    """Create or migrate the database and the installation's own organisation."""
    from tahub.config import get_settings
    from tahub.store.db import init_database

    try:
        init_database()
    except TahubError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"database ready: {_safe_url(get_settings().database_url)}")


@app.command()
def ingest(
    path: Path = typer.Argument(..., help="CSV, XLSX, JSON or JSONL file."),
    profile: str = typer.Option(..., "--profile", help="Column mapping, e.g. ctdc."),
    source: SourceOpt = None,
    partial: bool = typer.Option(False, "--partial", help="Store valid rows, report the rest."),
    report: Path | None = typer.Option(None, "--report", help="Write every error to CSV."),
    mapping: Path | None = typer.Option(None, "--mapping", help="YAML mapping (generic)."),
    org: OrgOpt = None,
    sharing: SharingOpt = "private",
    group: GroupOpt = None,
    tlp: TlpOpt = "AMBER",
) -> None:
    """Store a table: every row (exit 0) or nothing (exit 1, each problem named)."""
    from tahub.ingest.profiles import load_mapping, load_profile
    from tahub.ingest.tabular import Provenance, ingest_file

    _check_sharing(sharing, group, tlp)
    try:
        group_id = _sharing_group_id(group) if group else None
        if profile == "generic":
            if mapping is None:
                raise UsageError("--profile generic needs --mapping FILE.yaml")
            chosen = load_mapping(mapping)
        else:
            chosen = load_profile(profile)
        if not path.is_file():
            raise UsageError(f"file not found: {path}")
        with _progress(f"ingest {path.name}", path.stat().st_size) as advance:
            result = ingest_file(path, chosen, partial=partial, progress=advance,
                                 provenance=Provenance(organisation=org, label=source,
                                                       sharing=sharing, tlp=tlp.upper(),
                                                       sharing_group_id=group_id))
    except TahubError as exc:
        raise fail(str(exc)) from None
    if report is not None:
        _write_report(report, result.errors)
    shown = result.errors[:200]
    for error in shown:
        typer.echo(str(error))
    if len(result.errors) > len(shown):
        typer.echo(f"... and {len(result.errors) - len(shown):,} more problems"
                   + ("" if report else " (use --report FILE.csv to list them all)"))
    typer.echo(result.summary())
    _audit_cli("ingest", f"source:{result.source_id}" if result.source_id else f"file:{path.name}",
               {"profile": chosen.name, "org": org, "sharing": sharing, "group": group,
                "tlp": tlp.upper(), "stored": result.rows_stored, "rejected": result.rejected,
                "already": result.already})
    if result.rejected:
        raise fail(f"{path.name} rejected: {len(result.errors):,} problem(s); nothing stored",
                   code=1)


def _check_sharing(sharing: str, group: str | None, tlp: str) -> None:
    """The --sharing/--group/--tlp checks every storing command shares (exit 2)."""
    if sharing not in SHARING_LEVELS:
        raise fail(f"--sharing must be one of {', '.join(SHARING_LEVELS)}")
    if tlp.upper() not in TLP_MARKS:
        raise fail(f"--tlp must be one of {', '.join(TLP_MARKS)}")
    if (sharing == "group") != (group is not None):
        raise fail("--sharing group needs --group NAME" if sharing == "group"
                   else "--group goes with --sharing group")


def _store_texts(kind: str, target: str, read, org: str | None, sharing: str,  # type: ignore[no-untyped-def]
                 group: str | None, tlp: str, source: str | None) -> None:
    """Shared body of ingest-feed and ingest-docs: provenance, summary, audit, exit code."""
    from tahub.ingest.tabular import Provenance

    _check_sharing(sharing, group, tlp)
    try:
        group_id = _sharing_group_id(group) if group else None
        result = read(Provenance(organisation=org, label=source, sharing=sharing,
                                 tlp=tlp.upper(), sharing_group_id=group_id))
    except TahubError as exc:
        raise fail(str(exc)) from None
    for problem in result.problems[:200]:
        typer.echo(str(problem), err=True)
    if len(result.problems) > 200:
        typer.echo(f"... and {len(result.problems) - 200:,} more problems", err=True)
    typer.echo(result.summary())
    _audit_cli(kind, f"source:{result.source_id}" if result.source_id else f"{target}",
               {"org": org, "sharing": sharing, "group": group, "tlp": tlp.upper(),
                "stored": result.stored, "rejected": result.rejected,
                "already": result.already})
    if result.rejected:
        raise fail(f"{target} rejected: {len(result.problems):,} problem(s); nothing stored "
                   "(--partial stores the rest)", code=1)


@app.command("ingest-feed")
def ingest_feed(
    location: str = typer.Argument(..., metavar="FILE_OR_URL", help="RSS or Atom feed."),
    html_dir: Path | None = typer.Option(None, "--html-dir", help="Folder of saved article "
                                         "pages, named after the last segment of each link."),
    fetch: bool = typer.Option(False, "--fetch", help="Download an http(s) feed (needs "
                               "network; article pages are never fetched)."),
    partial: bool = typer.Option(False, "--partial", help="Store usable entries, report "
                                 "the rest."),
    source: SourceOpt = None,
    org: OrgOpt = None,
    sharing: SharingOpt = "private",
    group: GroupOpt = None,
    tlp: TlpOpt = "AMBER",
) -> None:
    """Store each entry of an RSS/Atom feed as a document (article text from local HTML)."""
    from tahub.ingest.feeds import ingest_feed as run

    _store_texts("ingest-feed", f"feed:{Path(location).name}",
                 lambda prov: run(location, fetch=fetch, html_dir=html_dir, partial=partial,
                                  provenance=prov), org, sharing, group, tlp, source)


@app.command("ingest-docs")
def ingest_docs(
    folder: Path = typer.Argument(..., metavar="DIR", help="Folder of .txt, .md, .html files."),
    partial: bool = typer.Option(False, "--partial", help="Store usable files, report the "
                                 "rest."),
    source: SourceOpt = None,
    org: OrgOpt = None,
    sharing: SharingOpt = "private",
    group: GroupOpt = None,
    tlp: TlpOpt = "AMBER",
) -> None:
    """Store every .txt/.md/.html file under DIR as a document (HTML: main text only)."""
    from tahub.ingest.documents import ingest_folder

    _store_texts("ingest-docs", f"folder:{folder.name}",
                 lambda prov: ingest_folder(folder, partial=partial, provenance=prov),
                 org, sharing, group, tlp, source)


@app.command("ingest-ads")
def ingest_ads(
    path: Path = typer.Argument(..., metavar="FILE", help="Ads as JSONL or CSV (id, text, "
                                "title?, city?, country?, site?, posted_at?)."),
    source: SourceOpt = None,
    org: OrgOpt = None,
    sharing: SharingOpt = "private",
    group: GroupOpt = None,
    tlp: TlpOpt = "AMBER",
) -> None:
    """Store ads with their extractions, keyed identifier hashes and networks. Bad lines
    are reported by line number on stderr and skipped (exit 0 with a warning count)."""
    from tahub.ingest.ads import ingest_ads as run
    from tahub.ingest.tabular import Provenance

    _check_sharing(sharing, group, tlp)
    try:
        group_id = _sharing_group_id(group) if group else None
        result = run(path, provenance=Provenance(organisation=org, label=source,
                                                 sharing=sharing, tlp=tlp.upper(),
                                                 sharing_group_id=group_id))
    except TahubError as exc:
        raise fail(str(exc)) from None
    for problem in result.problems[:200]:
        typer.echo(problem, err=True)
    if len(result.problems) > 200:
        typer.echo(f"... and {len(result.problems) - 200:,} more bad lines", err=True)
    typer.echo(result.summary())
    _audit_cli("ingest-ads", f"source:{result.source_id}" if result.source_id
               else f"file:{path.name}",
               {"org": org, "sharing": sharing, "group": group, "tlp": tlp.upper(),
                "stored": result.stored, "skipped": len(result.problems),
                "clusters": result.clusters, "already": result.already})
    if result.rejected:
        raise fail(f"{path.name} rejected: no usable ad; nothing stored", code=1)


@app.command("pipeline")
def pipeline(
    org: str | None = typer.Option(None, "--org", help="Only this organisation's documents."),
    engine: str = typer.Option("local", "--engine", help="local | spark"),
    workers: int | None = typer.Option(None, "--workers", min=1, help="Local worker "
                                       "processes (default: one per core)."),
    batch_size: int = typer.Option(256, "--batch-size", min=1, help="Documents per batch."),
) -> None:
    """Enrich every stored document not yet enriched; store facts, tag hits, incidents."""
    from rich import progress as rp
    from rich.console import Console

    from tahub.engines import engine_named
    from tahub.engines.pipeline import pending, run_pipeline

    try:
        if org is not None:
            _organisation_exists(org)
        todo = pending(org)
        chosen = engine_named(engine, workers)
        console = Console(stderr=True)
        with rp.Progress(rp.TextColumn("pipeline"), rp.BarColumn(), rp.MofNCompleteColumn(),
                         rp.TimeElapsedColumn(), console=console, transient=True) as bar:
            task = bar.add_task("pipeline", total=todo)
            try:
                result = run_pipeline(chosen, org=org, batch_size=batch_size,
                                      progress=lambda n: bar.advance(task, n))
            finally:
                chosen.close()
    except TahubError as exc:
        raise fail(str(exc)) from None
    typer.echo(result.summary())
    _audit_cli("pipeline", "documents", {"org": org, "engine": engine,
                                         "documents": result.documents,
                                         "incidents": result.incidents})


def _organisation_exists(name: str) -> None:
    from sqlalchemy.orm import Session

    from tahub.ingest.documents import organisation_id
    from tahub.store.db import get_engine, init_database

    init_database()
    with Session(get_engine()) as session:
        organisation_id(session, name)


def _sharing_group_id(name: str) -> int:
    from sqlalchemy.orm import Session

    from tahub.access.members import group_named
    from tahub.store.db import get_engine, init_database

    init_database()
    with Session(get_engine()) as session:
        return group_named(session, name).id


def _audit_cli(action: str, obj: str, filters: dict | None = None) -> None:
    """Every CLI read and write leaves an audit entry (see tahub.access.audit)."""
    from tahub.access.commands import record_cli

    record_cli(action, obj, filters)


def _write_report(path: Path, errors: list) -> None:
    import csv

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["row", "column", "value", "reason"])
        for e in errors:
            writer.writerow([e.row, e.column, e.value, e.reason])


@app.command()
def stats(as_json: bool = typer.Option(False, "--json", help="Print a JSON object.")) -> None:
    """Count what the hub holds."""
    from tahub.analysis.counts import table_counts

    counts = table_counts()
    _audit_cli("stats", "tables")
    if as_json:
        typer.echo(json.dumps(counts))
        return
    for name, value in counts.items():
        typer.echo(f"{name:>16}  {value:,}")


@app.command()
def demo(
    data_dir: Path = typer.Option(None, "--data-dir", help="Folder of bundled data."),
) -> None:
    """Load the bundled real demo data (CTDC and the Latin-American sources)."""
    from tahub.ingest.demo import DEMO_FILES, demo_dir, load_demo

    folder = data_dir or demo_dir()
    try:
        for path, result in load_demo(folder):
            typer.echo(result.summary() if not result.rejected else
                       f"{path.name}: rejected ({len(result.errors)} problems)")
    except TahubError as exc:
        raise fail(str(exc)) from None
    _audit_cli("demo", f"folder:{folder.name}", {"files": len(DEMO_FILES)})
    typer.echo(f"demo data loaded from {folder} ({len(DEMO_FILES)} files)")
    _warm_counts()
    _first_admin()


def _warm_counts() -> None:
    """Pre-compute the aggregate counts, so the first page view is not the one that waits."""
    from sqlalchemy.orm import Session

    from tahub.access.cube import warm
    from tahub.store.db import get_engine

    with Session(get_engine()) as session, session.begin():
        warm(session)


def _first_admin() -> None:
    """On a hub with no user yet, make a hub admin so the web pages can be opened at once.

    The password is random and printed here once; it is stored only as an argon2 hash."""
    import secrets

    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from tahub.access.members import add_user
    from tahub.config import get_settings
    from tahub.store.access_tables import User
    from tahub.store.db import get_engine

    settings = get_settings()
    with Session(get_engine()) as session, session.begin():
        if session.scalar(select(func.count()).select_from(User)):
            return
        password = secrets.token_urlsafe(12)
        add_user(session, "admin@tahub.local", settings.org, "admin", password)
    typer.echo(f"log in at http://{settings.host}:{settings.port}/login as admin@tahub.local "
               f"with the password {password} (shown only now; change it under /account)")


@app.command()
def serve(
    host: str = typer.Option(None, "--host", help="Address (default 127.0.0.1)."),
    port: int = typer.Option(None, "--port", help="Port (default 8000)."),
) -> None:
    """Run the web UI and API on 127.0.0.1."""
    import uvicorn

    from tahub.config import get_settings
    from tahub.store.db import init_database

    settings = get_settings()
    init_database()
    uvicorn.run("tahub.web.app:create_app", factory=True, host=host or settings.host,
                port=port or settings.port, log_level="info")


@app.command()
def alerts() -> None:
    """Print saved searches with new incidents per user; POST them to TAHUB_ALERT_WEBHOOK."""
    from sqlalchemy.orm import Session

    from tahub.config import get_settings
    from tahub.store.db import get_engine
    from tahub.web import alerts as web_alerts

    with Session(get_engine()) as db:
        found = web_alerts.pending(db)
    _audit_cli("alerts", "saved_searches")
    for entry in found:
        for s in entry["searches"]:
            typer.echo(f"user {entry['user_id']}  search {s['id']}  new {s['new']:,}  "
                       f"{json.dumps(s['filters'], sort_keys=True)}")
    typer.echo(f"{len(found)} user(s) with new matches")
    url = get_settings().alert_webhook
    if not url or not found:
        return
    if not url.startswith(("http://", "https://")):
        raise fail("TAHUB_ALERT_WEBHOOK must be an http(s) URL")
    try:
        status = web_alerts.post(url, found)
    except OSError as exc:
        raise fail(f"could not POST to TAHUB_ALERT_WEBHOOK: {exc}", 1) from exc
    typer.echo(f"posted to the webhook (HTTP {status})")


def _progress(description: str, total: int):  # type: ignore[no-untyped-def]
    """A progress bar on stderr when it is a terminal; silent otherwise."""
    from contextlib import contextmanager

    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    @contextmanager
    def bar():  # type: ignore[no-untyped-def]
        console = Console(stderr=True)
        with Progress(TextColumn("{task.description}"), BarColumn(),
                      TextColumn("{task.completed:,} rows"), TimeElapsedColumn(),
                      console=console, transient=True,
                      disable=not console.is_terminal) as progress:
            task = progress.add_task(description, total=None)
            yield lambda n: progress.advance(task, n)

    return bar()


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def main() -> None:  # pragma: no cover - console entry
    app()
