"""The samples run as smoke tests (the Newton and Gaussian-mixture samples have their own)."""
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def run(script, *args, tmp_path):
    env = {**os.environ, "MPLBACKEND": "Agg", "SCT_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, str(ROOT / "samples" / script), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env=env)


def test_function_sample_prints_both_modes(tmp_path):
    out = run("function.py", tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "def d_f(x1, x2, dx1, dx2):" in out.stdout and "def b_f(x1, x2, b_out=1.0):" in out.stdout
    rows = [line.split() for line in out.stdout.splitlines() if line.startswith("df/dx")]
    for name, forward, reverse, central, exact in rows:
        assert float(forward) == float(reverse) == float(exact)
        assert abs(float(central) - float(exact)) < 1e-8


def test_divided_differences_sample(tmp_path):
    png = tmp_path / "dd.png"
    out = run("divided_differences.py", "--png", str(png), tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "smallest difference-quotient error" in out.stdout
    assert png.read_bytes().startswith(b"\x89PNG")


def test_readme_first_command_runs_as_written_after_make_demo():
    """The README's first ``sct transform`` is the virtual environment's command, and what it
    prints is the generated code the README shows."""
    readme = (ROOT / "README.md").read_text()
    first = readme.index("sct transform samples/function.py")
    assert readme[first - len(".venv/bin/"):first] == ".venv/bin/"
    command = pathlib.Path(sys.executable).parent / "sct"   # .venv/bin/sct under make test
    out = subprocess.run([str(command), "transform", "samples/function.py"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    block = readme[readme.index("```python", first) + len("```python\n"):]
    block = block[:block.index("```")]
    assert block.strip() in out.stdout


def test_pyproject_declares_its_license_as_an_spdx_string():
    """The table form (license = {text = ...}) made setuptools print a 15-line deprecation
    warning at every install."""
    text = (ROOT / "pyproject.toml").read_text()
    assert '\nlicense = "MIT"\n' in text and "license = {" not in text


def test_gmm_dask_sample_fits_on_a_local_cluster(tmp_path):
    out = run("gmm_dask.py", "--rows", "20000", "--chunk-rows", "5000", tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "20000 rows x 10 columns" in text and "in 4 chunks of up to 5000 rows" in text
    # a line per EM iteration with the lower bound reached
    bounds = [float(line.split()[4]) for line in text.splitlines()
              if line.strip().startswith("iteration ")]
    assert len(bounds) >= 2
    assert all(b >= a - 1e-6 for a, b in zip(bounds, bounds[1:]))   # EM never descends
    assert f"after {len(bounds)} iterations" in text
    errors = next(line for line in text.splitlines() if line.startswith("largest error"))
    assert float(errors.split("(")[1].split()[0]) < 4        # standard errors
    assert "fit: " in text and "converged: True" in text
