"""`tf.errors`: TF's exception classes and error codes."""
from .framework.errors import (ABORTED, ALREADY_EXISTS, CANCELLED, DATA_LOSS, DEADLINE_EXCEEDED,  # noqa: F401
                               FAILED_PRECONDITION, INTERNAL, INVALID_ARGUMENT, NOT_FOUND, OK, OUT_OF_RANGE,
                               PERMISSION_DENIED, RESOURCE_EXHAUSTED, UNAUTHENTICATED, UNAVAILABLE,
                               UNIMPLEMENTED, UNKNOWN, AbortedError, AlreadyExistsError, CancelledError,
                               DataLossError, DeadlineExceededError, FailedPreconditionError, InternalError,
                               InvalidArgumentError, NotFoundError, OperatorNotAllowedInGraphError, OpError,
                               OutOfRangeError, PermissionDeniedError, ResourceExhaustedError,
                               UnauthenticatedError, UnavailableError, UnimplementedError, UnknownError)
from .util.api_names import missing_attribute as _missing_attribute

__getattr__ = _missing_attribute("errors")
