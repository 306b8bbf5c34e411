"""Channel names and sizes of the live event fan-out, in one place."""

#: Redis pub/sub channel: "events were committed, read the table". It carries no data; the
#: database is the source of truth, so a lost message only delays delivery until the next poll.
WAKEUP_CHANNEL = "hub:events:wakeup"

#: Rows read per query, by the broker (live) and by a subscriber's replay.
BATCH_SIZE = 500

#: Seconds between attempts to reach Redis again after the pub/sub connection failed.
REDIS_RETRY_SECONDS = 1.0
