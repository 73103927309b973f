"""Checkers for chapter 4, padding, stride and dilation."""

from .answers import shape_pair, whole_number

CHECKERS = {
    "d2l-stride-case": lambda a: shape_pair(
        a, (2, 2), "Per dimension: floor((n - k + 2p + s) / s), with the width's own p_w and s_w."),
    "same-padding-7": lambda a: whole_number(
        a, 3, "Padding is per side here: 2p rows in total must make up for k - 1 = 6 lost rows."),
    "dilated-span": lambda a: whole_number(
        a, 9, "A dilated kernel spans d(k - 1) + 1 inputs."),
}
