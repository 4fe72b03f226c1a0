"""Helpers for the container tests: buildah calls, the host's pip settings, /proc lookups.

No image registry is reachable here, so the image builds on a local Debian base made by
``scripts/container-tools.sh``; pip inside the build must reach packages the way pip on
this machine does, hence ``host_pip_settings``.

Errors: ``BuildahError`` (a buildah command failed; the message holds its stderr).
"""

from __future__ import annotations

import ast
import os
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO_ROOT = Path(__file__).resolve().parents[2]
BASE_IMAGE = "localhost/sinet-base:bookworm"
NODE_UID = 10001
# Where the host's CA bundle is mounted during the build (RUN steps only, not in a layer).
BUILD_CA_PATH = "/etc/sinet-build/pip-ca.pem"

# pip option (as `pip config list` names it) -> the Dockerfile's build argument.
_PIP_OPTIONS = {
    "index-url": "PIP_INDEX_URL",
    "extra-index-url": "PIP_EXTRA_INDEX_URL",
    "find-links": "PIP_FIND_LINKS",
    "trusted-host": "PIP_TRUSTED_HOST",
    "cert": "PIP_CERT",
    "timeout": "PIP_DEFAULT_TIMEOUT",
    "default-timeout": "PIP_DEFAULT_TIMEOUT",
}
# Option values that may name local directories the build has to see.
_LOCATION_OPTIONS = ("index-url", "extra-index-url", "find-links")


class BuildahError(Exception):
    """A buildah command exited non-zero."""


def buildah_env() -> dict[str, str]:
    env = dict(os.environ)
    env["STORAGE_DRIVER"] = "vfs"
    # No OCI runtime is installed: chroot isolation runs everything (sharing the host network).
    env["BUILDAH_ISOLATION"] = "chroot"
    return env


def buildah(*args: str, timeout: float = 300.0) -> str:
    """Run `buildah ARGS`, return its stdout; raise BuildahError with stderr on failure."""
    done = subprocess.run(
        ["buildah", *args],
        env=buildah_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise BuildahError(
            f"buildah {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        )
    return done.stdout


@dataclass(frozen=True)
class PipBuildSettings:
    """Build arguments and read-only volumes that let pip in the build act like pip here."""

    build_args: dict[str, str] = field(default_factory=dict)
    volumes: tuple[str, ...] = ()

    def buildah_options(self) -> list[str]:
        options: list[str] = []
        for name, value in sorted(self.build_args.items()):
            options += ["--build-arg", f"{name}={value}"]
        for volume in self.volumes:
            options += ["--volume", volume]
        return options


def _pip_config(python: str) -> dict[str, str]:
    """`pip config list` as {key: value}; keys look like ``global.find-links``."""
    done = subprocess.run(
        [python, "-m", "pip", "config", "list"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    config: dict[str, str] = {}
    for line in done.stdout.splitlines():
        key, sep, raw = line.partition("=")
        if sep and raw.startswith(("'", '"')):
            config[key.strip()] = str(ast.literal_eval(raw))
    return config


def _local_dir(location: str) -> Path | None:
    if location.startswith("file:"):
        path = Path(unquote(urlsplit(location).path))
    elif location.startswith("/"):
        path = Path(location)
    else:
        return None
    return path if path.is_dir() else None


def host_pip_settings(python: str = sys.executable) -> PipBuildSettings:
    """What pip on this machine uses (env vars over [install] over [global]), for the build."""
    config = _pip_config(python)
    chosen: dict[str, str] = {}
    for option in _PIP_OPTIONS:
        for section in (":env:", "install", "global"):
            value = config.get(f"{section}.{option}")
            if value:
                chosen[option] = value
                break
    build_args: dict[str, str] = {}
    volumes: list[str] = []
    for option, value in chosen.items():
        if option == "cert":
            if Path(value).is_file():
                volumes.append(f"{value}:{BUILD_CA_PATH}:ro")
                build_args["PIP_CERT"] = BUILD_CA_PATH
            continue
        build_args[_PIP_OPTIONS[option]] = value
        if option in _LOCATION_OPTIONS:
            for location in value.split():
                local = _local_dir(location)
                if local is None:
                    continue
                # A local index's pages link to files beside it (../../files/...): mount its
                # parent too, unless that is the root directory.
                if option != "find-links" and local.parent != Path(local.anchor):
                    local = local.parent
                volumes.append(f"{local}:{local}:ro")
    return PipBuildSettings(build_args, tuple(dict.fromkeys(volumes)))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _parent_pid(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name sits in parentheses and may contain spaces: split after it.
    return int(stat.rsplit(")", 1)[1].split()[1])


def descendants(pid: int) -> list[int]:
    """All live descendants of PID (chroot isolation shares the host's PID namespace)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            parent = _parent_pid(int(entry.name))
            if parent is not None:
                children.setdefault(parent, []).append(int(entry.name))
    found: list[int] = []
    pending = [pid]
    while pending:
        for child in children.get(pending.pop(), []):
            found.append(child)
            pending.append(child)
    return found


def cmdline(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def uids(pid: int) -> tuple[int, ...]:
    """Real, effective, saved and file-system uid of PID."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Uid:"):
            return tuple(int(value) for value in line.split()[1:])
    raise LookupError(f"no Uid line for process {pid}")
