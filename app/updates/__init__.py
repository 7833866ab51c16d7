"""New versions announced: what head office says is the current app version, as this laptop
holds it, and whether to tell the manager (never downloading or running anything)."""
