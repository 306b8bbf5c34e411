"""Issue 13, row 15 (first half): /readyz tells anonymous callers only whether the hub is ready;
an admin also sees each check as "ok" or "unavailable"; nobody sees hosts, buckets or
exception text."""

from __future__ import annotations

import pytest

from hub.objectstore import get_object_store
from hub.settings import get_settings
from tests.factories import ADMIN, WINDOW
from tests.served import free_port

SECRET_BUCKET = "bucket-name-nobody-may-learn"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def unreachable_s3(monkeypatch) -> str:
    """The hub's object store is S3 on a loopback port nobody listens on; its `host:port`."""
    endpoint = f"127.0.0.1:{free_port()}"
    settings = get_settings()
    for name, value in {
        "s3_endpoint": endpoint,
        "s3_access_key": "hub-test-access",
        "s3_secret_key": "hub-test-secret",
        "s3_bucket": SECRET_BUCKET,
        "s3_secure": False,
        "s3_region": "us-east-1",
    }.items():
        monkeypatch.setattr(settings, name, value)
    get_object_store.cache_clear()
    yield endpoint
    get_object_store.cache_clear()


@pytest.mark.parametrize("headers", [{}, bearer(WINDOW), bearer("not-a-token")])
async def test_anyone_but_an_admin_learns_only_ready(http, headers):
    response = await http.get("/readyz", headers=headers)
    assert response.status_code == 200
    assert response.json() == {"ready": True}


async def test_an_admin_sees_each_check(http):
    response = await http.get("/readyz", headers=bearer(ADMIN))
    assert response.status_code == 200
    assert response.json() == {"ready": True, "checks": {"database": "ok", "objectStore": "ok"}}


async def test_a_store_that_is_down_is_503_without_details(http, unreachable_s3):
    anonymous = await http.get("/readyz")
    admin = await http.get("/readyz", headers=bearer(ADMIN))
    assert anonymous.status_code == admin.status_code == 503
    assert anonymous.json() == {"ready": False}
    assert admin.json() == {
        "ready": False,
        "checks": {"database": "ok", "objectStore": "unavailable"},
    }
    for response in (anonymous, admin):
        for secret in (unreachable_s3, "127.0.0.1", SECRET_BUCKET, "Error", "Exception"):
            assert secret not in response.text


async def test_the_queue_is_checked_when_redis_is_configured(http, redis_url, monkeypatch):
    monkeypatch.setattr(get_settings(), "redis_url", redis_url)
    response = await http.get("/readyz", headers=bearer(ADMIN))
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "queue": "ok", "objectStore": "ok"}

    down = f"redis://127.0.0.1:{free_port()}/0"
    monkeypatch.setattr(get_settings(), "redis_url", down)
    anonymous = await http.get("/readyz")
    admin = await http.get("/readyz", headers=bearer(ADMIN))
    assert anonymous.status_code == admin.status_code == 503
    assert anonymous.json() == {"ready": False}
    assert admin.json()["checks"]["queue"] == "unavailable"
    assert down not in admin.text and "ConnectionError" not in admin.text
