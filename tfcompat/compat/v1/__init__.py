"""`tf.compat.v1`: the TF 1 API. TF2 names it shares are the tf namespace's own objects (functions wrapped so
that `name=` names their node in a TF1 graph); graph mode, sessions, placeholders, TF1 variables, initializers,
`gradients` and optimizers come from `tfcompat.graph`."""
import tfcompat as _tf

from ...graph import v1_mode as _mode
from ...graph.session import InteractiveSession, Session, get_default_session
from ...graph.v1_gradients import gradients
from ...ops.script_ops import py_func
from ...graph.v1_mode import (disable_eager_execution, disable_v2_behavior, enable_eager_execution,
                              enable_v2_behavior, executing_eagerly_outside_functions, get_default_graph,
                              placeholder, placeholder_with_default, reset_default_graph)
from ...graph.v1_variables import VariableV1 as Variable
from ...graph.v1_variables import (global_variables, global_variables_initializer, is_variable_initialized,
                                   local_variables, local_variables_initializer, report_uninitialized_variables,
                                   trainable_variables, variables_initializer)
from ...util.api_names import missing_attribute as _missing_attribute
from ...util.api_names import tf_names as _tf_names
from . import train
from ._functions import (GraphKeys, add_to_collection, assign, assign_add, assign_sub, get_collection,
                         get_collection_ref, group, to_double, to_float, to_int32, to_int64)

all_variables = global_variables
initialize_all_variables = global_variables_initializer
initialize_variables = variables_initializer
initialize_local_variables = local_variables_initializer

def _shared(name):
    return _mode.named_api(getattr(_tf, name))


def _fill():
    own = globals()
    for name in _tf_names("compat.v1"):
        if name not in own:
            try:
                own[name] = _shared(name)
            except AttributeError:
                pass


_fill()
constant = _tf.constant
random_normal = _mode.named_api(_tf.random.normal)
random_uniform = _mode.named_api(_tf.random.uniform)
truncated_normal = _mode.named_api(_tf.random.truncated_normal)
set_random_seed = _tf.random.set_seed
__getattr__ = _missing_attribute("compat.v1")
