"""Upload commits that run in the background, so a big file's page can show how far the
check has got (rows read of rows in the file) instead of hanging on one long request.

Jobs live in the memory of the serving process, one at a time (SQLite has one writer, and
an ingest is one all-or-nothing transaction), each visible only to the user who started
it, and are forgotten an hour after they end. A restart loses a running job's page, never
half a file: the store step is still a single transaction.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from tahub.errors import TahubError
from tahub.ingest.tabular import IngestResult
from tahub.web.uploads import MAX_SHOWN

KEEP = 3600
log = logging.getLogger(__name__)

Progress = Callable[[int], None]


@dataclass
class Job:
    id: str
    user_id: int
    name: str
    rows_total: int
    state: str = "waiting"  # waiting, running, done, failed
    rows_read: int = 0
    result: IngestResult | None = None
    stored: bool = False
    problem: str | None = None
    ended: float | None = None
    errors_total: int = 0

    def advance(self, rows: int) -> None:
        self.rows_read += rows

    def status(self) -> dict:
        """What the status endpoint answers: counts only, never a cell of the file."""
        total = max(self.rows_total, self.rows_read, 1)
        if self.state in ("done", "failed"):
            percent = 100
        else:  # 100 only once the rows are also stored
            percent = min(99, self.rows_read * 100 // total)
        return {"state": self.state, "rows_read": self.rows_read,
                "rows_total": total, "percent": percent,
                "stored": self.stored if self.state == "done" else None}


_jobs: dict[str, Job] = {}
_lock = threading.Lock()
_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tahub-upload")


def start(user_id: int, name: str, rows_total: int,
          work: Callable[[Progress], tuple[IngestResult, bool]]) -> Job:
    """Queue `work(progress)`, which returns the ingest result and whether it was stored."""
    job = Job(secrets.token_urlsafe(24), user_id, name, rows_total)  # 32 characters
    with _lock:
        _sweep()
        _jobs[job.id] = job
    _pool.submit(_run, job, work)
    return job


def _run(job: Job, work: Callable[[Progress], tuple[IngestResult, bool]]) -> None:
    job.state = "running"
    try:
        result, job.stored = work(job.advance)
        job.errors_total = len(result.errors)
        result.errors = result.errors[:MAX_SHOWN]  # a refused file of millions of rows
        # keeps only what its page shows
        job.result = result
        job.rows_read = result.rows_read
        job.rows_total = max(job.rows_total, job.result.rows_read)
        job.state = "done"
    except TahubError as exc:
        job.problem, job.state = str(exc), "failed"
    except Exception:  # noqa: BLE001 - the page must end; the trace goes to the log
        log.exception("upload job %s failed", job.id)
        job.problem, job.state = "internal error", "failed"
    finally:
        job.ended = time.time()


def get(job_id: str, user_id: int | None) -> Job | None:
    """The job if it exists and `user_id` started it (else None: no hint it exists)."""
    with _lock:
        job = _jobs.get(job_id or "")
    if job is None or user_id is None or job.user_id != user_id:
        return None
    return job


def wait(job: Job, seconds: float) -> bool:
    """Until `job` ends or `seconds` pass; whether it ended (for tests and short files)."""
    deadline = time.monotonic() + seconds
    while job.state in ("waiting", "running") and time.monotonic() < deadline:
        time.sleep(0.02)
    return job.state in ("done", "failed")


def _sweep() -> None:
    now = time.time()
    for key in [k for k, j in _jobs.items() if j.ended and now - j.ended > KEEP]:
        del _jobs[key]
