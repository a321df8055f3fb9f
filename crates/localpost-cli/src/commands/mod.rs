//! One module per subcommand.

pub mod list;
pub mod send;
pub mod vault;
