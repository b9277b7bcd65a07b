# The two commands of the README. Each installs what is missing first.
.PHONY: demo test benchmark

demo:        ## audit the bundled demo store and print where the report is
	@scripts/setup.sh
	.venv/bin/uxaudit demo

test:        ## run the whole test suite (browser tests in parallel workers)
	@scripts/setup.sh --test
	.venv/bin/python -m pytest -n 2 --dist loadgroup --durations=30

benchmark:   ## slow timing benchmarks, not part of `make test`
	@scripts/setup.sh --test
	.venv/bin/python -m pytest -m benchmark -s tests/benchmarks
