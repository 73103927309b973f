"""Data sets to train on, shipped inside an installed package: nothing is downloaded.

- ``load_digits_tensors``: scikit-learn's 1,797 handwritten digits, 8 × 8 gray images, as
  PyTorch tensors split into a seeded training set and test set.

scikit-learn is imported inside the function, so ``import convlib`` stays light.
"""

import torch

DIGITS = 1797
"""How many images scikit-learn's digits data set holds."""


def load_digits_tensors(test_size=450, *, seed=0):
    """scikit-learn's handwritten digits, split at random (but seeded) into train and test.

    The images are scikit-learn's ``load_digits()``: 1,797 scans of handwritten digits,
    each 8 × 8 pixels with values 0 to 16; here divided by 16, so in [0, 1], dark ink
    high. A random permutation drawn from ``torch.Generator().manual_seed(seed)`` puts the
    first ``test_size`` images in the test set and the rest in the training set, so the
    same seed gives the same split on every machine.

    Args:
        test_size: how many images go to the test set, an int from 1 to 1,796.
        seed: the seed of the split.

    Returns:
        ``(X_train, y_train, X_test, y_test)``.

    Shape:
        - ``X_train``: (1797 - test_size, 1, 8, 8), float32; ``X_test``: (test_size, 1, 8, 8)
        - ``y_train``, ``y_test``: (N,), int64 labels 0 to 9

    Example:
        >>> X_train, y_train, X_test, y_test = load_digits_tensors()
        >>> tuple(X_train.shape), tuple(X_test.shape)
        ((1347, 1, 8, 8), (450, 1, 8, 8))
        >>> float(X_train.min()), float(X_train.max()), y_test.unique().tolist()
        (0.0, 1.0, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    """
    if not isinstance(test_size, int) or isinstance(test_size, bool):
        raise TypeError(f"test_size must be an int, got {test_size!r}")
    if not 1 <= test_size < DIGITS:
        raise ValueError(f"test_size must be from 1 to {DIGITS - 1} (the data set holds "
                         f"{DIGITS} images), got {test_size}")
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise TypeError(f"seed must be an int, got {seed!r}")
    from sklearn.datasets import load_digits  # here, not at the top: see the module's text

    digits = load_digits()
    X = torch.tensor(digits.images, dtype=torch.float32)[:, None] / 16
    y = torch.tensor(digits.target, dtype=torch.int64)
    order = torch.randperm(len(X), generator=torch.Generator().manual_seed(seed))
    test, train = order[:test_size], order[test_size:]
    return X[train], y[train], X[test], y[test]
