"""`tf.config`: run_functions_eagerly and the device listing."""
import collections

from .framework.context import get_backend
from .graph.function import functions_run_eagerly, run_functions_eagerly
from .util.api_names import missing_attribute as _missing_attribute

__all__ = ["run_functions_eagerly", "functions_run_eagerly", "list_physical_devices", "list_logical_devices",
           "PhysicalDevice", "LogicalDevice"]

PhysicalDevice = collections.namedtuple("PhysicalDevice", ["name", "device_type"])
LogicalDevice = collections.namedtuple("LogicalDevice", ["name", "device_type"])


def list_physical_devices(device_type=None):
    """The backend's devices ('CPU:0', 'GPU:0'...) as TF's PhysicalDevice tuples."""
    out = []
    for dev in get_backend().devices():
        kind = dev.split(":")[0]
        if device_type is None or device_type.upper() == kind:
            out.append(PhysicalDevice(f"/physical_device:{dev}", kind))
    return out


def list_logical_devices(device_type=None):
    return [LogicalDevice(f"/device:{d.name.split(':', 1)[1]}", d.device_type)
            for d in list_physical_devices(device_type)]


__getattr__ = _missing_attribute("config")
