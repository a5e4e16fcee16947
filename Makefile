PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
# options for python -m bench, e.g. make bench BENCH_ARGS='--groups gmm' (bench/README.md)
BENCH_ARGS ?=

.PHONY: test demo golden generate fuzz bench bench-quick autograd jit clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto -m "not slow"

demo: $(STAMP)
	$(BIN)/python samples/function.py
	$(BIN)/python samples/divided_differences.py
	$(BIN)/python samples/newton_demo.py
	$(BIN)/python samples/gmm_faithful.py

# A long differential fuzzing session: make fuzz N=5000 (programs) or make fuzz SECONDS=600.
# Failing programs are written, shrunk, to fuzz-failures/ in the corpus format.
fuzz: $(STAMP)
	$(BIN)/python tests/fuzz.py $(if $(N),--count $(N)) $(if $(SECONDS),--seconds $(SECONDS))

# Rewrite the golden files of generated code (read the diff before committing it).
golden: $(STAMP)
	SCT_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py

# Regenerate the derivative modules shipped in the package (tests/test_generated.py runs these
# same commands and fails if a committed module differs).
generate: $(STAMP)
	$(BIN)/sct transform sct/mixture/loglik.py --mode reverse --wrt alpha,means,t \
	    -f objective_full -f objective_tied -f objective_diag -f objective_spherical \
	    -o sct/mixture/loglik_grad.py

$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $(BENCH_STAMP)

# The benchmark suite (several minutes); OpenBLAS's core-type settings are lifted for this
# command alone, and the report records which numpy kernel ran.
bench: $(BENCH_STAMP)
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python -m bench $(BENCH_ARGS)

bench-quick: $(BENCH_STAMP)
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python -m bench --quick $(BENCH_ARGS)

# sct against the functions autograd's own tests exercise: a table of passed / wrong / refused
# per autograd test file (bench/autograd_suite.py), then the whole catalogue as a test.
autograd: $(STAMP)
	$(BIN)/python -m bench.autograd_suite $(AUTOGRAD_ARGS)
	$(BIN)/python -m pytest -q -m slow tests/test_autograd_suite.py

# jit=True's long runs: every corpus program through numba in both modes, and the LSTM.
jit: $(STAMP)
	$(BIN)/python -m pytest -q -m slow tests/test_jit.py

clean:
	rm -rf $(VENV) build *.egg-info
