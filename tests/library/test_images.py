import pytest
import torch

from convlib import corr2d
from convlib.images import KERNELS, kernel, load_photo, stripes
from convlib.teach.display import display_mode, png_bytes, to_unit_range


def test_stripes_is_the_notes_toy_image():
    X = stripes()
    assert X.shape == (6, 8)
    assert X[:, [0, 1, 6, 7]].eq(1).all() and X[:, 2:6].eq(0).all()


def test_edge_map_of_the_toy_image():
    Y = corr2d(stripes(), torch.tensor([[1.0, -1.0]]))
    expected = torch.zeros(6, 7)
    expected[:, 1], expected[:, 5] = 1, -1
    assert torch.equal(Y, expected)
    assert torch.equal(corr2d(stripes().T, torch.tensor([[1.0, -1.0]])), torch.zeros(8, 5))
    rows = corr2d(stripes().T, torch.tensor([[1.0], [-1.0]]))
    assert rows.shape == (7, 6) and rows[1].eq(1).all() and rows[5].eq(-1).all()


def test_photo_is_grayscale_in_unit_range():
    photo = load_photo()
    assert photo.shape == (512, 512) and photo.dtype == torch.float32
    assert 0 <= photo.min() < 0.05 and 0.95 < photo.max() <= 1
    small = load_photo(size=64)
    assert small.shape == (64, 64)
    assert abs(small.mean() - photo.mean()) < 0.01  # area averaging keeps the mean


@pytest.mark.parametrize("bad", [0, 513, 2.5, True, "64"])
def test_photo_size_is_checked(bad):
    with pytest.raises(ValueError, match="size"):
        load_photo(size=bad)


def test_presets():
    assert len(KERNELS) == 8
    for name in KERNELS:
        assert kernel(name).shape == (3, 3)
    assert torch.equal(kernel("sobel y"), kernel("sobel x").T)
    assert kernel("gaussian").sum().item() == pytest.approx(1.0)
    X = torch.rand(6, 6)
    assert torch.equal(corr2d(X, kernel("identity")), X[1:-1, 1:-1])


def test_unknown_preset_lists_the_valid_names():
    with pytest.raises(ValueError) as info:
        kernel("sobel z")
    assert "'sobel z'" in str(info.value)
    assert all(repr(name) in str(info.value) for name in KERNELS)


def test_display_mapping():
    edges = torch.tensor([[-2.0, 0.0, 1.0]])
    assert torch.allclose(to_unit_range(edges), torch.tensor([[0.0, 0.5, 0.75]]), atol=0.01)
    outlier = torch.cat([torch.linspace(-1, 1, 999), torch.tensor([100.0])])[None]
    shown = to_unit_range(outlier)
    assert shown[0, -1] == 1 and shown[0, 0] < 0.01  # one outlier does not wash out the rest
    assert torch.equal(to_unit_range(torch.tensor([[0.5, 1.5]])), torch.tensor([[0.5, 1.0]]))
    with pytest.raises(ValueError, match="Y"):
        to_unit_range(torch.zeros(2, 2, 2))


def test_display_modes():
    Y = torch.tensor([[-0.5, 0.25, 1.5]])
    assert torch.equal(to_unit_range(Y, "clip"), torch.tensor([[0.0, 0.25, 1.0]]))
    assert to_unit_range(Y, "signed")[0, 0] < 0.5 < to_unit_range(Y, "signed")[0, 1]
    assert torch.equal(to_unit_range(Y), to_unit_range(Y, "signed"))  # auto: has a negative
    with pytest.raises(ValueError, match="mode must be one of 'auto', 'clip', 'signed'"):
        to_unit_range(Y, "gray")
    assert png_bytes(Y, "clip") != png_bytes(Y, "signed")


def test_display_mode_follows_the_kernel_sum():
    modes = {name: display_mode(kernel(name)) for name in KERNELS}
    for name, mode in modes.items():
        assert mode == ("clip" if kernel(name).sum() > 0.5 else "signed"), name
    assert modes["sharpen"] == "clip" and modes["laplacian"] == "signed"
    assert display_mode(-kernel("identity")) == "signed"


def test_a_sharpened_photo_keeps_its_brightness_on_screen():
    """Sharpen sums to 1; shown clipped its mean stays the photo's (not washed out to gray)."""
    photo = load_photo(size=64)
    sharpened = corr2d(photo, kernel("sharpen"), padding=1)
    assert sharpened.min() < 0  # so the old rule ("any negative -> 0 is mid-gray") misfired
    shown = to_unit_range(sharpened, display_mode(kernel("sharpen")))
    assert abs(shown.mean() - photo.mean()) < 0.03
    assert to_unit_range(sharpened, "signed").mean() - photo.mean() > 0.2


def test_png_bytes_is_a_png():
    assert png_bytes(torch.rand(8, 8)).startswith(b"\x89PNG")


@pytest.mark.parametrize("size", [None, 128, 7])
def test_colour_photo_is_rgb_in_unit_range_with_the_gray_photo_s_crop(size):
    color = load_photo(size=size, color=True)
    gray = load_photo(size=size)
    assert color.shape == (3,) + tuple(gray.shape) and color.dtype == torch.float32
    assert 0 <= color.min() and color.max() <= 1
    luma = torch.einsum("chw,c->hw", color, torch.tensor([0.299, 0.587, 0.114]))
    assert torch.allclose(luma, gray, atol=1e-5)  # same crop, same resize
    assert not torch.allclose(color[0], color[2], atol=0.05)  # really in colour


def test_full_colour_photo_spans_the_unit_range():
    color = load_photo(color=True)
    assert color.min() < 0.05 and 0.95 < color.max()


@pytest.mark.parametrize("bad", [0, 513, 2.5])
def test_colour_photo_size_is_checked(bad):
    with pytest.raises(ValueError, match="size"):
        load_photo(size=bad, color=True)
