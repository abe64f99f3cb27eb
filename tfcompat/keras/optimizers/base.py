"""The Keras 3 optimizer base: state in tf.Variables (iterations, learning_rate, slots), Keras 3's update order.

apply() filters None gradients, clips, applies weight decay, runs each subclass's update_step, applies
variable constraints, then counts the step; all through Variable assigns, so it also runs inside tf.function.
"""
import re
import warnings

import tfcompat as tf

from ..initializers import initial_value
from ..losses import auto_name
from .schedules import LearningRateSchedule, serialize as _serialize_schedule, deserialize as _deserialize_schedule


def dense(g):
    """A gradient as a dense tensor (IndexedSlices summed into their rows)."""
    return tf.convert_to_tensor(g) if isinstance(g, tf.IndexedSlices) else g


def cast(g, dtype):
    """Casts a gradient, keeping IndexedSlices sparse."""
    if isinstance(g, tf.IndexedSlices):
        return tf.IndexedSlices(tf.cast(g.values, dtype), g.indices, g.dense_shape)
    return tf.cast(g, dtype)


def square(g):
    """g**2, dense; IndexedSlices square each slice before summing duplicates, as Keras 3 on TF does."""
    if isinstance(g, tf.IndexedSlices):
        return dense(tf.IndexedSlices(tf.square(g.values), g.indices, g.dense_shape))
    return tf.square(g)


def _with_dense_shape(g, variable):
    """IndexedSlices built without a dense_shape take their variable's shape (Keras updates the rows)."""
    if isinstance(g, tf.IndexedSlices) and g.dense_shape is None:
        return tf.IndexedSlices(g.values, g.indices, tf.constant(tuple(variable.shape), tf.int64))
    return g


class Optimizer:
    """Base class of the Keras optimizers (`tf.keras.optimizers.Optimizer`)."""

    def __init__(self, learning_rate, weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        if "lr" in kwargs:  # Keras 2 spelling
            learning_rate = kwargs.pop("lr")
        if kwargs.pop("decay", None) is not None:
            warnings.warn("Argument `decay` is no longer supported and will be ignored.")
        if kwargs:
            raise ValueError(f"Argument(s) not recognized: {kwargs}")
        if use_ema or gradient_accumulation_steps:
            raise NotImplementedError("use_ema and gradient_accumulation_steps are not implemented yet in tfcompat")
        if sum(a is not None for a in (clipnorm, clipvalue, global_clipnorm)) > 1:
            raise ValueError("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: "
                             f"clipnorm={clipnorm}, clipvalue={clipvalue}, global_clipnorm={global_clipnorm}")
        self.name = name if name is not None else auto_name(type(self).__name__)
        self.weight_decay = weight_decay
        self.clipnorm, self.clipvalue, self.global_clipnorm = clipnorm, clipvalue, global_clipnorm
        self.use_ema, self.ema_momentum, self.ema_overwrite_frequency = use_ema, ema_momentum, ema_overwrite_frequency
        self.loss_scale_factor = loss_scale_factor
        self.gradient_accumulation_steps = gradient_accumulation_steps
        self.built = False
        self._variables = []
        self._trainable_variables = []
        self._index = {}
        self._iterations = self._new_variable(0, "iteration", tf.int64)
        if isinstance(learning_rate, LearningRateSchedule) or callable(learning_rate):
            self._learning_rate = learning_rate
        else:
            if isinstance(learning_rate, bool) or not isinstance(learning_rate, (int, float)) \
                    and not hasattr(learning_rate, "__float__"):
                raise ValueError("Argument `learning_rate` should be float, or an instance of LearningRateSchedule, "
                                 "or a callable (that takes in the current iteration value and returns the "
                                 f"corresponding learning rate value). Received instead: learning_rate={learning_rate}")
            self._learning_rate = self._new_variable(float(learning_rate), "learning_rate", tf.float32)

    # ---- variables ----
    def _new_variable(self, value, name, dtype):
        with tf.name_scope(self.name):
            v = tf.Variable(value, name=name, dtype=dtype, trainable=False)
        v.path = f"{self.name}/{name}"
        self._variables.append(v)
        return v

    def add_variable(self, shape, initializer="zeros", dtype=None, aggregation="none", layout=None, name=None):
        """A new non-trainable optimizer variable: initializer 'zeros'/'ones', a number, or a Keras initializer."""
        dtype = tf.as_dtype(dtype or tf.float32)
        value = initial_value(shape, initializer, dtype)
        return self._new_variable(value, name or "variable", dtype)

    def add_variable_from_reference(self, reference_variable, name=None, initializer="zeros"):
        """A slot like `reference_variable`, named '{path}_{name}' as Keras 3 names it."""
        name = name or "var"
        path = getattr(reference_variable, "path", None)
        if path is None:
            path = str(reference_variable.name).replace(":", "_")
        return self.add_variable(reference_variable.shape, initializer, reference_variable.dtype,
                                 name=f"{path.replace('/', '_')}_{name}")

    def add_optimizer_variables(self, trainable_variables, name, initializer="zeros"):
        """One slot per variable for each name, interleaved per variable (Keras 3's order)."""
        names = [name] if isinstance(name, str) else list(name)
        inits = initializer if isinstance(initializer, (list, tuple)) else [initializer] * len(names)
        out = tuple([] for _ in names)
        for v in trainable_variables:
            for lst, n, init in zip(out, names, inits):
                lst.append(self.add_variable_from_reference(v, n, init))
        return out[0] if isinstance(name, str) else out

    def build(self, variables):
        """Records the variables this optimizer updates (subclasses add their slots after calling this)."""
        for i, v in enumerate(variables):
            self._index[id(v)] = i
        self._trainable_variables = list(variables)
        self.built = True

    @property
    def variables(self):
        return self._variables[:]

    @property
    def iterations(self):
        return self._iterations

    def _get_variable_index(self, variable):
        return self._index[id(variable)]

    # ---- learning rate ----
    @property
    def learning_rate(self):
        lr = self._learning_rate
        if isinstance(lr, LearningRateSchedule):
            return lr(self._iterations)
        if isinstance(lr, tf.Variable):
            return lr
        return lr() if callable(lr) else lr

    @learning_rate.setter
    def learning_rate(self, value):
        prev = self._learning_rate
        if isinstance(value, LearningRateSchedule) or callable(value):
            self._learning_rate = value
            if isinstance(prev, tf.Variable):
                self._variables.remove(prev)
        elif isinstance(prev, LearningRateSchedule):
            raise TypeError("This optimizer was created with a `LearningRateSchedule` object as its `learning_rate` "
                            "constructor argument, hence its learning rate is not settable. If you need the learning "
                            "rate to be settable, you should instantiate the optimizer with a float `learning_rate` "
                            "argument.")
        elif isinstance(prev, tf.Variable):
            prev.assign(tf.cast(value, tf.float32))
        else:
            self._learning_rate = value

    lr = learning_rate  # Keras 2 alias

    # ---- updates ----
    def apply_gradients(self, grads_and_vars):
        """Applies (gradient, variable) pairs; a None gradient skips its variable. Returns `iterations`."""
        grads_and_vars = list(grads_and_vars)
        if not grads_and_vars:
            return self._iterations
        grads, variables = zip(*grads_and_vars)
        self.apply(grads, variables)
        return self._iterations

    def apply(self, grads, trainable_variables=None):
        """Updates the variables from `grads` (in the order the optimizer was built with, if none are given)."""
        grads = list(grads)
        if not grads:
            return
        if trainable_variables is None:
            if not self.built:
                raise ValueError("When passing `grads` without `variables`, the optimizer must already be built on "
                                 "a list of variables. Call `optimizer.build(trainable_variables)` first. ")
            if len(grads) != len(self._index):
                raise ValueError("When passing `grads` as a list of gradient tensors, the gradients must match "
                                 f"`optimizer.variables` one-to-on. Received a list of {len(grads)} gradients, but "
                                 f"the optimizer is tracking {len(self._trainable_variables)} trainable variables.")
            trainable_variables = self._trainable_variables
        else:
            trainable_variables = list(trainable_variables)
            if not self.built:
                self.build(trainable_variables)
                self.built = True
            for v in trainable_variables:
                if id(v) not in self._index:
                    raise ValueError(f"Unknown variable: {v}. This optimizer can only be called for the variables it "
                                     "was originally built with. When working with a new set of variables, you "
                                     "should recreate a new optimizer instance.")
        pairs = [(g, v) for g, v in zip(grads, trainable_variables) if g is not None]
        if not pairs:
            raise ValueError("No gradients provided for any variable.")
        if len(pairs) < len(grads):
            missing = [getattr(v, "path", v.name) for g, v in zip(grads, trainable_variables) if g is None]
            warnings.warn(f"Gradients do not exist for variables {missing} when minimizing the loss. If using "
                          "`model.compile()`, did you forget to provide a `loss` argument?")
        grads, variables = [_with_dense_shape(g, v) for g, v in pairs], [v for _, v in pairs]
        if self.loss_scale_factor is not None or self.clipnorm or self.clipvalue or self.global_clipnorm:
            grads = [dense(g) for g in grads]
        if self.loss_scale_factor is not None:
            grads = [g / self.loss_scale_factor for g in grads]
        grads = self._clip_gradients(grads)
        self._apply_weight_decay(variables)
        self._backend_update_step(grads, variables, self.learning_rate)
        for v in variables:
            if getattr(v, "constraint", None) is not None:
                v.assign(v.constraint(v))
        self._iterations.assign_add(1)

    def _backend_update_step(self, grads, variables, learning_rate):
        for g, v in zip(grads, variables):
            self.update_step(g, v, learning_rate)

    def update_step(self, gradient, variable, learning_rate):
        raise NotImplementedError

    def minimize(self, loss, var_list, tape=None):
        """Keras 2's minimize: gradients of `loss` (a callable, or a tensor recorded on `tape`), then apply them."""
        if tape is None:
            if not callable(loss):
                raise ValueError("`tape` is required when a `Tensor` loss is passed. "
                                 f"Received: loss={loss}, tape={tape}.")
            with tf.GradientTape() as tape:
                if callable(var_list):
                    var_list = var_list()
                tape.watch(var_list)
                loss = loss()
        if callable(var_list):
            var_list = var_list()
        grads = tape.gradient(loss, var_list)
        return self.apply_gradients(zip(grads, var_list))

    def _clip_gradients(self, grads):
        if self.clipnorm and self.clipnorm > 0:
            return [self._clip_by_norm(g) for g in grads]
        if self.global_clipnorm and self.global_clipnorm > 0:
            norm = tf.sqrt(tf.add_n([tf.reduce_sum(tf.square(g)) for g in grads]))
            scale = self.global_clipnorm * tf.minimum(1.0 / norm, 1.0 / self.global_clipnorm)
            scale = scale + (norm - norm)  # NaN for a non-finite norm, as Keras
            return [g * tf.cast(scale, g.dtype) for g in grads]
        if self.clipvalue and self.clipvalue > 0:
            return [tf.clip_by_value(g, -self.clipvalue, self.clipvalue) for g in grads]
        return grads

    def _clip_by_norm(self, g):
        l2sum = tf.reduce_sum(tf.square(g), keepdims=True)
        pred = l2sum > 0
        l2norm = tf.where(pred, tf.sqrt(tf.where(pred, l2sum, tf.ones_like(l2sum))), l2sum)
        return g * self.clipnorm / tf.maximum(l2norm, self.clipnorm)

    def exclude_from_weight_decay(self, var_list=None, var_names=None):
        """Variables (or name substrings) that weight decay skips; call before the optimizer is built."""
        if self.built:
            raise ValueError("`exclude_from_weight_decay()` can only be configured before the optimizer is built.")
        self._exclude_ids = {id(v) for v in var_list or ()}
        self._exclude_pattern = re.compile("|".join(set(var_names))) if var_names else None

    def _use_weight_decay(self, variable):
        if id(variable) in getattr(self, "_exclude_ids", ()):
            return False
        pattern = getattr(self, "_exclude_pattern", None)
        return pattern is None or pattern.search(variable.name) is None

    def _apply_weight_decay(self, variables):
        if self.weight_decay is None:
            return
        for v in variables:
            if self._use_weight_decay(v):
                lr = tf.cast(self.learning_rate, v.dtype)
                v.assign_sub(v * tf.cast(self.weight_decay, v.dtype) * lr)

    def scale_loss(self, loss):
        return loss * self.loss_scale_factor if self.loss_scale_factor is not None else loss

    def finalize_variable_values(self, var_list):
        """Keras hook for EMA at the end of fit (a no-op without EMA)."""

    # ---- state and config ----
    def set_weights(self, weights):
        if not self.built:
            raise ValueError("You are calling `set_weights()` on an optimizer that has not yet been built. Please "
                             "call `optimizer.build(trainable_variables)` to create the optimizer weights before "
                             "calling `set_weights()`.")
        for v, w in zip(self._variables, weights):
            if tuple(v.shape) != tuple(getattr(w, "shape", ())):
                raise ValueError(f"Optimizer variable {id(v)} has shape {tuple(v.shape)} not compatible with "
                                 f"provided weight shape {tuple(w.shape)}.")
            v.assign(w)

    def get_weights(self):
        return [v.numpy() for v in self._variables]

    def save_own_variables(self, store):
        for i, v in enumerate(self._variables):
            store[str(i)] = v.numpy()

    def load_own_variables(self, store):
        if len(store.keys()) != len(self._variables):
            msg = (f"Skipping variable loading for optimizer '{self.name}', because it has {len(self._variables)} "
                   f"variables whereas the saved optimizer has {len(store.keys())} variables. ")
            if not self._variables:
                msg += "This is likely because the optimizer has not been called/built yet."
            warnings.warn(msg, stacklevel=2)
            return
        for i, v in enumerate(self._variables):
            v.assign(store[str(i)])

    def get_config(self):
        lr = self._learning_rate
        if isinstance(lr, LearningRateSchedule):
            lr = _serialize_schedule(lr)
        elif isinstance(lr, tf.Variable):
            lr = float(lr.numpy())
        elif not callable(lr):
            lr = float(lr)
        return {"name": self.name, "learning_rate": lr, "weight_decay": self.weight_decay,
                "clipnorm": self.clipnorm, "global_clipnorm": self.global_clipnorm, "clipvalue": self.clipvalue,
                "use_ema": self.use_ema, "ema_momentum": self.ema_momentum,
                "ema_overwrite_frequency": self.ema_overwrite_frequency,
                "loss_scale_factor": self.loss_scale_factor,
                "gradient_accumulation_steps": self.gradient_accumulation_steps}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        if isinstance(config.get("learning_rate"), dict):
            config["learning_rate"] = _deserialize_schedule(config["learning_rate"], custom_objects)
        return cls(**config)
