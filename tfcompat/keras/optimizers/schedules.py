"""Learning-rate schedules (`tf.keras.optimizers.schedules`): callables of the step returning a float32 tensor.

The arithmetic follows Keras 3 step for step, so values agree to the ulp.
"""
import math

import tfcompat as tf


class LearningRateSchedule:
    """Base class: `schedule(step)` gives the learning rate at `step`."""

    def __call__(self, step):
        raise NotImplementedError(f"Learning rate schedule '{type(self).__name__}' must override "
                                  "`__call__(self, step)`.")

    def get_config(self):
        raise NotImplementedError(f"Learning rate schedule '{type(self).__name__}' must override `get_config()` "
                                  "in order to be serializable.")

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _check_steps(value, arg="decay_steps"):
    if value <= 0:
        raise ValueError(f"Argument `{arg}` must be > 0. Received: {arg}={value}")


def _start(initial):
    lr = tf.convert_to_tensor(initial)
    return lr, lr.dtype


class ExponentialDecay(LearningRateSchedule):
    """`initial * decay_rate ** (step / decay_steps)` (the exponent floored with staircase)."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False, name="ExponentialDecay"):
        self.initial_learning_rate, self.decay_steps, self.decay_rate = initial_learning_rate, decay_steps, decay_rate
        self.staircase, self.name = staircase, name
        _check_steps(decay_steps)

    def __call__(self, step):
        lr, dtype = _start(self.initial_learning_rate)
        p = tf.cast(step, dtype) / tf.cast(self.decay_steps, dtype)
        if self.staircase:
            p = tf.floor(p)
        return lr * tf.pow(tf.cast(self.decay_rate, dtype), p)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "decay_rate": self.decay_rate, "staircase": self.staircase, "name": self.name}


class PiecewiseConstantDecay(LearningRateSchedule):
    """`values[i]` on the interval ending at `boundaries[i]` (a boundary belongs to the earlier interval)."""

    def __init__(self, boundaries, values, name="PiecewiseConstant"):
        if len(boundaries) != len(values) - 1:
            raise ValueError("The length of boundaries should be 1 less than the length of values. Received: "
                             f"boundaries={boundaries} of length {len(boundaries)}, and values={values} of length "
                             f"{len(values)}.")
        self.boundaries, self.values, self.name = boundaries, values, name

    def __call__(self, step):
        step = tf.convert_to_tensor(step)
        bounds = [tf.cast(b, step.dtype) for b in self.boundaries]
        values = [tf.convert_to_tensor(v) for v in self.values]
        dtype = values[0].dtype
        out = tf.cast(step <= bounds[0], dtype) * values[0] + tf.cast(step > bounds[-1], dtype) * values[-1]
        for low, high, value in zip(bounds[:-1], bounds[1:], values[1:-1]):
            out = out + tf.cast(tf.logical_and(step > low, step <= high), dtype) * value
        return out

    def get_config(self):
        return {"boundaries": self.boundaries, "values": self.values, "name": self.name}


class PolynomialDecay(LearningRateSchedule):
    """`(initial - end) * (1 - step/decay_steps) ** power + end`, the step capped (or cycled)."""

    def __init__(self, initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0, cycle=False,
                 name="PolynomialDecay"):
        self.initial_learning_rate, self.decay_steps = initial_learning_rate, decay_steps
        self.end_learning_rate, self.power, self.cycle, self.name = end_learning_rate, power, cycle, name
        _check_steps(decay_steps)

    def __call__(self, step):
        lr, dtype = _start(self.initial_learning_rate)
        end = tf.cast(self.end_learning_rate, dtype)
        step = tf.cast(step, dtype)
        steps = tf.cast(self.decay_steps, dtype)
        if self.cycle:
            steps = steps * tf.where(tf.equal(step, 0), tf.constant(1.0, dtype),
                                     tf.math.ceil(step / tf.cast(self.decay_steps, dtype)))
        else:
            step = tf.minimum(step, steps)
        return (lr - end) * tf.pow(1 - step / steps, tf.cast(self.power, dtype)) + end

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "end_learning_rate": self.end_learning_rate, "power": self.power, "cycle": self.cycle,
                "name": self.name}


class InverseTimeDecay(LearningRateSchedule):
    """`initial / (1 + decay_rate * step / decay_steps)` (floored with staircase)."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False, name="InverseTimeDecay"):
        self.initial_learning_rate, self.decay_steps, self.decay_rate = initial_learning_rate, decay_steps, decay_rate
        self.staircase, self.name = staircase, name
        _check_steps(decay_steps)

    def __call__(self, step):
        lr, dtype = _start(self.initial_learning_rate)
        p = tf.cast(step, dtype) / tf.cast(self.decay_steps, dtype)
        if self.staircase:
            p = tf.floor(p)
        return lr / (tf.constant(1, dtype) + tf.cast(self.decay_rate, dtype) * p)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "decay_rate": self.decay_rate, "staircase": self.staircase, "name": self.name}


class CosineDecay(LearningRateSchedule):
    """Cosine decay to `alpha * lr` over `decay_steps`, after an optional linear warmup to `warmup_target`."""

    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, name="CosineDecay", warmup_target=None,
                 warmup_steps=0):
        self.initial_learning_rate, self.decay_steps, self.alpha, self.name = initial_learning_rate, decay_steps, \
            alpha, name
        self.warmup_target, self.warmup_steps = warmup_target, warmup_steps
        _check_steps(decay_steps)

    def _decay(self, step, steps, start, dtype):
        cosine = 0.5 * (1.0 + tf.cos(tf.constant(math.pi, dtype) * (step / steps)))
        return start * ((1 - self.alpha) * cosine + self.alpha)

    def __call__(self, step):
        lr, dtype = _start(self.initial_learning_rate)
        steps = tf.cast(self.decay_steps, dtype)
        step = tf.cast(step, dtype)
        if self.warmup_target is None:
            return self._decay(tf.minimum(step, steps), steps, lr, dtype)
        target = tf.cast(self.warmup_target, dtype)
        warmup = tf.cast(self.warmup_steps, dtype)
        step = tf.minimum(step, steps + warmup)
        return tf.cond(step < warmup,
                       lambda: (target - lr) * (step / warmup) + lr,
                       lambda: self._decay(step - warmup, steps, target, dtype))

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "alpha": self.alpha, "name": self.name, "warmup_target": self.warmup_target,
                "warmup_steps": self.warmup_steps}


_SCHEDULES = {c.__name__: c for c in (ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay, InverseTimeDecay,
                                     CosineDecay)}


def serialize(learning_rate_schedule):
    """Keras 3's serialized form: {'module', 'class_name', 'config', 'registered_name'}."""
    return {"module": "keras.optimizers.schedules", "class_name": type(learning_rate_schedule).__name__,
            "config": learning_rate_schedule.get_config(), "registered_name": None}


def deserialize(config, custom_objects=None):
    """A schedule from `serialize`'s dict (custom classes by name from `custom_objects`)."""
    cls = (custom_objects or {}).get(config["class_name"]) or _SCHEDULES.get(config["class_name"])
    if cls is None:
        raise ValueError(f"Unknown decay: '{config['class_name']}'. Please ensure you are using a "
                         "`keras.utils.custom_object_scope` and that this object is included in the scope.")
    return cls.from_config(config["config"])
