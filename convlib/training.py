"""Learning a kernel by gradient descent: the training loop, and the Hessian that explains it.

A model here is any ``nn.Module`` whose output has the shape of the target ``Y``
(``convlib.Conv2D`` on (n_h, n_w) images, or ``nn.Conv2d`` on (1, 1, n_h, n_w) batches).
"""

import math
from dataclasses import dataclass, field

import torch
from torch.func import functional_call

LOSSES = {
    "sum": lambda pred, Y: ((pred - Y) ** 2).sum(),
    "mean": lambda pred, Y: ((pred - Y) ** 2).mean(),
}
"""Squared-error losses by name: summed over all outputs (as in d2l), or averaged."""


def format_loss(value, floor=1e-8):
    """A loss for printing: two significant digits, or ``< 1e-08`` below ``floor``.

    The last digits of a tiny loss are float rounding, which differs between CPUs; printed
    outputs must not depend on them.

    Example::

        >>> format_loss(0.012345), format_loss(3.2e-14)
        ('0.012', '< 1e-08')
    """
    return f"< {floor:.0e}" if 0 <= value < floor else f"{value:.2g}"


@dataclass
class FitResult:
    """What ``fit_kernel`` did: the loss before each step, and whether it diverged.

    Example::

        >>> FitResult([4.0, 1.0, 0.25])
        FitResult(steps=3, final_loss=0.25, diverged=False)
    """

    losses: list = field(default_factory=list)
    diverged: bool = False
    message: str = ""

    @property
    def steps(self):
        """How many gradient steps were taken."""
        return len(self.losses)

    @property
    def final_loss(self):
        return self.losses[-1] if self.losses else math.nan

    def __repr__(self):
        return (f"FitResult(steps={self.steps}, final_loss={format_loss(self.final_loss)}, "
                f"diverged={self.diverged})")


def _loss_fn(loss):
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {sorted(LOSSES)}, got {loss!r}")
    return LOSSES[loss]


def _check_prediction(model, X, Y):
    with torch.no_grad():
        pred = model(X)
    if pred.shape != Y.shape:
        raise ValueError(f"the model's output has shape {list(pred.shape)} but Y has shape "
                         f"{list(Y.shape)}; they must match")


def fit_kernel(model, X, Y, *, lr, steps, loss="sum", optimizer="sgd", tol=None, every=None,
               callback=None, diverge_factor=1e6):
    """Train ``model`` so that ``model(X)`` approaches ``Y``; returns a ``FitResult``.

    Each step: loss (``"sum"`` or ``"mean"`` squared error), backward, one update of every
    parameter with learning rate ``lr`` (``optimizer``: ``"sgd"``, plain gradient descent,
    or ``"adam"``), gradients zeroed. Stops after ``steps`` steps, when the loss is below
    ``tol``, or when it diverges: a loss that is not finite or has grown ``diverge_factor``
    times beyond the first one stops training with ``diverged=True`` and a message (the
    parameters are left as they were at that step). ``every``: print the loss every that
    many steps. ``callback(step, loss)`` is called after each step (e.g. a progress bar).

    Example::

        >>> import convlib
        >>> from convlib.images import stripes
        >>> X = stripes()                                     # chapter 2's toy image
        >>> Y = convlib.corr2d(X, torch.tensor([[1.0, -1.0]]))  # its edges
        >>> _ = torch.manual_seed(0)
        >>> layer = convlib.Conv2D((1, 2))
        >>> fit_kernel(layer, X, Y, lr=0.01, steps=400)
        FitResult(steps=400, final_loss=< 1e-08, diverged=False)
        >>> layer.weight.detach().round(decimals=3)
        tensor([[ 1., -1.]])
    """
    loss_fn = _loss_fn(loss)
    if not isinstance(lr, (int, float)) or isinstance(lr, bool) or not lr > 0:
        raise ValueError(f"lr must be a positive number, got {lr!r}")
    if not isinstance(steps, int) or isinstance(steps, bool) or steps < 1:
        raise ValueError(f"steps must be a positive int, got {steps!r}")
    optimizers = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam}
    if optimizer not in optimizers:
        raise ValueError(f"optimizer must be one of {sorted(optimizers)}, got {optimizer!r}")
    _check_prediction(model, X, Y)
    opt = optimizers[optimizer](model.parameters(), lr=lr)
    result = FitResult()
    for step in range(1, steps + 1):
        opt.zero_grad()
        value = loss_fn(model(X), Y)
        current = value.item()
        if not math.isfinite(current) or (
                result.losses and current > diverge_factor * result.losses[0]):
            result.diverged = True
            result.message = (f"diverged at step {step}: loss {format_loss(current)} "
                              f"(started at {format_loss(result.losses[0])}); "
                              f"lr={lr:.4g} is too large")
            break
        result.losses.append(current)
        if tol is not None and current < tol:
            result.message = f"converged at step {step}: loss below {tol:g}"
            break
        value.backward()
        opt.step()
        if every and step % every == 0:
            print(f"step {step:4d}, loss {format_loss(current)}")
        if callback is not None:
            callback(step, current)
    if not result.message:
        result.message = (f"stopped after {result.steps} steps: "
                          f"loss {format_loss(result.final_loss)}")
    return result


def loss_hessian(model, X, Y, *, loss="sum"):
    """Hessian of the loss with respect to all of ``model``'s parameters, flattened in order.

    Returns a (P, P) tensor, P the number of parameters (for ``Conv2D((1, 2))``: weight
    entries, then the bias). Computed at the model's current parameters; for a linear model
    and squared error the Hessian is the same everywhere.

    Example::

        >>> import convlib
        >>> X = torch.ones(2, 3)
        >>> loss_hessian(convlib.Conv2D((1, 2)), X, torch.zeros(2, 2))   # weights, then bias
        tensor([[8., 8., 8.],
                [8., 8., 8.],
                [8., 8., 8.]])
    """
    loss_fn = _loss_fn(loss)
    _check_prediction(model, X, Y)
    names = [name for name, _ in model.named_parameters()]
    shapes = [p.shape for _, p in model.named_parameters()]
    flat = torch.cat([p.detach().flatten() for _, p in model.named_parameters()])

    def loss_of(vector):
        params, start = {}, 0
        for name, shape in zip(names, shapes, strict=True):
            size = math.prod(shape)
            params[name] = vector[start:start + size].reshape(shape)
            start += size
        return loss_fn(functional_call(model, params, (X,)), Y)

    return torch.autograd.functional.hessian(loss_of, flat)


def hessian_eigenvalues(model, X, Y, *, loss="sum"):
    """Eigenvalues of ``loss_hessian``, in ascending order. Plain gradient descent on this
    quadratic loss converges exactly when ``lr < 2 / largest eigenvalue``.

    Example::

        >>> import convlib
        >>> hessian_eigenvalues(convlib.Conv2D((1, 2)), torch.ones(2, 3), torch.zeros(2, 2))[-1]
        tensor(24.)
    """
    return torch.linalg.eigvalsh(loss_hessian(model, X, Y, loss=loss).double()).float()
