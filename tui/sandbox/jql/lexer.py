"""The JQL tokenizer: words, quoted strings, operators, parentheses, commas and positions.

Follows Jira's lexer: an unquoted word stops at whitespace and at `" ' = ! < > ( ) ~ , [ ] | &`;
`{ } * / % + ^ $ # @ ? ;` are reserved and must be quoted; `&&`/`&` mean AND, `||`/`|` OR,
`!` NOT. Keywords (AND, IN, EMPTY, ...) stay words here; the parser knows them unquoted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tui.sandbox.jql.errors import JqlError, syntax_error

TokenKind = Literal["word", "string", "(", ")", ",", "op", "and", "or", "not", "eof"]

_STOP = set(" \t\r\n\f\v\"'=!<>()~,[]|&")
_RESERVED = set("{}*/%+^$#@?;")
_ESCAPES = {'"': '"', "'": "'", "\\": "\\", "t": "\t", "n": "\n", "r": "\r", " ": " "}


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    text: str  # the value: unescaped word or string content, or the operator itself
    pos: int  # 0-based offset of the token's first character
    raw: str  # exactly as written, quotes included

    def shown(self) -> str:
        """How Jira quotes the token back in an error message."""
        return self.raw if self.kind != "eof" else ""


def _escape(text: str, i: int) -> tuple[str, int]:
    """Decode the escape at `text[i] == '\\'`; return the character and the next index."""
    if i + 1 >= len(text):
        raise syntax_error(text, i, "The escape sequence '\\' at the end of the query is invalid.")
    ch = text[i + 1]
    if ch in _ESCAPES:
        return _ESCAPES[ch], i + 2
    if ch == "u":
        digits = text[i + 2 : i + 6]
        if len(digits) == 4 and all(c in "0123456789abcdefABCDEF" for c in digits):
            return chr(int(digits, 16)), i + 6
    raise syntax_error(text, i, f"Illegal escape sequence '\\{ch}' in the string.")


def _quoted(text: str, start: int) -> tuple[Token, int]:
    quote = text[start]
    i = start + 1
    out: list[str] = []
    while i < len(text):
        ch = text[i]
        if ch == quote:
            return Token("string", "".join(out), start, text[start : i + 1]), i + 1
        if ch == "\\":
            decoded, i = _escape(text, i)
            out.append(decoded)
            continue
        out.append(ch)
        i += 1
    raise syntax_error(
        text, start, f"The quoted string '{text[start + 1 :]}' has not been completed."
    )


def _word(text: str, start: int) -> tuple[Token, int]:
    i = start
    out: list[str] = []
    while i < len(text):
        ch = text[i]
        if ch in _STOP or ord(ch) < 32:
            break
        if ch in _RESERVED:
            raise syntax_error(
                text,
                i,
                f"The character '{ch}' is a reserved JQL character. You must enclose it in a "
                f"string or use the escape '\\u{ord(ch):04x}' instead.",
            )
        if ch == "\\":
            decoded, i = _escape(text, i)
            out.append(decoded)
            continue
        out.append(ch)
        i += 1
    word = "".join(out)
    # `cf[10000]`: a custom field reference is one word, so the field check can name it.
    if word.lower() == "cf" and text.startswith("[", i):
        end = text.find("]", i)
        if end > i and text[i + 1 : end].isdigit():
            return Token("word", text[start : end + 1], start, text[start : end + 1]), end + 1
    return Token("word", word, start, text[start:i]), i


def tokenize(text: str) -> list[Token]:
    """Every token of `text`, ending with one `eof` token; raises `JqlError` on bad input."""
    tokens: list[Token] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        two = text[i : i + 2]
        if ch in "\"'":
            token, i = _quoted(text, i)
        elif two in ("!=", "!~", "<=", ">="):
            token, i = Token("op", two, i, two), i + 2
        elif ch in "=<>~":
            token, i = Token("op", ch, i, ch), i + 1
        elif two == "&&" or two == "||":
            token, i = Token("and" if ch == "&" else "or", two, i, two), i + 2
        elif ch in "&|":
            token, i = Token("and" if ch == "&" else "or", ch, i, ch), i + 1
        elif ch == "!":
            token, i = Token("not", ch, i, ch), i + 1
        elif ch in "(),":
            kind: TokenKind = "(" if ch == "(" else ")" if ch == ")" else ","
            token, i = Token(kind, ch, i, ch), i + 1
        elif ch in "[]":
            raise syntax_error(
                text,
                i,
                f"The character '{ch}' is a reserved JQL character. You must enclose it in a "
                f"string or use the escape '\\u{ord(ch):04x}' instead.",
            )
        else:
            token, i = _word(text, i)
            if not token.raw:  # a control character on its own
                raise syntax_error(text, i, f"The character '\\u{ord(ch):04x}' is not allowed.")
        tokens.append(token)
    tokens.append(Token("eof", "", n, ""))
    return tokens


__all__ = ["JqlError", "Token", "TokenKind", "tokenize"]
