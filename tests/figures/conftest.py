"""The figures tests travel weeks ahead with the tokens they issued at the start; the export's
job may run under the arq worker on Redis."""

from tests.documents.test_worker_redis import arq_queue  # noqa: F401  (a fixture)
from tests.sla.conftest import long_lived_tokens  # noqa: F401  (an autouse fixture)
