"""The frontend's core: dtypes, shapes, errors, tensors, conversion, variables and the op executor."""
import warnings


def ignore_float_warnings():
    """TF computes inf and nan silently: numpy's floating-point RuntimeWarnings are ignored when raised
    from tfcompat's own frames (the frontend and its numpy kernels), and only there. A user's numpy
    code still warns, and the eager hot path pays nothing (no np.errstate per call). Installed on
    import; test runners that reset warning filters (pytest) call it again after their set-up."""
    warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"tfcompat\.")


ignore_float_warnings()
