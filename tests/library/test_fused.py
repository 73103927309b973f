"""The fused C loop: the same correlation and gradients as F.conv2d, on every path through
its tiles and threads; compiled only when asked; and skipped, once, where it cannot be."""

import json
import os
import subprocess
import sys
import textwrap

import pytest
import torch
import torch.nn.functional as F

from convlib import corr2d, fused
from convlib.algorithms import fused as fused_method
from convlib.correlate import choose_method, method_for

pytestmark = pytest.mark.skipif(not fused.build(), reason="no C compiler on this machine")


def reference(X, K, **kw):
    return F.conv2d(X.double()[None, None], K.double()[None, None], **kw)[0, 0]


def assert_close(got, X, K, **kw):
    expected = reference(X, K, **kw)
    assert got.shape == expected.shape and got.dtype == X.dtype
    scale = (K.double().abs().sum() * X.double().abs().max()).item()
    assert (got.double() - expected).abs().max().item() <= 1e-5 * scale


TILES = {torch.float32: 64, torch.float64: 32}  # 8 AVX2 registers of outputs (AVX-512: 2x)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("extra", [-1, 0, 1, 7])
@pytest.mark.parametrize("k", [(1, 1), (2, 3), (5, 5)])
def test_rows_of_every_width_around_a_tile(dtype, extra, k):
    """Outputs per row one tile, two tiles and in between: the last tile overlaps the one
    before it; rows narrower than a tile take the short path. AVX-512 tiles are twice as
    wide, so the widths cover both."""
    gen = torch.Generator().manual_seed(extra + 10)
    for tiles in (1, 2, 4):
        out_w = tiles * TILES[dtype] + extra
        X = torch.randn(9, out_w + k[1] - 1, generator=gen, dtype=dtype)
        K = torch.randn(k, generator=gen, dtype=dtype)
        assert_close(fused_method(X, K), X, K)


PAIRS = {torch.float32: 48, torch.float64: 24}  # 6 AVX2 registers per row (AVX-512: 2x)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("k_h", [1, 2, 3, 6])
@pytest.mark.parametrize("d_h", [1, 2])
def test_rows_in_pairs(dtype, k_h, d_h):
    """Rows go in pairs (tile_pair) when they are at least PAIR wide and d_h = 1: an input
    row feeds the top row, the bottom row or both. Odd heights leave a last row to a tile;
    narrower rows and d_h > 1 take tiles only. Widths cover AVX-512's pairs too."""
    gen = torch.Generator().manual_seed(k_h * 10 + d_h)
    for out_h in (1, 2, 3, 4, 7):
        for out_w in (PAIRS[dtype] - 1, PAIRS[dtype], PAIRS[dtype] + 1,
                      2 * PAIRS[dtype] + 5, 4 * PAIRS[dtype] + 3):
            K = torch.randn(k_h, 3, generator=gen, dtype=dtype)
            X = torch.randn(out_h + d_h * (k_h - 1), out_w + 2, generator=gen, dtype=dtype)
            assert_close(fused_method(X, K, (1, 1), (d_h, 1)), X, K, dilation=(d_h, 1))


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_threads_share_the_rows_and_the_kernel_gradient(threads):
    """Above PARALLEL_WORK multiply-adds the rows (and the kernel gradient's bands) are
    split among threads; each thread's partial kernel gradient is summed."""
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        gen = torch.Generator().manual_seed(threads)
        X = torch.randn(300, 301, generator=gen, dtype=torch.float64, requires_grad=True)
        K = torch.randn(5, 4, generator=gen, dtype=torch.float64, requires_grad=True)
        G = torch.randn(296, 298, generator=gen, dtype=torch.float64)
        (fused_method(X, K) * G).sum().backward()
        X_ref, K_ref = X.detach().clone().requires_grad_(), K.detach().clone().requires_grad_()
        (F.conv2d(X_ref[None, None], K_ref[None, None])[0, 0] * G).sum().backward()
        assert torch.allclose(X.grad, X_ref.grad, atol=1e-10)
        assert torch.allclose(K.grad, K_ref.grad, atol=1e-9)
    finally:
        torch.set_num_threads(before)


@pytest.mark.parametrize("stride, dilation", [((1, 1), (1, 1)), ((2, 3), (1, 1)),
                                              ((1, 1), (3, 2)), ((2, 1), (2, 2))])
def test_gradcheck_with_stride_and_dilation(stride, dilation):
    gen = torch.Generator().manual_seed(5)
    X = torch.randn(14, 17, generator=gen, dtype=torch.float64, requires_grad=True)
    K = torch.randn(3, 4, generator=gen, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda x, k: fused_method(x, k, stride, dilation), (X, K))


@pytest.mark.parametrize("dilation", [(1, 1), (2, 3)])
def test_second_derivatives_are_those_of_the_correlation(dilation):
    """A Hessian differentiates the backward: chapter 3's Hessian of the loss in the kernel
    came out wrong when the backward was the C loop alone (not differentiable)."""
    gen = torch.Generator().manual_seed(7)
    X = torch.randn(11, 13, generator=gen, dtype=torch.float64, requires_grad=True)
    K = torch.randn(3, 2, generator=gen, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradgradcheck(lambda x, k: fused_method(x, k, (1, 1), dilation),
                                        (X, K))

    def loss(k, method):
        Y = corr2d(X.detach(), k, dilation=dilation, method=method)
        return (Y - 1).pow(2).sum()

    hessian = torch.autograd.functional.hessian(lambda k: loss(k, "fused"), K.detach())
    expected = torch.autograd.functional.hessian(lambda k: loss(k, "torch"), K.detach())
    assert torch.allclose(hessian, expected, atol=1e-9)


def test_other_dtypes_compute_the_same_sum():
    X, K = torch.randn(20, 30).half(), torch.randn(3, 3).half()
    got = fused_method(X, K)
    assert got.dtype == torch.float16
    expected = reference(X, K)
    assert (got.double() - expected).abs().max() <= 9 * 1e-3 * (K.abs().sum() * X.abs().max())


def test_corr2d_uses_it_when_it_is_ready_and_predicted_fastest():
    X, K = torch.rand(512, 512), torch.randn(3, 3)
    assert method_for(X, K) == "fused"
    assert_close(corr2d(X, K), X, K)
    assert choose_method((3, 3), (510, 510), fused=False) != "fused"
    assert choose_method((3, 3), (510, 510), fused=True, dtype=torch.float16) != "fused"
    assert choose_method((3, 3), (510, 510), fused=True, device="meta") == "torch"


def run_python(code, env):
    """Run ``code`` in a fresh interpreter with ``env`` added; its last line of output is
    JSON."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


CHECKS = """
    import json, subprocess, warnings
    import torch, torch.nn.functional as F
    from convlib import corr2d, fused
    from convlib.correlate import method_for

    compiles = []
    real_run = subprocess.run
    fused.subprocess.run = lambda *a, **k: compiles.append(a) or real_run(*a, **k)
    X, K = torch.rand(512, 512), torch.randn(3, 3)
    expected = F.conv2d(X[None, None], K[None, None])[0, 0]
    before = dict(ready=fused.ready(), method=method_for(X, K))
    close = torch.allclose(corr2d(X, K), expected, atol=1e-4)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        forced = [torch.allclose(corr2d(X, K, method="fused"), expected, atol=1e-4)
                  for _ in range({forced_calls})]
    built = fused.build()
    print(json.dumps(dict(before=before, close=close, forced=forced, built=built,
                          after=method_for(X, K), compiles=len(compiles),
                          failure=fused.failure(),
                          warnings=[str(w.message) for w in caught])))
"""


def test_without_a_compiler_it_is_skipped_once(tmp_path):
    """No C compiler: corr2d chooses among the other methods, method="fused" computes the
    same sum after one warning, and the compile is tried once, not at every call."""
    got = run_python(CHECKS.format(forced_calls=3), {"CC": str(tmp_path / "no-such-cc"),
                              "CONVLIB_CACHE": str(tmp_path / "cache")})
    assert got["before"] == {"ready": False, "method": got["after"]}
    assert got["after"] != "fused" and not got["built"]
    assert got["close"] and got["forced"] == [True, True, True]
    assert got["compiles"] == 1
    assert "no-such-cc" in got["failure"]
    assert len(got["warnings"]) == 1 and "cannot be compiled" in got["warnings"][0]


def test_without_any_compiler_on_the_path(tmp_path):
    env = {"PATH": str(tmp_path), "CONVLIB_CACHE": str(tmp_path / "cache")}
    code = CHECKS.format(forced_calls=3).replace(
        "import json", "import os; os.environ.pop('CC', None); import json")
    got = run_python(code, env)
    assert got["failure"].startswith("no C compiler found") and got["compiles"] == 0
    assert got["after"] != "fused" and got["forced"] == [True, True, True]


def test_corr2d_never_compiles_on_its_own_and_the_cache_serves_the_next_process(tmp_path):
    env = {"CONVLIB_CACHE": str(tmp_path / "cache")}
    first = run_python(CHECKS.format(forced_calls=0), env)  # corr2d alone, then build()
    assert first["before"] == {"ready": False, "method": first["before"]["method"]}
    assert first["before"]["method"] != "fused"  # corr2d chose without compiling
    assert first["built"] and first["compiles"] == 2  # build(): float32 and float64
    assert first["after"] == "fused"
    assert sorted(p.name.split("-")[1] for p in (tmp_path / "cache").iterdir()) == \
        ["double", "float"]
    second = run_python(CHECKS.format(forced_calls=3), env)  # a new process: from the cache
    assert second["before"] == {"ready": True, "method": "fused"}
    assert second["compiles"] == 0 and second["warnings"] == []
