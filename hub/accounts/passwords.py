"""Passwords: the policy of API.md and Argon2id hashes (argon2-cffi).

The parameters are OWASP's smallest recommended Argon2id set (19 MiB, 2 passes, 1 lane): on
these shared 2-core machines one hash takes about 25-40 ms, so sign-in and a first query stay
well under 300 ms at p95 (bench/sign_in_bench.py prints them and the figures).
"""

from __future__ import annotations

import asyncio
import string

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from hub.errors import BadUserInput

TIME_COST = 2
MEMORY_COST_KIB = 19 * 1024
PARALLELISM = 1
MIN_LENGTH = 10
MAX_LENGTH = 128  # hashing a megabyte of "password" is work an attacker should not buy
MIN_CLASSES = 3

HASHER = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM)
# Verified against for an unknown username, so that it costs what a wrong password costs.
_DUMMY_HASH = HASHER.hash("not-a-password: unknown users cost the same")


def parameters() -> str:
    return f"Argon2id t={TIME_COST} m={MEMORY_COST_KIB} KiB p={PARALLELISM}"


def policy_problem(password: str) -> str | None:
    """Why the password is refused (Chinese, then English), or None."""
    if len(password) < MIN_LENGTH or len(password) > MAX_LENGTH:
        return (
            f"密码长度应为 {MIN_LENGTH} 到 {MAX_LENGTH} 个字符 "
            f"(a password has {MIN_LENGTH} to {MAX_LENGTH} characters)"
        )
    classes = (
        any(c in string.ascii_lowercase for c in password),
        any(c in string.ascii_uppercase for c in password),
        any(c in string.digits for c in password),
        any(not c.isalnum() for c in password),
    )
    if sum(classes) < MIN_CLASSES:
        return (
            "密码须包含小写字母、大写字母、数字、符号中的至少三类 "
            "(use at least three of lower case, upper case, digits and symbols)"
        )
    return None


def check_policy(password: str, *, path: str = "password") -> None:
    if (problem := policy_problem(password)) is not None:
        raise BadUserInput.one(path, problem)


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def _verify(stored_hash: str | None, password: str) -> bool:
    try:
        return HASHER.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


async def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when `password` matches; a None hash (unknown user) costs the same and is False.
    Off the event loop: a hash is tens of milliseconds of CPU."""
    return await asyncio.to_thread(_verify, stored_hash, password)
