//! Check throughput: `check::run` over synthetic claims with rules like the default
//! packs', one thread, then all threads. Run with `cargo bench --bench check`; an
//! argument (or `RECOUNT_BENCH_CLAIMS`) sets the number of claims, 1,000,000 by
//! default.
//!
//! The batch is generated deterministically: many events (a place and a day, a few
//! places busier than the rest), several documents each, a few concepts and
//! subjects, parts, coordinated figures, running tallies, percentages, attributed
//! figures, and some documents that disagree with the rest. The days the batch spans
//! grow with its size, so that events per place and day stay the same.

#[path = "common/synth.rs"]
mod synth;

use recount::check;
use recount::claim::Claim;
use recount::rules::RuleSet;
use std::time::Instant;
use synth::{generate, rules};

// The allocator the `recount` binary runs with, so that figures match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let n = std::env::args()
        .skip(1)
        .find_map(|a| a.replace('_', "").parse::<usize>().ok())
        .or_else(|| {
            std::env::var("RECOUNT_BENCH_CLAIMS")
                .ok()
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(1_000_000);
    let t = Instant::now();
    let claims = generate(n);
    println!(
        "generated {} claims in {:.2} s",
        claims.len(),
        t.elapsed().as_secs_f64()
    );
    let rules = rules();

    per_rule(&rules, &claims);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .map(|pool| pool.install(|| timed("1 thread", &rules, &claims)));
    if let Err(e) = one {
        eprintln!("no single-thread pool: {e}");
    }
    timed(
        &format!("{} threads", rayon::current_num_threads()),
        &rules,
        &claims,
    );
}

fn timed(label: &str, rules: &RuleSet, claims: &[Claim]) -> usize {
    let t = Instant::now();
    let found = check::run(rules, claims);
    let secs = t.elapsed().as_secs_f64();
    let mut by_rule: Vec<(&str, usize)> = Vec::new();
    for f in &found {
        match by_rule.iter_mut().find(|(r, _)| *r == f.rule) {
            Some((_, k)) => *k += 1,
            None => by_rule.push((&f.rule, 1)),
        }
    }
    by_rule.sort();
    println!(
        "check {label}: {} claims in {secs:.2} s = {:.0} claims/s, {} findings",
        claims.len(),
        claims.len() as f64 / secs.max(1e-9),
        found.len()
    );
    for (r, k) in by_rule {
        println!("  {r}: {k}");
    }
    found.len()
}

/// Where the time goes: indexing, then each rule on its own.
fn per_rule(rules: &RuleSet, claims: &[Claim]) {
    let t = Instant::now();
    let ctx = check::Context::new(claims);
    println!("  index: {:.2} s", t.elapsed().as_secs_f64());
    for r in &rules.rules {
        let t = Instant::now();
        let mut found = Vec::new();
        check::check_rule(r, &ctx, &mut found);
        println!(
            "  {}: {:.2} s, {} findings",
            r.id,
            t.elapsed().as_secs_f64(),
            found.len()
        );
    }
}
