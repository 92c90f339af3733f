"""JQL errors in Jira's own wording: syntax errors carry a position, validation errors do not.

`JqlError` is what `compile_jql` raises; `messages` lists every problem (Jira's 400 body puts
each one in `errorMessages`). Message builders live here so the wording is in one place.
"""

from __future__ import annotations


class JqlError(Exception):
    """A query Jira would refuse. `position` is the 0-based offset of a syntax error."""

    def __init__(
        self, message: str, position: int | None = None, messages: list[str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.messages = list(messages) if messages else [message]

    def __str__(self) -> str:
        return self.message


def where(text: str, position: int) -> str:
    """Jira's `(line L, character C)` suffix: both 1-based, characters counted within the line."""
    before = text[:position]
    line = before.count("\n") + 1
    column = position - (before.rfind("\n") + 1) + 1
    return f"(line {line}, character {column})"


def syntax_error(text: str, position: int, detail: str) -> JqlError:
    return JqlError(f"Error in the JQL Query: {detail} {where(text, position)}", position)


def eof_error(detail: str, position: int) -> JqlError:
    return JqlError(f"Error in the JQL Query: {detail}", position)


def unknown_field(name: str) -> str:
    return f"Field '{name}' does not exist or you do not have permission to view it."


def unknown_function(name: str) -> str:
    return f"Unable to find JQL function '{name}()'."


def unknown_value(value: str, field: str) -> str:
    return f"The value '{value}' does not exist for the field '{field}'."


def unsupported_operator(operator: str, field: str) -> str:
    return f"The operator '{operator}' is not supported by the '{field}' field."


def invalid_date(value: str, field: str) -> str:
    return (
        f"Date value '{value}' for field '{field}' is invalid. Valid formats include: "
        "'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', "
        "or a period format e.g. '-5d', '4w 2d'."
    )
