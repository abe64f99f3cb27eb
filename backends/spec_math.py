"""The contract of the math kernels: name -> one-line semantics (merged into `base.KERNELS`)."""

KERNELS = {
}
