"""The training progress bar (standard ipywidgets). The widgets a reader plays with compute
in the browser and live in ``convlib.teach.live``.

A widget object here shows itself in a notebook (``_repr_mimebundle_``) with a short, stable
text form, so a notebook's stored output is the same on every run.
"""

import ipywidgets as widgets

from ..checks import as_int
from ..training import format_loss


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
