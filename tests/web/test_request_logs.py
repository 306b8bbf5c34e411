"""The logs of a real `hub serve` (issue 24, "Logs"; API.md, "Limits and protection"): one JSON
object per line, the request id of the response's `X-Request-ID` on the lines of its request, an
expected error as one line with its code, and no ID number, phone, token or signature in any
line, uvicorn's access log included."""

from __future__ import annotations

import json

from tests.api import CREATE
from tests.events.wsclient import open_socket
from tests.factories import AGENT_ID, WINDOW, application
from tests.served import ServedHub

PHONE = "13912345678"


def logged(hub: ServedHub) -> list[dict]:
    """Every line the process wrote, each parsed as JSON (fails on the first that is not)."""
    lines = hub.output_lines()
    parsed = []
    for line in lines:
        try:
            parsed.append(json.loads(line))
        except ValueError as exc:  # pragma: no cover - the failure to report
            raise AssertionError(f"not a JSON line: {line!r}") from exc
        assert isinstance(parsed[-1], dict), line
    return parsed


def of_request(lines: list[dict], request_id: str) -> list[dict]:
    return [line for line in lines if line.get("request_id") == request_id]


async def test_a_request_that_failed_validation_logs_one_scrubbed_json_line(hub_process):
    refused = application(("POWER",))
    refused["applicant"] |= {"contactPhone": PHONE, "agentIdNumber": AGENT_ID}
    refused["project"] |= {"name": "", "code": f"Bearer {WINDOW}"}
    response = await hub_process.client.post(
        "/graphql",
        json={"query": CREATE, "variables": {"input": refused}},
        headers={"Authorization": f"Bearer {WINDOW}"},
    )
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    request_id = response.headers["X-Request-ID"]

    lines = logged(hub_process)
    [error] = [line for line in of_request(lines, request_id) if line["event"] == "graphql error"]
    assert (error["level"], error["code"]) == ("info", "BAD_USER_INPUT")
    assert error["path"] == "createApplication"
    assert "exception" not in error
    [access] = [line for line in of_request(lines, request_id) if line["event"] == "http request"]
    assert (access["method"], access["path"], access["status"]) == ("POST", "/graphql", 200)
    everything = "\n".join(hub_process.output_lines())
    for secret in (AGENT_ID, PHONE, WINDOW, WINDOW.split(".")[2]):
        assert secret not in everything


async def test_a_sent_request_id_is_echoed_and_an_unsafe_one_replaced(hub_process):
    sent = await hub_process.client.get("/healthz", headers={"X-Request-ID": "web-1:req.42_a"})
    assert sent.headers["X-Request-ID"] == "web-1:req.42_a"
    for unsafe in ('x" level=error', "a" * 65, "<script>", PHONE, "é", "../x y"):
        raw = unsafe.encode()
        response = await hub_process.client.get("/healthz", headers={"X-Request-ID": raw})
        made = response.headers["X-Request-ID"]
        assert made != unsafe and len(made) == 32 and made.isalnum()
    made = {(await hub_process.client.get("/healthz")).headers["X-Request-ID"] for _ in range(2)}
    assert len(made) == 2, "each request gets an id of its own"

    [access] = of_request(logged(hub_process), "web-1:req.42_a")
    assert (access["logger"], access["path"]) == ("uvicorn.access", "/healthz")


async def test_the_access_log_shows_no_query_values(hub_process):
    signed = "/downloads?key=ab&expires=1&filename=%E5%BC%A0%E4%B8%89.pdf&signature=c0ffee"
    by_get = f'/graphql?query={{case(id:"1"){{id}}}}&variables={{"id":"{AGENT_ID}","p":"{PHONE}"}}'
    ids = []
    for path in (signed, by_get):
        response = await hub_process.client.get(path)
        ids.append(response.headers["X-Request-ID"])
    lines = logged(hub_process)
    [download] = of_request(lines, ids[0])
    assert download["path"] == "/downloads?key=***&expires=***&filename=***&signature=***"
    get_lines = of_request(lines, ids[1])
    assert "/graphql?query=***&variables=***" in [line.get("path") for line in get_lines]
    everything = "\n".join(hub_process.output_lines())
    assert "c0ffee" not in everything and AGENT_ID not in everything and PHONE not in everything


async def test_a_websockets_lines_carry_the_id_its_handshake_returned(hub_process):
    headers = {"X-Request-ID": "socket-7"}
    async with open_socket(hub_process.base_url, WINDOW, additional_headers=headers) as socket:
        assert socket.ws.response.headers["X-Request-ID"] == "socket-7"
        payload = {"query": "{ noSuchField }"}
        await socket.send({"id": "q1", "type": "subscribe", "payload": payload})
        answer = await socket.receive(op_id="q1")
    assert answer["type"] == "error", answer
    events = [line["event"] for line in of_request(logged(hub_process), "socket-7")]
    assert "graphql error" in events, events


async def test_a_refused_body_is_one_line_with_its_code(hub_process):
    body = b'{"query": "' + b"x" * (1024 * 1024) + b'"}'
    response = await hub_process.client.post(
        "/graphql", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    lines = of_request(logged(hub_process), response.headers["X-Request-ID"])
    assert [(line["event"], line.get("code"), line.get("status")) for line in lines] == [
        ("request refused", "PAYLOAD_TOO_LARGE", None),
        ("http request", None, 413),
    ]
