# Two commands on a fresh machine: `make build` and `make test`. Both create .venv and install the project first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test check bench clean bytecode

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# compat mode: a plain .pth entry instead of an import hook, which would add ~25 ms to every command
	$(BIN)/python -m pip install --quiet --config-settings editable_mode=compat -e '.[test]'
	touch $(STAMP)

# The package is installed in editable mode, so pip does not byte-compile it; with PYTHONDONTWRITEBYTECODE set
# (as on this machine) every command would compile it again (~20 ms). compileall only rewrites stale files.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q generator

build: bytecode
	$(BIN)/studygen build

test: bytecode
	$(BIN)/python -m pytest

check: bytecode
	$(BIN)/studygen check

bench: bytecode
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf build
