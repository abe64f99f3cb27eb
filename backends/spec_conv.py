"""The contract of the conv kernels: name -> one-line semantics (merged into `base.KERNELS`)."""

KERNELS = {
}
