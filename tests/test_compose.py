"""The scaled-out deployment (compose.yaml, Dockerfile) stays consistent with API.md.

No Docker engine is needed: the files are only parsed.
"""

from __future__ import annotations

import fnmatch
import importlib
import importlib.util
import json
import re
import shlex
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "compose.yaml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"

# API.md, "Settings (environment)": the only HUB_ names a deployment may set.
S3_SETTINGS = {
    "HUB_S3_ENDPOINT",
    "HUB_S3_ACCESS_KEY",
    "HUB_S3_SECRET_KEY",
    "HUB_S3_BUCKET",
    "HUB_S3_SECURE",
    "HUB_S3_REGION",
}
KNOWN_SETTINGS = S3_SETTINGS | {
    "HUB_S3_PUBLIC_ENDPOINT",  # README's settings table
    "HUB_DATABASE_URL",
    "HUB_REDIS_URL",
    "HUB_LICENCE_PROVIDER",
    "HUB_LICENCE_REGISTRY",
    "HUB_SECRET_KEY",
    "HUB_PUBLIC_URL",
    "HUB_TIMEZONE",
}

REQUIRED_SERVICES = {"postgres", "redis", "minio", "migrate", "api", "worker"}
HUB_SERVICES = ("api", "worker")
WORKER_SETTINGS = "hub.worker.WorkerSettings"


def locked_versions() -> dict[str, str]:
    with (ROOT / "uv.lock").open("rb") as f:
        return {package["name"]: package.get("version") for package in tomllib.load(f)["package"]}


def load_compose() -> dict:
    with COMPOSE_FILE.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def services() -> dict:
    return load_compose()["services"]


def environment(service: dict) -> dict[str, str]:
    """A service's environment, whether written as a mapping or as a KEY=VALUE list."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        pairs = (item.split("=", 1) if "=" in item else (item, "") for item in env)
        return {key: value for key, value in pairs}
    return {key: "" if value is None else str(value) for key, value in env.items()}


def depends_on(service: dict) -> dict[str, str]:
    """Dependency name -> condition (the short list form means service_started)."""
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return dict.fromkeys(deps, "service_started")
    return {name: (spec or {}).get("condition", "service_started") for name, spec in deps.items()}


def command_words(value: str | list[str]) -> list[str]:
    return shlex.split(value) if isinstance(value, str) else [str(word) for word in value]


def healthcheck_words(service: dict) -> list[str]:
    test = service["healthcheck"]["test"]
    if isinstance(test, str):
        return shlex.split(test)
    if test and test[0] in {"CMD", "CMD-SHELL"}:
        return test[1:] if test[0] == "CMD" else shlex.split(" ".join(test[1:]))
    return list(test)


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined and comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = pending + line
        pending = ""
        keyword, _, args = line.partition(" ")
        instructions.append((keyword.upper(), args.strip()))
    return instructions


def copy_sources() -> list[list[str]]:
    """The build-context sources of every COPY/ADD (copies from other stages are skipped)."""
    result = []
    for keyword, args in dockerfile_instructions():
        if keyword not in {"COPY", "ADD"}:
            continue
        words = json.loads(args) if args.startswith("[") else shlex.split(args)
        flags = [word for word in words if word.startswith("--")]
        if any(flag.startswith("--from") for flag in flags):
            continue
        paths = [word for word in words if not word.startswith("--")]
        result.append(paths[:-1])
    return result


def test_compose_has_no_version_key():
    assert "version" not in load_compose()


def test_required_services_exist():
    missing = REQUIRED_SERVICES - services().keys()
    assert not missing, f"compose.yaml lacks services: {sorted(missing)}"


@pytest.mark.parametrize("name", HUB_SERVICES)
def test_hub_services_get_scaled_out_settings(name):
    env = environment(services()[name])
    assert env.get("HUB_DATABASE_URL", "").startswith("postgres://")
    assert env.get("HUB_REDIS_URL", "").startswith("redis://")
    missing = S3_SETTINGS - env.keys()
    assert not missing, f"{name} lacks {sorted(missing)}"
    assert env["HUB_S3_SECURE"] in {"true", "false"}
    assert env.get("HUB_SECRET_KEY"), f"{name} lacks HUB_SECRET_KEY"


def test_every_hub_variable_is_a_known_setting():
    unknown = {
        (name, key)
        for name, service in services().items()
        for key in environment(service)
        if key.startswith("HUB_") and key not in KNOWN_SETTINGS
    }
    assert not unknown, f"HUB_ variables not in API.md's settings table: {sorted(unknown)}"


@pytest.mark.parametrize("name", HUB_SERVICES)
def test_hub_services_wait_for_their_dependencies(name):
    deps = depends_on(services()[name])
    assert deps.get("postgres") == "service_healthy"
    assert deps.get("redis") == "service_healthy"
    assert deps.get("migrate") == "service_completed_successfully"


def test_migrate_runs_hub_migrate_after_postgres_is_healthy():
    migrate = services()["migrate"]
    assert command_words(migrate["command"]) == ["hub", "migrate"]
    assert depends_on(migrate).get("postgres") == "service_healthy"


@pytest.mark.parametrize("name", ["postgres", "redis", "minio", "api", "worker"])
def test_services_have_healthchecks(name):
    assert healthcheck_words(services()[name]), f"{name} has no healthcheck"


def test_api_serves_on_all_interfaces_and_checks_readiness():
    api = services()["api"]
    assert command_words(api["command"]) == ["hub", "serve", "--host", "0.0.0.0", "--port", "8000"]
    assert any("/readyz" in word for word in healthcheck_words(api))


def test_worker_runs_hub_worker_and_is_checked_by_arq():
    worker = services()["worker"]
    assert command_words(worker["command"]) == ["hub", "worker"]
    assert healthcheck_words(worker) == ["arq", "--check", WORKER_SETTINGS]


@pytest.mark.parametrize("name", HUB_SERVICES)
def test_hub_services_are_replicated(name):
    assert services()[name].get("deploy", {}).get("replicas", 1) >= 2


def test_worker_healthcheck_target_exists():
    module_name, _, attribute = WORKER_SETTINGS.rpartition(".")
    if importlib.util.find_spec(module_name) is None:
        pytest.skip(f"{module_name} is not written yet")
    module = importlib.import_module(module_name)
    assert hasattr(module, attribute), f"{module_name} has no {attribute}"


def test_dockerfile_copied_paths_exist():
    copies = copy_sources()
    assert copies, "the Dockerfile copies nothing"
    for sources in copies:
        globs = [source for source in sources if any(c in source for c in "*?[")]
        for source in sources:
            if source not in globs:
                assert (ROOT / source).exists(), f"Dockerfile copies missing path {source!r}"
        # A COPY whose sources are all patterns must still match something.
        if globs and len(globs) == len(sources):
            assert any(any(ROOT.glob(pattern)) for pattern in globs), f"nothing matches {globs}"


def test_dockerfile_copied_paths_are_not_dockerignored():
    patterns = [
        line.strip().rstrip("/")
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#") and not line.startswith("!")
    ]
    for sources in copy_sources():
        for source in sources:
            top = source.removeprefix("./").split("/", 1)[0]
            ignored = [pattern for pattern in patterns if fnmatch.fnmatch(top, pattern)]
            assert not ignored, f"{source!r} is excluded by .dockerignore {ignored}"


def test_dockerfile_basics():
    instructions = dockerfile_instructions()
    keywords = [keyword for keyword, _ in instructions]
    args = dict(instructions)  # the last of each keyword wins, as in Docker
    assert args["FROM"].startswith("python:3.11-slim")
    assert "USER" in keywords and args["USER"] not in {"root", "0"}
    assert "8000" in args["EXPOSE"].split()
    assert json.loads(args["CMD"]) == ["hub", "serve", "--host", "0.0.0.0", "--port", "8000"]


def published_host_ports(service: dict) -> set[str]:
    """The host side of a service's `ports` ("9000:9000", "127.0.0.1:9000:9000", mappings)."""
    published = set()
    for entry in service.get("ports") or []:
        if isinstance(entry, dict):
            published.add(str(entry.get("published", "")))
        else:
            parts = str(entry).split(":")
            published.add(parts[-2] if len(parts) >= 2 else parts[0])
    return published


@pytest.mark.parametrize("name", HUB_SERVICES)
def test_presigned_urls_name_an_address_a_browser_reaches(name):
    """`minio:9000` resolves only inside compose's network: presigned URLs must name the
    store's port as published on the host."""
    env = environment(services()[name])
    public = env.get("HUB_S3_PUBLIC_ENDPOINT", "")
    default = public.removeprefix("${HUB_S3_PUBLIC_ENDPOINT:-").removesuffix("}")
    assert default and default != public, "HUB_S3_PUBLIC_ENDPOINT must be settable, with a default"
    host, _, port = default.rpartition(":")
    assert host not in services(), f"{default!r} names a service only other containers resolve"
    assert port in published_host_ports(services()["minio"])


def test_the_image_checks_its_own_readiness():
    instructions = dockerfile_instructions()
    checks = [args for keyword, args in instructions if keyword == "HEALTHCHECK"]
    assert len(checks) == 1, "the image needs one HEALTHCHECK"
    options, _, command = checks[0].partition("CMD")
    assert "--interval" in options and "--timeout" in options
    words = json.loads(command.strip())
    assert any("127.0.0.1:8000/readyz" in word for word in words), words


def test_one_shot_services_do_not_inherit_the_image_healthcheck():
    assert services()["migrate"].get("healthcheck", {}).get("disable") is True


def test_the_image_installs_the_locked_versions_with_uv():
    instructions = dockerfile_instructions()
    runs = [args for keyword, args in instructions if keyword == "RUN"]
    syncs = [args for args in runs if "uv sync" in args]
    assert syncs, "the Dockerfile never runs `uv sync`"
    assert all("--frozen" in args or "--locked" in args for args in syncs), syncs
    assert not any("--extra dev" in args or "--all-extras" in args for args in syncs)
    pip_installs_the_project = [a for a in runs if re.search(r"pip install (-e )?\.", a)]
    assert not pip_installs_the_project, "pip bypasses uv.lock"
    # uv.lock arrives before the first sync (the dependency layer), the code before the last.
    first_sync = next(i for i, (k, a) in enumerate(instructions) if "uv sync" in a)
    before = {
        source
        for i, (keyword, args) in enumerate(instructions)
        if keyword == "COPY" and i < first_sync
        for source in shlex.split(args)[:-1]
    }
    assert {"pyproject.toml", "uv.lock"} <= before, before
    assert any("hub/" in sources for sources in copy_sources())


def test_the_image_installs_the_uv_that_uv_lock_pins():
    pinned = locked_versions()["uv"]
    bootstrap = next(args for keyword, args in dockerfile_instructions() if "uv sync" in args)
    command = bootstrap.split("&&")[0]
    assert "pip install" in command and "uv==" in command, command
    version = subprocess.run(
        ["sh", "-c", command.replace("pip install", "echo", 1)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert version == f"uv=={pinned}"


def test_the_image_runs_the_hub_from_the_synced_environment():
    env = dict(
        pair.split("=", 1)
        for keyword, args in dockerfile_instructions()
        if keyword == "ENV"
        for pair in shlex.split(args)
    )
    venv = env["UV_PROJECT_ENVIRONMENT"]
    assert env["PATH"].split(":")[0] == f"{venv}/bin", "`hub` must be the synced one"
    assert env.get("UV_PYTHON_DOWNLOADS") == "never", "the image's own Python, not a download"
