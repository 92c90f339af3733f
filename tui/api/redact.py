"""Secrets kept out of sight: a `Secret` wrapper whose repr hides it, and log redaction.

Every credential the process holds is registered here; `install_log_redaction()` rewrites any
log record that would contain one (in any of the forms that travel: plain, Basic base64).
"""

from __future__ import annotations

import base64
import logging
import threading
from collections.abc import Callable
from typing import Any

MASK = "********"


class Secret:
    """A credential. `str()` and `repr()` show a mask; only `reveal()` gives the value."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value
        register(value)

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret({MASK!r})"

    __str__ = __repr__

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __reduce__(self) -> Any:
        raise TypeError("a Secret cannot be pickled")


_lock = threading.Lock()
_secrets: set[str] = set()


def register(value: str, *, user: str | None = None) -> None:
    """Remember `value` (and its Basic-auth form with `user`) so that it is redacted everywhere."""
    if len(value) < 4:  # too short to redact without mangling ordinary text
        return
    forms = {value}
    if user is not None:
        forms.add(base64.b64encode(f"{user}:{value}".encode()).decode("ascii"))
    with _lock:
        _secrets.update(forms)


def redact(text: str) -> str:
    """`text` with every registered secret replaced by a mask."""
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    return text


_installed = False


def install_log_redaction() -> None:
    """Wrap the log record factory once, so that every record from every logger is redacted."""
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
    previous: Callable[..., logging.LogRecord] = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        if _secrets:
            try:
                message = record.getMessage()
            except (TypeError, ValueError):  # a broken format string is not ours to fix
                return record
            cleaned = redact(message)
            if cleaned != message or record.args:
                record.msg, record.args = cleaned, None
        return record

    logging.setLogRecordFactory(factory)
