//! The secondary views, loaded on first use.
//!
//! Why: the ranking and the weights are what a reader opens; importing a table, a unit's
//! profile, comparing, robustness, the methodology and the embed views are half the app's
//! WebAssembly. Each is reached only through a split point here (`wasm_split`), and the release
//! build (`.ci/build-page.sh`) moves the code behind each into a chunk of its own, fetched the
//! first time the view opens; so is the decoder of tables shared in a link (`#ds=`). The page's
//! first download shrank from 445 KB to about 279 KB gzipped (245 KB since, with std rebuilt
//! for size). Pointing at a tab starts fetching its view's chunk ([`preload`]).
//!
//! Three of the views behind the tabs beside the ranking (compare, a unit's profile, robustness)
//! are one split point, not three ([`explore_views`]). The splitter puts the code that several
//! split points share into a chunk for each set of them, and the robustness view alone needed
//! 21 files: starting their fetches took 14–27 ms of the task that asked for them. One split
//! point for the three needed 9 files (97 KB gzipped, 30 KB more than the robustness view alone;
//! 10 files, 104 KB, since the robustness view is built in turns),
//! and the other two tabs then open at once. The methodology, mostly text, shares little with
//! them and stays a split point of its own (5 files, 14 KB).
//!
//! A split point returns a plain function into the chunk, not a view: the view is then built
//! inside the caller's reactive closure, so its signals and effects share that closure's owner.
//! (Built inside a `Suspend` future they did not, and a handler that switched the view read a
//! signal already disposed.) Loading can fail (offline, a deploy in between): that is an error
//! message with a "try again" button, never a panic, which would stop the whole app.

use super::compare::CompareView;
use super::embed::{EmbedSnippets, EmbedView};
use super::import::ImportView;
use super::load::LoadError;
use super::method::MethodView;
use super::profile::ProfileView;
use super::query::View;
use super::robustness::RobustnessView;
use super::shell::{DroppedNote, FailureView, ShareBar};
use super::state::{use_app, AppState};
use crate::engine::dataset::Dataset;
use crate::engine::share;
use leptos::prelude::*;
#[cfg(feature = "split-views")]
use leptos::wasm_split::wasm_split;
use leptos::wasm_split::SplitLoaderError;

/// Builds a view; it lives in the chunk that `wasm_split` moved it to.
type ViewFn = fn() -> AnyView;

/// A split point: an `async fn $name()` that loads the chunk holding what `$value` needs and
/// returns it (of type `$ty`). Only with the `split-views` feature (the page's build,
/// `.ci/build-page.sh`): a split point is an exported function, which would otherwise pull every
/// view into each binary linking this crate, the analysis worker's included.
macro_rules! split_value {
    ($name:ident, $ty:ty, $value:expr) => {
        #[cfg(feature = "split-views")]
        #[wasm_split($name, fallible, wasm_split_path = ::leptos::wasm_split)]
        fn $name() -> Result<$ty, SplitLoaderError> {
            Ok($value)
        }

        #[cfg(not(feature = "split-views"))]
        async fn $name() -> Result<$ty, SplitLoaderError> {
            Ok($value)
        }
    };
}

/// A split point whose value is the function that builds `$view`.
macro_rules! split_point {
    ($name:ident, $view:ident) => {
        split_value!($name, ViewFn, || untrack(|| $view().into_any()));
    };
}

split_point!(import_view, ImportView);
split_point!(embed_view, EmbedView);
split_point!(embed_snippets, EmbedSnippets);

/// A view with "copy link" below it (`shell::ShareBar`).
fn shared(v: impl IntoView + 'static) -> impl IntoView {
    view! { {v} <ShareBar/> }
}

fn method_shared() -> impl IntoView {
    shared(MethodView())
}

/// The methodology, the message of a dataset that failed to load and the note on what of a link
/// the dataset shown could not follow: all mostly text, rarely needed, and in one chunk. A split
/// point of its own for the failure message cut the code the other views share into more
/// chunks: the Robustness tab needed 19 files instead of 12.
#[derive(Clone, Copy)]
struct TextViews {
    method: ViewFn,
    failure: ViewFn,
    dropped_note: ViewFn,
}

const TEXT_VIEWS: TextViews = TextViews {
    method: || untrack(|| method_shared().into_any()),
    failure: || untrack(|| FailureView().into_any()),
    dropped_note: || untrack(|| DroppedNote().into_any()),
};

split_value!(method_view, TextViews, TEXT_VIEWS);

async fn method_fn() -> Result<ViewFn, SplitLoaderError> {
    method_view().await.map(|v| v.method)
}

async fn failure_fn() -> Result<ViewFn, SplitLoaderError> {
    method_view().await.map(|v| v.failure)
}

/// The views that compare and analyse units, in one chunk (see the module's doc for why).
#[derive(Clone, Copy)]
struct ExploreViews {
    compare: ViewFn,
    profile: ViewFn,
    robustness: ViewFn,
    /// Start what compare and robustness need ahead of need: the analysis worker
    /// (`analysis::warm`), and for robustness also the reach analysis (`robustness::warm`). Their
    /// code lives in this chunk.
    warm_compare: fn(),
    warm_robustness: fn(AppState),
    /// The bar under the ranking that names the units ticked for comparison.
    compare_bar: ViewFn,
}

const EXPLORE_VIEWS: ExploreViews = ExploreViews {
    compare: || untrack(|| shared(CompareView()).into_any()),
    profile: || untrack(|| shared(ProfileView()).into_any()),
    robustness: || untrack(|| shared(RobustnessView()).into_any()),
    warm_compare: super::analysis::warm,
    warm_robustness: super::robustness::warm,
    compare_bar: || untrack(|| super::ranking::CompareBar().into_any()),
};

split_value!(explore_views, ExploreViews, EXPLORE_VIEWS);

thread_local! {
    /// The explore views once their chunk has loaded: a tab opened after that builds its view
    /// at once, instead of a loading state first and the view in a microtask after it (from
    /// the start of the lazy view to the start of the real one: 2.5–4 ms of the click's task
    /// here with the loading state, 0.2–0.3 ms without).
    static EXPLORE: std::cell::Cell<Option<ExploreViews>> = const { std::cell::Cell::new(None) };
}

/// The explore views, loading their chunk the first time.
async fn explore() -> Result<ExploreViews, SplitLoaderError> {
    if let Some(v) = EXPLORE.get() {
        return Ok(v);
    }
    let v = explore_views().await?;
    EXPLORE.set(Some(v));
    Ok(v)
}

async fn compare_view() -> Result<ViewFn, SplitLoaderError> {
    explore().await.map(|v| v.compare)
}

async fn profile_view() -> Result<ViewFn, SplitLoaderError> {
    explore().await.map(|v| v.profile)
}

async fn robustness_view() -> Result<ViewFn, SplitLoaderError> {
    explore().await.map(|v| v.robustness)
}

/// The checks of a table that does not come with the app: the reader of a `ds=…` fragment
/// (`import::decode_fragment`), and the consistency check (`validate::consistency`) that it and
/// the importer run, also run on a file a link's `?data=` fetched.
#[derive(Clone, Copy)]
struct Readers {
    fragment: fn(&str) -> Result<Dataset, LoadError>,
    consistent: fn(Dataset, &str) -> Result<Dataset, LoadError>,
}

const READERS: Readers = Readers {
    fragment: super::import::decode_fragment,
    consistent: super::import::consistent,
};

// The decoder of shared links (base64, inflate, the compact format) is needed only when a link
// carries a table, so it is a split point of its own.
split_value!(share_decoder, Readers, READERS);

/// Writes an export of the ranking shown: JSON, or CSV (`false`).
pub type ExportFn = fn(&super::table::Export, bool) -> String;

fn write_export(e: &super::table::Export, json: bool) -> String {
    if json {
        e.json()
    } else {
        // A byte-order mark first: without it, Excel reads UTF-8 as the system's code page and
        // garbles every Vietnamese name. (The importer skips it.)
        format!("\u{feff}{}", e.csv())
    }
}

// The file writers (the CSV and JSON serialisers) are needed only when a reader exports: a split
// point of their own, 5–6 KB gzipped off the page's first load.
split_value!(export_writer, ExportFn, write_export);

/// Builds the list of units not ranked below the ranking, over the memo of those the filters
/// keep (`ranking::UnrankedList`).
pub type UnrankedFn = fn(Memo<(Vec<super::table::Unranked>, usize)>) -> AnyView;

fn unranked_view(unranked: Memo<(Vec<super::table::Unranked>, usize)>) -> AnyView {
    untrack(|| {
        super::ranking::UnrankedList(super::ranking::UnrankedListProps { unranked }).into_any()
    })
}

// The list of units not ranked is shown only where a group has some (DTI 2022 and 2023, whose
// 53 provinces without every pillar are listed apart; the landing view has none): a split point
// of its own, its code out of the page's first load.
split_value!(unranked_list, UnrankedFn, unranked_view);

/// The list of units not ranked, its chunk loaded the first time a group has one.
pub async fn unranked() -> Result<UnrankedFn, SplitLoaderError> {
    unranked_list().await
}

/// The file writer, its chunk loaded the first time.
pub async fn exporter() -> Result<ExportFn, SplitLoaderError> {
    export_writer().await
}

/// The page's fragment without its `#`, if it carries a shared table (`ds=…`).
pub fn shared_fragment() -> Option<String> {
    let hash = window().location().hash().ok()?;
    let fragment = hash.strip_prefix('#').unwrap_or(&hash);
    fragment
        .starts_with(share::KEY)
        .then(|| fragment.to_string())
}

/// The dataset in a shared table's fragment, once its decoder has loaded: the dataset or why
/// it cannot be used.
pub async fn dataset_from_fragment(fragment: String) -> Result<Dataset, LoadError> {
    match share_decoder().await {
        Ok(r) => (r.fragment)(&fragment),
        Err(_) => Err(LoadError::BrokenLink {
            message: crate::engine::dataset::Text::new(
                "Không tải được phần của ứng dụng đọc liên kết chia sẻ; hãy kiểm tra kết nối mạng rồi tải lại trang.",
                "The part of the app that reads shared links could not be loaded; check the connection and reload the page.",
            ),
        }),
    }
}

/// A dataset file a link's `?data=` fetched, once checked as an imported table is: a file whose
/// official rank contradicts its index is refused, the row named (`validate::consistency`). The check
/// is in the share decoder's chunk, out of the first load, which reads only bundled files.
pub async fn checked_external(ds: Dataset, file: &str) -> Result<Dataset, LoadError> {
    let readers = share_decoder().await.map_err(|_| LoadError::Unchecked {
        file: file.to_string(),
    })?;
    (readers.consistent)(ds, file)
}

/// Where a lazy view stands.
#[derive(Clone, Copy)]
enum Chunk {
    Loading,
    Ready(ViewFn),
    Failed,
}

/// Fetches a view's chunk ahead of need. The chunk loader (`__wasm_split.js`) keeps what it
/// loaded, so the view's own load then finishes at once; a failure is left for the view to report.
fn warm<F, Fut, T>(load: F)
where
    F: Fn() -> Fut + 'static,
    Fut: std::future::Future<Output = Result<T, SplitLoaderError>> + 'static,
{
    leptos::task::spawn_local(async move {
        let _ = load().await;
    });
}

/// Starts fetching the chunk of the view behind a tab the reader points at or focuses, so that
/// it is there, or on its way, when the tab is chosen. In a task of its own: starting the fetches
/// takes a few milliseconds (more on a slow phone), which should not add to the pointer event's
/// task, nor to a click that comes in the same task.
pub fn preload(v: View, app: AppState) {
    super::stage::next_task(move || match v {
        View::Import => warm(import_view),
        View::Unit => warm(explore),
        // These two also start what they compute, once their chunk is there.
        View::Compare | View::Robustness => leptos::task::spawn_local(async move {
            if let Ok(e) = explore().await {
                if v == View::Compare {
                    (e.warm_compare)();
                } else {
                    (e.warm_robustness)(app);
                }
            }
        }),
        View::Method => warm(method_view),
        View::Ranking | View::Weights => {}
    });
}

/// Fetches a view's chunk: a split point's future, boxed.
type LoadFn =
    fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<ViewFn, SplitLoaderError>>>>;

/// Shows the view that `load` fetches: a loading state, then the view, or an error with a
/// button that tries again (a failed load is not cached, so the retry fetches afresh). With
/// `loaded`, the view's chunk is already there: the view is built at once. Not generic over the
/// loader: a copy of this function and its two views per view (eight) cost the page's first
/// load about 12 KB of code.
fn lazy_view(load: LoadFn, loaded: Option<ViewFn>) -> AnyView {
    let app = use_app();
    let chunk = RwSignal::new(loaded.map_or(Chunk::Loading, Chunk::Ready));
    let start = move || {
        leptos::task::spawn_local(async move {
            let now = match load().await {
                Ok(f) => Chunk::Ready(f),
                Err(_) => Chunk::Failed,
            };
            // The view may have been left while its chunk was on the way.
            let _ = chunk.try_set(now);
        });
    };
    let fetch = move || {
        chunk.set(Chunk::Loading);
        start();
    };
    if loaded.is_none() {
        // In the next task, not in the click's: the chunk loader's requests (one per file, 15 for
        // the Robustness view) took 15-20 ms here, which made the click's task one of up to 68 ms
        // (devtools trace and CPU profile, tests/e2e/perf.test.mjs's Robustness case).
        super::stage::next_task(start);
    }
    (move || match chunk.get() {
        Chunk::Ready(f) => f(),
        Chunk::Loading => {
            let l = app.lang();
            view! {
                <div class="loading" role="status" aria-busy="true">
                    <span class="spinner" aria-hidden="true"></span>
                    {l.t("Đang tải phần này của ứng dụng…", "Loading this part of the app…")}
                </div>
            }
            .into_any()
        }
        Chunk::Failed => {
            let l = app.lang();
            view! {
                <div class="notice error" role="alert">
                    <p>{l.t(
                        "Không tải được phần này của ứng dụng. Hãy kiểm tra kết nối mạng rồi thử lại; nếu ứng dụng vừa được cập nhật, hãy tải lại trang.",
                        "This part of the app could not be loaded. Check the connection and try again; if the app was just updated, reload the page.",
                    )}</p>
                    <button type="button" class="btn" on:click=move |_| fetch()>
                        {l.t("Thử lại", "Try again")}
                    </button>
                </div>
            }
            .into_any()
        }
    })
    .into_any()
}

pub fn import() -> AnyView {
    lazy_view(|| Box::pin(import_view()), None)
}

/// The message of a dataset that failed to load (`shell::FailureView`).
pub fn failure() -> AnyView {
    lazy_view(|| Box::pin(failure_fn()), None)
}

/// The note on what of a link the dataset shown could not follow (`shell::DroppedNote`).
pub fn dropped_note() -> AnyView {
    lazy_view(
        || Box::pin(async { method_view().await.map(|v| v.dropped_note) }),
        None,
    )
}

pub fn compare() -> AnyView {
    lazy_view(
        || Box::pin(compare_view()),
        EXPLORE.get().map(|v| v.compare),
    )
}

/// The bar of the units ticked for comparison (`ranking::CompareBar`).
pub fn compare_bar() -> AnyView {
    lazy_view(
        || Box::pin(async { explore().await.map(|v| v.compare_bar) }),
        EXPLORE.get().map(|v| v.compare_bar),
    )
}

pub fn profile() -> AnyView {
    lazy_view(
        || Box::pin(profile_view()),
        EXPLORE.get().map(|v| v.profile),
    )
}

pub fn robustness() -> AnyView {
    lazy_view(
        || Box::pin(robustness_view()),
        EXPLORE.get().map(|v| v.robustness),
    )
}

pub fn method() -> AnyView {
    lazy_view(|| Box::pin(method_fn()), None)
}

pub fn embed() -> AnyView {
    lazy_view(|| Box::pin(embed_view()), None)
}

pub fn embed_snippets_view() -> AnyView {
    lazy_view(|| Box::pin(embed_snippets()), None)
}
