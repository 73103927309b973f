"""Images to correlate: the 6×8 stripes toy, a real photograph, and named kernels.

Every image is a 2-D float tensor (height, width); photographs have values in [0, 1].
How to *show* a filter's output is ``convlib.teach.display``'s business.
"""

import torch
import torch.nn.functional as F

KERNELS = {
    "identity": [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
    "box blur": [[1 / 9] * 3] * 3,
    "gaussian": [[1 / 16, 2 / 16, 1 / 16], [2 / 16, 4 / 16, 2 / 16], [1 / 16, 2 / 16, 1 / 16]],
    "sharpen": [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
    "sobel x": [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
    "sobel y": [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
    "laplacian": [[0, 1, 0], [1, -4, 1], [0, 1, 0]],
    "emboss": [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]],
}
"""The named 3×3 kernels (for correlation) of the kernel editor and the preset gallery."""


def kernel(name):
    """The named 3×3 kernel as a float tensor of shape (3, 3); see ``KERNELS`` for the names.

    Example::

        >>> kernel("sobel x")
        tensor([[-1.,  0.,  1.],
                [-2.,  0.,  2.],
                [-1.,  0.,  1.]])
    """
    if name not in KERNELS:
        raise ValueError(f"unknown kernel name {name!r}; valid names are "
                         f"{', '.join(repr(n) for n in KERNELS)}")
    return torch.tensor(KERNELS[name], dtype=torch.float32)


def stripes(height=6, width=8, dark=(2, 6)):
    """The toy image: ones of shape (height, width) with columns dark[0] .. dark[1]-1 set to 0.

    Example::

        >>> stripes()[0]
        tensor([1., 1., 0., 0., 0., 0., 1., 1.])
    """
    X = torch.ones((height, width))
    X[:, dark[0]:dark[1]] = 0
    return X


def load_photo(size=None, color=False):
    """Grace Hopper's portrait, shipped with matplotlib, as grayscale (or colour) in [0, 1].

    The 600×512 colour photo is cropped to its central 512×512 square and, by default,
    converted to luma (0.299 R + 0.587 G + 0.114 B): a float32 tensor of shape (512, 512).
    ``color=True`` keeps the three channels instead: shape (3, 512, 512), red, green, blue.
    ``size`` (an int) resizes it to (size, size) with area averaging. Nothing is downloaded:
    the file is part of matplotlib's installed sample data.

    Example::

        >>> photo = load_photo(size=64)
        >>> photo.shape, 0 <= float(photo.min()) <= float(photo.max()) <= 1
        (torch.Size([64, 64]), True)
    """
    import matplotlib.cbook  # the photo's file ships with matplotlib (loaded only here)
    import matplotlib.image
    import numpy as np

    path = matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)
    rgb = torch.from_numpy(matplotlib.image.imread(path).astype(np.float32) / 255.0)
    if size is not None:
        if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= 512:
            raise ValueError(f"size must be an int from 1 to 512, got {size!r}")
    if color:
        return _crop_and_resize(rgb.permute(2, 0, 1), size)
    gray = rgb @ torch.tensor([0.299, 0.587, 0.114])
    return _crop_and_resize(gray[None], size)[0]


def _crop_and_resize(image, size):
    """The central square of ``image`` (c, h, w) with h >= w, resized to (c, size, size)."""
    top = (image.shape[1] - image.shape[2]) // 2
    image = image[:, top:top + image.shape[2]]
    if size is not None:
        image = F.interpolate(image[None], size=(size, size), mode="area")[0]
    return image.contiguous()
