"""What `compile(loss=..., metrics=...)` becomes: CompileLoss (per-output losses, weights, per-output loss trackers)
and CompileMetrics (one Metric named 'compile_metrics' whose result is a dict), resolved on the first batch as
Keras 3 does ('accuracy' picked from the shapes of y_true and y_pred)."""
import inspect

import tfcompat as tf


def _losses():
    from . import losses
    return losses


def _metrics():
    from . import metrics
    return metrics


def _flat(x):
    if isinstance(x, (list, tuple)):
        return [leaf for item in x for leaf in _flat(item)]
    if isinstance(x, dict):
        return [leaf for k in sorted(x) for leaf in _flat(x[k])]
    return [x]


def _object_name(obj):
    if hasattr(obj, "name") and isinstance(obj.name, str):
        return obj.name
    if hasattr(obj, "__name__"):
        return obj.__name__
    return type(obj).__name__


def is_binary_or_sparse_categorical(y_true, y_pred):
    t_shape, p_shape = tuple(y_true.shape), tuple(y_pred.shape)
    is_binary = bool(p_shape) and p_shape[-1] == 1
    is_sparse = len(t_shape) < len(p_shape) or (bool(t_shape) and t_shape[-1] == 1 and p_shape[-1] > 1)
    return is_binary, is_sparse


def get_metric(identifier, y_true, y_pred):
    """A Metric for one compile identifier (strings keep their spelling as the metric name)."""
    m = _metrics()
    if identifier is None:
        raise ValueError("Expected metric, received `None`")
    if str(identifier).lower() in ("accuracy", "acc"):
        is_binary, is_sparse = is_binary_or_sparse_categorical(y_true, y_pred)
        cls = m.BinaryAccuracy if is_binary else m.SparseCategoricalAccuracy if is_sparse else m.CategoricalAccuracy
        obj = cls(name=str(identifier))
    else:
        obj = m.get(identifier)
    name = identifier if isinstance(identifier, str) else _object_name(obj)
    if not isinstance(obj, m.Metric):
        obj = m.MeanMetricWrapper(obj, name=name)
    obj.name = name
    return obj


def get_loss(identifier, y_true, y_pred):
    """A Loss object for one compile identifier ('crossentropy'/'ce' picked from the shapes)."""
    L = _losses()
    if identifier is None:
        return None
    if str(identifier).lower() in ("crossentropy", "ce"):
        is_binary, is_sparse = is_binary_or_sparse_categorical(y_true, y_pred)
        obj = L.binary_crossentropy if is_binary else L.sparse_categorical_crossentropy if is_sparse \
            else L.categorical_crossentropy
    else:
        obj = L.get(identifier)
    if not isinstance(obj, L.Loss):
        name = identifier if isinstance(identifier, str) else _object_name(obj)
        obj = L.LossFunctionWrapper(obj, name=name)
    return obj


def _per_output(spec, y_pred, output_names, what):
    """`spec` (one value, a list, or a dict keyed by output name) as a list with one entry per output."""
    outputs = _flat(y_pred)
    if isinstance(y_pred, dict):
        names = sorted(y_pred)
    else:
        names = list(output_names) if output_names and len(output_names) == len(outputs) else None
    if isinstance(spec, dict):
        if names is None:
            raise ValueError(f"Argument `{what}` can only be provided as a dict when the model has named "
                             f"outputs. Received: {what}={spec}")
        unknown = [k for k in spec if k not in names]
        if unknown:
            raise ValueError(f"In the dict argument `{what}`, key '{unknown[0]}' does not correspond to any model "
                             f"output. Received:\n{what}={spec}")
        return [spec.get(n) for n in names], names
    if isinstance(spec, (list, tuple)) and len(outputs) > 1:
        if len(spec) != len(outputs):
            raise ValueError(f"For a model with multiple outputs, when providing the `{what}` argument as a list, "
                             f"it should have as many entries as the model has outputs. Received:\n{what}={spec}"
                             f"\nof length {len(spec)} whereas the model has {len(outputs)} outputs.")
        return list(spec), names
    return [spec] * len(outputs), names


class CompileLoss:
    """The compiled loss: the weighted sum of per-output losses; one Mean tracker per output when there are
    several outputs ('{output}_loss')."""

    def __init__(self, loss, loss_weights=None, output_names=None):
        self._user_loss, self._user_weights, self.output_names = loss, loss_weights, output_names
        self.built = False
        self.metrics = []

    def build(self, y_true, y_pred):
        specs, names = _per_output(self._user_loss, y_pred, self.output_names, "loss")
        flat_true, flat_pred = _flat(y_true), _flat(y_pred)
        if len(flat_true) != len(flat_pred) and len(flat_pred) > 1:
            raise ValueError(f"The model has {len(flat_pred)} outputs, but the targets have {len(flat_true)}.")
        self._losses = [get_loss(spec, t, p) for spec, t, p in zip(specs, flat_true, flat_pred)]
        weights = self._user_weights
        if weights is None:
            self._weights = [1.0] * len(self._losses)
        elif isinstance(weights, dict):
            self._weights = [weights.get(n, 1.0) for n in names]
        elif isinstance(weights, (list, tuple)):
            self._weights = list(weights)
        else:
            self._weights = [weights] * len(self._losses)
        if len(flat_pred) > 1:
            M = _metrics()
            labels = names or [f"output_{i}" for i in range(len(flat_pred))]
            self.metrics = [M.Mean(name=f"{n}_loss") for n, l in zip(labels, self._losses) if l is not None]
        self.built = True

    def __call__(self, y_true, y_pred, sample_weight=None):
        if not self.built:
            self.build(y_true, y_pred)
        flat_true, flat_pred = _flat(y_true), _flat(y_pred)
        weights = _flat(sample_weight) if isinstance(sample_weight, (list, tuple, dict)) else \
            [sample_weight] * len(flat_pred)
        total, trackers = [], iter(self.metrics)
        for loss, w, t, p, sw in zip(self._losses, self._weights, flat_true, flat_pred, weights):
            if loss is None:
                continue
            value = tf.cast(loss(t, p, sw), "float32")
            if self.metrics:
                next(trackers).update_state(value, sample_weight=_batch_size(p))
            total.append(value * w if w != 1.0 else value)
        if not total:
            return None
        return total[0] if len(total) == 1 else tf.add_n(total)


def _batch_size(x):
    return x.shape[0] if x.shape.rank else 1


class CompileMetrics:
    """The compiled metrics as one Metric named 'compile_metrics' (Keras 3's model.metrics entry)."""

    def __init__(self, metrics, weighted_metrics=None, output_names=None):
        self._user_metrics, self._user_weighted = metrics, weighted_metrics
        self.output_names = output_names
        self.name = "compile_metrics"
        self.built = False
        self._flat, self._flat_weighted = [], []

    def build(self, y_true, y_pred):
        flat_true, flat_pred = _flat(y_true), _flat(y_pred)
        multi = len(flat_pred) > 1
        self._prefixes = [""] * len(flat_pred)
        self._flat = self._resolve(self._user_metrics, y_true, y_pred, flat_true, flat_pred, multi)
        self._flat_weighted = self._resolve(self._user_weighted, y_true, y_pred, flat_true, flat_pred, multi)
        self.built = True

    def _resolve(self, spec, y_true, y_pred, flat_true, flat_pred, multi):
        if spec is None:
            return [[] for _ in flat_pred]
        if not multi:
            items = spec if isinstance(spec, (list, tuple)) else [spec]
            if isinstance(spec, dict):
                items = [m for v in spec.values() for m in (v if isinstance(v, (list, tuple)) else [v])]
            return [[get_metric(m, flat_true[0], flat_pred[0]) for m in items]]
        if isinstance(spec, (list, tuple)) and not any(isinstance(m, (list, tuple, dict)) for m in spec) \
                and not isinstance(spec, dict):
            per_output = [list(spec)] * len(flat_pred)  # Keras 2: the same metrics on each output
        else:
            per_output, names = _per_output(spec, y_pred, self.output_names, "metrics")
            self._prefixes = [f"{n}_" for n in names] if names else self._prefixes
        out = []
        for items, t, p in zip(per_output, flat_true, flat_pred):
            items = [] if items is None else items if isinstance(items, (list, tuple)) else [items]
            out.append([get_metric(m, t, p) for m in items])
        if self._prefixes == [""] * len(flat_pred) and self.output_names and len(self.output_names) == len(out):
            self._prefixes = [f"{n}_" for n in self.output_names]
        return out

    @property
    def metrics(self):
        return [m for group in self._flat + self._flat_weighted for m in group]

    @property
    def variables(self):
        return [v for m in self.metrics for v in m.variables]

    def update_state(self, y_true, y_pred, sample_weight=None):
        if not self.built:
            self.build(y_true, y_pred)
        flat_true, flat_pred = _flat(y_true), _flat(y_pred)
        weights = _flat(sample_weight) if isinstance(sample_weight, (list, tuple, dict)) else \
            [sample_weight] * len(flat_pred)
        for group, t, p in zip(self._flat, flat_true, flat_pred):
            for m in group:
                m.update_state(t, p)
        for group, t, p, sw in zip(self._flat_weighted, flat_true, flat_pred, weights):
            for m in group:
                m.update_state(t, p, sample_weight=sw)

    def reset_state(self):
        for m in self.metrics:
            m.reset_state()

    def result(self):
        if not self.built:
            raise ValueError("Cannot get result() since the metric has not yet been built.")
        results, counts = {}, {}
        for groups, suffix in ((self._flat, ""), (self._flat_weighted, "weighted_")):
            for prefix, group in zip(self._prefixes, groups):
                for m in group:
                    name = f"{prefix}{suffix}{m.name}" if suffix and m.name in counts else f"{prefix}{m.name}"
                    if name in counts:
                        counts[name] += 1
                        name = f"{name}_{counts[name] - 1}"
                    else:
                        counts[name] = 1
                    results[name] = m.result()
        return results

    def __repr__(self):
        return f"<CompileMetrics name={self.name}>"


def total_loss(losses):
    """The sum of the additional losses (regularizers, add_loss), each summed to a float32 scalar."""
    values = [tf.reduce_sum(tf.cast(l, "float32")) for l in losses]
    return values[0] if len(values) == 1 else tf.add_n(values)


def call_accepts(fn, name):
    try:
        return name in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
