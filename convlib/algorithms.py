"""Four ways to compute the same 2-D cross-correlation, each fastest somewhere.

Every function takes the zero-padded input ``Xp`` (H, W) and a kernel ``K`` (k_h, k_w) of
the same float dtype, plus ``stride`` and ``dilation`` pairs, and returns the correlation of
shape (floor((H - d_h (k_h - 1) - 1) / s_h) + 1, same for the width). They do no checking:
``convlib.corr2d`` checks the input, pads it, and picks one of them.

- ``direct``: shift-and-add, one pass over the output per kernel tap (k_h k_w passes).
- ``fft``: the convolution theorem, a product of Fourier transforms; cost almost
  independent of the kernel size.
- ``torch``: PyTorch's ``F.conv2d`` (its CPU kernels are tuned for many channels).
- ``im2col``: every window copied into a column of a matrix, then one matrix product.
"""

import torch
import torch.nn.functional as F


def _out_size(H, W, K, stride, dilation):
    return ((H - dilation[0] * (K.shape[0] - 1) - 1) // stride[0] + 1,
            (W - dilation[1] * (K.shape[1] - 1) - 1) // stride[1] + 1)


def direct(Xp, K, stride=(1, 1), dilation=(1, 1)):
    """Shift-and-add: Y = sum over taps (a, b) of K[a, b] times the input shifted by (a, b)."""
    out_h, out_w = _out_size(*Xp.shape, K, stride, dilation)
    span_h, span_w = stride[0] * (out_h - 1) + 1, stride[1] * (out_w - 1) + 1

    def shifted(a, b):
        r, c = a * dilation[0], b * dilation[1]
        return Xp[r:r + span_h:stride[0], c:c + span_w:stride[1]]

    if torch.is_grad_enabled() and (Xp.requires_grad or K.requires_grad):
        # out-of-place, so that gradients reach the kernel's entries too
        return sum(K[a, b] * shifted(a, b) for a in range(K.shape[0]) for b in range(K.shape[1]))
    Y = torch.zeros((out_h, out_w), dtype=Xp.dtype)
    for a, row in enumerate(K.tolist()):
        for b, weight in enumerate(row):
            if weight != 0:
                Y.add_(shifted(a, b), alpha=weight)  # fused multiply-add, in place
    return Y


def _fast_length(n):
    """The smallest m >= n whose only prime factors are 2, 3 and 5 (FFTs of such are fast)."""
    m = n
    while True:
        k = m
        for p in (2, 3, 5):
            while k % p == 0:
                k //= p
        if k == 1:
            return m
        m += 1


def fft(Xp, K, stride=(1, 1), dilation=(1, 1)):
    """Correlation by the convolution theorem: irfft2(rfft2(X) * conj(rfft2(K))).

    The product of spectra is a *circular* correlation; its first out_h x out_w entries
    never wrap around, and they are the valid correlation. Dilation inserts zeros into the
    kernel; stride keeps every s-th output.
    """
    if dilation != (1, 1):
        dilated = torch.zeros((dilation[0] * (K.shape[0] - 1) + 1,
                               dilation[1] * (K.shape[1] - 1) + 1), dtype=K.dtype)
        dilated[::dilation[0], ::dilation[1]] = K
        K = dilated
    H, W = Xp.shape
    size = (_fast_length(H), _fast_length(W))
    spectrum = torch.fft.rfft2(Xp, s=size) * torch.fft.rfft2(K, s=size).conj()
    full = torch.fft.irfft2(spectrum, s=size)
    out_h, out_w = H - K.shape[0] + 1, W - K.shape[1] + 1
    return full[:out_h:stride[0], :out_w:stride[1]].contiguous()


def torch_conv(Xp, K, stride=(1, 1), dilation=(1, 1)):
    """PyTorch's ``F.conv2d`` on a batch of one image with one channel."""
    return F.conv2d(Xp[None, None], K[None, None], stride=stride, dilation=dilation)[0, 0]


def im2col(Xp, K, stride=(1, 1), dilation=(1, 1)):
    """Copy every window into a column (``F.unfold``), then one matrix-vector product.

    The column matrix has k_h k_w rows and one column per output: k_h k_w copies of the
    image, which is why im2col needs a lot of memory for large kernels.
    """
    out_h, out_w = _out_size(*Xp.shape, K, stride, dilation)
    columns = F.unfold(Xp[None, None], K.shape, dilation=dilation, stride=stride)[0]
    return (K.reshape(1, -1) @ columns).reshape(out_h, out_w)


METHODS = {"direct": direct, "fft": fft, "torch": torch_conv, "im2col": im2col}
