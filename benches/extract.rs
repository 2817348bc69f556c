//! Extraction throughput on FA-KES: the whole pipeline from text to claims, one
//! thread, then all threads. Run with `cargo bench --bench extract`.
//!
//! Reads `../shared/corpora/fa-kes/FA-KES-Dataset.csv` (or the file named by
//! `RECOUNT_BENCH_CORPUS`); prints MB/s of article text and claims per second.

use rayon::prelude::*;
use recount::corpus::{self, Loaded};
use recount::extract::Extractor;
use std::path::PathBuf;
use std::time::Instant;

// The allocator the `recount` binary runs with, so that figures match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let path = std::env::var_os("RECOUNT_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/corpora/fa-kes/FA-KES-Dataset.csv")
        });
    if !path.exists() {
        eprintln!("skipping: {} not found", path.display());
        return;
    }
    let docs: Vec<_> = corpus::load(&[path], &corpus::LoadOptions::default())
        .filter_map(|l| match l {
            Loaded::Document(d) => Some(d),
            Loaded::Problem(_) => None,
        })
        .collect();
    let bytes: usize = docs
        .iter()
        .map(|d| d.text.len() + d.title.as_ref().map_or(0, String::len))
        .sum();
    let rules = match recount::rules::load_rules(true, &[]) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("rules failed to load: {e:?}");
            return;
        }
    };
    let ex = Extractor::new(rules.lexicon);
    // Warm up, then time enough rounds for a stable figure.
    let claims: usize = docs.iter().map(|d| ex.extract(d).len()).sum();
    let rounds = 20;
    let t = Instant::now();
    for _ in 0..rounds {
        for d in &docs {
            std::hint::black_box(ex.extract(d));
        }
    }
    let one = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for _ in 0..rounds {
        docs.par_iter().for_each(|d| {
            std::hint::black_box(ex.extract(d));
        });
    }
    let all = t.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "extract: {} documents, {:.2} MB, {} claims per pass",
        docs.len(),
        bytes as f64 / 1e6,
        claims
    );
    println!(
        "  1 thread : {:8.1} MB/s  {:10.0} claims/s",
        mb / one,
        (claims * rounds) as f64 / one
    );
    println!(
        "  {} threads: {:8.1} MB/s  {:10.0} claims/s",
        rayon::current_num_threads(),
        mb / all,
        (claims * rounds) as f64 / all
    );
}
