//! Capstan controllers.
