import doctest
import math

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

import convlib.teach.padding_figures as padding_figures
from convlib.teach.padding_figures import (
    draw_frequency_responses,
    draw_padded_rows,
    frequency_response,
    window_panels,
)


def test_doctests():
    assert doctest.testmod(padding_figures).failed == 0


def test_frequency_response_is_what_a_sine_keeps():
    """The response at f is the amplitude of a sine of frequency f after the kernel: filter a
    cosine and a sine; at every sample the two outputs are that amplitude's two components."""
    rate, kernel = 16000, torch.tensor([0.1, 0.5, -0.2, 0.3], dtype=torch.float64)
    t = torch.arange(64, dtype=torch.float64) / rate
    for hz in (0, 1000, 1500, 3000, 7000):
        c, s = (F.conv1d(wave(2 * math.pi * hz * t)[None, None], kernel[None, None])[0, 0]
                for wave in (torch.cos, torch.sin))
        amplitude = torch.hypot(c, s)
        expected = float(frequency_response(kernel, [hz], rate)[0])
        assert torch.allclose(amplitude, torch.full_like(amplitude, expected), atol=1e-9)
    # a box of 9 at 16 kHz: sin(9πf/rate) / (9 sin(πf/rate))
    box = torch.full((9,), 1 / 9)
    for hz in (1500, 3000):
        x = math.pi * hz / rate
        assert math.isclose(float(frequency_response(box, [hz], rate)[0]),
                            abs(math.sin(9 * x) / (9 * math.sin(x))), rel_tol=1e-6)


def test_window_panels_titles_count_outputs():
    fig = window_panels(5, 3, [(0, 1), (1, 1), (1, 2)])
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["padding 0, stride 1:\n5 inputs → 3 outputs",
                      "padding 1, stride 1:\n5 inputs → 5 outputs",
                      "padding 1, stride 2:\n5 inputs → 3 outputs"]
    # every panel: the padded input's cells, then 3 taps per output window
    assert [len(ax.patches) for ax in fig.axes] == [5 + 3 * 3, 7 + 5 * 3, 7 + 3 * 3]
    plt.close(fig)


def test_window_panels_stack_vertically_with_larger_text():
    settings = [(0, 1), (1, 1), (1, 2)]
    wide, tall = window_panels(5, 3, settings), window_panels(5, 3, settings, vertical=True)
    # same panels and titles, one under the other in a figure a third as wide
    assert [ax.get_title() for ax in tall.axes] == [ax.get_title() for ax in wide.axes]
    assert [len(ax.patches) for ax in tall.axes] == [len(ax.patches) for ax in wide.axes]
    tops = [ax.get_position().y0 for ax in tall.axes]
    assert tops == sorted(tops, reverse=True)
    (w_wide, _), (w_tall, h_tall) = wide.get_size_inches(), tall.get_size_inches()
    assert abs(w_tall - w_wide / 3) < 1e-9 and h_tall > w_tall
    # larger text than the side-by-side figure: titles 11 pt, "out i" labels 10 pt
    assert {ax.title.get_fontsize() for ax in tall.axes} == {11}
    assert {t.get_fontsize() for ax in tall.axes for t in ax.texts} == {10}
    assert [t.get_text() for t in tall.axes[1].texts] == [f"out {i}" for i in range(5)]
    plt.close(wide)
    plt.close(tall)


def test_padded_rows_show_values_and_dash_the_padding():
    row = torch.tensor([[[1.0, 2.0, 3.0]]])
    rows = {"zeros": F.pad(row, (2, 2))[0, 0],
            "replicate": F.pad(row, (2, 2), mode="replicate")[0, 0]}
    fig, ax = plt.subplots()
    draw_padded_rows(ax, rows, pad=2)
    texts = [t.get_text() for t in ax.texts]
    assert texts[:8] == ["0", "0", "1", "2", "3", "0", "0", "zeros"]
    assert texts[8:] == ["1", "1", "1", "2", "3", "3", "3", "replicate"]
    dashed = [p.get_linestyle() == "--" for p in ax.patches]
    assert dashed == [True, True, False, False, False, True, True] * 2
    plt.close(fig)


def test_frequency_plot_has_one_line_per_kernel():
    fig, ax = plt.subplots()
    draw_frequency_responses(ax, {"a": torch.ones(3) / 3, "b": torch.ones(1)}, 16000,
                             limit=2000, marks=(1500, 3000))
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels[:3] == ["a", "b", "new limit, 2 kHz"]
    assert float(ax.get_lines()[1].get_ydata().min()) == 1.0  # a single tap of 1 keeps all
    plt.close(fig)
