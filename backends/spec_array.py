"""The contract of the array kernels: name -> one-line semantics (merged into `base.KERNELS`)."""

KERNELS = {
}
