"""The application layer: one context that composes the core, and the use cases that the GUI,
the CLI and the self-test all drive (docs/architecture.md). Nothing here imports Qt."""
