//! The report model.
