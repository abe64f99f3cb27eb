"""BatchNormalization (batch statistics when training, moving averages otherwise) and LayerNormalization."""
from ...framework import dtypes as _dt
from ... import nn
from ...ops import array_ops as a
from ...ops import math_ops as m
from .. import constraints, initializers, regularizers
from .base import InputSpec, Layer

_ser_init, _ser_reg, _ser_con = initializers.serialize, regularizers.serialize, constraints.serialize


def _axes(axis, rank):
    axes = [axis] if isinstance(axis, int) else list(axis)
    return sorted(ax % rank for ax in axes)


class _Norm(Layer):
    def __init__(self, axis, epsilon, center, scale, beta_initializer, gamma_initializer, beta_regularizer,
                 gamma_regularizer, beta_constraint, gamma_constraint, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis if isinstance(axis, int) else list(axis)
        self.epsilon, self.center, self.scale = epsilon, center, scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True
        self.gamma = self.beta = None

    def _param_shape(self, input_shape):
        rank = len(input_shape)
        axes = _axes(self.axis, rank)
        for ax in axes:
            if input_shape[ax] is None:
                raise ValueError(f"Axis {ax} of input tensor should have a defined dimension but the layer "
                                 f"received an input with shape {tuple(input_shape)}.")
        return axes, tuple(input_shape[ax] for ax in axes)

    def _add_scale_center(self, shape):
        if self.scale:
            self.gamma = self.add_weight(name="gamma", shape=shape, initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer, constraint=self.gamma_constraint)
        if self.center:
            self.beta = self.add_weight(name="beta", shape=shape, initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer, constraint=self.beta_constraint)

    def _broadcast(self, v, rank, axes):
        if v is None or (len(axes) == 1 and axes[0] == rank - 1):
            return v
        shape = [1] * rank
        for ax, d in zip(axes, v.shape):
            shape[ax] = d
        return a.reshape(v, shape)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def _config(self):
        return {"axis": self.axis, "epsilon": self.epsilon, "center": self.center, "scale": self.scale,
                "beta_initializer": _ser_init(self.beta_initializer),
                "gamma_initializer": _ser_init(self.gamma_initializer),
                "beta_regularizer": _ser_reg(self.beta_regularizer),
                "gamma_regularizer": _ser_reg(self.gamma_regularizer),
                "beta_constraint": _ser_con(self.beta_constraint), "gamma_constraint": _ser_con(self.gamma_constraint)}


class BatchNormalization(_Norm):
    """Normalizes with the batch's mean/variance when training (updating the moving averages), else with them."""

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True, beta_initializer="zeros",
                 gamma_initializer="ones", moving_mean_initializer="zeros", moving_variance_initializer="ones",
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None, gamma_constraint=None,
                 renorm=False, renorm_clipping=None, renorm_momentum=0.99, synchronized=False, **kwargs):
        if renorm:
            raise NotImplementedError("BatchNormalization(renorm=True) is not implemented yet in tfcompat")
        super().__init__(axis, epsilon, center, scale, beta_initializer, gamma_initializer, beta_regularizer,
                         gamma_regularizer, beta_constraint, gamma_constraint, **kwargs)
        self.momentum, self.synchronized = float(momentum), synchronized
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)

    def build(self, input_shape):
        axes, shape = self._param_shape(input_shape)
        self._add_scale_center(shape)
        self.moving_mean = self.add_weight(name="moving_mean", shape=shape, initializer=self.moving_mean_initializer,
                                           trainable=False)
        self.moving_variance = self.add_weight(name="moving_variance", shape=shape,
                                               initializer=self.moving_variance_initializer, trainable=False)
        self.input_spec = InputSpec(ndim=len(input_shape), axes={ax: input_shape[ax] for ax in axes})
        self.built = True

    def call(self, inputs, training=None, mask=None):
        rank = inputs.shape.rank
        axes = _axes(self.axis, rank)
        x = a.cast(inputs, _dt.float32) if inputs.dtype in (_dt.float16, _dt.bfloat16) else inputs
        if training and self.trainable:
            reduce = [i for i in range(rank) if i not in axes]
            mean, variance = nn.moments(x, reduce)
            momentum = self.momentum
            self.moving_mean.assign(self.moving_mean * momentum + mean * (1.0 - momentum))
            self.moving_variance.assign(self.moving_variance * momentum + variance * (1.0 - momentum))
        else:
            mean, variance = self.moving_mean, self.moving_variance
        inv = m.rsqrt(self._broadcast(variance, rank, axes) + self.epsilon)
        if self.gamma is not None:
            inv = inv * self._broadcast(self.gamma, rank, axes)
        out = (x - self._broadcast(mean, rank, axes)) * inv
        if self.beta is not None:
            out = out + self._broadcast(self.beta, rank, axes)
        return a.cast(out, inputs.dtype) if out.dtype is not inputs.dtype else out

    def get_config(self):
        config = {**super().get_config(), **self._config(), "momentum": self.momentum,
                  "moving_mean_initializer": _ser_init(self.moving_mean_initializer),
                  "moving_variance_initializer": _ser_init(self.moving_variance_initializer),
                  "synchronized": self.synchronized, "renorm": False, "renorm_clipping": None,
                  "renorm_momentum": 0.99}
        return config


class LayerNormalization(_Norm):
    """Normalizes each sample over `axis` (the last by default), then scales by gamma and shifts by beta."""

    def __init__(self, axis=-1, epsilon=1e-3, center=True, scale=True, rms_scaling=False,
                 beta_initializer="zeros", gamma_initializer="ones", beta_regularizer=None, gamma_regularizer=None,
                 beta_constraint=None, gamma_constraint=None, **kwargs):
        super().__init__(axis, epsilon, center, scale, beta_initializer, gamma_initializer, beta_regularizer,
                         gamma_regularizer, beta_constraint, gamma_constraint, **kwargs)
        self.rms_scaling = rms_scaling

    def build(self, input_shape):
        _, shape = self._param_shape(input_shape)
        center = self.center
        self.center = center and not self.rms_scaling  # Keras 3: RMS scaling has no beta
        self._add_scale_center(shape)
        self.center = center
        self.built = True

    def call(self, inputs):
        rank = inputs.shape.rank
        axes = _axes(self.axis, rank)
        x = a.cast(inputs, _dt.float32) if inputs.dtype in (_dt.float16, _dt.bfloat16) else inputs
        gamma = self._broadcast(self.gamma, rank, axes)
        if self.rms_scaling:
            # Keras 3's (deprecated) rms_scaling divides by the standard deviation, not the root mean square
            out = x * m.rsqrt(nn.moments(x, axes, keepdims=True)[1] + self.epsilon)
            out = out * gamma if gamma is not None else out
        else:
            mean, variance = nn.moments(x, axes, keepdims=True)
            inv = m.rsqrt(variance + self.epsilon)
            if gamma is not None:
                inv = inv * gamma
            out = (x - mean) * inv
            if self.beta is not None:
                out = out + self._broadcast(self.beta, rank, axes)
        return a.cast(out, inputs.dtype) if out.dtype is not inputs.dtype else out

    def get_config(self):
        return {**super().get_config(), **self._config(), "rms_scaling": self.rms_scaling}
