"""Runs graphs: a compiled straight-line Python function of kernel calls (the fast path: no tensor wrappers,
no dispatch, no checks), and an interpreter through the eager `apply` (used when tapes must record the ops,
or to inline a graph into another one being traced)."""
from ..framework.denormals import flush_denormals
from ..framework.errors import InvalidArgumentError, OpError, op_error
from ..framework.op import apply
from ..framework.tensor import EagerTensor
from .symbolic import SymbolicTensor

__all__ = ["Plan"]


def _is_const(t):
    return type(t) is not SymbolicTensor or t._static


def needed_operations(graph, outputs, fed=()):
    """The operations that outputs and stateful operations depend on, in program order (graphs are
    non-strict: an op nobody uses does not run)."""
    fed_ids = {id(t) for t in fed}
    seen = set()
    stack = [t for t in outputs if t is not None and not _is_const(t) and id(t) not in fed_ids]
    roots = [op for op in graph.operations if op.stateful]
    want = {id(op) for op in roots}
    for op in roots:
        stack.extend(t for t in op.inputs if not _is_const(t) and id(t) not in fed_ids)
    while stack:
        t = stack.pop()
        if id(t) in seen:
            continue
        seen.add(id(t))
        op = t._node
        if id(op) in want:
            continue
        want.add(id(op))
        stack.extend(i for i in op.inputs if not _is_const(i) and id(i) not in fed_ids)
    return [op for op in graph.operations if id(op) in want]


class Plan:
    """A graph compiled for given input tensors (fed by arrays) and output tensors (returned as arrays)."""

    def __init__(self, graph, inputs, outputs):
        self.graph, self.inputs, self.outputs = graph, list(inputs), list(outputs)
        for t in self.outputs:  # a tensor of a finished block (a loop body, a branch) is out of scope
            if type(t) is SymbolicTensor and not t._static and t._graph is not graph:
                graph.capture(t)
        self.operations = needed_operations(graph, self.outputs, self.inputs)
        for op in self.operations:
            if op.kind == "placeholder":
                raise missing_feed(op)
        self._fn = self._generate()

    def _generate(self):
        ns, names, lines = {}, {}, []
        args = [f"a{i}" for i in range(len(self.inputs))]
        for a, t in zip(args, self.inputs):
            names[id(t)] = a

        def ref(t):
            if t is None:
                return "None"
            name = names.get(id(t))
            if name is None:
                if not _is_const(t):
                    raise missing_feed(t._node)
                name = names[id(t)] = f"c{len(ns)}"
                ns[name] = t._data
            return name

        for j, op in enumerate(self.operations):
            fn = f"f{j}"
            ns[fn] = op.kernel
            call = f"{fn}({', '.join(ref(t) for t in op.inputs)})"
            outs = [f"v{j}_{k}" for k in range(len(op.outputs))]
            for o, name in zip(op.outputs, outs):
                names[id(o)] = name
            if not outs:
                lines.append(f"    {call}  # {op.type}")
            elif len(outs) == 1:
                lines.append(f"    {outs[0]} = {call}  # {op.type}")
            else:
                lines.append(f"    {', '.join(outs)}, = {call}  # {op.type}")
        ret = ", ".join(ref(t) for t in self.outputs)
        src = f"def run({', '.join(args)}):\n" + "\n".join(lines + [f"    return ({ret}{',' if ret else ''})"])
        exec(compile(src, f"<tfcompat graph {self.graph.name or ''}>", "exec"), ns)
        self.source = src
        return ns["run"]

    def __call__(self, *arrays):
        try:
            with flush_denormals():  # TF's kernels run with denormals flushed to zero
                return self._fn(*arrays)
        except OpError:
            raise
        except Exception as e:
            raise self._diagnose(arrays, e) from None

    def _diagnose(self, arrays, error):
        """Finds the op whose kernel failed (reruns the graph op by op) and builds TF's error for it."""
        env = {id(t): a for t, a in zip(self.inputs, arrays)}
        get = lambda t: t._data if _is_const(t) else env[id(t)]
        for op in self.operations:
            ins = [get(t) for t in op.inputs]
            try:
                out = op.kernel(*ins)
            except OpError as e:
                return e
            except Exception as e:
                if op.op is not None and op.op.explain is not None:
                    try:
                        op.op.explain([EagerTensor(a, t._dtype) for a, t in zip(ins, op.inputs)], op.attrs)
                    except OpError as tf_error:
                        return tf_error
                return op_error(InvalidArgumentError, op.type, f"{type(e).__name__}: {e}")
            for o, a in zip(op.outputs, out if len(op.outputs) > 1 else (out,)):
                env[id(o)] = a
        return op_error(InvalidArgumentError, None, f"{type(error).__name__}: {error}")

    def interpret(self, tensors):
        """Runs the plan through the eager frontend on tensors (eager: tapes record it; symbolic: it is
        recorded into the graph being traced). Returns the output tensors."""
        env = {id(t): v for t, v in zip(self.inputs, tensors)}

        def get(t):
            if t is None:
                return None
            v = env.get(id(t))
            if v is None:
                return EagerTensor(t._data, t._dtype) if type(t) is SymbolicTensor else t
            return v

        for op in self.operations:
            ins = [get(t) for t in op.inputs]
            if op.kind == "op":
                dt = op.dtypes if len(op.dtypes) > 1 else op.dtypes[0]
                out = apply(op.op, ins, dt, op.attrs)
            else:
                out = op.call(*ins)
            if op.outputs:
                outs = out if len(op.outputs) > 1 else (out,)
                for o, v in zip(op.outputs, outs):
                    env[id(o)] = v
        return [get(t) for t in self.outputs]


def missing_feed(op):
    return op_error(InvalidArgumentError, None,
                    f"You must feed a value for placeholder tensor '{op.name}' with dtype {_short(op.dtypes[0])}")


def _short(dt):
    return {"float32": "float", "float64": "double"}.get(dt.name, dt.name)
