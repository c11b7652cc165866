"""Arithmetic over figure keys, for derived figures and for indicators defined without code.

A formula is `+ - * /`, parentheses, decimal numbers and figure keys (`tthc.resolved_late`,
`tthc.received_new@channel:online`). It is parsed by a small recursive-descent parser (never `eval`), checked
against the declared figures when an admin saves it, and evaluated with Decimals: a figure not reported
makes the result None (not reported is not 0), and a division by zero gives None ("—" on screen).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

TOKEN = re.compile(r"\s*(?:(?P<number>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][\w.]*(?:@\w+:\w+)?)|(?P<op>[-+*/()]))")


class FormulaError(ValueError):
    """A formula that cannot be read or does not fit the declared figures; the message is for the user."""


@dataclass(frozen=True)
class _Node:
    kind: str  # "num", "name", "neg", "+", "-", "*", "/"
    value: Any = None  # a Decimal for "num", the figure key for "name"
    left: _Node | None = None
    right: _Node | None = None


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = TOKEN.match(text, position)
        if not match or match.end() == position:
            raise FormulaError(_("Không đọc được công thức từ ký tự “%(c)s”.") % {"c": text[position:].strip()[:20]})
        kind = match.lastgroup
        assert kind is not None  # every alternative of TOKEN is a named group
        out.append((kind, match.group(kind)))
        position = match.end()
        while position < len(text) and text[position].isspace():
            position += 1
    return out


class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokens(text)
        self.position = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise FormulaError(_("Công thức kết thúc giữa chừng."))
        self.position += 1
        return token

    def parse(self) -> _Node:
        if not self.tokens:
            raise FormulaError(_("Công thức trống."))
        node = self.expression()
        extra = self.peek()
        if extra is not None:
            raise FormulaError(_("Thừa “%(t)s” trong công thức.") % {"t": extra[1]})
        return node

    def expression(self) -> _Node:
        node = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            node = _Node(op, left=node, right=self.term())
        return node

    def term(self) -> _Node:
        node = self.factor()
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.take()[1]
            node = _Node(op, left=node, right=self.factor())
        return node

    def factor(self) -> _Node:
        kind, text = self.take()
        if kind == "number":
            return _Node("num", Decimal(text))
        if kind == "name":
            return _Node("name", text)
        if text == "-":
            return _Node("neg", left=self.factor())
        if text == "(":
            node = self.expression()
            if self.take() != ("op", ")"):
                raise FormulaError(_("Thiếu dấu đóng ngoặc trong công thức."))
            return node
        raise FormulaError(_("Không đọc được công thức ở “%(t)s”.") % {"t": text})


def _evaluate(node: _Node | None, values: dict) -> Decimal | None:
    if node is None:  # never for a parsed formula: operators always have their operands
        return None
    if node.kind == "num":
        return node.value
    if node.kind == "name":
        value = values.get(node.value)
        return None if value is None else Decimal(value)
    left = _evaluate(node.left, values)
    if node.kind == "neg":
        return None if left is None else -left
    right = _evaluate(node.right, values)
    if left is None or right is None:
        return None
    if node.kind == "+":
        return left + right
    if node.kind == "-":
        return left - right
    if node.kind == "*":
        return left * right
    if not right:
        return None
    try:
        return left / right
    except InvalidOperation:
        return None


def _names(node: _Node | None) -> list[str]:
    if node is None:
        return []
    if node.kind == "name":
        return [node.value]
    return _names(node.left) + _names(node.right)


def _additive_terms(node: _Node | None) -> list[_Node]:
    """The terms added or subtracted at the top of an expression (a + b - c → a, b, c)."""
    if node is None:
        return []
    if node.kind in ("+", "-"):
        return _additive_terms(node.left) + _additive_terms(node.right)
    if node.kind == "neg":
        return _additive_terms(node.left)
    return [node]


class Formula:
    """A parsed formula; `Formula(text)` raises FormulaError with a readable message when it cannot be read."""

    def __init__(self, text: str):
        self.text = (text or "").strip()
        self.tree = _Parser(self.text).parse()

    @property
    def names(self) -> list[str]:
        """Every figure key the formula reads, in order of appearance, without repeats."""
        return list(dict.fromkeys(_names(self.tree)))

    def evaluate(self, values: dict) -> Decimal | None:
        return _evaluate(self.tree, values)

    def check(self, keys: dict) -> None:
        """Refuse unknown figures, and sums of figures of different units or of a stock with a flow.

        `keys` maps every declared figure key to its `cchc.figures.Figure`.
        """
        unknown = [name for name in self.names if name not in keys]
        if unknown:
            raise FormulaError(_("Số liệu “%(code)s” chưa được khai báo.") % {"code": unknown[0]})
        self._check_sums(self.tree, keys)

    def _check_sums(self, node: _Node, keys: dict) -> None:
        if node.kind in ("+", "-"):
            named = [t.value for t in _additive_terms(node) if t.kind == "name"]
            figures = [keys[name] for name in named]
            units = {f.unit_of_measure for f in figures}
            if len(units) > 1:
                raise FormulaError(
                    _("Không cộng/trừ được các số liệu khác đơn vị tính: %(list)s.")
                    % {"list": ", ".join(f"{n} ({keys[n].unit_of_measure})" for n in named)}
                )
            if any(f.percent for f in figures):
                raise FormulaError(
                    _("Số liệu “%(code)s” là tỷ lệ phần trăm đã nhập sẵn: không cộng/trừ với số liệu khác.")
                    % {"code": next(n for n in named if keys[n].percent)}
                )
            kinds = {"stock" if f.semantics == "stock" else "flow" for f in figures if f.semantics != "derived"}
            if len(kinds) > 1:
                stock = next(n for n in named if keys[n].semantics == "stock")
                raise FormulaError(
                    _(
                        "Số liệu “%(code)s” là số tại thời điểm, không cộng/trừ với số liệu phát sinh trong kỳ: "
                        "kết quả sẽ sai khi tổng hợp nhiều quý."
                    )
                    % {"code": stock}
                )
        for child in (node.left, node.right):
            if child is not None:
                self._check_sums(child, keys)
