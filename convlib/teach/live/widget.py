"""What every live widget shares: its ES module and style, read from ``js/``, and settings
that refuse a bad value with a readable message in the widget instead of a traceback.

A widget's ES module (its ``_esm``) is ``js/common.js`` (helpers, and the JavaScript twins
of the shape rules) followed by the widget's own file; it imports nothing, because in the
built book it runs from a Blob URL with no network.
"""

import math
import numbers
import pathlib

import anywidget
import traitlets

JS = pathlib.Path(__file__).resolve().parent / "js"


def esm(name):
    """The ES module of the widget whose file is ``js/<name>.js``: the helpers, then it."""
    return (JS / "common.js").read_text(encoding="utf-8") + "\n" + \
        (JS / f"{name}.js").read_text(encoding="utf-8")


class Setting(traitlets.TraitType):
    """A synced setting that never raises: a bad value keeps the old one and says so in the
    widget's ``message`` (shown under the widget), naming the setting and the rule."""

    def __init__(self, default, rule, check, **kwargs):
        super().__init__(default_value=default, **kwargs)
        self.rule, self.check = rule, check
        self.tag(sync=True)

    def validate(self, obj, value):
        good = self.check(value)
        if good is None:
            old = obj._trait_values.get(self.name, self.default_value)
            obj.message = f"{self.name} must be {self.rule}, got {value!r}; it stays {old!r}."
            return old
        return good


def whole(lo, hi):
    """A check for an int from ``lo`` to ``hi`` (a bool is not an int here)."""
    def check(value):
        if isinstance(value, numbers.Integral) and not isinstance(value, bool) \
                and lo <= value <= hi:
            return int(value)
        return None
    return check


def one_of(options):
    return lambda value: value if isinstance(value, str) and value in options else None


def flag(value):
    return value if isinstance(value, bool) else None


def matrix(max_rows, max_cols, rows=None, cols=None):
    """A check for a rectangular list of lists (or a 2-D tensor/array) of finite numbers,
    at most ``max_rows`` × ``max_cols`` (exactly ``rows`` × ``cols`` when given)."""
    def check(value):
        if hasattr(value, "tolist"):
            value = value.tolist()
        if not isinstance(value, (list, tuple)) or not value or \
                not all(isinstance(row, (list, tuple)) for row in value):
            return None
        width = len(value[0])
        if not 1 <= width <= max_cols or not len(value) <= max_rows or \
                any(len(row) != width for row in value) or \
                (rows is not None and len(value) != rows) or (cols is not None and width != cols):
            return None
        if not all(isinstance(x, numbers.Real) and not isinstance(x, bool) and math.isfinite(x)
                   for row in value for x in row):
            return None
        return [[int(x) if float(x).is_integer() else float(x) for x in row] for row in value]
    return check


def whole_setting(default, lo, hi):
    return Setting(default, f"a whole number from {lo} to {hi}", whole(lo, hi))


class LiveWidget(anywidget.AnyWidget):
    """The base of the book's live widgets: ``message`` is shown under the widget."""

    _css = (JS / "live.css").read_text(encoding="utf-8")
    message = traitlets.Unicode("").tag(sync=True)
    SETTINGS = ()  # the names shown by repr, in order

    def __repr__(self):
        """The settings that differ from their defaults (as PyTorch's modules do); a table of
        numbers by its shape. Short and stable: nbval compares it."""
        shown = []
        for name in self.SETTINGS:
            value = getattr(self, name)
            if value == self.trait_defaults(name):
                continue
            if isinstance(value, list) and value and isinstance(value[0], list):
                value = f"<{len(value)}×{len(value[0])}>"
            else:
                value = repr(value)
            shown.append(f"{name}={value}")
        return f"{type(self).__name__}({', '.join(shown)})"
