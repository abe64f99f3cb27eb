"""Variables of TF1 graphs: uninitialised until their initializer runs in a session, which holds their
values; reads and assigns are graph nodes; the graph's variable collections and initializers."""
import numpy as np

from ..framework import dtypes as _dt
from ..framework import variables as _variables
from ..framework.context import ctx, local
from ..framework.convert import convert_to_tensor
from ..framework.errors import FailedPreconditionError
from ..framework.tensor import EagerTensor, Tensor
from ..framework.tensor_shape import TensorShape
from .session import add_control, eval_tensor, running
from .v1_mode import install_operators, v1_graph

__all__ = ["ResourceVariable", "RefVariable", "VariableV1", "global_variables", "trainable_variables",
           "local_variables", "variables_initializer", "global_variables_initializer", "local_variables_initializer",
           "report_uninitialized_variables", "is_variable_initialized", "no_op", "get_or_create_global_step",
           "collection"]


def collection(graph, key):
    """The graph's list for `key` ('variables', 'trainable_variables', 'local_variables', 'global_step')."""
    return graph.__dict__.setdefault("_collections", {}).setdefault(key, [])


def no_op(graph, name, deps=()):
    """A NoOp node that runs `deps` first (what `tf.group` and initializers are)."""
    graph.add("NoOp", "py", (), (), [], name=name, run=_nothing, stateful=False)
    op = graph.operations[-1]
    add_control(op, deps)
    return op


def _nothing():
    return None


class ResourceVariable(_variables.ResourceVariable):
    """A variable of a TF1 graph (`type(v).__name__ == 'ResourceVariable'`, as in TF)."""

    _after = None           # the assign an _UnreadVariable reads after
    _suffix = ""

    def __init__(self, initial_value=None, trainable=None, validate_shape=True, caching_device=None, name=None,
                 variable_def=None, dtype=None, import_scope=None, constraint=None,
                 synchronization=_variables.VariableSynchronization.AUTO,
                 aggregation=_variables.VariableAggregation.NONE, shape=None,
                 experimental_enable_variable_lifting=True, collections=None, use_resource=None):
        g = local.graph
        if initial_value is None:
            raise ValueError("The `initial_value` arg to `tf.Variable` must be specified except when you are not "
                             "providing a `variable_def`. You provided neither.")
        scopes = [s for s in local.__dict__.get("name_scopes", ()) if s]
        unique = g.unique_name("/".join(scopes + [name or "Variable"]))
        if callable(initial_value) and not isinstance(initial_value, Tensor):
            initial_value = initial_value()
        if isinstance(initial_value, _variables.Variable):
            initial_value = initial_value.read_value()
        init = convert_to_tensor(initial_value, dtype)
        if type(init) is EagerTensor:
            init = g.add("Const", "const", (), [init._dtype], [(init._data, None)], static=True,
                         name=unique + "/Initializer/initial_value")[0]
        local.graph = None
        try:
            super().__init__(EagerTensor(init._data, init._dtype), trainable, validate_shape, caching_device,
                             None, variable_def, None, import_scope, constraint, synchronization, aggregation,
                             shape)
        finally:
            local.graph = g
        self._name = unique + ":0"
        self._graph, self._initial_value, self._key = g, init, id(self)
        self._graph_reads, self._cached = [], None
        g.add("VarHandleOp", "py", (), (), [], name=unique, named=True, run=_nothing, stateful=False)
        self._handle_op = g.operations[-1]
        key = self._key
        g.add("AssignVariableOp", "py", [init], (), [], name=unique + "/Assign",
              run=lambda a: running().values.__setitem__(key, a), stateful=False)
        self._initializer_op = g.operations[-1]
        kinds = collections if collections is not None else ["variables"]
        if "local_variables" in kinds:
            collection(g, "local_variables").append(self)
        else:
            collection(g, "variables").append(self)
        if self._trainable and "local_variables" not in kinds:
            collection(g, "trainable_variables").append(self)

    # ---- graph nodes ----
    def _missing(self, node):
        base = self._name[:-2]
        return (f"Could not find variable {base}. This could mean that the variable has been deleted. In TF1, it "
                f"can also mean the variable is uninitialized. Debug info: container=localhost, status error "
                f"message=Container localhost does not exist. (Could not find resource: localhost/{base})\n\t "
                f"[[{{{{node {node}}}}}]]")

    def _read(self):
        g = local.graph
        if g is not None and not g.v1:          # tracing a tf.function: the TF2 read node
            return super()._read()
        t = self._read_node()
        if local.tapes:
            from ..autodiff.tape import watch_variable_read
            watch_variable_read(self, t)
        return t

    def _read_node(self):
        key, missing, dtype = self._key, self._missing, self._dtype
        name = self._graph.unique_name("ReadVariableOp")

        def read():
            try:
                return running().values[key]
            except KeyError:
                raise FailedPreconditionError(None, None, missing(name)) from None
        t = self._graph.add("ReadVariableOp", "py", (), [dtype], [(self._handle.value._data, None)],
                            shapes=[self._shape], name=name, named=True, run=read, stateful=False)[0]
        if self._after is not None:
            add_control(t._node, [self._after])
        self._graph_reads.append(t)
        return t

    def _store(self, new, read_value):
        g = local.graph
        if g is not None and not g.v1:
            return super()._store(new, read_value)
        key = self._key
        type_ = local.__dict__.pop("assign_type", "AssignVariableOp")
        self._graph.add(type_, "py", [new], (), [], name=local.__dict__.pop("assign_name", None),
                        run=lambda a: running().values.__setitem__(key, a), stateful=False)
        op = self._graph.operations[-1]
        if self._after is not None:
            add_control(op, [self._after])
        return _UnreadVariable(self, op) if read_value else op

    def _update(self, delta, kernel, op_name, read_value):
        local.assign_type = op_name
        try:
            return super()._update(delta, kernel, op_name, read_value)
        finally:
            local.__dict__.pop("assign_type", None)
            local.__dict__.pop("assign_name", None)

    def _graph_element(self):
        """The tensor `Session.run(variable)` fetches."""
        if self._cached is None:
            self._cached = self._read_node()
        return self._cached

    # ---- TF1 API ----
    graph = property(lambda self: self._graph)
    op = property(lambda self: self._handle_op)
    initializer = property(lambda self: self._initializer_op)
    initial_value = property(lambda self: self._initial_value)

    def eval(self, session=None):
        return eval_tensor(self._graph_element(), None, session)

    def initialized_value(self):
        return self._graph_element()

    def numpy(self):
        raise NotImplementedError("numpy() is only available when eager execution is enabled.")

    def __repr__(self):
        return (f"<tf.Variable '{self._display_name()}' shape={self._shape} "
                f"dtype={self._dtype.name}{self._suffix}>")

    __str__ = __repr__

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other


class RefVariable(ResourceVariable):
    """`tf.compat.v1.Variable(..., use_resource=False)`: TF1's reference variable."""

    _suffix = "_ref"

    def _missing(self, node):
        return f"Attempting to use uninitialized value {self._name[:-2]}\n\t [[{{{{node {node}}}}}]]"


class _UnreadVariable(ResourceVariable):
    """What `assign` returns in a graph: the variable, read after that assign when used."""

    def __init__(self, parent, op):
        self.__dict__.update(parent.__dict__)
        self._parent, self._after, self._cached = parent, op, None

    op = property(lambda self: self._after)

    def _display_name(self):
        return self._after.name


install_operators(ResourceVariable)


class _V1Meta(type):
    def __instancecheck__(cls, x):
        return isinstance(x, _variables.Variable)


class VariableV1(_variables.Variable, metaclass=_V1Meta):
    """`tf.compat.v1.Variable`: a resource variable, or a RefVariable with `use_resource=False` in a TF1 graph."""

    def __new__(cls, *args, use_resource=None, **kwargs):
        if v1_graph() is not None:
            v = object.__new__(RefVariable if use_resource is False else ResourceVariable)
            v.__init__(*args, **kwargs)
        else:
            v = _variables.Variable(*args, **kwargs)
        return v


# ---- collections and initializers ----
def global_variables(scope=None):
    g = v1_graph()
    return [] if g is None else _scoped(collection(g, "variables"), scope)


def trainable_variables(scope=None):
    g = v1_graph()
    return [] if g is None else _scoped(collection(g, "trainable_variables"), scope)


def local_variables(scope=None):
    g = v1_graph()
    return [] if g is None else _scoped(collection(g, "local_variables"), scope)


def _scoped(variables, scope):
    return list(variables) if scope is None else [v for v in variables if v.name.startswith(scope)]


def variables_initializer(var_list, name="init"):
    g = v1_graph()
    if g is None:
        return None
    return no_op(g, name, [v.initializer for v in var_list])


def global_variables_initializer():
    return variables_initializer(global_variables())


def local_variables_initializer():
    return variables_initializer(local_variables())


def is_variable_initialized(variable):
    g = variable.graph
    key = variable._key
    flag = lambda: ctx.backend.from_numpy(np.array(key in running().values))  # noqa: E731
    return g.add("IsVariableInitialized", "py", (), [_dt.bool_], [(ctx.backend.from_numpy(np.array(False)), None)],
                 shapes=[TensorShape([])], run=flag, stateful=False)[0]


def report_uninitialized_variables(var_list=None, name="report_uninitialized_variables"):
    """A string tensor: the names of the variables not initialised in the running session."""
    g = v1_graph()
    var_list = global_variables() + local_variables() if var_list is None else list(var_list)
    pairs = [(v._key, v.name[:-2].encode()) for v in var_list]

    def run():
        values = running().values
        return np.array([n for k, n in pairs if k not in values], dtype=object).reshape(-1)
    return g.add("ReportUninitializedVariables", "py", (), [_dt.string], [(np.array([], dtype=object), None)],
                 shapes=[TensorShape([None])], name=name, run=run, stateful=False)[0]


def get_or_create_global_step(graph=None):
    """The graph's int64 'global_step' variable (made on first use, not trainable)."""
    g = graph or v1_graph()
    if g is None:
        raise NotImplementedError("tf.compat.v1.train.get_or_create_global_step in eager mode is not implemented "
                                  "yet in tfcompat")
    steps = collection(g, "global_step")
    if not steps:
        with g.as_default():
            steps.append(ResourceVariable(np.int64(0), trainable=False, name="global_step"))
    return steps[0]
