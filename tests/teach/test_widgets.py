"""The training progress bar (convlib.teach.widgets); the live widgets are tested in
tests/book/test_live_widgets.py."""


def test_close_closes_every_widget_inside():
    from convlib.teach.widgets import TrainingProgress

    progress = TrainingProgress(10)
    progress.close()
    assert all(w.comm is None for w in [progress.widget, progress.bar, progress.label])


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


def test_training_progress_counts_epochs_when_told():
    from convlib.teach.widgets import TrainingProgress

    progress = TrainingProgress(20, description="CNN", unit="epoch")
    assert progress.label.value == "0/20 epochs"
    progress.update(3, 0.5)
    assert progress.bar.value == 3 and progress.label.value == "epoch 3/20, loss 0.5"
    assert repr(progress) == "TrainingProgress(20 epochs)"
