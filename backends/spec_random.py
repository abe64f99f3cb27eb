"""The contract of the random kernels: name -> one-line semantics (merged into `base.KERNELS`)."""

KERNELS = {
}
