"""The profile's product catalogue: the one shipped with the app (resources/reference/
product_catalogue.json), or a newer one imported or published since, kept whole as
<profile folder>/reference/product_catalogue.json (public data, so a plain file beside the
database).  Unlike the calendar's years, a newer catalogue replaces the older one whole: a
product head office withdrew is gone.

`hold_profile_catalogue(data_dir)` makes the profile's catalogue the one `current_catalogue()`
answers for whatever the process does next (the proposal rules, the receipts' cooling-off days,
the editor's product picker); `import_catalogue(data_dir, raw)` checks a file whole and installs
it only when its version is newer than the one held, else nothing changes.  The sync's pull of
head office's published catalogue calls the same `import_catalogue`.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from app.reference.profile_copy import newer_file, read_copy, write_copy
from app.rules.product_catalogue import ProductCatalogue, parse_catalogue

SHIPPED_RESOURCE = "reference/product_catalogue.json"  # inside the resources package
PROFILE_FILE = Path("reference") / "product_catalogue.json"

_held: ProductCatalogue | None = None


@cache
def shipped_catalogue() -> ProductCatalogue:
    return parse_catalogue(resources.files("resources").joinpath(SHIPPED_RESOURCE).read_bytes())


def profile_file(data_dir: Path) -> Path:
    return data_dir / PROFILE_FILE


def imported_catalogue(data_dir: Path) -> ProductCatalogue | None:
    """The catalogue installed into this profile, or None (none, or a copy that no longer reads:
    logged, and the shipped catalogue is used)."""
    return read_copy(profile_file(data_dir), parse_catalogue, "product catalogue")


def held_catalogue(data_dir: Path) -> ProductCatalogue:
    """The profile's catalogue: the imported one when newer than the shipped one."""
    shipped = shipped_catalogue()
    imported = imported_catalogue(data_dir)
    return imported if imported is not None and imported.version > shipped.version else shipped


def hold(catalogue: ProductCatalogue | None) -> None:
    """Use `catalogue` from now on (None: the shipped one again)."""
    global _held
    _held = catalogue


def current_catalogue() -> ProductCatalogue:
    """The catalogue of the profile open in this process (the shipped one before any is open)."""
    return _held if _held is not None else shipped_catalogue()


def hold_profile_catalogue(data_dir: Path) -> ProductCatalogue:
    """Make `current_catalogue` answer with this profile's catalogue; returns it."""
    catalogue = held_catalogue(data_dir)
    hold(catalogue)
    return catalogue


def import_catalogue(data_dir: Path, raw: bytes, name: str | None = None) -> ProductCatalogue:
    """Install the catalogue file `raw` into the profile and hold it; InvalidInput (nothing
    changed) when it is not a valid catalogue or not newer than the one held."""
    incoming = newer_file(raw, parse_catalogue, held_catalogue(data_dir), name, "product catalogue", "产品目录")
    write_copy(profile_file(data_dir), incoming.to_json(), "catalogue")
    return hold_profile_catalogue(data_dir)
