import pytest
import torch

from convlib import corr2d
from convlib.images import kernel, load_photo
from convlib.teach.display import png_bytes
from convlib.teach.widgets import KernelEditor, parse_kernel, parse_number


@pytest.fixture(scope="module")
def photo():
    return load_photo(size=32)


@pytest.mark.parametrize("text, value", [("1", 1.0), (" -0.25 ", -0.25), ("1e-2", 0.01),
                                         ("abc", None), ("", None), ("nan", None),
                                         ("inf", None), ("1/9", None), ("2*3", None)])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_parse_kernel_names_every_bad_field():
    K, message = parse_kernel([["1", "0"], ["x", "__import__('os')"]])
    assert K is None
    assert "row 2, column 1 ('x')" in message and "row 2, column 2" in message


def test_parse_kernel_valid():
    K, message = parse_kernel([["1", "-1"]])
    assert torch.equal(K, torch.tensor([[1.0, -1.0]])) and message == ""


def test_editor_shows_the_preset_result(photo):
    editor = KernelEditor(photo, preset="gaussian")
    assert editor.output.value == png_bytes(corr2d(photo, kernel("gaussian"), padding=1))
    assert "brightness kept" in editor.message.value
    assert repr(editor) == "KernelEditor(preset='gaussian', image 32x32)"


def test_editing_a_field_updates_the_image(photo):
    editor = KernelEditor(photo, preset="identity")
    before = editor.output.value
    editor.fields[1][1].value = "-1"
    assert editor.output.value != before
    assert editor.output.value == png_bytes(-photo)
    assert "flat regions go to 0" not in editor.message.value


def test_invalid_entry_shows_a_message_and_keeps_the_image(photo):
    editor = KernelEditor(photo, preset="sobel x")
    before = editor.output.value
    editor.fields[0][0].value = "<b>oops</b>"   # no exception, no evaluation
    assert editor.output.value == before
    assert "Not a number: row 1, column 1 ('<b>oops</b>')" in editor.status
    assert "&lt;b&gt;" in editor.message.value  # the text is escaped, not rendered as HTML
    editor.fields[0][0].value = "-1"
    assert "Not a number" not in editor.message.value


def test_choosing_a_preset_fills_the_fields(photo):
    editor = KernelEditor(photo)
    editor.preset.value = "laplacian"
    assert editor.texts() == [["0", "1", "0"], ["1", "-4", "1"], ["0", "1", "0"]]
    assert torch.equal(editor.kernel, kernel("laplacian"))


def test_the_notebook_sees_a_stable_text_form(photo):
    bundle = KernelEditor(photo)._repr_mimebundle_()
    assert bundle["text/plain"] == "KernelEditor(preset='sobel x', image 32x32)"
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_shape_explorer_shows_shape_and_formula():
    from convlib.teach.widgets import ShapeExplorer

    explorer = ShapeExplorer(n=8, k=3, padding=1, stride=2)
    assert "output 4×4" in explorer.status and "⌊7 / 2⌋ + 1 = 4" in explorer.status
    assert bytes(explorer.output.value).startswith(b"\x89PNG")
    assert repr(explorer) == "ShapeExplorer(n=8, k=3, padding=1, stride=2, dilation=1)"


def test_shape_explorer_impossible_setting_is_a_message():
    from convlib.teach.widgets import ShapeExplorer

    explorer = ShapeExplorer(n=4, k=3, padding=0, stride=1)
    explorer.sliders["k"].value = 7          # larger than the padded input: no exception
    assert explorer.status.startswith("Impossible setting: kernel size 7 is larger")
    assert bytes(explorer.output.value) == b""
    explorer.sliders["padding"].value = 2    # 4 + 2*2 = 8 >= 7: possible again
    assert "output 2×2" in explorer.status and explorer.output.value


def test_close_closes_every_widget_inside(photo):
    editor = KernelEditor(photo)
    inner = [editor.preset, editor.output, editor.fields[2][1]]
    editor.close()
    assert all(w.comm is None for w in [editor.widget, *inner])


def test_training_progress_follows_the_callback():
    from convlib.teach.widgets import TrainingProgress

    progress = TrainingProgress(10, description="demo")
    progress.update(4, 0.123456)
    assert progress.bar.value == 4 and progress.label.value == "step 4/10, loss 0.12"
    progress.update(10, 3.17e-14)  # float rounding at the end of a run: not shown
    assert progress.label.value == "step 10/10, loss < 1e-08"
    assert repr(progress) == "TrainingProgress(10 steps)"
    assert progress._repr_mimebundle_()["text/plain"] == "TrainingProgress(10 steps)"


def test_training_progress_redraws_a_few_dozen_times_not_every_step():
    """nbval waits at most 5 s between a cell's messages: a bar that sent one per step of a
    2000-step run made chapter 3 time out under load."""
    from convlib.teach.widgets import TrainingProgress

    progress = TrainingProgress(2000)
    values = []
    progress.bar.observe(lambda change: values.append(change["new"]), names="value")
    for step in range(1, 2001):
        progress.update(step, 1.0 / step)
    assert len(values) <= 40 and values[-1] == 2000
    assert progress.label.value == "step 2000/2000, loss 0.0005"
    short = TrainingProgress(7, redraws=40)  # fewer steps than redraws: every step
    short.update(3, 0.5)
    assert short.bar.value == 3


def test_explorer_drawings_are_drawn_at_twice_their_shown_width():
    from convlib.teach.widgets import ShapeExplorer, png_width

    explorer = ShapeExplorer()
    assert png_width(explorer.output.value) == 2 * int(explorer.output.width)


def test_training_progress_counts_epochs_when_told():
    from convlib.teach.widgets import TrainingProgress

    progress = TrainingProgress(20, description="CNN", unit="epoch")
    assert progress.label.value == "0/20 epochs"
    progress.update(3, 0.5)
    assert progress.bar.value == 3 and progress.label.value == "epoch 3/20, loss 0.5"
    assert repr(progress) == "TrainingProgress(20 epochs)"
