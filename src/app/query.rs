//! The whole view lives in the URL query, so a copied link reproduces exactly what its sender
//! saw and back/forward walk through changes. This module is the one place that reads and writes
//! that query; it is plain Rust so it is tested natively.

use super::i18n::Lang;
use crate::engine::dataset::Dataset;
use crate::engine::uncertainty as mc;

/// Which screen is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Ranking,
    Weights,
    Compare,
    Unit,
    Robustness,
    Method,
    Import,
}

impl View {
    pub const ALL: [View; 7] = [
        View::Ranking,
        View::Weights,
        View::Compare,
        View::Unit,
        View::Robustness,
        View::Method,
        View::Import,
    ];

    pub fn code(self) -> &'static str {
        match self {
            View::Ranking => "ranking",
            View::Weights => "weights",
            View::Compare => "compare",
            View::Unit => "unit",
            View::Robustness => "robustness",
            View::Method => "method",
            View::Import => "import",
        }
    }

    pub fn from_code(s: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.code() == s)
    }
}

/// Colour theme (embeds can force one; `Auto` follows the reader's system).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn code(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// Column the ranking table is sorted by.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    #[default]
    Rank,
    Name,
    Score,
    Change,
    /// A category, by id.
    Category(String),
}

impl SortBy {
    pub fn code(&self) -> String {
        match self {
            SortBy::Rank => "rank".into(),
            SortBy::Name => "name".into(),
            SortBy::Score => "score".into(),
            SortBy::Change => "change".into(),
            SortBy::Category(id) => format!("c.{id}"),
        }
    }

    pub fn from_code(s: &str) -> Option<SortBy> {
        Some(match s {
            "rank" => SortBy::Rank,
            "name" => SortBy::Name,
            "score" => SortBy::Score,
            "change" => SortBy::Change,
            _ => SortBy::Category(s.strip_prefix("c.")?.to_string()),
        })
    }
}

/// The Robustness view's Monte Carlo settings: how the weights are varied and how many samples
/// are drawn. With the engine's fixed seed they make a link's intervals the same for anyone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct McSettings {
    /// Dirichlet noise around the weights; else each weight ± `percent` %.
    pub dirichlet: bool,
    /// Uniform noise: ± this percentage of each weight (0..=100).
    pub percent: f64,
    /// Dirichlet concentration (> 0; larger = less noise).
    pub concentration: f64,
    pub samples: u32,
}

/// The sample counts the Robustness view offers.
pub const MC_SAMPLES: [u32; 4] = [1_000, 5_000, 10_000, 50_000];

impl Default for McSettings {
    fn default() -> McSettings {
        McSettings {
            dirichlet: false,
            percent: 25.0,
            concentration: 50.0,
            samples: 10_000,
        }
    }
}

/// Everything a link carries.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewState {
    /// Dataset id; `None` = the manifest's default.
    pub dataset: Option<String>,
    /// Group id; `None` = the dataset's first group.
    pub group: Option<String>,
    /// Weights in the dataset's category order; `None` = the dataset's default weights.
    pub weights: Option<Vec<f64>>,
    /// Missing-data policy: false = not ranked (default), true = renormalise.
    pub renormalize: bool,
    /// Geometric instead of arithmetic mean.
    pub geometric: bool,
    /// Name filter, matched accent-insensitively.
    pub filter: String,
    /// Region filter (registry region id).
    pub region: Option<String>,
    /// Only units with every category.
    pub complete_only: bool,
    pub sort: SortBy,
    pub descending: bool,
    /// Units chosen for comparison (ids), at most four.
    pub selected: Vec<String>,
    /// The unit whose profile is shown.
    pub unit: Option<String>,
    pub view: View,
    pub lang: Lang,
    /// Embed mode: no site chrome.
    pub embed: bool,
    pub theme: Theme,
    /// Embed: how many rows to show (0 = all).
    pub rows: usize,
    /// Embed: show the weights controls.
    pub controls: bool,
    /// Units to highlight (ids).
    pub highlight: Vec<String>,
    /// An external dataset URL (`?data=`), never mixed with the bundled ones.
    pub data_url: Option<String>,
    /// The Robustness view's settings.
    pub mc: McSettings,
    /// A `w=` that could not be read (not numbers, out of 0..=1e6, or all zero), as the link
    /// had it, to be said (`Dropped::UnreadWeights`); never written back.
    pub unread_weights: Option<String>,
    /// Units a `sel=` named past the [`MAX_SELECTED`]th, to be said (`Dropped::Surplus`): the
    /// fifth of a hand-made link went without a word. Never written back.
    pub surplus: Vec<String>,
}

impl Default for ViewState {
    fn default() -> ViewState {
        ViewState {
            dataset: None,
            group: None,
            weights: None,
            renormalize: false,
            geometric: false,
            filter: String::new(),
            region: None,
            complete_only: false,
            sort: SortBy::Rank,
            descending: false,
            selected: Vec::new(),
            unit: None,
            view: View::Ranking,
            lang: Lang::Vi,
            embed: false,
            theme: Theme::Auto,
            rows: 0,
            controls: true,
            highlight: Vec::new(),
            data_url: None,
            mc: McSettings::default(),
            unread_weights: None,
            surplus: Vec::new(),
        }
    }
}

/// At most this many units can be compared side by side.
pub const MAX_SELECTED: usize = 4;

fn list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

/// Keeps the first of each id, wherever the others are ("a,b,a": `Vec::dedup` kept both a's).
fn dedup(ids: &mut Vec<String>) {
    let mut i = 0;
    while i < ids.len() {
        if ids[..i].contains(&ids[i]) {
            ids.remove(i);
        } else {
            i += 1;
        }
    }
}

fn flag(s: &str) -> bool {
    matches!(s, "1" | "true" | "yes" | "on")
}

/// Formats a weight compactly: no trailing zeros ("140", "0.5"), six decimals at most (at four,
/// a typed 0,00001 was written "0", and the link opened another ranking).
fn weight_text(w: f64) -> String {
    let s = crate::engine::score::decimal(w, 6, '.');
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" || s == "0" || s == "-0" {
        // A weight too small for six decimals is written whole: at 0 it would drop its
        // category, and a unit missing that category would be ranked in the page opened.
        if w > 0.0 {
            format!("{w}")
        } else {
            "0".into()
        }
    } else {
        s.to_string()
    }
}

impl ViewState {
    /// Reads a query string (with or without the leading `?`). Unknown keys and values that do
    /// not parse are ignored, so an old or hand-edited link still opens.
    pub fn from_query(query: &str) -> ViewState {
        let mut s = ViewState::default();
        let query = query.strip_prefix('?').unwrap_or(query);
        for (k, v) in form_urlencoded::parse(query.as_bytes()) {
            let v = v.trim();
            match k.as_ref() {
                "d" if !v.is_empty() => s.dataset = Some(v.to_string()),
                "g" if !v.is_empty() => s.group = Some(v.to_string()),
                "w" => {
                    let ws: Option<Vec<f64>> = v
                        .split(',')
                        .map(|x| {
                            x.trim()
                                .parse::<f64>()
                                .ok()
                                // As the number fields allow: beyond, the weights' sum
                                // overflowed and read as "all zero".
                                .filter(|w| w.is_finite() && (0.0..=1e6).contains(w))
                        })
                        .collect();
                    // Every weight at 0 is kept: it is a state the number fields reach (the
                    // page says nothing can be ranked), and a link reproduces what was shown.
                    s.weights = ws.filter(|w| !w.is_empty());
                    s.unread_weights = (s.weights.is_none() && !v.is_empty())
                        .then(|| v.chars().take(60).collect());
                }
                "miss" => s.renormalize = v == "renorm",
                "agg" => s.geometric = v == "geo",
                "q" => s.filter = v.chars().take(100).collect(),
                "region" if !v.is_empty() => s.region = Some(v.to_string()),
                "complete" => s.complete_only = flag(v),
                "sort" => s.sort = SortBy::from_code(v).unwrap_or_default(),
                "desc" => s.descending = flag(v),
                "sel" => {
                    let mut sel = list(v);
                    dedup(&mut sel);
                    s.surplus = sel.split_off(sel.len().min(MAX_SELECTED));
                    s.selected = sel;
                }
                "u" if !v.is_empty() => s.unit = Some(v.to_string()),
                "view" => s.view = View::from_code(v).unwrap_or_default(),
                "lang" => s.lang = Lang::from_code(v).unwrap_or_default(),
                "embed" => s.embed = flag(v),
                "theme" => {
                    s.theme = match v {
                        "light" => Theme::Light,
                        "dark" => Theme::Dark,
                        _ => Theme::Auto,
                    }
                }
                "rows" => s.rows = v.parse().unwrap_or(0).min(10_000),
                "controls" => s.controls = !matches!(v, "0" | "false" | "no" | "off"),
                "hl" => s.highlight = list(v),
                "data" if !v.is_empty() => s.data_url = Some(v.to_string()),
                "noise" => s.mc.dirichlet = v == "dirichlet",
                "p" => {
                    if let Some(p) = v.parse::<f64>().ok().filter(|p| (0.0..=100.0).contains(p)) {
                        s.mc.percent = p;
                    }
                }
                "conc" => {
                    if let Some(c) = v
                        .parse::<f64>()
                        .ok()
                        .filter(|c| mc::CONCENTRATION.contains(c))
                    {
                        s.mc.concentration = c;
                    }
                }
                "n" => {
                    if let Some(n) = v.parse::<u32>().ok().filter(|n| MC_SAMPLES.contains(n)) {
                        s.mc.samples = n;
                    }
                }
                _ => {}
            }
        }
        s
    }

    /// Writes the query string (without `?`), leaving out what equals the default so links stay
    /// short. `from_query(to_query(s)) == s` for every state.
    pub fn to_query(&self) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        if let Some(d) = &self.data_url {
            q.append_pair("data", d);
        }
        if let Some(d) = &self.dataset {
            q.append_pair("d", d);
        }
        if let Some(g) = &self.group {
            q.append_pair("g", g);
        }
        if self.view != View::Ranking {
            q.append_pair("view", self.view.code());
        }
        if let Some(w) = &self.weights {
            let w: Vec<String> = w.iter().map(|x| weight_text(*x)).collect();
            q.append_pair("w", &w.join(","));
        }
        if self.renormalize {
            q.append_pair("miss", "renorm");
        }
        if self.geometric {
            q.append_pair("agg", "geo");
        }
        if !self.filter.is_empty() {
            q.append_pair("q", &self.filter);
        }
        if let Some(r) = &self.region {
            q.append_pair("region", r);
        }
        if self.complete_only {
            q.append_pair("complete", "1");
        }
        if self.sort != SortBy::Rank {
            q.append_pair("sort", &self.sort.code());
        }
        if self.descending {
            q.append_pair("desc", "1");
        }
        if !self.selected.is_empty() {
            q.append_pair("sel", &self.selected.join(","));
        }
        if let Some(u) = &self.unit {
            q.append_pair("u", u);
        }
        if self.lang != Lang::Vi {
            q.append_pair("lang", self.lang.code());
        }
        if self.embed {
            q.append_pair("embed", "1");
        }
        if self.theme != Theme::Auto {
            q.append_pair("theme", self.theme.code());
        }
        if self.rows != 0 {
            q.append_pair("rows", &self.rows.to_string());
        }
        if !self.controls {
            q.append_pair("controls", "0");
        }
        if !self.highlight.is_empty() {
            q.append_pair("hl", &self.highlight.join(","));
        }
        let mc = McSettings::default();
        if self.mc.dirichlet {
            q.append_pair("noise", "dirichlet");
        }
        if self.mc.percent != mc.percent {
            q.append_pair("p", &weight_text(self.mc.percent));
        }
        if self.mc.concentration != mc.concentration {
            q.append_pair("conc", &weight_text(self.mc.concentration));
        }
        if self.mc.samples != mc.samples {
            q.append_pair("n", &self.mc.samples.to_string());
        }
        q.finish()
    }

    /// Toggles a unit in the comparison selection (at most [`MAX_SELECTED`]); returns false when
    /// the selection is full and the unit was not added.
    pub fn toggle_selected(&mut self, id: &str) -> bool {
        if let Some(i) = self.selected.iter().position(|s| s == id) {
            self.selected.remove(i);
            true
        } else if self.selected.len() < MAX_SELECTED {
            self.selected.push(id.to_string());
            true
        } else {
            false
        }
    }
}

/// A part of the view state that does not fit the dataset shown.
#[derive(Clone, Debug, PartialEq)]
pub enum Dropped {
    /// A group id the dataset does not have (a link edited by hand, or kept from another
    /// dataset): the first group is shown.
    Group(String),
    /// Weights in a link, `given` of them, for a dataset of `wanted` categories: the dataset's
    /// default weights are used.
    Weights { given: usize, wanted: usize },
    /// Weights in a link that could not be read (`ViewState::unread_weights`): the dataset's
    /// default weights are used.
    UnreadWeights(String),
    /// Units to compare (`sel=`) that the dataset does not have (an id of another edition, say:
    /// Đà Nẵng is `da-nang-2025` from 2025): the others stay chosen.
    Units(Vec<String>),
    /// Units to compare past the [`MAX_SELECTED`]th (`ViewState::surplus`) with no room left
    /// once the unknown ones are dropped: not chosen. Those with room take the places of the
    /// dropped ones ([`fill_selection`]).
    Surplus(Vec<String>),
    /// A region filter (`region=`) the units registry does not have (a link edited by hand):
    /// it hid every row; every region is shown.
    Region(String),
    /// Places followed to this edition under another name (from, to): Bình Định, part of Gia Lai
    /// from 2025 (`follow_places`).
    Moved(Vec<(String, String)>),
    /// A sort by a category the table does not show (the dataset has no such category, or no
    /// unit of the group has a value in it, as after switching from DTI 2024's 34 provinces to
    /// its 63): the table is sorted by rank. Sorted by nothing, it came out in name order.
    Sort(String),
}

/// The places chosen or profiled under another edition's ids take `ds`'s (a province before
/// or after the 2025 merger, `Registry::counterpart`): Quảng Ngãi followed from DTI 2023 to
/// DTI 2024's 34 provinces was dropped, "not in this dataset". A place two ids become is chosen
/// once. `None` when nothing changed; else the places followed under another name (from, to),
/// for the page to say.
pub fn follow_places(
    v: &mut ViewState,
    ds: &Dataset,
    registry: &crate::engine::registry::Registry,
) -> Option<Vec<(String, String)>> {
    let has = |id: &str| ds.units.iter().any(|u| u.id == id);
    let name = |id: &str| {
        registry
            .unit(id)
            .map(|u| u.name.vi.clone())
            .unwrap_or_default()
    };
    let mut moved = None::<Vec<(String, String)>>;
    for id in v
        .selected
        .iter_mut()
        .chain(&mut v.surplus)
        .chain(&mut v.unit)
    {
        if !has(id) {
            if let Some(c) = registry.counterpart(id, has) {
                let (from, to) = (name(id), name(c));
                let renamed = moved.get_or_insert_default();
                if from != to && !renamed.iter().any(|m| m.0 == from) {
                    renamed.push((from, to));
                }
                *id = c.to_string();
            }
        }
    }
    dedup(&mut v.selected);
    v.surplus.retain(|id| !v.selected.contains(id));
    dedup(&mut v.surplus);
    moved
}

/// After the units `ds` does not have are dropped from the selection, those a link named past
/// the fourth take their places, up to [`MAX_SELECTED`]; the rest are dropped (and said,
/// `Dropped::Surplus`).
pub fn fill_selection(v: &mut ViewState) {
    for id in std::mem::take(&mut v.surplus) {
        if v.selected.len() < MAX_SELECTED && !v.selected.contains(&id) {
            v.selected.push(id);
        }
    }
}

/// What of `v` does not fit `ds`.
pub fn misfits(ds: &Dataset, v: &ViewState) -> Vec<Dropped> {
    let mut out = Vec::new();
    if let Some(g) = v.group.as_ref().filter(|g| ds.group(g).is_none()) {
        out.push(Dropped::Group(g.clone()));
    }
    if let Some(t) = &v.unread_weights {
        out.push(Dropped::UnreadWeights(t.clone()));
    }
    if let Some(w) = v
        .weights
        .as_ref()
        .filter(|w| w.len() != ds.categories.len())
    {
        out.push(Dropped::Weights {
            given: w.len(),
            wanted: ds.categories.len(),
        });
    }
    // Unknown ids, and past the fourth what the room the unknown ones leave cannot take.
    let mut unknown = Vec::new();
    let mut over = Vec::new();
    let mut room = MAX_SELECTED;
    for (k, id) in v.selected.iter().chain(&v.surplus).enumerate() {
        if ds.units.iter().all(|u| &u.id != id) {
            unknown.push(id.clone());
        } else if room > 0 {
            room -= 1;
        } else if k >= v.selected.len() {
            over.push(id.clone());
        }
    }
    if !unknown.is_empty() {
        out.push(Dropped::Units(unknown));
    }
    if !over.is_empty() {
        out.push(Dropped::Surplus(over));
    }
    if let SortBy::Category(id) = &v.sort {
        let group = v
            .group
            .as_deref()
            .filter(|g| ds.group(g).is_some())
            .or_else(|| ds.groups.first().map(|g| g.id.as_str()))
            .unwrap_or_default();
        if !ds.units_in(group).any(|u| u.score(id).is_some()) {
            out.push(Dropped::Sort(id.clone()));
        }
    }
    out
}

/// A region filter that names no region of `registry` (`Dropped::Region`). Read only once the
/// registry is there: a known region comes with it.
pub fn unknown_region(
    v: &ViewState,
    registry: &crate::engine::registry::Registry,
) -> Option<Dropped> {
    let id = v.region.as_ref()?;
    registry
        .region(id)
        .is_none()
        .then(|| Dropped::Region(id.clone()))
}

/// The host part of an address, for "published by example.org — not verified": the page's own
/// (`page_host`) for a relative address (`/data/x.json`, `x.json`), the one named for an
/// absolute or protocol-relative one (`//example.org/x.json`, fetched from there).
pub fn host_of(url: &str, page_host: &str) -> String {
    let url = url.trim();
    let rest = match url.split_once("://") {
        Some((scheme, rest)) if !scheme.contains(['/', '?', '#']) => rest,
        _ => match url.strip_prefix("//") {
            Some(rest) => rest,
            None => return page_host.to_string(),
        },
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    // Credentials before the host ("user:pw@host") are not the publisher.
    host.rsplit('@').next().unwrap_or(host).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_make_an_empty_query() {
        let s = ViewState::from_query("");
        assert_eq!(s.to_query(), "");
        assert!(s.controls);
        assert_eq!(s.view, View::Ranking);
        assert_eq!(s.lang, Lang::Vi);
    }

    #[test]
    fn round_trip_of_a_full_state() {
        let s = ViewState {
            dataset: Some("dti-2024-34".into()),
            group: Some("provinces".into()),
            // 0.00001: typed in a field, it was written "0" at four decimals.
            weights: Some(vec![50.0, 0.5, 140.0, 0.00001, 0.0000001]),
            renormalize: true,
            geometric: true,
            filter: "đà nẵng & co".into(),
            region: Some("north-central".into()),
            complete_only: true,
            sort: SortBy::Category("portal".into()),
            descending: true,
            selected: vec!["ha-noi".into(), "da-nang".into()],
            unit: Some("hue".into()),
            view: View::Compare,
            lang: Lang::En,
            embed: true,
            theme: Theme::Dark,
            rows: 10,
            controls: false,
            highlight: vec!["hue".into()],
            data_url: Some("https://example.org/d.json?x=1&y=2".into()),
            mc: McSettings {
                dirichlet: true,
                percent: 12.5,
                concentration: 200.0,
                samples: 50_000,
            },
            unread_weights: None,
            surplus: Vec::new(),
        };
        let q = s.to_query();
        assert_eq!(ViewState::from_query(&q), s);
        // Below six decimals, written whole rather than as 0 (which dropped its category).
        assert!(q.contains("w=50%2C0.5%2C140%2C0.00001%2C0.0000001"), "{q}");
    }

    #[test]
    fn bad_values_are_ignored_not_fatal() {
        let s = ViewState::from_query("?w=1,abc,3&view=nope&lang=fr&rows=x&sel=a,a,b,c,d,e&w2=1");
        assert_eq!(s.weights, None);
        assert_eq!(s.view, View::Ranking);
        assert_eq!(s.lang, Lang::Vi);
        assert_eq!(s.rows, 0);
        assert_eq!(s.selected, vec!["a", "b", "c", "d"]);
        assert_eq!(ViewState::from_query("w=-1,2").weights, None);
        // Every weight at 0 is a state the page can be in (and says so): the link keeps it.
        assert_eq!(ViewState::from_query("w=0,0").weights, Some(vec![0.0, 0.0]));
        assert_eq!(ViewState::from_query("w=1e308,1e308").weights, None);
        assert_eq!(
            ViewState::from_query("w=1e6,1").weights,
            Some(vec![1e6, 1.0])
        );
        // Monte Carlo settings out of their ranges keep the defaults.
        let mc = ViewState::from_query("p=150&conc=-1&n=7&noise=x").mc;
        assert_eq!(mc, McSettings::default());
    }

    #[test]
    fn selection_is_capped() {
        let mut s = ViewState::default();
        for id in ["a", "b", "c", "d"] {
            assert!(s.toggle_selected(id));
        }
        assert!(!s.toggle_selected("e"));
        assert!(s.toggle_selected("b"));
        assert_eq!(s.selected, vec!["a", "c", "d"]);
        // A link naming more keeps the first four and the rest to be said, never written back.
        let v = ViewState::from_query("sel=a,b,a,c,d,e,f");
        assert_eq!(v.selected, ["a", "b", "c", "d"]);
        assert_eq!(v.surplus, ["e", "f"]);
        assert_eq!(v.to_query(), "sel=a%2Cb%2Cc%2Cd");
        assert_eq!(
            ViewState::from_query("sel=a,b,c,d").surplus,
            Vec::<String>::new()
        );
    }

    #[test]
    fn places_are_followed_across_the_2025_merger() {
        let read =
            |f: &str| std::fs::read(format!("{}/public/data/{f}", env!("CARGO_MANIFEST_DIR")));
        let ds =
            crate::engine::validate::parse_dataset(&read("dti-2024-34.json").unwrap()).unwrap();
        let reg: crate::engine::registry::Registry =
            serde_json::from_slice(&read("units.json").unwrap()).unwrap();
        // Đà Nẵng and Quảng Nam are Đà Nẵng of 2025, chosen once; an unknown id stays, for
        // `misfits` to drop and name.
        let mut v = ViewState::from_query("sel=da-nang,hue,quang-nam,atlantis&u=quang-ngai");
        // Quảng Nam is Đà Nẵng under another name: said; Đà Nẵng and Quảng Ngãi keep theirs.
        assert_eq!(
            follow_places(&mut v, &ds, &reg),
            Some(vec![("Quảng Nam".to_string(), "Đà Nẵng".to_string())])
        );
        assert_eq!(v.selected, ["da-nang-2025", "hue", "atlantis"]);
        assert_eq!(v.unit.as_deref(), Some("quang-ngai-2025"));
        // Ids past the fourth are followed too, and one that becomes a place already chosen
        // goes: Bình Định and Gia Lai are both Gia Lai of 2025.
        let mut v = ViewState::from_query("sel=gia-lai,ha-noi,hue,thanh-hoa,binh-dinh,ha-tinh");
        follow_places(&mut v, &ds, &reg);
        assert_eq!(v.selected, ["gia-lai-2025", "ha-noi", "hue", "thanh-hoa"]);
        assert_eq!(v.surplus, ["ha-tinh"]);
        // Nothing to follow: unchanged.
        let mut w = ViewState::from_query("sel=ha-noi,hue&u=hue");
        assert_eq!(follow_places(&mut w, &ds, &reg), None);
        assert_eq!(w.selected, ["ha-noi", "hue"]);
        // A region the registry has is kept; another is dropped, and said.
        let known = reg.regions[0].id.clone();
        let v = ViewState::from_query(&format!("region={known}"));
        assert_eq!(unknown_region(&v, &reg), None);
        let v = ViewState::from_query("region=atlantis");
        assert_eq!(
            unknown_region(&v, &reg),
            Some(Dropped::Region("atlantis".into()))
        );
        assert_eq!(unknown_region(&ViewState::default(), &reg), None);
    }

    #[test]
    fn what_of_a_link_does_not_fit_the_dataset() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/public/data/dti-2024-34.json"
        ))
        .expect("bundled dataset");
        let ds = crate::engine::validate::parse_dataset(&bytes).expect("valid dataset");
        let fits = ViewState::from_query("d=dti-2024-34&g=provinces&w=1,1,1,1,1,1,1,1");
        assert_eq!(misfits(&ds, &fits), vec![]);
        assert_eq!(
            misfits(&ds, &ViewState::from_query("d=dti-2024-34")),
            vec![]
        );
        let off = ViewState::from_query("d=dti-2024-34&g=ministries&w=1,2,3");
        assert_eq!(
            misfits(&ds, &off),
            vec![
                Dropped::Group("ministries".into()),
                Dropped::Weights {
                    given: 3,
                    wanted: 8
                }
            ]
        );
        // Weights that cannot be read at all are said too, as the link had them.
        for bad in ["a,b,c", "1,1e999", "-1,2"] {
            let v = ViewState::from_query(&format!("d=dti-2024-34&w={bad}"));
            assert_eq!(v.weights, None);
            assert_eq!(misfits(&ds, &v), vec![Dropped::UnreadWeights(bad.into())]);
        }
        // Units to compare that the dataset does not have are said; the others are not.
        let v = ViewState::from_query("d=dti-2024-34&view=compare&sel=ha-noi,da-nang,hue");
        assert_eq!(
            misfits(&ds, &v),
            vec![Dropped::Units(vec!["da-nang".into()])]
        );
        // A sort by a column the group does not show.
        let v = ViewState::from_query("sort=c.nope");
        assert_eq!(misfits(&ds, &v), vec![Dropped::Sort("nope".into())]);
        let v = ViewState::from_query("sort=c.digital-human-resources&desc=1");
        assert_eq!(misfits(&ds, &v), vec![]);
        // Units past the fourth.
        let v = ViewState::from_query("sel=ha-noi,hue,thanh-hoa,dien-bien,ha-tinh");
        assert_eq!(
            misfits(&ds, &v),
            vec![Dropped::Surplus(vec!["ha-tinh".into()])]
        );
        // An unknown one among the first four leaves room for the fifth: not said to be over,
        // and it takes the place (a review saw three chosen and "at most 4" said).
        let mut v = ViewState::from_query("sel=ha-noi,atlantis,hue,thanh-hoa,ha-tinh,dien-bien");
        assert_eq!(
            misfits(&ds, &v),
            vec![
                Dropped::Units(vec!["atlantis".into()]),
                Dropped::Surplus(vec!["dien-bien".into()])
            ]
        );
        v.selected.retain(|s| s != "atlantis");
        fill_selection(&mut v);
        assert_eq!(v.selected, ["ha-noi", "hue", "thanh-hoa", "ha-tinh"]);
        assert!(v.surplus.is_empty());
        // An empty `w=` is no weights, not bad ones.
        assert_eq!(ViewState::from_query("w=").unread_weights, None);
    }

    #[test]
    fn the_publisher_s_host_of_every_kind_of_address() {
        let page = "xephang.example";
        assert_eq!(
            host_of("https://data.example.org/x.json?v=1", page),
            "data.example.org"
        );
        assert_eq!(
            host_of("//cdn.example.net:8080/x.json", page),
            "cdn.example.net:8080"
        );
        assert_eq!(host_of("/ext/tie.json", page), page);
        assert_eq!(host_of("data/x.json", page), page);
        assert_eq!(
            host_of("https://user:pw@example.org/x", page),
            "example.org"
        );
        // "://" inside a relative address's query is not a scheme.
        assert_eq!(host_of("x.json?from=https://a.example", page), page);
    }
}
