import re

import matplotlib.pyplot as plt
import pytest
import torch

from convlib.teach.animation import correlation_animation, to_html
from convlib.teach.plotting import correlation_figure, unreached_cells, window_sum_text

X = torch.arange(9.0).reshape(3, 3)
K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])


def test_window_sum_text_is_the_worked_example():
    assert window_sum_text(X[:2, :2], K, 19) == "0·0 + 1·1 + 3·2 + 4·3 = 19"


def test_figure_titles_the_step_it_draws():
    fig = correlation_figure(X, K, 1, 1)
    assert fig.axes[0].get_title() == "4·0 + 5·1 + 7·2 + 8·3 = 43"
    plt.close(fig)


@pytest.mark.parametrize("shape, k, s, expected", [
    ((5, 5), (3, 3), (1, 1), set()),
    ((8, 8), (3, 3), (2, 2), {(7, j) for j in range(8)} | {(i, 7) for i in range(8)}),
    ((5, 5), (3, 3), (2, 2), set()),
])
def test_unreached_cells(shape, k, s, expected):
    assert unreached_cells(shape, k, s) == expected


@pytest.mark.parametrize("padding, stride, frames", [
    (0, 1, 4), pytest.param(1, 1, 16, marks=pytest.mark.slow), (1, 2, 4)])
def test_animation_has_one_frame_per_output(padding, stride, frames):
    anim = correlation_animation(X, K, padding=padding, stride=stride)
    html = to_html(anim)
    assert anim.frame_count == frames
    assert html.count("data:image/png;base64") == frames


def test_animation_renders_to_html_with_controls():
    html = to_html(correlation_animation(X, K))
    assert "<img" in html and "_anim_slider" in html
    assert "://" not in html  # nothing for the browser to fetch


def test_figure_rejects_bad_input():
    with pytest.raises(ValueError, match="K"):
        correlation_figure(X, torch.ones(4, 4))


def test_heatmap_writes_the_values():
    from convlib.teach.plotting import heatmap

    fig, ax = plt.subplots()
    heatmap(ax, torch.tensor([[1.0, -1.0, -0.0]]), "t")
    assert [t.get_text() for t in ax.texts] == ["1", "-1", "0"] and ax.get_title() == "t"
    plt.close(fig)


def test_image_grid_has_a_titled_panel_per_image():
    from convlib.teach.plotting import image_grid

    fig = image_grid({"a": torch.rand(4, 4), "b": -torch.rand(4, 4), "c": torch.rand(3, 5)},
                     ncols=2)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["a", "b", "c", ""]
    plt.close(fig)


def test_animation_alt_text_is_on_the_frame_image():
    html = to_html(correlation_animation(X, K), alt='The window "slides" & sums')
    assert '<img alt="The window &quot;slides&quot; &amp; sums" ' in html
    image = re.search(r'<img [^>]*id="_anim_img[^>]*>', html).group()
    assert 'alt="The window &quot;slides&quot; &amp; sums"' in image


def test_animation_frames_are_drawn_at_twice_the_width_they_are_shown_at():
    """Crisp on a high-density screen: the frame PNG is twice the width the page shows."""
    import base64

    html = to_html(correlation_animation(X, K))
    shown = int(re.search(r'<img [^>]*width="(\d+)"[^>]*id="_anim_img', html).group(1))
    header = base64.b64decode(re.search(r"data:image/png;base64,([A-Za-z0-9+/]{32})",
                                        html).group(1))
    drawn = int.from_bytes(header[16:20], "big")  # the PNG's width, from its IHDR chunk
    assert drawn >= 1.5 * shown


def output_faces(ax, n_cells):
    """The face colours of the last ``n_cells`` squares drawn (the output grid)."""
    from matplotlib.colors import to_hex

    return [to_hex(patch.get_facecolor()) for patch in ax.patches[-n_cells:]]


@pytest.mark.parametrize("values", [True, False])
def test_the_output_fills_in_one_cell_per_step(values):
    from convlib.teach.plotting import CURRENT, OUTPUT, PENDING, draw_step

    for step, (i, j) in enumerate([(0, 0), (0, 1), (1, 0), (1, 1)]):
        fig, ax = plt.subplots()
        draw_step(ax, X, K, i, j, values=values)
        faces = output_faces(ax, 4)
        assert faces[step] == CURRENT
        assert faces[:step] == [OUTPUT] * step and faces[step + 1:] == [PENDING] * (3 - step)
        numbers = [t.get_text() for t in ax.texts if t.get_text() in ("19", "25", "37", "43")]
        assert numbers == (["19", "25", "37", "43"][:step + 1] if values else [])
        plt.close(fig)


def test_heatmap_writes_white_on_dark_cells():
    from convlib.teach.plotting import heatmap

    fig, ax = plt.subplots()
    heatmap(ax, torch.tensor([[9.0, 0.0, -9.0]]), cmap="Blues")
    assert [t.get_color() for t in ax.texts] == ["white", "black", "black"]
    plt.close(fig)


def test_correlation_animation_titles_are_its_frames_sums():
    anim = correlation_animation(X, K)
    assert anim.titles == ["0·0 + 1·1 + 3·2 + 4·3 = 19", "1·0 + 2·1 + 4·2 + 5·3 = 25",
                           "3·0 + 4·1 + 6·2 + 7·3 = 37", "4·0 + 5·1 + 7·2 + 8·3 = 43"]
    plain = correlation_animation(X, K, values=False)
    assert plain.titles[1] == "output cell (0, 1)"
    for shown in (anim, plain):  # rendered, as a page would (matplotlib warns otherwise)
        assert "_anim_img" in to_html(shown)


def test_heatmap_scale_can_start_at_zero():
    from convlib.teach.plotting import heatmap

    fig, ax = plt.subplots()
    image = heatmap(ax, torch.tensor([[1.0, 2.0, 4.0]]), cmap="Blues", vmin=0)
    assert image.get_clim() == (0, 4.0)
    assert heatmap(ax, torch.tensor([[1.0, -2.0]])).get_clim() == (-2.0, 2.0)
    plt.close(fig)
