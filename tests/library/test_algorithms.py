"""Every algorithm computes the same correlation as F.conv2d; the chooser picks one that works."""

import functools

import pytest
import torch
import torch.nn.functional as F
from conftest import examples
from hypothesis import given
from hypothesis import strategies as st

from convlib import corr2d, corr2d_loop, fused
from convlib.algorithms import METHODS, kernel_rank
from convlib.correlate import (
    TOLERANCE,
    choose_method,
    method_for,
)
from convlib.measurements import CONVLIB_METHODS, benchmark_results

SHAPES = [  # (input, kernel): square, non-square, 1x1, kernel as large as the input
    ((9, 9), (3, 3)), ((7, 12), (2, 5)), ((12, 7), (4, 1)), ((5, 6), (1, 1)),
    ((6, 6), (6, 6)), ((5, 8), (5, 8)), ((33, 40), (9, 11)), ((1, 9), (1, 4)),
]


def reference(X, K, **kw):
    return F.conv2d(X.double()[None, None], K.double()[None, None], **kw)[0, 0]


def assert_close(got, X, K, **kw):
    expected = reference(X, K, **kw)
    assert got.shape == expected.shape
    scale = K.double().abs().sum() * X.double().abs().max()
    assert (got.double() - expected).abs().max() <= TOLERANCE * max(scale.item(), 1e-30)


@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize("xs, ks", SHAPES)
def test_every_method_matches_f_conv2d(method, xs, ks):
    X, K = torch.randn(xs), torch.randn(ks)
    assert_close(corr2d(X, K, method=method), X, K)


@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize("kw", [dict(padding=1), dict(stride=2),
                                dict(padding=(2, 0), stride=(3, 2)), dict(dilation=2),
                                dict(padding=2, stride=2, dilation=(1, 3))])
def test_every_method_with_padding_stride_dilation(method, kw):
    X, K = torch.randn(13, 11), torch.randn(3, 2)
    assert_close(corr2d(X, K, method=method, **kw), X, K, **kw)


@pytest.mark.parametrize("method", sorted(METHODS))
def test_integer_input(method):
    X, K = torch.randint(-5, 6, (10, 9)), torch.randint(-2, 3, (3, 3))
    got = corr2d(X, K, method=method)
    assert got.is_floating_point()
    assert torch.allclose(got, corr2d_loop(X, K), atol=1e-4)


@pytest.mark.parametrize("method", sorted(METHODS))
def test_constant_image(method):
    X, K = torch.full((16, 16), 0.7), torch.tensor([[1.0, -1.0], [2.0, -2.0]])  # sums to 0
    got = corr2d(X, K, method=method)
    assert got.abs().max() <= TOLERANCE * K.abs().sum() * 0.7
    blur = corr2d(X, torch.ones(5, 5) / 25, method=method)
    assert torch.allclose(blur, torch.full_like(blur, 0.7), atol=1e-5)


@pytest.mark.parametrize("method", sorted(METHODS))
def test_float64_stays_float64(method):
    X, K = torch.randn(8, 8, dtype=torch.float64), torch.randn(3, 3, dtype=torch.float64)
    got = corr2d(X, K, method=method)
    assert got.dtype == torch.float64
    assert torch.allclose(got, reference(X, K), atol=1e-12)


@pytest.mark.parametrize("method", sorted(METHODS))
def test_gradients_reach_the_kernel_whatever_the_method(method):
    X, K = torch.randn(9, 9), torch.randn(3, 3, requires_grad=True)
    corr2d(X, K, method=method).pow(2).sum().backward()
    K_ref = K.detach().clone().requires_grad_()
    F.conv2d(X[None, None], K_ref[None, None]).pow(2).sum().backward()
    assert torch.allclose(K.grad, K_ref.grad, rtol=1e-4, atol=1e-4)


def test_the_rule():
    """What the chapter says the cost model chooses (the stored fit, fused loop ready)."""
    rule = functools.partial(choose_method, fused=True, threads=2)
    assert rule((3, 3), (510, 510)) == "fused"
    assert rule((2, 2), (2047, 2047)) == "fused"
    assert rule((3, 3), (126, 126)) == "fused"
    assert rule((31, 31), (482, 482)) == "fft"
    assert rule((31, 31), (2018, 2018)) == "fft"
    assert rule((31, 31), (2018, 2018), rank=1) == "separable"
    assert rule((3, 3), (510, 510), rank=1) == "fused"  # 6 taps instead of 9 save little
    # without the fused loop, the older methods
    assert choose_method((3, 3), (510, 510), threads=2) in ("blocked", "torch", "strips")
    assert choose_method((31, 31), (2018, 2018), threads=2) == "fft"
    # float64: oneDNN has no float64 kernels, so no F.conv2d and no strips
    assert rule((7, 7), (506, 506), dtype=torch.float64) not in ("torch", "strips")
    # off the CPU, one F.conv2d call
    assert rule((31, 31), (2018, 2018), device="meta") == "torch"


def test_with_gradients_the_rule_weighs_forward_and_backward():
    """Issue 23: the rule always took F.conv2d when gradients were needed, although the FFT
    and the fused loop backpropagate correctly and faster for large kernels."""
    rule = functools.partial(choose_method, needs_grad=True, threads=2)
    assert rule((31, 31), (2018, 2018)) == "fft"
    assert rule((31, 31), (2018, 2018), fused=True) == "fft"
    assert rule((3, 3), (2046, 2046), fused=True) == "fused"


def rule_choice(row, threads, dtype=torch.float32, needs_grad=False):
    """What corr2d chooses for a benchmark row's case (any kernel of its rank)."""
    n, k = row["n"], row["k"]
    K = torch.randn(k, k, dtype=dtype)
    if row.get("kernel") == "gaussian":
        g = torch.linspace(1, 2, k, dtype=dtype)
        K = torch.outer(g, g)
    X = torch.zeros(n, n, dtype=dtype)
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        if needs_grad:
            X.requires_grad_()
        return method_for(X, K)
    finally:
        torch.set_num_threads(before)


STORED = benchmark_results()
COLUMN = {"torch": "F.conv2d"}


@pytest.mark.skipif(not fused.build(), reason="the stored run had the fused loop")
@pytest.mark.parametrize("threads", [1, 2])
def test_the_rule_chose_what_it_chooses_now_and_near_the_fastest(threads):
    """On the shipped run: each row's stored choice is what the rule chooses, and that
    method was within 1.5 times the fastest of convlib's methods. (The goal is 1.3, and the
    benchmark reports it; at a near tie a rule fitted to one pass can lose to the noise of
    the next, so this test guards against a wrong rule, not against noise.)"""
    for row in (r for r in STORED["rows"] if r["threads"] == threads):
        chosen = rule_choice(row, threads)
        assert row["choice"] == chosen, (row["n"], row["k"], row["kernel"])
        times = row["seconds"]
        fastest = min(times[m] for m in CONVLIB_METHODS if m in times)
        assert times[COLUMN.get(chosen, chosen)] <= 1.5 * fastest, (row["n"], row["k"])


@pytest.mark.skipif(not fused.build(), reason="the stored run had the fused loop")
@pytest.mark.parametrize("kind", ["grad_rows", "float64_rows"])
def test_with_gradients_and_in_float64_the_rule_is_near_the_fastest(kind):
    for row in STORED[kind]:
        dtype = torch.float64 if kind == "float64_rows" else torch.float32
        chosen = rule_choice(row, row["threads"], dtype, needs_grad=kind == "grad_rows")
        assert row["choice"] == chosen, (row["n"], row["k"])
        times = {m: t for m, t in row["seconds"].items() if m not in ("convlib", "OpenCV")}
        assert times[chosen] <= 1.5 * min(times.values()), (row["n"], row["k"], chosen)


@pytest.mark.parametrize("name", ["box", "sobel", "gaussian"])
def test_separable_kernels_have_rank_one(name):
    g = torch.exp(-torch.linspace(-2, 2, 7) ** 2)
    K = {"box": torch.ones(5, 5) / 25, "sobel": torch.tensor([[-1., 0, 1], [-2, 0, 2], [-1, 0, 1]]),
         "gaussian": torch.outer(g, g)}[name]
    assert kernel_rank(K) == 1
    rank, (U, V) = kernel_rank(K, factors=True)
    assert U.shape == (K.shape[0], 1) and V.shape == (1, K.shape[1])
    assert torch.allclose(U @ V, K, atol=1e-6)


def test_rank_of_random_and_low_rank_kernels():
    assert kernel_rank(torch.randn(7, 7)) == 7
    assert kernel_rank(torch.randn(4, 9)) == 4
    low = torch.randn(8, 2) @ torch.randn(2, 8)
    assert kernel_rank(low) == 2
    assert kernel_rank(torch.zeros(3, 3)) == 1  # nothing to add: one (zero) term
    assert torch.linalg.matrix_rank(low).item() == 2


def test_corr2d_picks_separable_for_a_large_image_and_a_rank_one_kernel(monkeypatch):
    chosen = []
    real = METHODS["separable"]
    monkeypatch.setitem(METHODS, "separable", lambda *a: chosen.append(1) or real(*a))
    g = torch.exp(-torch.linspace(-2, 2, 15) ** 2)
    X = torch.rand(1000, 1000)
    assert_close(corr2d(X, torch.outer(g, g)), X, torch.outer(g, g))
    assert chosen == [1]
    corr2d(X, torch.randn(15, 15))  # full rank: not separable
    assert chosen == [1]


@examples(60)
@given(data=st.data())
def test_every_method_on_random_shapes(data):
    """Random image, kernel (separable or not, 1x1 up to the input's size), padding, stride
    and dilation: every method agrees with F.conv2d."""
    n_h, n_w = data.draw(st.integers(1, 40)), data.draw(st.integers(1, 40))
    p = (data.draw(st.integers(0, 3)), data.draw(st.integers(0, 3)))
    d = (data.draw(st.integers(1, 3)), data.draw(st.integers(1, 3)))
    s = (data.draw(st.integers(1, 3)), data.draw(st.integers(1, 3)))
    k_h = data.draw(st.integers(1, max(1, (n_h + 2 * p[0] - 1) // d[0] + 1)))
    k_w = data.draw(st.integers(1, max(1, (n_w + 2 * p[1] - 1) // d[1] + 1)))
    seed = data.draw(st.integers(0, 2**16))
    gen = torch.Generator().manual_seed(seed)
    X = torch.randn(n_h, n_w, generator=gen)
    if data.draw(st.booleans()):
        K = torch.outer(torch.randn(k_h, generator=gen), torch.randn(k_w, generator=gen))
    else:
        K = torch.randn(k_h, k_w, generator=gen)
    kw = dict(padding=p, stride=s, dilation=d)
    for method in METHODS:
        assert_close(corr2d(X, K, method=method, **kw), X, K, **kw)
    assert_close(corr2d(X, K, **kw), X, K, **kw)


DEVICES = ["cpu"] + (["cuda"] if torch.cuda.is_available() else []) + (
    ["mps"] if torch.backends.mps.is_available() else [])


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("method", [None, *sorted(METHODS)])
def test_every_method_runs_on_every_device(device, method):
    """The result stays on the input's device and dtype (cpu always; cuda, mps if present)."""
    X = torch.rand(40, 37, device=device)
    g = torch.tensor([1.0, 2.0, 1.0], device=device)
    for K in (torch.randn(5, 4, device=device), torch.outer(g, g)):
        got = corr2d(X, K, method=method, padding=1, stride=(1, 2), dilation=(2, 1))
        assert got.device.type == X.device.type and got.dtype == X.dtype
        assert_close(got.cpu(), X.cpu(), K.cpu(), padding=1, stride=(1, 2), dilation=(2, 1))


def test_tensors_on_two_devices_are_named():
    with pytest.raises(ValueError, match="same device"):
        corr2d(torch.zeros(3, 3), torch.zeros(2, 2, device="meta"))


@pytest.mark.parametrize("n, k, kw", [
    (512, 3, {}), (200, 31, {}), (64, 64, {}), (300, 7, dict(stride=3)), (257, 2, dict(padding=1)),
    (190, 15, dict(dilation=2)), (6, 8, {}), (1000, 1, {}),
])
def test_the_chooser_never_picks_a_method_that_fails(n, k, kw):
    X, K = torch.rand(n, n if n != 6 else 8), torch.randn(min(k, n), k)
    assert_close(corr2d(X, K, **kw), X, K, **kw)


def test_unknown_method_is_named():
    with pytest.raises(ValueError, match="method must be None or one of"):
        corr2d(torch.zeros(3, 3), torch.zeros(2, 2), method="winograd")


@pytest.mark.parametrize("method", [None, *sorted(METHODS)])
def test_non_contiguous_input(method):
    X, K = torch.randn(30, 20).T, torch.randn(7, 5).T  # transposed views
    assert_close(corr2d(X, K, method=method), X, K)
    assert_close(corr2d(X[:, :6], K[:2, :2], method=method), X[:, :6], K[:2, :2])


@pytest.mark.parametrize("method", [None, *sorted(METHODS)])
def test_zero_kernel_gives_zeros(method):
    X = torch.randn(300, 300)  # large enough for every rule, incl. the rank check
    for K in (torch.zeros(3, 3), torch.zeros(7, 7), torch.zeros(1, 1)):
        got = corr2d(X, K, method=method)
        assert torch.equal(got, torch.zeros_like(got))


@pytest.mark.parametrize("found, outputs", [
    ({"L1": "48K", "L2": "2048K", "L3": "307200K"}, 2**17),  # 2 MiB L2: a quarter in outputs
    ({"L2": "4096K"}, 2**18),
    ({"L2": "1024K"}, 2**17),   # never below MIN_BLOCK
    ({"L2": "512K"}, 2**17),
    ({}, 2**17),                 # caches unknown (not Linux)
    ({"L2": "huge"}, 2**17),
])
def test_block_size_follows_the_l2_cache(found, outputs):
    from convlib.algorithms import MIN_BLOCK, block_size

    assert MIN_BLOCK == 2**17
    assert block_size(found) == outputs


def test_blocked_sums_strips_of_the_machines_block(monkeypatch):
    """``blocked`` cuts the output into strips of machine_block_size() outputs per thread:
    with a tiny block every strip is one row, and the result is still the correlation."""
    from convlib import algorithms

    seen = []
    real = algorithms._shift_and_add
    monkeypatch.setattr(algorithms, "_shift_and_add",
                        lambda Y, *args: seen.append(Y.shape[0]) or real(Y, *args))
    monkeypatch.setattr(algorithms, "machine_block_size", lambda: 1)
    X, K = torch.randn(12, 10), torch.randn(3, 3)
    Y = algorithms.blocked(X, K)
    assert seen == [1] * 10
    assert torch.allclose(Y, reference(X, K).float(), atol=1e-5)


def assert_close_in(dtype, got, X, K, **kw):
    """Within a rounding of ``dtype`` per tap (a bound for any order of summation) of
    F.conv2d in float64 on the same (already rounded) inputs, relative to sum|K| max|X|."""
    expected = reference(X, K, **kw)
    assert got.dtype == dtype and got.shape == expected.shape
    scale = K.double().abs().sum() * X.double().abs().max()
    bound = K.numel() * torch.finfo(dtype).eps * scale
    assert (got.double() - expected).abs().max() <= bound


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16, torch.float64])
@pytest.mark.parametrize("method", [None, *sorted(METHODS)])
def test_every_method_computes_every_float_dtype(method, dtype):
    """Every dtype F.conv2d accepts on the CPU works whatever the method, and the result keeps
    it (fft, which torch.fft cannot do in float16 or bfloat16, computes those in float32)."""
    gen = torch.Generator().manual_seed(0)
    X = torch.randn(20, 23, generator=gen).to(dtype)
    g = torch.tensor([1.0, 2.0, 1.0]).to(dtype)
    kw = dict(padding=1, stride=(1, 2), dilation=(2, 1))
    for K in (torch.randn(5, 4, generator=gen).to(dtype), torch.outer(g, g)):
        assert_close_in(dtype, corr2d(X, K, method=method, **kw), X, K, **kw)


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16])
def test_a_half_precision_image_with_a_large_kernel(dtype):
    """Issue 19: a 300² float16 image and a 31 x 31 kernel picked "fft" and raised
    'Unsupported dtype Half'. The rule still picks fft: in float32 it is the fastest."""
    gen = torch.Generator().manual_seed(1)
    X, K = torch.rand(300, 300, generator=gen).to(dtype), torch.randn(31, 31, generator=gen)
    K = K.to(dtype)
    assert method_for(X, K) == "fft"
    assert_close_in(dtype, corr2d(X, K), X, K)


@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize("kw", [{}, dict(padding=(1, 2), stride=(2, 1), dilation=(1, 2))])
def test_gradients_of_a_rank_one_kernel_are_those_of_f_conv2d(method, kw):
    """Issue 19: "separable" differentiated its truncated SVD, not the correlation: the
    kernel gradient of a rank-one kernel was 85 % off. Gradients to X and K, every method."""
    gen = torch.Generator().manual_seed(2)
    X = torch.randn(12, 13, generator=gen, dtype=torch.float64, requires_grad=True)
    K = torch.outer(torch.randn(4, generator=gen, dtype=torch.float64),
                    torch.randn(3, generator=gen, dtype=torch.float64)).requires_grad_()
    weights = torch.randn(reference(X, K, **kw).shape, generator=gen, dtype=torch.float64)
    (corr2d(X, K, method=method, **kw) * weights).sum().backward()
    X_ref, K_ref = X.detach().clone().requires_grad_(), K.detach().clone().requires_grad_()
    (F.conv2d(X_ref[None, None], K_ref[None, None], **kw)[0, 0] * weights).sum().backward()
    assert torch.allclose(K.grad, K_ref.grad, atol=1e-10)
    assert torch.allclose(X.grad, X_ref.grad, atol=1e-10)


def test_rank_of_an_integer_kernel():
    """Issue 19: chapter 8 invites readers to call kernel_rank on kernels they type, such as
    Sobel's in integers; torch.finfo raised on the integer dtype."""
    sobel = torch.tensor([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    assert kernel_rank(sobel) == 1
    rank, (U, V) = kernel_rank(sobel, factors=True)
    assert rank == 1 and U.is_floating_point() and torch.allclose(U @ V, sobel.float())
    assert kernel_rank(torch.tensor([[1, 2], [3, 4]])) == 2
    with pytest.raises(ValueError, match="Expected K to be a 2-D tensor"):
        kernel_rank(torch.ones(3))
