//! The `localpost` command: parses arguments, opens the store, dispatches, reports failure.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

mod cli;
mod commands;
mod exit;
mod lookup;
mod output;

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use localpost_core::store::{self, Store};
use localpost_core::vault::{OsKeychain, Vault};

use cli::{Cli, Command};
use exit::Failure;

fn main() -> ExitCode {
    use clap::CommandFactory;
    let (args, warnings) = cli::reporters::expand(std::env::args_os().collect(), &Cli::command());
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    let cli = Cli::parse_from(args);
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if !failure.message.is_empty() {
                eprintln!("error: {}", failure.message);
            }
            failure.exit_code()
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    // A run from a collection file never opens the user's store or keychain.
    if let Command::Run(args) = &cli.command
        && commands::run::is_file_run(args)
    {
        return commands::run::from_file(args);
    }
    let dir = match cli.data_dir {
        Some(dir) => dir,
        None => store::default_data_dir().ok_or_else(|| {
            Failure::usage("no data directory on this platform; pass --data-dir DIR")
        })?,
    };
    // Credentials typed into auth settings are sealed with the data key in the keychain; it is
    // only read when such a value is written or read.
    let sealer = Arc::new(Vault::new(OsKeychain::new(&cli.keychain_service)));
    let store = Store::open_dir(&dir)?.with_sealer(sealer);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match &cli.command {
        Command::List(args) => commands::list::run(&store, args, &mut out),
        Command::Send(args) => commands::send::run(&store, &cli.keychain_service, args, &mut out),
        Command::Run(args) => commands::run::stored(&store, &cli.keychain_service, args),
        Command::Vault(cmd) => commands::vault::run(&store, &cli.keychain_service, cmd, &mut out),
        Command::Import(args) => {
            commands::import::run(&store, &cli.keychain_service, args, &mut out)
        }
        Command::Export(cmd) => commands::export::run(&store, cmd, &mut out),
        Command::Auth(cli::AuthCommand::Token(args)) => {
            commands::auth::token(&store, &cli.keychain_service, args, &mut out)
        }
        Command::Cookies(cmd) => {
            commands::cookies::run(&store, &cli.keychain_service, cmd, &mut out)
        }
        Command::History(args) => {
            commands::history::run(&store, &cli.keychain_service, args, &mut out)
        }
        Command::Workspace(cmd) => commands::workspace::run(&store, cmd, &mut out),
    }
}
