"""foitrack: track UK Freedom of Information requests kept as plain TOML files."""

__version__ = "0.1.0"
