"""Reverse-mode autodiff owned by the frontend: one tape mechanism for every backend."""
