//! `recount extract`: print claims.
use super::{InputArgs, RulesArgs};
use clap::Args;

#[derive(Args, Debug)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub rules: RulesArgs,
    /// Read this text instead of files.
    #[arg(long)]
    pub text: Option<String>,
}

pub fn run(_args: ExtractArgs) -> u8 {
    super::warn("recount extract: not built yet");
    2
}
