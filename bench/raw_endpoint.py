"""The floor bench/peers.py compares the hub with: a bare Starlette + asyncpg endpoint that
answers the benchmark's two queries with the JSON values the hub answers, through the statements
the hub's resolvers send when a selection is not compiled (7 for the detail; no GraphQL, no ORM,
no auth, no audit). The hub's compiled reads (hub/schema/compiled/) send one.

Run (bench/peers.py starts it):
    python bench/raw_endpoint.py --port 8123 --database-url postgres://...

POST /graphql with {"variables": {"id": ...}} answers the case detail of bench/peers.py's
DETAIL query; POST /list answers its LIST query. The query text is not read.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

import asyncpg
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hub.guide.catalogue import requirements_for
from hub.materials.checklist import build_checklist

# The statements the hub sends for the detail (its loaders' SQL, `*` for the model's columns).
CASE = 'SELECT * FROM "case" WHERE "id"=$1 LIMIT 1'
APPLICANT = 'SELECT * FROM "applicant" WHERE "id" = ANY($1::uuid[])'
PROJECT = 'SELECT * FROM "project" WHERE "id" = ANY($1::uuid[])'
DOCUMENTS = (
    'SELECT * FROM "document" WHERE "case_id" = ANY($1::uuid[]) '
    'ORDER BY "created_at" ASC, "version" ASC'
)
MATERIALS = (
    'SELECT * FROM "material" WHERE "case_id" IN (SELECT "id" FROM "case") '
    'AND "case_id" = ANY($1::uuid[]) AND "removed_at" IS NULL AND "superseded_by_id" IS NULL '
    'ORDER BY "created_at" ASC, "id" ASC'
)
TICKETS = 'SELECT * FROM "ticket" WHERE "case_id" = ANY($1::uuid[])'
RESULTS = 'SELECT * FROM "result_feedback" WHERE "ticket_id" = ANY($1::uuid[])'
PAGE = 'SELECT * FROM "case" ORDER BY "created_at" DESC, "id" DESC LIMIT $1'


def encode(data: object) -> Response:
    # As strawberry encodes its responses.
    return Response(json.dumps(data, separators=(",", ":")), media_type="application/json")


def money(value: Decimal | None) -> str | None:
    return None if value is None else format(value.quantize(Decimal("0.01")), "f")


async def case_detail(request: Request) -> Response:
    case_id = (await request.json())["variables"]["id"]
    pool: asyncpg.Pool = request.app.state.pool
    async with pool.acquire() as connection:
        case = await connection.fetchrow(CASE, case_id)
        if case is None:
            return encode({"data": {"case": None}})
        ids = [case["id"]]
        applicant = (await connection.fetch(APPLICANT, [case["applicant_id"]]))[0]
        project = (await connection.fetch(PROJECT, [case["project_id"]]))[0]
        documents = await connection.fetch(DOCUMENTS, ids)
        materials = await connection.fetch(MATERIALS, ids)
        tickets = await connection.fetch(TICKETS, ids)
        results = await connection.fetch(RESULTS, [t["id"] for t in tickets]) if tickets else []
    result_of = {r["ticket_id"]: r for r in results}
    checklist = build_checklist(
        requirements_for(json.loads(case["utilities"])),
        ((str(m["id"]), m["requirement_code"]) for m in materials if m["ticket_id"] is None),
    )
    return encode(
        {
            "data": {
                "case": {
                    "id": str(case["id"]),
                    "caseNo": case["case_no"],
                    "status": case["status"],
                    "applicant": {
                        "uscc": applicant["uscc"],
                        "name": applicant["name"],
                        "contactName": case["contact_name"],
                        "contactPhone": case["contact_phone"],
                    },
                    "project": {
                        "name": project["name"],
                        "code": project["code"],
                        "address": project["address"],
                    },
                    "checklist": [
                        {
                            "requirementCode": e.requirement_code,
                            "title": e.title,
                            "mandatory": e.mandatory,
                            "satisfied": e.satisfied,
                            "materialIds": list(e.material_ids),
                        }
                        for e in checklist
                    ],
                    "materials": [
                        {
                            "id": str(m["id"]),
                            "requirementCode": m["requirement_code"],
                            "filename": m["filename"],
                            "size": m["size"],
                            "sha256": m["sha256"],
                        }
                        for m in materials
                    ],
                    "documents": [
                        {
                            "id": str(d["id"]),
                            "kind": d["kind"],
                            "status": d["status"],
                            "version": d["version"],
                        }
                        for d in documents
                        if d["superseded_at"] is None
                    ],
                    "tickets": [_ticket(t, result_of.get(t["id"])) for t in tickets],
                }
            }
        }
    )


def _ticket(ticket, result) -> dict:
    return {
        "id": str(ticket["id"]),
        "utility": ticket["utility"],
        "status": ticket["status"],
        "result": None
        if result is None
        else {"outcome": result["outcome"], "quoteAmount": money(result["quote_amount"])},
    }


async def case_list(request: Request) -> Response:
    pool: asyncpg.Pool = request.app.state.pool
    async with pool.acquire() as connection:
        cases = await connection.fetch(PAGE, 20)
        applicant_ids = list({c["applicant_id"] for c in cases})
        applicants = {a["id"]: a for a in await connection.fetch(APPLICANT, applicant_ids)}
        tickets = await connection.fetch(TICKETS, [c["id"] for c in cases])
    tickets_of: dict = {}
    for t in tickets:
        tickets_of.setdefault(t["case_id"], []).append(t)
    edges = [
        {
            "node": {
                "id": str(c["id"]),
                "caseNo": c["case_no"],
                "status": c["status"],
                "applicant": {"name": applicants[c["applicant_id"]]["name"]},
                "tickets": [
                    {"utility": t["utility"], "status": t["status"]}
                    for t in tickets_of.get(c["id"], [])
                ],
            }
        }
        for c in cases
    ]
    return encode({"data": {"cases": {"edges": edges}}})


def create_app(database_url: str) -> Starlette:
    async def lifespan(app: Starlette):
        app.state.pool = await asyncpg.create_pool(database_url, min_size=1, max_size=5)
        yield
        await app.state.pool.close()

    return Starlette(
        routes=[
            Route("/graphql", case_detail, methods=["POST"]),
            Route("/list", case_list, methods=["POST"]),
            Route("/healthz", lambda request: Response("ok")),
        ],
        lifespan=lifespan,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--database-url", required=True)
    args = parser.parse_args()
    uvicorn.run(create_app(args.database_url), host="127.0.0.1", port=args.port, log_level="error")


if __name__ == "__main__":
    main()
