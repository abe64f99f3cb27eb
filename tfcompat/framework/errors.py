"""TensorFlow's exception hierarchy (`tf.errors`): OpError and its canonical-code subclasses."""
import re

OK, CANCELLED, UNKNOWN, INVALID_ARGUMENT, DEADLINE_EXCEEDED, NOT_FOUND, ALREADY_EXISTS = range(7)
PERMISSION_DENIED, RESOURCE_EXHAUSTED, FAILED_PRECONDITION, ABORTED, OUT_OF_RANGE = range(7, 12)
UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS, UNAUTHENTICATED = range(12, 17)


class OpError(Exception):
    """A failed TF operation: carries `message`, `op`, `node_def` and `error_code` like TF's."""

    error_code = UNKNOWN

    def __init__(self, node_def, op, message, *args):
        super().__init__(message, *args)
        self._node_def, self._op, self._message = node_def, op, message

    message = property(lambda self: self._message)
    op = property(lambda self: self._op)
    node_def = property(lambda self: self._node_def)

    def __str__(self):
        return self._message

    def __reduce__(self):
        return type(self), (self._node_def, self._op, self._message)


def _subclass(name, code):
    cls = type(name, (OpError,), {"error_code": code, "__doc__": f"TF's {name} (code {code})."})
    cls.__init__ = lambda self, node_def=None, op=None, message="", *args: OpError.__init__(
        self, node_def, op, message, *args)
    return cls


CancelledError = _subclass("CancelledError", CANCELLED)
UnknownError = _subclass("UnknownError", UNKNOWN)
InvalidArgumentError = _subclass("InvalidArgumentError", INVALID_ARGUMENT)
DeadlineExceededError = _subclass("DeadlineExceededError", DEADLINE_EXCEEDED)
NotFoundError = _subclass("NotFoundError", NOT_FOUND)
AlreadyExistsError = _subclass("AlreadyExistsError", ALREADY_EXISTS)
PermissionDeniedError = _subclass("PermissionDeniedError", PERMISSION_DENIED)
ResourceExhaustedError = _subclass("ResourceExhaustedError", RESOURCE_EXHAUSTED)
FailedPreconditionError = _subclass("FailedPreconditionError", FAILED_PRECONDITION)
AbortedError = _subclass("AbortedError", ABORTED)
OutOfRangeError = _subclass("OutOfRangeError", OUT_OF_RANGE)
UnimplementedError = _subclass("UnimplementedError", UNIMPLEMENTED)
InternalError = _subclass("InternalError", INTERNAL)
UnavailableError = _subclass("UnavailableError", UNAVAILABLE)
DataLossError = _subclass("DataLossError", DATA_LOSS)
UnauthenticatedError = _subclass("UnauthenticatedError", UNAUTHENTICATED)



class OperatorNotAllowedInGraphError(TypeError):
    """Raised when a Python operation on a symbolic tensor (bool(), iteration) is not allowed while tracing."""


def op_error(cls, op_name, message):
    """Builds an eager op error with TF's '[Op:Name]' suffix (while tracing a graph, a dtype mismatch between
    inputs is the TypeError TF's graph builder raises)."""
    from .context import local
    if local.graph is not None and message.startswith("cannot compute "):
        graph_error = _graph_dtype_error(message)
        if graph_error is not None:
            return graph_error
    return cls(None, None, f"{message} [Op:{op_name}] name: " if op_name else message)


_MISMATCH = re.compile(r"cannot compute (\w+) as input #(\d+)\(zero-based\) was expected to be a (\w+) tensor "
                       r"but is a (\w+) tensor")
_FULL = {"float": "float32", "double": "float64", "half": "float16"}
_ARGS = {"MatMul": ("a", "b"), "BatchMatMulV2": ("x", "y")}


def _graph_dtype_error(message):
    m = _MISMATCH.match(message)
    if m is None or m.group(2) != "1":
        return None
    op, _, want, got = m.groups()
    first, second = _ARGS.get(op, ("x", "y"))
    return TypeError(f"Input '{second}' of '{op}' Op has type {_FULL.get(got, got)} that does not match type "
                     f"{_FULL.get(want, want)} of argument '{first}'.")
