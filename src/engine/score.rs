//! Weighting, aggregation and ranking.
//!
//! The hot path (re-ranking while a slider is dragged, and thousands of times in the Monte Carlo)
//! works on a dense [`Matrix`] of one group's units × categories, with missing values as NaN, so
//! that scoring is a tight loop over floats and ranking is one sort of integer keys.

use super::collate;
use super::dataset::Dataset;
use super::validate::{self, Problem};

/// How category indices are combined into one score.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Aggregation {
    /// Weighted arithmetic mean: the official method (DTI; MIC's overall index is a weighted sum).
    #[default]
    Arithmetic,
    /// Weighted geometric mean: a weak category cannot be fully made up by a strong one.
    /// A zero in any weighted category gives a score of zero.
    Geometric,
}

/// What to do with a unit that lacks a value in a category that has weight.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MissingPolicy {
    /// The unit is not ranked and is listed apart with the categories it lacks (the default:
    /// a score over fewer categories is not comparable with the others).
    #[default]
    Exclude,
    /// The unit is scored over the categories it has, with their weights renormalised to sum 1.
    Renormalize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub aggregation: Aggregation,
    pub missing: MissingPolicy,
}

/// One group's category values: `units.len()` rows × `n_cat` columns, row-major, NaN = missing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Matrix {
    /// Row i holds `ds.units[units[i]]`.
    pub units: Vec<usize>,
    pub n_cat: usize,
    pub values: Vec<f64>,
}

impl Matrix {
    /// A matrix of the given rows (unit i = row i), for tests, benchmarks and callers that
    /// score data that is not in a dataset.
    pub fn from_rows(rows: &[&[f64]]) -> Matrix {
        Matrix {
            units: (0..rows.len()).collect(),
            n_cat: rows.first().map_or(0, |r| r.len()),
            values: rows.iter().flat_map(|r| r.iter().copied()).collect(),
        }
    }

    pub fn rows(&self) -> usize {
        self.units.len()
    }

    pub fn row(&self, i: usize) -> &[f64] {
        &self.values[i * self.n_cat..(i + 1) * self.n_cat]
    }

    /// Rows with a value in every category (none when there are no categories).
    pub fn complete_rows(&self) -> usize {
        (0..self.rows())
            .filter(|&i| self.n_cat > 0 && self.row(i).iter().all(|x| !x.is_nan()))
            .count()
    }
}

/// The matrix of a group, in the order units appear in the file.
pub fn matrix(ds: &Dataset, group: &str) -> Matrix {
    let mut m = Matrix {
        n_cat: ds.categories.len(),
        ..Matrix::default()
    };
    for (i, u) in ds.units.iter().enumerate() {
        if u.group == group {
            m.units.push(i);
            m.values.extend(
                ds.categories
                    .iter()
                    .map(|c| u.score(&c.id).unwrap_or(f64::NAN)),
            );
        }
    }
    m
}

/// Scales weights to sum 1. Refuses negative, non-finite or all-zero weights.
pub fn normalize_weights(w: &[f64]) -> Result<Vec<f64>, Problem> {
    if w.is_empty() {
        return Err(Problem::new(
            "weights",
            "không có trọng số nào",
            "no weights were given",
        ));
    }
    for (i, x) in w.iter().enumerate() {
        if !x.is_finite() || *x < 0.0 {
            return Err(validate::not_a_weight(format!("weights[{i}]"), *x));
        }
    }
    let sum: f64 = w.iter().sum();
    if sum <= 0.0 {
        return Err(validate::all_zero("weights"));
    }
    if !sum.is_finite() {
        // Weights near f64::MAX overflow their sum: only their ratios matter, so divide by the
        // largest first.
        let max = w.iter().copied().fold(0.0, f64::max);
        let sum: f64 = w.iter().map(|x| x / max).sum();
        return Ok(w.iter().map(|x| x / max / sum).collect());
    }
    Ok(w.iter().map(|x| x / sum).collect())
}

/// Scores every row of `m` with normalised weights into `out` (cleared first).
/// `None` means the row cannot be scored under `opts.missing`.
pub fn score_rows(m: &Matrix, w_norm: &[f64], opts: Options, out: &mut Vec<Option<f64>>) {
    out.clear();
    if w_norm.len() != m.n_cat {
        out.resize(m.rows(), None);
        return;
    }
    for i in 0..m.rows() {
        out.push(score_row(m.row(i), w_norm, opts));
    }
}

#[inline]
fn score_row(row: &[f64], w: &[f64], opts: Options) -> Option<f64> {
    let mut acc = 0.0;
    let mut used = 0.0;
    let mut zero = false;
    for (x, w) in row.iter().zip(w) {
        if *w == 0.0 {
            continue;
        }
        if x.is_nan() {
            if opts.missing == MissingPolicy::Exclude {
                return None;
            }
            continue;
        }
        used += w;
        match opts.aggregation {
            Aggregation::Arithmetic => acc += w * x,
            Aggregation::Geometric => {
                if *x <= 0.0 {
                    zero = true;
                } else {
                    acc += w * x.ln();
                }
            }
        }
    }
    if used <= 0.0 {
        return None;
    }
    Some(match opts.aggregation {
        Aggregation::Arithmetic => acc / used,
        Aggregation::Geometric if zero => 0.0,
        Aggregation::Geometric => (acc / used).exp(),
    })
}

/// The integer a score is compared by: the score rounded to `precision` decimals (half away from
/// zero), so that scores the publisher prints alike tie, as in the official tables.
#[inline]
pub fn tie_key(score: f64, precision: u32) -> i64 {
    scaled_key(score, tie_scale(precision))
}

/// `x` with `decimals` decimals and `point` as the decimal separator ("0,9291", "0.9291").
///
/// Rounded as [`tie_key`] rounds (half away from zero), so two scores print alike exactly when
/// they tie: Rust's `{:.2}` rounds 0.125 to "0.12" and would print a tied pair differently. No
/// "-0.00". Written with integer arithmetic: a slider step prints a hundred numbers, and Rust's
/// exact float formatting took half a millisecond of it in the browser. Numbers too large for
/// that (or more than 12 decimals) go through it.
pub fn decimal(x: f64, decimals: usize, point: char) -> String {
    use std::fmt::Write;
    if decimals > 12 || !x.is_finite() || x.abs() * 10f64.powi(decimals as i32) >= 9.0e15 {
        return format!("{:.*}", decimals, x).replace('.', &point.to_string());
    }
    let scaled = tie_key(x, decimals as u32);
    let scale = 10i64.pow(decimals as u32);
    let (int, frac) = (scaled.abs() / scale, scaled.abs() % scale);
    let mut s = String::with_capacity(decimals + 4);
    if scaled < 0 {
        s.push('-');
    }
    let _ = write!(s, "{int}");
    if decimals > 0 {
        s.push(point);
        let _ = write!(s, "{frac:0decimals$}");
    }
    s
}

/// The factor [`tie_key`] scales by: computed once per ranking, not once per score.
#[inline]
fn tie_scale(precision: u32) -> f64 {
    10f64.powi(precision.min(12) as i32)
}

/// Why the nudge: a score whose exact value ends in a 5 just past the precision is computed a
/// hair off it. The mean of 0.9694 and 0.5699 is 0.76965, which rounds to 0.7697 and ties
/// another province's 0.7697; computed, it is 0.76964999…, and rounded alone it gave 0.7696
/// and the next rank (DTI 2024, two pillars weighted alike; found by an independent
/// recomputation). Moved away from zero by 10⁻¹² of its size (at most 10⁻⁶ of the last
/// digit), far more than the rounding error of a weighted mean (about 10⁻¹⁵ of it) and far
/// less than any real gap from a half: with integer weights summing to W the gap is 0 or at
/// least 1/(2W).
#[inline]
fn scaled_key(score: f64, scale: f64) -> i64 {
    let y = score * scale;
    (y + y.signum() * (y.abs().max(1.0) * 1e-12).min(1e-6)).round() as i64
}

/// Standard competition ranking (1, 2, 2, 4), higher is better, on scores rounded to
/// `precision` decimals. `None` scores get `None` ranks.
pub fn competition_ranks(scores: &[Option<f64>], precision: u32) -> Vec<Option<u32>> {
    let mut order = Vec::new();
    let mut out = Vec::new();
    competition_ranks_into(scores, precision, &mut order, &mut out);
    out
}

/// [`competition_ranks`] with caller-owned buffers, for loops that rank thousands of times.
pub fn competition_ranks_into(
    scores: &[Option<f64>],
    precision: u32,
    order: &mut Vec<(i64, u32)>,
    out: &mut Vec<Option<u32>>,
) {
    order.clear();
    let scale = tie_scale(precision);
    order.extend(
        scores
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.map(|s| (scaled_key(s, scale), i as u32))),
    );
    sort_desc(order);
    out.clear();
    out.resize(scores.len(), None);
    let mut rank = 0u32;
    let mut prev = None;
    for (pos, (key, i)) in order.iter().enumerate() {
        if prev != Some(*key) {
            rank = pos as u32 + 1;
            prev = Some(*key);
        }
        out[*i as usize] = Some(rank);
    }
}

/// From this many elements on, [`sort_desc`] sorts by radix.
const RADIX_FROM: usize = 256;

/// Sorts by key, highest first. One function, so that the ranking's two sorts share one copy of
/// each sort in the WebAssembly bundle (see `order.rs`).
///
/// Long slices go through a radix sort (radsort): its time grows with the length alone, and the
/// keys are integers, which is what it sorts best. The page's standard library is built for size
/// (`.ci/build-page.sh`), and there `sort_unstable` is a heapsort: 0.9 ms of a slider step at
/// 10,000 units. Short ones (a group of 63, a tie) keep the comparison sort, quicker below a few
/// hundred elements. `!key` orders the keys the other way round (`!k = -k - 1`) and cannot
/// overflow.
fn sort_desc(v: &mut [(i64, u32)]) {
    if v.len() >= RADIX_FROM {
        radsort::sort_by_key(v, |e| !e.0);
    } else {
        v.sort_unstable_by_key(|e| std::cmp::Reverse(e.0));
    }
}

/// A ranked unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    /// Index into `Dataset::units`.
    pub unit: usize,
    pub score: f64,
    pub rank: u32,
}

/// A unit that could not be ranked, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct NotRanked {
    pub unit: usize,
    /// Indices of the weighted categories it has no value for.
    pub missing: Vec<usize>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ranking {
    /// By rank, then by Vietnamese alphabetical order of the name.
    pub ranked: Vec<Ranked>,
    /// In Vietnamese alphabetical order.
    pub not_ranked: Vec<NotRanked>,
}

impl Ranking {
    /// The rank of a unit (by index into `Dataset::units`), if it is ranked.
    pub fn rank_of(&self, unit: usize) -> Option<u32> {
        self.ranked.iter().find(|r| r.unit == unit).map(|r| r.rank)
    }
}

fn check_group(ds: &Dataset, group: &str) -> Result<(), Problem> {
    if ds.group(group).is_some() {
        return Ok(());
    }
    Err(validate::unknown_group(ds, group))
}

/// A group prepared for ranking many times (while a slider is dragged): its matrix and the
/// Vietnamese alphabetical position of each row, which decides the order of tied units. Neither
/// depends on the weights, so the app computes this once per dataset and group.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prepared {
    pub matrix: Matrix,
    /// Row i is the `name_order[i]`-th name of the group in Vietnamese order.
    pub name_order: Vec<u32>,
    pub precision: u32,
    /// `matrix.complete_rows()`, counted once: the app asks on every slider step.
    complete: usize,
}

impl Prepared {
    pub fn new(ds: &Dataset, group: &str) -> Result<Prepared, Problem> {
        check_group(ds, group)?;
        let matrix = matrix(ds, group);
        let mut by_name: Vec<(collate::SortKey, usize)> = matrix
            .units
            .iter()
            .enumerate()
            .map(|(row, &u)| (collate::sort_key(&ds.units[u].name), row))
            .collect();
        super::order::sort_by(&mut by_name, |a, b| a.cmp(b));
        let mut name_order = vec![0u32; matrix.rows()];
        for (pos, (_, row)) in by_name.into_iter().enumerate() {
            name_order[row] = pos as u32;
        }
        Ok(Prepared {
            complete: matrix.complete_rows(),
            matrix,
            name_order,
            precision: ds.precision,
        })
    }

    /// Rows with a value in every category (counted when prepared).
    pub fn complete_rows(&self) -> usize {
        self.complete
    }

    /// Scores and ranks the group under (not necessarily normalised) weights, one per category.
    pub fn rank(&self, weights: &[f64], opts: Options) -> Result<Ranking, Problem> {
        let m = &self.matrix;
        if weights.len() != m.n_cat {
            return Err(validate::weight_count(m.n_cat, weights.len()));
        }
        let w = normalize_weights(weights)?;
        let mut scores = Vec::with_capacity(m.rows());
        score_rows(m, &w, opts, &mut scores);
        // `by_score`: (tie key, row) of every scored row, highest first, so the rows of one
        // rank are neighbours (in no set order among themselves).
        let mut by_score = Vec::with_capacity(m.rows());
        let mut ranks = Vec::with_capacity(m.rows());
        competition_ranks_into(&scores, self.precision, &mut by_score, &mut ranks);
        let order = &self.name_order;
        // By rank, then name: only the rows of a tie need putting in name order, so each run of
        // equal keys is sorted on its own; ties are few and short, and this costs far less than
        // a second sort of every row (0.9 ms at 10,000 rows in the browser). The run is sorted
        // through `sort_desc` on negated name positions, the sort the ranking compiles already.
        let mut start = 0;
        while start < by_score.len() {
            let key = by_score[start].0;
            let len = by_score[start..].iter().take_while(|e| e.0 == key).count();
            let run = &mut by_score[start..start + len];
            if len > 1 {
                for e in run.iter_mut() {
                    e.0 = -i64::from(order[e.1 as usize]);
                }
                sort_desc(run);
            }
            start += len;
        }
        let ranked = by_score
            .iter()
            .filter_map(|&(_, row)| {
                let row = row as usize;
                Some(Ranked {
                    unit: m.units[row],
                    score: scores[row]?,
                    rank: ranks[row]?,
                })
            })
            .collect();
        let mut not_ranked = Vec::new();
        for (row, score) in scores.iter().enumerate() {
            if score.is_none() {
                let unit = m.units[row];
                let missing = m
                    .row(row)
                    .iter()
                    .zip(&w)
                    .enumerate()
                    .filter(|(_, (x, w))| x.is_nan() && **w > 0.0)
                    .map(|(j, _)| j)
                    .collect();
                not_ranked.push((row, NotRanked { unit, missing }));
            }
        }
        super::order::sort_by_key(&mut not_ranked, |(row, _)| order[*row]);
        Ok(Ranking {
            ranked,
            not_ranked: not_ranked.into_iter().map(|(_, r)| r).collect(),
        })
    }
}

/// Scores and ranks one group under the given (not necessarily normalised) weights, one per
/// category in the dataset's order.
pub fn rank_group(
    ds: &Dataset,
    group: &str,
    weights: &[f64],
    opts: Options,
) -> Result<Ranking, Problem> {
    check_group(ds, group)?;
    if weights.len() != ds.categories.len() {
        return Err(validate::weight_count(ds.categories.len(), weights.len()));
    }
    Prepared::new(ds, group)?.rank(weights, opts)
}

/// The publisher's own order of a group: units with an official rank by rank (then name); a
/// unit without a rank but with a published index goes where its index falls among theirs
/// (before the first ranked unit with a lower index); units with neither come last, in
/// alphabetical order. DTI 2024 for the 63 provinces publishes every index but few ranks: with
/// every ranked unit first, Quảng Nam (57th, 0.5803) came sixth, above 57 provinces with higher
/// indices. A merge of two sorted lists, not one comparison of rank with index: ranks and
/// indices that disagree (a file's mistake) would make such a comparison inconsistent.
/// Indices into `Dataset::units`.
pub fn official_order(ds: &Dataset, group: &str) -> Vec<usize> {
    use std::cmp::Ordering;
    // One sort into three runs (0: ranked, by rank; 1: unranked with an index, highest first;
    // 2: the rest), each then by name; then the second run is merged into the first.
    let mut units: Vec<(u8, u32, f64, collate::SortKey, usize)> = ds
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.group == group)
        .map(|(i, u)| {
            let index = u.official.index.filter(|x| x.is_finite());
            let class = match (u.official.rank, index) {
                (Some(_), _) => 0,
                (None, Some(_)) => 1,
                (None, None) => 2,
            };
            let rank = u.official.rank.unwrap_or(0);
            (
                class,
                rank,
                index.unwrap_or(f64::NAN),
                collate::sort_key(&u.name),
                i,
            )
        })
        .collect();
    super::order::sort_by(&mut units, |a, b| {
        a.0.cmp(&b.0)
            .then(a.1.cmp(&b.1))
            .then(if a.0 == 1 {
                b.2.total_cmp(&a.2)
            } else {
                Ordering::Equal
            })
            .then_with(|| a.3.cmp(&b.3))
    });
    let split = |c: u8| units.iter().position(|u| u.0 >= c).unwrap_or(units.len());
    let (ranked, rest) = units.split_at(split(1));
    let (by_index, rest) = rest.split_at(split(2) - ranked.len());
    let mut out = Vec::with_capacity(units.len());
    let mut next = by_index.iter().peekable();
    for r in ranked {
        // A NaN (no index) is above nothing: the ranked unit stays first.
        while let Some(u) = next.next_if(|u| u.2 > r.2) {
            out.push(u.4);
        }
        out.push(r.4);
    }
    out.extend(next.chain(rest).map(|u| u.4));
    out
}

/// How many places a unit moved from `before` to `after`: positive = up (a better rank).
pub fn rank_change(before: Option<u32>, after: Option<u32>) -> Option<i64> {
    Some(before? as i64 - after? as i64)
}

/// Units of a group whose every category has a value: those that can be re-ranked under any
/// weights with the default missing-data policy.
pub fn complete_units(ds: &Dataset, group: &str) -> usize {
    matrix(ds, group).complete_rows()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::dataset::*;
    use std::collections::BTreeMap;

    pub(crate) fn dataset(rows: &[(&str, &[Option<f64>])]) -> Dataset {
        let n = rows.first().map_or(0, |r| r.1.len());
        Dataset {
            format: FORMAT.into(),
            id: "t".into(),
            title: Text::new("t", "t"),
            edition: 2024,
            series: None,
            published: None,
            publisher: Text::new("p", "p"),
            sources: vec![],
            notes: None,
            categories: (0..n)
                .map(|j| Category {
                    id: format!("c{j}"),
                    name: Text::new("c", "c"),
                    weight: None,
                    max_points: None,
                })
                .collect(),
            weight_basis: WeightBasis::Unknown,
            weight_note: None,
            groups: vec![Group {
                id: "g".into(),
                name: Text::new("g", "g"),
                units_evaluated: None,
            }],
            precision: 4,
            units: rows
                .iter()
                .map(|(name, vals)| Unit {
                    id: collate::slug(name),
                    name: name.to_string(),
                    group: "g".into(),
                    scores: vals
                        .iter()
                        .enumerate()
                        .map(|(j, v)| (format!("c{j}"), *v))
                        .collect::<BTreeMap<_, _>>(),
                    category_ranks: BTreeMap::new(),
                    official: Official::default(),
                    sources: vec![],
                    note: None,
                })
                .collect(),
            coverage: vec![],
        }
    }

    fn names(ds: &Dataset, r: &Ranking) -> Vec<(String, u32)> {
        r.ranked
            .iter()
            .map(|x| (ds.units[x.unit].name.clone(), x.rank))
            .collect()
    }

    #[test]
    fn competition_ranking_shares_ties() {
        let s = [Some(0.9), Some(0.633), None, Some(0.633), Some(0.5)];
        assert_eq!(
            competition_ranks(&s, 3),
            vec![Some(1), Some(2), None, Some(2), Some(4)]
        );
    }

    #[test]
    fn ties_are_decided_at_the_printed_precision() {
        // 0.63301 and 0.63349 both print as 0,633: they tie at precision 3, not at 5.
        let s = [Some(0.63301), Some(0.63349)];
        assert_eq!(competition_ranks(&s, 3), vec![Some(1), Some(1)]);
        assert_eq!(competition_ranks(&s, 5), vec![Some(2), Some(1)]);
    }

    #[test]
    fn weighted_mean_and_alphabetical_tie_break() {
        let ds = dataset(&[
            ("Đà Nẵng", &[Some(1.0), Some(0.0)]),
            ("Dak", &[Some(0.0), Some(1.0)]),
            ("An Giang", &[Some(0.2), Some(0.2)]),
        ]);
        let r = rank_group(&ds, "g", &[1.0, 1.0], Options::default()).unwrap();
        assert_eq!(
            names(&ds, &r),
            vec![
                ("Dak".into(), 1),
                ("Đà Nẵng".into(), 1),
                ("An Giang".into(), 3)
            ]
        );
        assert!((r.ranked[0].score - 0.5).abs() < 1e-12);
        let r = rank_group(&ds, "g", &[3.0, 1.0], Options::default()).unwrap();
        assert_eq!(names(&ds, &r)[0], ("Đà Nẵng".into(), 1));
        assert!((r.ranked[0].score - 0.75).abs() < 1e-12);
    }

    #[test]
    fn missing_values_exclude_or_renormalise() {
        let ds = dataset(&[("A", &[Some(0.8), None]), ("B", &[Some(0.5), Some(0.5)])]);
        let r = rank_group(&ds, "g", &[1.0, 1.0], Options::default()).unwrap();
        assert_eq!(names(&ds, &r), vec![("B".into(), 1)]);
        assert_eq!(
            r.not_ranked,
            vec![NotRanked {
                unit: 0,
                missing: vec![1]
            }]
        );
        let renorm = Options {
            missing: MissingPolicy::Renormalize,
            ..Options::default()
        };
        let r = rank_group(&ds, "g", &[1.0, 1.0], renorm).unwrap();
        assert_eq!(names(&ds, &r), vec![("A".into(), 1), ("B".into(), 2)]);
        assert!((r.ranked[0].score - 0.8).abs() < 1e-12);
        // A category with zero weight does not count, so its missing value does not exclude.
        let r = rank_group(&ds, "g", &[1.0, 0.0], Options::default()).unwrap();
        assert_eq!(names(&ds, &r), vec![("A".into(), 1), ("B".into(), 2)]);
    }

    #[test]
    fn geometric_mean_punishes_a_zero() {
        let ds = dataset(&[
            ("A", &[Some(1.0), Some(0.0)]),
            ("B", &[Some(0.4), Some(0.4)]),
        ]);
        let geo = Options {
            aggregation: Aggregation::Geometric,
            ..Options::default()
        };
        let r = rank_group(&ds, "g", &[1.0, 1.0], geo).unwrap();
        assert_eq!(names(&ds, &r), vec![("B".into(), 1), ("A".into(), 2)]);
        assert!((r.ranked[0].score - 0.4).abs() < 1e-12);
        assert_eq!(r.ranked[1].score, 0.0);
    }

    #[test]
    fn decimals_print_as_ties_are_decided() {
        // Half away from zero, as tie_key: "{:.2}" would print 0.125 as 0.12 and tie it in print
        // with 0.12, which ranks below it.
        assert_eq!(decimal(0.125, 2, '.'), "0.13");
        assert_eq!(decimal(0.12, 2, '.'), "0.12");
        assert_eq!(decimal(0.9291, 4, ','), "0,9291");
        assert_eq!(decimal(-0.0, 2, '.'), "0.00");
        assert_eq!(decimal(-0.004, 2, '.'), "0.00");
        assert_eq!(decimal(-0.5, 1, '.'), "-0.5");
        assert_eq!(decimal(7.0, 0, '.'), "7");
        assert_eq!(tie_key(0.125, 2), tie_key(0.13, 2));
        // An exact half computed a hair below it is still a half (0.76965 as 0.76964999…).
        let mean = (0.9694 + 0.5699) / 2.0;
        assert!(
            mean * 1e4 < 7696.5,
            "the case this guards against: {}",
            mean * 1e4
        );
        assert_eq!(decimal(mean, 4, '.'), "0.7697");
        assert_eq!(tie_key(mean, 4), tie_key((0.9881 + 0.5513) / 2.0, 4));
        assert_eq!(decimal(-mean, 4, '.'), "-0.7697");
        // Not a half: left as it is.
        assert_eq!(decimal(0.769649, 4, '.'), "0.7696");
        assert_eq!(decimal(0.0, 4, '.'), "0.0000");
    }

    #[test]
    fn huge_weights_keep_their_ratios() {
        // Their sum overflows; the shares do not.
        assert_eq!(normalize_weights(&[1e308, 1e308]).unwrap(), vec![0.5, 0.5]);
        let w = normalize_weights(&[f64::MAX, f64::MAX / 3.0]).unwrap();
        assert!(
            (w[0] - 0.75).abs() < 1e-12 && (w[1] - 0.25).abs() < 1e-12,
            "{w:?}"
        );
        assert!(normalize_weights(&[0.0, 0.0]).is_err());
    }

    #[test]
    fn bad_weights_and_groups_are_errors_not_panics() {
        let ds = dataset(&[("A", &[Some(0.8), Some(0.1)])]);
        let o = Options::default();
        assert_eq!(
            rank_group(&ds, "g", &[0.0, 0.0], o).unwrap_err().message.en,
            "the weights are all zero"
        );
        assert_eq!(
            rank_group(&ds, "g", &[-1.0, 1.0], o).unwrap_err().path,
            "weights[0]"
        );
        assert!(rank_group(&ds, "g", &[f64::NAN, 1.0], o).is_err());
        assert!(rank_group(&ds, "g", &[1.0], o)
            .unwrap_err()
            .message
            .en
            .starts_with("expected 2 weights"));
        assert!(rank_group(&ds, "nope", &[1.0, 1.0], o)
            .unwrap_err()
            .message
            .en
            .contains("is not a group"));
        let empty = dataset(&[]);
        assert!(rank_group(&empty, "g", &[], o).is_err());
    }

    #[test]
    fn official_order_puts_unranked_last() {
        let mut ds = dataset(&[("B", &[]), ("C", &[]), ("A", &[])]);
        ds.units[0].official.rank = Some(2);
        ds.units[1].official.rank = Some(1);
        assert_eq!(official_order(&ds, "g"), vec![1, 0, 2]);
        // Without a rank, a published index orders them, highest first, before those without.
        let mut ds = dataset(&[("A", &[]), ("B", &[]), ("C", &[]), ("D", &[])]);
        ds.units[3].official.rank = Some(1);
        ds.units[1].official.index = Some(0.5);
        ds.units[2].official.index = Some(0.7);
        assert_eq!(official_order(&ds, "g"), vec![3, 2, 1, 0]);
        // A unit without a rank goes where its index falls among the ranked ones: after the
        // first two (0.9, 0.8), before the 57th (0.58); the one with neither, last.
        let mut ds = dataset(&[("A", &[]), ("B", &[]), ("C", &[]), ("D", &[]), ("E", &[])]);
        for (k, rank, index) in [
            (0, Some(1), Some(0.9)),
            (1, Some(2), Some(0.8)),
            (2, Some(57), Some(0.58)),
            (3, None, Some(0.79)),
        ] {
            ds.units[k].official.rank = rank;
            ds.units[k].official.index = index;
        }
        assert_eq!(official_order(&ds, "g"), vec![0, 1, 3, 2, 4]);
        // Ranks and indices that disagree (the first's index below the unranked one's): still
        // every unit once, the ranked ones in rank order.
        ds.units[0].official.index = Some(0.1);
        assert_eq!(official_order(&ds, "g"), vec![3, 0, 1, 2, 4]);
        assert_eq!(rank_change(Some(5), Some(2)), Some(3));
        assert_eq!(rank_change(None, Some(2)), None);
    }
}
