//! Quantity-grammar throughput on FA-KES: `find_quantities` over every title and
//! article text, one thread. Run with `cargo bench --bench grammar`.
//!
//! Reads `../shared/corpora/fa-kes/FA-KES-Dataset.csv` (or the file named by
//! `RECOUNT_BENCH_CORPUS`); prints the best and the median MB/s of text over 30 rounds.

use recount::extract::quantity_phrase::find_quantities;
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
    let mut rdr = match csv::Reader::from_path(&path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("skipping: {}: {e}", path.display());
            return;
        }
    };
    let texts: Vec<String> = rdr
        .records()
        .filter_map(Result::ok)
        .flat_map(|r| {
            [
                r.get(1).unwrap_or("").to_string(),
                r.get(2).unwrap_or("").to_string(),
            ]
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    // Warm up, then time each round: the best round is the figure least disturbed by
    // other work on the machine, the median the typical one.
    let found: usize = texts.iter().map(|t| find_quantities(t).len()).sum();
    let mut rates: Vec<f64> = (0..30)
        .map(|_| {
            let t = Instant::now();
            for text in &texts {
                std::hint::black_box(find_quantities(text));
            }
            bytes as f64 / 1e6 / t.elapsed().as_secs_f64()
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    println!(
        "find_quantities: {:.1} MB of text, {found} quantities; one thread: best {:.0} MB/s, median {:.0} MB/s",
        bytes as f64 / 1e6,
        rates[rates.len() - 1],
        rates[rates.len() / 2]
    );
}
