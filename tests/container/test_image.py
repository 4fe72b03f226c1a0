"""The container image: built with buildah from the Dockerfile, run, asked for its NodeInfo.

buildah (chroot isolation, vfs storage) stands in for docker: no registry is reachable
here, so the image builds on the local Debian base that scripts/container-tools.sh makes
(once; later runs reuse it). chroot isolation shares the host network, so the node binds
127.0.0.1 on a free port and the test talks to it directly.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.container.imagetools import (
    BASE_IMAGE,
    NODE_UID,
    REPO_ROOT,
    buildah,
    buildah_env,
    cmdline,
    descendants,
    free_port,
    host_pip_settings,
    uids,
)

pytestmark = pytest.mark.container

IMAGE = "localhost/sinet-node:test"
NODEINFO_REL = "http://nodeinfo.diaspora.software/ns/schema/2.1"
START_DEADLINE_SECONDS = 120.0
STOP_DEADLINE_SECONDS = 15.0


def _report(request: pytest.FixtureRequest, line: str) -> None:
    """A line on the terminal even when pytest captures output."""
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if capture is None or reporter is None:
        print(line)
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line(line)


@pytest.fixture(scope="session")
def container_tools(request: pytest.FixtureRequest) -> None:
    """buildah, debootstrap and the base image; a few seconds once they exist."""
    started = time.monotonic()
    done = subprocess.run(
        ["bash", str(REPO_ROOT / "scripts" / "container-tools.sh")],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert done.returncode == 0, f"container-tools.sh failed:\n{done.stdout}\n{done.stderr}"
    _report(request, f"container-tools.sh took {time.monotonic() - started:.1f} s")


@pytest.fixture(scope="module")
def image(container_tools: None, request: pytest.FixtureRequest) -> Iterator[str]:
    pip = host_pip_settings()
    started = time.monotonic()
    buildah(
        "bud",
        "--isolation",
        "chroot",
        "--file",
        str(REPO_ROOT / "Dockerfile"),
        "--tag",
        IMAGE,
        "--build-arg",
        f"BASE_IMAGE={BASE_IMAGE}",
        *pip.buildah_options(),
        str(REPO_ROOT),
        timeout=1800,
    )
    _report(request, f"image build (buildah bud) took {time.monotonic() - started:.1f} s")
    yield IMAGE
    buildah("rmi", "--force", IMAGE)


def _oci_config(kind: str, name: str) -> dict[str, Any]:
    config: dict[str, Any] = json.loads(buildah("inspect", "--type", kind, name))["OCIv1"]["config"]
    return config


def test_image_declares_user_volume_port_and_entrypoint(image: str) -> None:
    config = _oci_config("image", image)
    assert config["User"] in (str(NODE_UID), f"{NODE_UID}:{NODE_UID}")
    assert "/data" in config["Volumes"]
    assert "8080/tcp" in config["ExposedPorts"]
    assert "SINET_DATA_DIR=/data" in config["Env"]
    assert config["Entrypoint"], "the image has no entrypoint"


@pytest.fixture
def working_container(image: str) -> Iterator[str]:
    name = f"sinet-node-test-{uuid.uuid4().hex[:12]}"
    buildah("from", "--name", name, image)
    yield name
    buildah("rm", name)


def _get_json(url: str) -> Any:
    response = httpx.get(url, timeout=5.0)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    return response.json()


def _wait_for_nodeinfo(base_url: str, node: subprocess.Popen[bytes], log: Path) -> dict[str, Any]:
    """Poll the well-known document until it answers; fail at once if the node exits."""
    deadline = time.monotonic() + START_DEADLINE_SECONDS
    url = f"{base_url}/.well-known/nodeinfo"
    while time.monotonic() < deadline:
        try:
            response = httpx.get(url, timeout=2.0)
        except httpx.TransportError:
            response = None
        if response is not None and response.status_code == 200:
            document: dict[str, Any] = response.json()
            return document
        try:
            # Waiting on the process paces the polling and notices an early exit.
            code = node.wait(timeout=0.25)
        except subprocess.TimeoutExpired:
            continue
        pytest.fail(f"the container exited with {code} before serving:\n{log.read_text()}")
    pytest.fail(f"no answer from {url} in {START_DEADLINE_SECONDS} s:\n{log.read_text()}")


def _container_processes(run_pid: int, program: str) -> list[int]:
    """Processes under `buildah run` running PROGRAM, leaving out buildah's own helpers
    (buildah-chroot-exec carries the container's command line in its arguments)."""
    found = []
    for pid in descendants(run_pid):
        args = cmdline(pid)
        ours = bool(args) and not Path(args[0]).name.startswith("buildah")
        if ours and any(Path(arg).name == program for arg in args):
            found.append(pid)
    return found


def _kill(node: subprocess.Popen[bytes]) -> None:
    """Last resort when a test failed half-way: kill whatever the run left."""
    if node.poll() is not None:
        return
    for pid in reversed(descendants(node.pid)):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(node.pid, signal.SIGKILL)
    node.wait(timeout=30)


@contextlib.contextmanager
def _running(container: str, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`buildah run` of the image's own entrypoint, as `docker run` would start it."""
    entrypoint = _oci_config("container", container)["Entrypoint"]
    with log.open("ab") as sink:
        node = subprocess.Popen(
            ["buildah", "run", "--isolation", "chroot", container, "--", *entrypoint],
            env=buildah_env(),
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield node
    finally:
        _kill(node)


def _check_nodeinfo(base_url: str, node: subprocess.Popen[bytes], log: Path) -> None:
    well_known = _wait_for_nodeinfo(base_url, node, log)
    hrefs = [link["href"] for link in well_known["links"] if link.get("rel") == NODEINFO_REL]
    assert len(hrefs) == 1, well_known
    assert hrefs[0].startswith(f"{base_url}/"), hrefs[0]
    nodeinfo = _get_json(hrefs[0])
    assert nodeinfo["version"] == "2.1"
    assert nodeinfo["software"]["name"] == "sinet-node"
    assert "activitypub" in nodeinfo["protocols"]


def _stop_with_sigterm(node: subprocess.Popen[bytes], processes: list[int], log: Path) -> None:
    """SIGTERM to the node, as `docker stop` sends it to the container's PID 1.

    (buildah run itself does not pass SIGTERM on: it kills its child.)"""
    before = log.stat().st_size
    for pid in processes:
        os.kill(pid, signal.SIGTERM)
    try:
        code = node.wait(timeout=STOP_DEADLINE_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"running {STOP_DEADLINE_SECONDS} s after SIGTERM:\n{log.read_text()}")
    with log.open("rb") as stream:
        stream.seek(before)
        tail = stream.read().decode(errors="replace")
    # A clean exit: status 0, or the node re-raised SIGTERM after shutting down (as uvicorn
    # does), which buildah reports as "exited on terminated" and status 1.
    by_sigterm = code == 1 and "subprocess exited on terminated" in tail
    assert code == 0 or by_sigterm, f"exit status {code} after SIGTERM:\n{log.read_text()}"
    assert "Traceback" not in tail, log.read_text()


def _mount_points(pid: int) -> set[str]:
    """Mount points as PID sees them (relative to its root: the container's)."""
    lines = Path(f"/proc/{pid}/mountinfo").read_text().splitlines()
    return {line.split()[4] for line in lines}


def test_container_serves_nodeinfo_as_non_root_with_data_in_the_volume(
    working_container: str, tmp_path: Path
) -> None:
    uid = buildah("run", "--isolation", "chroot", working_container, "--", "id", "-u")
    assert uid.strip() == str(NODE_UID)

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    settings = {
        "SINET_BASE_URL": base_url,
        "SINET_NAME": "Container Test Network",
        "SINET_USERNAME": "containertest",
        "SINET_ALLOW_PRIVATE": "127.0.0.1",
        "SINET_HOST": "127.0.0.1",
        "SINET_PORT": str(port),
    }
    config_args: list[str] = []
    for key, value in settings.items():
        config_args += ["--env", f"{key}={value}"]
    buildah("config", *config_args, working_container)

    # The image's VOLUME /data: buildah gives the working container its own volume there,
    # kept between runs like a docker container's (a --volume bind on /data would be hidden
    # under it by buildah 1.28, so the test uses the declared volume itself).
    log = tmp_path / "container.log"
    with _running(working_container, log) as node:
        _check_nodeinfo(base_url, node, log)

        # The serving process is the node itself (the entrypoint exec'd it) and not root.
        processes = _container_processes(node.pid, "sinet-node")
        assert processes, f"no sinet-node process under buildah run {node.pid}"
        for pid in processes:
            assert uids(pid) == (NODE_UID,) * 4, (pid, cmdline(pid))
        assert not _container_processes(node.pid, "sinet-entrypoint"), (
            "the entrypoint shell is still there: it must exec the node"
        )

        # The node's files are on the volume mounted at /data, owned by the node's user.
        assert "/data" in _mount_points(processes[0]), "/data is not a volume mount"
        volume = Path(f"/proc/{processes[0]}/root/data")
        for name in ("sinet.toml", "sinet.db"):
            stored = volume / name
            assert stored.is_file(), f"{name} missing from /data: {sorted(os.listdir(volume))}"
            assert stored.stat().st_uid == NODE_UID
        config = (volume / "sinet.toml").read_bytes()
        _stop_with_sigterm(node, processes, log)

    # A second start finds the node on the volume: no second init, same configuration.
    with _running(working_container, log) as node:
        _check_nodeinfo(base_url, node, log)
        processes = _container_processes(node.pid, "sinet-node")
        assert processes, f"no sinet-node process under buildah run {node.pid}"
        assert (Path(f"/proc/{processes[0]}/root/data") / "sinet.toml").read_bytes() == config
        _stop_with_sigterm(node, processes, log)
    assert log.read_text().count("creating the node") == 1, log.read_text()
