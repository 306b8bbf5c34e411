"""`hub operations add FILE…`: each file is ONE document, registered under the sha256 of its
text as read (UTF-8, line endings kept), so a client that sends the file's text, or only that
hash, with `operationName` runs any operation of it. A file with several operations (and the
fragments they share) is therefore one registration, not several."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from graphql import GraphQLError, GraphQLSchema, parse, validate

from hub import db
from hub.persisted_operations.registry import register


class RejectedDocument(ValueError):
    """A file that does not parse or validate against the schema: nothing was registered."""


def read_document(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", newline="") as file:  # "\r\n" stays what clients hash
            return file.read()
    except UnicodeDecodeError as error:
        raise RejectedDocument(f"{path}: 不是 UTF-8 文本 (not UTF-8 text)") from error


def check_document(path: Path, text: str, schema: GraphQLSchema) -> None:
    try:
        errors = validate(schema, parse(text))
    except GraphQLError as error:
        errors = [error]
    if errors:
        problems = "; ".join(error.message for error in errors)
        raise RejectedDocument(f"{path}: 不是有效的操作文档 (not a valid document): {problems}")


async def register_files(paths: Iterable[Path], schema: GraphQLSchema) -> list[str]:
    """One line per file: `<sha256>  <operation names>  <file>  new|already registered`.
    Every file is checked before any is registered."""
    documents = [(path, read_document(path)) for path in paths]
    for path, text in documents:
        check_document(path, text, schema)
    if not db.is_postgres():  # as `hub serve` does, the embedded database is migrated first
        await db.migrate()
    await db.init()
    try:
        lines = []
        for path, text in documents:
            registration = await register(text, source=str(path))
            state = "new" if registration.created else "already registered"
            names = ",".join(registration.operation_names)
            lines.append(f"{registration.sha256}  {names}  {path}  {state}")
        return lines
    finally:
        await db.close()
