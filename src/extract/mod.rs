//! Claim extraction: from document text to [`Claim`](crate::claim::Claim)s.
