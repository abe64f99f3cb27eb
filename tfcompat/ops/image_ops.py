"""`tf.image`, its first ops: `convert_image_dtype` (TF's scaling between integer and float pixel ranges) and
`adjust_contrast` (the AdjustContrastv2 kernel, float32 on CPU as TF's; it has no gradient, as in TF)."""
from ..framework import dtypes as _dt
from ..framework.errors import InvalidArgumentError, NotFoundError, op_error
from ..framework.op import apply, defop
from ..util.export import tf_export
from . import array_ops as A
from . import math_ops as M
from .common import shape_of, tensor


def _adjust_contrast_fwd(b, images, factor):
    """(x - mean) * factor + mean, the mean per image and channel over height and width."""
    r = len(b.shape(images))
    mean = b.reduce_mean(images, (r - 3, r - 2), True)
    return b.add(b.multiply(b.subtract(images, mean), factor), mean)


_adjust_contrast_op = defop("AdjustContrastv2", _adjust_contrast_fwd)  # no registered gradient (GT-26)


@tf_export("image.convert_image_dtype")
def convert_image_dtype(image, dtype, saturate=False, name=None):
    """Casts pixels between dtypes, rescaling integer ranges to [0, 1] floats and back (TF's rules)."""
    image = tensor(image)
    dtype = _dt.as_dtype(dtype)
    if not (dtype.is_floating or dtype.is_integer):
        raise AttributeError("dtype must be either floating point or integer")
    if not (image.dtype.is_floating or image.dtype.is_integer):
        raise AttributeError("image dtype must be either floating point or integer")
    if dtype == image.dtype:
        return A.identity(image)
    cast = A.saturate_cast if saturate else A.cast
    if image.dtype.is_integer and dtype.is_integer:
        scale_in, scale_out = image.dtype.max, dtype.max
        if scale_in > scale_out:  # down: scale, then cast
            return cast(M.floordiv(image, (scale_in + 1) // (scale_out + 1)), dtype)
        return M.multiply(cast(image, dtype), (scale_out + 1) // (scale_in + 1))
    if image.dtype.is_floating and dtype.is_floating:
        return A.cast(image, dtype)
    if image.dtype.is_integer:  # to float: cast, then scale to [0, 1]
        return M.multiply(A.cast(image, dtype), 1.0 / image.dtype.max)
    return cast(M.multiply(image, dtype.max + 0.5), dtype)  # from float: scale, then cast


@tf_export("image.adjust_contrast")
def adjust_contrast(images, contrast_factor):
    """Moves each pixel away from (factor > 1) or toward its channel's mean over the image."""
    images = tensor(images)
    orig = images.dtype
    flt = images if orig in (_dt.float16, _dt.float32) else convert_image_dtype(images, _dt.float32)
    if flt.dtype is _dt.float16:  # TF's CPU kernel is float32 only
        raise op_error(NotFoundError, "AdjustContrastv2", "Could not find device for node: {{node AdjustContrastv2}} = "
                       "AdjustContrastv2[T=DT_HALF]")
    factor = A.cast(tensor(contrast_factor), _dt.float32)
    s = shape_of(flt)
    if len(s) < 3:
        raise op_error(InvalidArgumentError, "AdjustContrastv2",
                       f"input must be at least 3-D, got shape[{','.join(map(str, s))}]")
    return convert_image_dtype(apply(_adjust_contrast_op, (flt, factor), _dt.float32), orig, saturate=True)
