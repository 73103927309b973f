"""Checkers for the chapter "How fast is a convolution?"."""

from .answers import approximately

CHECKERS = {
    "flops-2048-31": lambda a: approximately(
        a, 2 * 31 * 31 * 2018 * 2018, "2 · k_h · k_w · out_h · out_w, with out = n - k + 1.",
        rel=0.01),
    "im2col-gigabytes": lambda a: approximately(
        a, 31 * 31 * 2018 * 2018 * 4 / 1e9, "k_h · k_w rows, out_h · out_w columns, 4 bytes "
        "per float32, divided by 10^9.", rel=0.01),
    "bytes-per-output-5x5": lambda a: approximately(
        a, 12 * 25, "Each of the 5 · 5 passes reads the input and the output and writes the "
        "output: 3 float32 values of 4 bytes.", rel=1e-9),
}
