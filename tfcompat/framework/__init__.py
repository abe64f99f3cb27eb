"""The frontend's core: dtypes, shapes, errors, tensors, conversion, variables and the op executor."""
