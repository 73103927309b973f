"""The fused method: the whole shift-and-add in one pass over memory.

Shift-and-add (``convlib.algorithms.direct``) makes k_h k_w passes over the image, one per
tap. ``fused.c`` makes one: it keeps a tile of outputs in the CPU's registers while every
tap is added into it, then writes the tile once. Most rows go two at a time (``tile_pair``):
an input row feeds both, so most input vectors loaded serve two multiply-adds. PyTorch has
no such operation, so convlib compiles the C (under 200 lines) on the reader's machine with
the C compiler PyTorch's own ``torch.compile`` uses (``cc -O3 -march=native -fopenmp``)
and calls it with ``ctypes``.

The compile cost is paid once per machine, and only when asked for:

- ``build()`` compiles the loop for float32 and float64 (about 0.3 s) into the cache folder
  (``~/.cache/convlib``, or ``$CONVLIB_CACHE``); later processes load it from there.
  ``corr2d(..., method="fused")`` calls ``build()`` itself.
- ``ready()``: the loop is compiled (in this process, or found in the cache folder).
  ``corr2d`` chooses ``"fused"`` on its own only then: it never compiles behind your back.
- Without a working C compiler ``build()`` returns False once and remembers; ``corr2d``
  then chooses among the other methods, and ``method="fused"``
  (``convlib.algorithms.fused``) computes the same sum with ``direct`` after one
  ``RuntimeWarning``.

The loop works in float32 and float64 on the CPU (other dtypes, and other devices, use
``direct``); it takes dilation as it is and stride by keeping every s-th output of the
stride-1 correlation. Gradients flow to the image and the kernel, both computed by the C
loop too (``correlate`` for the image, ``correlate_weight`` for the kernel).
"""

import ctypes
import functools
import hashlib
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import warnings

import torch
import torch.nn.functional as F

SOURCE = pathlib.Path(__file__).with_name("fused.c")
DTYPES = {torch.float32: "float", torch.float64: "double"}
"""The dtypes the C loop is compiled for, with their C type."""

FLAGS = ("-O3", "-march=native", "-fopenmp", "-shared", "-fPIC")
"""``-march=native``: the vector instructions of the machine that compiles (AVX2, AVX-512);
``-fopenmp``: the rows are shared among ``torch.get_num_threads()`` threads, with the OpenMP
runtime PyTorch has already loaded. GCC contracts ``acc += w * x`` into one fused
multiply-add by default."""

_libraries = {}  # dtype -> ctypes.CDLL, once loaded
_failure = None  # why the loop cannot be built here, once we know
_looked = []  # whether ready() has looked in the cache folder (once per process)


def compiler():
    """The C compiler: ``$CC`` if set, else ``cc``, ``gcc`` or ``clang`` on the PATH, else None.

    Example::

        >>> compiler() is None or isinstance(compiler(), str)
        True
    """
    found = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc") \
        or shutil.which("clang")
    return found or None


def cache_folder():
    """Where the compiled loop is kept: ``$CONVLIB_CACHE``, else ``$XDG_CACHE_HOME/convlib``,
    else ``~/.cache/convlib``.

    Example::

        >>> isinstance(cache_folder(), pathlib.Path)
        True
    """
    if os.environ.get("CONVLIB_CACHE"):
        return pathlib.Path(os.environ["CONVLIB_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or pathlib.Path.home() / ".cache"
    return pathlib.Path(base) / "convlib"


@functools.cache
def _cpu_flags():
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                return line
    except OSError:
        pass
    return sys.platform


def library_path(dtype):
    """The compiled loop for ``dtype`` in the cache folder. Its name holds a hash of the
    source, the flags, the compiler and the CPU's features, so that a change to any of them
    compiles anew (``-march=native`` code may not run on another CPU).

    Example::

        >>> library_path(torch.float32).suffix
        '.so'
    """
    key = "\n".join([SOURCE.read_text(), " ".join(FLAGS), str(compiler()), _cpu_flags()])
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return cache_folder() / f"fused-{DTYPES[dtype]}-{digest}.so"


def _load(path):
    library = ctypes.CDLL(str(path))
    long, pointer, integer = ctypes.c_long, ctypes.c_void_p, ctypes.c_int
    library.correlate.argtypes = [pointer, long, pointer, long, long, long, long, pointer,
                                  long, long, integer]
    library.correlate.restype = None
    library.correlate_weight.argtypes = [pointer, long, pointer, long, long, long, long,
                                         long, long, pointer, integer]
    library.correlate_weight.restype = None
    return library


def _compile(dtype, path):
    """Compile ``fused.c`` for ``dtype`` into ``path``, atomically (a temporary file, then a
    rename, so that two processes compiling at once both end with a whole library)."""
    cc = compiler()
    if cc is None:
        raise OSError("no C compiler found (set $CC, or install gcc)")
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
        built = pathlib.Path(tmp) / path.name
        command = [cc, *FLAGS, f"-Dreal={DTYPES[dtype]}", str(SOURCE), "-o", str(built)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise OSError(f"{' '.join(command)} failed:\n{done.stderr.strip()}")
        os.replace(built, path)


def ready():
    """Whether the fused loop can run without compiling: loaded in this process, or compiled
    earlier into the cache folder (then it is loaded now, in about a millisecond). The cache
    folder is looked at once per process: a library another process compiles later is
    found by ``build()``, not here.

    Example::

        >>> build() == ready()
        True
    """
    if _libraries:
        return True
    if _failure is not None or _looked:
        return False
    _looked.append(True)
    try:
        paths = {dtype: library_path(dtype) for dtype in DTYPES}
        if not all(path.exists() for path in paths.values()):
            return False
        for dtype, path in paths.items():
            _libraries[dtype] = _load(path)
    except OSError:
        _libraries.clear()
        return False
    return True


def build():
    """Compile the fused loop for every dtype in ``DTYPES`` (unless compiled already) and
    load it. Returns True if it is ready, False if it cannot be built here; the reason is
    then in ``failure()``, and later calls return False at once.

    Example::

        >>> build() in (True, False)
        True
    """
    global _failure
    if ready():
        return True
    if _failure is not None:
        return False
    try:
        for dtype in DTYPES:
            path = library_path(dtype)
            if not path.exists():
                _compile(dtype, path)
            _libraries[dtype] = _load(path)
    except OSError as error:
        _libraries.clear()
        _failure = str(error)
        return False
    return True


def failure():
    """Why ``build()`` failed in this process, or None.

    Example::

        >>> build() or failure() is not None
        True
    """
    return _failure


def _correlate(Xp, K, dilation):
    """The C loop: the stride-1 correlation of Xp (H, W) with K (k_h, k_w)."""
    (H, W), (k_h, k_w) = Xp.shape, K.shape
    out_h, out_w = H - dilation[0] * (k_h - 1), W - dilation[1] * (k_w - 1)
    if not Xp.is_contiguous():
        Xp = Xp.contiguous()
    if not K.is_contiguous():
        K = K.contiguous()
    Y = torch.empty((out_h, out_w), dtype=Xp.dtype)
    _libraries[Xp.dtype].correlate(Xp.data_ptr(), W, K.data_ptr(), k_h, k_w, dilation[0],
                                   dilation[1], Y.data_ptr(), out_h, out_w,
                                   torch.get_num_threads())
    return Y


def _correlate_weight(Xp, G, kernel_shape, dilation):
    """The C loop for the kernel's gradient: dK[a, b] = sum of G times Xp shifted by
    (a d_h, b d_w), summed in float64 and returned in Xp's dtype."""
    Xp, G = Xp.contiguous(), G.contiguous()
    threads = torch.get_num_threads()
    parts = torch.zeros((threads, *kernel_shape), dtype=torch.float64)
    _libraries[Xp.dtype].correlate_weight(Xp.data_ptr(), Xp.shape[1], G.data_ptr(),
                                          G.shape[0], G.shape[1], *kernel_shape,
                                          *dilation, parts.data_ptr(), threads)
    return parts.sum(0).to(Xp.dtype)


class _Fused(torch.autograd.Function):
    """The C loop forward. Backward, the image's gradient is the full correlation of the
    output's gradient G with the flipped kernel (the C loop again, on a zero-padded G), and
    the kernel's is ``correlate_weight``. When the backward itself must be differentiated
    (``create_graph=True``: a Hessian, a gradient penalty), the same two gradients are
    computed by this function again, which autograd can differentiate: the kernel's as the
    correlation of the image with G as the kernel, keeping every d-th output."""

    @staticmethod
    def forward(ctx, Xp, K, dilation):
        ctx.save_for_backward(Xp, K)
        ctx.dilation = dilation
        return _correlate(Xp, K, dilation)

    @staticmethod
    def backward(ctx, G):
        Xp, K = ctx.saved_tensors
        (d_h, d_w), (k_h, k_w) = ctx.dilation, K.shape
        twice = torch.is_grad_enabled()  # create_graph=True: the backward is differentiated
        grad_X = grad_K = None
        if ctx.needs_input_grad[0]:
            e_h, e_w = d_h * (k_h - 1), d_w * (k_w - 1)  # the dilated kernel's reach
            padded, flipped = F.pad(G, (e_w, e_w, e_h, e_h)), K.flip(0, 1)
            grad_X = _Fused.apply(padded, flipped, ctx.dilation) if twice \
                else _correlate(padded, flipped, ctx.dilation)
        if ctx.needs_input_grad[1]:
            grad_K = _Fused.apply(Xp, G, (1, 1))[::d_h, ::d_w] if twice \
                else _correlate_weight(Xp, G, K.shape, ctx.dilation)
        return grad_X, grad_K, None


def runs_on(Xp):
    """Whether the C loop can compute on ``Xp``: a CPU tensor of a dtype in ``DTYPES``, and
    the loop built (``build()`` is called if needed; if it fails, a ``RuntimeWarning`` says
    why, once per process).

    Example::

        >>> runs_on(torch.zeros(3, 3)) == build()
        True
        >>> runs_on(torch.zeros(3, 3, dtype=torch.float16))
        False
    """
    if not Xp.is_cpu or Xp.dtype not in DTYPES:
        return False
    if Xp.dtype in _libraries or build():
        return True
    if not _warned:
        _warned.append(True)
        warnings.warn(f"convlib's fused loop cannot be compiled here, so method='fused' "
                      f"runs as 'direct' shift-and-add: {_failure}", RuntimeWarning,
                      stacklevel=4)
    return False


_warned = []


def correlate(Xp, K, stride=(1, 1), dilation=(1, 1)):
    """The correlation of ``Xp`` (H, W) with ``K`` (k_h, k_w) by the C loop, differentiable;
    stride by keeping every s-th output of the stride-1 correlation. Needs
    ``runs_on(Xp)``: ``convlib.algorithms.fused`` checks it and falls back to ``direct``.

    Example::

        >>> import torch.nn.functional as F
        >>> X, K = torch.rand(20, 30), torch.rand(3, 4)
        >>> runs_on(X) and torch.allclose(correlate(X, K), F.conv2d(X[None, None],
        ...                                                       K[None, None])[0, 0])
        True
    """
    needs_grad = torch.is_grad_enabled() and (Xp.requires_grad or K.requires_grad)
    Y = _Fused.apply(Xp, K, dilation) if needs_grad else _correlate(Xp, K, dilation)
    if stride != (1, 1):
        Y = Y[::stride[0], ::stride[1]]
        if not needs_grad:
            Y = Y.contiguous()
    return Y
