PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: test demo golden generate clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest -q

demo: $(STAMP)
	$(BIN)/python samples/function.py
	$(BIN)/python samples/newton_demo.py
	$(BIN)/python samples/gmm_faithful.py

# Rewrite the golden files of generated code (read the diff before committing it).
golden: $(STAMP)
	SCT_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py

# Regenerate the derivative modules shipped in the package (tests/test_generated.py runs these
# same commands and fails if a committed module differs).
generate: $(STAMP)
	$(BIN)/sct transform sct/mixture/loglik.py --mode reverse --wrt alpha,means,t \
	    -f objective_full -f objective_tied -f objective_diag -f objective_spherical \
	    -o sct/mixture/loglik_grad.py

clean:
	rm -rf $(VENV) build *.egg-info
