"""Checkers for the chapter on a small convolutional network."""

from .answers import Feedback, as_number, shape_pair, whole_number

STRIDE_SHAPE = (3, 3)
"""nn.Conv2d(1, 16, kernel_size=3, stride=2), no padding, on 8×8: floor((8 - 3) / 2) + 1 = 3."""

CONV_PARAMETERS = 32 * 16 * 5 * 5 + 32
"""nn.Conv2d(16, 32, kernel_size=5): c_o c_i k_h k_w weights and c_o biases: 12,832."""

LINEAR_PARAMETERS = 32 * 4 * 4 * 10 + 10
"""The classifier on 16×16 inputs: two 2×2 pools leave 32 maps of 4×4, 512 inputs: 5,130."""

RECEPTIVE_FIELD_1X1 = 4
"""1×1 conv, 2×2 pool (stride 2), 1×1 conv, 2×2 pool: r = 1 + 1·1 + 1·2 = 4."""


def _number(answer):
    value = as_number(answer)
    return None if isinstance(value, Feedback) else value


def _pair(answer):
    """The answer as a pair of whole numbers when shape_pair reads it as one, else None."""
    if " is not it. " not in shape_pair(answer, (-1, -1), "").message:
        return None
    return tuple(int(as_number(size)) for size in answer)


def _stride_shape(answer):
    hints = {
        (4, 4): "That is the shape with padding 1, or with (8 - 3) / 2 rounded up; without "
                "padding, PyTorch rounds down: floor((8 - 3) / 2) + 1.",
        (6, 6): "That is the shape with stride 1: n - k + 1. With stride s, floor((n - k) / s) "
                "+ 1.",
        (8, 8): "That is stride 1 with padding 1, the network's own first layer.",
        (2, 2): "That is (8 - 3) / 2 rounded down without the + 1: the first window counts too.",
    }
    return shape_pair(answer, STRIDE_SHAPE, hints.get(
        _pair(answer), "Chapter 4's formula, per dimension: floor((n + 2p - k) / s) + 1 with "
                       "n = 8, k = 3, p = 0, s = 2."))


def _conv_parameters(answer):
    value = _number(answer)
    hints = {
        12800: "That is the weights alone: each of the 32 output channels has a bias too.",
        12816: "A bias per output channel: 32 of them, not 16.",
        4640: "That is the network's 3×3 layer; the kernels are 5×5 now.",
        800: "That is one output channel's kernel, 16 × 5 × 5 weights, and its bias is "
             "missing too: there are 32 of them.",
        801: "That is one output channel: its 16 × 5 × 5 weights and its bias. There are 32.",
        25632: "Each output channel has one bias, not one per input channel.",
    }
    return whole_number(answer, CONV_PARAMETERS, hints.get(
        value, "Chapter 5's count: c_o · c_i · k_h · k_w weights, plus c_o biases."))


def _linear_parameters(answer):
    value = _number(answer)
    hints = {
        1290: "That is the classifier on 8×8 digits. On 16×16 ones the two pools leave 4×4 "
              "maps, not 2×2.",
        5120: "Those are the weights; the Linear layer has a bias for each of its 10 outputs.",
        20490: "Two 2×2 pools with stride 2 halve the size twice: 16 → 8 → 4, not 8.",
        20480: "Two 2×2 pools with stride 2 halve the size twice: 16 → 8 → 4, not 8.",
    }
    return whole_number(answer, LINEAR_PARAMETERS, hints.get(
        value, "The Linear layer has (inputs + 1) · 10 parameters; its inputs are the 32 "
               "maps after the second pool, flattened."))


def _receptive_field_1x1(answer):
    value = _number(answer)
    hints = {
        1: "A 1×1 kernel adds nothing, but each 2×2 pool does: its window covers two "
           "positions of the map below it.",
        10: "That is the 3×3 network's; with 1×1 kernels only the pools grow the field.",
        3: "Walk back from one output with r_in = s · r_out + k - s, layer by layer.",
        2: "That counts the last pool only; the first pool doubles it once more.",
    }
    return whole_number(answer, RECEPTIVE_FIELD_1X1, hints.get(
        value, "Chapter 1's recurrence, r_in = s · r_out + k - s, from the last layer back "
               "to the first."))


CHECKERS = {
    "network-stride-shape": _stride_shape,
    "network-conv-parameters": _conv_parameters,
    "network-linear-parameters": _linear_parameters,
    "network-1x1-receptive-field": _receptive_field_1x1,
}
