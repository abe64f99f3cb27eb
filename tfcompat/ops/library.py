"""Imports every op module, so that the @tf_export table is complete before a namespace module copies it."""
from . import (array_ops, control_flow, conv_ops, image_ops, linalg_ops, logging_ops, loss_ops, math_ops,  # noqa: F401
               nn_ops, norm_ops, operators, random_ops, scatter_ops, script_ops, segment_ops, slice_ops, sort_ops, tensor_array)
