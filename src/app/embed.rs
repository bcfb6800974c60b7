//! Embed mode (`?embed=1`) for news sites, and the "Embed" snippets of the full app.
//!
//! # Height messages
//! Whenever the height of the embedded page changes (data loaded, filter, language, weights
//! panel opened, window width), the frame posts to `window.parent`, and to nothing else, three
//! messages carrying the same height in CSS pixels (an integer):
//!
//! 1. its own format, read by `public/embed.js`:
//!    `{ "type": "xephang:height", "version": 1, "id": <eid or null>, "height": <px> }`
//!    where `id` is the `eid` URL parameter (`[A-Za-z0-9_-]{1,64}`, else `null`);
//! 2. Datawrapper's responsive-iframe format `{ "datawrapper-height": { "<id>": <px> } }`,
//!    understood by Datawrapper's embed script (it resizes the frame the message came from);
//! 3. Pym.js' string protocol `pymxPYMx<id>xPYMxheightxPYMx<px>`, understood by
//!    `pym.Parent`, where `<id>` is Pym's `childId` parameter (else `eid`, else `xephang`).
//!
//! The size is watched with a `ResizeObserver` and, because browsers pause the rendering of
//! off-screen cross-origin frames, also re-measured once a second (posting only on a change).
//! A height says nothing about the reader, so the messages use the target origin `*` (the frame
//! cannot know its parent's origin once the referrer is withheld). The frame listens for no
//! message at all. Embed mode writes no cookie and no storage and fetches only the dataset files.

use super::i18n::Lang;
use super::lazy;
use super::query::{Theme, View, ViewState};
use super::ranking::RankingView;
use super::state::{self, can_reweight, use_app, AppState, Loadable, Origin};
use super::weights::{WeightsPanel, WeightsView};
use leptos::prelude::*;
use std::cell::{Cell, OnceCell, RefCell};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The `type` of the frame's own height message.
pub const MESSAGE_TYPE: &str = "xephang:height";
/// The `version` of the frame's own height message.
pub const MESSAGE_VERSION: u32 = 1;

/// An id that can be echoed back safely: 1–64 ASCII letters, digits, `-` or `_`.
fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The URL of the navigation that opened this document. Unlike `location`, it survives the
/// `history.replaceState` with which the app rewrites the query (which drops unknown parameters
/// such as `eid` and `childId`).
fn navigation_url() -> Option<String> {
    let entries = window().performance()?.get_entries_by_type("navigation");
    let entry = entries.get(0);
    if entry.is_undefined() {
        return None;
    }
    js_sys::Reflect::get(&entry, &JsValue::from_str("name"))
        .ok()?
        .as_string()
}

/// A query parameter of the current URL or, failing that, of the navigation URL.
fn url_param(name: &str) -> Option<String> {
    let from_search = window()
        .location()
        .search()
        .ok()
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
        .and_then(|p| p.get(name));
    from_search.or_else(|| {
        let url = web_sys::Url::new(&navigation_url()?).ok()?;
        url.search_params().get(name)
    })
}

/// The frame ids: `eid` (set by embed.js) and Pym's `childId`, read once, validated.
#[derive(Clone, Debug, Default)]
struct FrameIds {
    eid: Option<String>,
    pym: Option<String>,
}

thread_local! {
    static FRAME_IDS: OnceCell<FrameIds> = const { OnceCell::new() };
    static OBSERVER: RefCell<Option<web_sys::ResizeObserver>> = const { RefCell::new(None) };
    static LAST_HEIGHT: Cell<i32> = const { Cell::new(-1) };
}

fn frame_ids() -> FrameIds {
    FRAME_IDS.with(|c| {
        c.get_or_init(|| FrameIds {
            eid: url_param("eid").filter(|s| valid_id(s)),
            pym: url_param("childId").filter(|s| valid_id(s)),
        })
        .clone()
    })
}

/// The parent window, if this page is framed.
fn parent_window() -> Option<web_sys::Window> {
    let me = window();
    let parent = me.parent().ok().flatten()?;
    let same: &JsValue = parent.as_ref();
    if same == AsRef::<JsValue>::as_ref(&me) {
        None
    } else {
        Some(parent)
    }
}

fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), value);
}

/// Posts the three height messages described in the module documentation.
fn post_height(height: i32) {
    let Some(parent) = parent_window() else {
        return;
    };
    let ids = frame_ids();
    let h = JsValue::from_f64(height as f64);

    let ours = js_sys::Object::new();
    set(&ours, "type", &JsValue::from_str(MESSAGE_TYPE));
    set(&ours, "version", &JsValue::from_f64(MESSAGE_VERSION as f64));
    set(
        &ours,
        "id",
        &ids.eid.as_deref().map_or(JsValue::NULL, JsValue::from_str),
    );
    set(&ours, "height", &h);
    let _ = parent.post_message(&ours, "*");

    let key = ids.eid.as_deref().unwrap_or("xephang");
    let inner = js_sys::Object::new();
    set(&inner, key, &h);
    let datawrapper = js_sys::Object::new();
    set(&datawrapper, "datawrapper-height", &inner);
    let _ = parent.post_message(&datawrapper, "*");

    let pym_id = ids
        .pym
        .as_deref()
        .or(ids.eid.as_deref())
        .unwrap_or("xephang");
    let pym = format!("pymxPYMx{pym_id}xPYMxheightxPYMx{height}");
    let _ = parent.post_message(&JsValue::from_str(&pym), "*");
}

/// Measures the page (the `<html>` element, whose height is its content's) and reports a change.
fn report_height() {
    let Some(html) = document().document_element() else {
        return;
    };
    let height = html.get_bounding_client_rect().height().ceil() as i32;
    if LAST_HEIGHT.with(|l| l.replace(height)) != height {
        post_height(height);
    }
}

/// Watches `root` and the whole page for size changes; one observer per page.
fn observe_height(root: &web_sys::Element) {
    OBSERVER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let callback = Closure::<dyn FnMut(js_sys::Array)>::new(|_entries| report_height());
            let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref())
            else {
                return;
            };
            // The observer lives as long as the page.
            callback.forget();
            // Browsers pause the rendering, and so the observers, of cross-origin frames that are
            // off screen: a frame below the reader would keep a stale height until scrolled to.
            // Measuring forces layout even there, and costs nothing when nothing changed.
            set_interval(report_height, std::time::Duration::from_millis(1000));
            if let Some(html) = document().document_element() {
                observer.observe(&html);
            }
            *slot = Some(observer);
        }
        if let Some(observer) = slot.as_ref() {
            observer.observe(root);
        }
    });
}

/// The full app's link for a state: the same view without the embed parameters, and the
/// user's table when it is the one shown (`#ds=…`).
fn full_view_url(app: AppState, v: &ViewState) -> String {
    let mut v = v.clone();
    v.embed = false;
    v.theme = Theme::Auto;
    v.rows = 0;
    v.controls = true;
    state::url_of(app, &v)
}

/// The note shown for data that is not one of the bundled, checked datasets.
fn origin_note(origin: &Origin, l: Lang) -> Option<String> {
    match origin {
        Origin::Bundled => None,
        Origin::Link(host) => Some(format!(
            "{} {host} — {}",
            l.t("Dữ liệu do", "Data published by"),
            l.t("chưa được kiểm chứng", "not verified")
        )),
        Origin::User => Some(
            l.t(
                "Dữ liệu do người dùng cung cấp — chưa được kiểm chứng",
                "Data supplied by the user — not verified",
            )
            .to_string(),
        ),
    }
}

/// The embedded page: title, the chosen view, a compact weights panel (unless `controls=0`), the
/// source, the "not verified" mark for outside data and a link to the full app.
#[component]
pub fn EmbedView() -> impl IntoView {
    let app = use_app();
    // Read the frame ids now, before anything else can touch the URL.
    let _ = frame_ids();
    let lang = move || app.lang();
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = root.get() {
            observe_height(&el);
            report_height();
        }
    });

    let kind = Memo::new(move |_| app.view.with(|v| v.view));
    // The view the article embedded. A click inside it can open another (a name in the ranking
    // opens that unit's profile); the embed writes no history entry, so the browser's Back
    // would leave the article: a button leads back instead.
    let embedded = app.view.with_untracked(|v| v.view);
    let back = move || {
        app.update(|v| v.view = embedded);
        super::dom::focus_when_shown(".embed-title");
    };
    let back_label = move || {
        // An embedded import shows the ranking.
        let shown = if embedded == View::Import {
            View::Ranking
        } else {
            embedded
        };
        let l = lang();
        format!(
            "← {}: {}",
            l.t("Quay lại", "Back to"),
            super::shell::view_label(shown, l)
        )
    };
    let ready = Memo::new(move |_| {
        app.current.with(|c| match c {
            Loadable::Ready(_) => 1,
            Loadable::Loading => 0,
            Loadable::Failed(_) => 2,
        })
    });
    let title = move || {
        app.dataset()
            .map(|d| lang().pick(&d.title).to_string())
            .unwrap_or_default()
    };
    let group = move || {
        let ds = app.dataset()?;
        let g = app.group_id()?;
        ds.group(&g).map(|g| lang().pick(&g.name).to_string())
    };
    let note = move || {
        app.current.with(|c| match c {
            Loadable::Ready(c) => origin_note(&c.origin, lang()),
            _ => None,
        })
    };
    // The app's own files were copied from public pages, some from third parties' copies of
    // the publisher's (DTI 2024's 34 provinces): a reader citing the embed is told so, and where
    // each figure was read (a review: "Source: Ministry…" alone read as the ministry's own table).
    let source = move || {
        app.dataset().map(|d| {
            let l = lang();
            let copied = if app.bundled() {
                l.t(
                    " — chép lại từ các trang công khai; địa chỉ từng nguồn ở bản đầy đủ",
                    " — transcribed from public pages; each source's address in the full view",
                )
            } else {
                ""
            };
            format!(
                "{} {}, {}{copied}",
                l.t("Nguồn:", "Source:"),
                l.pick(&d.publisher),
                d.edition
            )
        })
    };
    let full = move || full_view_url(app, &app.view.get());
    let show_weights = Memo::new(move |_| {
        let wanted = app.view.with(|v| v.controls)
            && matches!(kind.get(), View::Ranking | View::Compare | View::Unit);
        wanted
            && app
                .dataset()
                .zip(app.group_id())
                .is_some_and(|(d, g)| can_reweight(&d, &g))
    });
    let other_lang = move || match lang() {
        Lang::Vi => Lang::En,
        Lang::En => Lang::Vi,
    };

    let body = move || {
        match ready.get() {
        0 => view! {
            <p class="loading" role="status" aria-busy="true">
                <span class="spinner" aria-hidden="true"></span>
                {move || lang().t("Đang tải dữ liệu…", "Loading data…")}
            </p>
        }
        .into_any(),
        2 => view! {
            <section class="error" role="alert">
                <h1>{move || lang().t("Không mở được dữ liệu", "The data could not be opened")}</h1>
                <p>{move || lang().t(
                    "Mở bản đầy đủ để xem chi tiết lỗi.",
                    "Open the full view for the details.",
                )}</p>
            </section>
        }
        .into_any(),
        _ => view! {
            <header class="embed-head">
                <h1 class="embed-title">{title}</h1>
                <p class="embed-group">{group}</p>
                {move || note().map(|n| view! { <p class="unverified" role="note">{n}</p> })}
            </header>
            <Show when=move || show_weights.get()>
                <details class="embed-weights">
                    <summary>{move || lang().t("Điều chỉnh trọng số", "Adjust the weights")}</summary>
                    <WeightsPanel compact=true/>
                </details>
            </Show>
            <div class="embed-main">
                <Show when=move || kind.get() != embedded>
                    <button type="button" class="btn embed-back" on:click=move |_| back()>{back_label}</button>
                </Show>
                {move || match kind.get() {
                    // With controls=0 the sliders stay out, whichever view was embedded.
                    View::Weights if app.view.with_untracked(|v| v.controls) => view! { <WeightsView/> }.into_any(),
                    View::Weights => view! { <RankingView/> }.into_any(),
                    View::Compare => lazy::compare(),
                    View::Unit => lazy::profile(),
                    View::Robustness => lazy::robustness(),
                    View::Method => lazy::method(),
                    // Importing data makes no sense inside an article: show the ranking.
                    View::Ranking | View::Import => view! { <RankingView/> }.into_any(),
                }}
            </div>
        }
        .into_any(),
    }
    };

    view! {
        <div class="embed-view" node_ref=root>
            {body}
            <footer class="embed-foot">
                <p class="embed-source">{source}</p>
                <div class="embed-links">
                    <button type="button" class="embed-lang"
                        lang=move || other_lang().code()
                        on:click=move |_| {
                            let l = other_lang();
                            app.update(|v| v.lang = l);
                        }
                    >{move || lang().t("English", "Tiếng Việt")}</button>
                    <a class="embed-full" href=full target="_blank" rel="noopener">
                        {move || lang().t("Mở bản đầy đủ", "Open the full view")}
                        <span class="sr-only">{move || lang().t(" (mở trong thẻ mới)", " (opens in a new tab)")}</span>
                        <span aria-hidden="true">" ↗"</span>
                    </a>
                </div>
            </footer>
        </div>
    }
}

/// Escapes text for an HTML attribute value in double quotes (or element text).
fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// A first height for the frame before it reports its own, so the article does not jump much.
fn initial_height(rows: usize, controls: bool) -> u32 {
    let base = if controls { 220 } else { 180 };
    match rows {
        1..=30 => base + 37 * rows as u32,
        _ => 720,
    }
}

/// The address of the loader next to this page.
fn loader_url() -> String {
    let href = window().location().href().unwrap_or_default();
    web_sys::Url::new_with_base("embed.js", &href)
        .map(|u| u.href())
        .unwrap_or_else(|_| "embed.js".into())
}

/// The "Embed" panel of the full app: embed options and both snippets (plain iframe, loader) for
/// the current state. The full app shows it behind its own "Embed" button.
#[component]
pub fn EmbedSnippets() -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    let theme = RwSignal::new(Theme::Auto);
    let rows = RwSignal::new(0usize);
    let controls = RwSignal::new(true);

    let embed_state = move || {
        let mut v = app.view.get();
        v.embed = true;
        v.theme = theme.get();
        v.rows = rows.get();
        v.controls = controls.get();
        v
    };
    let frame_title = move || {
        let t = app
            .dataset()
            .map(|d| lang().pick(&d.title).to_string())
            .unwrap_or_default();
        if t.is_empty() {
            "Xếp Hạng".to_string()
        } else {
            format!("Xếp Hạng — {t}")
        }
    };
    let height = move || initial_height(rows.get(), controls.get());
    let iframe_snippet = Signal::derive(move || {
        let src = state::url_of(app, &embed_state());
        format!(
            "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{}\" loading=\"lazy\" \
             style=\"border:0\" referrerpolicy=\"no-referrer\" \
             sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox\"></iframe>",
            html_escape(&src),
            html_escape(&frame_title()),
            height()
        )
    });
    let loader_snippet = Signal::derive(move || {
        let mut v = embed_state();
        // The loader adds embed=1 (and the frame id) itself.
        v.embed = false;
        let src = state::url_of(app, &v);
        let full = full_view_url(app, &app.view.get());
        format!(
            "<div data-xephang-src=\"{}\" data-xephang-title=\"{}\" data-xephang-height=\"{}\">\
             <a href=\"{}\">{}</a></div>\n<script src=\"{}\" async></script>",
            html_escape(&src),
            html_escape(&frame_title()),
            height(),
            html_escape(&full),
            html_escape(&frame_title()),
            html_escape(&loader_url())
        )
    });

    view! {
        <section class="panel embed-panel" aria-labelledby="embed-panel-h">
            <h2 id="embed-panel-h">{move || lang().t("Nhúng vào bài viết", "Embed in an article")}</h2>
            <p class="muted">{move || lang().t(
                "Khung nhúng hiện đúng trạng thái đang xem, không đặt cookie và không lưu gì. Mã kèm embed.js tự điều chỉnh chiều cao theo nội dung; mã iframe có chiều cao cố định.",
                "The frame shows the current state, sets no cookie and stores nothing. The code with embed.js sizes the frame to its content; the iframe code has a fixed height.",
            )}</p>
            <div class="picker-row">
                <label>
                    <span>{move || lang().t("Giao diện", "Theme")}</span>
                    <select on:change=move |ev| theme.set(match event_target_value(&ev).as_str() {
                        "light" => Theme::Light,
                        "dark" => Theme::Dark,
                        _ => Theme::Auto,
                    })>
                        <option value="auto" selected=move || theme.get() == Theme::Auto>
                            {move || lang().t("Theo máy người đọc", "Follow the reader's system")}</option>
                        <option value="light" selected=move || theme.get() == Theme::Light>
                            {move || lang().t("Sáng", "Light")}</option>
                        <option value="dark" selected=move || theme.get() == Theme::Dark>
                            {move || lang().t("Tối", "Dark")}</option>
                    </select>
                </label>
                <label>
                    <span>{move || lang().t("Số dòng (0 = tất cả)", "Rows (0 = all)")}</span>
                    <input type="number" min="0" max="10000" step="1"
                        prop:value=move || rows.get().to_string()
                        on:input=move |ev| rows.set(
                            event_target_value(&ev).trim().parse::<usize>().unwrap_or(0).min(10_000))/>
                </label>
                <label class="check">
                    <input type="checkbox" prop:checked=move || controls.get()
                        on:change=move |ev| controls.set(event_target_checked(&ev))/>
                    <span>{move || lang().t("Cho phép chỉnh trọng số", "Let readers adjust the weights")}</span>
                </label>
            </div>
            <SnippetBox id="embed-iframe"
                label=Signal::derive(move || lang().t(
                    "Mã nhúng iframe (dán vào HTML của bài viết; chiều cao cố định, sửa height nếu cần)",
                    "Iframe code (paste into the article's HTML; fixed height, change height if needed)").to_string())
                text=iframe_snippet/>
            <SnippetBox id="embed-loader"
                label=Signal::derive(move || lang().t(
                    "Mã nhúng kèm embed.js (tự điều chỉnh chiều cao)",
                    "Code with embed.js (resizes itself)").to_string())
                text=loader_snippet/>
        </section>
    }
}

/// A labelled read-only snippet with a copy button.
#[component]
fn SnippetBox(id: &'static str, label: Signal<String>, text: Signal<String>) -> impl IntoView {
    let app = use_app();
    let area = NodeRef::<leptos::html::Textarea>::new();
    let status = RwSignal::new(String::new());
    // A "copied" note is stale once the snippet changes.
    Effect::new(move |_| {
        text.track();
        status.set(String::new());
    });
    let select_all = move || {
        if let Some(a) = area.get() {
            let _ = a.focus();
            a.select();
        }
    };
    let fallback = move || {
        select_all();
        status.set(
            app.lang()
                .t(
                    "Đã chọn mã — nhấn Ctrl+C (⌘C) để chép.",
                    "The code is selected — press Ctrl+C (⌘C) to copy it.",
                )
                .to_string(),
        );
    };
    let copy = move |_| {
        let value = text.get_untracked();
        let nav = window().navigator();
        let has_clipboard = js_sys::Reflect::get(&nav, &JsValue::from_str("clipboard"))
            .map(|c| !c.is_undefined() && !c.is_null())
            .unwrap_or(false);
        if !has_clipboard {
            fallback();
            return;
        }
        let promise = nav.clipboard().write_text(&value);
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => status.set(app.lang().t("Đã chép.", "Copied.").to_string()),
                Err(_) => fallback(),
            }
        });
    };
    view! {
        <div class="snippet">
            <label for=id>{move || label.get()}</label>
            <textarea id=id node_ref=area readonly rows="4" spellcheck="false"
                prop:value=move || text.get()
                on:focus=move |_| {
                    if let Some(a) = area.get() {
                        a.select();
                    }
                }
            ></textarea>
            <div class="snippet-actions">
                <button type="button" class="btn" on:click=copy
                    aria-describedby=format!("{id}-status")>
                    {move || app.lang().t("Chép mã", "Copy code")}
                </button>
                <span id=format!("{id}-status") class="muted" role="status">{move || status.get()}</span>
            </div>
        </div>
    }
}
