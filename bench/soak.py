"""A day at the hall, compressed: the scaled-out hub under load and faults, and nothing lost or
doubled (README "Reliability").

Run (PostgreSQL on 127.0.0.1:5432 with trust auth; redis-server installed; the database is
created and dropped; nothing else shared is touched):
    .venv/bin/python bench/soak.py [--cases 60] [--concurrency 8] [--seed N]
        [--outage-seconds 30] [--webhook-500-seconds 20]
        [--faults worker_kill,redis_restart,s3_outage,api_kill,webhook_500,pg_terminate]
        [--max-minutes M] [--settle-minutes 10] [--database hub_soak] [--keep]

It starts a private redis-server, moto's S3 server, `hub migrate`, two `hub serve` replicas and
two `hub worker`s, a webhook receiver per utility, an SMS gateway and an SMTP server; plays
`--cases` case scripts (bench/soak/day.py) with a portal per utility subscribed; injects each
fault once at a seeded random point; waits until everything settled; checks from the database
and every receiver (bench/soak/checks.py) and prints throughput and p50/p95/p99 per operation,
each fault's recovery time and the verdict. Exit 0 only when nothing was lost or doubled, every
fault recovered and no error came outside the injected windows. The settling says what is
pending every 10 s; Ctrl-C, or the settle's time bound, ends it early with a partial report
(figures so far, what is pending, no verdict) and the stack torn down (Ctrl-C twice: at once).
SOAK_PROFILE_WORKERS=DIR runs each `hub worker` under cProfile, its profile written to DIR when
the stack stops (how the fan-out's cost was found: docs/operations.md "Reliability").
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HUB_SECRET_KEY", "soak-secret-key-0123456789-0123456789")
os.environ.setdefault("HUB_STORAGE_DIR", tempfile.mkdtemp(prefix="hub-soak-driver-"))

from bench.soak.run import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
