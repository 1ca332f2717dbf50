//! Capstan scheduler.
