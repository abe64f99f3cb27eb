"""The contract of the random kernels: name -> one-line semantics (merged into `base.KERNELS`).

Random bits come from the frontend's host Philox (TF's numbers on every backend); kernels only
turn given uniforms into samples."""

KERNELS = {
    "categorical": "(batch, samples) of int `dtype` from logits (batch, classes) and uniforms (batch, samples) "
                   "float64 in [0, 1): per row, cdf = running sum in float64 of exp(logit - max finite logit) over "
                   "the finite logits only; sample = count of cdf entries <= uniform * cdf[-1] (TF's CPU kernel).",
}
