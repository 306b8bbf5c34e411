"""Issue 13, row 3: a failed operation logs one line with its code, without a stack trace, the
query's text or its values; only INTERNAL carries a trace, with the request's strings blanked."""

from __future__ import annotations

import logging

from graphql import GraphQLError, parse
from strawberry.types import ExecutionContext
from strawberry.types.graphql import OperationType

from hub.resolvers.schema import schema
from tests.api import error_code
from tests.factories import AGENT_ID, APPLICANT, ENTERPRISE_A

PHONE = "13912345678"

#: Inline literals, as the attacker sent them; `bogus` makes the document invalid.
INVALID_MUTATION = f"""mutation {{ createApplication(input: {{
  utilities: [POWER], isKeyProject: false, bogus: 1,
  applicant: {{ uscc: "{ENTERPRISE_A}", name: "韶关市某某建设有限公司", contactName: "张三",
               contactPhone: "{PHONE}", agentIdNumber: "{AGENT_ID}" }},
  project: {{ name: "厂房", address: "韶关市武江区工业园某某路1号" }},
  power: {{ capacityKw: "630" }}, surveyAppointment: "2020-01-01T09:00:00+08:00" }}) {{ id }} }}"""

#: Valid GraphQL the hub refuses: no project name, and an appointment in the past.
REFUSED_MUTATION = INVALID_MUTATION.replace(" bogus: 1,", "").replace('name: "厂房"', 'name: ""')


def everything_logged(caplog) -> str:
    """Each record's message and fields, as the JSON lines would show them."""
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(f"{formatter.format(r)} {vars(r)}" for r in caplog.records)


def graphql_lines(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "hub.graphql"]


async def test_an_invalid_mutation_logs_one_line_without_its_values(sqlite_api, caplog):
    caplog.set_level(logging.INFO)
    body = await sqlite_api.raw(INVALID_MUTATION, {}, APPLICANT)
    assert "bogus" in body["errors"][0]["message"]  # the client is told what is wrong
    logged = everything_logged(caplog)
    assert PHONE not in logged and AGENT_ID not in logged
    assert "createApplication(" not in logged
    [line] = graphql_lines(caplog)
    assert line.exc_info is None and not hasattr(line, "exception")
    assert (line.getMessage(), line.code) == ("graphql error", "GRAPHQL_VALIDATION_FAILED")


async def test_a_refused_mutation_logs_its_code_and_field_paths_only(api, caplog):
    caplog.set_level(logging.INFO)
    body = await api.raw(REFUSED_MUTATION, {}, APPLICANT)
    assert error_code(body) == "BAD_USER_INPUT"
    logged = everything_logged(caplog)
    assert PHONE not in logged and AGENT_ID not in logged
    [line] = graphql_lines(caplog)
    assert line.exc_info is None and line.levelno == logging.INFO
    assert line.getMessage() == "graphql error"
    assert (line.code, line.operation, line.path) == ("BAD_USER_INPUT", "-", "createApplication")
    assert line.fields == ["input.project.name", "input.surveyAppointment"]


def test_an_internal_error_has_its_trace_without_the_requests_values(caplog):
    caplog.set_level(logging.INFO)
    query = f'mutation {{ createApplication(input: {{ applicant: {{ contactPhone: "{PHONE}" }} }}) '
    query += "{ id } }"
    context = ExecutionContext(
        query=query,
        schema=schema,
        allowed_operations=[OperationType.MUTATION],
        variables={"input": {"agentIdNumber": AGENT_ID}},
        graphql_document=parse(query),
    )
    try:
        raise RuntimeError(f"cannot store {PHONE} for {AGENT_ID}")
    except RuntimeError as exc:
        error = GraphQLError(str(exc), path=["createApplication"], original_error=exc)
    schema.process_errors([error], context)
    [line] = graphql_lines(caplog)
    assert line.levelno == logging.ERROR
    assert (line.getMessage(), line.code) == ("graphql error", "INTERNAL")
    assert line.path == "createApplication"
    assert "Traceback" in line.exception
    assert "RuntimeError: cannot store *** for ***" in line.exception
    assert PHONE not in everything_logged(caplog) and AGENT_ID not in everything_logged(caplog)
