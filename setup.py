"""Package layout: `backends/` and `conformance/` install as `tfcompat.backends` and `tfcompat.conformance`."""
from setuptools import find_packages, setup

MAPPED = {"tfcompat.backends": "backends", "tfcompat.conformance": "conformance"}
packages = find_packages(include=["tfcompat", "tfcompat.*"])
for name, folder in MAPPED.items():
    packages += [name + sub[len(folder):] for sub in find_packages(include=[folder, folder + ".*"])]
setup(packages=packages, package_dir=MAPPED, package_data={"tfcompat.conformance": ["catalogue.json"], "tfcompat.util": ["tf_api.json"]})
