"""Eight ways to compute the same 2-D cross-correlation, each fastest somewhere.

Every function takes the zero-padded input ``Xp`` (H, W) and a kernel ``K`` (k_h, k_w) of
the same float dtype (any that ``F.conv2d`` accepts: float16, bfloat16, float32, float64)
and device, plus ``stride`` and ``dilation`` pairs, and returns the
correlation of shape (floor((H - d_h (k_h - 1) - 1) / s_h) + 1, same for the width) on
``Xp``'s device, in ``Xp``'s dtype. They do no checking: ``convlib.corr2d`` checks the
input, pads it, and picks one of them.

- ``direct``: shift-and-add, one pass over the whole output per kernel tap (k_h k_w passes).
- ``blocked``: the same passes, one row strip at a time, so that the strip being summed
  stays in the CPU's cache: memory traffic of about one pass instead of k_h k_w.
- ``fused``: one pass for real: a C loop (``convlib/fused.c``, compiled on this machine)
  that adds every tap into a tile of outputs held in registers (``convlib.fused``).
- ``strips``: the image cut into overlapping row strips that become the channels of one
  depthwise ``F.conv2d`` call, so that PyTorch's vectorised kernels have work to share.
- ``separable``: the kernel split by its SVD into rank-one terms u v^T; each term is a
  vertical pass with u and a horizontal pass with v, k_h + k_w taps instead of k_h k_w.
- ``fft``: the convolution theorem, a product of Fourier transforms; cost almost
  independent of the kernel size. ``torch.fft`` computes only in ``FFT_DTYPES``, so float16
  and bfloat16 are computed in float32 and the result rounded back.
- ``torch``: PyTorch's ``F.conv2d`` (its CPU kernels are tuned for many channels).
- ``im2col``: every window copied into a column of a matrix, then a matrix-vector product.
"""

import functools

import torch
import torch.nn.functional as F

from . import fused as _fused_loop
from .checks import as_matrix

BLOCKED_MAX_TAPS = 9
"""Up to this many taps (3x3), shift-and-add over cache-sized strips (``blocked``) wins."""

MIN_BLOCK = 1 << 17
"""``blocked`` sums at least this many outputs per thread at a time (512 KiB of float32):
smaller strips make so many small operations that PyTorch's fixed cost per operation,
a few microseconds, outweighs what the cache saves."""


@functools.cache
def machine_block_size():
    """``block_size()`` of this machine, read from sysfs the first time ``blocked`` runs
    (not when convlib is imported) and remembered.

    Example::

        >>> machine_block_size() >= MIN_BLOCK
        True
    """
    return block_size()


def block_size(caches=None):
    """Outputs per thread that ``blocked`` sums at a time: L2 bytes / 16, a strip whose float32
    outputs take a quarter of one core's L2 cache, so that they, the input rows they read
    (about as many) and whatever else the core holds stay in L2 through all k_h k_w passes;
    at least ``MIN_BLOCK``. ``caches``: cache sizes by level as ``convlib.measurements.caches()``
    reads them (this machine's by default). Measured on 2048² images with 2 threads: on an
    Intel Xeon with a 2 MiB L2 (2^17 outputs), 1.4 to 1.7 times faster than 2^19; on the AMD
    EPYC of the stored run (512 KiB L2, so ``MIN_BLOCK``), 2^19 was faster than 2^17
    (``benchmarks/correlate.py`` times several block sizes; chapter 9 shows them).

    Example::

        >>> block_size({"L2": "2048K"})      # a quarter of a 2 MiB L2, in float32 outputs
        131072
        >>> block_size({"L2": "32M"})
        2097152
    """
    from .measurements import cache_bytes
    from .measurements import caches as machine_caches

    found = machine_caches() if caches is None else caches
    try:
        l2 = cache_bytes(found["L2"])
    except (KeyError, TypeError, ValueError):
        return MIN_BLOCK
    return max(MIN_BLOCK, l2 // 16)


VECTOR = 16
"""``strips`` makes a multiple of this many strips (channels): PyTorch's depthwise kernels
put 16 channels in one vector register (AVX-512; two AVX2 registers), and a count that is
not a multiple runs several times slower."""

STRIP_ROWS = 64
"""...and at most this many output rows per strip. The cap sets how many strips (channels)
there are: 16 up to 16 x 64 output rows, more for taller images. It does not keep a strip
in a cache: after oneDNN reorders the input, the working set does not depend on the strip's
height (``benchmarks/correlate.py`` times heights 16 to 1024 at 2048², k = 7; chapter 9
shows the stored run's times)."""

FFT_DTYPES = (torch.float32, torch.float64)
"""The dtypes ``torch.fft`` transforms in on the CPU (float16 raises 'Unsupported dtype Half';
CUDA takes float16 only for power-of-two sizes): ``fft`` computes any other in float32."""


def _out_size(H, W, K, stride, dilation):
    return ((H - dilation[0] * (K.shape[0] - 1) - 1) // stride[0] + 1,
            (W - dilation[1] * (K.shape[1] - 1) - 1) // stride[1] + 1)


def _needs_grad(Xp, K):
    return torch.is_grad_enabled() and (Xp.requires_grad or K.requires_grad)


def _shift_and_add(Y, Xp, K, row0, stride, dilation):
    """Y (rows, out_w) = sum of K[a, b] times Xp shifted by (a, b), from output row ``row0``."""
    rows, out_w = Y.shape
    span_h, span_w = stride[0] * (rows - 1) + 1, stride[1] * (out_w - 1) + 1
    first = True
    for a, weights in enumerate(K.tolist()):
        r = row0 * stride[0] + a * dilation[0]
        for b, weight in enumerate(weights):
            if weight == 0:
                continue
            c = b * dilation[1]
            view = Xp[r:r + span_h:stride[0], c:c + span_w:stride[1]]
            if first:
                torch.mul(view, weight, out=Y)
                first = False
            else:
                Y.add_(view, alpha=weight)  # fused multiply-add, in place
    if first:  # every weight is zero
        Y.zero_()
    return Y


def direct(Xp, K, stride=(1, 1), dilation=(1, 1)):
    """Shift-and-add: Y = sum over taps (a, b) of K[a, b] times the input shifted by (a, b).

    Example::

        >>> X, K = torch.arange(9.).reshape(3, 3), torch.tensor([[0., 1.], [2., 3.]])
        >>> direct(X, K)
        tensor([[19., 25.],
                [37., 43.]])
    """
    out_h, out_w = _out_size(*Xp.shape, K, stride, dilation)
    if _needs_grad(Xp, K):
        # out-of-place, so that gradients reach the kernel's entries too
        span_h, span_w = stride[0] * (out_h - 1) + 1, stride[1] * (out_w - 1) + 1
        return sum(K[a, b] * Xp[a * dilation[0]:a * dilation[0] + span_h:stride[0],
                                b * dilation[1]:b * dilation[1] + span_w:stride[1]]
                   for a in range(K.shape[0]) for b in range(K.shape[1]))
    return _shift_and_add(Xp.new_empty((out_h, out_w)), Xp, K, 0, stride, dilation)


def blocked(Xp, K, stride=(1, 1), dilation=(1, 1)):
    """Shift-and-add over row strips of ``machine_block_size()`` outputs per thread, each
    strip finished before the next.

    All k_h k_w passes over a strip run while it is in cache, so main memory sees the input
    read and the output written about once. (With gradients: ``direct``.)

    Example::

        >>> X, K = torch.arange(9.).reshape(3, 3), torch.tensor([[0., 1.], [2., 3.]])
        >>> blocked(X, K)
        tensor([[19., 25.],
                [37., 43.]])
    """
    if _needs_grad(Xp, K):
        return direct(Xp, K, stride, dilation)
    out_h, out_w = _out_size(*Xp.shape, K, stride, dilation)
    Y = Xp.new_empty((out_h, out_w))
    rows = max(1, machine_block_size() * torch.get_num_threads() // out_w)
    for row0 in range(0, out_h, rows):
        _shift_and_add(Y[row0:row0 + rows], Xp, K, row0, stride, dilation)
    return Y


def strips(Xp, K, stride=(1, 1), dilation=(1, 1)):
    """One depthwise ``F.conv2d`` over overlapping row strips of the image.

    Strip i holds the input rows that output rows i h ... i h + h - 1 read; the S strips
    (a multiple of ``VECTOR``) are the S channels of one image (a strided view, no copy),
    each correlated with the same kernel (``groups=S``). The input gets zero rows at the
    bottom if S h > out_h; those outputs are dropped.

    Example::

        >>> X, K = torch.arange(9.).reshape(3, 3), torch.tensor([[0., 1.], [2., 3.]])
        >>> strips(X, K)
        tensor([[19., 25.],
                [37., 43.]])
    """
    out_h, out_w = _out_size(*Xp.shape, K, stride, dilation)
    H, W = Xp.shape
    count = VECTOR * -(-out_h // (VECTOR * STRIP_ROWS))
    h = -(-out_h // count)  # output rows per strip
    rows_in = (h - 1) * stride[0] + dilation[0] * (K.shape[0] - 1) + 1  # rows a strip reads
    missing = (count - 1) * h * stride[0] + rows_in - H
    if missing > 0:
        Xp = F.pad(Xp, (0, 0, 0, missing))
    Xp = Xp.contiguous()
    channels = Xp.as_strided((1, count, rows_in, W), (0, h * stride[0] * W, W, 1))
    weight = K.expand(count, 1, *K.shape)
    Y = F.conv2d(channels, weight, stride=stride, dilation=dilation, groups=count)
    return Y.reshape(count * h, out_w)[:out_h]


def kernel_rank(K, factors=False):
    """The numerical rank of ``K`` (k_h, k_w) from its singular values.

    Singular values below ``max(k_h, k_w) * eps * sigma_1`` count as zero, as
    ``torch.linalg.matrix_rank`` does. With ``factors=True`` also returns the rank-one terms
    as (U, V): K ≈ sum over r of outer(U[:, r], V[r, :]), the singular values folded in.
    An integer kernel is taken in the default float dtype (as ``corr2d`` takes it); anything
    but a non-empty 2-D real tensor raises ``TypeError``/``ValueError`` naming ``K``.

    Example::

        >>> kernel_rank(torch.tensor([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]))   # Sobel
        1
        >>> kernel_rank(torch.eye(3))
        3
    """
    K = as_matrix("K", K)
    # in float64 on the CPU (any device, and exact enough to count), the factors then
    # moved back to K's device and dtype
    U, sigma, Vh = torch.linalg.svd(K.cpu().double(), full_matrices=False)
    tol = max(K.shape) * torch.finfo(K.dtype).eps * sigma[0]
    rank = max(1, int((sigma > tol).sum()))
    if not factors:
        return rank
    root = sigma[:rank].sqrt()
    return rank, ((U[:, :rank] * root).to(K), (root[:, None] * Vh[:rank]).to(K))


def separable(Xp, K, stride=(1, 1), dilation=(1, 1)):
    """Sum over the kernel's rank-one terms u v^T of a vertical pass with u, then a
    horizontal pass with v: (k_h + k_w) taps per term, not k_h k_w. A pass of at most
    ``BLOCKED_MAX_TAPS`` taps is ``blocked`` shift-and-add, a longer one ``strips``; both are
    ``fused`` once the fused loop is ready (``convlib.fused.ready()``).

    Sobel, box and Gaussian kernels have rank one: one term. A kernel of full rank k needs
    k terms (2 k^2 taps), so ``corr2d`` uses this only for rank one.

    Gradients are those of the correlation with ``K`` itself (``F.conv2d``'s backward), not
    of the SVD: the terms are an approximation whose derivative in ``K`` is not the
    correlation's (far off for a rank-one kernel).

    Example::

        >>> X = torch.rand(6, 6)
        >>> K = torch.outer(torch.tensor([1., 2., 1.]), torch.tensor([-1., 0., 1.]))
        >>> torch.allclose(separable(X, K), torch_conv(X, K), atol=1e-5)   # Sobel: one term
        True
    """
    if _needs_grad(Xp, K):
        return _SeparableWithExactGradients.apply(Xp, K, stride, dilation)
    return _separable(Xp, K, stride, dilation)


def _separable(Xp, K, stride, dilation):
    _, (U, V) = kernel_rank(K, factors=True)
    if _fused_loop.ready() and Xp.dtype in _fused_loop.DTYPES and Xp.device.type == "cpu":
        down = across = _fused_loop.correlate  # each 1-D pass in one pass over memory
    else:
        down = blocked if K.shape[0] <= BLOCKED_MAX_TAPS else strips
        across = blocked if K.shape[1] <= BLOCKED_MAX_TAPS else strips
    Y = None
    for r in range(U.shape[1]):
        column = down(Xp, U[:, r:r + 1], (stride[0], 1), (dilation[0], 1))
        term = across(column, V[r:r + 1], (1, stride[1]), (1, dilation[1]))
        Y = term if Y is None else Y + term
    return Y


class _SeparableWithExactGradients(torch.autograd.Function):
    """``separable``'s passes forward; backward, the gradients of the exact correlation with
    ``K``, by ``F.conv2d``'s own backward (``torch.nn.grad``)."""

    @staticmethod
    def forward(ctx, Xp, K, stride, dilation):
        ctx.save_for_backward(Xp, K)
        ctx.stride, ctx.dilation = stride, dilation
        return _separable(Xp, K, stride, dilation)

    @staticmethod
    def backward(ctx, grad):
        Xp, K = ctx.saved_tensors
        grad = grad[None, None]
        grad_X = grad_K = None
        if ctx.needs_input_grad[0]:
            grad_X = torch.nn.grad.conv2d_input((1, 1, *Xp.shape), K[None, None], grad,
                                                ctx.stride, 0, ctx.dilation)[0, 0]
        if ctx.needs_input_grad[1]:
            grad_K = torch.nn.grad.conv2d_weight(Xp[None, None], (1, 1, *K.shape), grad,
                                                 ctx.stride, 0, ctx.dilation)[0, 0]
        return grad_X, grad_K, None, None


FFT_RADICES = (2, 3, 5, 7)
"""``fft`` pads each side to a length with only these prime factors: the FFT libraries PyTorch
uses (MKL, pocketfft) are fastest for them (2048 + 30 pads to 2100, about a fifth faster
here than 2160, the next length of 2s, 3s and 5s)."""


def fast_length(n):
    """The smallest m >= n whose only prime factors are ``FFT_RADICES``: the length ``fft``
    pads each side to.

    Example::

        >>> fast_length(127), fast_length(2048), fast_length(2078)
        (128, 2048, 2100)
    """
    m = n
    while True:
        k = m
        for p in FFT_RADICES:
            while k % p == 0:
                k //= p
        if k == 1:
            return m
        m += 1


def fft(Xp, K, stride=(1, 1), dilation=(1, 1)):
    """Correlation by the convolution theorem: irfft2(rfft2(X) * conj(rfft2(K))).

    The product of spectra is a *circular* correlation; its first out_h x out_w entries
    never wrap around, and they are the valid correlation. Dilation inserts zeros into the
    kernel; stride keeps every s-th output. A dtype outside ``FFT_DTYPES`` (float16, bfloat16)
    is computed in float32 and the result rounded back to it.

    Example::

        >>> X, K = torch.rand(16, 16), torch.rand(5, 5)
        >>> torch.allclose(fft(X, K), torch_conv(X, K), atol=1e-4)
        True
    """
    if Xp.dtype not in FFT_DTYPES:
        return fft(Xp.float(), K.float(), stride, dilation).to(Xp.dtype)
    if dilation != (1, 1):
        dilated = K.new_zeros((dilation[0] * (K.shape[0] - 1) + 1,
                               dilation[1] * (K.shape[1] - 1) + 1))
        dilated[::dilation[0], ::dilation[1]] = K
        K = dilated
    H, W = Xp.shape
    size = (fast_length(H), fast_length(W))
    spectrum = torch.fft.rfft2(Xp, s=size) * torch.fft.rfft2(K, s=size).conj()
    full = torch.fft.irfft2(spectrum, s=size)
    out_h, out_w = H - K.shape[0] + 1, W - K.shape[1] + 1
    return full[:out_h:stride[0], :out_w:stride[1]].contiguous()


def torch_conv(Xp, K, stride=(1, 1), dilation=(1, 1)):
    """PyTorch's ``F.conv2d`` on one image with one channel.

    Example::

        >>> X, K = torch.arange(9.).reshape(3, 3), torch.tensor([[0., 1.], [2., 3.]])
        >>> torch_conv(X, K)
        tensor([[19., 25.],
                [37., 43.]])
    """
    Y = F.conv2d(Xp.reshape(1, 1, *Xp.shape), K.reshape(1, 1, *K.shape), None, stride, 0,
                 dilation)
    return Y.reshape(Y.shape[2], Y.shape[3])


def im2col(Xp, K, stride=(1, 1), dilation=(1, 1)):
    """Copy every window into a column (``F.unfold``), then one matrix-vector product.

    The column matrix has k_h k_w rows and one column per output: k_h k_w copies of the
    image, which is why im2col needs a lot of memory for large kernels.

    Example::

        >>> X, K = torch.arange(9.).reshape(3, 3), torch.tensor([[0., 1.], [2., 3.]])
        >>> im2col(X, K)
        tensor([[19., 25.],
                [37., 43.]])
    """
    out_h, out_w = _out_size(*Xp.shape, K, stride, dilation)
    columns = F.unfold(Xp[None, None], K.shape, dilation=dilation, stride=stride)[0]
    return (K.reshape(1, -1) @ columns).reshape(out_h, out_w)


def fused(Xp, K, stride=(1, 1), dilation=(1, 1)):
    """The fused C loop (``convlib/fused.c``): every tap added into a tile of outputs held in
    registers, one pass over memory. Compiled on first use (``convlib.fused.build()``);
    where it cannot run (no C compiler, a dtype other than float32 or float64, a device
    other than the CPU) the same sum by ``direct``.

    Example::

        >>> X, K = torch.arange(9.).reshape(3, 3), torch.tensor([[0., 1.], [2., 3.]])
        >>> fused(X, K)
        tensor([[19., 25.],
                [37., 43.]])
    """
    if _fused_loop.runs_on(Xp):
        return _fused_loop.correlate(Xp, K, stride, dilation)
    return direct(Xp, K, stride, dilation)


METHODS = {"direct": direct, "blocked": blocked, "fused": fused, "strips": strips,
           "separable": separable, "fft": fft, "torch": torch_conv, "im2col": im2col}
