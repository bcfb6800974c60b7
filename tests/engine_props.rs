//! Property tests of the engine (issue 3): invariances of the ranking, reproducibility of the
//! Monte Carlo, and that what `reach` claims really happens under `rank_group`. Plus a
//! libFuzzer-free smoke test of the parser on arbitrary and mutated bytes (the cargo-fuzz target
//! in `tests/fuzz` runs the same call for longer).

use proptest::prelude::*;
use xephang::engine::dataset::{
    Category, Dataset, Group, Official, Text, Unit, WeightBasis, FORMAT,
};
use xephang::engine::reach;
use xephang::engine::score::{self, Options, Ranking};
use xephang::engine::uncertainty::{self, Noise, Settings};
use xephang::engine::validate::parse_dataset;

const PRECISION: u32 = 4;

/// A one-group dataset from a score table (`None` = not published).
fn dataset(rows: &[Vec<Option<f64>>], k: usize) -> Dataset {
    let categories: Vec<Category> = (0..k)
        .map(|c| Category {
            id: format!("c{c}"),
            name: Text::new(format!("Hạng mục {c}"), format!("Category {c}")),
            weight: None,
            max_points: None,
        })
        .collect();
    let units = rows
        .iter()
        .enumerate()
        .map(|(i, r)| Unit {
            id: format!("u{i}"),
            name: format!("Đơn vị {i:03}"),
            group: "g".into(),
            scores: categories
                .iter()
                .zip(r)
                .map(|(c, v)| (c.id.clone(), *v))
                .collect(),
            category_ranks: Default::default(),
            official: Official::default(),
            sources: vec![],
            note: None,
        })
        .collect();
    Dataset {
        format: FORMAT.into(),
        id: "props".into(),
        title: Text::new("Thử", "Test"),
        edition: 2020,
        series: None,
        published: None,
        publisher: Text::new("—", "—"),
        sources: vec![],
        notes: None,
        categories,
        weight_basis: WeightBasis::Unknown,
        weight_note: None,
        groups: vec![Group {
            id: "g".into(),
            name: Text::new("Nhóm", "Group"),
            units_evaluated: None,
        }],
        precision: PRECISION,
        units,
        coverage: vec![],
    }
}

/// Rank per unit id (None = not ranked).
fn ranks_by_id(ds: &Dataset, r: &Ranking) -> std::collections::BTreeMap<String, Option<u32>> {
    let mut out: std::collections::BTreeMap<_, _> =
        ds.units.iter().map(|u| (u.id.clone(), None)).collect();
    for x in &r.ranked {
        out.insert(ds.units[x.unit].id.clone(), Some(x.rank));
    }
    out
}

fn score_value() -> impl Strategy<Value = f64> {
    // Coarse values make ties common; fine ones exercise the rounding.
    prop_oneof![(0u32..=20).prop_map(|x| x as f64 / 20.0), 0.0f64..=1.0]
}

/// (k, complete rows, weights with at least one positive).
fn complete_case() -> impl Strategy<Value = (usize, Vec<Vec<Option<f64>>>, Vec<f64>)> {
    (1usize..=5).prop_flat_map(|k| {
        (
            Just(k),
            prop::collection::vec(
                prop::collection::vec(score_value().prop_map(Some), k),
                1..25,
            ),
            prop::collection::vec(0.0f64..10.0, k)
                .prop_filter("a positive weight", |w| w.iter().any(|x| *x > 1e-3)),
        )
    })
}

/// Like `complete_case` but some values missing.
fn any_case() -> impl Strategy<Value = (usize, Vec<Vec<Option<f64>>>, Vec<f64>)> {
    (1usize..=5).prop_flat_map(|k| {
        (
            Just(k),
            prop::collection::vec(
                prop::collection::vec(prop::option::weighted(0.85, score_value()), k),
                1..25,
            ),
            prop::collection::vec(0.0f64..10.0, k)
                .prop_filter("a positive weight", |w| w.iter().any(|x| *x > 1e-3)),
        )
    })
}

fn rank(ds: &Dataset, w: &[f64]) -> Ranking {
    score::rank_group(ds, "g", w, Options::default()).expect("valid weights")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Multiplying every weight by the same factor changes nothing (powers of two keep the
    /// normalised weights bit-identical, so this tests the engine, not float rounding).
    #[test]
    fn scaling_weights_leaves_ranks_unchanged((k, rows, w) in any_case(), e in -20i32..20) {
        let ds = dataset(&rows, k);
        let scaled: Vec<f64> = w.iter().map(|x| x * 2f64.powi(e)).collect();
        prop_assert_eq!(ranks_by_id(&ds, &rank(&ds, &w)), ranks_by_id(&ds, &rank(&ds, &scaled)));
    }

    /// Raising one value of one unit never gives it a worse rank.
    #[test]
    fn raising_a_score_never_lowers_the_rank(
        (k, rows, w) in complete_case(), pick in any::<prop::sample::Index>(),
        cat in any::<prop::sample::Index>(), delta in 0.0f64..1.0,
    ) {
        let ds = dataset(&rows, k);
        let u = pick.index(rows.len());
        let c = cat.index(k);
        let mut raised = rows.clone();
        raised[u][c] = raised[u][c].map(|x| (x + delta).min(1.0));
        let ds2 = dataset(&raised, k);
        let before = rank(&ds, &w).rank_of(u).unwrap();
        let after = rank(&ds2, &w).rank_of(u).unwrap();
        prop_assert!(after <= before, "rank {} became {}", before, after);
    }

    /// The order of units in the file does not matter.
    #[test]
    fn reordering_units_changes_nothing((k, rows, w) in any_case(), seed in any::<u64>()) {
        let ds = dataset(&rows, k);
        let mut shuffled = ds.clone();
        // A deterministic permutation from the seed.
        let n = shuffled.units.len();
        let mut s = seed | 1;
        for i in (1..n).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.units.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let (a, b) = (rank(&ds, &w), rank(&shuffled, &w));
        prop_assert_eq!(ranks_by_id(&ds, &a), ranks_by_id(&shuffled, &b));
        // Not only the ranks: the listed order too, ties (ordered by name) included.
        let ids = |d: &Dataset, r: &Ranking| -> Vec<String> { r.ranked.iter().map(|x| d.units[x.unit].id.clone()).collect() };
        prop_assert_eq!(ids(&ds, &a), ids(&shuffled, &b));
    }

    /// Standard competition ranking: equal rounded scores share a rank, and a rank is 1 + the
    /// number of units strictly ahead (1-2-2-4); tied units are in alphabetical order.
    #[test]
    fn ties_share_ranks_1_2_2_4((k, rows, w) in any_case()) {
        let ds = dataset(&rows, k);
        let r = rank(&ds, &w);
        let keys: Vec<i64> = r.ranked.iter().map(|x| score::tie_key(x.score, PRECISION)).collect();
        for (i, x) in r.ranked.iter().enumerate() {
            let ahead = keys.iter().filter(|&&k2| k2 > keys[i]).count() as u32;
            prop_assert_eq!(x.rank, 1 + ahead);
            if i > 0 {
                prop_assert!(r.ranked[i - 1].rank <= x.rank);
                prop_assert_eq!(keys[i - 1] == keys[i], r.ranked[i - 1].rank == x.rank);
                // Units of one rank are listed in Vietnamese alphabetical order.
                if r.ranked[i - 1].rank == x.rank {
                    let (a, b) = (&ds.units[r.ranked[i - 1].unit].name, &ds.units[x.unit].name);
                    prop_assert_eq!(xephang::engine::collate::compare(a, b), std::cmp::Ordering::Less);
                }
            }
        }
        prop_assert_eq!(r.ranked.len() + r.not_ranked.len(), rows.len());
    }

    /// Long groups (from 256 units the engine sorts by radix, below by comparison) rank as the
    /// definition says: 1 + the number of scores strictly ahead after rounding; none for none.
    #[test]
    fn competition_ranks_of_long_groups(
        scores in prop::collection::vec(prop::option::weighted(0.95, score_value()), 200..700),
        precision in 0u32..=6,
    ) {
        let ranks = score::competition_ranks(&scores, precision);
        let keys: Vec<Option<i64>> = scores.iter().map(|s| s.map(|s| score::tie_key(s, precision))).collect();
        prop_assert_eq!(ranks.len(), scores.len());
        for (key, rank) in keys.iter().zip(&ranks) {
            let want = key.map(|k| 1 + keys.iter().flatten().filter(|&&k2| k2 > k).count() as u32);
            prop_assert_eq!(*rank, want);
        }
    }

    /// A seed gives the same Monte Carlo result, every time.
    #[test]
    fn uncertainty_is_reproducible(
        (k, rows, w) in any_case(), seed in any::<u64>(), percent in 0.0f64..=100.0,
        dirichlet in any::<bool>(),
    ) {
        let ds = dataset(&rows, k);
        let noise = if dirichlet {
            Noise::Dirichlet { concentration: 1.0 + percent }
        } else {
            Noise::Uniform { percent }
        };
        let settings = Settings { noise, samples: 200, seed, options: Options::default() };
        let a = uncertainty::run(&ds, "g", &w, settings).unwrap();
        let b = uncertainty::run(&ds, "g", &w, settings).unwrap();
        prop_assert_eq!(a, b);
    }

    /// When the LP says a unit can be first, its weights really put it first (ties counted).
    #[test]
    fn lp_first_really_ranks_first((k, rows, _w) in complete_case()) {
        let ds = dataset(&rows, k);
        let reach = reach::analyse(&ds, "g").unwrap();
        for u in &reach.units {
            if let Some(w) = &u.first_weights {
                prop_assert!(u.can_be_first);
                prop_assert_eq!(rank(&ds, w).rank_of(u.unit), Some(1));
            }
            // First alone is first with a lead on the unrounded scores under its weights, and
            // a unit that can only tie for first has no such weights among the vertices.
            let score = |i: usize, w: &[f64]| -> f64 {
                rows[i].iter().zip(w).map(|(x, w)| x.unwrap() * w).sum()
            };
            if u.first_alone {
                prop_assert!(u.can_be_first);
                let w = u.first_weights.as_ref().unwrap();
                let lead = (0..rows.len()).filter(|&v| v != u.unit)
                    .map(|v| score(u.unit, w) - score(v, w)).fold(f64::INFINITY, f64::min);
                prop_assert!(lead > 0.0, "first alone, yet led by {}", lead);
            } else {
                for c in 0..k {
                    let mut w = vec![0.0; k];
                    w[c] = 1.0;
                    prop_assert!((0..rows.len()).any(|v| v != u.unit && score(v, &w) >= score(u.unit, &w)));
                }
            }
            prop_assert!(u.best_rank_lower <= u.best_rank_upper);
            // The upper bound is reached: rounding can only improve the rank.
            prop_assert!(rank(&ds, &u.best_weights).rank_of(u.unit).unwrap() <= u.best_rank_upper);
        }
        // Somebody is always first.
        prop_assert!(reach.units.iter().any(|u| u.can_be_first));
    }

    /// A dominated unit never ranks above a unit that dominates it.
    #[test]
    fn dominated_never_outranks_dominator(
        (k, rows, _w) in complete_case(),
        weights in prop::collection::vec(prop::collection::vec(0.0f64..1.0, 5), 1..8),
    ) {
        let ds = dataset(&rows, k);
        let reach = reach::analyse(&ds, "g").unwrap();
        for w in weights {
            let w = &w[..k];
            if w.iter().all(|x| *x == 0.0) { continue; }
            let r = rank(&ds, w);
            for u in &reach.units {
                for &a in &u.dominated_by {
                    prop_assert!(r.rank_of(a).unwrap() <= r.rank_of(u.unit).unwrap());
                }
            }
        }
    }

    /// The parser never panics, on arbitrary bytes.
    #[test]
    fn parser_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_dataset(&bytes);
    }

    /// The parser never panics on a valid file with bytes flipped, cut or inserted.
    #[test]
    fn parser_survives_mutated_files(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8),
    ) {
        let mut bytes = include_bytes!("fixtures/valid.json").to_vec();
        for (at, b, op) in edits {
            let i = at.index(bytes.len().max(1));
            match op {
                0 if i < bytes.len() => bytes[i] = b,
                1 => bytes.insert(i.min(bytes.len()), b),
                _ => bytes.truncate(i),
            }
        }
        let _ = parse_dataset(&bytes);
    }
}
