"""tfcompat's conformance suite: TF 2.21 behaviours, runnable against any backend or real TensorFlow."""
