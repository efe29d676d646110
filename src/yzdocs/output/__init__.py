"""Writing outputs: PDF conversion, atomic file writes, build manifests."""
