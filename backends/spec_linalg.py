"""The contract of the linalg kernels: name -> one-line semantics (merged into `base.KERNELS`)."""

KERNELS = {
}
