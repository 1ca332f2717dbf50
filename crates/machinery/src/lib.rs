//! Capstan machinery.
