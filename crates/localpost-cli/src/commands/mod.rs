//! One module per subcommand.

pub mod auth;
pub mod export;
pub mod import;
pub mod list;
pub mod send;
pub mod snippet;
pub mod vault;
