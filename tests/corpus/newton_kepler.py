"""Newton's method for Kepler's equation E - e sin E = M, with an iteration cap."""
import math


def f(mean_anomaly, ecc):
    e_anom = mean_anomaly
    step = 1.0
    it = 0
    while abs(step) > 1e-13 and it < 50:
        step = (e_anom - ecc * math.sin(e_anom) - mean_anomaly) / (1.0 - ecc * math.cos(e_anom))
        e_anom = e_anom - step
        it += 1
    return e_anom


ARGS = (1.1, 0.3)
