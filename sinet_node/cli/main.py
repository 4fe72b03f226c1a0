"""The `sinet-node` command (contract: shared/CLI.md)."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from sinet_node.cli.common import CliError, OneLineParser, add_data_dir, run_async

Command = Callable[[argparse.Namespace], Coroutine[Any, Any, int]]


def _load(handler: str) -> Command:
    """Import a command's module only when it runs: `--help` and `status` stay quick."""
    module, _, name = handler.rpartition(".")
    command: Command = getattr(importlib.import_module(f"sinet_node.cli.{module}"), name)
    return command


def _command(
    subparsers: argparse._SubParsersAction[OneLineParser],
    name: str,
    handler: str,
    help_text: str,
) -> OneLineParser:
    parser = subparsers.add_parser(name, help=help_text, description=help_text)
    add_data_dir(parser)
    parser.set_defaults(handler=handler)
    return parser


def build_parser() -> OneLineParser:
    parser = OneLineParser(
        prog="sinet-node",
        description="Run a SINet node: publish practices, events and calls for volunteers "
        "as ActivityPub objects and federate with other nodes and the Fediverse.",
        epilog="Every command takes --data-dir DIR (default: $SINET_DATA_DIR). "
        "See sinet-node COMMAND --help.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)

    init = _command(
        sub, "init", "setup_commands.init", "create a node's data directory, database and keys"
    )
    init.add_argument("--url", required=True, help="public origin, e.g. https://sinet.ohrid.mk")
    init.add_argument("--name", required=True, help="the organisation's display name")
    init.add_argument("--username", help="handle user part (default: a slug of the name)")
    init.add_argument(
        "--allow-private",
        metavar="LIST",
        help="comma-separated IPs/CIDRs this node may reach although private (tests only)",
    )
    init.add_argument("--database-url", help="SQLAlchemy URL (default: SQLite in the data dir)")
    init.add_argument("--language", default="en", help="default content language (BCP 47)")
    init.add_argument("--timezone", default="UTC", help="the node's IANA time zone")
    init.add_argument("--summary", help="a short description of the organisation")
    init.add_argument(
        "--kind",
        help="kind of organisation: civil_society, municipality, public_authority, business, "
        "university or citizens_group",
    )
    init.add_argument("--country", help="the organisation's country (ISO 3166-1 alpha-2, e.g. MK)")
    init.add_argument("--city", help="the organisation's city or municipality")
    init.add_argument("--icon", metavar="FILE_OR_URL", help="the organisation's logo (PNG/JPEG)")
    init.add_argument("--header-image", metavar="FILE_OR_URL", help="a profile header image")
    init.add_argument(
        "--approve-followers", action="store_true", help="hold follow requests for approval"
    )

    run = _command(sub, "run", "setup_commands.run", "serve the web app and run the workers")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8100)

    publish = _command(
        sub, "publish", "publish_commands.publish", "publish a practice, event or call"
    )
    publish.add_argument("kind", choices=["practice", "event", "call"])
    publish.add_argument("file", metavar="FILE.json")

    update = _command(
        sub, "update", "publish_commands.update", "update a published object (sends Update)"
    )
    update.add_argument("id", metavar="ID")
    update.add_argument("file", metavar="FILE.json")

    delete = _command(
        sub, "delete", "publish_commands.delete", "delete a published object (sends Delete)"
    )
    delete.add_argument("id", metavar="ID")

    pin = _command(sub, "pin", "publish_commands.pin", "feature an object on the profile (Add)")
    pin.add_argument("id", metavar="ID")
    unpin = _command(sub, "unpin", "publish_commands.unpin", "stop featuring it (Remove)")
    unpin.add_argument("id", metavar="ID")

    share = _command(
        sub,
        "share",
        "publish_commands.share",
        "share (Announce) an object to followers, with its author's proof",
    )
    share.add_argument("id", metavar="ID")

    rotate = _command(
        sub,
        "rotate-keys",
        "key_commands.rotate_keys",
        "new keys under new key ids; sends Update of the actor",
    )
    rotate.add_argument(
        "--grace-days",
        type=float,
        default=7.0,
        metavar="DAYS",
        help="how long the old keys stay published so what they signed still verifies (default 7)",
    )

    follow = _command(sub, "follow", "follow_commands.follow", "follow an actor URL or user@host")
    follow.add_argument("target", metavar="TARGET")
    unfollow = _command(sub, "unfollow", "follow_commands.unfollow", "stop following (sends Undo)")
    unfollow.add_argument("target", metavar="TARGET")

    requests = _command(sub, "requests", "follow_commands.requests", "list pending follow requests")
    requests.add_argument("--json", action="store_true", help="print JSON only")
    approve = _command(sub, "approve", "follow_commands.approve", "accept a pending follow request")
    approve.add_argument("actor", metavar="ACTOR")
    reject = _command(sub, "reject", "follow_commands.reject", "reject a pending follow request")
    reject.add_argument("actor", metavar="ACTOR")

    status = _command(
        sub, "status", "look_commands.status", "show the node's actor, follows and deliveries"
    )
    status.add_argument("--json", action="store_true", help="print JSON only")
    objects = _command(sub, "objects", "look_commands.objects", "list stored objects")
    objects.add_argument("--json", action="store_true", help="print JSON only")
    objects.add_argument("--remote", action="store_true", help="only objects from other servers")
    _network_commands(sub)
    _admin_commands(sub)
    return parser


def _network_commands(sub: argparse._SubParsersAction[OneLineParser]) -> None:
    join = _command(
        sub,
        "join",
        "network_commands.join",
        "join the network through any member (its URL or an organisation's handle)",
    )
    join.add_argument("target", metavar="URL_OR_HANDLE")
    join.add_argument("--json", action="store_true", help="print the summary as JSON only")
    network = _command(
        sub, "network", "network_commands.network", "list the other members this node knows"
    )
    network.add_argument("--json", action="store_true", help="print JSON only")
    network.add_argument(
        "--approve", metavar="NODE", help="welcome a member whose introduction waits for approval"
    )
    network.add_argument("--reject", metavar="NODE", help="turn such an introduction down")
    _command(sub, "leave", "network_commands.leave", "announce that this node leaves the network")


def _admin_commands(sub: argparse._SubParsersAction[OneLineParser]) -> None:
    admin = sub.add_parser(
        "admin",
        help="accounts that log in to the admin pages",
        description="Accounts that log in to the node's admin pages in the browser.",
        epilog="Every action takes --data-dir DIR (default: $SINET_DATA_DIR). "
        "See sinet-node admin ACTION --help.",
    )
    admin_sub = admin.add_subparsers(
        dest="admin_command", metavar="ACTION", parser_class=OneLineParser, required=True
    )
    create = _command(
        admin_sub,
        "create",
        "admin_commands.create",
        "create an account; prints a one-time password",
    )
    create.add_argument("--email", required=True, help="the person's email address")
    create.add_argument("--role", default="admin", choices=["admin", "editor"])
    reset = _command(
        admin_sub,
        "reset-password",
        "admin_commands.reset_password",
        "give an account a new one-time password (ends its sessions)",
    )
    reset.add_argument("--email", required=True)
    listing = _command(admin_sub, "list", "admin_commands.list_accounts", "list the accounts")
    listing.add_argument("--json", action="store_true", help="print JSON only")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        # A failing command prints one line (CLI.md), also when the command is missing.
        parser.error("choose a COMMAND")
    try:
        return run_async(_load(args.handler)(args))
    except CliError as exc:
        command = " ".join(filter(None, (args.command, getattr(args, "admin_command", None))))
        print(f"sinet-node {command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
