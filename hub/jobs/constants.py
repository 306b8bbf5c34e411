"""Queue names, Redis key prefixes and job ids in one place."""

QUEUE_NAME = "hub:queue"
SLA_SWEEP_JOB = "sla_sweep"
UPLOAD_CLEANUP_JOB = "upload_cleanup"
