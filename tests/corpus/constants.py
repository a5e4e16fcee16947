"""math.pi, math.e, np.pi and module-level numeric constants."""
import math

import numpy as np

G = 9.81
HALF = 0.5
NEG = -3
TWO = 2


def f(v, angle):
    """Range of a projectile, plus terms with every kind of constant."""
    reach = v ** TWO * math.sin(TWO * angle) / G
    circle = math.pi * v ** 2 + np.pi * HALF * angle
    return reach + circle + math.e ** (HALF * angle) + NEG * angle


ARGS = (3.2, 0.6)
