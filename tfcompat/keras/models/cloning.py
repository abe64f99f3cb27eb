"""`keras.models.clone_model`: the same architecture with fresh weights, rebuilt from the model's config."""
from .functional import Functional
from .sequential import Sequential


def clone_model(model, input_tensors=None, clone_function=None, call_function=None, recursive=False, **kwargs):
    """Rebuilds a Sequential or functional model from its config (new layers, newly initialized weights)."""
    if input_tensors is not None or clone_function is not None or call_function is not None:
        raise NotImplementedError("clone_model with input_tensors/clone_function/call_function is not "
                                  "implemented yet in tfcompat")
    if isinstance(model, Sequential):
        return Sequential.from_config(model.get_config())
    if model.__dict__.get("_graph") is not None:
        return Functional.from_config(model.get_config())
    raise ValueError("Arguments clone_function and input_tensors are only supported for Sequential models or "
                     f"Functional models. Received model of type '{type(model).__name__}', with "
                     f"clone_function={clone_function} and input_tensors={input_tensors}")
