//! Shared helpers for the whole-program tests live in `integration/`.
