import pytest

from convlib import influence, receptive_field


@pytest.mark.parametrize("layers, expected", [
    ([], 1), ([(2, 1)], 2), ([(2, 1), (2, 1)], 3), ([(3, 1)] * 3, 7),
    ([(3, 2), (3, 1)], 7), ([(3, 2), (3, 2)], 7), ([(5, 1), (3, 2)], 7), ([(2, 2)] * 3, 8),
])
def test_recurrence(layers, expected):
    assert receptive_field(layers) == expected


@pytest.mark.parametrize("layers", [[(2, 1), (2, 1)], [(3, 1)] * 3, [(3, 2), (3, 1)],
                                    [(3, 2), (3, 2)], [(5, 1), (3, 2)], [(2, 2)] * 3])
def test_recurrence_agrees_with_gradients(layers):
    r = receptive_field(layers)
    mask = influence(layers, input_size=24)
    rows = mask.any(dim=1).nonzero().flatten()
    cols = mask.any(dim=0).nonzero().flatten()
    assert rows[-1] - rows[0] + 1 == r and cols[-1] - cols[0] + 1 == r
    assert mask.sum() == r * r


def test_influence_of_the_notes_example_is_all_nine_inputs():
    assert influence([(2, 1), (2, 1)], input_size=3).all()


@pytest.mark.parametrize("layers, error", [([(0, 1)], ValueError), ([(3, 0)], ValueError),
                                           ([(3.0, 1)], TypeError)])
def test_bad_layers_are_named(layers, error):
    with pytest.raises(error, match=r"layers\[0\]"):
        receptive_field(layers)
