//! One module per subcommand.

pub mod export;
pub mod import;
pub mod list;
pub mod send;
pub mod snippet;
pub mod vault;
