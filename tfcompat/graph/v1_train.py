"""TF1 optimizers (`tf.compat.v1.train.*Optimizer`): in a graph, `minimize` builds the update nodes and returns
the Operation that runs them; in eager mode it applies them at once (the loss must be a callable)."""
from ..autodiff.tape import GradientTape
from ..framework.context import local
from ..framework.convert import convert_to_tensor
from ..framework.variables import Variable
from ..ops import array_ops, math_ops
from .session import add_control
from .v1_gradients import gradients
from .v1_mode import v1_graph
from .v1_variables import get_or_create_global_step, no_op, trainable_variables

__all__ = ["Optimizer", "GradientDescentOptimizer", "MomentumOptimizer", "AdamOptimizer",
           "get_or_create_global_step", "get_global_step"]


def get_global_step(graph=None):
    g = graph or v1_graph()
    steps = [] if g is None else g.__dict__.get("_collections", {}).get("global_step", [])
    return steps[0] if steps else None


class Optimizer:
    """The TF1 optimizer protocol: compute_gradients, apply_gradients, minimize, slots."""

    GATE_NONE, GATE_OP, GATE_GRAPH = 0, 1, 2

    def __init__(self, use_locking, name):
        if not name:
            raise ValueError("Must specify the optimizer name")
        self._use_locking, self._name = use_locking, name
        self._slots = {}        # slot name -> {id(var): slot variable}
        self._non_slots = {}

    def get_name(self):
        return self._name

    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=GATE_OP, aggregation_method=None,
                 colocate_gradients_with_ops=False, name=None, grad_loss=None):
        pairs = self.compute_gradients(loss, var_list=var_list, grad_loss=grad_loss)
        if not any(g is not None for g, _ in pairs):
            raise ValueError(f"No gradients provided for any variable, check your graph for ops that do not "
                             f"support gradients, between variables {[str(v) for _, v in pairs]} and loss {loss}.")
        return self.apply_gradients(pairs, global_step=global_step, name=name)

    def compute_gradients(self, loss, var_list=None, gate_gradients=GATE_OP, aggregation_method=None,
                          colocate_gradients_with_ops=False, grad_loss=None):
        """(gradient, variable) pairs for every variable of `var_list` (default: the trainable ones)."""
        if callable(loss):
            with GradientTape(watch_accessed_variables=var_list is None) as tape:
                if var_list is not None:
                    tape.watch(var_list)
                value = loss()
            var_list = list(var_list) if var_list is not None else list(tape.watched_variables())
            grads = tape.gradient(value, var_list, grad_loss)
            return list(zip(grads, var_list))
        if v1_graph() is None:
            raise RuntimeError("`loss` passed to Optimizer.compute_gradients should be a function when eager "
                               "execution is enabled.")
        var_list = trainable_variables() if var_list is None else list(var_list)
        if not var_list:
            raise ValueError("No variables to optimize.")
        grads = gradients(loss, var_list, grad_ys=None if grad_loss is None else [grad_loss])
        return list(zip(grads, var_list))

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        """The update of each variable with a gradient: an Operation named `name` in a graph, None eagerly."""
        pairs = [(g, v) for g, v in grads_and_vars if g is not None]
        if not pairs:
            raise ValueError(f"No gradients provided for any variable: {[str(v) for _, v in grads_and_vars]}.")
        name = name or self._name
        variables = [v for _, v in pairs]
        self._create_slots(variables)
        self._prepare()
        updates = [self._apply_dense(_dense(g), v) for g, v in pairs]
        graph = v1_graph()
        finish = self._finish(updates, name if global_step is None else "update")
        if global_step is None:
            return finish
        if graph is None:
            global_step.assign_add(1)
            return None
        local.assign_name = name
        step = global_step.assign_add(convert_to_tensor(1, global_step.dtype), read_value=False)
        add_control(step, [finish])
        return step

    # ---- subclass hooks ----
    def _create_slots(self, variables):
        pass

    def _prepare(self):
        pass

    def _apply_dense(self, grad, var):
        raise NotImplementedError

    def _finish(self, updates, name):
        graph = v1_graph()
        return None if graph is None else no_op(graph, name, updates)

    # ---- slots ----
    def _zeros_slot(self, var, slot_name):
        slots = self._slots.setdefault(slot_name, {})
        if id(var) not in slots:
            slots[id(var)] = Variable(array_ops.zeros(tuple(var.shape), var.dtype), trainable=False,
                                      name=f"{var.name[:-2]}/{self._name}")
        return slots[id(var)]

    def _non_slot(self, name, initial):
        if name not in self._non_slots:
            self._non_slots[name] = Variable(initial, trainable=False, name=name)
        return self._non_slots[name]

    def get_slot(self, var, name):
        return self._slots.get(name, {}).get(id(var))

    def get_slot_names(self):
        return sorted(self._slots)

    def variables(self):
        return list(self._non_slots.values()) + [v for s in self._slots.values() for v in s.values()]

    def _hyper(self, value, dtype):
        return convert_to_tensor(value() if callable(value) else value, dtype)


def _dense(g):
    from ..autodiff.indexed_slices import densify
    return densify(g)


def _update(var, delta):
    """`var -= delta`: the assign Operation in a graph, nothing eagerly."""
    return var.assign_sub(delta, read_value=False)


class GradientDescentOptimizer(Optimizer):
    """var -= learning_rate * grad."""

    def __init__(self, learning_rate, use_locking=False, name="GradientDescent"):
        super().__init__(use_locking, name)
        self._lr = learning_rate

    def _apply_dense(self, grad, var):
        return _update(var, math_ops.multiply(self._hyper(self._lr, var.dtype), grad))


class MomentumOptimizer(Optimizer):
    """accum = accum * momentum + grad; var -= lr * accum (Nesterov: var -= lr * (grad + momentum * accum))."""

    def __init__(self, learning_rate, momentum, use_locking=False, name="Momentum", use_nesterov=False):
        super().__init__(use_locking, name)
        self._lr, self._momentum, self._nesterov = learning_rate, momentum, use_nesterov

    def _create_slots(self, variables):
        for v in variables:
            self._zeros_slot(v, "momentum")

    def _apply_dense(self, grad, var):
        lr, mom = self._hyper(self._lr, var.dtype), self._hyper(self._momentum, var.dtype)
        accum = self.get_slot(var, "momentum")
        new = accum.assign(math_ops.add(math_ops.multiply(accum, mom), grad))
        step = math_ops.add(grad, math_ops.multiply(new, mom)) if self._nesterov else new
        return _update(var, math_ops.multiply(lr, step))


class AdamOptimizer(Optimizer):
    """TF1 Adam: lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t); var -= lr_t * m / (sqrt(v) + epsilon)."""

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-08, use_locking=False, name="Adam"):
        super().__init__(use_locking, name)
        self._lr, self._beta1, self._beta2, self._epsilon = learning_rate, beta1, beta2, epsilon

    def _create_slots(self, variables):
        first = min(variables, key=lambda v: v.name)
        self._non_slot("beta1_power", convert_to_tensor(self._beta1, first.dtype))
        self._non_slot("beta2_power", convert_to_tensor(self._beta2, first.dtype))
        for v in variables:
            self._zeros_slot(v, "m")
            self._zeros_slot(v, "v")

    def _apply_dense(self, grad, var):
        dt = var.dtype
        lr, b1, b2, eps = (self._hyper(x, dt) for x in (self._lr, self._beta1, self._beta2, self._epsilon))
        one = convert_to_tensor(1, dt)
        b1p, b2p = self._non_slots["beta1_power"], self._non_slots["beta2_power"]
        lr_t = math_ops.truediv(math_ops.multiply(lr, math_ops.sqrt(math_ops.subtract(one, b2p))),
                                math_ops.subtract(one, b1p))
        m, v = self.get_slot(var, "m"), self.get_slot(var, "v")
        m_t = m.assign(math_ops.add(math_ops.multiply(b1, m), math_ops.multiply(math_ops.subtract(one, b1), grad)))
        v_t = v.assign(math_ops.add(math_ops.multiply(b2, v),
                                    math_ops.multiply(math_ops.subtract(one, b2), math_ops.square(grad))))
        return _update(var, math_ops.truediv(math_ops.multiply(lr_t, m_t), math_ops.add(math_ops.sqrt(v_t), eps)))

    def _finish(self, updates, name):
        graph = v1_graph()
        powers = []
        for key, beta in (("beta1_power", self._beta1), ("beta2_power", self._beta2)):
            p = self._non_slots[key]
            op = p.assign(math_ops.multiply(p, self._hyper(beta, p.dtype)), read_value=False)
            if graph is not None:
                add_control(op, updates)
            powers.append(op)
        return None if graph is None else no_op(graph, name, list(updates) + powers)
