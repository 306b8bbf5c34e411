"""Issue 13, row 1: a request body over HUB_MAX_REQUEST_BYTES (1 MiB by default) is refused with
413 PAYLOAD_TOO_LARGE while it arrives, before anything parses it; the material upload PUT keeps
its own, bigger limit."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx

from tests.api import error_of
from tests.factories import APPLICANT, draft_case, random_pdf

LIMIT = 1024 * 1024  # HUB_MAX_REQUEST_BYTES' default
FIVE_MIB = 5 * 1024 * 1024
CHUNK = 64 * 1024


def working_day_body(size: int) -> bytes:
    """An anonymous `isWorkingDay` whose date argument pads the JSON body to `size` bytes (the
    request of the issue, at any size)."""
    shell = json.dumps({"query": '{ isWorkingDay(date: "") }'}).encode()
    padding = size - len(shell)
    return json.dumps({"query": f'{{ isWorkingDay(date: "{"9" * padding}") }}'}).encode()


def assert_payload_too_large(response: httpx.Response) -> None:
    assert response.status_code == 413, response.text
    error = error_of(response.json())
    assert error["extensions"] == {"code": "PAYLOAD_TOO_LARGE", "limit": LIMIT}
    assert error["message"].startswith("请求体过大"), error["message"]
    assert "(request body larger than 1048576 bytes)" in error["message"]


async def test_a_declared_body_over_the_limit_is_refused(sqlite_api):
    response = await sqlite_api.http.post(
        "/graphql", content=working_day_body(FIVE_MIB), headers={"Content-Type": "application/json"}
    )
    assert_payload_too_large(response)


async def test_a_chunked_body_is_refused_once_it_passes_the_limit(sqlite_api):
    sent = []

    async def chunks():
        body = working_day_body(FIVE_MIB)
        for start in range(0, len(body), CHUNK):
            sent.append(CHUNK)
            yield body[start : start + CHUNK]

    response = await sqlite_api.http.post(
        "/graphql", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert "content-length" not in response.request.headers
    assert_payload_too_large(response)
    assert sum(sent) <= LIMIT + 2 * CHUNK, "the hub read on after the limit"


async def test_a_body_at_the_limit_is_executed(sqlite_api):
    response = await sqlite_api.http.post(
        "/graphql", content=working_day_body(LIMIT), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200
    # Read and parsed: what answers is the GraphQL layer (the date is no date), not the limit.
    assert error_of(response.json()).get("extensions", {}).get("code") != "PAYLOAD_TOO_LARGE"


async def test_a_material_upload_keeps_its_own_bigger_limit(api):
    case = await draft_case(api)
    content = random_pdf(2 * LIMIT)
    material = await api.upload(APPLICANT, case["id"], "BUSINESS_LICENCE", content)
    assert material["size"] == len(content)


# --- a real server: bytes on a socket, memory of the serving process ------------------------


async def _status_line_while_sending(port: int, head: bytes, body_parts) -> bytes:
    """Sends `head` and then `body_parts` without ever finishing the body, and returns the
    status line the server answers with: a server that waited for the whole body would never
    answer (the read times out and the test fails)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(head)
        for part in body_parts:
            writer.write(part)
        await writer.drain()
        return await asyncio.wait_for(reader.readline(), 10)
    finally:
        writer.close()


def _port(hub) -> int:
    return int(hub.base_url.rsplit(":", 1)[1])


async def test_the_server_refuses_a_declared_body_before_it_arrives(hub_process):
    head = (
        b"POST /graphql HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n" % FIVE_MIB
    )
    status = await _status_line_while_sending(_port(hub_process), head, [b"{" + b" " * CHUNK])
    assert status.startswith(b"HTTP/1.1 413"), status


async def test_the_server_refuses_a_chunked_body_as_it_passes_the_limit(hub_process):
    head = (
        b"POST /graphql HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"%x\r\n%s\r\n" % (CHUNK, b" " * CHUNK)
    parts = [chunk] * (LIMIT // CHUNK + 2)  # past the limit, and no last chunk: never complete
    status = await _status_line_while_sending(_port(hub_process), head, parts)
    assert status.startswith(b"HTTP/1.1 413"), status


def _status_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} in /proc/{pid}/status")


def _reset_peak(pid: int) -> None:
    """The process's peak resident memory (VmHWM) starts again from what it holds now."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


async def test_refused_bodies_do_not_grow_the_serving_process(hub_process):
    """Three 5 MiB bodies with a Content-Length and three chunked: the peak resident memory of
    the `hub serve` process stays within 10 MiB of where it was."""
    client, pid = hub_process.client, hub_process.pid
    body = working_day_body(FIVE_MIB)
    headers = {"Content-Type": "application/json"}
    assert (await client.post("/graphql", json={"query": "{ __typename }"})).status_code == 200
    _reset_peak(pid)
    before = _status_kib(pid, "VmRSS")

    async def chunks():
        for start in range(0, len(body), CHUNK):
            yield body[start : start + CHUNK]

    for _ in range(3):
        assert_payload_too_large(await client.post("/graphql", content=body, headers=headers))
        assert_payload_too_large(await client.post("/graphql", content=chunks(), headers=headers))
    grown = _status_kib(pid, "VmHWM") - before
    assert grown < 10 * 1024, f"the hub's peak memory grew by {grown} KiB"
