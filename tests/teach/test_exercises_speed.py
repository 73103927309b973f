"""The checker table for the chapter "How fast is a convolution?" (see checker_table.py)."""

from checker_table import WRONG_KINDS, number_forms, rights, table_tests

from convlib.teach.exercises import speed

FLOPS = 2 * 31 * 31 * 2018 * 2018
GIGABYTES = 31 * 31 * 2018 * 2018 * 4 / 1e9

TABLE = {
    "flops-2048-31": rights(number_forms(FLOPS)) + WRONG_KINDS + [
        (2 * 31 * 31 * 2048 * 2048, "is not it"), (FLOPS / 2, "is not it"),
        (FLOPS * 1.02, "is not it")],
    "im2col-gigabytes": rights(number_forms(GIGABYTES) + [15.65, 15.7]) + WRONG_KINDS + [
        (3.9, "is not it"), (GIGABYTES * 8, "is not it"), ("15 GB", "got '15 GB' (a str)"),
        # half wrong: 2048 for one side of the output instead of 2018 (1.5 % off)
        (31 * 31 * 2018 * 2048 * 4 / 1e9, "is not it"),
        (31 * 31 * 2048 * 2048 * 4 / 1e9, "is not it")],
    "bytes-per-output-5x5": rights(number_forms(300) + [25 * 3 * 4e-9 * 1e9]) + WRONG_KINDS + [
        (304, "is not it"), (308, "is not it"), (200, "is not it"), (12, "is not it"),
        (200, "3 float32"),  # 8 bytes per pass: one access forgotten, the hint says which
        (108, "is not it"), (300.5, "is not it")],
}


test_checker_table, test_the_table_covers_the_chapter = table_tests(speed, TABLE)
