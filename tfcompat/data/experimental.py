"""`tf.data.experimental`: the aliases users still reach for (cardinality, AUTOTUNE, transformation functions)."""
from ..util.export import tf_export
from .dataset import DatasetV2


@tf_export("data.experimental.cardinality")
def cardinality(dataset):
    return dataset.cardinality()


@tf_export("data.experimental.get_structure")
def get_structure(dataset_or_iterator):
    return dataset_or_iterator.element_spec


@tf_export("data.experimental.get_single_element")
def get_single_element(dataset):
    return dataset.get_single_element()


tf_export("data.experimental.choose_from_datasets")(DatasetV2.choose_from_datasets)
tf_export("data.experimental.sample_from_datasets")(DatasetV2.sample_from_datasets)


def _transformation(method):
    def make(*args, **kwargs):
        return lambda dataset: getattr(dataset, method)(*args, **kwargs)
    make.__name__ = method
    make.__doc__ = f"A function for `Dataset.apply` calling `Dataset.{method}`."
    return make


for _name, _method in (("ignore_errors", "ignore_errors"), ("enumerate_dataset", "enumerate"),
                       ("unbatch", "unbatch"), ("unique", "unique"), ("scan", "scan"),
                       ("take_while", "take_while"), ("rebatch", "rebatch")):
    tf_export(f"data.experimental.{_name}")(_transformation(_method))


@tf_export("data.experimental.shuffle_and_repeat")
def shuffle_and_repeat(buffer_size, count=None, seed=None):
    return lambda dataset: dataset.shuffle(buffer_size, seed).repeat(count)
