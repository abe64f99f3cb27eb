"""The contract of the array kernels: name -> one-line semantics (merged into `base.KERNELS`)."""

KERNELS = {
    "gather_nd": "x[indices[..., 0], ..., indices[..., d-1]]: rows of x addressed by the last axis of the int "
                 "array `indices` (in range, d <= rank), shape indices.shape[:-1] + x.shape[d:].",
    "tensor_scatter": "A copy of x with `updates` (shape indices.shape[:-1] + x.shape[d:]) written at the "
                      "in-range `indices` (last axis: coordinates); `mode` 'update' (some write wins), "
                      "'add', 'max' or 'min' combines duplicates and the old value.",
    "pad": "x padded by `paddings` ((before, after) per axis, >= 0) with `mode` 'constant' (the Python "
           "scalar `value`), 'reflect' (edge excluded, pad < dim) or 'symmetric' (edge included, pad <= dim).",
    "tile": "x repeated `multiples[i]` (>= 0) times along each axis i (len(multiples) == rank).",
    "roll": "x rolled by `shifts` along `axes` (tuples of equal length; axes non-negative, may repeat).",
    "one_hot": "on/off (0-d arrays of the output dtype) placed by int `indices` along a new axis `axis` "
               "(non-negative) of size `depth`; indices outside [0, depth) give all-off rows.",
    "searchsorted": "Insertion positions of `values` in each row of the ascending `sorted` (same leading "
                    "dims, search over the last axis), 'left' or 'right' per `right`, as `out_type` "
                    "('int32' or 'int64').",
    "bitcast": "The bytes of x reinterpreted as `dtype`: a narrower type adds a last axis of the size ratio, "
               "a wider one consumes a last axis of that size.",
}
