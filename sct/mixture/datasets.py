"""Data shipped with sct (``sct/data/``)."""
from importlib import resources

import numpy as np


def load_faithful():
    """Old Faithful: 272 eruptions, columns (eruption time, waiting time to the next), minutes.

    See ``sct/data/faithful/README.md`` for the source."""
    path = resources.files("sct").joinpath("data", "faithful", "faithful.csv")
    with resources.as_file(path) as csv:
        return np.loadtxt(csv, delimiter=",", skiprows=1)
