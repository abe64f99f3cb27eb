"""`tf.compat.v1.train`: TF1 optimizers and the global step."""
from ...graph.v1_train import (AdamOptimizer, GradientDescentOptimizer, MomentumOptimizer, Optimizer,
                               get_global_step, get_or_create_global_step)
from ...util.api_names import missing_attribute as _missing_attribute

__all__ = ["AdamOptimizer", "GradientDescentOptimizer", "MomentumOptimizer", "Optimizer", "get_global_step",
           "get_or_create_global_step"]
__getattr__ = _missing_attribute("compat.v1.train")
