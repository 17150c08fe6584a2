// Synthetic ledger generator: see Tools/README.md.
