"""The frontend's core: dtypes, shapes, errors, tensors, conversion, variables and the op executor."""
import warnings

# TF computes inf and nan silently. numpy's floating-point RuntimeWarnings are ignored when they are
# raised from tfcompat's own frames (the frontend and its numpy kernels), and only there: a user's
# numpy code still warns, and the eager hot path pays nothing (no np.errstate per call).
warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"tfcompat\.")
