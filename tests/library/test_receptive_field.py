import pytest
import torch

from convlib import influence, receptive_field


@pytest.mark.parametrize("layers, expected", [
    ([], 1), ([(2, 1)], 2), ([(2, 1), (2, 1)], 3), ([(3, 1)] * 3, 7),
    ([(3, 2), (3, 1)], 7), ([(3, 2), (3, 2)], 7), ([(5, 1), (3, 2)], 7), ([(2, 2)] * 3, 8),
])
def test_recurrence(layers, expected):
    assert receptive_field(layers) == expected


@pytest.mark.parametrize("layers", [[(2, 1), (2, 1)], [(3, 1)] * 3, [(3, 2), (3, 1)],
                                    [(3, 2), (3, 2)], [(5, 1), (3, 2)], [(2, 2)] * 3,
                                    [(2, 3), (2, 1)], [(1, 2), (3, 1)], [(2, 3)],
                                    [(2, 1), (1, 2), (3, 1)]])
def test_recurrence_gives_the_extent_of_the_gradients(layers):
    # the receptive field runs from its first to its last row over r rows (and columns)
    r = receptive_field(layers)
    mask = influence(layers, input_size=24)
    rows = mask.any(dim=1).nonzero().flatten()
    cols = mask.any(dim=0).nonzero().flatten()
    assert rows[-1] - rows[0] + 1 == r and cols[-1] - cols[0] + 1 == r


@pytest.mark.parametrize("layers", [[(2, 1), (2, 1)], [(3, 1)] * 3, [(3, 2), (3, 1)],
                                    [(3, 2), (3, 2)], [(5, 1), (3, 2)], [(2, 2)] * 3])
def test_without_a_stride_above_the_kernel_the_receptive_field_fills_its_extent(layers):
    r = receptive_field(layers)
    assert influence(layers, input_size=24).sum() == r * r


@pytest.mark.parametrize("layers, rows", [
    ([(2, 3), (2, 1)], [0, 1, 3, 4]),  # two 2-wide windows, 3 apart: a gap of one
    ([(1, 2), (3, 1)], [0, 2, 4]),     # three 1-wide windows, 2 apart
    ([(2, 3)], [0, 1]),                # the top layer's stride skips nothing: one window
    ([(2, 1), (1, 2), (3, 1)], [0, 1, 2, 3, 4, 5]),  # a lower layer fills the gaps in
])
def test_a_stride_above_the_kernel_can_leave_gaps(layers, rows):
    r = receptive_field(layers)
    mask = influence(layers, input_size=24)
    seen = mask.any(dim=1).nonzero().flatten()
    assert (seen - seen[0]).tolist() == rows and r == rows[-1] + 1
    assert mask.sum() == len(rows) ** 2


def test_influence_leaves_the_random_numbers_alone():
    torch.manual_seed(0)
    expected = torch.rand(3)
    torch.manual_seed(0)
    influence([(3, 1)], input_size=5)
    assert torch.equal(torch.rand(3), expected)


def test_influence_of_the_notes_example_is_all_nine_inputs():
    assert influence([(2, 1), (2, 1)], input_size=3).all()


@pytest.mark.parametrize("layers, error", [([(0, 1)], ValueError), ([(3, 0)], ValueError),
                                           ([(3.0, 1)], TypeError)])
def test_bad_layers_are_named(layers, error):
    with pytest.raises(error, match=r"layers\[0\]"):
        receptive_field(layers)


@pytest.mark.parametrize("layers, expected", [
    ([(3, 1, 2)], 5), ([(3, 1, 2), (3, 1, 2)], 9), ([(3, 1), (3, 1, 2)], 7),
    ([(3, 2, 1), (3, 1, 3)], 15), ([(2, 1, 4), (2, 2)], 6),
])
def test_recurrence_with_dilation_gives_the_extent_of_the_gradients(layers, expected):
    assert receptive_field(layers) == expected
    mask = influence(layers, input_size=32)
    rows = mask.any(dim=1).nonzero().flatten()
    assert rows[-1] - rows[0] + 1 == expected


def test_dilation_leaves_gaps_in_the_receptive_field():
    """A dilated 3x3 spans 5x5 but reads only 9 of its 25 inputs."""
    mask = influence([(3, 1, 2)], input_size=9)
    assert receptive_field([(3, 1, 2)]) == 5 and mask.sum() == 9
