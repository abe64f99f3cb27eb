"""Adam and its relatives (AdamW, Adamax, Nadam), Keras 3's arithmetic.

Adam adds eps to the *uncorrected* sqrt(v) and folds the bias corrections into the step size:
`alpha = lr*sqrt(1-b2^t)/(1-b1^t); w -= alpha*m/(sqrt(v)+eps)`.
"""
import tfcompat as tf

from ...ops.training_ops import adam_update
from .base import Optimizer, cast, dense, square


class _Moments(Optimizer):
    """Shared constructor and config of the beta_1/beta_2/epsilon optimizers."""

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None, gradient_accumulation_steps=None, name=None,
                 **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        self.beta_1, self.beta_2, self.epsilon = beta_1, beta_2, epsilon

    def _step(self, dtype, offset=1):
        return tf.cast(self._iterations + offset, dtype)

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon}


class Adam(_Moments):
    """Adam (optionally AMSGrad)."""

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False, **kwargs):
        super().__init__(learning_rate, beta_1, beta_2, epsilon, **kwargs)
        self.amsgrad = amsgrad

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(var_list, ["momentum", "velocity"])
        if self.amsgrad:
            self._velocity_hats = self.add_optimizer_variables(var_list, "velocity_hat")

    def update_step(self, gradient, variable, learning_rate):
        self._update(gradient, variable, self._alpha(learning_rate, variable.dtype))

    def _backend_update_step(self, grads, variables, learning_rate):
        """The step size is shared by the variables of a dtype: computed once per step, not per variable."""
        if type(self).update_step is not Adam.update_step:
            return super()._backend_update_step(grads, variables, learning_rate)
        alphas = {}
        for g, v in zip(grads, variables):
            if v.dtype not in alphas:
                alphas[v.dtype] = self._alpha(learning_rate, v.dtype)
            self._update(g, v, alphas[v.dtype])

    def _alpha(self, learning_rate, dtype):
        """The step size and the constants of the fused update, in `dtype`."""
        t = self._step(dtype)
        b1_power = tf.pow(tf.cast(self.beta_1, dtype), t)
        b2_power = tf.pow(tf.cast(self.beta_2, dtype), t)
        alpha = tf.cast(learning_rate, dtype) * tf.sqrt(1 - b2_power) / (1 - b1_power)
        return alpha, *(tf.constant(c, dtype) for c in (1 - self.beta_1, 1 - self.beta_2, self.epsilon))

    def _update(self, gradient, variable, constants):
        gradient = cast(gradient, variable.dtype)
        i = self._get_variable_index(variable)
        m, v = self._momentums[i], self._velocities[i]
        if not (self.amsgrad or isinstance(gradient, tf.IndexedSlices)):
            return adam_update(variable, m, v, gradient, *constants)
        # the same arithmetic op by op (IndexedSlices square each slice before summing duplicates)
        m.assign_add((dense(gradient) - m) * (1 - self.beta_1))
        v.assign_add((square(gradient) - v) * (1 - self.beta_2))
        if self.amsgrad:
            v_hat = self._velocity_hats[i]
            v_hat.assign(tf.maximum(v_hat, v))
            v = v_hat
        variable.assign_sub(m * constants[0] / (tf.sqrt(v) + self.epsilon))

    def get_config(self):
        return {**super().get_config(), "amsgrad": self.amsgrad}


class AdamW(Adam):
    """Adam with decoupled weight decay (`w -= lr*wd*w` before each Adam step; default wd 0.004)."""

    def __init__(self, learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 amsgrad=False, **kwargs):
        super().__init__(learning_rate, beta_1, beta_2, epsilon, amsgrad, weight_decay=weight_decay, **kwargs)
        if self.weight_decay is None:
            raise ValueError("Argument `weight_decay` must be a float. Received: weight_decay=None")


class Adamax(_Moments):
    """Adamax: the infinity-norm variant, `u = max(b2*u, |g|)`."""

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._m, self._u = self.add_optimizer_variables(var_list, ["momentum", "norm"])

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        lr = tf.cast(learning_rate, dtype)
        gradient = tf.cast(dense(gradient), dtype)
        b1_power = tf.pow(tf.cast(self.beta_1, dtype), self._step(dtype))
        i = self._get_variable_index(variable)
        m, u = self._m[i], self._u[i]
        m.assign_add((gradient - m) * (1 - self.beta_1))
        u.assign(tf.maximum(self.beta_2 * u, tf.abs(gradient)))
        variable.assign_sub(lr * m / ((1 - b1_power) * (u + self.epsilon)))


class Nadam(_Moments):
    """Nadam: Adam with Nesterov momentum and the 0.96 momentum-decay schedule (a running `u_product`)."""

    def build(self, var_list):
        if self.built:
            return
        dtype = var_list[0].dtype if var_list else tf.float32
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(var_list, ["momentum", "velocity"])
        self._u_product = self._new_variable(tf.constant(1.0, dtype), "variable", dtype)

    def _backend_update_step(self, grads, variables, learning_rate):
        dtype = self._u_product.dtype
        self._u_product.assign(self._u_product * self.beta_1 * (1.0 - 0.5 * tf.pow(0.96, self._step(dtype))))
        super()._backend_update_step(grads, variables, learning_rate)

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        lr = tf.cast(learning_rate, dtype)
        gradient = cast(gradient, dtype)
        decay = tf.cast(0.96, dtype)
        beta_1, beta_2 = tf.cast(self.beta_1, dtype), tf.cast(self.beta_2, dtype)
        u_t = beta_1 * (1.0 - 0.5 * tf.pow(decay, self._step(dtype)))
        u_t_1 = beta_1 * (1.0 - 0.5 * tf.pow(decay, self._step(dtype, 2)))
        u_product_t = tf.cast(self._u_product, dtype)
        u_product_t_1 = u_product_t * u_t_1
        b2_power = tf.pow(beta_2, self._step(dtype))
        i = self._get_variable_index(variable)
        m, v = self._momentums[i], self._velocities[i]
        m.assign_add((dense(gradient) - m) * (1 - beta_1))
        v.assign_add((square(gradient) - v) * (1 - beta_2))
        gradient = dense(gradient)
        m_hat = u_t_1 * m / (1 - u_product_t_1) + (1 - u_t) * gradient / (1 - u_product_t)
        v_hat = v / (1 - b2_power)
        variable.assign_sub(m_hat * lr / (tf.sqrt(v_hat) + self.epsilon))
