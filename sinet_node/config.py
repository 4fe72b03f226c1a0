"""Node settings: one TOML file in the data directory, read into a frozen dataclass.

A leaf module: anything but ``objects`` may import it. Nothing here touches the
network or the database; ``load_settings`` only reads the file it is given.

Errors: ``ConfigError`` (a message that says what to fix).
"""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CONFIG_FILE = "sinet.toml"
DATABASE_FILE = "sinet.db"

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# The kinds of organisation a node speaks for (every helix of the network), as written in
# sinet.toml and on the actor (`sinet:organisationType`), with the words people read.
# objects.vocab.ORGANISATION_TYPES lists the same values (config is a leaf; a test keeps
# the two equal).
ORGANISATION_KINDS: dict[str, str] = {
    "civil_society": "civil-society organisation",
    "municipality": "municipality",
    "public_authority": "public authority",
    "business": "business",
    "university": "university",
    "citizens_group": "citizens' group",
}
CITY_MAX_LENGTH = 100
INTRODUCTIONS = ("automatic", "approval")


class ConfigError(Exception):
    """The settings are missing or wrong; the message says what to fix."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    base_url: str
    name: str
    username: str
    database_url: str = ""
    allow_private: tuple[IPNetwork, ...] = ()
    summary: str = ""
    language: str = "en"
    timezone: str = "UTC"
    manually_approves_followers: bool = False
    authorized_fetch: bool = False
    signature_window_seconds: int = 3600
    first_retry_seconds: float = 10.0
    max_retry_seconds: float = 6 * 3600.0
    max_delivery_attempts: int = 12
    host_failure_threshold: int = 5
    delivery_concurrency: int = 32
    per_host_concurrency: int = 4
    request_timeout_seconds: float = 15.0
    poll_interval_seconds: float = 0.5
    ca_file: str = ""  # an extra CA bundle to trust (a private CA in a test network)
    icon_url: str = ""  # the organisation's logo (Mastodon's avatar)
    image_url: str = ""  # a header image (Mastodon's profile banner)
    profile_fields: tuple[tuple[str, str], ...] = field(default=())
    organisation_kind: str = ""  # one of ORGANISATION_KINDS, or "" when not said
    country: str = ""  # ISO 3166-1 alpha-2, upper case
    city: str = ""
    # How members introduced by others are accepted: "automatic", or "approval" by an admin.
    introductions: str = "automatic"
    # How often each member's directory is read again (anti-entropy); unreachable members
    # are tried with backoff up to this times 12.
    membership_check_seconds: float = 300.0

    @property
    def host(self) -> str:
        """host[:port] of BASE_URL, as used in handles and the Host header."""
        return urlsplit(self.base_url).netloc

    @property
    def handle(self) -> str:
        return f"{self.username}@{self.host}"

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{self.data_dir / DATABASE_FILE}"


def normalise_base_url(url: str) -> str:
    """Check BASE_URL is an http(s) origin and return it without a trailing slash."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"--url must be an http(s) origin like https://sinet.example.org, not {url!r}"
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ConfigError(f"--url must be an origin without a path, query or fragment, not {url!r}")
    return f"{parts.scheme}://{parts.netloc.lower()}"


def parse_allow_private(value: str) -> tuple[IPNetwork, ...]:
    """Parse a comma-separated list of IPs/CIDRs (``127.0.0.1,10.0.0.0/8``)."""
    networks: list[IPNetwork] = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise ConfigError(f"--allow-private: {item!r} is not an IP address or CIDR") from exc
    return tuple(networks)


def slugify_username(name: str) -> str:
    """A handle-safe username: "Municipality of Ohrid" -> "municipality_of_ohrid"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")
    return slug[:30] or "organisation"


USERNAME_PATTERN = re.compile(r"^[a-z0-9_]{1,30}$")


def validate_username(username: str) -> str:
    if not USERNAME_PATTERN.match(username):
        raise ConfigError(
            f"--username {username!r}: use 1-30 lower-case letters, digits or underscores"
        )
    return username


def _folded(value: str) -> str:
    return re.sub(r"[\s_-]+", "_", value.strip().lower().replace("'", ""))


def validate_organisation_kind(value: str) -> str:
    """One of ORGANISATION_KINDS; the words people read ("citizens' group") are accepted too."""
    if not value:
        return ""
    wanted = _folded(value)
    for key, label in ORGANISATION_KINDS.items():
        if wanted in (key, _folded(label)):
            return key
    raise ConfigError(f"--kind {value!r}: choose one of {', '.join(ORGANISATION_KINDS)}")


def validate_country(value: str) -> str:
    """An assigned ISO 3166-1 alpha-2 code, upper case ("" when not said)."""
    import pycountry  # only when a country is given: its tables are large

    code = value.strip().upper()
    if not code:
        return ""
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise ConfigError(
            f"--country {value!r}: give the ISO 3166-1 alpha-2 code, two letters like MK or IT"
        )
    if pycountry.countries.get(alpha_2=code) is None:
        hint = {"UK": " (use GB)", "EL": " (use GR)"}.get(code, "")
        raise ConfigError(f"--country {value!r}: not an ISO 3166-1 country code{hint}")
    return code


def validate_city(value: str) -> str:
    city = " ".join(value.split())
    if len(city) > CITY_MAX_LENGTH:
        raise ConfigError(f"--city: at most {CITY_MAX_LENGTH} characters, not {len(city)}")
    if any(not char.isprintable() for char in city):
        raise ConfigError("--city: only printable characters, please")
    return city


def resolve_data_dir(value: str | None) -> Path:
    raw = value or os.environ.get("SINET_DATA_DIR")
    if not raw:
        raise ConfigError("no data directory: pass --data-dir DIR or set SINET_DATA_DIR")
    return Path(raw).expanduser().resolve()


def load_settings(data_dir: Path) -> Settings:
    """Read DATA_DIR/sinet.toml; ConfigError if it is missing or invalid."""
    path = data_dir / CONFIG_FILE
    if not path.is_file():
        raise ConfigError(
            f"{data_dir} is not a SINet node data directory (no {CONFIG_FILE}); "
            "create one with `sinet-node init`"
        )
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    return settings_from_mapping(data_dir, raw)


def settings_from_mapping(data_dir: Path, raw: dict[str, Any]) -> Settings:
    known = {f.name for f in fields(Settings)} - {"data_dir"}
    unknown = set(raw) - known
    if unknown:
        raise ConfigError(f"{CONFIG_FILE}: unknown setting(s) {', '.join(sorted(unknown))}")
    for required in ("base_url", "name", "username"):
        if not raw.get(required):
            raise ConfigError(f"{CONFIG_FILE}: missing required setting {required!r}")
    values = dict(raw)
    values["base_url"] = normalise_base_url(str(values["base_url"]))
    values["username"] = validate_username(str(values["username"]))
    values["allow_private"] = parse_allow_private(",".join(values.get("allow_private", [])))
    for key, check in (
        ("organisation_kind", validate_organisation_kind),
        ("country", validate_country),
        ("city", validate_city),
    ):
        try:
            values[key] = check(str(values.get(key, "")))
        except ConfigError as exc:
            raise ConfigError(f"{CONFIG_FILE}: {key}: {str(exc).split(': ', 1)[1]}") from exc
    if values.get("introductions", "automatic") not in INTRODUCTIONS:
        raise ConfigError(
            f"{CONFIG_FILE}: introductions must be one of {', '.join(INTRODUCTIONS)}, "
            f"not {values['introductions']!r}"
        )
    values["profile_fields"] = tuple(
        (str(pair[0]), str(pair[1])) for pair in values.get("profile_fields", [])
    )
    try:
        return Settings(data_dir=data_dir, **values)
    except TypeError as exc:
        raise ConfigError(f"{CONFIG_FILE}: {exc}") from exc


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def dump_settings(settings: Settings) -> str:
    """The TOML text of a Settings (without data_dir, which is where the file lives)."""
    values = asdict(settings)
    values.pop("data_dir")
    values["allow_private"] = [str(net) for net in settings.allow_private]
    values["profile_fields"] = [list(pair) for pair in settings.profile_fields]
    lines = ["# SINet Node settings. Edit and restart the node to apply."]
    lines += [f"{key} = {_toml_value(value)}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


def write_settings(settings: Settings) -> Path:
    path = settings.data_dir / CONFIG_FILE
    path.write_text(dump_settings(settings), encoding="utf-8")
    return path
