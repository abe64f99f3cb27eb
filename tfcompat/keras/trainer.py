"""Model training (compile, fit, evaluate, predict): the Trainer mixin of keras.Model.

Being written (issue 7): the keras helpers fill this module in; until then Model has no training methods.
"""


class Trainer:
    """compile/fit/evaluate/predict and friends for keras.Model (issue 7, in progress)."""
