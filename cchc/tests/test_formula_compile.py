"""A formula compiled to a Python function (cchc.formulas._compile) gives what walking its parsed tree gives,
for every operator, a figure not reported, a division by zero and values given as int, str or Decimal."""

from __future__ import annotations

import pickle
import random
from decimal import Decimal, InvalidOperation

import pytest

from cchc.formulas import Formula


def walked(node, values):
    """The tree walk the formulas were evaluated with before they were compiled (the reference)."""
    if node.kind == "num":
        return node.value
    if node.kind == "name":
        value = values.get(node.value)
        return None if value is None else Decimal(value)
    left = walked(node.left, values)
    if node.kind == "neg":
        return None if left is None else -left
    right = walked(node.right, values)
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


FORMULAS = [
    "a",
    "7",
    "-a",
    "a + b - c",
    "a * (b - 2.5) / c",
    "(a + b) / (c - a)",
    "-(a / b) * -c",
    "a / b / c",
    "tthc.resolved_on_time / tthc.resolved_total",
    "tthc.received_new@channel:online / (tthc.carried_over + tthc.received_new)",
    "a / 100",
]
NAMES = [
    "a",
    "b",
    "c",
    "tthc.resolved_on_time",
    "tthc.resolved_total",
    "tthc.carried_over",
    "tthc.received_new",
    "tthc.received_new@channel:online",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_the_compiled_formula_gives_what_the_tree_walk_gives(text):
    formula = Formula(text)
    rng = random.Random(text)
    choices = [None, 0, 1, -3, 7, "2.5", Decimal("0"), Decimal("1.25"), Decimal("-4"), Decimal("1E+30")]
    for _ in range(400):
        values = {name: rng.choice(choices) for name in NAMES}
        values = {k: v for k, v in values.items() if v is not None or rng.random() < 0.5}
        assert formula.evaluate(values) == walked(formula.tree, values), values


def test_a_missing_figure_and_a_division_by_zero_give_none():
    formula = Formula("(a + b) / c")
    assert formula.evaluate({"a": 1, "c": 2}) is None
    assert formula.evaluate({"a": 1, "b": 1, "c": 0}) is None
    assert formula.evaluate({"a": 1, "b": 1, "c": 4}) == Decimal("0.5")


def test_a_formula_pickles_as_its_text_and_is_compiled_again():
    again = pickle.loads(pickle.dumps(Formula("a / b")))
    assert again.text == "a / b" and again.evaluate({"a": 1, "b": 4}) == Decimal("0.25")
