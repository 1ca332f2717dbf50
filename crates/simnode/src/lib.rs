//! Capstan simnode.
