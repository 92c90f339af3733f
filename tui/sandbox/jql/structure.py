"""A parsed query as the `structure` of `POST /rest/api/3/jql/parse` (the `JqlQuery` schema).

Field and operand values come with their `encoded` forms: the text to paste back into a query,
quoted and escaped where JQL needs it.
"""

from __future__ import annotations

import re
from typing import Any

from tui.sandbox.jql.nodes import (
    And,
    Clause,
    Empty,
    Function,
    Not,
    Operand,
    Or,
    Query,
    Terminal,
    Value,
)
from tui.sandbox.jql.parser import RESERVED_WORDS

_SAFE = re.compile(r"""^[^\s"'=!<>()~,\[\]|&{}*/%+^$#@?;\\]+$""")


def encode(text: str) -> str:
    """`text` as it must be written in JQL: bare when it can be, else double-quoted."""
    if _SAFE.match(text) and text.lower() not in RESERVED_WORDS:
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _field(name: str) -> dict[str, Any]:
    return {"name": name, "encodedName": encode(name)}


def _operand(operand: Operand) -> dict[str, Any]:
    if isinstance(operand, Value):
        return {"value": operand.text, "encodedValue": encode(operand.text)}
    if isinstance(operand, Empty):
        return {"keyword": "empty"}
    if isinstance(operand, Function):
        args = ", ".join(encode(a) for a in operand.args)
        return {
            "function": operand.name,
            "arguments": list(operand.args),
            "encodedOperand": f"{operand.name}({args})",
        }
    values = [_operand(item) for item in operand.items]
    encoded = ", ".join(v.get("encodedValue") or v.get("encodedOperand") or "EMPTY" for v in values)
    return {"values": values, "encodedOperand": f"({encoded})"}


def clause_structure(node: Clause) -> dict[str, Any]:
    if isinstance(node, And | Or):
        return {
            "operator": "and" if isinstance(node, And) else "or",
            "clauses": [clause_structure(c) for c in node.clauses],
        }
    if isinstance(node, Not):
        return {"operator": "not", "clauses": [clause_structure(node.clause)]}
    assert isinstance(node, Terminal)
    return {
        "field": _field(node.field),
        "operator": node.operator,
        "operand": _operand(node.operand),
    }


def query_structure(query: Query) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if query.where is not None:
        out["where"] = clause_structure(query.where)
    if query.order_by is not None:
        fields: list[dict[str, Any]] = []
        for item in query.order_by:
            entry: dict[str, Any] = {"field": _field(item.field)}
            if item.direction:
                entry["direction"] = item.direction
            fields.append(entry)
        out["orderBy"] = {"fields": fields}
    return out


__all__ = ["clause_structure", "encode", "query_structure"]
