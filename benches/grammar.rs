//! Quantity-grammar throughput on FA-KES: `find_quantities` over every title and
//! article text, one thread. Run with `cargo bench --bench grammar`.
//!
//! Reads `../shared/corpora/fa-kes/FA-KES-Dataset.csv` (or the file named by
//! `RECOUNT_BENCH_CORPUS`); prints MB/s of text and quantities per second.

use recount::extract::quantity_phrase::find_quantities;
use std::path::PathBuf;
use std::time::Instant;

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
    // Warm up, then time enough rounds for a stable figure.
    let found: usize = texts.iter().map(|t| find_quantities(t).len()).sum();
    let rounds = 50;
    let t = Instant::now();
    for _ in 0..rounds {
        for text in &texts {
            std::hint::black_box(find_quantities(text));
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "find_quantities: {:.1} MB of text, {found} quantities; {:.0} MB/s, {:.0} quantities/s (one thread)",
        bytes as f64 / 1e6,
        (bytes * rounds) as f64 / 1e6 / secs,
        (found * rounds) as f64 / secs
    );
}
