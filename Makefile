# The two commands of the README: `make run` and `make test`.
# Everything else here is a step they depend on.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DIR ?= .demo
DEMO_PORT ?= 8100
DEMO_URL ?= http://127.0.0.1:$(DEMO_PORT)

.PHONY: run test venv lint demo-init clean messages

$(BIN)/sinet-node: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

venv: $(BIN)/sinet-node

demo-init: venv
	@if [ ! -f $(DEMO_DIR)/sinet.toml ]; then \
	  $(BIN)/sinet-node init --data-dir $(DEMO_DIR) --url $(DEMO_URL) \
	    --name "Municipality of Ohrid" --username ohrid --allow-private 127.0.0.1 \
	    --timezone Europe/Skopje --kind municipality --country MK --city Ohrid \
	    --summary "Social innovation in the Municipality of Ohrid."; \
	fi
	@# Idempotent: publishes the demo content only into a node that has none yet.
	$(BIN)/python -m sinet_node.demo --data-dir $(DEMO_DIR)

run: demo-init
	$(BIN)/sinet-node run --data-dir $(DEMO_DIR) --host 127.0.0.1 --port $(DEMO_PORT)

test: venv
	bash scripts/test.sh

lint: venv
	$(BIN)/ruff check sinet_node tests migrations bench
	$(BIN)/mypy

# Extract the interface's messages from the code and templates into the catalogues
# (sinet_node/web/locale); then translate what it lists as missing.
messages: venv
	$(BIN)/python -m sinet_node.web.i18n.messages

clean:
	rm -rf $(VENV) $(DEMO_DIR) build *.egg-info
