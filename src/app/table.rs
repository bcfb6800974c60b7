//! The rows of the ranking table, their filtering and sorting, and their export as CSV or JSON.
//!
//! Plain Rust, tested natively: the view (`ranking.rs`) only draws what this module returns, and
//! every number in it comes from the dataset file (official figures) or from `engine::score`.

use super::i18n::Lang;
use super::query::{SortBy, ViewState};
use crate::engine::collate;
use crate::engine::dataset::Dataset;
use crate::engine::score::{self, Options, Prepared, Ranking};
use crate::engine::validate::Problem;
use serde::Serialize;
use std::cmp::Ordering;
use std::sync::Arc;

/// What the ranking view shows for a group.
#[derive(Clone, Debug, PartialEq)]
pub enum Table {
    /// Category scores allow a re-ranking: the engine's ranking under the given weights.
    Computed { ranking: Ranking, weights: Vec<f64> },
    /// Too few category scores: the publisher's own ranking, as printed.
    Official { order: Vec<usize> },
    /// The weights or options cannot rank (all zero, say).
    Error(Problem),
}

/// Re-weighting is offered when at least two units of the group have every category.
pub fn can_reweight(ds: &Dataset, group: &str) -> bool {
    score::complete_units(ds, group) >= 2
}

/// The table of a group under weights and options, computed by the engine.
pub fn build(ds: &Dataset, group: &str, weights: &[f64], options: Options) -> Table {
    match Prepared::new(ds, group) {
        Ok(p) => build_with(ds, group, &p, weights, options),
        Err(e) => Table::Error(e),
    }
}

/// [`build`] with the group already prepared (the app prepares it once per group).
pub fn build_with(
    ds: &Dataset,
    group: &str,
    prepared: &Prepared,
    weights: &[f64],
    options: Options,
) -> Table {
    if prepared.complete_rows() < 2 {
        return Table::Official {
            order: score::official_order(ds, group),
        };
    }
    match prepared.rank(weights, options) {
        Ok(ranking) => Table::Computed {
            ranking,
            weights: weights.to_vec(),
        },
        Err(p) => Table::Error(p),
    }
}

/// What a row shows that does not depend on the weights, computed once per dataset and group and
/// read (not copied) by every re-ranking.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fixed {
    pub id: Arc<str>,
    pub name: Arc<str>,
    /// Accent-folded name (for filtering).
    pub folded: Arc<str>,
    /// Category values in the dataset's category order (empty outside the group).
    pub categories: Arc<[Option<f64>]>,
    /// Has a value in every category.
    pub complete: bool,
    /// Position of the name in Vietnamese alphabetical order (for sorting by name; `usize::MAX`
    /// outside the group).
    pub name_order: usize,
    pub official_rank: Option<u32>,
    pub official_index: Option<f64>,
}

/// The fixed part of every unit of a dataset, indexed like `Dataset::units`, for one group.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fixeds {
    units: Vec<Fixed>,
    /// Units of the group with a published rank.
    with_rank: usize,
    /// Shown for an index out of range, which the tables built here never hold.
    none: Fixed,
    /// The dataset's precision: scores equal at it tie (`score::tie_key`).
    precision: u32,
}

impl Fixeds {
    pub fn new(ds: &Dataset, group: &str) -> Fixeds {
        let mut names: Vec<(collate::SortKey, usize)> = ds
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.group == group)
            .map(|(i, u)| (collate::sort_key(&u.name), i))
            .collect();
        crate::engine::order::sort_by(&mut names, |a, b| a.cmp(b));
        let mut name_order = vec![usize::MAX; ds.units.len()];
        for (pos, (_, i)) in names.into_iter().enumerate() {
            name_order[i] = pos;
        }
        let units = ds
            .units
            .iter()
            .zip(name_order)
            .map(|(u, name_order)| {
                let categories: Vec<Option<f64>> = if u.group == group {
                    ds.categories.iter().map(|c| u.score(&c.id)).collect()
                } else {
                    Vec::new()
                };
                Fixed {
                    id: u.id.as_str().into(),
                    name: u.name.as_str().into(),
                    folded: collate::fold(&u.name).into(),
                    complete: !categories.is_empty() && categories.iter().all(Option::is_some),
                    categories: categories.into(),
                    name_order,
                    official_rank: u.official.rank,
                    official_index: u.official.index,
                }
            })
            .collect();
        let with_rank = ds
            .units
            .iter()
            .filter(|u| u.group == group && u.official.rank.is_some())
            .count();
        Fixeds {
            units,
            with_rank,
            none: Fixed::default(),
            precision: ds.precision,
        }
    }

    /// Adds the other names each unit is found by (`Registry::search_names`) to its folded
    /// name, on lines of their own: a search matches within one name, never across two.
    pub fn also_named(mut self, names: impl Fn(&str) -> String) -> Fixeds {
        for u in &mut self.units {
            let more = names(&u.id);
            if !more.is_empty() {
                u.folded = format!("{}{more}", u.folded).into();
            }
        }
        self
    }

    /// The fixed part of unit `i` (an index into `Dataset::units`).
    fn get(&self, i: usize) -> &Fixed {
        self.units.get(i).unwrap_or(&self.none)
    }
}

/// Where a unit stands under the weights: the part of a row that a re-ranking changes. Small and
/// without pointers, because a slider step at 10,000 units makes 10,000 of these (with a shared
/// pointer to the fixed part each, building and dropping them took 1.9 ms of a step).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Standing {
    /// Index into `Dataset::units`.
    unit: u32,
    rank: Option<u32>,
    score: Option<f64>,
    baseline: Option<u32>,
}

/// One row as shown and exported: where the unit stands, and (through `Deref`: `row.name`) what
/// does not depend on the weights.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Row<'a> {
    /// Index into `Dataset::units`.
    pub unit: usize,
    pub rank: Option<u32>,
    /// The engine's score under the weights (computed table) or the official index.
    pub score: Option<f64>,
    /// The official rank the change is measured from: the published rank when every unit with
    /// one is ranked here, else the unit's place in the official order *of the units ranked
    /// here* (a rank among 10 is not compared with a rank among 63).
    pub baseline: Option<u32>,
    /// Places moved against `baseline`: positive = up.
    pub change: Option<i64>,
    pub fixed: &'a Fixed,
}

impl std::ops::Deref for Row<'_> {
    type Target = Fixed;
    fn deref(&self) -> &Fixed {
        self.fixed
    }
}

/// The rows of a table, in the table's own order (rank, then name).
#[derive(Clone, Debug, Default)]
pub struct Rows {
    fixed: Arc<Fixeds>,
    standings: Vec<Standing>,
    /// Changes are measured against the official order among the ranked units only.
    pub relative: bool,
}

impl Rows {
    pub fn len(&self) -> usize {
        self.standings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.standings.is_empty()
    }

    /// The row at `pos`, if there is one.
    pub fn get(&self, pos: usize) -> Option<Row<'_>> {
        self.standings.get(pos).map(|s| self.row(s))
    }

    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        self.standings.iter().map(|s| self.row(s))
    }

    fn row(&self, s: &Standing) -> Row<'_> {
        Row {
            unit: s.unit as usize,
            rank: s.rank,
            score: s.score,
            baseline: s.baseline,
            change: score::rank_change(s.baseline, s.rank),
            fixed: self.fixed.get(s.unit as usize),
        }
    }
}

/// A row as exported to JSON.
#[derive(Serialize)]
struct RowExport<'a> {
    rank: Option<u32>,
    id: &'a str,
    name: &'a str,
    score: Option<f64>,
    official_rank: Option<u32>,
    official_index: Option<f64>,
    /// Named as the CSV's column.
    #[serde(rename = "change_from")]
    baseline: Option<u32>,
    change: Option<i64>,
    /// In the order of the export's `categories`.
    categories: &'a [Option<f64>],
    complete: bool,
}

impl<'a> From<&Row<'a>> for RowExport<'a> {
    fn from(r: &Row<'a>) -> Self {
        let f: &'a Fixed = r.fixed;
        RowExport {
            rank: r.rank,
            id: &f.id,
            name: &f.name,
            score: r.score,
            official_rank: f.official_rank,
            official_index: f.official_index,
            baseline: r.baseline,
            change: r.change,
            categories: &f.categories,
            complete: f.complete,
        }
    }
}

/// A unit the engine could not rank, and the categories it lacks.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unranked {
    #[serde(skip)]
    pub unit: usize,
    pub id: String,
    pub name: String,
    /// Ids of the weighted categories it has no value for.
    pub missing: Vec<String>,
    /// Its names for the filter (`Fixed::folded`).
    #[serde(skip)]
    pub folded: Arc<str>,
}

/// The rows and the units not ranked, in the table's own order.
pub fn rows(ds: &Dataset, fixed: &Arc<Fixeds>, table: &Table) -> (Rows, Vec<Unranked>) {
    let mut rows = Rows {
        fixed: fixed.clone(),
        standings: Vec::new(),
        relative: false,
    };
    let unranked = match table {
        Table::Official { order } => {
            rows.standings = order
                .iter()
                .map(|&i| {
                    let f = fixed.get(i);
                    Standing {
                        unit: i as u32,
                        rank: f.official_rank,
                        score: f.official_index,
                        baseline: None,
                    }
                })
                .collect();
            Vec::new()
        }
        Table::Computed { ranking, .. } => {
            let (baselines, relative) = baselines(fixed, ranking);
            rows.relative = relative;
            rows.standings = ranking
                .ranked
                .iter()
                .zip(baselines)
                .map(|(r, baseline)| Standing {
                    unit: r.unit as u32,
                    rank: Some(r.rank),
                    score: Some(r.score),
                    baseline,
                })
                .collect();
            ranking
                .not_ranked
                .iter()
                .map(|n| Unranked {
                    unit: n.unit,
                    id: ds.units[n.unit].id.clone(),
                    name: ds.units[n.unit].name.clone(),
                    folded: fixed.get(n.unit).folded.clone(),
                    missing: n
                        .missing
                        .iter()
                        .filter_map(|&j| ds.categories.get(j).map(|c| c.id.clone()))
                        .collect(),
                })
                .collect()
        }
        Table::Error(_) => Vec::new(),
    };
    (rows, unranked)
}

/// The official rank each ranked unit is compared with: its published rank when the ranking
/// covers every unit that has one, else its competition rank by published rank among the units
/// ranked here (and then true: the baseline is relative).
fn baselines(fixed: &Fixeds, ranking: &Ranking) -> (Vec<Option<u32>>, bool) {
    let published: Vec<Option<u32>> = ranking
        .ranked
        .iter()
        .map(|r| fixed.get(r.unit).official_rank)
        .collect();
    if published.iter().flatten().count() == fixed.with_rank {
        return (published, false);
    }
    // Lower official rank is better: rank the negated ranks, ties shared.
    let keys: Vec<Option<f64>> = published.iter().map(|r| r.map(|r| -(r as f64))).collect();
    let relative = score::competition_ranks(&keys, 0);
    let differs = relative != published;
    (relative, differs)
}

/// Filters that narrow the rows shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter<'a> {
    /// Matched accent-insensitively against the name ("da nang" finds "Đà Nẵng").
    pub text: &'a str,
    /// Only units whose region (looked up by unit id) equals this.
    pub region: Option<&'a str>,
    /// That region's name in the export's language, where the registry is known: an export
    /// names it so, not by its id.
    pub region_name: Option<&'a str>,
    pub complete_only: bool,
}

/// How far the scores computed under the official weights stand from the published index, at
/// the dataset's precision: (units whose rounded score differs, units with both, largest
/// difference). Sources publish category scores already rounded, so the recomputed overall
/// score can be off by a unit in the last place; the reader is told rather than left to
/// find a "wrong" number.
pub fn official_gap(rows: &Rows, precision: u32) -> (usize, usize, f64) {
    let scale = 10f64.powi(precision as i32);
    let (mut differ, mut both, mut most) = (0, 0, 0.0f64);
    for r in rows.iter() {
        if let (Some(s), Some(i)) = (r.score, r.official_index) {
            both += 1;
            // Rounded as the table prints and ranks them (`score::tie_key`).
            let key = |x: f64| crate::engine::score::tie_key(x, precision) as f64;
            let d = (key(s) - key(i)).abs() / scale;
            if d > 0.0 {
                differ += 1;
                most = most.max(d);
            }
        }
    }
    (differ, both, most)
}

/// The units not ranked that the filters keep, so that the list below the table (and an export)
/// answers the same question as the table: none under the complete-data filter, since none of
/// them has every score (listed whatever that filter, they contradicted it, and the export's
/// head had to say so).
pub fn unranked_shown<'a>(
    list: &'a [Unranked],
    filter: &Filter,
    region_of: &dyn Fn(&str) -> Option<String>,
) -> Vec<&'a Unranked> {
    let needle = collate::fold(filter.text);
    let list = if filter.complete_only { &[][..] } else { list };
    list.iter()
        .filter(|u| needle.is_empty() || u.folded.contains(needle.as_str()))
        .filter(|u| {
            filter
                .region
                .is_none_or(|want| region_of(&u.id).as_deref() == Some(want))
        })
        .collect()
}

/// The rows a table shows: positions into [`Rows`] after filter and sort (and an embed's row
/// limit), and the indices in `positions` of the rows that follow rows the limit left out, which
/// the table marks.
#[derive(Clone, PartialEq)]
#[cfg_attr(test, derive(Debug))]
pub struct ShownRows {
    pub positions: Vec<u32>,
    pub after_gap: Vec<usize>,
}

impl ShownRows {
    /// Every row of `positions`, none left out.
    pub fn all(positions: Vec<u32>) -> ShownRows {
        ShownRows {
            positions,
            after_gap: Vec::new(),
        }
    }
}

/// The first `n` of `positions`, followed by any position further down whose unit is `kept`: an
/// embed limited to ten rows that highlights a province ranked 20th must still show that
/// province (after the ten, in its order), or the article's point is lost. Where rows are left
/// out before a kept one, says so (`after_gap`), from the same walk.
pub fn first_rows(
    rows: &Rows,
    positions: Vec<u32>,
    n: usize,
    kept: &dyn Fn(&str) -> bool,
) -> ShownRows {
    if positions.len() <= n {
        return ShownRows::all(positions);
    }
    let mut out = ShownRows::all(positions[..n].to_vec());
    // The index in `positions` of the last row taken.
    let mut last = n.checked_sub(1);
    for (i, &p) in positions.iter().enumerate().skip(n) {
        if rows.get(p as usize).is_some_and(|r| kept(&r.id)) {
            if last.is_some_and(|l| i > l + 1) {
                out.after_gap.push(out.positions.len());
            }
            out.positions.push(p);
            last = Some(i);
        }
    }
    out
}

/// Positions (into `rows`) of the rows that pass the filter, sorted. `region_of` maps a unit id
/// to its region id. Positions, not copies: a virtualised table of 10,000 rows draws only the
/// few in view.
#[inline(never)]
pub fn visible_positions(
    rows: &Rows,
    filter: &Filter,
    region_of: &dyn Fn(&str) -> Option<String>,
    sort: &SortBy,
    descending: bool,
    categories: &[String],
) -> Vec<u32> {
    let needle = collate::fold(filter.text);
    let keep = |r: Row| {
        (needle.is_empty() || r.folded.contains(needle.as_str()))
            && (!filter.complete_only || r.complete)
            && match filter.region {
                Some(want) => region_of(&r.id).as_deref() == Some(want),
                None => true,
            }
    };
    let mut out: Vec<u32> = (0..rows.len() as u32)
        .filter(|&i| rows.get(i as usize).is_some_and(keep))
        .collect();
    // Missing values sort last whichever the direction.
    fn opt<T: PartialOrd>(a: Option<T>, b: Option<T>, desc: bool) -> Ordering {
        match (a, b) {
            (Some(x), Some(y)) => {
                let o = x.partial_cmp(&y).unwrap_or(Ordering::Equal);
                if desc {
                    o.reverse()
                } else {
                    o
                }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    let by_name = |a: &Row, b: &Row| a.name_order.cmp(&b.name_order);
    let j = match sort {
        SortBy::Category(id) => categories.iter().position(|c| c == id),
        _ => None,
    };
    // A sort by a category the table does not show (a link's, or one kept from another dataset
    // or group) does not reach here: state::check_link puts the rank in its place, and says so;
    // nor one by a change no row has (ranking.rs puts the rank in its place).
    let get = |r: &Row| j.and_then(|j| r.categories.get(j).copied().flatten());
    let precision = rows.fixed.precision;
    let tied = |x: Option<f64>| x.map(|x| crate::engine::score::tie_key(x, precision));
    let mut cmp = |pa: u32, pb: u32| -> Ordering {
        let (Some(a), Some(b)) = (rows.get(pa as usize), rows.get(pb as usize)) else {
            return Ordering::Equal;
        };
        let (a, b) = (&a, &b);
        match sort {
            // The table's own order, which is by rank (an official table's units without a
            // rank where their index falls: `score::official_order`), reversed for "worst
            // first"; a unit with neither rank nor index last either way.
            SortBy::Rank => {
                let placed = |r: &Row| r.rank.is_some() || r.score.is_some();
                let order = if descending { pb.cmp(&pa) } else { pa.cmp(&pb) };
                placed(b).cmp(&placed(a)).then(order)
            }
            SortBy::Name if descending => by_name(a, b).reverse(),
            SortBy::Name => by_name(a, b),
            // Scores and changes read "best first" by default.
            // Scores that tie at the dataset's precision (and print alike) in name order, as
            // the ranks put them (compared unrounded, 0,5582 could come before its tie).
            SortBy::Score => opt(tied(a.score), tied(b.score), !descending).then(by_name(a, b)),
            SortBy::Change => opt(a.change, b.change, !descending).then(by_name(a, b)),
            SortBy::Category(_) => opt(get(a), get(b), !descending).then(by_name(a, b)),
        }
    };
    // Rows come in the table's order, which is by rank and then name (engine::score ranks so,
    // and official_order orders so): the default sort is that order already, and skipping even
    // the check saves 10,000 comparisons per slider step at 10,000 rows. Debug builds check.
    if matches!(sort, SortBy::Rank) && !descending {
        debug_assert!(out.is_sorted_by(|a, b| cmp(*a, *b) != Ordering::Greater));
        return out;
    }
    crate::engine::order::sort_positions(&mut out, &mut cmp);
    out
}

/// The rows that pass the filter, sorted (see [`visible_positions`]).
pub fn visible<'r>(
    rows: &'r Rows,
    filter: &Filter,
    region_of: &dyn Fn(&str) -> Option<String>,
    sort: &SortBy,
    descending: bool,
    categories: &[String],
) -> Vec<Row<'r>> {
    visible_positions(rows, filter, region_of, sort, descending, categories)
        .into_iter()
        .filter_map(|i| rows.get(i as usize))
        .collect()
}

fn fmt_opt<T: ToString>(x: Option<T>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// What an export holds: the ranking shown, with everything that made it (dataset, group,
/// weights, options) and the filters that narrowed it, so that a downloaded file explains itself.
pub struct Export<'a> {
    pub ds: &'a Dataset,
    pub group: &'a str,
    pub table: &'a Table,
    /// The rows shown, in the order shown.
    pub rows: &'a [Row<'a>],
    pub unranked: &'a [Unranked],
    pub options: Options,
    pub filter: &'a Filter<'a>,
    pub lang: Lang,
}

impl<'a> Filter<'a> {
    /// The filters a view state sets.
    pub fn of(v: &'a ViewState) -> Filter<'a> {
        Filter {
            text: &v.filter,
            region: v.region.as_deref(),
            region_name: None,
            complete_only: v.complete_only,
        }
    }

    /// The filters in force, in words of the export's language, or `None`.
    pub fn describe(&self, l: Lang) -> Option<String> {
        let mut parts = Vec::new();
        if !self.text.trim().is_empty() {
            let t = self.text.trim();
            parts.push(match l {
                Lang::Vi => format!("tên khớp \"{t}\""),
                Lang::En => format!("name matches \"{t}\""),
            });
        }
        if let Some(r) = self.region_name.or(self.region) {
            parts.push(format!("{} {r}", l.t("vùng", "region")));
        }
        if self.complete_only {
            parts.push(
                l.t(
                    "chỉ các đơn vị có đủ điểm mọi chỉ số thành phần",
                    "only units with every category score",
                )
                .to_string(),
            );
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

impl Export<'_> {
    /// The ranking as CSV. Header comment lines (`# …`, beginning with `#` itself, never a
    /// quote) say, in the page's language, what the table is, which weights made it and which
    /// filters narrowed it. Every number in the file, the comments' too, has a decimal point
    /// whatever the language, so spreadsheets read them and no comment is split at a comma.
    pub fn csv(&self) -> String {
        let l = self.lang;
        let mut head = String::new();
        head.push_str(&format!("# {}\n", l.pick(&self.ds.title)));
        let gname = self
            .ds
            .group(self.group)
            .map(|g| l.pick(&g.name).to_string())
            .unwrap_or_default();
        head.push_str(&format!(
            "# {}: {} ({gname}); {} {}\n",
            l.t("nhóm", "group"),
            self.group,
            l.t("năm", "edition"),
            self.ds.edition
        ));
        match self.table {
            Table::Computed { weights, .. } => {
                let sum: f64 = weights.iter().sum();
                let parts: Vec<String> = self
                    .ds
                    .categories
                    .iter()
                    .zip(weights)
                    .map(|(c, w)| {
                        // The weight exactly as used, and its share, with a decimal point in
                        // either language, as the table's numbers: a comma would be the CSV's
                        // delimiter.
                        let share = score::decimal(100.0 * w / sum, 1, '.');
                        let space = if l == Lang::Vi { " " } else { "" };
                        format!("{}={w} ({share}{space}%)", c.id)
                    })
                    .collect();
                head.push_str(&format!(
                    "# {}: {}\n",
                    l.t("trọng số", "weights"),
                    parts.join("; ")
                ));
                head.push_str(&format!(
                    "# {}: {}; {}: {}\n",
                    l.t("cách gộp", "aggregation"),
                    match self.options.aggregation {
                        score::Aggregation::Arithmetic => {
                            l.t("trung bình cộng có trọng số", "weighted arithmetic mean")
                        }
                        score::Aggregation::Geometric => {
                            l.t("trung bình nhân có trọng số", "weighted geometric mean")
                        }
                    },
                    l.t(
                        "đơn vị thiếu một chỉ số thành phần",
                        "units missing a category"
                    ),
                    match self.options.missing {
                        score::MissingPolicy::Exclude => l.t("không xếp hạng", "not ranked"),
                        score::MissingPolicy::Renormalize => {
                            l.t("chia lại trọng số", "weights renormalised")
                        }
                    }
                ));
            }
            // Weights that rank nothing (every one 0): said as the engine says it, not as a
            // dataset without category scores.
            Table::Error(p) => head.push_str(&format!(
                "# {}: {}\n",
                l.t("không xếp hạng được", "nothing could be ranked"),
                l.pick(&p.located())
            )),
            Table::Official { .. } => head.push_str(&format!(
                "# {}\n",
                l.t(
                    "xếp hạng chính thức như đã công bố (không có điểm từng chỉ số thành phần để đổi trọng số)",
                    "the official ranking as published (no category scores to re-weight)",
                )
            )),
        }
        if let Some(f) = self.filter.describe(l) {
            // The table's rows (an official table's include units with no published rank),
            // then the units not ranked that the filters keep.
            let (n, m) = (self.rows.len(), self.unranked.len());
            head.push_str(&match l {
                Lang::Vi => {
                    format!("# đã lọc: {f}; {n} đơn vị trong bảng, {m} đơn vị không xếp hạng\n")
                }
                Lang::En => format!("# filtered: {f}; {n} in the table, {m} not ranked\n"),
            });
        }
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut header = vec![
            "rank".to_string(),
            "id".into(),
            "name".into(),
            "score".into(),
            "official_rank".into(),
            "official_index".into(),
            "change_from".into(),
            "change".into(),
        ];
        header.extend(self.ds.categories.iter().map(|c| c.id.clone()));
        let _ = w.write_record(&header);
        // The score as shown, at the published precision the ranks are taken at (the float's
        // last digits, 0.8241478723404255, are noise in a spreadsheet), and the published index
        // likewise: "0.640" beside "0.640", not "0.64".
        let at_precision = |x: Option<f64>| {
            x.map_or_else(String::new, |x| {
                score::decimal(x, self.ds.precision as usize, '.')
            })
        };
        for r in self.rows {
            let mut rec = vec![
                fmt_opt(r.rank),
                r.id.to_string(),
                r.name.to_string(),
                at_precision(r.score),
                fmt_opt(r.official_rank),
                at_precision(r.official_index),
                fmt_opt(r.baseline),
                fmt_opt(r.change),
            ];
            rec.extend(r.categories.iter().map(|x| fmt_opt(*x)));
            let _ = w.write_record(&rec);
        }
        for u in self.unranked {
            let unit = &self.ds.units[u.unit];
            let mut rec = vec![
                String::new(),
                u.id.clone(),
                u.name.clone(),
                String::new(),
                fmt_opt(unit.official.rank),
                at_precision(unit.official.index),
                String::new(),
                String::new(),
            ];
            rec.extend(
                self.ds
                    .categories
                    .iter()
                    .map(|c| fmt_opt(unit.score(&c.id))),
            );
            let _ = w.write_record(&rec);
        }
        // Comment lines begin with "#" itself, never a quote: pandas (`comment='#'`) and R
        // (`comment.char`) skip only those, and read a quoted one as the header. So they are
        // written as they are, their own numbers with a point and their lists split by ";"
        // (a name with a comma, such as a group's, spreads over two cells in a spreadsheet),
        // and a double quote in them (a filter's text) becomes a single one, which no CSV
        // reader takes for the start of a field.
        let mut out = String::new();
        for line in head.lines() {
            out.push_str(&line.replace('"', "'"));
            out.push('\n');
        }
        out + &w
            .into_inner()
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default()
    }

    /// The ranking as JSON (the same content as the CSV).
    pub fn json(&self) -> String {
        let weights = match self.table {
            Table::Computed { weights, .. } => Some(
                self.ds
                    .categories
                    .iter()
                    .zip(weights)
                    .map(|(c, w)| (c.id.clone(), *w))
                    .collect(),
            ),
            _ => None,
        };
        let e = JsonExport {
            dataset: &self.ds.id,
            title: self.lang.pick(&self.ds.title),
            edition: self.ds.edition,
            group: self.group,
            weights,
            categories: self.ds.categories.iter().map(|c| c.id.as_str()).collect(),
            aggregation: match self.options.aggregation {
                score::Aggregation::Arithmetic => "arithmetic",
                score::Aggregation::Geometric => "geometric",
            },
            missing: match self.options.missing {
                score::MissingPolicy::Exclude => "exclude",
                score::MissingPolicy::Renormalize => "renormalize",
            },
            error: match self.table {
                Table::Error(p) => Some(p.located().en),
                _ => None,
            },
            filter: self.filter.describe(Lang::En).map(|_| JsonFilter {
                name: self.filter.text.trim(),
                region: self.filter.region,
                complete_only: self.filter.complete_only,
            }),
            ranked: self.rows.iter().map(RowExport::from).collect(),
            not_ranked: self.unranked,
        };
        serde_json::to_string_pretty(&e).unwrap_or_default()
    }
}

#[derive(Serialize)]
struct JsonExport<'a> {
    dataset: &'a str,
    title: &'a str,
    edition: i32,
    group: &'a str,
    weights: Option<Vec<(String, f64)>>,
    /// The category ids, in the order of each row's `categories` values.
    categories: Vec<&'a str>,
    aggregation: &'a str,
    missing: &'a str,
    /// Why nothing is ranked, when nothing could be (every weight 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    /// The filters that narrowed `ranked`, when any did.
    #[serde(skip_serializing_if = "Option::is_none")]
    filter: Option<JsonFilter<'a>>,
    ranked: Vec<RowExport<'a>>,
    not_ranked: &'a [Unranked],
}

#[derive(Serialize)]
struct JsonFilter<'a> {
    name: &'a str,
    region: Option<&'a str>,
    complete_only: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::dataset::*;
    use crate::engine::score::MissingPolicy;
    use std::collections::BTreeMap;

    fn ds() -> Dataset {
        let unit = |id: &str, name: &str, a: Option<f64>, b: Option<f64>, rank: u32| Unit {
            id: id.into(),
            name: name.into(),
            group: "p".into(),
            scores: BTreeMap::from([("a".to_string(), a), ("b".to_string(), b)]),
            category_ranks: BTreeMap::new(),
            official: Official {
                index: None,
                rank: Some(rank),
            },
            sources: vec![],
            note: None,
        };
        Dataset {
            format: FORMAT.into(),
            id: "t".into(),
            title: Text::new("Thử", "Test"),
            edition: 2024,
            series: None,
            published: None,
            publisher: Text::new("p", "p"),
            sources: vec![],
            notes: None,
            categories: ["a", "b"]
                .iter()
                .map(|id| Category {
                    id: id.to_string(),
                    name: Text::new(*id, *id),
                    weight: Some(1.0),
                    max_points: None,
                })
                .collect(),
            weight_basis: WeightBasis::Official,
            weight_note: None,
            groups: vec![Group {
                id: "p".into(),
                name: Text::new("Tỉnh", "Provinces"),
                units_evaluated: None,
            }],
            precision: 4,
            units: vec![
                unit("da-nang", "Đà Nẵng", Some(0.9), Some(0.1), 2),
                unit("dak-lak", "Đắk Lắk", Some(0.2), Some(0.2), 3),
                unit("an-giang", "An Giang", Some(0.1), Some(0.8), 1),
                unit("ca-mau", "Cà Mau", Some(0.3), None, 4),
            ],
            coverage: vec![],
        }
    }

    #[test]
    fn the_list_of_units_not_ranked_follows_the_name_and_region_filters() {
        let d = ds();
        let t = build(&d, "p", &[1.0, 1.0], Options::default());
        // Cà Mau is also found by a name the registry knows it by.
        let fixed = Fixeds::new(&d, "p").also_named(|id| {
            if id == "ca-mau" {
                "\nminh hai".to_string()
            } else {
                String::new()
            }
        });
        let (_, unranked) = rows(&d, &Arc::new(fixed.clone()), &t);
        assert_eq!(unranked.len(), 1);
        let f = |text, region| Filter {
            text,
            region,
            region_name: None,
            complete_only: false,
        };
        let none = |_: &str| None;
        let south = |_: &str| Some("south".to_string());
        // None has every score: the complete-data filter leaves none of them.
        let complete = Filter {
            complete_only: true,
            ..f("", None)
        };
        assert_eq!(unranked_shown(&unranked, &complete, &none).len(), 0);
        assert_eq!(
            unranked_shown(&unranked, &f("ca mau", None), &none).len(),
            1
        );
        assert_eq!(
            unranked_shown(&unranked, &f("Minh Hải", None), &none).len(),
            1
        );
        assert_eq!(
            unranked_shown(&unranked, &f("mau minh", None), &none).len(),
            0,
            "not across two names"
        );
        assert_eq!(
            unranked_shown(&unranked, &f("da nang", None), &none).len(),
            0
        );
        assert_eq!(
            unranked_shown(&unranked, &f("", Some("south")), &south).len(),
            1
        );
        assert_eq!(
            unranked_shown(&unranked, &f("", Some("north")), &south).len(),
            0
        );
    }

    #[test]
    fn the_gap_to_the_published_index_is_counted_at_the_printed_precision() {
        let mut d = ds();
        let idx = [Some(0.5), Some(0.2), Some(0.4501), None];
        for (u, i) in d.units.iter_mut().zip(idx) {
            u.official.index = i;
        }
        let t = build(&d, "p", &[1.0, 1.0], Options::default());
        let (rows, _) = rows(&d, &Arc::new(Fixeds::new(&d, "p")), &t);
        // Đà Nẵng (0.9+0.1)/2 = 0.5 as published; Đắk Lắk 0.2 likewise; An Giang 0.45 against
        // 0.4501; Cà Mau (not ranked: a category missing) has no index.
        let (differ, both, most) = official_gap(&rows, 4);
        assert_eq!((differ, both), (1, 3));
        assert!((most - 0.0001).abs() < 1e-12, "{most}");
    }

    #[test]
    fn first_rows_keeps_kept_units_ranked_lower() {
        let d = ds();
        let t = build(&d, "p", &[1.0, 0.0], Options::default());
        let (rows, _) = rows(&d, &Arc::new(Fixeds::new(&d, "p")), &t);
        let all: Vec<u32> = (0..rows.len() as u32).collect();
        let id = |p: &u32| rows.get(*p as usize).unwrap().id.to_string();
        let none = |_: &str| false;
        let plain = ShownRows::all;
        assert_eq!(first_rows(&rows, all.clone(), 2, &none), plain(vec![0, 1]));
        // Đà Nẵng, Cà Mau, then Đắk Lắk left out before An Giang: the third row follows a gap.
        let an_giang = |u: &str| u == "an-giang";
        let kept = first_rows(&rows, all.clone(), 2, &an_giang);
        assert_eq!(
            kept.positions.iter().map(id).collect::<Vec<_>>(),
            ["da-nang", "ca-mau", "an-giang"]
        );
        assert_eq!(kept.after_gap, vec![2]);
        // The next row kept: nothing left out, nothing marked.
        let dak_lak = |u: &str| u == "dak-lak";
        assert_eq!(
            first_rows(&rows, all.clone(), 2, &dak_lak),
            plain(vec![0, 1, 2])
        );
        // Two kept with a gap before the first only, then none before the second.
        let both = |u: &str| u == "an-giang" || u == "dak-lak";
        assert_eq!(first_rows(&rows, all.clone(), 1, &both).after_gap, vec![1]);
        // No row taken first (n = 0): the first row shown is never marked.
        assert_eq!(first_rows(&rows, all.clone(), 0, &an_giang), plain(vec![3]));
        // Within the first n, a kept unit is not repeated; n beyond the length keeps all.
        let da_nang = |u: &str| u == "da-nang";
        assert_eq!(
            first_rows(&rows, all.clone(), 2, &da_nang),
            plain(vec![0, 1])
        );
        assert_eq!(first_rows(&rows, all.clone(), 9, &an_giang), plain(all));
    }

    #[test]
    fn computed_rows_carry_changes_and_unranked_reasons() {
        let d = ds();
        let t = build(&d, "p", &[1.0, 0.0], Options::default());
        let (rows, unranked) = rows(&d, &Arc::new(Fixeds::new(&d, "p")), &t);
        let names: Vec<&str> = rows.iter().map(|r| &*r.fixed.name).collect();
        assert_eq!(names, vec!["Đà Nẵng", "Cà Mau", "Đắk Lắk", "An Giang"]);
        assert_eq!(rows.get(0).unwrap().change, Some(1)); // official 2 → 1
        assert_eq!(rows.get(3).unwrap().change, Some(-3)); // official 1 → 4
        assert!(unranked.is_empty());
        assert!(!rows.relative);
        let t = build(&d, "p", &[1.0, 1.0], Options::default());
        let (_, unranked) = super::rows(&d, &Arc::new(Fixeds::new(&d, "p")), &t);
        assert_eq!(unranked[0].name, "Cà Mau");
        assert_eq!(unranked[0].missing, vec!["b"]);
    }

    #[test]
    fn changes_of_a_subset_are_measured_within_the_subset() {
        // Cà Mau (official 4) lacks b: with b weighted, three units are ranked, and their
        // official order among themselves is An Giang 1, Đà Nẵng 2, Đắk Lắk 3.
        let d = ds();
        let t = build(&d, "p", &[0.0, 1.0], Options::default());
        let (rows, _) = rows(&d, &Arc::new(Fixeds::new(&d, "p")), &t);
        type Got<'a> = (&'a str, Option<u32>, Option<u32>, Option<i64>);
        let got: Vec<Got> = rows
            .iter()
            .map(|r| (&*r.fixed.name, r.official_rank, r.baseline, r.change))
            .collect();
        assert_eq!(
            got,
            vec![
                ("An Giang", Some(1), Some(1), Some(0)),
                ("Đắk Lắk", Some(3), Some(3), Some(1)),
                ("Đà Nẵng", Some(2), Some(2), Some(-1)),
            ]
        );
        // Remove An Giang's official rank: the remaining published ranks 2 and 3 become 1 and 2.
        let mut d2 = ds();
        d2.units[2].official.rank = None;
        let t = build(&d2, "p", &[0.0, 1.0], Options::default());
        let (rows, _) = super::rows(&d2, &Arc::new(Fixeds::new(&d2, "p")), &t);
        assert!(rows.relative);
        let dn = rows.iter().find(|r| &*r.name == "Đà Nẵng").unwrap();
        assert_eq!((dn.official_rank, dn.baseline), (Some(2), Some(1)));
    }

    #[test]
    fn filter_is_accent_insensitive_and_sort_is_vietnamese() {
        let d = ds();
        let t = build(&d, "p", &[1.0, 1.0], Options::default());
        let (rows, _) = rows(&d, &Arc::new(Fixeds::new(&d, "p")), &t);
        let none = |_: &str| None;
        let f = Filter {
            text: "da nang",
            ..Filter::default()
        };
        let v = visible(&rows, &f, &none, &SortBy::Rank, false, &[]);
        assert_eq!(v.len(), 1);
        assert_eq!(&*v[0].name, "Đà Nẵng");
        let v = visible(&rows, &Filter::default(), &none, &SortBy::Name, false, &[]);
        let names: Vec<&str> = v.iter().map(|r| &*r.name).collect();
        assert_eq!(names, vec!["An Giang", "Đà Nẵng", "Đắk Lắk"]);
        let cats = vec!["a".to_string(), "b".to_string()];
        let v = visible(
            &rows,
            &Filter::default(),
            &none,
            &SortBy::Category("b".into()),
            false,
            &cats,
        );
        assert_eq!(&*v[0].name, "An Giang");
        let region = |id: &str| (id == "dak-lak").then(|| "tay-nguyen".to_string());
        let f = Filter {
            region: Some("tay-nguyen"),
            ..Filter::default()
        };
        assert_eq!(
            visible(&rows, &f, &region, &SortBy::Rank, false, &[]).len(),
            1
        );
    }

    #[test]
    fn a_sort_by_score_puts_scores_that_tie_at_the_precision_in_rank_order() {
        // 0.55821 and 0.55819 both print 0,5582 and share a rank, An Giang first by name; the
        // unrounded comparison put Phú Yên first.
        let mut d = ds();
        let mut one = |i: usize, name: &str, x: f64| {
            let u = &mut d.units[i];
            u.name = name.into();
            u.scores = BTreeMap::from([("a".to_string(), Some(x)), ("b".to_string(), Some(x))]);
        };
        one(0, "Phú Yên", 0.55821);
        one(1, "An Giang", 0.55819);
        one(2, "Cà Mau", 0.3);
        d.units.truncate(3);
        let t = build(&d, "p", &[1.0, 1.0], Options::default());
        let (rows, _) = rows(&d, &Arc::new(Fixeds::new(&d, "p")), &t);
        let none = |_: &str| None;
        let names = |sort: SortBy, desc: bool| -> Vec<String> {
            visible(&rows, &Filter::default(), &none, &sort, desc, &[])
                .iter()
                .map(|r| r.name.to_string())
                .collect()
        };
        assert_eq!(
            names(SortBy::Rank, false),
            ["An Giang", "Phú Yên", "Cà Mau"]
        );
        assert_eq!(
            names(SortBy::Score, false),
            ["An Giang", "Phú Yên", "Cà Mau"]
        );
        assert_eq!(
            names(SortBy::Score, true),
            ["Cà Mau", "An Giang", "Phú Yên"]
        );
    }

    /// The CSV and JSON exports of the test dataset re-ranked under weights 3:1: its first
    /// `take` rows, narrowed by `filter`.
    fn exported(filter: &Filter, lang: Lang, take: usize) -> (String, String) {
        exported_with(&[3.0, 1.0], filter, lang, take)
    }

    fn exported_with(
        weights: &[f64],
        filter: &Filter,
        lang: Lang,
        take: usize,
    ) -> (String, String) {
        let d = ds();
        let t = build(&d, "p", weights, Options::default());
        let (rows, unranked) = rows(&d, &Arc::new(Fixeds::new(&d, "p")), &t);
        let refs: Vec<Row> = rows.iter().take(take).collect();
        // Those the filters keep, as the ranking view passes them (no region known here).
        let unranked: Vec<Unranked> = unranked_shown(&unranked, filter, &|_| None)
            .into_iter()
            .cloned()
            .collect();
        let export = Export {
            ds: &d,
            group: "p",
            table: &t,
            rows: &refs,
            unranked: &unranked,
            options: Options::default(),
            filter,
            lang,
        };
        (export.csv(), export.json())
    }

    /// The comment lines of an exported CSV, as pandas and R find them: lines beginning with
    /// "#" (never with a quote).
    fn comments(csv: &str) -> Vec<String> {
        csv.lines()
            .take_while(|l| l.starts_with("# "))
            .inspect(|l| assert!(!l.contains('"'), "no quote in a comment: {l}"))
            .map(String::from)
            .collect()
    }

    #[test]
    fn weights_that_rank_nothing_are_said_so_not_as_a_dataset_without_category_scores() {
        let (csv, json) = exported_with(&[0.0, 0.0], &Filter::default(), Lang::En, usize::MAX);
        let notes = comments(&csv);
        assert!(
            notes[2].starts_with("# nothing could be ranked: "),
            "{notes:?}"
        );
        assert!(!csv.contains("official ranking"), "{csv}");
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()), "{json}");
        // A ranking has no such field.
        let (_, json) = exported(&Filter::default(), Lang::En, usize::MAX);
        assert!(!json.contains("\"error\""));
    }

    #[test]
    fn csv_says_which_weights_made_it() {
        let (csv, json) = exported(&Filter::default(), Lang::En, usize::MAX);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "# Test");
        let notes = comments(&csv);
        assert_eq!(notes[2], "# weights: a=3 (75.0%); b=1 (25.0%)");
        // In Vietnamese, the comments are Vietnamese; numbers have a point throughout, the
        // comments' as the table's (a decimal comma would split a comment into cells).
        let (vi, _) = exported(&Filter::default(), Lang::Vi, usize::MAX);
        assert_eq!(comments(&vi)[2], "# trọng số: a=3 (75.0 %); b=1 (25.0 %)");
        assert!(!comments(&vi)[2].contains(','));
        assert!(vi.contains("1,da-nang,Đà Nẵng,0.7"));
        let header = lines[notes.len()];
        assert!(header.starts_with("rank,id,name,score"));
        assert!(csv.contains("1,da-nang,Đà Nẵng,0.7"));
        // The unit without a value in b is listed last with an empty rank.
        assert!(lines.last().unwrap().starts_with(",ca-mau,Cà Mau,"));
        assert!(!csv.contains("# filtered"), "no filter, no filter line");
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["ranked"][0]["id"], "da-nang");
        assert_eq!(v["not_ranked"][0]["missing"][0], "b");
        assert!(v.get("filter").is_none());
    }

    /// A downloaded CSV can be brought back through "Import data" as it is: its comment lines
    /// are skipped, and its official rank and index (not the re-computed ones) are read.
    #[test]
    fn the_csv_export_imports_back() {
        use crate::engine::table::{guess, parse, Role};
        let d = ds();
        let (csv, _) = exported(&Filter::default(), Lang::Vi, usize::MAX);
        let table = parse(&format!("\u{feff}{csv}")).unwrap();
        assert!(table.has_header);
        assert_eq!(table.rows.len(), d.units.len());
        let roles = guess(&table).roles;
        let role = |h: &str| roles[table.header.iter().position(|x| x == h).unwrap()].clone();
        assert_eq!(role("name"), Role::Name);
        assert_eq!(role("official_rank"), Role::Rank);
        assert_eq!(role("official_index"), Role::Index);
        for ignored in ["rank", "id", "score", "change_from", "change"] {
            assert_eq!(role(ignored), Role::Ignore, "{ignored}");
        }
        assert_eq!(role("a"), Role::Category("a".into()));
        assert_eq!(role("b"), Role::Category("b".into()));
    }

    /// A file exported from a filtered view says so: its rows are not the whole group.
    #[test]
    fn exports_name_the_filters_that_narrowed_them() {
        let filter = Filter {
            text: " da nang ",
            region: Some("nam-trung-bo"),
            region_name: Some("Nam Trung Bộ"),
            complete_only: true,
        };
        let (csv, json) = exported(&filter, Lang::Vi, 1);
        let notes = comments(&csv);
        let line = notes.iter().find(|l| l.starts_with("# đã lọc: ")).unwrap();
        assert_eq!(
            line,
            "# đã lọc: tên khớp 'da nang'; vùng Nam Trung Bộ; chỉ các đơn vị có đủ điểm mọi chỉ số thành phần; 1 đơn vị trong bảng, 0 đơn vị không xếp hạng"
        );
        // Without the registry's name (not loaded), the region's id.
        let by_id = Filter {
            region_name: None,
            ..filter.clone()
        };
        let (csv, _) = exported(&by_id, Lang::En, 1);
        let notes = comments(&csv);
        let line = notes
            .iter()
            .find(|l| l.starts_with("# filtered: "))
            .unwrap();
        assert_eq!(
            line,
            "# filtered: name matches 'da nang'; region nam-trung-bo; only units with every category score; 1 in the table, 0 not ranked"
        );
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["filter"]["name"], "da nang");
        assert_eq!(v["filter"]["region"], "nam-trung-bo");
        assert_eq!(v["filter"]["complete_only"], true);
        assert_eq!(v["ranked"].as_array().unwrap().len(), 1);
    }

    /// The rows of either kind of table are in the order of the default sort (rank, then
    /// name), which `visible_positions` relies on (its debug assertion checks it).
    #[test]
    fn rows_come_in_rank_then_name_order() {
        let none = |_: &str| None;
        let mut d = ds();
        // Ties: Đà Nẵng and An Giang share a score under equal weights.
        d.units[2].scores.insert("a".into(), Some(0.2));
        d.units[2].scores.insert("b".into(), Some(0.8));
        for w in [[1.0, 1.0], [1.0, 0.0], [0.0, 1.0], [3.0, 1.0]] {
            for missing in [MissingPolicy::Exclude, MissingPolicy::Renormalize] {
                let o = Options {
                    missing,
                    ..Options::default()
                };
                let t = build(&d, "p", &w, o);
                let (rows, _) = rows(&d, &Arc::new(Fixeds::new(&d, "p")), &t);
                let v = visible(&rows, &Filter::default(), &none, &SortBy::Rank, false, &[]);
                assert_eq!(v.len(), rows.len());
            }
        }
        let mut d2 = ds();
        for u in &mut d2.units {
            u.scores.clear();
        }
        d2.units[0].official.rank = None;
        d2.units[1].official.rank = Some(1);
        let t = build(&d2, "p", &[1.0, 1.0], Options::default());
        let (rows, _) = rows(&d2, &Arc::new(Fixeds::new(&d2, "p")), &t);
        let v = visible(&rows, &Filter::default(), &none, &SortBy::Rank, false, &[]);
        let names: Vec<&str> = v.iter().map(|r| &*r.name).collect();
        assert_eq!(names, vec!["An Giang", "Đắk Lắk", "Cà Mau", "Đà Nẵng"]);
    }

    #[test]
    fn official_table_when_scores_are_missing() {
        let mut d = ds();
        for u in &mut d.units {
            u.scores.clear();
        }
        let t = build(&d, "p", &[1.0, 1.0], Options::default());
        assert!(matches!(t, Table::Official { .. }));
        let (rows, _) = rows(&d, &Arc::new(Fixeds::new(&d, "p")), &t);
        let first = rows.get(0).unwrap();
        assert_eq!(&*first.name, "An Giang");
        assert_eq!(first.rank, Some(1));
        // The official table has no "change" column, so no note on what it is measured from.
        assert!(!rows.relative);
        assert!(rows
            .iter()
            .all(|r| r.baseline.is_none() && r.change.is_none()));
    }
}
