//! The page frame: header, pickers, loading and error states, the URL ↔ state link, and the
//! switch between views.

use super::i18n::Lang;
use super::lazy;
use super::load::LoadError;
use super::query::{Dropped, MAX_SELECTED};
use super::query::{View, ViewState};
use super::ranking::RankingView;
use super::stage::{self, Later};
use super::state::{self, use_app, AppState, Loadable, Origin};
use super::weights::WeightsView;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;

/// Mounts the app on `<body>`.
pub fn mount() {
    // In a task of its own: the one that runs this has just compiled and instantiated the
    // WebAssembly (at 4× CPU slowdown, about 90 ms before this starts, and building the page's
    // frame took as much again, on the main thread alike; stage.rs says why that matters).
    stage::next_task(|| leptos::mount::mount_to_body(App));
}

fn location_query() -> String {
    window().location().search().unwrap_or_default()
}

/// How long weight and filter changes must pause before they are written to the address bar.
/// Each write costs the page far more than `history.replaceState` itself (1–2 ms): Chromium
/// takes a new address as a navigation and fetches and decodes the page's icon again, 3–5 ms
/// more of the page's main thread (favicon.svg, seen in a devtools trace of slider steps).
/// Written at most every 250 ms while a slider was held (before), one step in four or so paid
/// for it, and those were the slowest steps; now nothing is written until the steps pause.
const URL_DEBOUNCE: std::time::Duration = std::time::Duration::from_millis(250);

/// Keeps the URL and the view state in step: state changes write the URL (a new history entry,
/// in the next task, when the dataset, group, view, unit or language change; weights and
/// filters replace the current entry once they have paused for 250 ms, so dragging a slider
/// neither floods the back button nor spends frames), and back/forward read it.
fn sync_url(app: AppState) {
    let last = StoredValue::new(app.view.get_untracked());
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    // A new entry waiting for its task: a replace due meanwhile leaves the address to it (it
    // would write the new view's address, and the push would then find nothing to write).
    let push_queued = StoredValue::new(false);
    let write = move |push: bool| {
        if push {
            push_queued.set_value(false);
        } else if push_queued.get_value() {
            return;
        }
        let v = app.view.get_untracked();
        if location_query().trim_start_matches('?') == v.to_query() {
            return;
        }
        let url = state::url_of(app, &v);
        if let Ok(h) = window().history() {
            let _ = if push {
                h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
            } else {
                h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
            };
        }
    };
    Effect::new(move |_| {
        let v = app.view.get();
        // A correction of the link (`state::check_link`) replaces the address it corrects; so
        // does an arrow key's tab after the first (`Tabs`). Taken here whatever follows: left
        // set by a change that writes nothing, it turned a later push into a replace.
        let correction = app.replace_next.get_value();
        app.replace_next.set_value(false);
        // An embed never writes history: its entries would join the article's back button.
        if v.embed || location_query().trim_start_matches('?') == v.to_query() {
            last.set_value(v);
            return;
        }
        let prev = last.get_value();
        let push = !correction
            && (prev.dataset != v.dataset
                || prev.group != v.group
                || prev.view != v.view
                || prev.lang != v.lang
                || prev.unit != v.unit
                // Several units dropped at once ("Clear selection"): an entry of its own, so
                // that Back brings them back.
                || (prev.selected.len() > 1 && v.selected.is_empty()));
        if push {
            // A change still waiting for its debounced write (units ticked for comparison just
            // before "Compare →") belongs to the entry being left: it is written there first,
            // or Back would return to the page without it.
            // Its address is made now, with the fragment the page has now (the user's table,
            // or none): in the push's task the dataset may already be another, with another.
            let flush = pending
                .try_update_value(Option::take)
                .flatten()
                .map(|h| {
                    h.clear();
                    prev.clone()
                })
                .filter(|before| location_query().trim_start_matches('?') != before.to_query())
                .map(|before| {
                    let hash = window().location().hash().unwrap_or_default();
                    let fragment = hash.strip_prefix('#').filter(|f| !f.is_empty());
                    state::address(&before, fragment)
                });
            last.set_value(v);
            // In a task of its own: `history.pushState` took 0.2–5 ms here, in the task of the
            // click that changed the view. Two changes before it runs make one entry.
            push_queued.set_value(true);
            stage::next_task(move || {
                if let (Some(url), Ok(h)) = (flush, window().history()) {
                    let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
                }
                write(true)
            });
        } else {
            last.set_value(v);
            // Each change puts the write off again (`URL_DEBOUNCE`).
            if let Some(h) = pending.try_update_value(Option::take).flatten() {
                h.clear();
            }
            let h = set_timeout_with_handle(
                move || {
                    pending.set_value(None);
                    write(false);
                },
                URL_DEBOUNCE,
            )
            .ok();
            pending.set_value(h);
        }
    });
    let handle = window_event_listener(leptos::ev::popstate, move |_| {
        let next = ViewState::from_query(&location_query());
        // Back from a unit's profile to the ranking: the focus returns to that unit's row (its
        // name's button, which opened the profile), scrolled into view, as a link's target
        // would; it was left on the page's body, at another place.
        let from_unit = app
            .view
            .with_untracked(|v| (v.view == View::Unit).then(|| v.unit.clone()).flatten())
            .filter(|_| matches!(next.view, View::Ranking | View::Weights));
        let other_view = app.view.with_untracked(|v| v.view != next.view);
        state::follow_history(app, &next);
        app.view.set(next);
        if from_unit.is_none() && other_view {
            // Back to another view: the focus goes to its tab. It was left on <body> (the
            // button that had opened the view is gone) or on a tab no longer selected.
            super::dom::focus_when_shown("[role=tab][aria-selected=true]");
        }
        if let Some(u) = from_unit {
            // A few bytes kept for the page's life per Back of this kind: the helper keeps
            // 'static selectors, and its generic form cost the first load more.
            let selector: &'static str =
                Box::leak(format!("tr[data-unit=\"{u}\"] th.unit button").into_boxed_str());
            super::dom::focus_when_shown(selector);
        }
    });
    // The listener lives as long as the page.
    std::mem::forget(handle);
}

#[component]
fn App() -> impl IntoView {
    let app = AppState::new(ViewState::from_query(&location_query()));
    provide_context(app);
    // Another dataset or group shown: said to screen readers (the focus stays on the picker,
    // and the page's heading changed silently). Not the first one the page opens.
    let shown = Memo::new(move |_| {
        let ds = app.dataset().map(|d| d.id.clone()).unwrap_or_default();
        (ds, app.group_id().unwrap_or_default())
    });
    Effect::new(move |before: Option<bool>| {
        let (ds, group) = shown.get();
        if ds.is_empty() {
            return before.unwrap_or(false);
        }
        if before == Some(true) {
            let l = untrack(move || app.lang());
            let said = app.dataset().map(|d| {
                let group = d
                    .groups
                    .iter()
                    .find(|g| g.id == group)
                    .map(|g| l.pick(&g.name).to_string())
                    .unwrap_or_default();
                format!(
                    "{} {}. {group}.",
                    l.t("Đang xem:", "Showing:"),
                    l.pick(&d.title)
                )
            });
            if let Some(said) = said {
                app.say(said);
            }
        }
        true
    });

    sync_url(app);
    state::start_loading(app);

    // The document language and theme follow the state, for screen readers and CSS. Through a
    // memo: writing `lang` on <html>, even unchanged, makes the browser restyle the whole page,
    // which cost ~5 ms on every slider step.
    let lang_theme = Memo::new(move |_| app.view.with(|v| (v.lang, v.theme)));
    // The page's title (tab, history, bookmarks) names the dataset shown, in the reader's
    // language, and the view other than the ranking (a unit's profile by the unit's name): the
    // history list and a screen reader's tab list told a profile from the ranking by nothing.
    let view_unit = Memo::new(move |_| app.view.with(|v| (v.view, v.unit.clone())));
    Effect::new(move |_| {
        let (lang, theme) = lang_theme.get();
        let (view, unit) = view_unit.get();
        let doc = document();
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", lang.code());
            let _ = root.set_attribute("data-theme", theme.code());
        }
        doc.set_title(&match app.dataset() {
            Some(ds) => {
                let unit = unit.and_then(|id| ds.units.iter().find(|u| u.id == id));
                let view = match (view, unit) {
                    (View::Ranking, _) => String::new(),
                    (View::Unit, Some(u)) => format!("{} — ", u.name),
                    _ => format!("{} — ", view_label(view, lang)),
                };
                format!("{view}{} — Xếp Hạng", lang.pick(&ds.title))
            }
            None => lang
                .t(
                    "Xếp Hạng — xếp hạng ứng dụng CNTT và chuyển đổi số",
                    "Xếp Hạng — rankings of IT use and digital transformation",
                )
                .to_string(),
        });
    });

    // The page's frame (header, main, footer) is built in the task after this one, which set
    // up the state and started the downloads: at 4× CPU slowdown both together were one task
    // of 160–190 ms, the longest of the start (stage.rs says why that counts).
    let framed = RwSignal::new(false);
    stage::next_task(move || framed.set(true));

    // The landing view prerendered into index.html at build time (.ci/prerender.mjs) stays on
    // screen, inert, while this app loads; it goes once the app has its own content to show.
    // Any other address (which public/boot.js marks `not-landing`: the copy shows the landing
    // view only) has it hidden, and index.html's loading line in its place: they go once the
    // app's frame is there.
    let landing = document()
        .document_element()
        .is_some_and(|html| !html.class_list().contains("not-landing"));
    Effect::new(move |_| {
        let remove = || {
            if let Some(pre) = document().get_element_by_id("prerender") {
                pre.remove();
            }
        };
        if !framed.get() {
            return;
        }
        if !landing {
            return remove();
        }
        let settled = app.current.with(|c| !matches!(c, state::Loadable::Loading))
            || app
                .manifest
                .with(|m| matches!(m, state::Loadable::Failed(_)));
        if settled {
            // The app, hidden under the copy, is built in several tasks (stage.rs): shown
            // once whole, it replaces the copy in one frame.
            stage::when_built(remove);
        }
    });

    // Memos, not closures: a closure reading `app.view` would rebuild the whole page on every
    // change of the view state (each slider step), losing focus and time.
    let embed = Memo::new(move |_| app.view.with(|v| v.embed));
    view! {
        <div class="app" class:embed=embed>
            {move || framed.get().then(|| if embed.get() {
                view! { <main id="main">{lazy::embed()}</main> }.into_any()
            } else {
                view! {
                    <Header/>
                    <main id="main" tabindex="-1"><Body/></main>
                    <Footer/>
                }.into_any()
            })}
            <div class="sr-only" role="status" aria-live="polite">{move || app.announce.get()}</div>
        </div>
    }
}

#[component]
fn Header() -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    let set_lang = move |l: Lang| {
        app.update(|v| v.lang = l);
        // What the live region last said is in the other language: emptied, not left there.
        app.announce.set(String::new());
    };
    view! {
        <header class="site">
            // Focus moved by hand: followed, the link's "#main" replaced the address's fragment,
            // which holds an imported table (`#ds=`), and the page went back to the default
            // dataset; and each use added a history entry.
            <a class="skip" href="#main" on:click=|ev| {
                ev.prevent_default();
                if let Some(main) = document().get_element_by_id("main") {
                    let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(main).focus();
                }
            }>{move || lang().t("Bỏ qua đến nội dung", "Skip to content")}</a>
            <div class="brand">
                <span class="logo" aria-hidden="true">"XH"</span>
                <div>
                    <p class="name" lang="vi">"Xếp Hạng"</p>
                    <p class="tagline">{move || lang().t(
                        "Xếp hạng ứng dụng CNTT và chuyển đổi số của cơ quan nhà nước — theo trọng số của bạn",
                        "Vietnam's rankings of IT use and digital transformation in government — with your own weights",
                    )}</p>
                </div>
            </div>
            <nav class="lang" aria-label=move || lang().t("Ngôn ngữ", "Language")>
                <button type="button" aria-pressed=move || (lang() == Lang::Vi).to_string()
                    on:click=move |_| set_lang(Lang::Vi) lang="vi">"Tiếng Việt"</button>
                <button type="button" aria-pressed=move || (lang() == Lang::En).to_string()
                    on:click=move |_| set_lang(Lang::En) lang="en">"English"</button>
            </nav>
        </header>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    let open = RwSignal::new(false);
    view! {
        <footer class="site">
            // What the bundled files are; a table brought in by a reader or a link is not that,
            // and the footer does not vouch for it.
            <p>{move || {
                let l = lang();
                if app.bundled() {
                    l.t(
                        "Số liệu: Bộ Thông tin và Truyền thông (nay là Bộ Khoa học và Công nghệ), chép lại từ các trang công khai, kèm địa chỉ từng nguồn. Không có số liệu nào được ước tính hay bịa ra.",
                        "Figures: Ministry of Information and Communications (now the Ministry of Science and Technology), transcribed from public pages with the address of every source. No figure is estimated or invented.",
                    )
                } else {
                    l.t(
                        "Số liệu của bảng này không thuộc các bộ dữ liệu của ứng dụng: chúng do người dùng nhập hoặc lấy từ địa chỉ trong liên kết, và chưa được kiểm chứng.",
                        "This table's figures are not among the app's datasets: a reader brought them in, or the link fetched them from its address, and they are not verified.",
                    )
                }
            }}</p>
            // Nothing to embed while the data could not be opened.
            <Show when=move || !app.current.with(|c| matches!(c, Loadable::Failed(_)))>
                <button type="button" class="btn" id="embed-open" aria-expanded=move || open.get().to_string()
                    aria-controls="embed-snippets" on:click=move |_| open.update(|o| *o = !*o)>
                    {move || lang().t("Nhúng vào bài viết", "Embed in an article")}
                </button>
                <Show when=move || open.get()>
                    <div id="embed-snippets">{lazy::embed_snippets_view()}</div>
                </Show>
            </Show>
        </footer>
    }
}

/// What of the link the dataset shown could not follow (`state::check_link`), until the reader
/// dismisses it or another dataset is shown. Needed only by a link that asks for what the
/// dataset lacks: in the chunk of the other text views (`lazy::dropped_note`), its sentences out
/// of the page's first load.
#[component]
pub fn DroppedNote() -> impl IntoView {
    let app = use_app();
    let text = move || {
        let l = app.lang();
        let ds = app.dataset();
        let first = ds
            .as_ref()
            .and_then(|d| d.groups.first().map(|g| l.pick(&g.name).to_string()))
            .unwrap_or_default();
        // Units by their names where the dataset has them ("Hà Tĩnh", not "ha-tinh").
        let names = |ids: &[String]| {
            ids.iter()
                .map(|id| {
                    let unit = ds
                        .as_ref()
                        .and_then(|d| d.units.iter().find(|u| &u.id == id));
                    unit.map_or_else(|| format!("“{id}”"), |u| u.name.clone())
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        app.dropped.with(|d| {
            d.iter()
                .map(|d| match (d, l) {
                    (Dropped::Group(g), Lang::Vi) => {
                        format!("Bộ dữ liệu này không có nhóm “{g}”, nên đang hiện nhóm “{first}”. ")
                    }
                    (Dropped::Group(g), Lang::En) => {
                        format!("This dataset has no group “{g}”, so the group “{first}” is shown. ")
                    }
                    (Dropped::Weights { given, wanted }, Lang::Vi) => format!(
                        "Liên kết có {given} trọng số nhưng bộ dữ liệu này có {wanted} chỉ số thành phần, nên đang dùng trọng số mặc định của bộ dữ liệu. "
                    ),
                    (Dropped::Weights { given, wanted }, Lang::En) => format!(
                        "The link gives {given} weights but this dataset has {wanted} categories, so the dataset's default weights are used. "
                    ),
                    (Dropped::UnreadWeights(t), Lang::Vi) => format!(
                        "Không đọc được trọng số trong liên kết (“{t}”): cần các số từ 0 đến 1.000.000; đang dùng trọng số mặc định của bộ dữ liệu. "
                    ),
                    (Dropped::UnreadWeights(t), Lang::En) => format!(
                        "The link's weights (“{t}”) could not be read: they must be numbers from 0 to 1,000,000; the dataset's default weights are used. "
                    ),
                    (Dropped::Units(ids), Lang::Vi) => format!(
                        "Bộ dữ liệu này không có đơn vị mang mã “{}”, nên {} không được chọn để so sánh. ",
                        ids.join("”, “"),
                        if ids.len() == 1 { "đơn vị đó" } else { "các đơn vị đó" }
                    ),
                    (Dropped::Units(ids), Lang::En) if ids.len() == 1 => format!(
                        "This dataset has no unit with the id “{}”, so it is not chosen for comparison. ",
                        ids[0]
                    ),
                    (Dropped::Units(ids), Lang::En) => format!(
                        "This dataset has no units with the ids “{}”, so they are not chosen for comparison. ",
                        ids.join("”, “")
                    ),
                    (Dropped::Surplus(ids), Lang::Vi) => format!(
                        "Chỉ so sánh được tối đa {MAX_SELECTED} đơn vị, nên {} không được chọn. ",
                        names(ids)
                    ),
                    (Dropped::Surplus(ids), Lang::En) => format!(
                        "At most {MAX_SELECTED} units can be compared, so {} {} not chosen. ",
                        names(ids),
                        if ids.len() == 1 { "is" } else { "are" }
                    ),
                    (Dropped::Region(id), Lang::Vi) => format!(
                        "Không có vùng “{id}”, nên bảng hiện đơn vị của mọi vùng. "
                    ),
                    (Dropped::Region(id), Lang::En) => format!(
                        "There is no region “{id}”, so the table shows every region's units. "
                    ),
                    (Dropped::Sort(id), Lang::Vi) => format!(
                        "Bảng này không có cột “{id}” để sắp xếp, nên đang xếp theo hạng. "
                    ),
                    (Dropped::Sort(id), Lang::En) => format!(
                        "This table has no column “{id}” to sort by, so it is sorted by rank. "
                    ),
                    (Dropped::Moved(m), l) => m
                        .iter()
                        .map(|(from, to)| match l {
                            Lang::Vi => format!("{from} thuộc {to} từ năm 2025, nên đang hiện {to}. "),
                            Lang::En => format!("{from} is part of {to} from 2025, so {to} is shown. "),
                        })
                        .collect(),
                })
                .collect::<String>()
        })
    };
    // Said through the page's live region, there from the start: a status element added with
    // its text already in it is often not read. Again when what it says changes, not on a
    // language change.
    Effect::new(move |said: Option<Vec<Dropped>>| {
        let now = app.dropped.get();
        if said.as_ref() != Some(&now) {
            app.say(untrack(text));
        }
        now
    });
    view! {
        <p class="notice link-note">
            {text}
            <button type="button" class="btn" on:click=move |_| {
                app.dropped.set(Vec::new());
                // The button goes: the focus goes to the title just above it.
                super::dom::focus_when_shown("h1.title");
            }>{move || app.lang().t("Đã hiểu", "Dismiss")}</button>
        </p>
    }
}

/// The loading / error / ready switch for the whole dataset area.
#[component]
fn Body() -> impl IntoView {
    let app = use_app();
    move || match app.current.get() {
        Loadable::Loading => view! {
            <div class="loading" role="status" aria-busy="true">
                <span class="spinner" aria-hidden="true"></span>
                {app.lang().t("Đang tải dữ liệu…", "Loading data…")}
            </div>
        }
        .into_any(),
        Loadable::Failed(_) => {
            // Re-render on a language change: the message is built once per render.
            let _ = app.lang();
            if app.view.with(|v| v.view == View::Import) {
                // Bringing one's own table must work even when no dataset could be loaded.
                return lazy::import();
            }
            // Its code, rarely needed, is a chunk of its own (`FailureView`).
            lazy::failure()
        }
        Loadable::Ready(_) => {
            stage::first_view_begun();
            view! {
            <Pickers/>
            <ViewSwitch/>
            }
            .into_any()
        }
    }
}

/// What failed to load, and what to do (the error is `AppState::current`'s). Loaded on first
/// use (`lazy::failure`): a chunk that cannot be fetched either says so, with "try again".
#[component]
pub fn FailureView() -> impl IntoView {
    let app = use_app();
    app.current.with_untracked(|c| match c {
        Loadable::Failed(e) => Some(view! { <LoadFailure error=e.clone()/> }),
        _ => None,
    })
}

#[component]
fn LoadFailure(error: LoadError) -> impl IntoView {
    let app = use_app();
    let l = app.lang();
    let file = error.file().to_string();
    let file_label = match error {
        LoadError::UnknownDataset { .. } => l.t("Bộ dữ liệu", "Dataset"),
        LoadError::BrokenLink { .. } => l.t("Liên kết", "Link"),
        _ => l.t("Tệp", "File"),
    };
    let (what, todo) = match &error {
        LoadError::Unchecked { .. } => (
            l.t(
                "Tệp đã tải về, nhưng không tải được phần của ứng dụng kiểm tra tệp từ nơi khác, nên tệp chưa được dùng",
                "The file arrived, but the part of the app that checks files from elsewhere could not be loaded, so the file is not used",
            )
            .to_string(),
            l.t(
                "Kiểm tra kết nối mạng, rồi tải lại trang; nếu ứng dụng vừa được cập nhật, tải lại trang là đủ.",
                "Check the connection, then reload the page; if the app was just updated, a reload is enough.",
            ),
        ),
        LoadError::Network { detail, .. } => (
            format!(
                "{} ({detail})",
                l.t("Không tải được tệp", "The file could not be fetched")
            ),
            l.t(
                "Kiểm tra kết nối mạng hoặc địa chỉ, rồi tải lại trang.",
                "Check the connection or the address, then reload the page.",
            ),
        ),
        LoadError::Status { status, .. } => (
            format!(
                "{} {status}",
                l.t(
                    "Máy chủ trả lời với mã lỗi",
                    "The server answered with status"
                )
            ),
            if error.file() == "index.json" {
                // The list of datasets itself: there is no other dataset to open.
                l.t(
                    "Không có danh sách bộ dữ liệu thì không mở được bộ nào. Hãy tải lại trang sau ít phút; trong lúc chờ, vẫn có thể nhập bảng của bạn.",
                    "Without the list of datasets none can be opened. Reload the page in a few minutes; meanwhile, you can still import your own table.",
                )
            } else if *status >= 500 {
                l.t(
                    "Máy chủ đang gặp sự cố. Hãy tải lại trang sau ít phút, hoặc mở bộ dữ liệu khác.",
                    "The server has a problem. Reload the page in a few minutes, or open another dataset.",
                )
            } else {
                l.t(
                    "Tệp có thể đã bị xoá hoặc đổi tên. Hãy mở bộ dữ liệu khác.",
                    "The file may have been removed or renamed. Open another dataset.",
                )
            },
        ),
        LoadError::TooLarge { bytes, .. } => (
            format!(
                "{} ({} {})",
                l.t("Tệp quá lớn", "The file is too large"),
                l.int(*bytes),
                l.t("byte", "bytes")
            ),
            l.t(
                "Giới hạn là 5 MiB. Hãy chia dữ liệu thành nhiều tệp.",
                "The limit is 5 MiB. Split the data into several files.",
            ),
        ),
        LoadError::Malformed { detail, .. } => (
            l.pick(detail).to_string(),
            if detail.en.starts_with(crate::engine::validate::NOT_JSON) {
                l.t(
                    "Sửa lỗi cú pháp ở vị trí được nêu, hoặc xuất lại tệp.",
                    "Fix the syntax at the position given, or export the file again.",
                )
            } else {
                l.t(
                    "Sửa chỗ được nêu, hoặc tạo lại tệp theo đúng định dạng.",
                    "Fix what is named, or make the file again in the expected format.",
                )
            },
        ),
        LoadError::Invalid { problems, .. } => (
            format!(
                "{} ({})",
                l.t(
                    "Tệp không đúng định dạng xephang-dataset/1",
                    "The file is not a valid xephang-dataset/1 dataset"
                ),
                // The checker lists MAX_PROBLEMS and sums up the rest in one more line.
                match (l, problems.len()) {
                    (_, n) if n > crate::engine::validate::MAX_PROBLEMS => format!(
                        "{} {}",
                        l.t("hơn", "more than"),
                        l.int(crate::engine::validate::MAX_PROBLEMS)
                    ) + l.t(" lỗi", " problems"),
                    (Lang::En, 1) => "1 problem".to_string(),
                    (_, n) => format!("{} {}", l.int(n), l.t("lỗi", "problems")),
                }
            ),
            l.t(
                "Sửa từng lỗi nêu trên (đường dẫn JSON: lỗi), rồi tải lại.",
                "Fix each problem listed above (JSON path: problem), then reload.",
            ),
        ),
        LoadError::BrokenLink { message } => (
            l.pick(message).to_string(),
            l.t(
                "Hãy xin người gửi đường liên kết đầy đủ, hoặc tệp dữ liệu (.json) của bảng.",
                "Ask the sender for the whole link, or for the table's dataset file (.json).",
            ),
        ),
        LoadError::UnknownDataset { .. } => (
            l.t(
                "Danh sách dữ liệu không có bộ dữ liệu mà liên kết này nêu tên",
                "The list of datasets has no dataset by the name this link gives",
            )
            .to_string(),
            l.t(
                "Liên kết có thể gõ sai, hoặc bộ dữ liệu đã đổi tên. Hãy chọn một bộ dữ liệu dưới đây.",
                "The link may be mistyped, or the dataset renamed. Pick one of the datasets below.",
            ),
        ),
    };
    let problems = match &error {
        LoadError::Invalid { problems, .. } => super::load::problem_lines(problems, l),
        _ => Vec::new(),
    };
    view! {
        <section class="error">
            // What failed is the alert; what to do and the other datasets follow it, not read
            // out with it (the whole section, its ten links included, was one alert).
            <div role="alert">
                // The page's one heading of the first rank while nothing else is shown.
                <h1>{l.t("Không mở được dữ liệu", "The data could not be opened")}</h1>
                <p><strong>{file_label}": "</strong><code class="file">{file.clone()}</code></p>
                <p class="what">{sentence(what)}</p>
                // Each problem with its JSON path, in the page's language.
                {(!problems.is_empty()).then(|| view! {
                    <ul class="problems">
                        {problems.into_iter().map(|p| view! { <li><code>{p}</code></li> }).collect_view()}
                    </ul>
                })}
            </div>
            <p class="todo">{todo}</p>
            <OtherDatasets failed=file.clone()/>
            <p>
                <a href=move || format!("?view=import{}", l.query_suffix())>{l.t("Nhập bảng dữ liệu của bạn", "Import your own table")}</a>
            </p>
        </section>
    }
}

/// A reason as a sentence: with its full stop where it has none.
fn sentence(s: String) -> String {
    if s.ends_with(['.', '!', '?', ':', '…']) {
        s
    } else {
        s + "."
    }
}

/// After a failure, the bundled datasets the reader can open instead (from the manifest, when
/// it loaded): the failed file is not the only way in.
#[component]
fn OtherDatasets(failed: String) -> impl IntoView {
    let app = use_app();
    let l = app.lang();
    let entries: Vec<(String, String)> = app.manifest.with_untracked(|m| match m {
        Loadable::Ready(m) => m
            .datasets
            .iter()
            .filter(|e| e.file != failed && e.id != failed)
            .map(|e| (e.id.clone(), l.pick(&e.title).to_string()))
            .collect(),
        _ => Vec::new(),
    });
    (!entries.is_empty()).then(|| {
        view! {
            <nav class="other-datasets" aria-labelledby="other-datasets-h">
                <h2 id="other-datasets-h">{l.t("Mở bộ dữ liệu khác", "Open another dataset")}</h2>
                <ul>
                    {entries.into_iter().map(|(id, title)| view! {
                        <li><a href=format!("?d={id}{}", l.query_suffix())>{title}</a></li>
                    }).collect_view()}
                </ul>
            </nav>
        }
    })
}

/// Dataset (edition) and group pickers, and the origin mark of data that is not bundled.
#[component]
fn Pickers() -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    let entries = move || {
        app.manifest.with(|m| match m {
            Loadable::Ready(m) => m.datasets.clone(),
            _ => Vec::new(),
        })
    };
    let current_id = move || app.dataset().map(|d| d.id.clone()).unwrap_or_default();
    let groups = move || app.dataset().map(|d| d.groups.clone()).unwrap_or_default();
    let group_id = move || app.group_id().unwrap_or_default();
    // The note is built when there is something to say, not again when more is added to it.
    let has_dropped = Memo::new(move |_| !app.dropped.with(Vec::is_empty));
    let origin = move || {
        app.current.with(|c| match c {
            Loadable::Ready(c) => c.origin.clone(),
            _ => Origin::Bundled,
        })
    };
    let title = move || {
        app.dataset()
            .map(|d| lang().pick(&d.title).to_string())
            .unwrap_or_default()
    };
    view! {
        <section class="pickers" aria-label=move || lang().t("Chọn dữ liệu", "Choose data")>
            <h1 class="title" tabindex="-1">{title}</h1>
            {move || match origin() {
                Origin::Bundled => ().into_any(),
                Origin::Link(host) => view! {
                    <p class="unverified" role="note">
                        {format!("{} {host} — {}", lang().t("Dữ liệu do", "Data published by"),
                            lang().t("chưa được kiểm chứng", "not verified"))}
                    </p>
                }.into_any(),
                Origin::User => view! {
                    <p class="unverified" role="note">
                        // Not in the address, the table would be lost by a reload without a word.
                        {if app.user_fragment.get_value().is_some() {
                            lang().t("Dữ liệu do người dùng cung cấp — chưa được kiểm chứng",
                                "Data supplied by the user — not verified")
                        } else {
                            lang().t("Dữ liệu do người dùng cung cấp — chưa được kiểm chứng. Bảng quá lớn để giữ trong địa chỉ trang: tải lại trang sẽ mất bảng; hãy xuất tệp hoặc lưu trong trình duyệt (thẻ “Nhập dữ liệu”).",
                                "Data supplied by the user — not verified. Too large to keep in the page's address: a reload loses it; export it or keep it in this browser (the “Import data” tab).")
                        }}
                    </p>
                }.into_any(),
            }}
            {move || has_dropped.get().then(lazy::dropped_note)}
            <div class="picker-row">
                <label>
                    <span>{move || lang().t("Bộ dữ liệu", "Dataset")}</span>
                    <select id="dataset-picker"
                        prop:value=current_id
                        on:change=move |ev| {
                            state::open_edition(app, event_target_value(&ev));
                            // The pickers are drawn anew once the dataset is there.
                            super::dom::focus_when_shown("#dataset-picker");
                        }
                    >
                        {move || {
                            let cur = current_id();
                            let list = entries();
                            // A table not in the list (imported, or from a link) is named
                            // first, so the picker does not show a blank.
                            let other = (!cur.is_empty() && !list.iter().any(|e| e.id == cur))
                                .then(|| (cur.clone(), title()));
                            let other = other.map(|(id, label)| {
                                let selected = id == cur;
                                view! { <option value=id selected=selected>{label}</option> }
                            });
                            // The editions under their series: each option names what tells it
                            // apart ("2024 — 34 tỉnh…"), which a phone's width then shows.
                            let mut series: Vec<(String, Vec<(String, String)>)> = Vec::new();
                            for e in list {
                                let title = lang().pick(&e.title).to_string();
                                let (head, label) = super::i18n::split_title(&title, e.edition)
                                    .unwrap_or_else(|| (title.clone(), title));
                                match series.iter_mut().find(|(h, _)| *h == head) {
                                    Some((_, items)) => items.push((e.id, label)),
                                    None => series.push((head, vec![(e.id, label)])),
                                }
                            }
                            // (A title that names no edition is its own group's label: none of
                            // the bundled.) The page's heading above gives the whole title.
                            let groups = series.into_iter().map(|(head, items)| {
                                let options = items.into_iter().map(|(id, label)| {
                                    let selected = id == cur;
                                    view! { <option value=id selected=selected>{label}</option> }
                                }).collect_view();
                                view! { <optgroup label=head>{options}</optgroup> }
                            }).collect_view();
                            view! { {other}{groups} }
                        }}
                    </select>
                </label>
                <label>
                    <span>{move || lang().t("Nhóm", "Group")}</span>
                    <select
                        prop:value=group_id
                        on:change=move |ev| {
                            let g = event_target_value(&ev);
                            app.update(|v| {
                                v.group = Some(g);
                                v.selected.clear();
                                v.unit = None;
                                // Regions belong to provinces: a region filter left from
                                // another group would hide every unit of this one.
                                v.region = None;
                            });
                        }
                    >
                        {move || groups().into_iter().map(|g| {
                            let label = lang().pick(&g.name).to_string();
                            let selected = g.id == group_id();
                            view! { <option value=g.id.clone() selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
        </section>
    }
}

/// The tabs of the explorer. Keyboard: Tab reaches the list, arrows move between tabs.
#[component]
fn Tabs() -> impl IntoView {
    let app = use_app();
    let current = move || app.view.with(|v| v.view);
    // Arrow keys select the tabs as they move (each view is in the address): the first press
    // makes a history entry and the next ones replace it, so Back returns to the view the
    // reader started from rather than through every tab passed on the way.
    // The tab the last arrow key selected: the next press replaces its entry only while that
    // tab is still the one shown (not after Back, a click or a link's change).
    let arrowed = StoredValue::new(None::<View>);
    view! {
        <nav class="tabs" role="tablist" aria-label=move || app.lang().t("Các màn hình", "Views")
            on:focusout=move |ev: leptos::ev::FocusEvent| {
                use wasm_bindgen::JsCast;
                let inside = ev
                    .related_target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|t| t.closest("[role=tablist]").ok().flatten().is_some());
                if !inside {
                    arrowed.set_value(None);
                }
            }>
            {View::ALL.into_iter().map(|v| {
                let selected = move || current() == v;
                view! {
                    <button type="button" role="tab" id=format!("tab-{}", v.code())
                        aria-selected=move || selected().to_string()
                        aria-controls="view-panel"
                        tabindex=move || if selected() { "0" } else { "-1" }
                        on:click=move |_| {
                            arrowed.set_value(None);
                            app.update(|s| s.view = v)
                        }
                        on:pointerenter=move |_| lazy::preload(v, app)
                        on:focus=move |_| lazy::preload(v, app)
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            let i = View::ALL.iter().position(|x| *x == v).unwrap_or(0);
                            let n = View::ALL.len();
                            let next = match ev.key().as_str() {
                                "ArrowRight" => Some(View::ALL[(i + 1) % n]),
                                "ArrowLeft" => Some(View::ALL[(i + n - 1) % n]),
                                "Home" => Some(View::ALL[0]),
                                "End" => Some(View::ALL[n - 1]),
                                _ => None,
                            };
                            if let Some(next) = next {
                                ev.prevent_default();
                                // Home on the first tab, End on the last: nothing to change.
                                if next == v {
                                    return;
                                }
                                if arrowed.get_value() == Some(v) {
                                    app.replace_next.set_value(true);
                                }
                                arrowed.set_value(Some(next));
                                app.update(|s| s.view = next);
                                if let Some(el) = document().get_element_by_id(&format!("tab-{}", next.code())) {
                                    use wasm_bindgen::JsCast;
                                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                                        let _ = el.focus();
                                    }
                                }
                            }
                        }
                    >{move || view_label(v, app.lang())}</button>
                }
            }).collect_view()}
        </nav>
    }
}

#[component]
fn ViewSwitch() -> impl IntoView {
    let app = use_app();
    let which = Memo::new(move |_| app.view.with(|v| v.view));
    view! {
        <Tabs/>
        <div id="view-panel" role="tabpanel"
            aria-labelledby=move || format!("tab-{}", app.view.with(|v| v.view.code()))>
            {move || match which.get() {
                // In the page's first view, a task after the pickers and tabs (stage.rs).
                View::Ranking => view! { <Later><RankingView/></Later> }.into_any(),
                View::Weights => view! { <WeightsView/> }.into_any(),
                View::Compare => lazy::compare(),
                View::Unit => lazy::profile(),
                View::Robustness => lazy::robustness(),
                View::Method => lazy::method(),
                View::Import => lazy::import(),
            }}
        </div>
    }
}

/// "Copy link" below the views that compare and explain (added to them in lazy.rs, so that it
/// lives in their chunks); the ranking and weights views have it in their toolbar, and a link
/// to the import view would share nothing.
#[component]
pub fn ShareBar() -> impl IntoView {
    let app = use_app();
    let status = RwSignal::new(String::new());
    view! {
        <div class="toolbar share-bar" role="group" aria-label=move || app.lang().t("Chia sẻ", "Share")>
            <super::ranking::CopyLink status=status/>
            <span class="status" role="status">{move || status.get()}</span>
        </div>
    }
}

pub fn view_label(v: View, l: Lang) -> &'static str {
    match v {
        View::Ranking => l.t("Xếp hạng", "Ranking"),
        View::Weights => l.t("Trọng số", "Weights"),
        View::Compare => l.t("So sánh", "Compare"),
        View::Unit => l.t("Hồ sơ đơn vị", "Unit profile"),
        View::Robustness => l.t("Độ vững", "Robustness"),
        View::Method => l.t("Phương pháp", "Methodology"),
        View::Import => l.t("Nhập dữ liệu", "Import data"),
    }
}
