//! One sort for the whole crate.
//!
//! Why: every `sort_by` call with its own element type and closure compiles its own copy of the
//! standard library's sort (driftsort and its helpers, about 4.5 KB of WebAssembly each); sixteen
//! call sites made 72 KB of the browser bundle. Here the standard stable sort is compiled once, on
//! `u32` positions with the comparison behind `dyn`, and the rest of the crate sorts through it.
//! The one exception is the ranking's inner loop (`score::competition_ranks_into`), which runs
//! thousands of times per Monte Carlo run and keeps a direct sort.

use std::cmp::Ordering;

/// Sorts positions (stable) by a comparison of the positions.
pub fn sort_positions(v: &mut [u32], cmp: &mut dyn FnMut(u32, u32) -> Ordering) {
    // Most calls find the positions in order already: the ranking view lists rows by rank, the
    // order they come in, on every slider step. Checking costs n - 1 comparisons, a sort about
    // n log2 n of them (1.4 ms at 10,000 rows in the browser). A stable sort would leave sorted
    // input as it is, so the result is the same.
    if v.is_sorted_by(|a, b| cmp(*a, *b) != Ordering::Greater) {
        return;
    }
    v.sort_by(|a, b| cmp(*a, *b));
}

/// Sorts `v` (stable) by `cmp`, through [`sort_positions`].
pub fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut pos: Vec<u32> = (0..v.len() as u32).collect();
    sort_positions(&mut pos, &mut |a, b| cmp(&v[a as usize], &v[b as usize]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        pos.iter()
            .filter_map(|&i| slots.get_mut(i as usize).and_then(Option::take)),
    );
}

/// Sorts `v` (stable) by a key, through [`sort_positions`].
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_and_keeps_every_element() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut w: Vec<String> = ["b", "a", "c"].iter().map(|s| s.to_string()).collect();
        sort_by(&mut w, |a, b| b.cmp(a));
        assert_eq!(w, ["c", "b", "a"]);
        // Positions already in order are left as they are, equal ones included, after one
        // comparison per neighbouring pair.
        let keys = [1, 2, 2, 5, 9];
        let mut pos: Vec<u32> = vec![0, 2, 1, 3, 4];
        let mut calls = 0;
        sort_positions(&mut pos, &mut |a, b| {
            calls += 1;
            keys[a as usize].cmp(&keys[b as usize])
        });
        assert_eq!((pos, calls), (vec![0, 2, 1, 3, 4], 4));
        let mut empty: Vec<u8> = Vec::new();
        sort_by(&mut empty, |a, b| a.cmp(b));
        assert!(empty.is_empty());
    }
}
