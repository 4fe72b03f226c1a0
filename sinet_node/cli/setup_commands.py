"""`init` and `run`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
from collections.abc import Generator
from dataclasses import replace

import uvicorn

from sinet_node.cli.common import CliError, say, settings_from
from sinet_node.config import (
    CONFIG_FILE,
    ConfigError,
    Settings,
    normalise_base_url,
    parse_allow_private,
    resolve_data_dir,
    slugify_username,
    validate_city,
    validate_country,
    validate_organisation_kind,
    validate_username,
)
from sinet_node.federation.media import MediaError, store_image
from sinet_node.federation.membership.keeper import Keeper
from sinet_node.federation.worker import Worker
from sinet_node.node import create_node_files, open_node, release_stale_claims, urls_for
from sinet_node.web.app import create_app

# CLI.md: `run` exits within 5 s of SIGTERM. Both budgets count from the signal and run
# side by side: the server closes its connections while the worker finishes its pass.
SERVER_GRACE_SECONDS = 2
SHUTDOWN_GRACE_SECONDS = 3.0


async def init(args: argparse.Namespace) -> int:
    try:
        data_dir = resolve_data_dir(args.data_dir)
        if (data_dir / CONFIG_FILE).exists():
            raise CliError(f"{data_dir} already holds a node; its keys are never regenerated")
        settings = Settings(
            data_dir=data_dir,
            base_url=normalise_base_url(args.url),
            name=args.name.strip(),
            username=validate_username(args.username)
            if args.username
            else slugify_username(args.name),
            allow_private=parse_allow_private(args.allow_private or ""),
            database_url=args.database_url or "",
            language=args.language,
            timezone=args.timezone,
            manually_approves_followers=args.approve_followers,
            summary=args.summary or "",
            organisation_kind=validate_organisation_kind(args.kind or ""),
            country=validate_country(args.country or ""),
            city=validate_city(args.city or ""),
        )
    except ConfigError as exc:
        raise CliError(str(exc)) from exc
    if not settings.name:
        raise CliError("--name must not be empty")
    settings = _with_images(settings, args.icon, args.header_image)
    await create_node_files(settings)
    print(f"Initialised {settings.name} in {data_dir}")
    print(f"Handle: @{settings.handle}")
    print(f"Actor: {settings.base_url}/users/{settings.username}")
    return 0


def _with_images(settings: Settings, icon: str | None, header: str | None) -> Settings:
    """Copy a logo / header image given as a file into the node's media, or keep a URL."""
    urls = urls_for(settings)
    media_dir = settings.data_dir / "media"
    try:
        icon_url = store_image(icon, media_dir, urls.media).url if icon else ""
        image_url = store_image(header, media_dir, urls.media).url if header else ""
    except MediaError as exc:
        raise CliError(str(exc).replace("image:", "--icon/--header-image:", 1)) from exc
    return replace(settings, icon_url=icon_url, image_url=image_url)


class _Server(uvicorn.Server):
    """uvicorn without its own signal handling: `run` stops the server and the worker together."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


async def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    async with open_node(settings) as node:
        await release_stale_claims(node)
        server = _Server(
            uvicorn.Config(
                create_app(node),
                host=args.host,
                port=args.port,
                lifespan="off",
                timeout_graceful_shutdown=SERVER_GRACE_SECONDS,
                log_level="info",
                access_log=False,
                proxy_headers=True,
            )
        )
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        stop_requested_at: float | None = None

        def request_stop() -> None:
            nonlocal stop_requested_at
            if stop_requested_at is None:
                stop_requested_at = loop.time()
            server.should_exit = True
            stop.set()

        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, request_stop)
        worker = asyncio.create_task(Worker(node).run_forever(stop))
        keeper = asyncio.create_task(Keeper(node).run_forever(stop))
        say(
            f"Serving {settings.name} at {settings.base_url} (listening on {args.host}:{args.port})"
        )
        try:
            await server.serve()
        finally:
            stop.set()
            # Whatever the server's close took comes off the worker's allowance; without
            # this a slow client (2 s) plus hanging deliveries (3 s) overran the 5 s.
            since = stop_requested_at if stop_requested_at is not None else loop.time()
            remaining = max(0.0, SHUTDOWN_GRACE_SECONDS - (loop.time() - since))
            # In-flight deliveries cut off here are retried after restart (at-least-once).
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.gather(worker, keeper), remaining)
    return 0
