//! The checks: each kind in its own file, applied by [`run`] to all claims of a batch.
