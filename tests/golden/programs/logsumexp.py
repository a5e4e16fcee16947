import numpy as np


def logsumexp(z):
    m = np.max(z)
    return m + np.log(np.sum(np.exp(z - m)))
