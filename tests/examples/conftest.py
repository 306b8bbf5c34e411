from tests.events.conftest import hub_with  # noqa: F401  (a served hub with chosen settings)
