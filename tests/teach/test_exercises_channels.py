"""Chapter 5, multiple input and output channels: the checker table of its exercises
(``convlib.teach.exercises.channels``).

Every form of a right answer gets ✅; every wrong answer a ❌ hint that is true of it.
"""

import numpy as np
import torch
from checker_table import WRONG_KINDS, number_forms, rights, table_tests

from convlib.teach.exercises import channels
from convlib.teach.exercises.channels import SAVING


def triple_forms(triple):
    """A shape (channels, rows, columns) as tuple, list, torch.Size, of ints, floats, NumPy
    and 0-d tensor entries, and as 1-D arrays."""
    a, b, c = triple
    return [(a, b, c), [a, b, c], torch.Size([a, b, c]), (float(a), float(b), float(c)),
            (np.int64(a), np.int64(b), np.int64(c)), tuple(torch.tensor([a, b, c])),
            np.array([a, b, c]), torch.tensor([a, b, c])]


TABLE = {
    "groups-parameters": rights(number_forms(12864)) + WRONG_KINDS + [
        (51264, "with groups = 4 each kernel sees only 32 / 4 = 8"),
        (np.int64(51264), "32 / 4 = 8"),
        (12800, "add the biases"),
        (torch.tensor(12800), "add the biases"),
        (51200, "only c_i / groups = 8 channels"),
        (3264, "still 64 kernels"),
        (12865, "12865 is not it. c_o · (c_i / groups) · k_h · k_w weights"),
        (12864.5, "12864.5 is not a whole number"),
        ("12864", "Give a whole number"),
        ([12864], "Give a whole number")],
    "multi-channel-shape": rights(triple_forms((16, 15, 15))) + [
        (None, "Replace None"),
        ((3, 15, 15), "one channel per kernel: c_o, not c_i"),
        ((16, 16, 16), "does not keep the size"),
        # 14 comes from one of two mistakes, floor(27 / 2) + 1 (no padding) or
        # floor(29 / 2) (no + 1): the hint must not say the reader made both
        ((16, 14, 14), "Either the padding (n + 2p = 34) or the final + 1 is missing"),
        (torch.tensor([16, 14, 14]), "Either the padding"),
        # 13 = floor(27 / 2) makes both mistakes
        ((16, 13, 13), "both the padding (n + 2p = 34) and the final + 1"),
        ((16, 28, 28), "ignores both the padding (add 2p) and the stride"),
        ((16, 15, 14), "(16, 15, 14) is not it. Channels: one per kernel"),
        (np.array([[16, 15, 15]]), "three numbers"),
        (torch.zeros(2, 3, 3), "three numbers (channels, rows, columns), got a tensor of "
                               "shape [2, 3, 3]"),
        ((16.5, 15, 15), "three whole numbers, got (16.5, 15, 15)"),
        ((16, 15, float("nan")), "three whole numbers"),
        ((15, 15), "three numbers"),
        ((1, 16, 15, 15), "three numbers"),
        ("16x15x15", "three numbers"),
        (3600, "three numbers"),
        ((16, 15, "15"), "three whole numbers"),
        ((True, 15, 15), "three whole numbers")],
    "stacked-kernel-size": rights(number_forms(7)) + WRONG_KINDS + [
        (8, "share all but one column"),
        (torch.tensor(8), "the windows overlap"),
        (15, "Sizes do not multiply"),
        (5, "together more than 5"),
        (6, "6 is not it. Count the inputs"),
        (7.5, "7.5 is not a whole number"),
        ((7, 7), "Give a whole number")],
    "separable-saving": rights(number_forms(SAVING) + [
        8.41, 8.409, 73728 / 8768, np.float64(8.409), np.float32(8.41),
        torch.tensor(8.41), 8.405, 8.414]) + WRONG_KINDS + [
        (9, "if the depthwise convolution were free; it costs c_i · k_h"),
        (torch.tensor(9.0), "if the depthwise convolution were free"),
        (128, "if the 1 × 1 convolution were free; it costs c_i · c_o"),
        (8.40, "round it to two decimals"),
        (8.42, "the 128 biases of the standard layer"),
        (73856 / 8768, "the 128 biases of the standard layer"),
        (8.44, "Standard:"),
        (8.3, "Standard: c_o · c_i · k_h · k_w per position"),
        (8, "8 is not it. Standard:"),
        # 8.24 is the ratio of parameters, and also of multiply-adds if every bias
        # addition is counted on both sides (73 728 + 128 over 8 768 + 64 + 128): the
        # hint must not tell that reader they did not count multiply-adds
        (8.243, "the ratio of parameters (and of multiply–adds if every bias addition"),
        (np.float32(8.243), "the ratio of parameters"),
        ((73728 + 128) / (8768 + 64 + 128), "weights' multiply–adds only"),
        # the inverse ratio, separable / standard
        (8768 / 73728, "separable / standard"),
        (0.119, "separable / standard"),
        (0.12, "separable / standard")],
}


test_checker_table, test_the_table_covers_the_chapter = table_tests(channels, TABLE)
