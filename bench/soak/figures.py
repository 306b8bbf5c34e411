"""What the soak prints: throughput and latency percentiles per operation, each fault with its
recovery time, the errors outside the injected windows, and the verdict."""

from __future__ import annotations

from collections import defaultdict

from bench.soak.checks import Verdict
from bench.soak.client import Answer
from bench.soak.faults import Fault


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def is_error(answer: Answer) -> bool:
    """A 5xx, no answer at all, or the hub's own failure (INTERNAL) or an outage it reports."""
    return (
        answer.status == 0
        or answer.status >= 500
        or answer.code in {"INTERNAL", "UPSTREAM_UNAVAILABLE"}
    )


def outside_windows(answers: list[Answer], faults: list[Fault]) -> list[Answer]:
    return [
        a
        for a in answers
        if is_error(a) and not any(f.covers(a.at + a.seconds) or f.covers(a.at) for f in faults)
    ]


def operation_table(answers: list[Answer], seconds: float) -> list[str]:
    by_operation: dict[str, list[Answer]] = defaultdict(list)
    for answer in answers:
        by_operation[answer.operation].append(answer)
    head = f"{'operation':<28} {'ok':>7} {'errors':>6} {'ops/s':>7}"
    lines = [head + "".join(f" {f'p{q} ms':>8}" for q in (50, 95, 99))]
    total_ok = 0
    for operation in sorted(by_operation):
        ok = [
            a.seconds * 1000 for a in by_operation[operation] if not is_error(a) and a.code is None
        ]
        errors = sum(1 for a in by_operation[operation] if is_error(a))
        total_ok += len(ok)
        if not ok:
            lines.append(f"{operation:<28} {0:>7} {errors:>6}")
            continue
        lines.append(
            f"{operation:<28} {len(ok):>7} {errors:>6} {len(ok) / seconds:>7.2f}"
            + "".join(f" {percentile(ok, q):>8.0f}" for q in (0.50, 0.95, 0.99))
        )
    lines.append(f"{'all':<28} {total_ok:>7} {'':>6} {total_ok / seconds:>7.2f}")
    return lines


def fault_table(faults: list[Fault], origin: float) -> list[str]:
    lines = [f"{'fault':<14} {'at s':>7} {'lasted s':>8} {'recovery s':>10}  detail"]
    for fault in sorted(faults, key=lambda f: f.started or 1e18):
        if not fault.started:
            lines.append(f"{fault.kind:<14} {'not injected':>27}")
            continue
        recovery = f"{fault.recovered:.1f}" if fault.recovered is not None else "NEVER"
        lines.append(
            f"{fault.kind:<14} {fault.started - origin:>7.1f} {fault.ended - fault.started:>8.1f}"
            f" {recovery:>10}  {fault.detail}"
        )
    return lines


def verdict_lines(verdict: Verdict, stray_errors: list[Answer]) -> list[str]:
    kinds = sorted(set(verdict.checked) | set(verdict.lost) | set(verdict.doubled))
    lines = [
        f"{'checked':<20} {'count':>7} {'lost':>5} {'doubled':>7} {'repeats dropped by id':>22}"
    ]
    for kind in kinds:
        lines.append(
            f"{kind:<20} {verdict.checked[kind]:>7} {verdict.lost[kind]:>5}"
            f" {verdict.doubled[kind]:>7} {verdict.repeats_dropped[kind]:>22}"
        )
    lines.append(f"errors outside the injected windows: {len(stray_errors)}")
    for answer in stray_errors[:10]:
        lines.append(f"  {answer.operation} HTTP {answer.status} {answer.code}")
    lines += [f"PROBLEM: {problem}" for problem in verdict.problems]
    lost, doubled = sum(verdict.lost.values()), sum(verdict.doubled.values())
    passed = verdict.passed and not stray_errors
    lines.append(f"VERDICT: {'PASS' if passed else 'FAIL'} (lost {lost}, doubled {doubled})")
    return lines
