# Two commands for a fresh machine: `make run` starts the bot, `make test` runs the tests.
# Each creates .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench eval screenshots clean

$(BIN)/complaint-bot: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/complaint-bot
	$(BIN)/complaint-bot run

test: $(BIN)/complaint-bot
	$(BIN)/ruff check .
	$(BIN)/python -m benchmarks.nlp_eval --min-targets
	$(BIN)/python -m pytest -q

lint: $(BIN)/complaint-bot
	$(BIN)/ruff check .

bench: $(BIN)/complaint-bot
	$(BIN)/python -m benchmarks.nlp_speed

eval: $(BIN)/complaint-bot
	$(BIN)/python -m benchmarks.nlp_eval

screenshots: $(BIN)/complaint-bot
	UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest -q -m browser

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
