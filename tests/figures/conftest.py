"""The figures tests travel weeks ahead with the tokens they issued at the start."""

from tests.sla.conftest import long_lived_tokens  # noqa: F401  (an autouse fixture)
