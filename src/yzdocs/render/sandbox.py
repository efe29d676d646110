"""A Jinja sandbox with bounded work: template overrides come from many people.

Jinja's own sandbox stops attribute access to Python internals but not work:
``{{ 9**(9**9) }}`` is even folded at compile time, ``'x' * 3000000000`` asks
for 3 GB and nested ``range`` loops never end. Here

* ``**``, ``*``, ``%`` and ``+`` are intercepted (which also stops the compile-time
  folding): a power, a repeated or joined text/list, a ``%`` format whose result
  would be larger than the bounds below is refused;
* every call with a number argument above ``MAX_ARGUMENT`` is refused
  (``'x'.center(10**9)``, ``|indent(10**9)`` …);
* ``range`` counts its items against a per-document budget (``MAX_ITERATIONS``);
* a per-document deadline (``MAX_SECONDS``) is checked by those counters and
  between output chunks, and the output of a part is capped (``MAX_OUTPUT``).

A bound hit is a ``BoundExceeded`` (a RenderError naming the template), never a
hang. Memory that grows in one step the counters cannot see (a text doubled
through ``namespace`` forty times) is stopped by the worker's address-space
limit (``build.py``).
"""

from __future__ import annotations

import functools
import re
import time

from jinja2.sandbox import SandboxedEnvironment, SecurityError
from jinja2.utils import Namespace

MAX_TEXT = 2_000_000  # characters (or items) in one computed value
MAX_ARGUMENT = 100_000  # a number passed to a function or filter
MAX_POWER_BITS = 4_096  # bits of an integer power's result
MAX_ITERATIONS = 1_000_000  # range() items in one document
MAX_OUTPUT = 20_000_000  # characters of one rendered part
MAX_SECONDS = 30.0  # one document
_WIDE_FORMAT = re.compile(r"%[-+ #0]*(\*|\d{4,})|%[-+ #0]*\d*\.(\*|\d{4,})")


class BoundExceeded(SecurityError):
    """The template asked for more work or memory than a document needs."""


class Budget:
    """The work left to one rendering: iterations and time."""

    def __init__(self):
        self.iterations = MAX_ITERATIONS
        self.deadline = time.monotonic() + MAX_SECONDS
        self.calls = 0

    def tick(self, n: int = 1) -> None:
        self.iterations -= n
        if self.iterations < 0:
            raise BoundExceeded(f"循环次数超过 {MAX_ITERATIONS:,} 次")
        self.calls += 1
        if not self.calls & 255 and time.monotonic() > self.deadline:  # the clock every 256th step: cheap
            raise BoundExceeded(f"生成一份文书超过 {MAX_SECONDS:.0f} 秒")


def _size(value) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


def _small(value, what: str = "计算结果"):
    """``value`` if it is within MAX_TEXT characters (or items), else BoundExceeded."""
    if (_size(value) or 0) > MAX_TEXT:
        raise BoundExceeded(f"{what}超过 {MAX_TEXT:,} 个字符")
    return value


class BoundedEnvironment(SandboxedEnvironment):
    intercepted_binops = frozenset({"**", "*", "%", "+"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget = Budget()
        self.globals["range"] = self._range
        self.globals["namespace"] = BoundedNamespace
        # filters are called directly by compiled code, not through call(): bound their arguments too
        self.filters = {name: _bounded_filter(func, name) for name, func in self.filters.items()}

    def add_filters(self, filters: dict) -> None:
        self.filters.update({name: _bounded_filter(func, name) for name, func in filters.items()})

    def start(self) -> Budget:
        """A fresh budget for the next document."""
        self.budget = Budget()
        return self.budget

    def _range(self, *args):
        for a in args:
            if not isinstance(a, int):
                raise BoundExceeded("range() 只接受整数")
        items = range(*args)
        self.budget.tick(len(items))
        return items

    def call_binop(self, context, op, left, right):
        self.budget.tick(0)
        if op == "**" and isinstance(left, (int, float)) and isinstance(right, (int, float)):
            bits = abs(left).bit_length() if isinstance(left, int) else 64
            if abs(right) > MAX_POWER_BITS or (isinstance(right, int) and bits * abs(right) > MAX_POWER_BITS):
                raise BoundExceeded(f"乘方 {left!r} ** {right!r} 的结果过大")
        if op == "*":
            size, count = (_size(left), right) if _size(left) is not None else (_size(right), left)
            if size is not None and isinstance(count, int) and size * count > MAX_TEXT:
                raise BoundExceeded(f"重复后的文字或列表超过 {MAX_TEXT:,} 个字符")
            if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_POWER_BITS:
                raise BoundExceeded("乘积过大")
        if op == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
            raise BoundExceeded("格式宽度或精度过大")
        if op == "+" and _size(left) is not None and _size(right) is not None and \
                _size(left) + _size(right) > MAX_TEXT:
            raise BoundExceeded(f"拼接后的文字或列表超过 {MAX_TEXT:,} 个字符")
        return _small(super().call_binop(context, op, left, right))

    def call(self, __context, __obj, *args, **kwargs):
        self.budget.tick(0)
        _check_arguments(args, kwargs)
        return _small(super().call(__context, __obj, *args, **kwargs))


def _check_arguments(args, kwargs) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ARGUMENT:
            raise BoundExceeded(f"参数 {value} 过大（上限 {MAX_ARGUMENT:,}）")


def _bounded_filter(func, name: str = ""):
    @functools.wraps(func)  # keeps Jinja's pass_context/pass_environment marks
    def bounded(*args, **kwargs):
        _check_arguments(args, kwargs)
        if name == "format" and args and isinstance(args[0], str) and _WIDE_FORMAT.search(args[0]):
            raise BoundExceeded("格式宽度或精度过大")
        return _small(func(*args, **kwargs))
    return bounded


class BoundedNamespace(Namespace):
    """``namespace()`` whose values stay small: no text doubled in a loop until memory runs out."""

    def __setitem__(self, name, value):
        super().__setitem__(name, _small(value, "变量"))


def bounded_concat(chunks, budget: Budget) -> str:
    """Join a template's output, stopping at MAX_OUTPUT characters or the deadline."""
    parts, total = [], 0
    for chunk in chunks:
        total += len(chunk)
        parts.append(chunk)
        if total > MAX_OUTPUT:
            raise BoundExceeded(f"生成的内容超过 {MAX_OUTPUT:,} 个字符")
        budget.tick(0)
    return "".join(parts)

