//! The app's reactive state: the URL view state, the loaded files, and the ranking derived from
//! them. Data flows one way: files → engine → these signals → views.

use super::i18n::Lang;
use super::load::{self, LoadError, Manifest, Registry};
use super::query::{misfits, Dropped, ViewState};
use crate::engine::dataset::Dataset;
use crate::engine::score::{self, Aggregation, MissingPolicy, Options, Prepared};
use leptos::prelude::*;
use std::sync::Arc;

/// A file that is loading, loaded or failed.
#[derive(Clone, Debug, PartialEq)]
pub enum Loadable<T> {
    Loading,
    Ready(T),
    Failed(LoadError),
}

/// Where the current dataset came from; anything not bundled is marked "not verified".
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    Bundled,
    /// `?data=` link: the host it was fetched from.
    Link(String),
    /// Pasted or uploaded by the user in this browser.
    User,
}

/// The current dataset and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Current {
    pub dataset: Arc<Dataset>,
    pub origin: Origin,
}

/// Everything views read, shared through Leptos context. All fields are `Copy` handles.
///
/// Views read derived values (`lang`, `group`, `weights`, `options`) through memos: a view that
/// read `view` directly would re-run on every change of any part of the state (each slider step
/// would re-render every translated string on the page).
#[derive(Clone, Copy)]
pub struct AppState {
    pub view: RwSignal<ViewState>,
    pub manifest: RwSignal<Loadable<Manifest>>,
    pub registry: RwSignal<Option<Arc<Registry>>>,
    /// The registry could not be loaded: nothing waits for it any longer (`check_link`).
    pub registry_failed: RwSignal<bool>,
    pub current: RwSignal<Loadable<Current>>,
    /// A message for screen readers (aria-live), e.g. "Đà Nẵng moved from 5 to 2".
    pub announce: RwSignal<String>,
    /// The user's table (pasted, uploaded, or opened from a `#ds=` link) is the one shown, and
    /// stays so until the reader picks another dataset: the link's dataset fields are then empty,
    /// and must not bring the default dataset back (`start_loading`).
    pub user_active: StoredValue<bool>,
    /// The user's table as a link carries it (`ds=…`, without `#`): every address the app writes
    /// for that table ends with it (`url_of`), so a reload, "copy link" or an embed keep it.
    /// `None` where the table is too large for a link.
    pub user_fragment: StoredValue<Option<String>>,
    /// Counts the times the reader left the user's table (`leave_user`): the dataset wanted is
    /// loaded again, though the file it names may be the one wanted before (the default, for an
    /// entry with no dataset named or the default picked by name).
    left_user: RwSignal<u32>,
    /// What the view state asked for that the dataset shown does not have, dropped from it
    /// (and so from the address) and said in a note above the ranking (`check_link`).
    pub dropped: RwSignal<Vec<Dropped>>,
    /// A fifth unit was just refused for comparison (the ranking's checkboxes set it, the
    /// compare bar says it).
    pub compare_over: RwSignal<bool>,
    /// The next change of the view state corrects it: the address is replaced, not pushed, so
    /// that the back button does not return to the address corrected.
    pub replace_next: StoredValue<bool>,
    lang_memo: Memo<Lang>,
    group_memo: Memo<Option<String>>,
    weights_memo: Memo<Option<Vec<f64>>>,
    options_memo: Memo<Options>,
    prepared_memo: Memo<Option<Arc<Prepared>>>,
}

impl AppState {
    /// Says `message` to screen readers (the page's aria-live region). The same words twice in
    /// a row are said again: a region whose text does not change is not read, so the repeat
    /// differs by a trailing no-break space.
    pub fn say(&self, mut message: String) {
        self.announce.update(|said| {
            if said.trim_end_matches('\u{a0}') == message && !said.ends_with('\u{a0}') {
                message.push('\u{a0}');
            }
            *said = message;
        });
    }

    /// Says `message` unless it is what the live region says already (a summary that came out
    /// the same after an edit is not news).
    pub fn say_if_new(&self, message: String) {
        let same = self
            .announce
            .with_untracked(|said| said.trim_end_matches('\u{a0}') == message);
        if !same {
            self.say(message);
        }
    }

    pub fn new(view: ViewState) -> AppState {
        let view = RwSignal::new(view);
        let current: RwSignal<Loadable<Current>> = RwSignal::new(Loadable::Loading);
        let dataset = move || {
            current.with(|c| match c {
                Loadable::Ready(c) => Some(c.dataset.clone()),
                _ => None,
            })
        };
        let group_memo = Memo::new(move |_| {
            let ds = dataset()?;
            let wanted = view.with(|v| v.group.clone());
            wanted
                .filter(|g| ds.group(g).is_some())
                .or_else(|| ds.groups.first().map(|g| g.id.clone()))
        });
        let weights_memo = Memo::new(move |_| {
            let ds = dataset()?;
            let from_link = view.with(|v| v.weights.clone());
            Some(
                from_link
                    .filter(|w| w.len() == ds.categories.len())
                    .unwrap_or_else(|| ds.default_weights()),
            )
        });
        let options_memo = Memo::new(move |_| {
            view.with(|v| Options {
                aggregation: if v.geometric {
                    Aggregation::Geometric
                } else {
                    Aggregation::Arithmetic
                },
                missing: if v.renormalize {
                    MissingPolicy::Renormalize
                } else {
                    MissingPolicy::Exclude
                },
            })
        });
        // The group's matrix and name order, computed once per dataset and group, so that a
        // slider step only scores and sorts.
        let prepared_memo = Memo::new(move |_| {
            let ds = dataset()?;
            let g = group_memo.get()?;
            score::Prepared::new(&ds, &g).ok().map(Arc::new)
        });
        AppState {
            view,
            prepared_memo,
            manifest: RwSignal::new(Loadable::Loading),
            registry: RwSignal::new(None),
            registry_failed: RwSignal::new(false),
            current,
            announce: RwSignal::new(String::new()),
            user_active: StoredValue::new(false),
            user_fragment: StoredValue::new(None),
            left_user: RwSignal::new(0),
            dropped: RwSignal::new(Vec::new()),
            compare_over: RwSignal::new(false),
            replace_next: StoredValue::new(false),
            lang_memo: Memo::new(move |_| view.with(|v| v.lang)),
            group_memo,
            weights_memo,
            options_memo,
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang_memo.get()
    }

    /// Changes the view state; the URL follows (see `shell`).
    pub fn update(&self, f: impl FnOnce(&mut ViewState)) {
        self.view.update(f);
    }

    /// Whether the data shown is one of the app's own files: wording about official
    /// publications holds for those, not for a reader's table or a linked file. While loading or
    /// after a failure, whether the link names one of the app's files (no `?data=`, no shared
    /// table in the fragment).
    pub fn bundled(&self) -> bool {
        self.current.with(|c| match c {
            Loadable::Ready(c) => c.origin == Origin::Bundled,
            _ => {
                self.view.with(|v| v.data_url.is_none())
                    && self.user_fragment.with_value(Option::is_none)
            }
        })
    }

    pub fn dataset(&self) -> Option<Arc<Dataset>> {
        self.current.with(|c| match c {
            Loadable::Ready(c) => Some(c.dataset.clone()),
            _ => None,
        })
    }

    /// The group shown: the one in the link if the dataset has it, else the first.
    pub fn group_id(&self) -> Option<String> {
        self.group_memo.get()
    }

    /// The weights in use: the link's if they fit the dataset, else the dataset's defaults.
    pub fn weights(&self) -> Option<Vec<f64>> {
        self.weights_memo.get()
    }

    /// Every weight is zero: nothing can be scored (the ranking, the profile and the Monte
    /// Carlo say so in these words rather than as the engine's problem).
    pub fn weights_all_zero(&self) -> bool {
        self.weights()
            .is_some_and(|w| !w.is_empty() && w.iter().all(|x| *x == 0.0))
    }

    pub fn options(&self) -> Options {
        self.options_memo.get()
    }

    /// The current group prepared for re-ranking.
    pub fn prepared(&self) -> Option<Arc<Prepared>> {
        self.prepared_memo.get()
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

pub use super::table::{can_reweight, Table};

/// Once a dataset is shown, drops what of the view state does not fit it (`misfits`), so that
/// the address, a copied link and an embed no longer carry it, and says what was dropped.
/// Before, the group and weights fell back in silence while the address kept asking for them.
/// Runs when the dataset changes, not on every change of the view: a link is read when it is
/// opened, and the app itself writes only what fits.
fn check_link(app: AppState) {
    // Also when the group changes (a sort by a column the new group does not show); then a
    // note about the link as it was opened stays, unless there is something new to say.
    Effect::new(move |last: Option<Option<String>>| {
        let ds = app.dataset()?;
        app.group_memo.track();
        let same_dataset = last.flatten().as_deref() == Some(ds.id.as_str());
        // Tracked: units a link names are dropped only once the registry can say whether
        // this edition has them under another id (`query::follow_places`; the registry comes
        // apart from the dataset, and the same link dropped or kept them by which came first).
        let registry = app.registry.get();
        let mut dropped = Vec::new();
        if let Some(r) = registry.as_deref() {
            let mut v = app.view.get_untracked();
            let moved = super::query::follow_places(&mut v, &ds, r);
            if moved.is_some() {
                app.replace_next.set_value(true);
                app.update(|w| *w = v);
            }
            // Another name (Bình Định is Gia Lai from 2025) is said; the same name is not.
            dropped.extend(moved.filter(|m| !m.is_empty()).map(Dropped::Moved));
            dropped.extend(
                app.view
                    .with_untracked(|v| super::query::unknown_region(v, r)),
            );
        }
        dropped.extend(app.view.with_untracked(|v| misfits(&ds, v)));
        // Units are dropped, and those past the fourth take their places, once the registry
        // has said which this edition has under another id.
        let units_known = registry.is_some() || app.registry_failed.get();
        if !units_known {
            dropped.retain(|d| !matches!(d, Dropped::Units(_) | Dropped::Surplus(_)));
        }
        // Units past the fourth with room left by places merged into one (Đà Nẵng twice).
        let refill = units_known && app.view.with_untracked(|v| !v.surplus.is_empty());
        if !dropped.is_empty() || refill {
            app.replace_next.set_value(true);
            app.update(|v| {
                for d in &dropped {
                    match d {
                        Dropped::Group(_) => v.group = None,
                        Dropped::Weights { .. } => v.weights = None,
                        Dropped::UnreadWeights(_) => v.unread_weights = None,
                        Dropped::Units(ids) => {
                            v.selected.retain(|s| !ids.contains(s));
                            v.surplus.retain(|s| !ids.contains(s));
                        }
                        Dropped::Surplus(ids) => v.surplus.retain(|s| !ids.contains(s)),
                        Dropped::Region(_) => v.region = None,
                        Dropped::Moved(_) => {}
                        Dropped::Sort(_) => {
                            v.sort = super::query::SortBy::Rank;
                            v.descending = false;
                        }
                    }
                }
                if units_known {
                    super::query::fill_selection(v);
                }
            });
        }
        // The same dataset again (another group, the registry come): what is new is added to
        // the note about the link as it was opened, which it replaced before.
        if same_dataset {
            if !dropped.is_empty() {
                app.dropped.update(|d| d.extend(dropped));
            }
        } else {
            app.dropped.set(dropped);
        }
        Some(ds.id.clone())
    });
}

/// The table of the current dataset, group and weights, computed by the engine.
pub fn table_memo(app: AppState) -> Memo<Option<Table>> {
    Memo::new(move |_| {
        let ds = app.dataset()?;
        let group = app.group_id()?;
        let prepared = app.prepared()?;
        let weights = app.weights()?;
        Some(super::table::build_with(
            &ds,
            &group,
            &prepared,
            &weights,
            app.options(),
        ))
    })
}

/// The current group's units in Vietnamese alphabetical order: (index into `Dataset::units`,
/// id, name). For unit pickers.
pub fn units_alphabetical(app: AppState) -> Memo<Vec<(usize, String, String)>> {
    Memo::new(move |_| {
        let (Some(ds), Some(g)) = (app.dataset(), app.group_id()) else {
            return Vec::new();
        };
        let mut v: Vec<(usize, String, String)> = ds
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.group == g)
            .map(|(i, u)| (i, u.id.clone(), u.name.clone()))
            .collect();
        crate::engine::order::sort_by(&mut v, |a, b| crate::engine::collate::compare(&a.2, &b.2));
        v
    })
}

/// Opens a bundled dataset by id, leaving what belonged to the previous one (group, weights,
/// selection, unit) behind.
pub fn open_dataset(app: AppState, id: String) {
    open_dataset_in(app, id, None);
}

/// [`open_dataset`], in the group shown if the link names none (the dataset's first) and the
/// dataset is another edition of the same series: the dataset picker's, from one edition to
/// another, keeps the group the reader sees (it fell back to the new edition's first group).
/// Another series has other groups: its first, as before, with no note on a group dropped.
pub fn open_edition(app: AppState, id: String) {
    let series = app.manifest.with_untracked(|m| match m {
        Loadable::Ready(m) => m.entry(&id).and_then(|e| e.series.clone()),
        _ => None,
    });
    let same = series.is_some() && app.dataset().is_some_and(|d| d.series == series);
    open_dataset_in(app, id, app.group_memo.get_untracked().filter(|_| same));
}

fn open_dataset_in(app: AppState, id: String, shown: Option<String>) {
    leave_user(app);
    // Another edition of the series, in the same group: the units chosen, the unit profiled and
    // the region are kept, so that a reader follows Hà Nội from year to year (`check_link`
    // drops, and names, the chosen ids the edition does not have).
    let same = shown.is_some();
    app.update(|v| {
        v.dataset = Some(id);
        v.data_url = None;
        // The group is kept where the dataset has it (the provinces from one edition to the
        // next); `AppState::group_id` falls back to the first group where it has not.
        v.group = v.group.take().or(shown);
        v.weights = None;
        if !same {
            v.selected.clear();
            v.unit = None;
            v.region = None;
        }
    });
}

/// The full address of a view state (see [`address`]), with the user's table in its fragment
/// while that table is shown (`#ds=…`): the address bar, embeds and links made from them keep it.
pub fn url_of(app: AppState, v: &ViewState) -> String {
    address(v, shown_fragment(app).as_deref())
}

/// The fragment that carries the user's table, while it is shown and fits in a link.
fn shown_fragment(app: AppState) -> Option<String> {
    app.user_fragment
        .get_value()
        .filter(|_| showing_user_table(app))
}

/// Whether the dataset shown is the user's table (an import), not a bundled one. Untracked: it
/// is asked when a link is made.
pub fn showing_user_table(app: AppState) -> bool {
    app.current
        .with_untracked(|c| matches!(c, Loadable::Ready(c) if c.origin == Origin::User))
}

/// Shows the user's table (an import): it replaces the dataset shown, and the view starts
/// afresh for it (weights, filters, selection and sort belonged to the dataset before), in the
/// reader's language and theme. The page's address then carries the table (`user_fragment`).
pub fn show_user_table(app: AppState, ds: Dataset, fragment: Option<String>) {
    app.user_active.set_value(true);
    app.user_fragment.set_value(fragment);
    app.current.set(Loadable::Ready(Current {
        dataset: Arc::new(ds),
        origin: Origin::User,
    }));
    app.update(|v| {
        *v = ViewState {
            lang: v.lang,
            theme: v.theme,
            ..ViewState::default()
        }
    });
}

/// The full address of the current view, for "copy link": built from the state, not read from
/// the address bar (whose updates are debounced while a slider moves).
pub fn share_url(app: AppState) -> String {
    url_of(app, &app.view.get_untracked())
}

/// The full address of a view state with a table in its fragment (`#ds=…`) or none. It keeps
/// the page's path: an app served from a folder (https://example.org/xephang/) is not shared
/// as the site's root.
pub fn address(v: &ViewState, fragment: Option<&str>) -> String {
    let loc = window().location();
    let mut url = loc.origin().unwrap_or_default() + &loc.pathname().unwrap_or_default();
    let q = v.to_query();
    if !q.is_empty() {
        url.push('?');
        url.push_str(&q);
    }
    if let Some(f) = fragment {
        url.push('#');
        url.push_str(f);
    }
    url
}

/// Shows the user's table carried in a link's fragment (`ds=…`), once decoded (its decoder is
/// loaded on demand, src/app/lazy.rs): at start-up, and on Back or Forward to such an entry.
fn show_fragment(app: AppState, fragment: String) {
    app.user_active.set_value(true);
    app.user_fragment.set_value(Some(fragment.clone()));
    app.current.set(Loadable::Loading);
    leptos::task::spawn_local(async move {
        let r = super::lazy::dataset_from_fragment(fragment.clone()).await;
        // Unless the reader has already gone to another dataset, or another table.
        let still = app.user_active.get_value()
            && app
                .user_fragment
                .with_value(|f| f.as_deref() == Some(fragment.as_str()));
        if still {
            app.current.set(match r {
                Ok(ds) => Loadable::Ready(Current {
                    dataset: Arc::new(ds),
                    origin: Origin::User,
                }),
                Err(e) => Loadable::Failed(e),
            });
        }
    });
}

/// Back or Forward (or a link's fragment changed in place) to an entry that names no dataset:
/// the user's table its fragment carries is shown again, and an entry without one shows the
/// default dataset. Before, the state was rebuilt from the query alone, and Back to an imported
/// table showed the landing dataset under the table's address. Called before the view state
/// changes; an entry naming a dataset leaves the user's table (`leave_user`) and is loaded by
/// `start_loading`'s effect.
pub fn follow_history(app: AppState, next: &ViewState) {
    if next.dataset.is_some() || next.data_url.is_some() {
        leave_user(app);
        return;
    }
    let showing = app.user_active.get_value();
    match super::lazy::shared_fragment() {
        Some(f) => {
            let same = app
                .user_fragment
                .with_value(|u| u.as_deref() == Some(f.as_str()));
            if !(showing && same) {
                show_fragment(app, f);
            }
        }
        // A table too large for a link has no fragment either: its entries are not told from
        // the landing page's, and it stays.
        None if app.user_fragment.with_value(Option::is_some) => leave_user(app),
        None => {}
    }
}

/// The reader leaves the user's table (shown, or still being decoded) for a dataset named in
/// the view, or for the default: the dataset is loaded again even when the file wanted is the
/// one wanted before the table was shown (the default dataset picked by name, say), which the
/// load's effect would not see as a change.
pub(crate) fn leave_user(app: AppState) {
    if app.user_active.get_value() {
        app.user_active.set_value(false);
        app.user_fragment.set_value(None);
        app.left_user.update(|n| *n += 1);
    }
}

/// Starts loading the manifest and registry, and (re)loads the dataset the view asks for.
pub fn start_loading(app: AppState) {
    check_link(app);
    // A table shared in the link's fragment (#ds=…) is shown first, as the user's data, until
    // the reader picks another dataset.
    // Its decoder is loaded on demand (src/app/lazy.rs).
    let user_active = app.user_active;
    if let Some(fragment) = super::lazy::shared_fragment() {
        show_fragment(app, fragment);
    }
    leptos::task::spawn_local(async move {
        let m = load::manifest().await;
        app.manifest.set(match m {
            Ok(m) => Loadable::Ready(m),
            Err(e) => Loadable::Failed(e),
        });
    });
    leptos::task::spawn_local(async move {
        // The registry only adds regions and 2025 provinces; without it the app still works.
        match load::registry().await {
            Ok(r) => app.registry.set(Some(Arc::new(r))),
            Err(_) => app.registry_failed.set(true),
        }
    });
    // Which file to load: recomputed when the manifest arrives or the link names another one.
    // An id the manifest does not list is an error (`Err(id)`), not the default dataset: the
    // reader followed a link to something else and must be told it is not there.
    let wanted = Memo::new(move |_| {
        let ext = app.view.with(|v| v.data_url.clone());
        if let Some(url) = ext {
            return Some(Ok((url, true)));
        }
        let id = app.view.with(|v| v.dataset.clone());
        app.manifest.with(|m| match m {
            Loadable::Ready(m) => Some(match id {
                Some(id) => match m.entry(&id) {
                    Some(entry) => Ok((entry.file.clone(), false)),
                    None => Err(id),
                },
                None => Ok((m.default_entry()?.file.clone(), false)),
            }),
            _ => None,
        })
    });
    Effect::new(move |_| {
        let wanted_now = wanted.get();
        app.left_user.track();
        if user_active.get_value() {
            if app
                .view
                .with_untracked(|v| v.dataset.is_none() && v.data_url.is_none())
            {
                return;
            }
            user_active.set_value(false);
        }
        let (file, external) = match wanted_now {
            Some(Ok(w)) => w,
            Some(Err(id)) => {
                app.current
                    .set(Loadable::Failed(LoadError::UnknownDataset { id }));
                return;
            }
            None => {
                if let Loadable::Failed(e) = app.manifest.get() {
                    app.current.set(Loadable::Failed(e));
                }
                return;
            }
        };
        app.current.set(Loadable::Loading);
        leptos::task::spawn_local(async move {
            let result = if external {
                load::external_dataset(&file).await.map(|d| Current {
                    dataset: Arc::new(d),
                    origin: Origin::Link(super::query::host_of(
                        &file,
                        &window().location().host().unwrap_or_default(),
                    )),
                })
            } else {
                load::dataset(&file).await.map(|d| Current {
                    dataset: Arc::new(d),
                    origin: Origin::Bundled,
                })
            };
            // The page is built from the dataset in a task of its own, not in the one that
            // parsed it (stage.rs).
            super::stage::next_task(move || {
                // A newer request may have replaced this one while it was in flight, or the
                // user's table been shown meanwhile (a table put to use, Forward to one).
                if !user_active.get_value()
                    && wanted
                        .try_get_untracked()
                        .flatten()
                        .and_then(Result::ok)
                        .map(|w| w.0)
                        == Some(file)
                {
                    app.current.set(match result {
                        Ok(c) => Loadable::Ready(c),
                        Err(e) => Loadable::Failed(e),
                    });
                }
            });
        });
    });
}
