"""The shared input checks: one function reads a tensor of any allowed rank, and every
module's errors come out in the same words."""

import pytest
import torch

from convlib.checks import as_matrix, as_tensor


@pytest.mark.parametrize("value, dims, layout, message", [
    (torch.ones(1, 3, 3), (2,), "", "Expected K to be a 2-D tensor, got 3-D tensor of shape "
                                    "[1, 3, 3]"),
    (torch.ones(4, 4), (3, 4), "(c_i, n_h, n_w) or (N, c_i, n_h, n_w)",
     "Expected K to be a 3-D or 4-D tensor (c_i, n_h, n_w) or (N, c_i, n_h, n_w), got 2-D "
     "tensor of shape [4, 4]"),
    (torch.ones(0, 3), (2,), "", "K must not be empty, got shape [0, 3]"),
])
def test_errors_name_the_argument_the_rank_and_the_shape(value, dims, layout, message):
    with pytest.raises(ValueError) as caught:
        as_tensor("K", value, dims, layout)
    assert str(caught.value) == message


@pytest.mark.parametrize("value, word", [
    ([[1.0]], "torch.Tensor, got list"),
    (torch.ones(2, 2, dtype=torch.bool), "real numbers"),
    (torch.ones(2, 2, dtype=torch.complex64), "real numbers"),
])
def test_types_are_refused_with_a_type_error(value, word):
    with pytest.raises(TypeError, match=word):
        as_tensor("K", value, (2,))


def test_integers_become_the_default_float_and_floats_are_kept():
    assert as_tensor("X", torch.ones(2, 2, 2, dtype=torch.int64), (3,)).dtype == \
        torch.get_default_dtype()
    double = torch.ones(2, 2, dtype=torch.float64)
    assert as_tensor("X", double, (2,)) is double
    assert as_matrix("X", double) is double
