"""GMM instances: ADBench's file format, the instances the suite runs, conformance values.

Files in bench/data/ are byte-for-byte copies of ADBench files (MIT licence, see
bench/data/LICENSE-ADBench.txt), xz-compressed.  d64 K100 (2.6 MB of text) is not copied: it is
read from ADBench's data folder when one is found (``$SCT_ADBENCH_DIR``, else
``../shared/data/adbench`` beside the repository), and otherwise generated here with the same
layout and distributions (alphas, icf and points N(0, 1), means U(0, 1), six decimals, γ = 1,
m = 0) from a fixed seed.  The GMM's cost depends on its sizes only (no data-dependent control
flow), so the timings of the two are the same.
"""
import lzma
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"

# ADBench's Python unit tests, for gmm/test.txt (d = 2, K = 3, n = 1)
CONFORMANCE_OBJECTIVE = 8.07380408004975791
CONFORMANCE_GRADIENT = np.array([
    0.108662855508652456, -0.741270039523898472, 0.632607184015246071,
    1.11692576532787013, 0.163333013551455269, -0.0219989824071193142, 0.227778292254236098,
    1.20963025612832187, -0.0606375920733956339, 2.58529994051162237, 0.112632694524213789,
    0.385744309849611777, 0.0735180573182305508, 5.41836362715595232, -0.321494409677446469,
    1.71892309775004937, 0.860091090790866875, -0.994640930466322848])


@dataclass
class Instance:
    name: str
    alphas: np.ndarray
    means: np.ndarray
    icf: np.ndarray
    x: np.ndarray
    wishart_gamma: float
    wishart_m: int
    source: str

    @property
    def args(self):
        return (self.alphas, self.means, self.icf, self.x, self.wishart_gamma, self.wishart_m)

    @property
    def d(self):
        return self.x.shape[1]

    @property
    def K(self):
        return self.alphas.shape[0]

    @property
    def n(self):
        return self.x.shape[0]

    @property
    def n_params(self):
        return self.alphas.size + self.means.size + self.icf.size


def adbench_close(a, b, tol=1e-8):
    """ADBench's acceptance test, entry by entry: |a - b| / max(1, |a| + |b|) < tol."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return bool(np.all(np.abs(a - b) / np.maximum(1.0, np.abs(a) + np.abs(b)) < tol))


def flat(grads):
    """(b_alphas, b_means, b_icf) -> ADBench's flat gradient: alphas, means, icf row-major."""
    return np.concatenate([np.ravel(np.asarray(g, dtype=float)) for g in grads])


def parse(text, name, source, n=None):
    """An instance from the text of an ADBench GMM file; ``n`` keeps only the first n points."""
    tokens = text.split()
    d, K, n_file = int(tokens[0]), int(tokens[1]), int(tokens[2])
    values = np.array(tokens[3:], dtype=float)
    n_icf = d * (d + 1) // 2
    sizes = [K, K * d, K * n_icf, n_file * d, 2]
    if values.size != sum(sizes):
        raise ValueError(f"{source}: {values.size} numbers, expected {sum(sizes)}")
    parts = np.split(values, np.cumsum(sizes)[:-1])
    x = parts[3].reshape(n_file, d)
    if n is not None:
        x = x[:n]
    return Instance(name, parts[0], parts[1].reshape(K, d), parts[2].reshape(K, n_icf),
                    np.ascontiguousarray(x), float(parts[4][0]), int(parts[4][1]), source)


def read(path, name=None, n=None):
    path = Path(path)
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt") as fh:
        text = fh.read()
    return parse(text, name or path.name, str(path), n)


def generate(d, K, n, seed=20150924):
    """A random instance with ADBench's layout and distributions (six decimals, γ = 1, m = 0)."""
    rng = np.random.default_rng(seed)
    r = lambda a: np.round(a, 6)  # noqa: E731  (this module is not read by sct)
    return Instance(f"d{d}_K{K}_n{n}", r(rng.standard_normal(K)), r(rng.uniform(size=(K, d))),
                    r(rng.standard_normal((K, d * (d + 1) // 2))),
                    r(rng.standard_normal((n, d))), 1.0, 0,
                    f"generated (seed {seed}, ADBench's distributions)")


def adbench_dir():
    """ADBench's data folder if one is found, else None."""
    candidates = [os.environ.get("SCT_ADBENCH_DIR"), HERE.parent.parent / "shared" / "data" /
                  "adbench"]
    for c in candidates:
        if c and (Path(c) / "gmm").is_dir():
            return Path(c)
    return None


# name -> (d, K, n, file in bench/data or None, points kept)
INSTANCES = {
    "d2_K5_n1000": (2, 5, 1000, "gmm_d2_K5.txt.xz", None),
    "d10_K25_n1000": (10, 25, 1000, "gmm_d10_K25_n10000.txt.xz", 1000),  # 1k = first 1000 of 10k
    "d20_K25_n1000": (20, 25, 1000, "gmm_d20_K25.txt.xz", None),
    "d64_K100_n1000": (64, 100, 1000, None, None),
    "d10_K25_n10000": (10, 25, 10000, "gmm_d10_K25_n10000.txt.xz", None),
}
QUICK = ["d2_K5_n1000", "d10_K25_n1000"]


def load(name):
    d, K, n, filename, keep = INSTANCES[name]
    if filename is not None:
        inst = read(DATA / filename, name, keep)
    else:
        folder = adbench_dir()
        path = folder / "gmm" / "1k" / f"gmm_d{d}_K{K}.txt" if folder else None
        if path is not None and path.is_file():
            inst = read(path, name)
        else:
            inst = generate(d, K, n)
            inst.name = name
    assert (inst.d, inst.K, inst.n) == (d, K, n), (name, inst.d, inst.K, inst.n)
    return inst


def test_instance():
    return read(DATA / "gmm_test.txt", "test")
