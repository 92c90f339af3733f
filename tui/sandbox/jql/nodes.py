"""The JQL syntax tree: clauses joined by AND/OR/NOT, terminal clauses, operands, ORDER BY.

Plain frozen dataclasses; `parser.py` builds them, `evaluate.py` compiles them to predicates and
`structure.py` renders them as the `jql/parse` structure.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Value:
    text: str
    quoted: bool
    pos: int
    raw: str  # as written, for error messages and `encodedValue`


@dataclass(frozen=True)
class Empty:
    pos: int
    raw: str  # EMPTY or NULL, as written


@dataclass(frozen=True)
class Function:
    name: str
    args: tuple[str, ...]
    pos: int
    raw: str  # `startOfDay(-1d)` as written


@dataclass(frozen=True)
class ListOperand:
    items: tuple[Value | Empty | Function, ...]
    pos: int
    raw: str


Operand = Value | Empty | Function | ListOperand


@dataclass(frozen=True)
class Terminal:
    field: str  # as written (unquoted content)
    field_raw: str
    operator: str  # lower case: "=", "!=", "in", "not in", "is", "is not", "~", ...
    operand: Operand
    pos: int


@dataclass(frozen=True)
class And:
    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class Or:
    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class Not:
    clause: Clause


Clause = Terminal | And | Or | Not


@dataclass(frozen=True)
class OrderField:
    field: str
    field_raw: str
    direction: str | None  # "asc", "desc" or None for the field's default
    pos: int


@dataclass(frozen=True)
class Query:
    where: Clause | None
    order_by: tuple[OrderField, ...] | None  # None: no ORDER BY at all
