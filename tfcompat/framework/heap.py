"""Keeps freed array memory in the process heap, the way TF's and torch's caching allocators keep theirs.

glibc serves blocks above 128 KiB with mmap and returns freed heap tops to the OS, so every fresh
activation, gradient or optimizer temporary of a training step page-faults its memory back in: up to
half of a numpy Adam step and a third of a torch conv step. Raising the mmap threshold to 32 MiB and the
trim threshold to 256 MiB lets freed blocks be reused. Linux/glibc only; `TFCOMPAT_HEAP=system` keeps
malloc's defaults.
"""
import ctypes
import os
import sys

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3


def keep_freed_memory():
    """Sets glibc's thresholds once per process; True when they were set."""
    if os.environ.get("TFCOMPAT_HEAP", "").lower() == "system" or not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (musl, ...)
        return False
    mallopt = getattr(libc, "mallopt", None)
    return bool(mallopt and mallopt(_M_MMAP_THRESHOLD, 32 << 20) and mallopt(_M_TRIM_THRESHOLD, 256 << 20))
