"""Checkers for chapter 4, padding, stride and dilation."""

from .answers import Feedback, as_number, shape_pair, whole_number

STRIDE_CASE = (4, 5)
"""Input 7×12, kernel (2, 4), padding (1, 2) per side, stride (2, 3): 4 rows, 5 columns."""
STRIDE_HINT = "Per dimension: floor((n - k + 2p + s) / s), with the width's own n, k, p and s."


def stride_by_hand(answer):
    """Judge the shape of the strided case; a wrong pair is told which dimension is wrong."""
    verdict = shape_pair(answer, STRIDE_CASE, STRIDE_HINT)
    if verdict.ok or " is not it. " not in verdict.message:
        return verdict  # right, or not a pair of whole numbers
    # shape_pair has read both sizes as whole numbers; as_number reads them again
    # the same way (a tensor through .item(), which never warns about grad)
    got = tuple(int(as_number(size)) for size in answer)
    (rows, cols), (h, w) = got, STRIDE_CASE
    if got == (w, h):
        return Feedback(False, f"{got} is not it: {w} is the width and {h} the height; "
                               f"give (rows, columns).")
    if rows == h or cols == w:
        right, wrong = ("height", "width") if rows == h else ("width", "height")
        return Feedback(False, f"{got} is not it: the {right} is right, the {wrong} is not. "
                               f"{STRIDE_HINT}")
    return verdict


CHECKERS = {
    "stride-by-hand": stride_by_hand,
    "same-padding-7": lambda a: whole_number(
        a, 3, "Padding is per side here: 2p rows in total must make up for k - 1 = 6 lost rows."),
    "dilated-span": lambda a: whole_number(
        a, 9, "A dilated kernel spans d(k - 1) + 1 inputs."),
}
