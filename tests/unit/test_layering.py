"""DESIGN.md §2: dependencies point one way, and nothing happens at import.

cli, app -> web -> node -> federation -> storage -> objects; config, jsonio and translation are
leaves. The imports are read with ``ast`` (every import, also those inside functions
and under TYPE_CHECKING), so a test failure names the file, line and import that
breaks the rule. A second check imports every module in a fresh interpreter with an
audit hook and fails on any file written, socket opened or database connected.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import sinet_node

PACKAGE_DIR = Path(sinet_node.__file__).resolve().parent
ROOT = "sinet_node"


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. sinet_node.federation.inbox
    target: str  # what it imports, resolved to a module name where possible
    where: str  # file:line, for the failure message

    def __str__(self) -> str:
        return f"{self.where}: {self.module} imports {self.target}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str) -> bool:
    """True when NAME is a module or package inside sinet_node."""
    if not (name == ROOT or name.startswith(ROOT + ".")):
        return False
    relative = Path(*name.split(".")[1:]) if "." in name else Path()
    base = PACKAGE_DIR / relative
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _resolve_from(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _imports_of(path: Path) -> Iterator[Import]:
    module = _module_name(path)
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        where = f"{path.relative_to(PACKAGE_DIR.parent)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, alias.name, where)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve_from(module, is_package, node)
            for alias in node.names:
                # `from sinet_node import node` imports the module sinet_node.node.
                candidate = f"{base}.{alias.name}"
                yield Import(module, candidate if _is_module(candidate) else base, where)


def _all_imports() -> list[Import]:
    return [item for path in sorted(PACKAGE_DIR.rglob("*.py")) for item in _imports_of(path)]


ALL_IMPORTS = _all_imports()


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _violations(importer: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        str(item)
        for item in ALL_IMPORTS
        if _within(item.module, importer)
        and any(_within(item.target, f"{ROOT}.{name}") for name in forbidden)
    ]


def test_the_import_scan_sees_the_package() -> None:
    # Guards the guard: if the scan found nothing, every rule below would pass vacuously.
    modules = {item.module for item in ALL_IMPORTS}
    assert {"sinet_node.objects.codec", "sinet_node.federation.inbox", "sinet_node.node"} <= (
        modules
    )
    targets = {item.target for item in ALL_IMPORTS if item.module == "sinet_node.objects.codec"}
    assert "sinet_node.objects._core" in targets  # relative imports are resolved
    handler_targets = {
        item.target for item in ALL_IMPORTS if item.module == "sinet_node.federation.handlers"
    }
    assert "sinet_node.storage.objects" in handler_targets  # `from pkg import module` counts


def test_objects_imports_only_the_standard_library_and_itself() -> None:
    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    broken = [
        str(item)
        for item in ALL_IMPORTS
        if _within(item.module, f"{ROOT}.objects")
        and not _within(item.target, f"{ROOT}.objects")
        and item.target.split(".")[0] not in stdlib
    ]
    assert not broken, "objects must import only the standard library:\n" + "\n".join(broken)


@pytest.mark.parametrize(
    ("importer", "forbidden"),
    [
        ("storage", ("federation", "web", "cli", "node", "publishing", "content", "accounts")),
        ("federation", ("web", "cli", "node")),
        ("web", ("cli",)),
        ("content", ("storage", "federation", "web", "cli", "node", "publishing")),
        ("publishing", ("storage", "federation", "web", "cli", "node")),
        ("accounts", ("federation", "web", "cli", "node", "publishing", "content")),
    ],
)
def test_dependencies_point_one_way(importer: str, forbidden: tuple[str, ...]) -> None:
    broken = _violations(f"{ROOT}.{importer}", forbidden)
    assert not broken, f"{importer} must not import {', '.join(forbidden)}:\n" + "\n".join(broken)


@pytest.mark.parametrize("leaf", ["config", "jsonio", "translation"])
def test_leaves_import_no_other_sinet_module(leaf: str) -> None:
    broken = [
        str(item)
        for item in ALL_IMPORTS
        if item.module == f"{ROOT}.{leaf}"
        and _within(item.target, ROOT)
        and not _within(item.target, f"{ROOT}.{leaf}")
    ]
    assert not broken, f"{leaf} is a leaf:\n" + "\n".join(broken)


# Calls that do I/O (or install global state) when they run at import time.
IO_CALLS = frozenset(
    {
        "create_engine",
        "create_async_engine",
        "open",
        "Client",
        "AsyncClient",
        "urlopen",
        "connect",
        "read_text",
        "read_bytes",
        "write_text",
        "write_bytes",
        "mkdir",
        "generate_private_key",
        "generate_rsa_key",
        "load_private_key_pem",
        "basicConfig",
        "set_document_loader",
        "load_settings",
        "getenv",
    }
)


def _import_time_calls(tree: ast.Module) -> Iterator[ast.Call]:
    """Calls that run when the module is imported: module and class bodies, decorators
    and default values, but not function bodies or lambdas."""
    pending: list[ast.AST] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            pending.extend(node.decorator_list)
            pending.extend(node.args.defaults)
            pending.extend(d for d in node.args.kw_defaults if d is not None)
            continue
        if isinstance(node, ast.Lambda):
            continue
        if isinstance(node, ast.Call):
            yield node
        pending.extend(ast.iter_child_nodes(node))


def _call_name(call: ast.Call) -> str:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return ""


def test_no_module_does_io_at_import() -> None:
    broken: list[str] = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for call in _import_time_calls(tree):
            if _call_name(call) in IO_CALLS:
                where = path.relative_to(PACKAGE_DIR.parent)
                broken.append(f"{where}:{call.lineno}: {ast.unparse(call)} runs at import")
    assert not broken, "no I/O at import time:\n" + "\n".join(broken)


def test_the_import_time_scan_finds_io_when_there_is_some() -> None:
    tree = ast.parse(
        "import httpx\nCLIENT = httpx.AsyncClient()\n"
        "class A:\n    data = open('x').read()\n"
        "def f(engine=create_engine('sqlite://')):\n    return open('fine-at-call-time')\n"
    )
    names = sorted(_call_name(call) for call in _import_time_calls(tree))
    assert [name for name in names if name in IO_CALLS] == [
        "AsyncClient",
        "create_engine",
        "open",
    ]


# Imports every module with an audit hook; prints what it saw as JSON on stdout.
_AUDIT_SCRIPT = r"""
import importlib, json, os, pkgutil, sys
package_dir = sys.argv[1]
seen = []
def hook(event, args):
    if event == "open":
        path, mode, flags = str(args[0]), args[1], args[2]
        writes = (
            any(flag in mode for flag in "wax+")
            if isinstance(mode, str)
            else bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
        )
        if writes:
            seen.append(f"open {path} {mode or flags}")
        elif path.startswith(package_dir) and not path.endswith((".py", ".pyc")):
            seen.append(f"read {path}")
    elif event in ("socket.connect", "socket.bind", "sqlite3.connect", "subprocess.Popen"):
        seen.append(f"{event} {args[1:] if event.startswith('socket') else args[0]}")
import sinet_node
# Third-party import-time work is not ours to judge: httpcore imports trio when it is installed
# (the browser tests' selenium brings it), and trio runs ldconfig to find libpthread.
import httpcore
sys.addaudithook(hook)
names = [m.name for m in pkgutil.walk_packages(sinet_node.__path__, "sinet_node.")]
for name in names:
    importlib.import_module(name)
print(json.dumps({"modules": names, "seen": seen}))
"""


def test_importing_every_module_touches_no_file_socket_or_database() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _AUDIT_SCRIPT, str(PACKAGE_DIR)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "sinet_node.node" in report["modules"] and len(report["modules"]) > 50
    assert report["seen"] == [], "I/O at import:\n" + "\n".join(report["seen"])
