"""Imports every op module, so that the @tf_export table is complete before a namespace module copies it."""
from . import (array_ops, conv_ops, linalg_ops, loss_ops, math_ops, nn_ops, norm_ops, operators,  # noqa: F401
               random_ops, scatter_ops, segment_ops, slice_ops, sort_ops)
