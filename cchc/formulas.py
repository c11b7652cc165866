"""Arithmetic over figure keys, for derived figures and for indicators defined without code.

A formula is `+ - * /`, parentheses, decimal numbers and figure keys (`tthc.resolved_late`,
`tthc.received_new@channel:online`). It is parsed by a small recursive-descent parser (never `eval`), checked
against the declared figures when an admin saves it, and evaluated with Decimals: a figure not reported
makes the result None (not reported is not 0), and a division by zero gives None ("—" on screen). A parsed
formula is compiled once to a Python function (`_compile`), so evaluating it per unit and quarter is cheap.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
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


def _compile(tree: _Node) -> Callable[[dict], Decimal | None]:
    """The parsed formula as a Python function of the values, generated once: a scorecard evaluates each
    indicator for every unit and quarter, and walking the tree per value cost most of a build's time.

    The generated code is straight-line statements over locals the compiler names itself (t0, t1, …); figure
    keys and numbers are passed as constants (k0, c1, …), never written into the code, so no text an admin
    typed is ever executed. It gives what walking the tree gives: a figure not reported (None) makes the
    result None, and so does a division by zero (or an invalid one); operations use the current Decimal
    context as before.
    """
    lines: list[str] = []
    constants: dict[str, Any] = {"Decimal": Decimal, "InvalidOperation": InvalidOperation}
    locals_made = itertools.count()

    def emit(node: _Node) -> str:
        """Statements computing `node` into a local (appended to `lines`); the local's (or constant's) name."""
        if node.kind == "num":
            name = f"c{len(constants)}"
            constants[name] = node.value
            return name
        local = f"t{next(locals_made)}"
        if node.kind == "name":
            key = f"k{len(constants)}"
            constants[key] = node.value
            lines.extend(
                [
                    f"{local} = get({key})",
                    f"if {local} is None: return None",
                    f"if type({local}) is not Decimal: {local} = Decimal({local})",
                ]
            )
            return local
        assert node.left is not None  # every operator of a parsed formula has its operands
        left = emit(node.left)
        if node.kind == "neg":
            lines.append(f"{local} = -{left}")
            return local
        assert node.right is not None
        right = emit(node.right)
        if node.kind == "/":
            lines.extend(
                [
                    f"if not {right}: return None",
                    "try:",
                    f"    {local} = {left} / {right}",
                    "except InvalidOperation:",
                    "    return None",
                ]
            )
        else:
            lines.append(f"{local} = {left} {node.kind} {right}")
        return local

    result = emit(tree)
    body = "\n    ".join(["get = values.get", *lines, f"return {result}"])
    namespace: dict[str, Any] = dict(constants)
    exec(compile(f"def formula(values):\n    {body}\n", "<formula>", "exec"), namespace)  # noqa: S102
    return namespace["formula"]


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
        self.evaluate: Callable[[dict], Decimal | None] = _compile(self.tree)

    def __reduce__(self):
        # Pickled (a cached scorecard's indicators) as its text: the compiled function is made again on loading.
        return (Formula, (self.text,))

    @property
    def names(self) -> list[str]:
        """Every figure key the formula reads, in order of appearance, without repeats."""
        return list(dict.fromkeys(_names(self.tree)))

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
