"""The error of a difference quotient against sct's derivative, for f(x) = x**3 at x = 1.

The forward difference (f(x + h) - f(x)) / h has a truncation error of about 3h that shrinks
with h, and a rounding error of about eps / h that grows as h shrinks: the total is smallest
near h = 1e-8, where it is still about 1e-8.  sct's forward-mode derivative has no step: its
error is at the level of rounding for every h.  Prints a table; with matplotlib installed
(``pip install -e '.[plot]'``) also draws the errors against h on log-log axes to a PNG.

    python samples/divided_differences.py [--png PATH]
"""
import argparse
import os


def f(x):
    return x ** 3


def main():
    import sct

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--png", default=os.path.join("samples", "output",
                                                      "divided_differences.png"))
    png = parser.parse_args().png
    d_f = sct.forward(f)
    x, exact = 1.0, 3.0
    _, derivative = d_f(x, 1.0)
    sct_error = abs(derivative - exact)
    steps = [10.0 ** -k for k in range(1, 17)]
    errors = [abs((f(x + h) - f(x)) / h - exact) for h in steps]
    print(f"d/dx x**3 at x = 1: exact 3, sct {derivative!r}")
    print(f"{'h':>8}{'forward difference error':>28}{'sct error':>14}")
    for h, error in zip(steps, errors):
        print(f"{h:>8.0e}{error:>28.3e}{sct_error:>14.3e}")
    best = min(range(len(steps)), key=errors.__getitem__)
    print(f"smallest difference-quotient error {errors[best]:.1e} at h = {steps[best]:.0e}; "
          f"sct's error {sct_error:.1e} needs no step")
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no picture (pip install -e '.[plot]')")
        return
    floor = 2.0 ** -52
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.loglog(steps, [max(e, floor) for e in errors], "o-", label="forward difference")
    label = "sct (forward mode)" + (": exactly 0, drawn at 2**-52" if not sct_error else "")
    ax.loglog(steps, [max(sct_error, floor)] * len(steps), "s--", label=label)
    ax.set_xlabel("step h")
    ax.set_ylabel("|error| of d/dx x³ at x = 1")
    ax.invert_xaxis()
    ax.legend()
    ax.grid(True, which="major", alpha=0.3)
    fig.tight_layout()
    os.makedirs(os.path.dirname(os.path.abspath(png)), exist_ok=True)
    fig.savefig(png, dpi=100)
    print(f"picture: {png}")


if __name__ == "__main__":
    main()
