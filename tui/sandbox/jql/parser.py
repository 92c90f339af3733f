"""The JQL parser: tokens -> `nodes.Query`, with Jira's syntax error messages and positions.

Precedence as in Jira: NOT binds tightest, then AND, then OR; parentheses group. Keywords are
case-insensitive and only count unquoted; other reserved words must be quoted to be used.
"""

from __future__ import annotations

from tui.sandbox.jql.errors import JqlError, eof_error, syntax_error
from tui.sandbox.jql.lexer import Token, tokenize
from tui.sandbox.jql.nodes import (
    And,
    Clause,
    Empty,
    Function,
    ListOperand,
    Not,
    Operand,
    Or,
    OrderField,
    Query,
    Terminal,
    Value,
)

KEYWORDS = frozenset(
    [
        "and",
        "or",
        "not",
        "in",
        "is",
        "empty",
        "null",
        "order",
        "by",
        "asc",
        "desc",
        "was",
        "changed",
    ]
)

# Jira's reserved words (JqlStringSupportImpl); unquoted, they are refused.
RESERVED_WORDS = frozenset(
    [
        "abort",
        "access",
        "add",
        "after",
        "alias",
        "all",
        "alter",
        "and",
        "any",
        "are",
        "as",
        "asc",
        "audit",
        "avg",
        "before",
        "begin",
        "between",
        "boolean",
        "break",
        "by",
        "byte",
        "catch",
        "cf",
        "char",
        "character",
        "check",
        "checkpoint",
        "collate",
        "collation",
        "column",
        "commit",
        "connect",
        "continue",
        "count",
        "create",
        "current",
        "date",
        "decimal",
        "declare",
        "decrement",
        "default",
        "defaults",
        "define",
        "delete",
        "delimiter",
        "desc",
        "difference",
        "distinct",
        "divide",
        "do",
        "double",
        "drop",
        "else",
        "empty",
        "encoding",
        "end",
        "equals",
        "escape",
        "exclusive",
        "exec",
        "execute",
        "exists",
        "explain",
        "false",
        "fetch",
        "file",
        "field",
        "first",
        "float",
        "for",
        "from",
        "function",
        "go",
        "goto",
        "grant",
        "greater",
        "group",
        "having",
        "identified",
        "if",
        "immediate",
        "in",
        "increment",
        "index",
        "initial",
        "inner",
        "inout",
        "input",
        "insert",
        "int",
        "integer",
        "intersect",
        "intersection",
        "into",
        "is",
        "isempty",
        "isnull",
        "join",
        "last",
        "left",
        "less",
        "like",
        "limit",
        "lock",
        "long",
        "max",
        "min",
        "minus",
        "mode",
        "modify",
        "modulo",
        "more",
        "multiply",
        "next",
        "noaudit",
        "not",
        "notin",
        "nowait",
        "null",
        "number",
        "object",
        "of",
        "on",
        "option",
        "or",
        "order",
        "outer",
        "output",
        "power",
        "previous",
        "prior",
        "privileges",
        "public",
        "raise",
        "raw",
        "remainder",
        "rename",
        "resource",
        "return",
        "returns",
        "revoke",
        "right",
        "row",
        "rowid",
        "rownum",
        "rows",
        "select",
        "session",
        "set",
        "share",
        "size",
        "sqrt",
        "start",
        "strict",
        "string",
        "subtract",
        "sum",
        "synonym",
        "table",
        "then",
        "to",
        "trans",
        "transaction",
        "trigger",
        "true",
        "uid",
        "union",
        "unique",
        "update",
        "user",
        "validate",
        "values",
        "view",
        "when",
        "whenever",
        "where",
        "while",
        "with",
    ]
)

OPERATORS_HINT = (
    "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', "
    "'IS' and 'IS NOT'."
)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0

    # -- helpers -------------------------------------------------------------------------
    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[min(self.i + ahead, len(self.tokens) - 1)]

    def take(self) -> Token:
        token = self.tokens[self.i]
        if token.kind != "eof":
            self.i += 1
        return token

    @staticmethod
    def keyword(token: Token, *words: str) -> bool:
        return token.kind == "word" and token.text.lower() in words

    def error(self, token: Token, detail: str) -> JqlError:
        return syntax_error(self.text, token.pos, detail)

    def reserved(self, token: Token) -> JqlError:
        return self.error(
            token,
            f"'{token.text}' is a reserved JQL word. You must surround it in quotation marks "
            "to use it in a query.",
        )

    # -- grammar -------------------------------------------------------------------------
    def query(self) -> Query:
        where: Clause | None = None
        if self.peek().kind != "eof" and not self.keyword(self.peek(), "order"):
            where = self.or_clause()
        order_by: tuple[OrderField, ...] | None = None
        if self.keyword(self.peek(), "order"):
            order_by = self.order_by()
        token = self.peek()
        if token.kind != "eof":
            raise self.error(token, f"Expecting either 'OR' or 'AND' but got '{token.shown()}'.")
        return Query(where, order_by)

    def or_clause(self) -> Clause:
        clauses = [self.and_clause()]
        while self.peek().kind == "or" or self.keyword(self.peek(), "or"):
            self.take()
            clauses.append(self.and_clause())
        return clauses[0] if len(clauses) == 1 else Or(tuple(clauses))

    def and_clause(self) -> Clause:
        clauses = [self.not_clause()]
        while self.peek().kind == "and" or self.keyword(self.peek(), "and"):
            self.take()
            clauses.append(self.not_clause())
        return clauses[0] if len(clauses) == 1 else And(tuple(clauses))

    def not_clause(self) -> Clause:
        token = self.peek()
        if token.kind == "not" or self.keyword(token, "not"):
            self.take()
            return Not(self.not_clause())
        if token.kind == "(":
            self.take()
            inner = self.or_clause()
            close = self.peek()
            if close.kind == "eof":
                raise eof_error("Expecting ')' before the end of the query.", close.pos)
            if close.kind != ")":
                raise self.error(
                    close, f"Expecting either 'OR' or 'AND' but got '{close.shown()}'."
                )
            self.take()
            return inner
        return self.terminal()

    def field_name(self) -> Token:
        token = self.peek()
        if token.kind == "eof":
            raise eof_error("Expecting a field name at the end of the query.", token.pos)
        if token.kind == "string":
            return self.take()
        if token.kind == "word":
            lowered = token.text.lower()
            if lowered in KEYWORDS:
                raise self.error(
                    token,
                    f"Expecting a field name but got '{token.shown()}'. You must surround "
                    f"'{token.shown()}' in quotation marks to use it as a field name.",
                )
            if lowered in RESERVED_WORDS:
                raise self.reserved(token)
            return self.take()
        raise self.error(token, f"Expecting a field name but got '{token.shown()}'.")

    def terminal(self) -> Terminal:
        field = self.field_name()
        operator = self.operator(field)
        operand = self.operand()
        return Terminal(field.text, field.raw, operator, operand, field.pos)

    def operator(self, field: Token) -> str:
        token = self.peek()
        if token.kind == "op":
            self.take()
            return token.text
        if self.keyword(token, "in"):
            self.take()
            return "in"
        if self.keyword(token, "is"):
            self.take()
            if self.keyword(self.peek(), "not"):
                self.take()
                return "is not"
            return "is"
        if self.keyword(token, "not") and self.keyword(self.peek(1), "in"):
            self.take()
            self.take()
            return "not in"
        if self.keyword(token, "was", "changed"):
            raise JqlError(
                f"The operator '{token.text.lower()}' is not supported by the "
                f"'{field.text}' field.",
                token.pos,
            )
        if token.kind == "eof":
            raise eof_error(
                f"Expecting operator before the end of the query. {OPERATORS_HINT}", token.pos
            )
        raise self.error(token, f"Expecting operator but got '{token.shown()}'. {OPERATORS_HINT}")

    def value_error(self, token: Token) -> JqlError:
        if token.kind == "eof":
            return eof_error(
                "Expecting either a value, list or function before the end of the query.",
                token.pos,
            )
        if token.kind == "word":
            return self.error(
                token,
                f"Expecting either a value, list or function but got '{token.shown()}'. You "
                f"must surround '{token.shown()}' in quotation marks to use it as a value.",
            )
        return self.error(
            token, f"Expecting either a value, list or function but got '{token.shown()}'."
        )

    def operand(self) -> Operand:
        token = self.peek()
        if token.kind == "(":
            return self.list_operand()
        return self.single_operand()

    def single_operand(self) -> Value | Empty | Function:
        token = self.peek()
        if token.kind == "string":
            self.take()
            return Value(token.text, True, token.pos, token.raw)
        if token.kind != "word":
            raise self.value_error(token)
        lowered = token.text.lower()
        if lowered in ("empty", "null"):
            self.take()
            return Empty(token.pos, token.raw)
        if self.peek(1).kind == "(":
            return self.function()
        if lowered in KEYWORDS:
            raise self.value_error(token)
        if lowered in RESERVED_WORDS:
            raise self.reserved(token)
        self.take()
        return Value(token.text, False, token.pos, token.raw)

    def function(self) -> Function:
        name = self.take()
        self.take()  # "("
        args: list[str] = []
        while True:
            token = self.peek()
            if token.kind == ")" and not args:
                break
            if token.kind not in ("word", "string"):
                if token.kind == "eof":
                    raise eof_error("Expecting ')' before the end of the query.", token.pos)
                raise self.error(token, f"Expecting ')' but got '{token.shown()}'.")
            args.append(self.take().text)
            if self.peek().kind == ",":
                self.take()
                continue
            break
        close = self.peek()
        if close.kind == "eof":
            raise eof_error("Expecting ')' before the end of the query.", close.pos)
        if close.kind != ")":
            raise self.error(close, f"Expecting ')' but got '{close.shown()}'.")
        self.take()
        return Function(name.text, tuple(args), name.pos, self.text[name.pos : close.pos + 1])

    def list_operand(self) -> ListOperand:
        open_ = self.take()
        items: list[Value | Empty | Function] = [self.single_operand()]
        while self.peek().kind == ",":
            self.take()
            items.append(self.single_operand())
        close = self.peek()
        if close.kind == "eof":
            raise eof_error("Expecting ')' before the end of the query.", close.pos)
        if close.kind != ")":
            raise self.error(close, f"Expecting either ',' or ')' but got '{close.shown()}'.")
        self.take()
        return ListOperand(tuple(items), open_.pos, self.text[open_.pos : close.pos + 1])

    def order_by(self) -> tuple[OrderField, ...]:
        self.take()  # ORDER
        by = self.peek()
        if by.kind == "eof":
            raise eof_error("Expecting 'BY' before the end of the query.", by.pos)
        if not self.keyword(by, "by"):
            raise self.error(by, f"Expecting 'BY' but got '{by.shown()}'.")
        self.take()
        fields: list[OrderField] = []
        while True:
            name = self.field_name()
            direction: str | None = None
            if self.keyword(self.peek(), "asc", "desc"):
                direction = self.take().text.lower()
            fields.append(OrderField(name.text, name.raw, direction, name.pos))
            token = self.peek()
            if token.kind == ",":
                self.take()
                continue
            if token.kind == "eof":
                return tuple(fields)
            if direction is None:
                raise self.error(
                    token, f"Expecting either 'ASC' or 'DESC' but got '{token.shown()}'."
                )
            raise self.error(token, f"Expecting ',' but got '{token.shown()}'.")


def parse(text: str) -> Query:
    """Parse a JQL string; an empty or blank string is the query that matches everything."""
    return _Parser(text).query()


__all__ = ["KEYWORDS", "RESERVED_WORDS", "parse"]
