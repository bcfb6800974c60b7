//! `xephang bench`: times the engine on the cases of issue 3 and prints one JSON line per case.
//!
//! - `rerank_63x6`: re-ranking 63 units × 6 categories under new weights, the work done on every
//!   slider move: normalise the weights, score every row, competition-rank with the tie rule
//!   (buffers reused, as the app does). Median of many batches, in ns per re-rank.
//! - `rank_group_63x6`: the same through `rank_group` (builds the matrix, sorts by rank then
//!   Vietnamese name, allocates the result): the cost of the convenient API, for comparison.
//! - `rerank_10000x20`: the hot path on a synthetic 10,000 units × 20 categories.
//! - `monte_carlo_10000x63`: 10,000 Monte Carlo samples (±25 % uniform) over 63 units × 6.
//!
//! Data come from a seeded RNG, so every run times the same numbers. Run it from a release
//! build (`cargo run --release -- bench`); a debug build says so in its `profile` field.

use crate::engine::dataset::{Category, Dataset, Group, Official, Text, Unit, WeightBasis, FORMAT};
use crate::engine::score::{self, Options};
use crate::engine::uncertainty::{MonteCarlo, Noise, Settings};
use rand::Rng;
use rand_core::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;
use std::ffi::OsString;
use std::hint::black_box;
use std::time::Instant;

pub fn run(args: Vec<OsString>) -> i32 {
    if let Some(a) = args.first() {
        if a == "-h" || a == "--help" {
            println!("usage: xephang bench   (prints one JSON line per case)");
            return 0;
        }
        eprintln!("xephang bench: unexpected argument {a:?}\nusage: xephang bench");
        return 2;
    }
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };

    let ds = synthetic(63, 6, 1);
    let (ns, runs) = rerank_ns(&ds, 1000, 301);
    report("rerank_63x6", 63, 6, ns, runs, 2_000.0, profile);

    let mut times = Vec::new();
    let w = ds.default_weights();
    for i in 0..301 {
        let start = Instant::now();
        for j in 0..100 {
            let mut w = w.clone();
            w[(i + j) % 6] += 0.5;
            black_box(score::rank_group(&ds, "g", &w, Options::default()).ok());
        }
        times.push(start.elapsed().as_nanos() as f64 / 100.0);
    }
    report(
        "rank_group_63x6",
        63,
        6,
        median(&mut times),
        301,
        f64::NAN,
        profile,
    );

    let big = synthetic(10_000, 20, 2);
    let (ns, runs) = rerank_ns(&big, 1, 101);
    report(
        "rerank_10000x20",
        10_000,
        20,
        ns,
        runs,
        2_000_000.0,
        profile,
    );

    let mut times = Vec::new();
    let settings = Settings {
        noise: Noise::Uniform { percent: 25.0 },
        samples: 10_000,
        seed: 7,
        options: Options::default(),
    };
    for _ in 0..21 {
        let start = Instant::now();
        match MonteCarlo::for_group(&ds, "g", &w, settings) {
            Ok(mut mc) => {
                mc.step(10_000);
                black_box(mc.result());
            }
            Err(p) => {
                eprintln!("xephang bench: {p}");
                return 1;
            }
        }
        times.push(start.elapsed().as_nanos() as f64);
    }
    report(
        "monte_carlo_10000x63",
        63,
        6,
        median(&mut times),
        21,
        50_000_000.0,
        profile,
    );
    0
}

/// Median ns per re-rank on the hot path, over `batches` batches of `per_batch` re-ranks, each
/// with slightly different weights (so nothing can be hoisted out of the loop).
fn rerank_ns(ds: &Dataset, per_batch: usize, batches: usize) -> (f64, usize) {
    let m = score::matrix(ds, "g");
    let base = ds.default_weights();
    let mut w = base.clone();
    let mut scores = Vec::with_capacity(m.rows());
    let mut order = Vec::with_capacity(m.rows());
    let mut ranks = Vec::with_capacity(m.rows());
    let mut times = Vec::with_capacity(batches);
    for b in 0..batches {
        let start = Instant::now();
        for i in 0..per_batch {
            w.copy_from_slice(&base);
            w[(b + i) % base.len()] += 0.25;
            if let Ok(wn) = score::normalize_weights(black_box(&w)) {
                score::score_rows(&m, &wn, Options::default(), &mut scores);
                score::competition_ranks_into(&scores, ds.precision, &mut order, &mut ranks);
            }
            black_box(&ranks);
        }
        times.push(start.elapsed().as_nanos() as f64 / per_batch as f64);
    }
    (median(&mut times), batches * per_batch)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn report(case: &str, units: usize, cats: usize, ns: f64, runs: usize, target: f64, profile: &str) {
    let mut line = serde_json::json!({
        "case": case,
        "units": units,
        "categories": cats,
        "median_ns": ns.round(),
        "runs": runs,
        "profile": profile,
    });
    if target.is_finite() {
        line["target_ns"] = serde_json::json!(target);
        line["met"] = serde_json::json!(ns < target);
    }
    println!("{line}");
}

/// A synthetic dataset of one group "g": scores uniform in 0..1 rounded to 4 decimals (as
/// published figures are, so ties occur), weights 1, 2, … per category.
pub(crate) fn synthetic(n_units: usize, n_cat: usize, seed: u64) -> Dataset {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let categories: Vec<Category> = (0..n_cat)
        .map(|c| Category {
            id: format!("c{c}"),
            name: Text::new(format!("Hạng mục {c}"), format!("Category {c}")),
            weight: Some(1.0 + c as f64),
            max_points: None,
        })
        .collect();
    let units = (0..n_units)
        .map(|i| Unit {
            id: format!("u{i}"),
            name: format!("Đơn vị {i}"),
            group: "g".into(),
            scores: categories
                .iter()
                .map(|c| {
                    let x: f64 = rng.random();
                    (c.id.clone(), Some((x * 10_000.0).round() / 10_000.0))
                })
                .collect(),
            category_ranks: Default::default(),
            official: Official::default(),
            sources: vec![],
            note: None,
        })
        .collect();
    Dataset {
        format: FORMAT.into(),
        id: "synthetic".into(),
        title: Text::new("Tổng hợp", "Synthetic"),
        edition: 2024,
        series: None,
        published: None,
        publisher: Text::new("—", "—"),
        sources: vec![],
        notes: None,
        categories,
        weight_basis: WeightBasis::Official,
        weight_note: None,
        groups: vec![Group {
            id: "g".into(),
            name: Text::new("Nhóm", "Group"),
            units_evaluated: None,
        }],
        precision: 4,
        units,
        coverage: vec![],
    }
}
