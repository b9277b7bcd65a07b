"""Competitor benchmarking: audit many stores side by side, locally or on a Dask cluster."""
