"""How much a dossier import holds and reads at a time.

The engine reads these as `limits.NAME` where it uses them (not copied into its modules), so a test can
shrink a batch or the error list in one place.
"""

BATCH_SIZE = 2000  # rows checked, compared with the stored records and gathered for the write together
LOOKUP_CHUNK = 500  # ids in one IN (...) of a read, below SQLite's 999 parameters
MAX_ERRORS = 200  # error messages kept; the rest are only counted
PROGRESS_EVERY = 10_000  # rows between two progress reports (the jobs report every batch)
