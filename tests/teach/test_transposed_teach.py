"""The transposed-convolution chapter's figures, animation and explorer."""

import matplotlib.pyplot as plt
import pytest
import torch

from convlib.teach.animation import to_html, transposed_animation
from convlib.teach.plotting import draw_stamp

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


@pytest.mark.slow
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
