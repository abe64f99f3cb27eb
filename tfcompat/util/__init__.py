"""Small utilities shared by the frontend."""
