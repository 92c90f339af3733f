"""What can go wrong between the store and a server, as typed errors screens can show.

Every error carries a message fit for a person; none carries a secret (the store redacts).
"""

from __future__ import annotations


class StoreError(Exception):
    """Base of everything the store raises. `message` is what the user reads."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class JqlError(StoreError):
    """The server refused the JQL; `position` is a 0-based offset into it when known."""

    def __init__(self, message: str, *, position: int | None = None) -> None:
        super().__init__(message, status=400)
        self.position = position


class ValidationError(StoreError):
    """400 with field errors: `errors` maps a field id to the server's message."""

    def __init__(self, message: str, *, errors: dict[str, str] | None = None) -> None:
        super().__init__(message, status=400)
        self.errors = errors or {}


class AuthError(StoreError):
    """401: wrong credentials, an expired session that could not be renewed, or a CAPTCHA."""


class CaptchaRequired(AuthError):
    """`X-Seraph-LoginReason: AUTHENTICATION_DENIED`: clear the CAPTCHA in a browser first."""


class Forbidden(StoreError):
    """403: authenticated, but not allowed."""


class NotFound(StoreError):
    """404."""


class Conflict(StoreError):
    """409."""


class RateLimited(StoreError):
    """429 that outlasted the retries."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message, status=429)
        self.retry_after = retry_after


class ServerError(StoreError):
    """5xx, or a body that is not what the API documents (HTML, truncated JSON)."""


class ResponseTooLarge(ServerError):
    """An answer bigger than the profile's `max_response_mb`: the read stopped at the cap."""

    def __init__(self, message: str, *, status: int | None = None, limit_bytes: int = 0) -> None:
        super().__init__(message, status=status)
        self.limit_bytes = limit_bytes


class NetworkError(StoreError):
    """The request never reached the server (connect error, DNS, refused)."""


class AmbiguousFailure(StoreError):
    """A non-idempotent request was sent but no answer came: it may or may not have applied."""


class InsecureTransport(StoreError):
    """Basic or bearer credentials over plain http to a host that is not loopback."""


class Unsupported(StoreError):
    """The server's API shape (e.g. the legacy 2.0.alpha1) has no way to make this change."""
