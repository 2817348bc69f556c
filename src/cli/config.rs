//! `recount config`: the settings in force, each with where it came from (a default,
//! a line of recount.toml, or a flag). This module also holds the run's settings file,
//! read once before any command runs.

use super::check::GateArgs;
use super::{InputArgs, RulesArgs};
use clap::Args;
use recount::config::{self, Config, Setting};
use std::path::Path;
use std::sync::OnceLock;

static SETTINGS: OnceLock<Config> = OnceLock::new();

/// Read the settings file: `--config PATH`, else none with `--no-config`, else the
/// `recount.toml` found upward from the working directory. Errors are printed; Err
/// is the exit code.
pub fn init(path: Option<&Path>, no_config: bool) -> Result<(), u8> {
    let file = match path {
        Some(p) => Some(p.to_path_buf()),
        None if no_config => None,
        None => config::find(Path::new(".")),
    };
    let cfg = match file {
        None => Config::default(),
        Some(f) => match config::load(&f) {
            Ok(c) => c,
            Err(errors) => {
                report(&errors);
                return Err(2);
            }
        },
    };
    let _ = SETTINGS.set(cfg);
    Ok(())
}

/// The settings file's settings (defaults when there is none).
pub fn current() -> &'static Config {
    SETTINGS.get_or_init(Config::default)
}

/// Print settings errors with a count.
pub fn report(errors: &[config::ConfigError]) {
    for e in errors {
        eprintln!("{e}");
    }
    eprintln!(
        "recount: {} error{} in settings",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    );
}

/// The settings with the flags of a command laid over them: flags win, `--rules`
/// adds packs after the file's.
pub fn merged(input: &InputArgs, rules: &RulesArgs, gate: Option<&GateArgs>) -> Config {
    let mut c = current().clone();
    for p in &rules.rules {
        c.rules.push(Setting::flag(p.clone(), "--rules"));
    }
    if rules.no_default_rules {
        c.default_rules = Setting::flag(false, "--no-default-rules");
    }
    let columns = [
        ("text", &input.text_column, "--text-column"),
        ("source", &input.source_column, "--source-column"),
        ("date", &input.date_column, "--date-column"),
        ("place", &input.place_column, "--place-column"),
        ("title", &input.title_column, "--title-column"),
        ("id", &input.id_column, "--id-column"),
        ("event", &input.event_column, "--event-column"),
    ];
    for (key, value, flag) in columns {
        if let (Some(v), Some(slot)) = (value, c.columns.get_mut(key)) {
            *slot = Some(Setting::flag(v.clone(), flag));
        }
    }
    if let Some(o) = input.date_order {
        let order = match o {
            super::DateOrderArg::Dmy => recount::date::DateOrder::Dmy,
            super::DateOrderArg::Mdy => recount::date::DateOrder::Mdy,
        };
        c.date_order = Some(Setting::flag(order, "--date-order"));
    }
    if let Some(g) = gate {
        if let Some(f) = g.fail_on {
            c.fail_on = Setting::flag(f.into(), "--fail-on");
        }
        if let Some(s) = g.min_severity {
            c.min_severity = Setting::flag(s.into(), "--min-severity");
        }
    }
    c
}

#[derive(Args, Debug)]
pub struct ConfigArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub rules: RulesArgs,
    #[command(flatten)]
    pub gate: GateArgs,
}

pub fn run(args: ConfigArgs) -> u8 {
    if let Some(p) = args.input.paths.first() {
        eprintln!(
            "recount: `recount config` takes no paths (got `{}`); it prints the settings in force",
            p.display()
        );
        return 2;
    }
    // The rules must load and accept the settings (disabled ids, severities, lexicon).
    if super::load_rules(&args.rules).is_none() {
        return 2;
    }
    let cfg = merged(&args.input, &args.rules, Some(&args.gate));
    let mut out = super::Out::new();
    out.write_str(&cfg.render());
    0
}
