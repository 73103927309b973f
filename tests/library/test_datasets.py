"""convlib.datasets: the digits split is seeded, complete, and scikit-learn's own data."""

import doctest

import pytest
import torch

from convlib import datasets
from convlib.datasets import load_digits_tensors


@pytest.mark.slow
def test_the_split_is_complete_disjoint_and_the_same_every_time():
    X_train, y_train, X_test, y_test = load_digits_tensors(450, seed=0)
    assert X_train.shape == (1347, 1, 8, 8) and X_test.shape == (450, 1, 8, 8)
    assert y_train.shape == (1347,) and y_test.shape == (450,)
    assert X_train.dtype == torch.float32 and y_train.dtype == torch.int64
    again = load_digits_tensors(450, seed=0)
    assert all(torch.equal(a, b) for a, b in zip((X_train, y_train, X_test, y_test), again,
                                                 strict=True))
    other = load_digits_tensors(450, seed=1)
    assert not torch.equal(X_test, other[2])
    # train and test together are the whole data set, each image once
    from sklearn.datasets import load_digits

    digits = load_digits()
    ours = torch.cat([X_train, X_test]).flatten(1) * 16
    theirs = torch.tensor(digits.images, dtype=torch.float32).flatten(1)
    assert torch.equal(ours.sort(dim=0).values, theirs.sort(dim=0).values)
    labels = torch.cat([y_train, y_test])
    assert torch.equal(labels.bincount(), torch.tensor(digits.target).bincount())


def test_each_image_keeps_its_label():
    from sklearn.datasets import load_digits

    digits = load_digits()
    X_train, y_train, _, _ = load_digits_tensors(100, seed=3)
    for image, label in zip(X_train[:20], y_train[:20], strict=True):
        index = next(i for i, raw in enumerate(digits.images)
                     if torch.equal(torch.tensor(raw, dtype=torch.float32) / 16, image[0]))
        assert digits.target[index] == label


def test_values_are_in_the_unit_range():
    X_train, _, X_test, _ = load_digits_tensors(1)
    assert X_test.shape == (1, 1, 8, 8)
    assert X_train.min() == 0 and X_train.max() == 1


@pytest.mark.parametrize("args, error, words", [
    ((0,), ValueError, "test_size must be from 1 to 1796"),
    ((1797,), ValueError, r"holds 1797 images\), got 1797"),
    ((4.5,), TypeError, "test_size must be an int, got 4.5"),
    ((True,), TypeError, "test_size must be an int"),
])
def test_bad_arguments_are_named(args, error, words):
    with pytest.raises(error, match=words):
        load_digits_tensors(*args)
    with pytest.raises(TypeError, match="seed must be an int"):
        load_digits_tensors(10, seed="0")


def test_the_docstring_example_runs():
    result = doctest.testmod(datasets, verbose=False)
    assert result.attempted >= 2 and result.failed == 0
