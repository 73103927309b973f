"""Checkers for the chapter on multiple input and output channels."""

import numpy as np
import torch

from .answers import Feedback, _describe, approximately, as_number, whole_number

PARAMETERS_HINTS = {
    51264: "That counts every kernel over all 32 input channels; with groups = 4 each "
           "kernel sees only 32 / 4 = 8.",
    12800: "Close: add the biases, one per output channel.",
    51200: "Each kernel sees only c_i / groups = 8 channels, and each output channel has "
           "a bias.",
    3264: "Only c_i is divided by the groups: there are still 64 kernels, each of "
          "8 channels.",
}
PARAMETERS_HINT = "c_o · (c_i / groups) · k_h · k_w weights, plus one bias per output channel."

SHAPE_HINTS = {
    (3, 15, 15): "The output has one channel per kernel: c_o, not c_i.",
    (16, 16, 16): "Padding 1 per side does not keep the size under a 5 × 5 kernel: "
                  "floor((n + 2p - k) / s) + 1.",
    (16, 14, 14): "Either the padding (n + 2p = 34) or the final + 1 is missing (each "
                  "alone gives 14): floor((n + 2p - k) / s) + 1.",
    (16, 13, 13): "13 = floor((32 - 5) / 2) leaves out both the padding (n + 2p = 34) "
                  "and the final + 1: floor((n + 2p - k) / s) + 1.",
    (16, 28, 28): "28 = 32 - 5 + 1 ignores both the padding (add 2p) and the stride "
                  "(divide by s).",
}
SHAPE_HINT = ("Channels: one per kernel. Rows and columns: floor((n + 2p - k) / s) + 1 "
              "each.")

STACKED_HINTS = {
    8: "Close: the windows overlap. One output of the second layer reads 5 neighbouring "
       "outputs of the first in each row; their 3 × 3 windows are 3 columns wide, and "
       "neighbouring windows share all but one column.",
    15: "Sizes do not multiply: neighbouring windows of the first layer overlap.",
    5: "The second layer's window reads 5 outputs of the first, and each of those reads "
       "3 inputs: together more than 5.",
}
STACKED_HINT = "Count the inputs that one output of the second layer depends on."

SAVING = (64 * 128 * 9) / (64 * 9 + 64 * 128)
"""Multiply–adds per position: standard 3 × 3, 64 → 128, over depthwise + 1 × 1."""
SAVING_HINTS = {
    9: "9 = k_h · k_w would be the saving if the depthwise convolution were free; it "
       "costs c_i · k_h · k_w per position.",
    128: "128 = c_o would be the saving if the 1 × 1 convolution were free; it costs "
         "c_i · c_o per position.",
}
ONE_SIDED_BIAS = (64 * 128 * 9 + 128) / (64 * 9 + 64 * 128)
"""A near miss (8.42): the standard layer's biases added, the separable layers' not."""
TOLERANCE = 0.006
"""Absolute: the two decimals asked for, 8.41, and no other two-decimal number."""
PARAMETER_RATIO = (64 * 128 * 9 + 128) / (64 * 9 + 64 + 64 * 128 + 128)
"""The ratio of parameters, biases included (8.24); it is also the ratio of multiply–adds
when every bias addition is counted, in both layers: (73 728 + 128) / (8 768 + 64 + 128)."""
INVERSE = 1 / SAVING
"""The ratio the other way up, separable / standard (0.119)."""
SAVING_HINT = ("Standard: c_o · c_i · k_h · k_w per position. Separable: c_i · k_h · k_w "
               "+ c_i · c_o.")


def _key(answer):
    """A number as a plain int (if whole) or float, to look up the hint for a known mistake;
    None if it is not one number (NumPy scalars and 0-d tensors are numbers)."""
    value = as_number(answer)
    if isinstance(value, Feedback):
        return None
    return int(value) if value.is_integer() else value


def shape_triple(answer, expected, hints, hint):
    """Judge a shape answer (channels, rows, columns): a tuple, list, ``torch.Size``, or a
    1-D tensor or NumPy array."""
    if answer is None:
        return Feedback(False, "Replace None with your answer, a shape (channels, rows, "
                               "columns).")
    if isinstance(answer, (torch.Tensor, np.ndarray)) and answer.ndim == 1:
        answer = list(answer)
    if not (isinstance(answer, (tuple, list)) and len(answer) == len(expected)):
        return Feedback(False, f"Give the shape as three numbers (channels, rows, columns), "
                               f"got {_describe(answer)}.")
    keys = tuple(_key(v) for v in answer)
    if any(not isinstance(v, int) for v in keys):
        return Feedback(False, f"Give the shape as three whole numbers, got "
                               f"{tuple(answer)!r}.")
    if keys == expected:
        return Feedback(True, f"Correct: {expected}.")
    return Feedback(False, f"{keys} is not it. {hints.get(keys, hint)}")


def _whole(expected, hints, hint):
    return lambda a: whole_number(a, expected, hints.get(_key(a), hint))


def _saving(answer):
    key = _key(answer)
    hint = SAVING_HINTS.get(key, SAVING_HINT)
    if key is not None and abs(key - PARAMETER_RATIO) < 0.01:
        hint = ("73 856 / 8 960 = 8.24 is the ratio of parameters (and of multiply–adds if "
                "every bias addition is counted too); count the weights' multiply–adds only, "
                "as PyTorch's counter does.")
    elif key is not None and abs(key - INVERSE) < 0.005:
        hint = ("That is separable / standard, less than 1; the question asks how many "
                "times fewer: standard / separable.")
    elif key is not None and abs(key - ONE_SIDED_BIAS) < TOLERANCE:
        hint = ("73 856 / 8 768 = 8.42 adds the 128 biases of the standard layer to its "
                "multiply–adds, and none to the separable one's; count multiply–adds only.")
    elif key is not None and abs(key - SAVING) < 0.02:
        hint = "Close: compute the ratio to three decimals and round it to two decimals."
    return approximately(answer, SAVING, hint, rel=TOLERANCE / SAVING)


CHECKERS = {
    "groups-parameters": _whole(64 * (32 // 4) * 5 * 5 + 64, PARAMETERS_HINTS,
                                PARAMETERS_HINT),
    "multi-channel-shape": lambda a: shape_triple(a, (16, 15, 15), SHAPE_HINTS, SHAPE_HINT),
    "stacked-kernel-size": _whole(7, STACKED_HINTS, STACKED_HINT),
    "separable-saving": _saving,
}
