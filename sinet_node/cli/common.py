"""What every command shares: one-line errors, the data directory, async entry."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any, NoReturn

from sinet_node.config import ConfigError, Settings, load_settings, resolve_data_dir
from sinet_node.jsonio import loads


class CliError(Exception):
    """A failure the user can fix; printed as one line, exit status 1."""


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (plus exit 2), not a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="the node's data directory (default: $SINET_DATA_DIR)",
    )


def settings_from(args: argparse.Namespace) -> Settings:
    try:
        return load_settings(resolve_data_dir(args.data_dir))
    except ConfigError as exc:
        raise CliError(str(exc)) from exc


def read_json_file(path: str) -> Any:
    file = Path(path)
    if not file.is_file():
        raise CliError(f"{path}: no such file")
    try:
        return loads(file.read_bytes())
    except ValueError as exc:
        raise CliError(f"{path}: invalid JSON ({exc})") from exc


def run_async(coroutine: Coroutine[Any, Any, int | None]) -> int:
    return asyncio.run(coroutine) or 0


def say(message: str) -> None:
    """Human messages go to stderr, so --json stdout stays pure."""
    print(message, file=sys.stderr)


def print_listing(
    rows: Sequence[dict[str, Any]],
    *,
    as_json: bool,
    line: Callable[[dict[str, Any]], str],
    empty: str,
) -> int:
    """A listing command's output: the rows as JSON only, or a line each (``empty`` when
    there are none)."""
    if as_json:
        print(json.dumps(list(rows)))
        return 0
    for row in rows:
        print(line(row))
    if not rows:
        print(empty)
    return 0
