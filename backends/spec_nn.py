"""The contract of the nn kernels: name -> one-line semantics (merged into `base.KERNELS`)."""

KERNELS = {
    "relu6": "min(max(x, 0), 6), NaN propagating.",
    "elu": "x if x > 0 else expm1(x).",
    "selu": "1.0507009873554805 * (x if x > 0 else 1.6732632423543772 * expm1(x)).",
    "leaky_relu": "x if x > 0 else `alpha` * x (alpha a Python float).",
    "softsign": "x / (1 + |x|).",
    "sparse_softmax_xent": "TF's SparseSoftmaxCrossEntropyWithLogits on [n, c] logits and in-range [n] integer labels: "
                           "(loss, backprop) with z = logits - rowmax, loss = log(sum(exp(z))) - z[label], "
                           "backprop = exp(z) / sum(exp(z)) - onehot(label).",
    "adam_update": "Keras's Adam step on same-dtype float arrays (alpha, c1, c2, eps 0-d): returns (var', m', v') "
                   "with m' = m + (grad - m) * c1, v' = v + (grad * grad - v) * c2, "
                   "var' = var - m' * alpha / (sqrt(v') + eps), each op rounded as on its own.",
}
