"""`tf.Module`: a named container whose variables and submodules are found by walking its attributes."""
import functools
import re

from .framework.context import local
from .framework.variables import Variable
from .util.export import tf_export

_CAMEL_TO_SNAKE = re.compile(r"((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))")
_IGNORED = frozenset(("_self_unconditional_checkpoint_dependencies", "_self_unconditional_dependency_names"))


class _ModuleScope:
    """A module's absolute name scope ('outer/simple/'): entering it replaces the current scope, as TF's does."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        scopes = local.__dict__.setdefault("name_scopes", [])
        self._saved = list(scopes)
        scopes[:] = [self.name.rstrip("/")]
        return self.name

    def __exit__(self, *exc):
        local.__dict__["name_scopes"][:] = self._saved


@tf_export("Module")
class Module:
    """Base class of TF modules: `name`, `name_scope`, `variables`, `trainable_variables`, `submodules`."""

    _TF_MODULE_IGNORED_PROPERTIES = _IGNORED

    def __init__(self, name=None):
        if name is None:
            name = _CAMEL_TO_SNAKE.sub(r"_\1", type(self).__name__).lower()
        elif not (isinstance(name, str) and name.isidentifier()):
            raise ValueError(f"'{name}' is not a valid module name. Module names must be valid Python identifiers "
                             "(e.g. a valid class name).")
        self._name = name
        outer = "/".join(s for s in local.__dict__.get("name_scopes", ()) if s)
        self._scope_name = f"{outer}/{name}/" if outer else f"{name}/"
        self._name_scope = _ModuleScope(self._scope_name)

    @property
    def name(self):
        return self._name

    @property
    def name_scope(self):
        return self._name_scope

    @property
    def variables(self):
        return tuple(self._flatten(predicate=_is_variable))

    @property
    def trainable_variables(self):
        return tuple(self._flatten(predicate=lambda v: _is_variable(v) and v.trainable))

    @property
    def non_trainable_variables(self):
        return tuple(self._flatten(predicate=lambda v: _is_variable(v) and not v.trainable))

    @property
    def submodules(self):
        return tuple(self._flatten(predicate=_is_module))

    def _flatten(self, recursive=True, predicate=None, attribute_traversal_key=None, with_path=False,
                 expand_composites=False):
        """Leaves of the attributes (sorted by name) that satisfy `predicate`, then each submodule's, depth first."""
        return _flatten_module(self, recursive, predicate or (lambda _: True), attribute_traversal_key,
                               self._TF_MODULE_IGNORED_PROPERTIES, with_path, (), {id(self)}, [])

    @classmethod
    def with_name_scope(cls, method):
        """Decorates a method to run inside the module's name scope."""
        @functools.wraps(method)
        def method_with_name_scope(self, *args, **kwargs):
            with self.name_scope:
                return method(self, *args, **kwargs)
        return method_with_name_scope


def _is_variable(obj):
    return isinstance(obj, Variable)


def _is_module(obj):
    return isinstance(obj, Module)


def _flatten_module(module, recursive, predicate, key, ignored, with_path, module_path, seen, stack):
    if id(module) in stack:
        recursive = False
    submodules = []
    attrs = vars(module)
    for name in sorted(attrs, key=key):
        if name in ignored:
            continue
        try:
            leaves = _leaves_with_paths(attrs[name])
        except Exception as cause:
            raise ValueError(f"Error processing property {name!r} of {module!r}") from cause
        for leaf_path, leaf in leaves:
            path = module_path + (name,) + leaf_path
            if not with_path:
                if id(leaf) in seen:
                    continue
                seen.add(id(leaf))
            if predicate(leaf):
                yield (path, leaf) if with_path else leaf
            if recursive and _is_module(leaf):
                submodules.append((path, leaf))
    stack.append(id(module))
    for path, sub in submodules:
        yield from _flatten_module(sub, recursive, predicate, key, ignored, with_path, path, seen, stack)
    stack.pop()


def _leaves_with_paths(value):
    """(path, leaf) pairs of a nested structure, dict keys sorted, as TF's nest.flatten_with_tuple_paths."""
    if isinstance(value, dict):
        out = []
        for k in sorted(value, key=lambda k: (str(type(k)), k) if not isinstance(k, str) else ("", k)):
            out += [((k,) + p, leaf) for p, leaf in _leaves_with_paths(value[k])]
        return out
    if isinstance(value, (list, tuple)) and not _is_variable(value):
        out = []
        for i, item in enumerate(value):
            out += [((i,) + p, leaf) for p, leaf in _leaves_with_paths(item)]
        return out
    return [((), value)]
