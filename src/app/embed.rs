//! (Being written by another developer; this placeholder only keeps the crate compiling.)
