"""`OpCase`: what the op-table tests need to know about one op or op variant."""
from dataclasses import dataclass, field
from typing import Callable, Optional, Tuple

FLOATS = ("float32", "float64")

# (rtol, atol) per dtype for value comparisons against real TF; a case may override any of them
TOLERANCE = {"float16": (1e-2, 1e-3), "bfloat16": (2e-2, 1e-2), "float32": (1e-5, 1e-6),
             "float64": (1e-10, 1e-12), "complex64": (1e-5, 1e-6), "complex128": (1e-10, 1e-12)}


@dataclass(frozen=True)
class OpCase:
    """One row of the op table.

    name:        unique id: the TF API path, optionally a variant in brackets ("nn.conv2d[SAME,s2]")
    fn:          fn(tf, *tensors) -> a tensor, or a (nested) tuple/list of them; `tf` is the module
                 under test (real TensorFlow or tfcompat), so the same code runs on both
    inputs:      inputs(draw, dtype) -> tuple of numpy arrays; `draw` is hypothesis' `data.draw`.
                 Edge values (zeros, negatives, inf, nan, empty shapes) belong here where TF accepts them
    dtypes:      dtype names the case is checked with (each gives its own test)
    grad:        positions of the inputs to differentiate (None: the op is not differentiable)
    grad_inputs: grad_inputs(rs) -> tuple of float64 numpy arrays, smooth points away from kinks
                 (`rs` a numpy RandomState); float inputs are cast to the dtype under test
    second_order: also check the gradient of the gradient
    tol:         {dtype: (rtol, atol)} overriding TOLERANCE for this case
    tf_skip:     {order or (order, dtype): reason} where real TF cannot take that gradient the same way
                 (the conformance suite skips it, with the reason, when the target is TensorFlow)
    """

    name: str
    fn: Callable
    inputs: Callable
    dtypes: Tuple[str, ...] = FLOATS
    grad: Optional[Tuple[int, ...]] = None
    grad_inputs: Optional[Callable] = None
    second_order: bool = True
    tol: dict = field(default_factory=dict)
    tf_skip: dict = field(default_factory=dict)

    @property
    def api(self):
        """The TF API name the case exercises (its name without the variant)."""
        return self.name.partition("[")[0]

    def tolerance(self, dtype):
        return self.tol.get(dtype, TOLERANCE.get(dtype, (0, 0)))

    def tf_skip_reason(self, order, dtype):
        """Why real TF cannot check this gradient order at `dtype` the same way (None: it can)."""
        return self.tf_skip.get((order, dtype), self.tf_skip.get(order))

    def __post_init__(self):
        if self.grad is not None and self.grad_inputs is None:
            raise ValueError(f"{self.name}: a differentiable case needs grad_inputs")
