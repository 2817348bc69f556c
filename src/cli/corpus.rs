//! `recount corpus`: list loaded documents.
use super::InputArgs;
use clap::Args;

#[derive(Args, Debug)]
pub struct CorpusArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

pub fn run(_args: CorpusArgs) -> u8 {
    super::warn("recount corpus: not built yet");
    2
}
