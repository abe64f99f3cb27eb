"""Recurrent layers: SimpleRNN/LSTM/GRU cells and layers, `RNN` over any cell (or a list of cells), and
Bidirectional, with Keras 3's weights (names, shapes, gate order) and arithmetic. The time loop is unrolled in
Python over the static time axis (eagerly, and while tf.function traces), with the input projection of the
built-in cells done for all steps in one matmul."""
from ... import nn
from ...framework.convert import convert_to_tensor
from ...ops import array_ops as a
from ...ops import math_ops as m
from .. import activations, constraints, initializers, regularizers
from .base import InputSpec, Layer, _flat

_ser_init, _ser_reg, _ser_con = initializers.serialize, regularizers.serialize, constraints.serialize
_WEIGHT_ARGS = ("kernel", "recurrent", "bias")


class _DropoutCell(Layer):
    """What the built-in cells share: units, activations, weight options, one dropout mask per sequence."""

    def _setup(self, units, activation, use_bias, initializers_, regularizers_, constraints_, dropout,
               recurrent_dropout, seed, recurrent_activation=None):
        if units <= 0:
            raise ValueError("Received an invalid value for argument `units`, expected a positive integer, "
                             f"got {units}.")
        self.units = units
        self.activation = activations.get(activation)
        if recurrent_activation is not None:
            self.recurrent_activation = activations.get(recurrent_activation)
        self.use_bias = use_bias
        for kind, init, reg, con in zip(_WEIGHT_ARGS, initializers_, regularizers_, constraints_):
            prefix = "recurrent" if kind == "recurrent" else kind
            setattr(self, f"{prefix}_initializer", initializers.get(init))
            setattr(self, f"{prefix}_regularizer", regularizers.get(reg))
            setattr(self, f"{prefix}_constraint", constraints.get(con))
        self.dropout = min(1.0, max(0.0, dropout))
        self.recurrent_dropout = min(1.0, max(0.0, recurrent_dropout))
        self.seed = seed
        self.output_size = units
        self._masks = (None, None)

    def _weight(self, name, shape, kind, initializer=None):
        return self.add_weight(name=name, shape=shape,
                               initializer=initializer or getattr(self, f"{kind}_initializer"),
                               regularizer=getattr(self, f"{kind}_regularizer"),
                               constraint=getattr(self, f"{kind}_constraint"))

    def _build_weights(self, input_dim, gates, bias_shape, bias_initializer=None):
        self.kernel = self._weight("kernel", (input_dim, self.units * gates), "kernel")
        self.recurrent_kernel = self._weight("recurrent_kernel", (self.units, self.units * gates), "recurrent")
        self.bias = self._weight("bias", bias_shape, "bias", bias_initializer) if self.use_bias else None

    def _make_masks(self, step_input, state, training):
        """Draws this sequence's dropout masks (kept for every step, as Keras's DropoutRNNCell)."""
        def mask(like, rate):
            return nn.dropout(a.ones_like(like), rate=rate, seed=self.seed) if training and 0 < rate < 1 else None
        self._masks = (mask(step_input, self.dropout), mask(state, self.recurrent_dropout))

    def _input_bias(self):
        return self.bias

    def project(self, inputs):
        """The input part of every gate (inputs @ kernel + bias), for one step or a whole (batch, time) block."""
        if self._masks[0] is not None:
            inputs = inputs * (self._masks[0] if inputs.shape.rank == 2 else a.expand_dims(self._masks[0], 1))
        if inputs.shape.rank == 2:
            z = m.matmul(inputs, self.kernel)
        else:
            shape = a.shape(inputs) if None in tuple(inputs.shape) else inputs.shape.as_list()
            flat = m.matmul(a.reshape(inputs, [-1, inputs.shape[-1]]), self.kernel)
            z = a.reshape(flat, [shape[0], shape[1], self.kernel.shape[-1]])
        bias = self._input_bias()
        return z if bias is None else z + bias

    def _recurrent_input(self, h):
        return h if self._masks[1] is None else h * self._masks[1]

    def call(self, inputs, states, training=False):
        nested = isinstance(states, (list, tuple))
        output, new_states = self.step(self.project(inputs), list(states) if nested else [states])
        return output, (new_states if nested else new_states[0])

    def get_initial_state(self, batch_size=None):
        sizes = self.state_size if isinstance(self.state_size, (list, tuple)) else [self.state_size]
        return [a.zeros((batch_size, d), self._dtype) for d in sizes]

    def _cell_config(self):
        return {"units": self.units, "activation": activations.serialize(self.activation),
                **({"recurrent_activation": activations.serialize(self.recurrent_activation)}
                   if hasattr(self, "recurrent_activation") else {}),
                "use_bias": self.use_bias}

    def _weights_config(self):
        out = {}
        for part, kinds in (("initializer", _ser_init), ("regularizer", _ser_reg), ("constraint", _ser_con)):
            for kind in _WEIGHT_ARGS:
                out[f"{kind}_{part}"] = kinds(getattr(self, f"{kind}_{part}"))
        return out


def _ordered(config, keys):
    return {k: config[k] for k in keys if k in config}


_CONFIG_ORDER = ("units", "activation", "recurrent_activation", "use_bias", "unit_forget_bias", "kernel_initializer",
                 "recurrent_initializer", "bias_initializer", "kernel_regularizer", "recurrent_regularizer",
                 "bias_regularizer", "activity_regularizer", "kernel_constraint", "recurrent_constraint",
                 "bias_constraint", "dropout", "recurrent_dropout", "reset_after", "seed")


class SimpleRNNCell(_DropoutCell):
    """h = activation(x @ kernel + bias + h_prev @ recurrent_kernel)."""

    def __init__(self, units, activation="tanh", use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros", kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, seed=None,
                 **kwargs):
        super().__init__(**kwargs)
        self._setup(units, activation, use_bias, (kernel_initializer, recurrent_initializer, bias_initializer),
                    (kernel_regularizer, recurrent_regularizer, bias_regularizer),
                    (kernel_constraint, recurrent_constraint, bias_constraint), dropout, recurrent_dropout, seed)
        self.state_size = units

    def build(self, input_shape):
        self._build_weights(input_shape[-1], 1, (self.units,))
        self.built = True

    def step(self, x, states):
        h = self.activation(x + m.matmul(self._recurrent_input(states[0]), self.recurrent_kernel))
        return h, [h]

    def get_config(self):
        config = {**self._cell_config(), **self._weights_config(), "dropout": self.dropout,
                  "recurrent_dropout": self.recurrent_dropout, "seed": self.seed}
        return {**super().get_config(), **_ordered(config, _CONFIG_ORDER)}


class LSTMCell(_DropoutCell):
    """Keras's LSTM step, gates in the order i, f, c, o; `unit_forget_bias` starts the forget bias at 1."""

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None,
                 kernel_constraint=None, recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, seed=None, **kwargs):
        self.implementation = kwargs.pop("implementation", 2)
        super().__init__(**kwargs)
        self._setup(units, activation, use_bias, (kernel_initializer, recurrent_initializer, bias_initializer),
                    (kernel_regularizer, recurrent_regularizer, bias_regularizer),
                    (kernel_constraint, recurrent_constraint, bias_constraint), dropout, recurrent_dropout, seed,
                    recurrent_activation=recurrent_activation)
        self.unit_forget_bias = unit_forget_bias
        self.state_size = [units, units]

    def build(self, input_shape):
        init = None
        if self.unit_forget_bias:
            base = self.bias_initializer

            def init(shape, dtype=None):
                return a.concat([base((self.units,), dtype=dtype), a.ones((self.units,), dtype),
                                 base((self.units * 2,), dtype=dtype)], 0)
        self._build_weights(input_shape[-1], 4, (self.units * 4,), init)
        self.built = True

    def step(self, x, states):
        h_tm1, c_tm1 = states
        z = x + m.matmul(self._recurrent_input(h_tm1), self.recurrent_kernel)
        z0, z1, z2, z3 = a.split(z, 4, axis=1)
        i = self.recurrent_activation(z0)
        f = self.recurrent_activation(z1)
        c = f * c_tm1 + i * self.activation(z2)
        o = self.recurrent_activation(z3)
        h = o * self.activation(c)
        return h, [h, c]

    def get_config(self):
        config = {**self._cell_config(), "unit_forget_bias": self.unit_forget_bias, **self._weights_config(),
                  "dropout": self.dropout, "recurrent_dropout": self.recurrent_dropout, "seed": self.seed}
        return {**super().get_config(), **_ordered(config, _CONFIG_ORDER)}


class GRUCell(_DropoutCell):
    """Keras's GRU step, gates z, r, h; `reset_after=True` (Keras 3's default) keeps a (2, 3*units) bias."""

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal", bias_initializer="zeros",
                 kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, seed=None,
                 reset_after=True, **kwargs):
        self.implementation = kwargs.pop("implementation", 2)
        super().__init__(**kwargs)
        self._setup(units, activation, use_bias, (kernel_initializer, recurrent_initializer, bias_initializer),
                    (kernel_regularizer, recurrent_regularizer, bias_regularizer),
                    (kernel_constraint, recurrent_constraint, bias_constraint), dropout, recurrent_dropout, seed,
                    recurrent_activation=recurrent_activation)
        self.reset_after = reset_after
        self.state_size = units

    def build(self, input_shape):
        self._build_weights(input_shape[-1], 3, (2, 3 * self.units) if self.reset_after else (3 * self.units,))
        self.built = True

    def _input_bias(self):
        return None if self.bias is None else (self.bias[0] if self.reset_after else self.bias)

    def step(self, x, states):
        h_tm1 = states[0]
        h_in = self._recurrent_input(h_tm1)
        u = self.units
        x_z, x_r, x_h = a.split(x, 3, axis=-1)
        if self.reset_after:
            inner = m.matmul(h_in, self.recurrent_kernel)
            if self.bias is not None:
                inner = inner + self.bias[1]
            rec_z, rec_r, rec_h = a.split(inner, 3, axis=-1)
        else:
            rec_z, rec_r = a.split(m.matmul(h_in, self.recurrent_kernel[:, :2 * u]), 2, axis=-1)
        z = self.recurrent_activation(x_z + rec_z)
        r = self.recurrent_activation(x_r + rec_r)
        rec_h = r * rec_h if self.reset_after else m.matmul(r * h_in, self.recurrent_kernel[:, 2 * u:])
        hh = self.activation(x_h + rec_h)
        h = z * h_tm1 + (1 - z) * hh
        return h, [h]

    def get_config(self):
        config = {**self._cell_config(), **self._weights_config(), "dropout": self.dropout,
                  "recurrent_dropout": self.recurrent_dropout, "reset_after": self.reset_after, "seed": self.seed}
        return {**super().get_config(), **_ordered(config, _CONFIG_ORDER)}


class StackedRNNCells(Layer):
    """Several cells run one after the other at each step (the state is the list of their states)."""

    def __init__(self, cells, **kwargs):
        super().__init__(**kwargs)
        self.cells = list(cells)

    @property
    def state_size(self):
        return [c.state_size for c in self.cells]

    @property
    def output_size(self):
        return getattr(self.cells[-1], "output_size", None) or _sizes(self.cells[-1].state_size)[0]

    def get_initial_state(self, batch_size=None):
        return [_initial_state(c, batch_size, self._dtype) for c in self.cells]

    def build(self, input_shape):
        for cell in self.cells:
            if not cell.built:
                cell._build_with_shape(tuple(input_shape))
            input_shape = (input_shape[0], getattr(cell, "output_size", None) or _sizes(cell.state_size)[0])
        self.built = True

    def call(self, inputs, states, training=False):
        new_states = []
        for cell, state in zip(self.cells, states):
            nested = isinstance(cell.state_size, (list, tuple))
            inputs, state = _call_cell(cell, inputs, list(state) if nested else state[0] if isinstance(
                state, (list, tuple)) else state, training)
            new_states.append(list(state) if isinstance(state, (list, tuple)) else [state])
        return inputs, new_states


def _sizes(state_size):
    return list(state_size) if isinstance(state_size, (list, tuple)) else [state_size]


def _initial_state(cell, batch_size, dtype):
    fn = getattr(cell, "get_initial_state", None)
    if fn is not None:
        state = fn(batch_size=batch_size)
        return list(state) if isinstance(state, (list, tuple)) else [state]
    return [a.zeros((batch_size, d), dtype) for d in _sizes(cell.state_size)]


def _call_cell(cell, inputs, states, training):
    if isinstance(cell, _DropoutCell):
        return cell.call(inputs, states)
    if isinstance(cell, Layer) and cell._call_has_training:
        return cell(inputs, states, training=training)
    return cell(inputs, states)


class RNN(Layer):
    """Runs `cell` over the time axis of (batch, time, features) inputs: the last output or all of them
    (`return_sequences`), plus the final states (`return_state`), optionally backwards; `mask` keeps a
    step's previous output and states where it is False."""

    def __init__(self, cell, return_sequences=False, return_state=False, go_backwards=False, stateful=False,
                 unroll=False, zero_output_for_mask=False, **kwargs):
        if isinstance(cell, (list, tuple)):
            cell = StackedRNNCells(cell)
        if "call" not in dir(cell):
            raise ValueError(f"Argument `cell` should have a `call` method. Received: cell={cell}")
        if "state_size" not in dir(cell):
            raise ValueError("The RNN cell should have a `state_size` attribute (single integer or list of "
                             f"integers, one integer per RNN state). Received: cell={cell}")
        super().__init__(**kwargs)
        if stateful:
            raise NotImplementedError("stateful RNN layers are not implemented yet in tfcompat")
        self.zero_output_for_mask = zero_output_for_mask
        self.cell = cell
        self.return_sequences, self.return_state = return_sequences, return_state
        self.go_backwards, self.stateful, self.unroll = go_backwards, stateful, unroll
        self.supports_masking = True
        self.states = None
        state_size = cell.state_size
        if not isinstance(state_size, (list, tuple, int)):
            raise ValueError("state_size must be an integer, or a list/tuple of integers (one for each state "
                             "tensor).")
        self.single_state = isinstance(state_size, int)
        self.state_size = [state_size] if self.single_state else list(state_size)

    def build(self, sequences_shape, initial_state_shape=None):
        if isinstance(self.cell, Layer) and not self.cell.built:
            self.cell._build_with_shape((sequences_shape[0],) + tuple(sequences_shape[2:]))
        self.built = True

    def get_initial_state(self, batch_size):
        return _initial_state(self.cell, batch_size, self._dtype)

    def compute_mask(self, _, mask):
        """The time-step mask goes on with the sequences (`return_sequences`); states carry none."""
        mask = _flat(mask)[0]
        output_mask = mask if self.return_sequences else None
        if self.return_state:
            return [output_mask] + [None for _ in self.state_size]
        return output_mask

    def compute_output_shape(self, sequences_shape, initial_state_shape=None):
        batch = sequences_shape[0]
        output_size = getattr(self.cell, "output_size", None) or self.state_size[0]
        out = (batch, sequences_shape[1], output_size) if self.return_sequences else (batch, output_size)
        if not self.return_state:
            return out
        states = [[(batch, s) for s in size] if isinstance(size, (list, tuple)) else (batch, size)
                  for size in self.state_size]
        return (out, *states)

    def call(self, sequences, initial_state=None, mask=None, training=False):
        steps = sequences.shape[1]
        if steps is None:
            raise NotImplementedError("RNN layers over an unknown number of time steps are not implemented yet "
                                      "in tfcompat (give the time dimension a static size)")
        batch = sequences.shape[0]
        if batch is None:
            batch = a.shape(sequences)[0]
        if initial_state is None:
            states = self.get_initial_state(batch)
        else:
            states = [convert_to_tensor(s, self._dtype) for s in _flat(initial_state)]
            if not self.single_state and isinstance(self.cell, StackedRNNCells):
                states = _regroup(states, self.cell.state_size)
        cell = self.cell
        fused = isinstance(cell, _DropoutCell)
        if fused:
            cell._make_masks(sequences[:, 0, :], _flat(states)[0], training)
            inputs = a.unstack(cell.project(sequences), axis=1)
        else:
            inputs = a.unstack(sequences, axis=1)
        masks = None if mask is None else a.unstack(a.cast(mask, "bool"), axis=1)
        order = range(steps - 1, -1, -1) if self.go_backwards else range(steps)
        outputs, output = [], None
        try:
            for t in order:
                if fused:
                    new_output, new_states = cell.step(inputs[t], states)
                else:
                    state_arg = states[0] if self.single_state and not isinstance(cell, StackedRNNCells) \
                        else states
                    new_output, new_states = _call_cell(cell, inputs[t], state_arg, training)
                    new_states = list(new_states) if isinstance(new_states, (list, tuple)) else [new_states]
                if masks is not None:
                    keep = a.expand_dims(masks[t], -1)
                    previous = output if output is not None and not self.zero_output_for_mask \
                        else a.zeros_like(new_output)
                    new_output = a.where(keep, new_output, previous)
                    new_states = _where_nested(keep, new_states, states)
                output, states = new_output, new_states
                if self.return_sequences:
                    outputs.append(output)
        finally:
            if fused:
                cell._masks = (None, None)
        result = a.stack(outputs, axis=1) if self.return_sequences else output
        if self.return_state:
            return (result, *states)
        return result

    def get_config(self):
        from . import serialize
        config = {"return_sequences": self.return_sequences, "return_state": self.return_state,
                  "go_backwards": self.go_backwards, "stateful": self.stateful, "unroll": self.unroll,
                  "zero_output_for_mask": self.zero_output_for_mask, "cell": serialize(self.cell)}
        return {**super().get_config(), **config}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from . import deserialize
        config = dict(config)
        cell = deserialize(config.pop("cell"), custom_objects=custom_objects)
        if isinstance(config.get("dtype"), dict):
            config["dtype"] = config["dtype"].get("config", {}).get("name")
        return cls(cell, **config)


def _regroup(flat, sizes):
    out, i = [], 0
    for size in sizes:
        n = len(_sizes(size))
        out.append(flat[i:i + n])
        i += n
    return out


def _where_nested(keep, new, old):
    if isinstance(new, (list, tuple)):
        return [_where_nested(keep, n, o) for n, o in zip(new, old)]
    return a.where(keep, new, old)


def _rnn_layer(name, cell_cls, cell_name, cell_args, doc, order=_CONFIG_ORDER):
    """A Keras 3 recurrent layer class: the cell's arguments plus RNN's, with the cell's properties and config."""

    class _Layer(RNN):
        def __init__(self, units, **kwargs):
            cell_kwargs = {k: kwargs.pop(k) for k in cell_args if k in kwargs}
            if "implementation" in kwargs:
                cell_kwargs["implementation"] = kwargs.pop("implementation")
            activity_regularizer = kwargs.pop("activity_regularizer", None)
            kwargs.pop("use_cudnn", None)
            cell = cell_cls(units, dtype=kwargs.get("dtype"), trainable=kwargs.get("trainable", True),
                            name=cell_name, **cell_kwargs)
            super().__init__(cell, activity_regularizer=activity_regularizer, **kwargs)
            self.input_spec = InputSpec(ndim=3)

        def call(self, sequences, initial_state=None, mask=None, training=False):
            return super().call(sequences, initial_state=initial_state, mask=mask, training=training)

        def __getattr__(self, attr):
            cell = self.__dict__.get("cell")
            if cell is not None and (attr in cell_args or attr == "units"):
                return getattr(cell, attr)
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{attr}'")

        def get_config(self):
            config = {k: v for k, v in self.cell.get_config().items() if k in order}
            config["activity_regularizer"] = _ser_reg(self.activity_regularizer)
            base = super().get_config()
            del base["cell"]
            return {**base, **_ordered(config, order)}

        @classmethod
        def from_config(cls, config, custom_objects=None):
            config = dict(config)
            if isinstance(config.get("dtype"), dict):
                config["dtype"] = config["dtype"].get("config", {}).get("name")
            return cls(**config)

    _Layer.__name__ = _Layer.__qualname__ = name
    _Layer.__doc__ = doc
    _Layer.__module__ = __name__
    return _Layer


_COMMON = ("activation", "use_bias", "kernel_initializer", "recurrent_initializer", "bias_initializer",
           "kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "kernel_constraint",
           "recurrent_constraint", "bias_constraint", "dropout", "recurrent_dropout", "seed")
SimpleRNN = _rnn_layer("SimpleRNN", SimpleRNNCell, "simple_rnn_cell", _COMMON,
                       "Fully-connected RNN whose output is fed back as input.",
                       tuple(k for k in _CONFIG_ORDER if k != "seed"))
_LSTM_ORDER = tuple(k for k in _CONFIG_ORDER if k != "unit_forget_bias")
LSTM = _rnn_layer("LSTM", LSTMCell, "lstm_cell", _COMMON + ("recurrent_activation", "unit_forget_bias"),
                  "Long Short-Term Memory layer (Hochreiter 1997).",
                  _LSTM_ORDER[:_LSTM_ORDER.index("bias_initializer") + 1] + ("unit_forget_bias",)
                  + _LSTM_ORDER[_LSTM_ORDER.index("bias_initializer") + 1:])
GRU = _rnn_layer("GRU", GRUCell, "gru_cell", _COMMON + ("recurrent_activation", "reset_after"),
                 "Gated Recurrent Unit (Cho et al. 2014), reset_after=True by default.")


class Bidirectional(Layer):
    """Runs a copy of a recurrent layer forwards and one backwards and merges their outputs (`merge_mode`
    'concat', 'sum', 'mul', 'ave' or None for a list of both)."""

    def __init__(self, layer, merge_mode="concat", weights=None, backward_layer=None, **kwargs):
        from . import deserialize, serialize
        if not isinstance(layer, Layer):
            raise ValueError("Please initialize `Bidirectional` layer with a `keras.layers.Layer` instance. "
                             f"Received: {layer}")
        if backward_layer is not None and not isinstance(backward_layer, Layer):
            raise ValueError(f"`backward_layer` need to be a `keras.layers.Layer` instance. Received: {backward_layer}")
        if merge_mode not in ["sum", "mul", "ave", "concat", None]:
            raise ValueError(f"Invalid merge mode. Received: {merge_mode}. Merge mode should be one of "
                             '{"sum", "mul", "ave", "concat", None}')
        super().__init__(**kwargs)
        config = serialize(layer)
        config["config"]["name"] = "forward_" + _removeprefix(layer.name, "forward_")
        self.forward_layer = deserialize(config)
        if backward_layer is None:
            config = serialize(layer)
            config["config"]["go_backwards"] = True
            config["config"]["name"] = "backward_" + _removeprefix(layer.name, "backward_")
            self.backward_layer = deserialize(config)
        else:
            self.backward_layer = backward_layer
        fwd, bwd = self.forward_layer, self.backward_layer
        if fwd.go_backwards == bwd.go_backwards:
            raise ValueError("Forward layer and backward layer should have different `go_backwards` value. "
                             f"Received: forward_layer.go_backwards {fwd.go_backwards}, "
                             f"backward_layer.go_backwards={bwd.go_backwards}")
        for attr in ("stateful", "return_sequences", "return_state"):
            if getattr(fwd, attr) != getattr(bwd, attr):
                raise ValueError("Forward layer and backward layer are expected to have the same value for "
                                 f'attribute "{attr}", got "{getattr(fwd, attr)}" for forward layer and '
                                 f'"{getattr(bwd, attr)}" for backward layer')
        for sub in (fwd, bwd):
            if getattr(sub, "zero_output_for_mask", None) is not None:
                sub.zero_output_for_mask = sub.return_sequences
        self.merge_mode = merge_mode
        self._initial_weights = weights
        self.stateful, self.return_sequences = layer.stateful, layer.return_sequences
        self.return_state = layer.return_state
        self.supports_masking = True
        self.input_spec = layer.input_spec

    def build(self, sequences_shape, initial_state_shape=None):
        for sub in (self.forward_layer, self.backward_layer):
            if not sub.built:
                sub._build_with_shape(tuple(sequences_shape))
        self.built = True
        if self._initial_weights:
            half = len(self._initial_weights) // 2
            self.forward_layer.set_weights(self._initial_weights[:half])
            self.backward_layer.set_weights(self._initial_weights[half:])
            self._initial_weights = None

    def call(self, sequences, initial_state=None, mask=None, training=None):
        forward_state = backward_state = None
        if initial_state is not None:
            half = len(initial_state) // 2
            forward_state, backward_state = initial_state[:half], initial_state[half:]
        kwargs = {"mask": mask} if self.forward_layer._call_has_mask else {}
        y = self.forward_layer(sequences, initial_state=forward_state, training=training, **kwargs)
        y_rev = self.backward_layer(sequences, initial_state=backward_state, training=training, **kwargs)
        states = ()
        if self.return_state:
            states = tuple(y[1:]) + tuple(y_rev[1:])
            y, y_rev = y[0], y_rev[0]
        if self.return_sequences:
            y_rev = a.reverse(y_rev, [1])
        mode = self.merge_mode
        if mode == "concat":
            output = a.concat([y, y_rev], axis=-1)
        elif mode == "sum":
            output = y + y_rev
        elif mode == "ave":
            output = (y + y_rev) / 2
        elif mode == "mul":
            output = y * y_rev
        else:
            output = (y, y_rev)
        if self.return_state:
            return (output + states) if mode is None else (output,) + states
        return output

    def compute_output_shape(self, sequences_shape, initial_state_shape=None):
        output_shape = self.forward_layer.compute_output_shape(sequences_shape)
        if self.return_state:
            output_shape, state_shape = output_shape[0], output_shape[1:]
        if self.merge_mode == "concat":
            output_shape = tuple(output_shape[:-1]) + (output_shape[-1] * 2,)
        elif self.merge_mode is None:
            output_shape = [output_shape, output_shape]
        if self.return_state:
            if self.merge_mode is None:
                return tuple(output_shape) + state_shape + state_shape
            return (output_shape,) + state_shape + state_shape
        return tuple(output_shape) if self.merge_mode is not None else output_shape

    def compute_mask(self, _, mask):
        if isinstance(mask, list):
            mask = mask[0]
        if self.return_sequences:
            output_mask = mask if self.merge_mode else (mask, mask)
        else:
            output_mask = None if self.merge_mode else (None, None)
        return output_mask

    @property
    def states(self):
        return None

    def get_config(self):
        from . import serialize
        return {**super().get_config(), "merge_mode": self.merge_mode, "layer": serialize(self.forward_layer),
                "backward_layer": serialize(self.backward_layer)}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from . import deserialize
        config = dict(config)
        config["layer"] = deserialize(config["layer"], custom_objects=custom_objects)
        if config.get("backward_layer") is not None:
            config["backward_layer"] = deserialize(config["backward_layer"], custom_objects=custom_objects)
        if isinstance(config.get("dtype"), dict):
            config["dtype"] = config["dtype"].get("config", {}).get("name")
        return cls(**config)


def _removeprefix(text, prefix):
    return text[len(prefix):] if text.startswith(prefix) else text
