"""One module per ``wire`` subcommand; :mod:`streams.cli` only declares them."""
