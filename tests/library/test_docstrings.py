"""convlib's public functions and classes document themselves as torch.nn.functional does:
what each argument means, the shapes, and an example that runs (as a doctest in the gate)."""

import inspect

import pytest

import convlib
from convlib import (
    algorithms,
    channels,
    checks,
    correlate,
    datasets,
    images,
    layers,
    measurements,
    pooling,
    receptive_field,
    shapes,
    training,
    transposed,
)

MODULES = [correlate, algorithms, channels, layers, pooling, receptive_field, shapes, transposed,
           training, images, datasets, measurements, checks]


def public(module):
    return [(name, obj) for name, obj in vars(module).items()
            if not name.startswith("_") and (inspect.isfunction(obj) or inspect.isclass(obj))
            and obj.__module__ == module.__name__]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_every_public_function_has_an_example(module):
    missing = [name for name, obj in public(module) if ">>> " not in (obj.__doc__ or "")]
    assert not missing, f"{module.__name__}: no runnable Example in {missing}"


@pytest.mark.parametrize("name", convlib.__all__)
def test_the_top_level_functions_give_args_and_shape(name):
    doc = getattr(convlib, name).__doc__ or ""
    assert "Args:" in doc and "Shape:" in doc, name


def test_the_check_can_fail():
    assert public(correlate) and "corr2d_loop" in dict(public(correlate))
