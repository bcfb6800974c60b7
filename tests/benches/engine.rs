//! Criterion benchmarks of the engine, the same cases as `xephang bench` (issue 3):
//! re-rank 63 × 6 (target < 2 µs), re-rank a synthetic 10,000 × 20 (< 2 ms), and Monte Carlo
//! 10,000 samples over 63 units (< 50 ms). Run with `cargo bench --bench engine`.
//!
//! The synthetic data mirror `xephang bench` (same generator, same seeds): the CLI's generator
//! is private to the binary's module tree, so it is repeated here.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rand::Rng;
use rand_core::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;
use xephang::engine::score::{self, Matrix, Options};
use xephang::engine::uncertainty::{MonteCarlo, Noise, Settings};

/// Scores uniform in 0..1 rounded to 4 decimals; weights 1, 2, … per category.
fn synthetic(n: usize, k: usize, seed: u64) -> (Matrix, Vec<f64>) {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let values = (0..n * k)
        .map(|_| (rng.random::<f64>() * 10_000.0).round() / 10_000.0)
        .collect();
    let m = Matrix {
        units: (0..n).collect(),
        n_cat: k,
        values,
    };
    (m, (0..k).map(|c| 1.0 + c as f64).collect())
}

/// The hot path of a slider move: normalise, score every row, competition-rank.
fn rerank(c: &mut Criterion, name: &str, n: usize, k: usize, seed: u64) {
    let (m, base) = synthetic(n, k, seed);
    let mut scores = Vec::with_capacity(n);
    let mut order = Vec::with_capacity(n);
    let mut ranks = Vec::with_capacity(n);
    let mut w = base.clone();
    let mut i = 0usize;
    c.bench_function(name, |b| {
        b.iter(|| {
            w.copy_from_slice(&base);
            w[i % k] += 0.25;
            i += 1;
            let wn = score::normalize_weights(black_box(&w)).unwrap();
            score::score_rows(&m, &wn, Options::default(), &mut scores);
            score::competition_ranks_into(&scores, 4, &mut order, &mut ranks);
            black_box(&ranks);
        })
    });
}

fn benches(c: &mut Criterion) {
    rerank(c, "rerank_63x6", 63, 6, 1);
    rerank(c, "rerank_10000x20", 10_000, 20, 2);
    let (m, w) = synthetic(63, 6, 1);
    let settings = Settings {
        noise: Noise::Uniform { percent: 25.0 },
        samples: 10_000,
        seed: 7,
        options: Options::default(),
    };
    let mut group = c.benchmark_group("monte_carlo");
    group.sample_size(20);
    group.bench_function("monte_carlo_10000x63", |b| {
        b.iter(|| {
            let mut mc = MonteCarlo::new(m.clone(), &w, 4, settings).unwrap();
            mc.step(10_000);
            black_box(mc.result())
        })
    });
    group.finish();
}

criterion_group!(engine, benches);
criterion_main!(engine);
