"""The contract of the conv kernels: name -> one-line semantics (merged into `base.KERNELS`).

Common arguments: x is [N, *spatial, C] when `channels_last` else [N, C, *spatial] (1 to 3 spatial
dims); `strides`, `dilations`, `ksize` are tuples with one int per spatial dim; `padding` is a tuple
of (before, after) non-negative pairs per spatial dim. Output sizes are (n + before + after - (k-1)*d - 1)//s + 1.
"""

KERNELS = {
    "conv": "Cross-correlation of x with filter w [*k, C // groups, O] (groups = C // w.shape[-2], O a "
            "multiple of groups; output channel o sees input group o // (O // groups)); zero padding.",
    "conv_backprop_input": "The gradient of `conv` w.r.t. x: dy (conv's output layout) and w -> dx of `input_shape`.",
    "conv_backprop_filter": "The gradient of `conv` w.r.t. w: x and dy -> dw of `filter_shape`.",
    "max_pool": "Max over each window of `ksize` (per channel); padded cells are absent, not zeros.",
    "max_pool_grad": "The gradient of `max_pool`: x, dy -> dx, each dy added at its window's first "
                     "maximum (row-major window order).",
    "max_pool_grad_grad": "x, ddx -> ddy (max_pool's output shape): each window's ddx at that window's first maximum.",
    "avg_pool": "Mean over each window's real cells (padded cells are not counted).",
    "avg_pool_grad": "The gradient of `avg_pool`: dy -> dx of `input_shape`, each dy spread evenly over its window's real cells.",
}
