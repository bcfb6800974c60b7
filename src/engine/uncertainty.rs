//! How much a ranking depends on the weights: Monte Carlo over weights, after the JRC/OECD
//! composite-indicator practice (the sensitivity analysis of the R package COINr).
//!
//! Every sample draws a weight vector around the user's chosen weights, scores and ranks the
//! group with it, and counts each unit's rank. From the counts come, per unit, the median rank,
//! the 5–95 % rank interval and the share of samples in which the unit ranks first. A unit whose
//! interval is narrow keeps its place whatever reasonable weights one picks; a wide interval
//! says the place is an artefact of the weights.
//!
//! Two ways to draw weights:
//! - [`Noise::Uniform`]: each weight is multiplied by `1 + u`, `u` uniform in `[−p %, +p %)`,
//!   then the weights are renormalised to sum 1 (COINr's "vary each weight by ±p %").
//! - [`Noise::Dirichlet`]: the weights are drawn from a Dirichlet distribution whose mean is the
//!   chosen weights, `αᵢ = concentration × wᵢ`; a larger concentration means less noise (the
//!   variance of weight `i` is `wᵢ(1 − wᵢ)/(concentration + 1)`).
//!
//! In both, a weight of zero stays zero: the user switched that category off, and noise should
//! not switch it back on.
//!
//! The draws come from Xoshiro256++ seeded with a `u64`, so a seed gives the same result on every
//! machine and in the browser, and the result does not depend on how the work is cut into
//! chunks: [`MonteCarlo::step`] lets the web app run a few hundred samples per animation frame
//! without freezing the page, and [`run`] does it all at once.
//!
//! Ranks are the engine's ranks: standard competition ranking (1-2-2-4) of the scores rounded to
//! the dataset's `precision`, as in [`score::competition_ranks`]. Units that are not ranked under
//! the chosen missing-data policy are not ranked in any sample and get no interval.
//!
//! Everything is preallocated in [`MonteCarlo::new`]: a sample allocates nothing, which is what
//! makes 10,000 samples over 63 units take a few milliseconds.

use super::dataset::Dataset;
use super::score::{self, Matrix, Options};
use super::validate::{self, Problem};
use rand::Rng;
use rand_core::SeedableRng;
use rand_distr::{Distribution, Gamma};
use rand_xoshiro::Xoshiro256PlusPlus;

/// The most units a Monte Carlo run accepts. The rank counts take `units²` integers (16 MB at
/// this size), which is the memory a browser tab can spare; real groups have at most 63 units.
pub const MAX_UNITS: usize = 2000;

/// The most samples a run accepts: far beyond what the percentiles need (10,000 is usual), and
/// small enough that the rank counts cannot overflow.
pub const MAX_SAMPLES: u32 = 10_000_000;

/// How the weights are drawn around the chosen weights.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Noise {
    /// Each weight times `1 + u`, `u` uniform in `[−percent/100, +percent/100)`, then
    /// renormalised. `percent` is in `0..=100` (above 100 a weight could turn negative).
    Uniform { percent: f64 },
    /// Dirichlet with `αᵢ = concentration × wᵢ` (mean: the chosen weights). `concentration` is
    /// in [`CONCENTRATION`] (0.001 to 10⁶); larger means closer to the chosen weights.
    Dirichlet { concentration: f64 },
}

/// What to run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub noise: Noise,
    /// How many weight vectors to draw in total (1..=[`MAX_SAMPLES`]).
    pub samples: u32,
    pub seed: u64,
    /// Aggregation and missing-data policy, as for the ranking itself.
    pub options: Options,
}

/// The rank distribution of one unit over the samples.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitUncertainty {
    /// Index into `Dataset::units`.
    pub unit: usize,
    /// Samples in which the unit was ranked (all of them, or none when it is not ranked).
    pub ranked_samples: u32,
    /// The median rank (the lower median: the smallest rank reached or beaten in half the
    /// samples). `None` when the unit was never ranked.
    pub median_rank: Option<u32>,
    /// The 5th percentile of the rank (the better end of the interval).
    pub p05: Option<u32>,
    /// The 95th percentile of the rank (the worse end).
    pub p95: Option<u32>,
    /// The share of samples (0..1) in which the unit ranked first, ties included.
    pub share_first: f64,
}

/// The result of a run (or of the part of it done so far).
#[derive(Clone, Debug, PartialEq)]
pub struct Uncertainty {
    /// Samples drawn so far.
    pub samples: u32,
    /// One entry per unit of the group, in the order of the matrix rows.
    pub units: Vec<UnitUncertainty>,
}

/// The sampler, prepared once for a group and weights.
enum Sampler {
    Uniform {
        half_width: f64,
    },
    /// One Gamma(αᵢ, 1) per category; `None` for a category with zero weight. When some αᵢ
    /// is below 1 (`small`), each is drawn as Gamma(αᵢ + 1, 1) and the draws are combined in
    /// logarithms (see [`MonteCarlo::draw_weights`]).
    Dirichlet {
        gammas: Vec<Option<(Gamma<f64>, f64)>>,
        small: bool,
    },
}

/// The range of Dirichlet concentrations accepted: beyond 10⁶ the draws are the chosen weights
/// to many decimals; below 10⁻³ every draw puts all the weight on one category.
pub const CONCENTRATION: std::ops::RangeInclusive<f64> = 0.001..=1_000_000.0;

/// A Monte Carlo run that can be advanced in chunks. It owns its data (no borrows), so the web
/// app can keep it between animation frames.
pub struct MonteCarlo {
    matrix: Matrix,
    precision: u32,
    options: Options,
    base: Vec<f64>,
    sampler: Sampler,
    rng: Xoshiro256PlusPlus,
    target: u32,
    done: u32,
    /// `hist[row * n + rank − 1]`: samples in which matrix row `row` had rank `rank`.
    hist: Vec<u32>,
    ranked: Vec<u32>,
    // Buffers reused by every sample.
    weights: Vec<f64>,
    scores: Vec<Option<f64>>,
    order: Vec<(i64, u32)>,
    ranks: Vec<Option<u32>>,
}

impl MonteCarlo {
    /// Prepares a run over the rows of `matrix` around `weights` (one per category, any positive
    /// scale: they are normalised). `precision` is the dataset's rounding for ties.
    pub fn new(
        matrix: Matrix,
        weights: &[f64],
        precision: u32,
        settings: Settings,
    ) -> Result<MonteCarlo, Problem> {
        let n = matrix.units.len();
        if n == 0 {
            return Err(Problem::new(
                "group",
                "nhóm không có đơn vị nào để xếp hạng",
                "the group has no units to rank",
            ));
        }
        if n > MAX_UNITS {
            return Err(Problem::new(
                "group",
                format!("nhóm có {n} đơn vị; mô phỏng Monte Carlo chỉ làm được tối đa {MAX_UNITS}"),
                format!("the group has {n} units; Monte Carlo is limited to {MAX_UNITS}"),
            ));
        }
        if matrix.values.len() != n.saturating_mul(matrix.n_cat) {
            return Err(validate::matrix_size(matrix.values.len(), n, matrix.n_cat));
        }
        if weights.len() != matrix.n_cat {
            return Err(validate::weight_count(matrix.n_cat, weights.len()));
        }
        if settings.samples == 0 || settings.samples > MAX_SAMPLES {
            return Err(Problem::new(
                "samples",
                format!("{} nằm ngoài khoảng 1..{MAX_SAMPLES}", settings.samples),
                format!("{} is outside 1..{MAX_SAMPLES}", settings.samples),
            ));
        }
        let base = score::normalize_weights(weights)?;
        let sampler = match settings.noise {
            Noise::Uniform { percent } => {
                if !(0.0..=100.0).contains(&percent) {
                    return Err(Problem::new(
                        "noise",
                        format!("{percent} nằm ngoài khoảng 0..100 (phần trăm của mỗi trọng số)"),
                        format!("{percent} is outside 0..100 (percent of each weight)"),
                    ));
                }
                Sampler::Uniform {
                    half_width: percent / 100.0,
                }
            }
            Noise::Dirichlet { concentration } => {
                if !CONCENTRATION.contains(&concentration) {
                    // 5e-324 written out would be 300 digits.
                    let c = if concentration == 0.0
                        || concentration.is_finite() && (1e-3..1e7).contains(&concentration.abs())
                    {
                        concentration.to_string()
                    } else {
                        format!("{concentration:e}")
                    };
                    return Err(Problem::new(
                        "concentration",
                        format!("{} nằm ngoài khoảng 0,001..1000000", c.replace('.', ",")),
                        format!("{c} is outside 0.001..1000000"),
                    ));
                }
                // αᵢ = concentration × wᵢ; one too small to be a normal number (a weight of
                // 10⁻³⁰⁰ beside weights of 1) is a category that the draws leave at 0.
                let alphas: Vec<f64> = base.iter().map(|w| concentration * w).collect();
                let small = alphas.iter().any(|a| a.is_normal() && *a < 1.0);
                let mut gammas = Vec::with_capacity(base.len());
                for &a in &alphas {
                    if !a.is_normal() {
                        gammas.push(None);
                        continue;
                    }
                    let g = Gamma::new(if small { a + 1.0 } else { a }, 1.0).map_err(|_| {
                        let shown = format!("{a:.3e}");
                        Problem::new(
                            "concentration",
                            format!(
                                "không rút được trọng số Dirichlet với α = {}",
                                shown.replace('.', ",")
                            ),
                            format!("cannot draw Dirichlet weights with α = {shown}"),
                        )
                    })?;
                    gammas.push(Some((g, a)));
                }
                if gammas.iter().all(Option::is_none) {
                    return Err(validate::all_zero("weights"));
                }
                Sampler::Dirichlet { gammas, small }
            }
        };
        let n_cat = matrix.n_cat;
        Ok(MonteCarlo {
            matrix,
            precision,
            options: settings.options,
            base,
            sampler,
            rng: Xoshiro256PlusPlus::seed_from_u64(settings.seed),
            target: settings.samples,
            done: 0,
            hist: vec![0; n * n],
            ranked: vec![0; n],
            weights: vec![0.0; n_cat],
            scores: Vec::with_capacity(n),
            order: Vec::with_capacity(n),
            ranks: Vec::with_capacity(n),
        })
    }

    /// Prepares a run for a group of a dataset.
    pub fn for_group(
        ds: &Dataset,
        group: &str,
        weights: &[f64],
        settings: Settings,
    ) -> Result<MonteCarlo, Problem> {
        if ds.group(group).is_none() {
            return Err(validate::unknown_group(ds, group));
        }
        MonteCarlo::new(score::matrix(ds, group), weights, ds.precision, settings)
    }

    /// Draws up to `n_samples` more samples (fewer when the run's total is reached) and returns
    /// how many it drew. The result does not depend on how the run is cut into steps.
    pub fn step(&mut self, n_samples: u32) -> u32 {
        let todo = n_samples.min(self.target - self.done);
        for _ in 0..todo {
            self.draw_weights();
            self.rank_sample();
        }
        self.done += todo;
        todo
    }

    /// Samples drawn so far.
    pub fn done(&self) -> u32 {
        self.done
    }

    /// The total the run was prepared for.
    pub fn total(&self) -> u32 {
        self.target
    }

    pub fn is_finished(&self) -> bool {
        self.done >= self.target
    }

    /// The rank distribution over the samples drawn so far (usable for a progressive display).
    pub fn result(&self) -> Uncertainty {
        let n = self.matrix.units.len();
        let units = (0..n)
            .map(|row| {
                let hist = &self.hist[row * n..(row + 1) * n];
                let count = self.ranked[row];
                UnitUncertainty {
                    unit: self.matrix.units[row],
                    ranked_samples: count,
                    median_rank: quantile(hist, count, 0.5),
                    p05: quantile(hist, count, 0.05),
                    p95: quantile(hist, count, 0.95),
                    share_first: if self.done == 0 {
                        0.0
                    } else {
                        f64::from(hist[0]) / f64::from(self.done)
                    },
                }
            })
            .collect();
        Uncertainty {
            samples: self.done,
            units,
        }
    }

    /// Fills `self.weights` with one draw, normalised to sum 1.
    fn draw_weights(&mut self) {
        match &self.sampler {
            Sampler::Uniform { half_width } => {
                for (w, &b) in self.weights.iter_mut().zip(&self.base) {
                    let u: f64 = self.rng.random();
                    *w = b * (1.0 + half_width * (2.0 * u - 1.0));
                }
            }
            Sampler::Dirichlet {
                gammas,
                small: false,
            } => {
                for (w, g) in self.weights.iter_mut().zip(gammas) {
                    *w = match g {
                        Some((g, _)) => g.sample(&mut self.rng),
                        None => 0.0,
                    };
                }
            }
            Sampler::Dirichlet {
                gammas,
                small: true,
            } => {
                // A Gamma(α, 1) draw with α well below 1 is often below 10⁻³⁰⁸: every category's
                // could round to zero, and the draw would be lost. In logarithms it is not:
                // Gamma(α) = Gamma(α + 1) · U^(1/α) (Marsaglia and Tsang), so
                // ln X = ln Gamma(α + 1) + ln U / α, and the weights are exp(ln Xᵢ − max ln X).
                let mut top = f64::NEG_INFINITY;
                for (w, g) in self.weights.iter_mut().zip(gammas) {
                    *w = match g {
                        Some((g, a)) => {
                            // U in (0, 1]: ln U is finite.
                            let u = 1.0 - self.rng.random::<f64>();
                            g.sample(&mut self.rng).ln() + u.ln() / a
                        }
                        None => f64::NEG_INFINITY,
                    };
                    top = top.max(*w);
                }
                for w in &mut self.weights {
                    *w = (*w - top).exp();
                }
            }
        }
        let sum: f64 = self.weights.iter().sum();
        if sum > 0.0 && sum.is_finite() {
            for w in &mut self.weights {
                *w /= sum;
            }
        } else {
            self.weights.copy_from_slice(&self.base);
        }
        // A category the chosen weights count counts in every draw, however small its drawn
        // weight: one that came out at exactly 0 (exp of a very negative logarithm, at a low
        // concentration) was skipped by the scoring, and a unit missing it, which the chosen
        // weights leave unranked, was ranked in that sample (Huế, first in half the samples of
        // MIC 2018 at concentration 0.001).
        for (w, &b) in self.weights.iter_mut().zip(&self.base) {
            if b > 0.0 && *w == 0.0 {
                *w = f64::MIN_POSITIVE;
            }
        }
    }

    /// Scores and ranks the rows with `self.weights` and counts the ranks. The ranking is the
    /// engine's own ([`score::competition_ranks_into`]), so a sample's ranks are exactly what
    /// the ranking view would show for those weights.
    fn rank_sample(&mut self) {
        score::score_rows(&self.matrix, &self.weights, self.options, &mut self.scores);
        score::competition_ranks_into(
            &self.scores,
            self.precision,
            &mut self.order,
            &mut self.ranks,
        );
        let n = self.matrix.units.len();
        for (row, rank) in self.ranks.iter().enumerate() {
            if let Some(rank) = *rank {
                let rank = (rank as usize).clamp(1, n);
                self.hist[row * n + rank - 1] += 1;
                self.ranked[row] += 1;
            }
        }
    }
}

/// Runs a whole Monte Carlo for a group at once.
pub fn run(
    ds: &Dataset,
    group: &str,
    weights: &[f64],
    settings: Settings,
) -> Result<Uncertainty, Problem> {
    let mut mc = MonteCarlo::for_group(ds, group, weights, settings)?;
    mc.step(settings.samples);
    Ok(mc.result())
}

/// The smallest rank `r` such that at least `q × count` samples have a rank ≤ `r` (the
/// inverse of the empirical distribution, R's quantile type 1): always a rank that occurred.
fn quantile(hist: &[u32], count: u32, q: f64) -> Option<u32> {
    if count == 0 {
        return None;
    }
    let need = ((q * f64::from(count)).ceil() as u64).max(1);
    let mut cum = 0u64;
    for (i, &c) in hist.iter().enumerate() {
        cum += u64::from(c);
        if cum >= need {
            return Some(i as u32 + 1);
        }
    }
    Some(hist.len() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::score::{Aggregation, MissingPolicy};

    fn matrix(rows: &[&[f64]]) -> Matrix {
        Matrix::from_rows(rows)
    }

    /// A copy of a matrix (built field by field: the tests do not rely on `Matrix: Clone`).
    fn dup(m: &Matrix) -> Matrix {
        Matrix {
            units: m.units.clone(),
            n_cat: m.n_cat,
            values: m.values.clone(),
        }
    }

    fn settings(noise: Noise, samples: u32, seed: u64) -> Settings {
        Settings {
            noise,
            samples,
            seed,
            options: Options::default(),
        }
    }

    fn random_matrix(n: usize, k: usize, seed: u64) -> Matrix {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        Matrix {
            units: (0..n).collect(),
            n_cat: k,
            values: (0..n * k).map(|_| rng.random::<f64>()).collect(),
        }
    }

    #[test]
    fn zero_noise_gives_the_plain_ranking_every_time() {
        let m = matrix(&[&[0.9, 0.8], &[0.5, 0.5], &[0.5, 0.5], &[0.1, 0.2]]);
        let mut mc = MonteCarlo::new(
            m,
            &[1.0, 1.0],
            4,
            settings(Noise::Uniform { percent: 0.0 }, 100, 7),
        )
        .unwrap();
        assert_eq!(mc.step(1000), 100);
        let r = mc.result();
        let medians: Vec<_> = r.units.iter().map(|u| u.median_rank).collect();
        assert_eq!(medians, vec![Some(1), Some(2), Some(2), Some(4)]);
        assert_eq!(r.units[0].share_first, 1.0);
        assert_eq!(r.units[3].p05, Some(4));
        assert_eq!(r.units[3].p95, Some(4));
    }

    #[test]
    fn same_seed_same_result_whatever_the_chunks() {
        for noise in [
            Noise::Uniform { percent: 50.0 },
            Noise::Dirichlet {
                concentration: 20.0,
            },
        ] {
            let m = random_matrix(30, 5, 1);
            let w = [1.0, 2.0, 3.0, 0.0, 1.0];
            let s = settings(noise, 2000, 42);
            let mut one = MonteCarlo::new(dup(&m), &w, 3, s).unwrap();
            one.step(u32::MAX);
            let mut chunked = MonteCarlo::new(dup(&m), &w, 3, s).unwrap();
            while !chunked.is_finished() {
                chunked.step(37);
            }
            assert_eq!(one.result(), chunked.result());
            let mut other = MonteCarlo::new(m, &w, 3, Settings { seed: 43, ..s }).unwrap();
            other.step(u32::MAX);
            assert_ne!(one.result(), other.result());
        }
    }

    #[test]
    fn ranks_agree_with_the_engine_ranking() {
        // With no noise every sample is the chosen weighting, so the counted rank must be the
        // engine's competition rank, ties at the precision included.
        for precision in [0, 1, 2, 4, 20] {
            let mut m = random_matrix(40, 3, precision as u64);
            for v in &mut m.values {
                *v = (*v * 20.0).round() / 20.0; // many ties
            }
            let w = [1.0, 1.0, 2.0];
            let mut scores = Vec::new();
            let wn = score::normalize_weights(&w).unwrap();
            score::score_rows(&m, &wn, Options::default(), &mut scores);
            let expected = score::competition_ranks(&scores, precision);
            let mut mc = MonteCarlo::new(
                m,
                &w,
                precision,
                settings(Noise::Uniform { percent: 0.0 }, 3, 1),
            )
            .unwrap();
            mc.step(3);
            let got: Vec<_> = mc.result().units.iter().map(|u| u.median_rank).collect();
            assert_eq!(got, expected, "precision {precision}");
        }
    }

    #[test]
    fn intervals_are_ordered_and_widen_with_noise() {
        let m = random_matrix(63, 6, 3);
        let w = [1.0; 6];
        let mut widths = Vec::new();
        for percent in [5.0, 50.0, 100.0] {
            let mut mc = MonteCarlo::new(
                dup(&m),
                &w,
                4,
                settings(Noise::Uniform { percent }, 2000, 9),
            )
            .unwrap();
            mc.step(2000);
            let r = mc.result();
            let mut width = 0;
            for u in &r.units {
                let (a, b, c) = (u.p05.unwrap(), u.median_rank.unwrap(), u.p95.unwrap());
                assert!(1 <= a && a <= b && b <= c && c <= 63);
                width += c - a;
            }
            let first: f64 = r.units.iter().map(|u| u.share_first).sum();
            assert!((first - 1.0).abs() < 1e-9 || first > 1.0); // ties may share first
            widths.push(width);
        }
        assert!(widths[0] < widths[1] && widths[1] < widths[2], "{widths:?}");
    }

    #[test]
    fn dirichlet_concentration_controls_the_spread() {
        let m = random_matrix(63, 6, 4);
        let w = [3.0, 1.0, 1.0, 1.0, 2.0, 2.0];
        let width = |c: f64| {
            let mut mc = MonteCarlo::new(
                dup(&m),
                &w,
                4,
                settings(Noise::Dirichlet { concentration: c }, 2000, 5),
            )
            .unwrap();
            mc.step(2000);
            mc.result()
                .units
                .iter()
                .map(|u| u.p95.unwrap() - u.p05.unwrap())
                .sum::<u32>()
        };
        assert!(width(1000.0) < width(10.0));
    }

    #[test]
    fn tiny_concentrations_still_draw() {
        // α = 0.005: most Gamma draws are below 10⁻³⁰⁸. Drawn in logarithms, each sample puts
        // nearly all the weight on one category, at random: each unit is first about half the
        // time (drawn directly, every draw was zero and the chosen weights stood in: a tie).
        let m = matrix(&[&[0.9, 0.1], &[0.1, 0.9]]);
        let s = settings(
            Noise::Dirichlet {
                concentration: 0.01,
            },
            2000,
            3,
        );
        let mut mc = MonteCarlo::new(m, &[1.0, 1.0], 2, s).unwrap();
        mc.step(2000);
        let r = mc.result();
        for u in &r.units {
            assert_eq!(u.ranked_samples, 2000);
            assert!((0.4..0.6).contains(&u.share_first), "{}", u.share_first);
        }
    }

    #[test]
    fn a_unit_missing_a_weighted_category_is_never_ranked_whatever_the_draw() {
        // At α = 0.001 a category's drawn weight is often exactly 0 after the scaling: the
        // first unit, missing category 1, was then scored on category 0 alone, and ranked.
        let m = matrix(&[&[0.9, f64::NAN], &[0.5, 0.5], &[0.2, 0.3]]);
        let noise = Noise::Dirichlet {
            concentration: 0.001,
        };
        let mut mc = MonteCarlo::new(m, &[1.0, 1.0], 2, settings(noise, 2000, 7)).unwrap();
        mc.step(2000);
        let r = mc.result();
        assert_eq!(r.units[0].ranked_samples, 0);
        assert_eq!(r.units[0].share_first, 0.0);
        assert!(r.units.iter().all(|u| u.p95.is_none_or(|p| p <= 2)));
    }

    #[test]
    fn zero_weights_stay_zero() {
        // Category 1 is switched off: a unit that only shines there never moves up.
        let m = matrix(&[&[0.9, 0.0], &[0.1, 1.0]]);
        for noise in [
            Noise::Uniform { percent: 100.0 },
            Noise::Dirichlet { concentration: 0.5 },
        ] {
            let mut mc = MonteCarlo::new(dup(&m), &[1.0, 0.0], 2, settings(noise, 500, 1)).unwrap();
            mc.step(500);
            let r = mc.result();
            assert_eq!(r.units[0].share_first, 1.0);
            assert_eq!(r.units[1].p05, Some(2));
        }
    }

    #[test]
    fn missing_rows_are_not_ranked_or_renormalised() {
        let m = matrix(&[&[0.9, f64::NAN], &[0.5, 0.5], &[0.2, 0.3]]);
        let s = settings(Noise::Uniform { percent: 20.0 }, 100, 1);
        let mut mc = MonteCarlo::new(dup(&m), &[1.0, 1.0], 2, s).unwrap();
        mc.step(100);
        let r = mc.result();
        assert_eq!(r.units[0].ranked_samples, 0);
        assert_eq!(r.units[0].median_rank, None);
        assert_eq!(r.units[1].median_rank, Some(1));
        let renorm = Settings {
            options: Options {
                aggregation: Aggregation::Arithmetic,
                missing: MissingPolicy::Renormalize,
            },
            ..s
        };
        let mut mc = MonteCarlo::new(m, &[1.0, 1.0], 2, renorm).unwrap();
        mc.step(100);
        assert_eq!(mc.result().units[0].median_rank, Some(1));
    }

    #[test]
    fn bad_input_is_a_problem_not_a_panic() {
        let m = matrix(&[&[0.5, 0.5]]);
        let ok = settings(Noise::Uniform { percent: 10.0 }, 10, 1);
        let err = |m: Matrix, w: &[f64], s: Settings| MonteCarlo::new(m, w, 2, s).err().unwrap();
        assert_eq!(err(matrix(&[]), &[], ok).path, "group");
        assert_eq!(err(dup(&m), &[1.0], ok).path, "weights");
        assert!(MonteCarlo::new(dup(&m), &[0.0, 0.0], 2, ok).is_err());
        assert!(MonteCarlo::new(dup(&m), &[f64::NAN, 1.0], 2, ok).is_err());
        assert!(MonteCarlo::new(dup(&m), &[-1.0, 1.0], 2, ok).is_err());
        for percent in [-1.0, 100.5, f64::NAN, f64::INFINITY] {
            let s = settings(Noise::Uniform { percent }, 10, 1);
            assert_eq!(err(dup(&m), &[1.0, 1.0], s).path, "noise");
        }
        for concentration in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let s = settings(Noise::Dirichlet { concentration }, 10, 1);
            assert_eq!(err(dup(&m), &[1.0, 1.0], s).path, "concentration");
        }
        assert_eq!(
            err(dup(&m), &[1.0, 1.0], Settings { samples: 0, ..ok }).path,
            "samples"
        );
        let bad = Matrix {
            units: vec![0, 1],
            n_cat: 2,
            values: vec![0.5],
        };
        assert_eq!(err(bad, &[1.0, 1.0], ok).path, "matrix");
        // NaN and infinite scores in the matrix do not panic.
        let odd = matrix(&[&[f64::NAN, f64::INFINITY], &[f64::NEG_INFINITY, 0.5]]);
        let mut mc = MonteCarlo::new(odd, &[1.0, 1.0], 2, ok).unwrap();
        mc.step(10);
        let _ = mc.result();
        // Dirichlet concentrations too small to draw are refused, with the concentration named.
        for concentration in [1e-300, 5e-324, 2e6] {
            let s = settings(Noise::Dirichlet { concentration }, 50, 1);
            let m = matrix(&[&[0.5, 0.1], &[0.2, 0.9]]);
            assert_eq!(err(m, &[1.0, 1.0], s).path, "concentration");
        }
    }

    #[test]
    fn quantiles_are_type_one() {
        assert_eq!(quantile(&[0, 0, 0], 0, 0.5), None);
        assert_eq!(quantile(&[1, 1, 0, 0], 2, 0.5), Some(1));
        assert_eq!(quantile(&[1, 1, 0, 0], 2, 0.95), Some(2));
        assert_eq!(quantile(&[5, 90, 5], 100, 0.05), Some(1));
        assert_eq!(quantile(&[5, 90, 5], 100, 0.06), Some(2));
        assert_eq!(quantile(&[5, 90, 5], 100, 0.95), Some(2));
        assert_eq!(quantile(&[5, 90, 5], 100, 0.96), Some(3));
    }
}
