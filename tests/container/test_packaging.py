"""`pip install .` (not editable) in a fresh virtual environment gives a working sinet-node.

The package is installed from a copy of the checkout that is deleted before the checks,
and the checks run with the new environment's own interpreter in isolated mode from a
directory outside the checkout: whatever they find must have shipped inside the package
(migrations, templates, the bundled JSON-LD contexts).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.container.imagetools import REPO_ROOT

# Not part of the package: leaving them out also keeps the copy small.
COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    ".demo",
    "__pycache__",
    "*.pyc",
    "*.egg-info",
    "build",
    "dist",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".cache",
    "test-artifacts",
    "tests",
    "bench",
)

RESOURCE_PROBE = """
import json, sys
from importlib import resources
from pathlib import Path

import sinet_node

templates = resources.files("sinet_node.web") / "templates"
migrations = resources.files("sinet_node.migrations")
contexts = resources.files("sinet_node.federation") / "contexts.json"
versions = migrations / "versions"
print(json.dumps({
    "package_file": sinet_node.__file__,
    "templates": sorted(
        str(p.relative_to(str(templates))) for p in Path(str(templates)).rglob("*.html")
    ) if templates.is_dir() else None,
    "env_py": (migrations / "env.py").is_file(),
    "revisions": sorted(
        p.name for p in versions.iterdir() if p.name.endswith(".py") and p.name != "__init__.py"
    ) if versions.is_dir() else None,
    "contexts": contexts.read_text(encoding="utf-8") if contexts.is_file() else None,
}))
"""


def _clean_env() -> dict[str, str]:
    """The caller's environment without anything that would point back at the checkout."""
    drop = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")
    return {
        key: value
        for key, value in os.environ.items()
        if key not in drop and not key.startswith("SINET_")
    }


def _run(args: list[str | Path], cwd: Path, timeout: float = 120.0) -> str:
    done = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, (
        f"{' '.join(map(str, args))} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    )
    return done.stdout


def test_pip_install_of_a_copy_gives_a_working_node(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(REPO_ROOT, source, ignore=COPY_IGNORE)
    venv = tmp_path / "venv"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _run([sys.executable, "-m", "venv", venv], cwd=elsewhere)
    python = venv / "bin" / "python"
    _run([python, "-m", "pip", "install", "--quiet", source], cwd=elsewhere, timeout=900)
    # Nothing may still refer to the source tree once it is installed.
    shutil.rmtree(source)

    sinet_node = venv / "bin" / "sinet-node"
    usage = _run([sinet_node, "--help"], cwd=elsewhere)
    assert "init" in usage and "run" in usage, usage

    data = tmp_path / "data"
    _run(
        [
            sinet_node,
            "init",
            "--data-dir",
            data,
            "--url",
            "http://127.0.0.1:8999",
            "--name",
            "Packaging Test",
            "--username",
            "packaging",
        ],
        cwd=elsewhere,
    )
    assert (data / "sinet.toml").is_file()
    # A migrated database proves the Alembic environment and revisions shipped.
    with sqlite3.connect(data / "sinet.db") as db:
        versions = db.execute("SELECT version_num FROM alembic_version").fetchall()
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert len(versions) == 1 and versions[0][0], versions
    assert tables - {"alembic_version"}, f"no schema tables: {tables}"

    found = json.loads(_run([python, "-I", "-c", RESOURCE_PROBE], cwd=elsewhere))
    package_file = Path(found["package_file"]).resolve()
    assert package_file.is_relative_to(venv.resolve()), package_file
    assert found["templates"], "no *.html templates in sinet_node/web/templates"
    assert found["env_py"], "sinet_node/migrations/env.py is not installed"
    assert found["revisions"], "no Alembic revisions in sinet_node/migrations/versions"
    assert found["contexts"] is not None, "sinet_node/federation/contexts.json is not installed"
    contexts = json.loads(found["contexts"])
    assert contexts, "contexts.json is empty"
    assert "https://www.w3.org/ns/activitystreams" in found["contexts"]

    # Every module of the source tree imports from the installed package (a subpackage
    # missing from pyproject's package list fails here, not in production).
    modules = sorted(
        ".".join(path.relative_to(REPO_ROOT).with_suffix("").parts)
        for path in (REPO_ROOT / "sinet_node").rglob("*.py")
        if path.name != "__init__.py" and path.stem != "__main__"
    )
    probe = f"import importlib; [importlib.import_module(m) for m in {modules!r}]; print('ok')"
    assert _run([python, "-I", "-c", probe], cwd=elsewhere).strip() == "ok"
