"""Why an outgoing request failed: one hierarchy for the guarded transport and the fetcher.

It lives apart from ``fetch`` because the transport raises the first five and
``fetch`` builds on the transport.

    FetchError                 anything that stopped an outgoing request
    +-- ForbiddenAddress       the host resolves only to addresses the policy refuses
    +-- SchemeNotAllowed       not https (http only for allow-listed addresses), or no http(s)
    +-- ResolveFailed          the host name did not resolve
    +-- ConnectFailed          connecting, TLS, or the connection broke / spoke broken HTTP
    +-- FetchTimeout           a per-phase timeout or the fetch's total deadline passed
    +-- InvalidURL             the URL (or a redirect's Location) cannot be parsed
    +-- ResponseTooLarge       the body is over the cap, counted after decompression
    +-- TooManyRedirects       more redirects than allowed
    +-- BadStatus              a non-2xx final status (.status, .retry_after)
    +-- NotActivityStreams     a Content-Type we did not ask for
    +-- InvalidDocument        not a JSON object (or an encoding we cannot decode)
    +-- IdMismatch             the document's id is not the URL it came from
"""

from __future__ import annotations


class FetchError(Exception):
    """An outgoing request failed; the subclass says why."""


class ForbiddenAddress(FetchError):
    """No resolved address of the host is one the node may connect to."""


class SchemeNotAllowed(FetchError):
    """The URL's scheme is not allowed for this host."""


class ResolveFailed(FetchError):
    """The host name could not be resolved."""


class ConnectFailed(FetchError):
    """Could not connect (or TLS failed), or the connection broke mid-exchange."""


class FetchTimeout(FetchError):
    """A timeout or the total deadline passed."""


class InvalidURL(FetchError):
    """The URL is malformed."""


class ResponseTooLarge(FetchError):
    """The response body is larger than allowed."""


class TooManyRedirects(FetchError):
    """The redirect chain is longer than allowed."""


class BadStatus(FetchError):
    """The final response's status was not 2xx."""

    def __init__(self, url: str, status: int, retry_after: str | None = None) -> None:
        super().__init__(f"{url} answered {status}")
        self.url = url
        self.status = status
        self.retry_after = retry_after


class NotActivityStreams(FetchError):
    """The response's Content-Type is not one we asked for."""


class InvalidDocument(FetchError):
    """The body is not a JSON object we can read."""


class IdMismatch(FetchError):
    """The document's ``id`` is not the URL it was fetched from."""


def is_permanent(error: FetchError) -> bool:
    """Whether fetching the same URL again can only fail the same way.

    Not found or gone, an address or scheme we refuse, a URL that cannot be parsed, or a
    document that is not what it claims: retrying would only repeat the request.
    """
    if isinstance(error, BadStatus):
        return error.status in (404, 410)
    return isinstance(
        error,
        ForbiddenAddress
        | SchemeNotAllowed
        | InvalidURL
        | IdMismatch
        | NotActivityStreams
        | InvalidDocument
        | ResponseTooLarge,
    )
