"""The install is reproducible: uv.lock matches pyproject.toml, and `make venv` installs exactly
its versions and re-syncs when either file changes (the Dockerfile's side is in test_compose)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def uv_executable() -> str:
    beside_python = Path(sys.executable).with_name("uv")
    found = str(beside_python) if beside_python.exists() else shutil.which("uv")
    if found is None:
        pytest.skip("uv is not installed (make venv installs it into .venv)")
    return found


def make_dry_run(*args: str) -> str:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    done = subprocess.run(
        ["make", "--dry-run", "--always-make", *args], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout


def test_uv_lock_matches_pyproject(tmp_path):
    # --offline: only the lock and pyproject.toml are compared; an empty cache proves it.
    done = subprocess.run(
        [uv_executable(), "lock", "--check", "--offline"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "UV_CACHE_DIR": str(tmp_path)},
    )
    assert done.returncode == 0, f"uv.lock is stale: run `make lock`\n{done.stderr}"


def test_uv_lock_pins_the_uv_that_make_bootstraps():
    with (ROOT / "uv.lock").open("rb") as f:
        locked = {package["name"]: package["version"] for package in tomllib.load(f)["package"]}
    assert "uv" in locked, "uv belongs in the dev extra (`uv sync` would remove it otherwise)"
    assert f'"uv=={locked["uv"]}"' in make_dry_run("venv")


def test_make_venv_syncs_the_lock_into_dot_venv_with_the_dev_extra():
    sync = [line for line in make_dry_run("venv").splitlines() if " sync " in line]
    assert len(sync) == 1, sync
    words = sync[0].split()
    assert words[0] == ".venv/bin/uv"
    assert "--locked" in words or "--frozen" in words
    assert "--extra" in words and words[words.index("--extra") + 1] == "dev"
    assert "--no-editable" not in words  # the project stays editable in .venv


def make_rules() -> dict[str, list[str]]:
    """target -> its normal prerequisites, from make's database."""
    database = make_dry_run("--print-data-base", "--question", "help")
    rules = {}
    for line in database.splitlines():
        target, colon, rest = line.partition(":")
        if colon and not line.startswith(("#", "\t", " ")) and "=" not in line:
            rules[target] = rest.split("|")[0].split()
    return rules


@pytest.mark.parametrize("target", ["run", "test"])
def test_make_targets_install_through_the_stamp(target):
    rules = make_rules()
    assert "venv" in rules[target]
    assert rules["venv"] == [".venv/.installed"]
    assert {"pyproject.toml", "uv.lock"} <= set(rules[".venv/.installed"])
