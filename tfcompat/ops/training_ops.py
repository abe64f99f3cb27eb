"""Fused optimizer updates: one kernel per variable instead of a dozen elementwise ops (TF's training ops).

The arithmetic is Keras 3's, op by op and rounded alike, so a fused step and the composed one agree bit for bit.
"""
from ..framework.op import NOT_DIFFERENTIABLE, apply, defop

_adam_op = defop("ApplyAdam", lambda b, var, m, v, grad, alpha, c1, c2, eps: b.adam_update(
    var, m, v, grad, alpha, c1, c2, eps), NOT_DIFFERENTIABLE)


def adam_update(variable, m, v, grad, alpha, c1, c2, epsilon):
    """Keras's Adam step on the Variables `variable`, `m`, `v`: m += (grad - m) * c1; v += (grad^2 - v) * c2;
    variable -= m * alpha / (sqrt(v) + epsilon). grad and the 0-d alpha, c1, c2, epsilon share its dtype."""
    dt = variable._dtype
    new = apply(_adam_op, (variable._read(), m._read(), v._read(), grad, alpha, c1, c2, epsilon), (dt, dt, dt))
    for target, value in zip((variable, m, v), new):
        target._store(value, False)
