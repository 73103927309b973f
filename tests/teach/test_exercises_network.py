"""The chapter on a small network: the checker table of its exercises
(``convlib.teach.exercises.network``).

Every form of a right answer gets ✅; every wrong answer a ❌ hint that is true of it. The
expected answers are measured on PyTorch layers here, not copied from the checkers.
"""

import torch
from checker_table import WRONG_PAIRS, number_forms, number_wrongs, pair_forms, rights, table_tests
from torch import nn

from convlib.teach.exercises import network


def _features(size, kernel_size=3, pool=nn.MaxPool2d):
    padding = kernel_size // 2
    return nn.Sequential(
        nn.Conv2d(1, 16, kernel_size, padding=padding), nn.ReLU(), pool(2),
        nn.Conv2d(16, 32, kernel_size, padding=padding), nn.ReLU(), pool(2), nn.Flatten())


def _count(module):
    return sum(p.numel() for p in module.parameters())


STRIDE_SHAPE = tuple(nn.Conv2d(1, 16, kernel_size=3, stride=2)(torch.zeros(1, 1, 8, 8))
                     .shape[2:])
CONV_PARAMETERS = _count(nn.Conv2d(16, 32, kernel_size=5))
LINEAR_PARAMETERS = _count(nn.Linear(_features(16)(torch.zeros(1, 1, 16, 16)).shape[1], 10))


def _receptive_field_1x1():
    """The extent of the inputs one output of the 1×1 network (average pools, so every
    input of a window gets a gradient) depends on, measured by autograd."""
    net = _features(8, kernel_size=1, pool=nn.AvgPool2d)[:-1]   # keep the (c, h, w) maps
    with torch.no_grad():
        for layer in net:
            if isinstance(layer, nn.Conv2d):
                layer.weight.fill_(1.0)
                layer.bias.fill_(1.0)   # every ReLU passes
    X = torch.rand(1, 1, 8, 8, requires_grad=True)
    net(X)[0, 0, 0, 0].backward()
    rows, cols = X.grad[0, 0].nonzero().unbind(1)
    assert rows.max() - rows.min() == cols.max() - cols.min()
    return int(rows.max() - rows.min() + 1)


def test_the_expected_answers():
    assert STRIDE_SHAPE == (3, 3) and CONV_PARAMETERS == 12832
    assert LINEAR_PARAMETERS == 5130 and _receptive_field_1x1() == 4


TABLE = {
    "network-stride-shape": rights(pair_forms(STRIDE_SHAPE)) + WRONG_PAIRS + [
        ((4, 4), "(4, 4) is not it. That is the shape with padding 1"),
        ((6, 6), "(6, 6) is not it. That is the shape with stride 1"),
        ((8, 8), "the network's own first layer"),
        ((2, 2), "without the + 1"),
        ((3, 4), "(3, 4) is not it. Chapter 4's formula"),
        ((3.5, 3.5), "got 3.5 in the pair"),
    ],
    "network-conv-parameters": rights(number_forms(CONV_PARAMETERS))
    + number_wrongs([12800, 12816, 4640, 800, 801, 25632, 12833]) + [
        (12800, "the weights alone"), (12816, "32 of them, not 16"),
        (4640, "the network's 3×3 layer"), (800, "one output channel's kernel"),
        (801, "There are 32"), (25632, "one bias, not one per input channel"),
        (12833, "c_o · c_i · k_h · k_w weights, plus c_o biases"),
        (12832.5, "12832.5 is not a whole number"),
    ],
    "network-linear-parameters": rights(number_forms(LINEAR_PARAMETERS))
    + number_wrongs([1290, 5120, 20490, 20480, 5131]) + [
        (1290, "the classifier on 8×8 digits"), (5120, "a bias for each of its 10 outputs"),
        (20490, "16 → 8 → 4"), (20480, "16 → 8 → 4"),
        (5131, "(inputs + 1) · 10 parameters"),
        (5129.9999, "5129.9999 is not a whole number"),
    ],
    "network-1x1-receptive-field": rights(number_forms(_receptive_field_1x1()))
    + number_wrongs([1, 10, 3, 2, 8]) + [
        (1, "each 2×2 pool does"), (10, "the 3×3 network's"), (3, "r_in = s · r_out + k - s"),
        (2, "the first pool doubles it"), (8, "from the last layer back"),
        (4.5, "4.5 is not a whole number"),
    ],
}


test_checker_table, test_the_table_covers_the_chapter = table_tests(network, TABLE)
