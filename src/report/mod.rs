//! Renderers: one finding model, one small file per output format.
