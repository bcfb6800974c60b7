//! What weights can and cannot do for a group, exactly where it can be known exactly.
//!
//! A reader who re-weights a ranking wants to know whether "my province would be first with other
//! weights" is even possible. Three answers, for the weighted **arithmetic** mean (the official
//! method) with non-negative weights summing to 1:
//!
//! 1. **Dominance** (exact). Unit B is dominated by A when A ≥ B in every category and A > B in at
//!    least one. Then no weighting puts B above A; a weighting that gives zero weight to every
//!    category where A is ahead makes them tie, and with every weight positive A is strictly
//!    ahead. Each unit lists its dominators.
//! 2. **Can it be first?** (exact up to the LP solver's tolerance, and checked). The linear
//!    programme `maximise t  s.t.  score_u(w) − score_v(w) ≥ t  for every other v,  w ≥ 0,
//!    Σw = 1` is solved with `microlp`; the unit can rank first **(a tie for first counts)** iff
//!    the optimum `t*` ≥ 0. The answer is not taken on trust: the solver's weights are put back
//!    into the scores and the unit counts as possibly first only if it really is first (within
//!    [`TIE`]) under them; those weights are returned as the witness. Whether it can be first
//!    **alone** is told apart (`first_alone`): under the witness weights, which maximise the
//!    margin, it is ahead of every other unit by more than [`TIE`]. The difference matters on
//!    real data: DTI 2024 scores 34 provinces in 8 pillars on a points scale that many fill, so
//!    with all the weight on one pillar most of them tie for first. Only the units that no
//!    other unit (apart from `u` itself) dominates need a constraint: any other `v` is at most
//!    its dominator under every weighting, which does not change `t*`.
//! 3. **Best possible rank** (bounded). `best_rank_upper` is a rank the unit really reaches under
//!    a weighting we found (returned as `best_weights`): the best over every single-category
//!    weighting (the vertices of the weight simplex), equal weights, the LP's weights, and a
//!    greedy sequence of LPs that each time gives up the unit currently most ahead and maximises
//!    the margin over the rest. `best_rank_lower` is a rank no weighting can beat:
//!    1 + the number of units better in **every** category (each is strictly ahead under every
//!    weighting), and at least 2 when the LP proves the unit cannot be first by a margin above
//!    [`CERTAIN`]. When the two meet, `best_rank_exact` gives the exact best rank.
//!
//! Why the lower bound does not count every dominator: a dominator that is ahead only in some
//! categories ties with the unit when those categories get weight zero, and a tie shares the
//! rank. With every weight strictly positive each dominator is strictly ahead, so
//! `best_rank_lower_positive` = 1 + number of dominators is the bound for such weightings.
//!
//! Scope and honesty notes:
//! - Only **complete rows** are analysed (a value in every category); units lacking a value are
//!   listed in [`Reach::incomplete`]. Under the default policy they are not ranked at all, and
//!   under renormalisation their score is not linear in the weights, so the LP does not apply.
//! - Scores here are **unrounded**. The ranking view ties scores at the dataset's `precision`;
//!   rounding is monotone, so it can only merge a unit with units just above it, never push it
//!   down. Hence "can be first" and `best_rank_upper` hold in the ranking view as well, while a
//!   "cannot be first" or `best_rank_lower` may be beaten there by a tie at the printed precision.
//! - The geometric mean is not analysed here (its log is linear in the weights, but zero scores
//!   break that); dominance, being order-only, holds for it too.

use super::dataset::Dataset;
use super::score::{self, Matrix};
use super::validate::{self, Problem};
use microlp::{ComparisonOp, OptimizationDirection};

/// The most units analysed: each unit needs a few linear programmes with up to one constraint per
/// other unit, and the dominance table is `units²`. Real groups have at most 63.
pub const MAX_UNITS: usize = 1000;

/// Scores within this distance count as tied when a witness weighting is checked.
pub const TIE: f64 = 1e-12;

/// An LP optimum below `−CERTAIN` proves the unit cannot be first, well clear of the solver's
/// feasibility tolerance (1e-7); between `−CERTAIN` and 0 the lower bound is not raised to 2.
pub const CERTAIN: f64 = 1e-6;

/// How many LPs the greedy search for a better rank solves per unit, at most.
const GREEDY_STEPS: usize = 16;

/// What weights can do for one unit.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitReach {
    /// Index into `Dataset::units`.
    pub unit: usize,
    /// Units (indices into `Dataset::units`) that dominate this one: at least as good in every
    /// category and better in one. No weighting puts this unit above any of them.
    pub dominated_by: Vec<usize>,
    /// How many units are better in every category by more than [`TIE`] (so strictly ahead
    /// under any weighting).
    pub strictly_better: u32,
    /// Some non-negative weighting makes this unit first, ties for first included. Checked by
    /// evaluating the scores under `first_weights`.
    pub can_be_first: bool,
    /// Some non-negative weighting makes this unit first on its own, ahead of every other unit
    /// by more than [`TIE`] under `first_weights` (which maximise that lead). False when the
    /// best it can do is tie for first.
    pub first_alone: bool,
    /// The LP optimum `t*`: the largest achievable margin of this unit over the best other unit
    /// (negative: the smallest achievable gap to the top).
    pub first_margin: f64,
    /// Normalised weights under which the unit is first, when it can be.
    pub first_weights: Option<Vec<f64>>,
    /// A rank the unit reaches under `best_weights` (unrounded scores): the best rank is at most
    /// this.
    pub best_rank_upper: u32,
    /// Normalised weights reaching `best_rank_upper`.
    pub best_weights: Vec<f64>,
    /// No non-negative weighting gives a better rank than this (unrounded scores).
    pub best_rank_lower: u32,
    /// No weighting with every weight > 0 gives a better rank than this: 1 + dominators.
    pub best_rank_lower_positive: u32,
}

impl UnitReach {
    /// The best possible rank, when the bounds meet.
    pub fn best_rank_exact(&self) -> Option<u32> {
        (self.best_rank_lower == self.best_rank_upper).then_some(self.best_rank_upper)
    }
}

/// What weights can do for a group.
#[derive(Clone, Debug, PartialEq)]
pub struct Reach {
    /// The complete units of the group, in file order.
    pub units: Vec<UnitReach>,
    /// Units (indices into `Dataset::units`) left out because they lack a value.
    pub incomplete: Vec<usize>,
}

/// Analyses a group of a dataset.
pub fn analyse(ds: &Dataset, group: &str) -> Result<Reach, Problem> {
    if ds.group(group).is_none() {
        return Err(validate::unknown_group(ds, group));
    }
    analyse_matrix(&score::matrix(ds, group))
}

/// Analyses the rows of a matrix. Rows with a missing or non-finite value are left out.
pub fn analyse_matrix(m: &Matrix) -> Result<Reach, Problem> {
    let mut a = Analysis::new(m.clone())?;
    while !a.step(usize::MAX)? {}
    Ok(a.finish())
}

/// A reach analysis that runs a few units at a time, so the browser can spread it over frames
/// (each unit solves a handful of small LPs). The pairwise dominance is computed up front.
#[derive(Clone, Debug)]
pub struct Analysis {
    m: Matrix,
    /// Matrix rows of the complete units.
    rows: Vec<usize>,
    incomplete: Vec<usize>,
    /// dominators[b] = every a that dominates b.
    dominators: Vec<Vec<usize>>,
    /// better[b] = units better than b in every category.
    better: Vec<u32>,
    t_bound: f64,
    units: Vec<UnitReach>,
}

impl Analysis {
    pub fn new(m: Matrix) -> Result<Analysis, Problem> {
        let k = m.n_cat;
        if k == 0 {
            return Err(Problem::new(
                "categories",
                "không có chỉ số thành phần nào",
                "there are no categories",
            ));
        }
        if m.values.len() != m.units.len().saturating_mul(k) {
            return Err(validate::matrix_size(m.values.len(), m.units.len(), k));
        }
        if m.units.is_empty() {
            return Err(Problem::new(
                "group",
                "nhóm không có đơn vị nào",
                "the group has no units",
            ));
        }
        let mut rows: Vec<usize> = Vec::new();
        let mut incomplete = Vec::new();
        for i in 0..m.units.len() {
            if m.row(i).iter().all(|x| x.is_finite()) {
                rows.push(i);
            } else {
                incomplete.push(m.units[i]);
            }
        }
        let n = rows.len();
        if n > MAX_UNITS {
            return Err(Problem::new(
                "group",
                format!(
                    "nhóm có {n} đơn vị đủ dữ liệu; phân tích này chỉ làm được tối đa {MAX_UNITS}"
                ),
                format!(
                    "the group has {n} complete units; this analysis is limited to {MAX_UNITS}"
                ),
            ));
        }
        let x = |a: usize| m.row(rows[a]);
        let mut dominators: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut better = vec![0u32; n];
        for a in 0..n {
            for b in 0..n {
                if a == b {
                    continue;
                }
                let (xa, xb) = (x(a), x(b));
                let mut ge = true;
                let mut gt_any = false;
                let mut gt_all = true;
                for (p, q) in xa.iter().zip(xb) {
                    ge &= p >= q;
                    gt_any |= p > q;
                    gt_all &= p - q > TIE;
                }
                if ge && gt_any {
                    dominators[b].push(a);
                }
                if gt_all {
                    better[b] += 1;
                }
            }
        }
        // Conditioning of the LP: its coefficients are score differences, at most this large.
        let scale = rows
            .iter()
            .flat_map(|&r| m.row(r))
            .fold(0.0f64, |acc, v| acc.max(v.abs()));
        Ok(Analysis {
            units: Vec::with_capacity(n),
            t_bound: 2.0 * scale + 1.0,
            m,
            rows,
            incomplete,
            dominators,
            better,
        })
    }

    /// Units analysed so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.units.len(), self.rows.len())
    }

    /// Analyses up to `n` more units; true when every unit is done.
    pub fn step(&mut self, n: usize) -> Result<bool, Problem> {
        let end = self.units.len().saturating_add(n).min(self.rows.len());
        for u in self.units.len()..end {
            let r = self.unit(u)?;
            self.units.push(r);
        }
        Ok(self.units.len() == self.rows.len())
    }

    /// The result (of the units done so far, in file order).
    pub fn finish(self) -> Reach {
        Reach {
            units: self.units,
            incomplete: self.incomplete,
        }
    }

    fn unit(&self, u: usize) -> Result<UnitReach, Problem> {
        let (m, rows, dominators, better) = (&self.m, &self.rows, &self.dominators, &self.better);
        let (k, n, t_bound) = (m.n_cat, rows.len(), self.t_bound);
        let x = |a: usize| m.row(rows[a]);
        let mut scores = vec![0.0; n];
        let mut best_rank = u32::MAX;
        let mut best_weights = Vec::new();
        let mut consider = |w: &[f64], scores: &mut Vec<f64>, best_rank: &mut u32| {
            for (v, s) in scores.iter_mut().enumerate() {
                *s = dot(x(v), w);
            }
            let r = rank_of(u, scores);
            if r < *best_rank {
                *best_rank = r;
                best_weights = w.to_vec();
            }
            r
        };
        for c in 0..k {
            let mut w = vec![0.0; k];
            w[c] = 1.0;
            consider(&w, &mut scores, &mut best_rank);
        }
        consider(&vec![1.0 / k as f64; k], &mut scores, &mut best_rank);

        // The LP over every other unit not dominated by a unit other than u, then greedily
        // give up the unit most ahead and try again.
        let mut given_up = vec![false; n];
        given_up[u] = true;
        let mut first: Option<(f64, Vec<f64>)> = None;
        let mut can_be_first = false;
        let mut first_alone = false;
        let mut first_weights = None;
        for step in 0..GREEDY_STEPS {
            let active: Vec<usize> = (0..n)
                .filter(|&v| !given_up[v] && dominators[v].iter().all(|&a| a == u || given_up[a]))
                .collect();
            if active.is_empty() {
                if step == 0 {
                    // Every other unit is dominated by u: u is first under any weighting.
                    let w = vec![1.0 / k as f64; k];
                    consider(&w, &mut scores, &mut best_rank);
                    let top = (0..n)
                        .filter(|&v| v != u)
                        .map(|v| scores[v])
                        .fold(f64::NEG_INFINITY, f64::max);
                    can_be_first = true;
                    first_alone = scores[u] > top + TIE;
                    first_weights = Some(w.clone());
                    first = Some(((scores[u] - top).min(t_bound), w));
                }
                break;
            }
            let (t, w) =
                max_margin(x(u), active.iter().map(|&v| x(v)), k, t_bound).map_err(|e| {
                    Problem::new(
                        format!("units[{}]", m.units[rows[u]]),
                        format!("bài toán quy hoạch tuyến tính không giải được: {e}"),
                        format!("the linear programme failed: {e}"),
                    )
                })?;
            let rank = consider(&w, &mut scores, &mut best_rank);
            if step == 0 {
                let top = (0..n)
                    .filter(|&v| v != u)
                    .map(|v| scores[v])
                    .fold(f64::NEG_INFINITY, f64::max);
                can_be_first = scores[u] >= top - TIE;
                first_alone = scores[u] > top + TIE;
                if can_be_first {
                    first_weights = Some(w.clone());
                }
                first = Some((t, w));
            }
            // Stop when first, when u already beats every unit not given up, or when giving up
            // more units cannot beat the best rank found (`given_up` counts u itself).
            if rank == 1 || t >= 0.0 || given_up.iter().filter(|g| **g).count() as u32 >= best_rank
            {
                break;
            }
            // Give up the unit most ahead under these weights.
            let ahead = (0..n)
                .filter(|&v| !given_up[v])
                .max_by(|&a, &b| scores[a].total_cmp(&scores[b]));
            match ahead {
                Some(v) => given_up[v] = true,
                None => break,
            }
        }
        let first_margin = first.as_ref().map_or(0.0, |f| f.0);
        let mut lower = 1 + better[u];
        if !can_be_first && first_margin < -CERTAIN {
            lower = lower.max(2);
        }
        if can_be_first {
            best_rank = 1;
        }
        Ok(UnitReach {
            unit: m.units[rows[u]],
            dominated_by: dominators[u].iter().map(|&a| m.units[rows[a]]).collect(),
            strictly_better: better[u],
            can_be_first,
            first_alone,
            first_margin,
            first_weights,
            best_rank_upper: best_rank.max(lower),
            best_weights,
            best_rank_lower: lower.min(best_rank),
            best_rank_lower_positive: 1 + dominators[u].len() as u32,
        })
    }
}

/// Solves `max t  s.t.  Σ wᵢ(uᵢ − vᵢ) ≥ t  for each v,  w ≥ 0,  Σw = 1` and returns `t*` and `w`.
fn max_margin<'a>(
    xu: &[f64],
    others: impl Iterator<Item = &'a [f64]>,
    k: usize,
    t_bound: f64,
) -> Result<(f64, Vec<f64>), microlp::Error> {
    let mut lp = microlp::Problem::new(OptimizationDirection::Maximize);
    let w: Vec<microlp::Variable> = (0..k).map(|_| lp.add_var(0.0, (0.0, 1.0))).collect();
    let t = lp.add_var(1.0, (-t_bound, t_bound));
    let sum: Vec<(microlp::Variable, f64)> = w.iter().map(|&v| (v, 1.0)).collect();
    lp.add_constraint(sum.as_slice(), ComparisonOp::Eq, 1.0);
    for xv in others {
        let mut row: Vec<(microlp::Variable, f64)> = Vec::with_capacity(k + 1);
        for (i, (a, b)) in xu.iter().zip(xv).enumerate() {
            let d = a - b;
            // Differences at the level of f64 noise would only hurt the conditioning.
            if d.abs() > 1e-12 {
                row.push((w[i], d));
            }
        }
        row.push((t, -1.0));
        lp.add_constraint(row.as_slice(), ComparisonOp::Ge, 0.0);
    }
    let solution = lp
        .solve()?
        .into_solution()
        .map_err(|_| microlp::Error::InternalError("the solve was interrupted".into()))?;
    let mut weights: Vec<f64> = w.iter().map(|&v| solution.var_value(v).max(0.0)).collect();
    let total: f64 = weights.iter().sum();
    if total > 0.0 {
        for x in &mut weights {
            *x /= total;
        }
    } else {
        weights = vec![1.0 / k as f64; k];
    }
    Ok((solution.objective(), weights))
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Competition rank of `u` among unrounded scores: 1 + units strictly ahead (beyond [`TIE`]).
fn rank_of(u: usize, scores: &[f64]) -> u32 {
    1 + scores
        .iter()
        .enumerate()
        .filter(|&(v, s)| v != u && *s > scores[u] + TIE)
        .count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(rows: &[&[f64]]) -> Matrix {
        Matrix::from_rows(rows)
    }

    #[test]
    fn dominance_and_first_place() {
        // 0 is best in category 0, 1 best in category 1, 2 a compromise that is never first,
        // 3 is dominated by 2 (equal in category 0), 4 is worse than 0 in everything.
        let m = matrix(&[
            &[1.0, 0.0],
            &[0.0, 1.0],
            &[0.4, 0.4],
            &[0.4, 0.3],
            &[0.5, -0.0],
        ]);
        let r = analyse_matrix(&m).unwrap();
        let u = |i: usize| &r.units[i];
        assert!(u(0).can_be_first && u(1).can_be_first);
        assert!(u(0).first_alone && u(1).first_alone);
        assert!(!u(2).can_be_first && !u(2).first_alone);
        assert!(u(2).first_margin < -0.05);
        assert_eq!(u(3).dominated_by, vec![2]);
        assert_eq!(u(4).dominated_by, vec![0]);
        assert_eq!(u(3).strictly_better, 0);
        assert_eq!(u(4).strictly_better, 0); // 4 ties 0 in category 1
                                             // 2 can be second (equal weights: 0.5, 0.5, 0.4 → 3rd; w=(0.6,0.4): 0.6,0.4,0.4 → 2nd).
        assert_eq!(u(2).best_rank_lower, 2);
        assert_eq!(u(2).best_rank_exact(), Some(2));
        for ur in &r.units {
            assert!(ur.best_rank_lower <= ur.best_rank_upper);
            if let Some(w) = &ur.first_weights {
                assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-9);
                assert!(w.iter().all(|x| *x >= 0.0));
            }
        }
    }

    #[test]
    fn a_tie_for_first_counts() {
        // Identical rows: each ties the other for first under any weights.
        let m = matrix(&[&[0.5, 0.5], &[0.5, 0.5], &[0.1, 0.9]]);
        let r = analyse_matrix(&m).unwrap();
        assert!(r.units[0].can_be_first);
        assert!(r.units[1].can_be_first);
        // …but neither alone; the third is first alone with the weight on category 1.
        assert!(!r.units[0].first_alone && !r.units[1].first_alone);
        assert!(r.units[2].first_alone);
        assert!(r.units[0].dominated_by.is_empty());
        // A dominated unit can still tie for first when the weight sits where they are equal.
        let m = matrix(&[&[0.9, 0.5], &[0.2, 0.5]]);
        let r = analyse_matrix(&m).unwrap();
        assert_eq!(r.units[1].dominated_by, vec![0]);
        assert!(r.units[1].can_be_first && !r.units[1].first_alone);
        assert!(r.units[0].first_alone);
        assert_eq!(r.units[1].best_rank_lower_positive, 2);
        assert_eq!(r.units[1].first_weights, Some(vec![0.0, 1.0]));
    }

    #[test]
    fn strictly_better_units_bound_the_rank() {
        let m = matrix(&[&[0.9, 0.9], &[0.8, 0.8], &[0.5, 0.6], &[0.6, 0.5]]);
        let r = analyse_matrix(&m).unwrap();
        assert_eq!(r.units[2].strictly_better, 2);
        assert_eq!(r.units[2].best_rank_lower, 3);
        assert_eq!(r.units[2].best_rank_exact(), Some(3));
        assert_eq!(r.units[1].best_rank_exact(), Some(2));
    }

    #[test]
    fn the_witness_weights_really_make_the_unit_first() {
        // Deterministic pseudo-random matrices.
        let mut seed = 12345u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % 1000) as f64 / 1000.0
        };
        for _ in 0..20 {
            let rows: Vec<Vec<f64>> = (0..15).map(|_| (0..4).map(|_| next()).collect()).collect();
            let refs: Vec<&[f64]> = rows.iter().map(|r| r.as_slice()).collect();
            let r = analyse_matrix(&matrix(&refs)).unwrap();
            assert!(r.units.iter().any(|u| u.can_be_first));
            for ur in &r.units {
                let score = |i: usize, w: &[f64]| dot(&rows[i], w);
                if let Some(w) = &ur.first_weights {
                    let me = score(ur.unit, w);
                    assert!((0..15).all(|v| score(v, w) <= me + TIE));
                } else {
                    // Not first: under every vertex some unit is ahead.
                    for (c, mine) in rows[ur.unit].iter().enumerate() {
                        assert!(rows.iter().any(|r| r[c] > *mine));
                    }
                }
                let rank = 1
                    + (0..15)
                        .filter(|&v| {
                            score(v, &ur.best_weights) > score(ur.unit, &ur.best_weights) + TIE
                        })
                        .count() as u32;
                assert!(rank <= ur.best_rank_upper);
                assert!(ur.best_rank_lower <= ur.best_rank_upper);
                assert!(ur.best_rank_lower_positive <= 1 + ur.dominated_by.len() as u32);
            }
        }
    }

    #[test]
    fn running_in_slices_gives_the_same_result() {
        let m = matrix(&[
            &[0.9, 0.1, 0.5],
            &[0.2, 0.8, 0.4],
            &[0.5, 0.5, 0.5],
            &[0.1, 0.1, 0.1],
            &[0.6, 0.3, 0.9],
        ]);
        let whole = analyse_matrix(&m).unwrap();
        let mut a = Analysis::new(m).unwrap();
        let mut steps = 0;
        while !a.step(2).unwrap() {
            steps += 1;
            assert_eq!(a.progress(), (2 * steps, 5));
        }
        assert_eq!(a.finish(), whole);
    }

    #[test]
    fn incomplete_rows_are_left_out_and_bad_input_is_a_problem() {
        let m = matrix(&[&[0.5, f64::NAN], &[0.4, 0.4], &[0.3, f64::INFINITY]]);
        let r = analyse_matrix(&m).unwrap();
        assert_eq!(r.incomplete, vec![0, 2]);
        assert_eq!(r.units.len(), 1);
        assert!(r.units[0].can_be_first);
        assert_eq!(r.units[0].best_rank_exact(), Some(1));
        assert!(analyse_matrix(&matrix(&[])).is_err());
        assert!(analyse_matrix(&Matrix {
            units: vec![0],
            n_cat: 2,
            values: vec![1.0],
        })
        .is_err());
        let all_missing = analyse_matrix(&matrix(&[&[f64::NAN]])).unwrap();
        assert!(all_missing.units.is_empty());
    }
}
