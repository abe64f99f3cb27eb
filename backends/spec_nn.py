"""The contract of the nn kernels: name -> one-line semantics (merged into `base.KERNELS`)."""

KERNELS = {
}
