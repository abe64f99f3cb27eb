"""Adagrad and Adadelta, Keras 3's arithmetic (eps inside the square roots)."""
import tfcompat as tf

from .base import Optimizer, cast, dense, square


class Adagrad(Optimizer):
    """`acc += g^2; w -= lr*g/sqrt(acc + eps)`, the accumulators starting at `initial_accumulator_value`."""

    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None, gradient_accumulation_steps=None, name=None,
                 **kwargs):
        super().__init__(learning_rate=learning_rate, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        self.initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._accumulators = self.add_optimizer_variables(var_list, "accumulator",
                                                          initializer=float(self.initial_accumulator_value))

    def update_step(self, gradient, variable, learning_rate):
        lr = tf.cast(learning_rate, variable.dtype)
        gradient = cast(gradient, variable.dtype)
        acc = self._accumulators[self._get_variable_index(variable)]
        acc.assign_add(square(gradient))
        variable.assign_sub(lr * dense(gradient) / tf.sqrt(acc + self.epsilon))

    def get_config(self):
        return {**super().get_config(), "initial_accumulator_value": self.initial_accumulator_value,
                "epsilon": self.epsilon}


class Adadelta(Optimizer):
    """Adadelta: step `-rms(delta_acc)*g/rms(grad_acc)` scaled by the learning rate."""

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-7, weight_decay=None, clipnorm=None,
                 clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None, gradient_accumulation_steps=None, name=None,
                 **kwargs):
        super().__init__(learning_rate=learning_rate, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        self.rho = rho
        self.epsilon = epsilon

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._accumulated_grads, self._accumulated_delta_vars = self.add_optimizer_variables(
            var_list, ["accumulated_grad", "accumulated_delta_var"])

    def update_step(self, grad, variable, learning_rate):
        lr = tf.cast(learning_rate, variable.dtype)
        grad = cast(grad, variable.dtype)
        i, rho = self._get_variable_index(variable), self.rho
        acc_grad, acc_delta = self._accumulated_grads[i], self._accumulated_delta_vars[i]
        acc_grad.assign(rho * acc_grad + (1 - rho) * square(grad))
        rms_delta, rms_grad = tf.sqrt(acc_delta + self.epsilon), tf.sqrt(acc_grad + self.epsilon)
        if isinstance(grad, tf.IndexedSlices):  # the step stays sparse, as in Keras 3 on TF
            idx = grad.indices
            delta = tf.IndexedSlices(-(tf.gather(rms_delta, idx) * grad.values / tf.gather(rms_grad, idx)), idx,
                                     grad.dense_shape)
        else:
            delta = -(rms_delta * grad / rms_grad)
        acc_delta.assign(rho * acc_delta + (1 - rho) * square(delta))
        variable.assign_add(lr * dense(delta))

    def get_config(self):
        return {**super().get_config(), "rho": self.rho, "epsilon": self.epsilon}
