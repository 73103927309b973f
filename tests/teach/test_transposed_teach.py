"""The transposed-convolution chapter's figures, animation and explorer."""

import matplotlib.pyplot as plt
import pytest
import torch

from convlib.teach.animation import to_html, transposed_animation
from convlib.teach.plotting import draw_stamp, draw_stamp_positions
from convlib.teach.widgets import TransposedExplorer

X = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])


def texts(ax):
    return [t.get_text() for t in ax.texts]


def test_stamp_step_text_and_running_sum():
    fig, ax = plt.subplots()
    text = draw_stamp(ax, X, K, 1, 0, stride=2)
    assert text == "X[1,0] = 2 adds 2·K at rows 2–3, columns 0–1"
    # the drawn output: stamps of X[0,0], X[0,1], X[1,0] summed, on the 4x4 canvas
    numbers = texts(ax)
    canvas = [float(t) for t in numbers[-16:]]
    assert canvas == [0, 0, 0, 1, 0, 0, 2, 3, 0, 2, 0, 0, 4, 6, 0, 0]
    plt.close(fig)


def test_stamp_marks_the_removed_border_dashed():
    fig, ax = plt.subplots()
    draw_stamp(ax, X, K, 0, 0, padding=1)
    dashed = [p for p in ax.patches if p.get_linestyle() == "--"]
    assert len(dashed) == 9 - 1  # the 3x3 output keeps only its centre, [[4]]
    plt.close(fig)


def test_stamp_rejects_a_setting_with_no_output():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="padding 2 leaves no output"):
        draw_stamp(ax, X, K, 0, 0, padding=2)
    plt.close(fig)


@pytest.mark.parametrize("shape, stride", [((2, 2), 1), ((2, 3), 2), ((1, 1), 3)])
def test_animation_has_one_frame_per_input(shape, stride):
    anim = transposed_animation(torch.ones(shape), K, stride=stride)
    html = to_html(anim)
    assert anim.frame_count == shape[0] * shape[1]
    assert html.count("data:image/png;base64") == anim.frame_count
    assert "://" not in html and "_anim_slider" in html


def test_animation_rejects_bad_input():
    with pytest.raises(ValueError, match="Expected K to be a 2-D tensor"):
        transposed_animation(X, torch.ones(3))
    with pytest.raises(ValueError, match="leaves no output"):
        transposed_animation(X, K, padding=3)


def test_stamp_positions_drawing_has_a_cell_per_output_and_a_row_per_input():
    fig, ax = plt.subplots()
    draw_stamp_positions(ax, 3, 3, padding=1, stride=2, output_padding=1)
    cells = [p for p in ax.patches if p.get_height() == 1]
    assert len(cells) == 8  # (3 - 1) * 2 + 3 = 7 cells, plus 1 of output_padding
    assert texts(ax) == ["in 0", "in 1", "in 2"]
    plt.close(fig)


def test_explorer_shows_both_directions():
    explorer = TransposedExplorer(n=7, k=3, padding=1, stride=2)
    assert explorer.status == ("correlation: 7 → 4; transposed (output_padding 0): "
                               "4 → 7, back to 7.")
    assert bytes(explorer.output.value).startswith(b"\x89PNG")
    assert repr(explorer) == "TransposedExplorer(n=7, k=3, padding=1, stride=2)"
    assert repr(TransposedExplorer(n=1, k=1, padding=0, stride=1)) \
        == "TransposedExplorer(n=1, k=1)"
    assert repr(TransposedExplorer(n=5, k=2, padding=0, stride=2, output_padding=1,
                                   dilation=2)) \
        == "TransposedExplorer(n=5, k=2, stride=2, output_padding=1, dilation=2)"
    assert explorer._repr_mimebundle_()["text/plain"] == repr(explorer)


def test_explorer_names_the_output_padding_that_goes_back():
    explorer = TransposedExplorer(n=8, k=3, padding=1, stride=2)
    assert "4 → 7, not 8: output_padding 1 would give back 8." in explorer.status
    explorer.sliders["output_padding"].value = 1
    assert "4 → 8, back to 8." in explorer.status


def test_explorer_bad_setting_is_a_message():
    explorer = TransposedExplorer(n=8, k=3, padding=1, stride=2)
    explorer.sliders["output_padding"].value = 2       # not below stride 2: no exception
    assert explorer.status.startswith("Impossible setting: output_padding must be smaller")
    assert bytes(explorer.output.value) == b""
    assert "#b00020" in explorer.message.value
    explorer.sliders["dilation"].value = 3             # 2 < dilation 3: allowed again
    assert "Impossible" not in explorer.status and explorer.output.value
    explorer.sliders["k"].value = 5
    explorer.sliders["n"].value = 1
    explorer.sliders["padding"].value = 0
    assert "larger than the padded input" in explorer.status
    explorer.close()
    assert explorer.widget.comm is None


def _faces(ax):
    """(left x, face colour as hex, dashed) of each cell of the drawing's top row."""
    from matplotlib.colors import to_hex

    return [(p.get_x(), to_hex(p.get_facecolor()), p.get_linestyle() == "--")
            for p in ax.patches if p.get_y() == 0]


def test_explorer_drawings_colour_what_the_chapter_says():
    """Chapter 7's explorer text: a cell no window reads is pink (an input one when n = 8,
    p = 0), padding is white and dashed, a kept output_padding cell light green, dashed."""
    from convlib.teach.plotting import OUTPUT, PADDING, UNREACHED, draw_window_positions

    fig, (left, right) = plt.subplots(1, 2)
    draw_window_positions(left, 8, 3, padding=0, stride=2)
    assert [x for x, face, _ in _faces(left) if face == UNREACHED] == [7]
    assert not any(dashed for *_, dashed in _faces(left))
    left.clear()
    draw_window_positions(left, 8, 3, padding=1, stride=2)
    assert _faces(left)[0] == (0, PADDING, True) and _faces(left)[9] == (9, UNREACHED, True)
    draw_stamp_positions(right, 4, 3, padding=0, stride=2, output_padding=1)
    assert _faces(right)[-1] == (9, OUTPUT, True)         # appended, kept: green, dashed
    assert _faces(right)[-2] == (8, OUTPUT, False)
    right.clear()
    draw_stamp_positions(right, 4, 3, padding=1, stride=2, output_padding=1)
    assert _faces(right)[0] == (0, PADDING, True) and _faces(right)[-1] == (9, PADDING, True)
    plt.close(fig)


def test_the_explorer_names_the_output_padding_when_the_transposed_has_no_output():
    from convlib.teach.widgets import TransposedExplorer

    e = TransposedExplorer(n=1, k=1, padding=1, stride=3)
    assert e.status == ("correlation: 1 → 1; transposed (output_padding 0): 1 → no "
                        "output; output_padding 2 would give back 1.")
    assert e.output.value  # the correlation is still drawn
    e.sliders["output_padding"].value = 2
    assert e.status.endswith("1 → 1, back to 1.")
    e.sliders["output_padding"].value = 3
    assert e.status.startswith("Impossible setting: output_padding must be smaller than "
                               "max(stride, dilation) = 3")
