"""`hub_job_queue_depth`, computed when scraped: jobs waiting in arq's Redis queue (due now or
deferred) when HUB_REDIS_URL is set, else the in-process jobs not finished yet."""

from __future__ import annotations

import logging
import time

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from redis import Redis
from redis.exceptions import RedisError

from hub.jobs import inprocess
from hub.jobs.constants import QUEUE_NAME
from hub.settings import get_settings

log = logging.getLogger(__name__)
NAME = "hub_job_queue_depth"
HELP = "Jobs waiting: in arq's Redis queue by state (due, deferred), or in-process (running)"
#: A scrape must not hang on a Redis that stopped answering: without an answer, no sample.
REDIS_TIMEOUT_SECONDS = 1


class QueueDepthCollector(Collector):
    def collect(self):
        family = GaugeMetricFamily(NAME, HELP, labels=["state"])
        url = get_settings().redis_url
        if not url:
            family.add_metric(["running"], inprocess.unfinished())
            yield family
            return
        try:
            due, deferred = _arq_depth(url)
        except (OSError, RedisError) as exc:
            log.warning("queue depth unavailable: %s", type(exc).__name__)
            return
        family.add_metric(["due"], due)
        family.add_metric(["deferred"], deferred)
        yield family


def _arq_depth(url: str) -> tuple[int, int]:
    """arq keeps queued jobs in one sorted set scored by the millisecond they may start."""
    client = Redis.from_url(
        url, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS
    )
    try:
        now_ms = int(time.time() * 1000)
        with client.pipeline(transaction=False) as pipe:
            pipe.zcount(QUEUE_NAME, "-inf", now_ms)
            pipe.zcount(QUEUE_NAME, f"({now_ms}", "+inf")
            due, deferred = pipe.execute()
        return int(due), int(deferred)
    finally:
        client.close()
