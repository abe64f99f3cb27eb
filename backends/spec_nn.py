"""The contract of the nn kernels: name -> one-line semantics (merged into `base.KERNELS`)."""

KERNELS = {
    "relu6": "min(max(x, 0), 6), NaN propagating.",
    "elu": "x if x > 0 else expm1(x).",
    "selu": "1.0507009873554805 * (x if x > 0 else 1.6732632423543772 * expm1(x)).",
    "leaky_relu": "x if x > 0 else `alpha` * x (alpha a Python float).",
    "softsign": "x / (1 + |x|).",
}
