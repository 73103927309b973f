"""Interactive widgets. They hold no maths: they parse what the reader types and call convlib.

Each widget object shows itself in a notebook (``_repr_mimebundle_``) with a short, stable
text form, so a notebook's stored output is the same on every run.
"""

import html
import math

import ipywidgets as widgets
import matplotlib.pyplot as plt
import torch

from ..checks import as_int
from ..correlate import corr2d
from ..images import KERNELS, kernel
from ..shapes import explain_output_size, output_size, transposed_output_size
from ..training import format_loss
from ..transposed import output_padding_for
from .display import display_mode, png_bytes
from .plotting import draw_stamp_positions, draw_window_positions, figure_png


def parse_number(text):
    """``float(text)`` for a finite number, else ``None``. The text is parsed, never evaluated."""
    try:
        value = float(text.strip())
    except (TypeError, ValueError, AttributeError):
        return None
    return value if math.isfinite(value) else None


def parse_kernel(texts):
    """Parse a grid of strings into a kernel: returns ``(tensor, "")`` or ``(None, message)``.

    The message names every field that is not a finite number, by row and column (from 1).
    """
    values, bad = [], []
    for i, row in enumerate(texts):
        values.append([])
        for j, text in enumerate(row):
            value = parse_number(text)
            values[-1].append(value)
            if value is None:
                bad.append(f"row {i + 1}, column {j + 1} ({text!r})")
    if bad:
        return None, "Not a number: " + "; ".join(bad) + ". Type a number such as -1 or 0.25."
    return torch.tensor(values, dtype=torch.float32), ""


SHOWN_DPI = 80
"""Drawings in the explorers are shown at this resolution and drawn at twice it."""


def png_width(png):
    """The width in pixels of PNG bytes ``png`` (from its IHDR chunk)."""
    return int.from_bytes(png[16:20], "big")


class Panel:
    """What every widget object here shares: it shows ``self.widget`` in a notebook, with
    its own short ``repr`` as the text form (stable, so nbval can compare it), and closes."""

    def close(self):
        """Close the panel and every widget inside it (it disappears; no state is stored)."""
        stack = [self.widget]
        while stack:
            widget = stack.pop()
            stack.extend(getattr(widget, "children", ()))
            widget.close()

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle


class KernelEditor(Panel):
    """A 3×3 kernel editor: number fields, a preset menu, and the filtered image.

    ``image`` is an (h, w) tensor. Editing a field or picking a preset calls ``update``,
    which correlates the image with the kernel (``convlib.corr2d``, padding 1 so the size
    is kept) and shows the result, or shows a message if a field is not a number. ``status``
    is the message as plain text.
    """

    def __init__(self, image, preset="sobel x"):
        self.image = image
        self.fields = [[widgets.Text(layout=widgets.Layout(width="70px")) for _ in range(3)]
                       for _ in range(3)]
        self.preset = widgets.Dropdown(options=list(KERNELS), value=preset, description="Preset")
        self.message = widgets.HTML()
        self.output = widgets.Image(format="png", width=320, height=320)
        self._loading = False
        self.preset.observe(lambda change: self.load_preset(change["new"]), names="value")
        for row in self.fields:
            for field in row:
                field.observe(lambda change: self.update(), names="value")
        grid = widgets.VBox([widgets.HBox(row) for row in self.fields])
        self.widget = widgets.HBox([widgets.VBox([self.preset, grid, self.message]),
                                    self.output])
        self.load_preset(preset)

    def load_preset(self, name):
        """Fill the fields with the named preset's numbers and update the image."""
        self._loading = True
        for row, values in zip(self.fields, kernel(name).tolist(), strict=True):
            for field, value in zip(row, values, strict=True):
                field.value = f"{value:.4g}"
        self._loading = False
        self.update()

    def texts(self):
        """The fields' current strings, as a 3×3 list."""
        return [[field.value for field in row] for row in self.fields]

    def update(self):
        """Read the fields; show the filtered image, or a readable message. Never raises."""
        if self._loading:
            return
        K, problem = parse_kernel(self.texts())
        if K is None:
            self.status = problem + " The image still shows the last valid kernel."
            self.message.value = f'<span style="color:#b00020">{html.escape(self.status)}</span>'
            return
        self.kernel = K
        self.output.value = png_bytes(corr2d(self.image, K, padding=1), display_mode(K))
        total = K.sum().item()
        self.status = f"Kernel sum {total:.4g}: " + (
            "brightness kept." if abs(total - 1) < 1e-6 else
            "flat regions go to 0 (mid-gray)." if abs(total) < 1e-6 else "brightness scaled.")
        self.message.value = html.escape(self.status)

    def __repr__(self):
        h, w = self.image.shape
        return f"KernelEditor(preset={self.preset.value!r}, image {h}x{w})"


class TrainingProgress(Panel):
    """A progress bar for ``fit_kernel``: display it, then pass ``update`` as the callback.

    Like tqdm, it redraws only now and then: at most ``redraws`` times in a run (every
    ceil(steps / redraws) steps, and at the last step), so a long run sends the page a few
    dozen messages, not one per step. Each redraw is two widget messages (bar and label).
    ``unit`` names what the bar counts ("step" by default; "epoch" for a loop over a data
    set): the label reads "epoch 3/20, loss 0.12".
    """

    def __init__(self, steps, description="training", unit="step", redraws=40):
        steps = as_int("steps", steps, 1)
        redraws = as_int("redraws", redraws, 1)
        self.every = -(-steps // redraws)
        self.unit = unit
        self.bar = widgets.IntProgress(value=0, min=0, max=steps, description=description)
        self.label = widgets.Label(value=f"0/{steps} {unit}s")
        self.widget = widgets.HBox([self.bar, self.label])

    def update(self, step, loss):
        """Move the bar to ``step`` and show the current ``loss``, if this step is one the
        bar redraws at (every ``self.every`` steps, and the last)."""
        if step % self.every and step != self.bar.max:
            return
        self.bar.value = step
        self.label.value = f"{self.unit} {step}/{self.bar.max}, loss {format_loss(loss)}"

    def __repr__(self):
        return f"TrainingProgress({self.bar.max} {self.unit}s)"


class ShapeExplorer(Panel):
    """Sliders for input size, kernel size, padding, stride and dilation (one dimension).

    Shows the output size, the formula with the numbers filled in, and a drawing of every
    window position; an impossible setting shows a message instead. ``status`` is the text.
    """

    LIMITS = {"n": (1, 12), "k": (1, 7), "padding": (0, 4), "stride": (1, 4), "dilation": (1, 3)}

    def __init__(self, n=5, k=3, padding=1, stride=2, dilation=1):
        start = {"n": n, "k": k, "padding": padding, "stride": stride, "dilation": dilation}
        self.sliders = {name: widgets.IntSlider(value=start[name], min=lo, max=hi,
                                                description=name, continuous_update=False)
                        for name, (lo, hi) in self.LIMITS.items()}
        self.message = widgets.HTML()
        self.output = widgets.Image(format="png")
        for slider in self.sliders.values():
            slider.observe(lambda change: self.update(), names="value")
        self.widget = widgets.HBox([widgets.VBox([*self.sliders.values(), self.message]),
                                    self.output])
        self.update()

    def values(self):
        """The current setting, as keyword arguments for ``output_size``."""
        return {name: slider.value for name, slider in self.sliders.items()}

    def update(self):
        """Recompute the output size and redraw; never raises."""
        v = self.values()
        try:
            formula = explain_output_size(**v)
        except ValueError as error:
            self.status = f"Impossible setting: {error}."
            self.message.value = f'<span style="color:#b00020">{html.escape(self.status)}</span>'
            self.output.value = b""
            return
        out = formula.rsplit(" ", 1)[-1]
        self.status = (f"input {v['n']}×{v['n']} → output {out}×{out}. "
                       f"Output size = {formula}")
        self.message.value = html.escape(self.status)
        fig, ax = plt.subplots(figsize=(6, 3))
        draw_window_positions(ax, **v)
        self.output.value = figure_png(fig, dpi=2 * SHOWN_DPI)
        self.output.width = str(png_width(self.output.value) // 2)  # crisp at 2x

    def __repr__(self):
        v = self.values()
        return (f"ShapeExplorer(n={v['n']}, k={v['k']}, padding={v['padding']}, "
                f"stride={v['stride']}, dilation={v['dilation']})")

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle


class TransposedExplorer(Panel):
    """The two directions side by side, along one dimension: a correlation takes n to m,
    the transposed convolution with the same kernel size, padding, stride and dilation takes
    m back, to n when ``output_padding`` is the right one.

    Sliders for n, k, padding, stride, output_padding and dilation; shows both sizes, the
    output_padding that would give back n, and a drawing of each direction (window
    positions, then stamps). A bad setting shows a message instead. ``status`` is the text.
    """

    LIMITS = {"n": (1, 12), "k": (1, 5), "padding": (0, 3), "stride": (1, 4),
              "output_padding": (0, 3), "dilation": (1, 3)}

    def __init__(self, n=7, k=3, padding=1, stride=2, output_padding=0, dilation=1):
        start = {"n": n, "k": k, "padding": padding, "stride": stride,
                 "output_padding": output_padding, "dilation": dilation}
        self.sliders = {name: widgets.IntSlider(value=start[name], min=lo, max=hi,
                                                description=name, continuous_update=False,
                                                style={"description_width": "initial"})
                        for name, (lo, hi) in self.LIMITS.items()}
        self.message = widgets.HTML()
        self.output = widgets.Image(format="png")
        for slider in self.sliders.values():
            slider.observe(lambda change: self.update(), names="value")
        self.widget = widgets.VBox([widgets.HBox([
            widgets.VBox(list(self.sliders.values())[:3]),
            widgets.VBox(list(self.sliders.values())[3:])]), self.message, self.output])
        self.update()

    def values(self):
        """The current setting, as a dict of ints."""
        return {name: slider.value for name, slider in self.sliders.items()}

    def update(self):
        """Recompute both directions and redraw; never raises."""
        v = self.values()
        n, k, p, s, a, d = v.values()
        try:  # a setting the correlation refuses, or one PyTorch's output_padding rule does
            m = output_size(n, k, padding=p, stride=s, dilation=d)
            needed = output_padding_for(n, k, padding=p, stride=s, dilation=d)
            if a >= max(s, d):
                transposed_output_size(m, k, padding=p, stride=s, output_padding=a,
                                       dilation=d)  # raises, naming the rule
        except ValueError as error:
            self.status = f"Impossible setting: {error}."
            self.message.value = f'<span style="color:#b00020">{html.escape(self.status)}</span>'
            self.output.value = b""
            return
        try:
            back = transposed_output_size(m, k, padding=p, stride=s, output_padding=a, dilation=d)
        except ValueError:  # the padding leaves the transposed direction no output
            back = None
        if back == n:
            verdict = f"{m} → {n}, back to {n}."
        elif back is None:
            verdict = f"{m} → no output; output_padding {needed} would give back {n}."
        else:
            verdict = f"{m} → {back}, not {n}: output_padding {needed} would give back {n}."
        self.status = f"correlation: {n} → {m}; transposed (output_padding {a}): {verdict}"
        self.message.value = html.escape(self.status)
        fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.2))
        draw_window_positions(left, n, k, padding=p, stride=s, dilation=d)
        left.set_title(f"correlation: {n} → {m}", fontsize=10)
        if back is None:
            right.axis("off")
            right.set_title(f"transposed: {m} → no output", fontsize=10)
        else:
            draw_stamp_positions(right, m, k, padding=p, stride=s, output_padding=a, dilation=d)
            right.set_title(f"transposed: {m} → {back}", fontsize=10)
        self.output.value = figure_png(fig, dpi=2 * SHOWN_DPI)
        self.output.width = str(png_width(self.output.value) // 2)  # crisp at 2x

    DEFAULTS = {"padding": 0, "stride": 1, "output_padding": 0, "dilation": 1}

    def __repr__(self):
        """n and k, then the settings that differ from their defaults (as PyTorch does)."""
        shown = [f"{name}={value}" for name, value in self.values().items()
                 if self.DEFAULTS.get(name) != value]
        return f"TransposedExplorer({', '.join(shown)})"
