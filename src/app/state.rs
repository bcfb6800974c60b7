//! The app's reactive state: the URL view state, the loaded files, and the ranking derived from
//! them. Data flows one way: files → engine → these signals → views.

use super::i18n::Lang;
use super::load::{self, LoadError, Manifest, Registry};
use super::query::ViewState;
use crate::engine::dataset::Dataset;
use crate::engine::score::{Aggregation, MissingPolicy, Options};
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
#[derive(Clone, Copy)]
pub struct AppState {
    pub view: RwSignal<ViewState>,
    pub manifest: RwSignal<Loadable<Manifest>>,
    pub registry: RwSignal<Option<Arc<Registry>>>,
    pub current: RwSignal<Loadable<Current>>,
    /// A message for screen readers (aria-live), e.g. "Đà Nẵng moved from 5 to 2".
    pub announce: RwSignal<String>,
}

impl AppState {
    pub fn new(view: ViewState) -> AppState {
        AppState {
            view: RwSignal::new(view),
            manifest: RwSignal::new(Loadable::Loading),
            registry: RwSignal::new(None),
            current: RwSignal::new(Loadable::Loading),
            announce: RwSignal::new(String::new()),
        }
    }

    pub fn lang(&self) -> Lang {
        self.view.with(|v| v.lang)
    }

    /// Changes the view state; the URL follows (see `shell`).
    pub fn update(&self, f: impl FnOnce(&mut ViewState)) {
        self.view.update(f);
    }

    pub fn dataset(&self) -> Option<Arc<Dataset>> {
        self.current.with(|c| match c {
            Loadable::Ready(c) => Some(c.dataset.clone()),
            _ => None,
        })
    }

    /// The group shown: the one in the link if the dataset has it, else the first.
    pub fn group_id(&self) -> Option<String> {
        let ds = self.dataset()?;
        let wanted = self.view.with(|v| v.group.clone());
        wanted
            .filter(|g| ds.group(g).is_some())
            .or_else(|| ds.groups.first().map(|g| g.id.clone()))
    }

    /// The weights in use: the link's if they fit the dataset, else the dataset's defaults.
    pub fn weights(&self) -> Option<Vec<f64>> {
        let ds = self.dataset()?;
        let from_link = self.view.with(|v| v.weights.clone());
        Some(
            from_link
                .filter(|w| w.len() == ds.categories.len())
                .unwrap_or_else(|| ds.default_weights()),
        )
    }

    pub fn options(&self) -> Options {
        self.view.with(|v| Options {
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
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

pub use super::table::{can_reweight, Table};

/// The table of the current dataset, group and weights, computed by the engine.
pub fn table_memo(app: AppState) -> Memo<Option<Table>> {
    Memo::new(move |_| {
        let ds = app.dataset()?;
        let group = app.group_id()?;
        let weights = app.weights()?;
        Some(super::table::build(&ds, &group, &weights, app.options()))
    })
}

/// Starts loading the manifest and registry, and (re)loads the dataset the view asks for.
pub fn start_loading(app: AppState) {
    // A table shared in the link's fragment (#ds=…) is shown first, as the user's data, until
    // the reader picks another dataset.
    let from_fragment = super::import::dataset_from_fragment();
    let user_active = StoredValue::new(from_fragment.is_some());
    if let Some(r) = from_fragment {
        app.current.set(match r {
            Ok(ds) => Loadable::Ready(Current {
                dataset: Arc::new(ds),
                origin: Origin::User,
            }),
            Err(e) => Loadable::Failed(e),
        });
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
        if let Ok(r) = load::registry().await {
            app.registry.set(Some(Arc::new(r)));
        }
    });
    // Which file to load: recomputed when the manifest arrives or the link names another one.
    let wanted = Memo::new(move |_| {
        let ext = app.view.with(|v| v.data_url.clone());
        if let Some(url) = ext {
            return Some((url, true));
        }
        let id = app.view.with(|v| v.dataset.clone());
        app.manifest.with(|m| match m {
            Loadable::Ready(m) => {
                let entry = id
                    .as_deref()
                    .and_then(|id| m.entry(id))
                    .or(m.default_entry())?;
                Some((entry.file.clone(), false))
            }
            _ => None,
        })
    });
    Effect::new(move |_| {
        let wanted_now = wanted.get();
        if user_active.get_value() {
            if app
                .view
                .with_untracked(|v| v.dataset.is_none() && v.data_url.is_none())
            {
                return;
            }
            user_active.set_value(false);
        }
        let Some((file, external)) = wanted_now else {
            if let Loadable::Failed(e) = app.manifest.get() {
                app.current.set(Loadable::Failed(e));
            }
            return;
        };
        app.current.set(Loadable::Loading);
        leptos::task::spawn_local(async move {
            let result = if external {
                load::external_dataset(&file).await.map(|d| Current {
                    dataset: Arc::new(d),
                    origin: Origin::Link(host_of(&file)),
                })
            } else {
                load::dataset(&file).await.map(|d| Current {
                    dataset: Arc::new(d),
                    origin: Origin::Bundled,
                })
            };
            // A newer request may have replaced this one while it was in flight.
            if wanted.get_untracked().map(|w| w.0) == Some(file) {
                app.current.set(match result {
                    Ok(c) => Loadable::Ready(c),
                    Err(e) => Loadable::Failed(e),
                });
            }
        });
    });
}

/// The host part of an address, for "published by example.org — not verified".
pub fn host_of(url: &str) -> String {
    let rest = url.split("://").nth(1).unwrap_or(url);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .to_string()
}
