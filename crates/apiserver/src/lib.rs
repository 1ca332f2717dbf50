//! Capstan apiserver.
