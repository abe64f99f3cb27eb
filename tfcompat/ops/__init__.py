"""The op library: each module defines ops once (kernel call, dtype/shape rule, gradient)."""
