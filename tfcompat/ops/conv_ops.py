"""Convolution and pooling ops (`tf.nn.conv*`, `tf.nn.*pool*`), with their gradients as kernels of their own.

One N-d op family (1 to 3 spatial dims, either channel position) carries the geometry as attributes:
strides, dilations and the per-dimension (before, after) padding pairs, SAME already resolved to TF's
asymmetric split (the extra row/column at the end). conv1d and depthwise_conv2d are the same ops
(depthwise as a grouped convolution). The backprop ops differentiate each other, so every order works.
"""
from ..graph.runtime import value_dependent
from ..framework import dtypes as _dt
from ..framework.errors import InvalidArgumentError, UnimplementedError, op_error
from ..framework.op import apply, defop
from ..util.export import tf_export
from .common import check_dtype, same_dtype, shape_of, static_list, tensor

_CONV_T = frozenset({_dt.float16, _dt.bfloat16, _dt.float32, _dt.float64, _dt.int32})
_FLOAT_T = frozenset({_dt.float16, _dt.bfloat16, _dt.float32, _dt.float64})
_MAXPOOL_T = frozenset({_dt.float16, _dt.bfloat16, _dt.float32, _dt.float64, _dt.int32, _dt.int64,
                        _dt.uint8, _dt.int16, _dt.int8, _dt.uint16})
_HALF_FLOAT_T = frozenset({_dt.float16, _dt.bfloat16, _dt.float32})
_CHANNELS_FIRST = {"NCW", "NCHW", "NCDHW"}
_FORMATS = {1: ("NWC", "NCW"), 2: ("NHWC", "NCHW"), 3: ("NDHWC", "NCDHW")}
_GEOMETRY = ("strides", "dilations", "padding", "channels_last")
_POOL = ("ksize", "strides", "padding", "channels_last")


# ---- the ops: forward kernels and gradients (written in these ops, so they nest) ----
def _geometry(attrs, keys=_GEOMETRY):
    return {k: attrs[k] for k in keys}


def _g_conv(e, dy):
    x, w = e.inputs
    g = _geometry(e.attrs)
    return _bp_input(dy, w, shape_of(x), g, e.attrs["nd"]), _bp_filter(x, dy, shape_of(w), g, e.attrs["nd"])


def _g_bp_input(e, ddx):
    dy, w = e.inputs
    g = _geometry(e.attrs)
    return _conv(ddx, w, g, e.attrs["nd"]), _bp_filter(ddx, dy, shape_of(w), g, e.attrs["nd"])


def _g_bp_filter(e, ddw):
    x, dy = e.inputs
    g = _geometry(e.attrs)
    return _bp_input(dy, ddw, shape_of(x), g, e.attrs["nd"]), _conv(x, ddw, g, e.attrs["nd"])


def _g_max_pool(e, dy):
    return _max_pool_grad(e.inputs[0], dy, _geometry(e.attrs, _POOL), e.attrs["nd"])


def _g_max_pool_grad(e, ddx):
    from .array_ops import zeros_like
    x = e.inputs[0]
    return zeros_like(x), _pool_op("MaxPoolGradGrad", e.attrs["nd"], (x, ddx), _geometry(e.attrs, _POOL))


def _g_max_pool_grad_grad(e, dddy):
    from .array_ops import zeros_like
    x = e.inputs[0]
    return zeros_like(x), _max_pool_grad(x, dddy, _geometry(e.attrs, _POOL), e.attrs["nd"])


def _g_avg_pool(e, dy):
    return _pool_op("AvgPoolGrad", e.attrs["nd"], (dy,),
                    dict(_geometry(e.attrs, _POOL), input_shape=shape_of(e.inputs[0])))


def _g_avg_pool_grad(e, ddx):
    return _pool_op("AvgPool", e.attrs["nd"], (ddx,), _geometry(e.attrs, _POOL))


def _kernel(name):
    return lambda b, *xs, nd, **attrs: getattr(b, name)(*xs, **attrs)


_OPS = {}
for _suffix, _nd in (("2D", 2), ("3D", 3)):
    _v2 = "V2" if _nd == 3 else ""
    _OPS[_nd] = {
        "Conv": defop(f"Conv{_suffix}", _kernel("conv"), _g_conv),
        "BackpropInput": defop(f"Conv{_suffix}BackpropInput{_v2}", _kernel("conv_backprop_input"), _g_bp_input),
        "BackpropFilter": defop(f"Conv{_suffix}BackpropFilter{_v2}", _kernel("conv_backprop_filter"), _g_bp_filter),
        "MaxPool": defop("MaxPool" + ("3D" if _nd == 3 else ""), _kernel("max_pool"), _g_max_pool),
        "MaxPoolGrad": defop("MaxPool" + ("3D" if _nd == 3 else "") + "Grad", _kernel("max_pool_grad"),
                             _g_max_pool_grad),
        "MaxPoolGradGrad": defop("MaxPool" + ("3D" if _nd == 3 else "") + "GradGrad",
                                 _kernel("max_pool_grad_grad"), _g_max_pool_grad_grad),
        "AvgPool": defop("AvgPool" + ("3D" if _nd == 3 else ""), _kernel("avg_pool"), _g_avg_pool),
        "AvgPoolGrad": defop("AvgPool" + ("3D" if _nd == 3 else "") + "Grad", _kernel("avg_pool_grad"),
                             _g_avg_pool_grad),
    }
_OPS[1] = _OPS[2]  # TF runs 1-D convolution and pooling as the 2-D ops
del _suffix, _nd, _v2


def _conv(x, w, geometry, nd):
    return apply(_OPS[nd]["Conv"], (x, w), x._dtype, dict(geometry, nd=nd))


def _bp_input(dy, w, input_shape, geometry, nd):
    return apply(_OPS[nd]["BackpropInput"], (dy, w), dy._dtype, dict(geometry, input_shape=tuple(input_shape), nd=nd))


def _bp_filter(x, dy, filter_shape, geometry, nd):
    return apply(_OPS[nd]["BackpropFilter"], (x, dy), x._dtype,
                 dict(geometry, filter_shape=tuple(filter_shape), nd=nd))


def _max_pool_grad(x, dy, geometry, nd):
    return apply(_OPS[nd]["MaxPoolGrad"], (x, dy), dy._dtype, dict(geometry, nd=nd))


def _pool_op(kind, nd, inputs, attrs):
    return apply(_OPS[nd][kind], inputs, inputs[-1]._dtype, dict(attrs, nd=nd))


# ---- argument handling: TF's Python-level ValueErrors, then the kernels' InvalidArgumentErrors ----
def _sequence(value, n, channels_last, name):
    """TF's `_get_sequence`: an int or list of 1, n or n+2 values as the full n+2 list."""
    if value is None:
        return [1] * (n + 2)
    value = static_list(value)
    if len(value) == n + 2:
        return value
    if len(value) == 1:
        value = value * n
    elif len(value) != n:
        raise ValueError(f"{name} should be of length 1, {n} or {n + 2}. Received: {name}={value} of length {len(value)}")
    return [1] + value + [1] if channels_last else [1, 1] + value


def _padding_mode(padding, n, op_name, explicit=True):
    """('SAME' | 'VALID' | 'EXPLICIT', explicit pairs or None), with TF's errors."""
    if isinstance(padding, (list, tuple)):
        if not explicit:
            raise TypeError(f"Expected string for argument 'padding' not {padding!r}.")
        for i, pair in enumerate(padding):
            if not isinstance(pair, (list, tuple)):
                raise ValueError("When `padding` is a list, each element of `padding` must be a list/tuple of size 2. "
                                 f"Received: padding={padding} with element at index {i} of type {type(pair)}")
            if len(pair) != 2:
                raise ValueError("When `padding` is a list, each element of `padding` must be a list/tuple of size 2. "
                                 f"Received: padding={padding} with element at index {i} of size {len(pair)}")
        if len(padding) != n + 2:
            raise ValueError(f"When padding is a list, it must be of size {n + 2}. "
                             f"Received: padding={padding} of size {len(padding)}")
        return "EXPLICIT", [[int(a), int(b)] for a, b in padding]
    if padding == "EXPLICIT" and explicit:
        raise ValueError("'EXPLICIT' is not a valid value for `padding`. To use explicit padding, "
                         "`padding` must be a list.")
    if padding not in ("SAME", "VALID"):
        allowed = '"SAME", "VALID", "EXPLICIT"' if explicit else '"SAME", "VALID"'
        raise op_error(InvalidArgumentError, op_name,
                       f"Value for attr 'padding' of \"{padding}\" is not in the list of allowed values: {allowed}"
                       f"\n\t; NodeDef: {{{{node {op_name}}}}}")
    return padding, None


def _channels_last(data_format, n, op_name):
    if data_format is None:
        return True
    if data_format not in _FORMATS[n] and data_format not in _FORMATS[2]:
        a, b = _FORMATS[n]
        raise op_error(InvalidArgumentError, op_name,
                       f"Value for attr 'data_format' of \"{data_format}\" is not in the list of allowed values: "
                       f"\"{a}\", \"{b}\"\n\t; NodeDef: {{{{node {op_name}}}}}")
    return data_format not in _CHANNELS_FIRST


def _spatial(full, channels_last):
    return tuple(full[1:-1] if channels_last else full[2:])


def _outer(full, channels_last):
    return (full[0], full[-1] if channels_last else full[1])


def _pairs(mode, explicit, sizes, ksize, strides, dilations, channels_last):
    """The (before, after) padding of each spatial dim; SAME puts the odd cell at the end (OP-09)."""
    if mode == "VALID":
        return ((0, 0),) * len(sizes)
    if mode == "EXPLICIT":
        return tuple(tuple(p) for p in _spatial(explicit, channels_last))
    out = []
    for n, k, s, d in zip(sizes, ksize, strides, dilations):
        total = max((-(-n // s) - 1) * s + (k - 1) * d + 1 - n, 0)
        out.append((total // 2, total - total // 2))
    return tuple(out)


def _check_rank(x, rank, what, op_name):
    shape = shape_of(x)
    if len(shape) != rank:
        raise op_error(InvalidArgumentError, op_name,
                       f"{what} must be {rank}-dimensional" + ("" if what == "input" else ": ")
                       + "[" + ",".join(map(str, shape)) + "]")


def _check_window(op_name, strides, dilations, channels_last, explicit):
    """TF's kernel checks of strides, dilations and explicit padding."""
    if _outer(strides, channels_last) != (1, 1):
        raise op_error(UnimplementedError, op_name,
                       "Current implementation does not yet support strides in the batch and depth dimensions.")
    for s in _spatial(strides, channels_last):
        if s <= 0:
            raise op_error(InvalidArgumentError, op_name, f"Stride must be > 0, but got {s}")
    if _outer(dilations, channels_last) != (1, 1):
        raise op_error(InvalidArgumentError, op_name,
                       "Current implementation does not yet support dilations in the batch and depth dimensions.")
    if any(d <= 0 for d in _spatial(dilations, channels_last)):
        raise op_error(InvalidArgumentError, op_name, "Dilated rates should be larger than 0.")
    if explicit is not None:
        if any(p < 0 for pair in explicit for p in pair):
            raise op_error(InvalidArgumentError, op_name, "All elements of explicit_paddings must be nonnegative")
        if any(_outer(explicit, channels_last)[i] != [0, 0] for i in (0, 1)):
            raise op_error(InvalidArgumentError, op_name,
                           "Nonzero padding in the batch or depth dimensions is not supported")


def _prepare_conv(input, filters, n, strides, padding, data_format, dilations, op_name, allowed=_CONV_T):
    """Validated (x, w, geometry) of an n-d convolution, TF's messages for its errors."""
    x, w = tensor(input), tensor(filters)
    check_dtype(x, allowed, op_name)
    same_dtype(op_name, (x, w))
    channels_last = _channels_last(data_format, n, op_name)
    strides = _sequence(strides, n, channels_last, "strides")
    dilations = _sequence(dilations, n, channels_last, "dilations")
    mode, explicit = _padding_mode(padding, n, op_name)
    _check_rank(x, n + 2, "input", op_name)
    _check_rank(w, n + 2, "filter", op_name)
    _check_window(op_name, strides, dilations, channels_last, explicit)
    xs, ws = shape_of(x), shape_of(w)
    if 0 in ws:
        raise op_error(InvalidArgumentError, op_name,
                       "filter must not have zero elements (i.e. all dimensions must be non-zero)")
    depth = _outer(xs, channels_last)[1]
    if depth % ws[n]:
        raise op_error(InvalidArgumentError, op_name,
                       f"input depth must be evenly divisible by filter depth: {depth} vs {ws[n]}")
    groups = depth // ws[n]
    if ws[-1] % groups:
        raise op_error(InvalidArgumentError, op_name,
                       f"output depth must be evenly divisible by number of groups: {ws[-1]} vs {groups}")
    geometry = _geometry_of(mode, explicit, _spatial(xs, channels_last), ws[:n], strides, dilations, channels_last)
    return x, w, geometry


def _geometry_of(mode, explicit, sizes, ksize, strides, dilations, channels_last):
    s, d = _spatial(strides, channels_last), _spatial(dilations, channels_last)
    return {"strides": s, "dilations": d, "channels_last": channels_last,
            "padding": _pairs(mode, explicit, sizes, ksize, s, d, channels_last)}


# ---- convolutions ----
@tf_export("nn.conv2d")
@value_dependent("conv2d")
def conv2d(input, filters, strides, padding, data_format="NHWC", dilations=None, name=None):
    """2-D convolution (cross-correlation) of NHWC/NCHW input with an [kh, kw, in/groups, out] filter."""
    x, w, g = _prepare_conv(input, filters, 2, strides, padding, data_format, dilations, "Conv2D")
    return _conv(x, w, g, 2)


@tf_export("nn.conv1d")
@value_dependent("conv1d")
def conv1d(input, filters, stride, padding, data_format="NWC", dilations=None, name=None):
    """1-D convolution of NWC/NCW input with a [k, in/groups, out] filter (TF runs it as Conv2D)."""
    if data_format not in (None, "NWC", "NHWC", "NCW", "NCHW"):
        raise ValueError(f"`data_format` must be 'NWC' or 'NCW'. Received: data_format={data_format}")
    if isinstance(padding, (list, tuple)):
        raise TypeError(f"Expected string for argument 'padding' not {padding!r}.")
    fmt = "NCW" if data_format in ("NCW", "NCHW") else "NWC"
    x, w, g = _prepare_conv(input, filters, 1, stride, padding, fmt, dilations, "Conv2D")
    return _conv(x, w, g, 1)


@tf_export("nn.conv3d")
@value_dependent("conv3d")
def conv3d(input, filters, strides, padding, data_format="NDHWC", dilations=None, name=None):
    """3-D convolution of NDHWC/NCDHW input with a [kd, kh, kw, in/groups, out] filter."""
    for attr, value in (("strides", strides), ("dilations", dilations)):
        if value is None:
            continue
        if not isinstance(value, (list, tuple)):
            raise TypeError(f"Expected list for '{attr}' argument to 'conv3d' Op, not {value!r}.")
        if len(value) < 5:
            raise op_error(InvalidArgumentError, "Conv3D", f"Length for attr '{attr}' of {len(value)} must be at "
                                                           f"least minimum 5\n\t; NodeDef: {{{{node Conv3D}}}}")
    x, w, g = _prepare_conv(input, filters, 3, strides, padding, data_format, dilations, "Conv3D", _FLOAT_T)
    return _conv(x, w, g, 3)


@tf_export("nn.convolution")
def convolution(input, filters, strides=None, padding="VALID", data_format=None, dilations=None, name=None):
    """N-d convolution, the number of spatial dims taken from the filter's rank."""
    n = len(shape_of(tensor(filters))) - 2
    if n not in (1, 2, 3):
        raise ValueError(f"`num_spatial_dims` must be 1, 2, or 3. Received: num_spatial_dims={n}.")
    fn = {1: conv1d, 2: conv2d, 3: conv3d}[n]
    return fn(input, filters, strides, padding, data_format=data_format, dilations=dilations)


@tf_export("nn.depthwise_conv2d")
@value_dependent("depthwise_conv2d")
def depthwise_conv2d(input, filter, strides, padding, data_format=None, dilations=None, name=None):
    """Per-channel 2-D convolution with a [kh, kw, in, multiplier] filter: output channel c*m + j."""
    x, w = tensor(input), tensor(filter)
    op_name = "DepthwiseConv2dNative"
    if not isinstance(strides, (list, tuple)):
        raise TypeError(f"Expected list for 'strides' argument to 'depthwise_conv2d_native' Op, not {strides!r}.")
    check_dtype(x, _FLOAT_T, op_name)
    same_dtype(op_name, (x, w))
    channels_last = _channels_last(data_format, 2, op_name)
    full_strides = _sequence(strides, 2, channels_last, "strides")
    full_dilations = _sequence(dilations, 2, channels_last, "dilations")
    mode, explicit = _padding_mode(padding, 2, op_name)
    _check_rank(x, 4, "input", op_name)
    _check_rank(w, 4, "filter", op_name)
    _check_window(op_name, full_strides, full_dilations, channels_last, explicit)
    xs, ws = shape_of(x), shape_of(w)
    depth = _outer(xs, channels_last)[1]
    if depth != ws[2]:
        raise op_error(InvalidArgumentError, op_name, f"input and filter must have the same depth: {depth} vs {ws[2]}")
    from .array_ops import reshape
    grouped = reshape(w, [ws[0], ws[1], 1, ws[2] * ws[3]])
    g = _geometry_of(mode, explicit, _spatial(xs, channels_last), ws[:2], full_strides, full_dilations, channels_last)
    return _conv(x, grouped, g, 2)


@tf_export("nn.separable_conv2d")
@value_dependent("separable_conv2d")
def separable_conv2d(input, depthwise_filter, pointwise_filter, strides, padding, data_format=None,
                     dilations=None, name=None):
    """depthwise_conv2d followed by a 1x1 conv2d mixing its channels."""
    p = tensor(pointwise_filter)
    ps = shape_of(p)
    if len(ps) == 4 and ps[:2] != (1, 1):
        raise ValueError(f"Dimensions {ps[0] if ps[0] != 1 else ps[1]} and 1 are not compatible")
    y = depthwise_conv2d(input, depthwise_filter, strides, padding, data_format, dilations)
    return conv2d(y, p, 1, "VALID", data_format or "NHWC")


@tf_export("nn.conv2d_transpose")
@value_dependent("conv2d_transpose")
def conv2d_transpose(input, filters, output_shape, strides, padding="SAME", data_format="NHWC", dilations=None,
                     name=None):
    """The gradient of conv2d w.r.t. its input: a [kh, kw, out, in] filter maps input to `output_shape`."""
    return _conv_transpose(input, filters, output_shape, strides, padding, data_format, dilations, 2,
                           "Conv2DBackpropInput")


@tf_export("nn.conv1d_transpose")
@value_dependent("conv1d_transpose")
def conv1d_transpose(input, filters, output_shape, strides, padding="SAME", data_format="NWC", dilations=None,
                     name=None):
    """The gradient of conv1d w.r.t. its input."""
    if data_format not in ("NWC", "NCW"):
        raise ValueError(f"`data_format` must be 'NWC' or 'NCW'. Received: data_format={data_format}")
    return _conv_transpose(input, filters, output_shape, strides, padding, data_format, dilations, 1,
                           "Conv2DBackpropInput")


def _conv_transpose(input, filters, output_shape, strides, padding, data_format, dilations, n, op_name):
    dy, w = tensor(input), tensor(filters)
    check_dtype(dy, _CONV_T, op_name)
    same_dtype(op_name, (w, dy))
    channels_last = _channels_last(data_format, n, op_name)
    strides = _sequence(strides, n, channels_last, "strides")
    dilations = _sequence(dilations, n, channels_last, "dilations")
    mode, explicit = _padding_mode(padding, n, op_name)
    out_shape = tuple(static_list(output_shape))
    if len(out_shape) != n + 2:
        raise op_error(InvalidArgumentError, op_name, f"Conv2DBackpropInput requires input_sizes to contain "
                                                      f"{n + 2} values or {n} values, but got: {len(out_shape)}")
    _check_rank(dy, n + 2, "input", op_name)
    _check_rank(w, n + 2, "filter", op_name)
    _check_window(op_name, strides, dilations, channels_last, explicit)
    ws, ds = shape_of(w), shape_of(dy)
    where = "Conv2DCustomBackpropInput: "
    if _outer(ds, channels_last)[1] != ws[-1]:
        raise op_error(InvalidArgumentError, op_name, where + "filter and out_backprop must have the same out_depth")
    if _outer(out_shape, channels_last)[1] % ws[n]:
        raise op_error(InvalidArgumentError, op_name, where + "input depth must be evenly divisible by filter depth")
    sizes = _spatial(out_shape, channels_last)
    g = _geometry_of(mode, explicit, sizes, ws[:n], strides, dilations, channels_last)
    for i, (size, k, s, d, (lo, hi), actual) in enumerate(zip(sizes, ws[:n], g["strides"], g["dilations"],
                                                              g["padding"], _spatial(ds, channels_last))):
        computed = max((size + lo + hi - (k - 1) * d - 1) // s + 1, 0)
        if computed != actual:
            raise op_error(InvalidArgumentError, op_name,
                           f"{where}Size of out_backprop doesn't match computed: actual = {actual}, computed = "
                           f"{computed} spatial_dim: {i + 1} input: {size} filter: {k} output: {actual} "
                           f"stride: {s} dilation: {d}")
    return _bp_input(dy, w, out_shape, g, n)


# ---- pooling ----
def _pool(kind, input, ksize, strides, padding, data_format, n, op_name, allowed):
    x = tensor(input)
    check_dtype(x, allowed, op_name)
    channels_last = _channels_last(data_format, n, op_name)
    ksize = _sequence(ksize, n, channels_last, "ksize")
    strides = _sequence(strides, n, channels_last, "strides")
    mode, explicit = _padding_mode(padding, n, op_name, explicit=kind == "MaxPool" and n < 3)
    _check_rank(x, n + 2, "input", op_name)
    if _outer(ksize, channels_last) != (1, 1) or _outer(strides, channels_last) != (1, 1):
        if _outer(ksize, channels_last)[0] != 1 or _outer(strides, channels_last)[0] != 1:
            raise op_error(UnimplementedError, op_name, "Pooling is not yet supported on the batch dimension.")
        raise NotImplementedError(f"tf.nn.{kind.lower()} over the depth dimension is not implemented yet in tfcompat")
    if any(k <= 0 for k in ksize):
        raise op_error(InvalidArgumentError, op_name, "Sliding window ksize must be positive. The specified or "
                                                      f"inferred ksize is: {','.join(map(str, ksize))}")
    if any(s <= 0 for s in strides):
        raise op_error(InvalidArgumentError, op_name, f"Stride must be > 0, but got {min(strides)}")
    if explicit is not None:
        _check_window(op_name, strides, [1] * (n + 2), channels_last, explicit)
    k = _spatial(ksize, channels_last)
    g = _geometry_of(mode, explicit, _spatial(shape_of(x), channels_last), k, strides, [1] * (n + 2), channels_last)
    del g["dilations"]
    g["ksize"] = k
    return _pool_op(kind, n, (x,), g)


def _pool_name(kind, n):
    return kind + ("3D" if n == 3 else "")


@tf_export("nn.max_pool2d")
@value_dependent("max_pool2d")
def max_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):
    """2-D max pooling; SAME and explicit padding cells are absent, not zeros (OP-10)."""
    return _pool("MaxPool", input, ksize, strides, padding, data_format, 2, "MaxPool", _MAXPOOL_T)


@tf_export("nn.max_pool1d")
@value_dependent("max_pool1d")
def max_pool1d(input, ksize, strides, padding, data_format="NWC", name=None):
    """1-D max pooling (TF runs it as MaxPool)."""
    return _pool("MaxPool", input, ksize, strides, padding, data_format, 1, "MaxPool", _MAXPOOL_T)


@tf_export("nn.max_pool3d")
@value_dependent("max_pool3d")
def max_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):
    """3-D max pooling."""
    return _pool("MaxPool", input, ksize, strides, padding, data_format, 3, "MaxPool3D", _HALF_FLOAT_T)


@tf_export("nn.avg_pool2d")
@value_dependent("avg_pool2d")
def avg_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):
    """2-D average pooling; SAME padding cells are not counted (OP-10)."""
    return _pool("AvgPool", input, ksize, strides, padding, data_format, 2, "AvgPool", _FLOAT_T)


@tf_export("nn.avg_pool1d")
@value_dependent("avg_pool1d")
def avg_pool1d(input, ksize, strides, padding, data_format="NWC", name=None):
    """1-D average pooling (TF runs it as AvgPool)."""
    return _pool("AvgPool", input, ksize, strides, padding, data_format, 1, "AvgPool", _FLOAT_T)


@tf_export("nn.avg_pool3d")
@value_dependent("avg_pool3d")
def avg_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):
    """3-D average pooling."""
    return _pool("AvgPool", input, ksize, strides, padding, data_format, 3, "AvgPool3D", _FLOAT_T)


def _rank_n(input, data_format):
    n = len(shape_of(tensor(input))) - 2
    if data_format is not None and data_format not in sum(_FORMATS.values(), ()):
        raise ValueError(f"`data_format` must be one of {sorted(sum(_FORMATS.values(), ()))}. "
                         f"Received: data_format={data_format}")
    if not 1 <= n <= 3:
        raise ValueError(f"`input.shape.rank` must be 3, 4 or 5. Received: input.shape="
                         f"{_shape_text(tensor(input))} of rank {n + 2}.")
    return n


def _shape_text(x):
    return "(" + ", ".join(map(str, shape_of(x))) + ("," if len(shape_of(x)) == 1 else "") + ")"


@tf_export("nn.max_pool")
def max_pool(input, ksize, strides, padding, data_format=None, name=None):
    """N-d max pooling, N from the input's rank."""
    n = _rank_n(input, data_format)
    if isinstance(padding, (list, tuple)) and n == 3:
        raise ValueError(f"Explicit padding is not supported with an input tensor of rank 5. Received: padding={padding}")
    return {1: max_pool1d, 2: max_pool2d, 3: max_pool3d}[n](input, ksize, strides, padding, data_format)


@tf_export("nn.avg_pool")
def avg_pool(input, ksize, strides, padding, data_format=None, name=None):
    """N-d average pooling, N from the input's rank."""
    n = _rank_n(input, data_format)
    return {1: avg_pool1d, 2: avg_pool2d, 3: avg_pool3d}[n](input, ksize, strides, padding, data_format)


@tf_export("nn.pool")
@value_dependent("pool")
def pool(input, window_shape, pooling_type, strides=None, padding="VALID", data_format=None, dilations=None,
         name=None):
    """N-d 'MAX' or 'AVG' pooling with `window_shape` (N = its length)."""
    window = static_list(window_shape)
    n = len(window)
    if n not in (1, 2, 3):
        raise ValueError(f"`len(window_shape)` must be 1, 2, or 3. Received: window_shape={window_shape} "
                         f"of length {n}")
    if pooling_type not in ("MAX", "AVG"):
        raise ValueError(f"`pooling_type` must be 'AVG' or 'MAX'. Received: pooling_type={pooling_type}")
    strides = [1] * n if strides is None else static_list(strides)
    dilations = [1] * n if dilations is None else static_list(dilations)
    if len(strides) != n:
        raise ValueError(f"`strides` should have length {n}. Received: strides={strides} of length {len(strides)}")
    if len(dilations) != n:
        raise ValueError(f"`dilations` should have length {n}. Received: dilations={dilations} of length "
                         f"{len(dilations)}")
    if any(d != 1 for d in dilations):
        if padding == "SAME":
            raise ValueError("pooling with 'SAME' padding is not implemented for `dilation_rate` > 1. Received: "
                             f"padding=SAME and dilation_rate={dilations}")
        if any(s != 1 for s in strides):
            raise ValueError(f"`strides` > 1 not supported in conjunction with `dilation_rate` > 1. "
                             f"Received: strides={strides} and dilation_rate={dilations}")
        raise NotImplementedError("tf.nn.pool with dilations > 1 is not implemented yet in tfcompat")
    if padding not in ("SAME", "VALID"):
        raise ValueError(f"`padding` must be 'SAME' or 'VALID'. Received: padding={padding}")
    fn = {"MAX": max_pool, "AVG": avg_pool}[pooling_type]
    return fn(input, window, strides, padding, data_format)

