//! "Import data": paste a table or drop a .csv/.tsv/.json file, check the guessed column
//! mapping in a preview, see every problem next to its row and column, then use the table as
//! the current dataset (marked "supplied by the user — not verified"). Export it as a dataset
//! file, share it inside a link (`#ds=…`), or keep it in this browser on request.
//!
//! Nothing leaves the browser: parsing, matching and validation are the engine's
//! ([`crate::engine::table`], [`crate::engine::registry`], [`crate::engine::share`]).

use super::dom;
use super::load::{self, LoadError};
use super::query::ViewState;
use super::state::{use_app, AppState, Loadable, Origin};
use crate::engine::dataset::{Dataset, MAX_BYTES as DATASET_MAX_BYTES};
use crate::engine::share;
use crate::engine::table::{self, CellProblem, Mapping, Role, Table, GROUPS, KNOWN};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The localStorage key of a table the user asked to keep.
const STORAGE_KEY: &str = "xephang.kept-dataset";
/// Above this size a typed change waits for a pause before the preview is rebuilt. A rebuild
/// re-renders the preview: in headless Chromium here it took 60 ms for 63 rows (3 KB), 140 ms
/// for 500 (28 KB) and 430 ms for 2,000 rows with a problem in every row; a key held up that
/// long per press makes typing lag behind.
const LIVE_BYTES: usize = 8 * 1024;

/// Rows shown in the preview (problems of every row are listed below it).
const PREVIEW_ROWS: usize = 200;

thread_local! {
    /// The paste and the user's choices, so switching views and back keeps them.
    static LAST: RefCell<Option<Saved>> = const { RefCell::new(None) };
}

#[derive(Clone)]
struct Saved {
    text: String,
    roles: Vec<Role>,
    divide: Vec<bool>,
    header: Vec<String>,
    title: String,
    edition: i32,
    group: String,
    /// Cells fixed in the preview, and "leave out the rows with problems": lost with the view
    /// before, so a fix typed, a look at the ranking, and back, undid it.
    edits: HashMap<(usize, usize), String>,
    leave_out: bool,
}

/// The dataset carried in a `ds=…` fragment (see `lazy::shared_fragment`): the validated
/// dataset or why it cannot be used (shown like any load error). Called once at start-up,
/// before loading the default dataset; the result is shown as `Origin::User`.
pub fn decode_fragment(fragment: &str) -> Result<Dataset, LoadError> {
    share::decode(fragment).map_err(|e| match e {
        share::ShareError::Invalid { problems } => LoadError::Invalid {
            file: "#ds=…".to_string(),
            problems,
        },
        other => LoadError::BrokenLink {
            message: other.text(),
        },
    })
}

fn role_code(r: &Role) -> String {
    match r {
        Role::Ignore => "ignore".into(),
        Role::Name => "name".into(),
        Role::Rank => "rank".into(),
        Role::Index => "index".into(),
        Role::Category(id) => format!("c:{id}"),
    }
}

/// Whether a column in this role offers "divide by 100": scores (a category, the index) and
/// the values of "rank (value)" cells; not ranks alone, which are not on a 0..100 scale.
fn divisible(role: Option<&Role>, rank_values: bool) -> bool {
    match role {
        Some(Role::Category(_) | Role::Index) => true,
        Some(Role::Rank) => rank_values,
        _ => false,
    }
}

fn role_from_code(s: &str) -> Role {
    match s {
        "name" => Role::Name,
        "rank" => Role::Rank,
        "index" => Role::Index,
        _ => match s.strip_prefix("c:") {
            Some(id) => Role::Category(id.to_string()),
            None => Role::Ignore,
        },
    }
}

/// What the head of a downloaded ranking says to rank it under: its weights, in the order of
/// `ds`'s categories, and whether it used the geometric mean and renormalised missing data.
fn export_view(
    parsed: Memo<Option<Result<Table, CellProblem>>>,
    ds: &Dataset,
) -> Option<(Vec<f64>, bool, bool)> {
    parsed.with_untracked(|p| match p {
        Some(Ok(t)) => t
            .export
            .weights_for(ds.categories.iter().map(|c| c.id.as_str()))
            .map(|w| (w, t.export.geometric, t.export.renormalize)),
        _ => None,
    })
}

/// Shows the table in the ranking, with the page's address carrying it (`#ds=…`): a reload,
/// "copy link" and the embed code keep it.
fn use_dataset(app: AppState, ds: Dataset) {
    let fragment = share::encode(&ds).ok();
    super::state::show_user_table(app, ds, fragment);
    // The button is gone with this view: the focus goes to the table's title.
    dom::focus_when_shown("h1.title");
}

/// Why a file's text (decoded as UTF-8) is not a table to read, if it is not: a spreadsheet
/// (a zip archive: .xlsx, .ods) or text in another encoding (bytes that are not UTF-8 decode to
/// U+FFFD).
fn not_a_text_table(content: &str, l: super::i18n::Lang) -> Option<&'static str> {
    if content.trim_start_matches('\u{feff}').trim().is_empty() {
        Some(l.t(
            "tệp trống, không có dòng nào để đọc.",
            "the file is empty: there is nothing to read.",
        ))
    } else if content.starts_with("PK\u{3}\u{4}") {
        Some(l.t(
            "đây là tệp bảng tính (Excel, .xlsx), không phải bảng dạng chữ. Hãy lưu dưới dạng “CSV UTF-8”, hoặc chọn các ô trong bảng tính, sao chép và dán vào ô bên dưới.",
            "this is a spreadsheet file (Excel, .xlsx), not a text table. Save it as “CSV UTF-8”, or select the cells in the spreadsheet, copy them and paste them into the box below.",
        ))
    } else if content.contains('\0')
        && (content.starts_with("\u{fffd}\u{fffd}")
            || content.matches('\0').count() * 3 >= content.chars().count())
    {
        // Excel's "Unicode Text" is UTF-16: its byte-order mark decodes as two U+FFFD, and
        // about every other byte of a table's text is NUL. Not a binary file: the encoding's
        // advice.
        Some(l.t(
            "tệp ở mã UTF-16 (Excel gọi là “Unicode Text”), không phải UTF-8. Trong Excel hãy lưu dưới dạng “CSV UTF-8 (Comma delimited)”, hoặc sao chép các ô và dán vào ô bên dưới.",
            "the file is in UTF-16 (Excel's “Unicode Text”), not UTF-8. In Excel save it as “CSV UTF-8 (Comma delimited)”, or copy the cells and paste them into the box below.",
        ))
    } else if content.starts_with("%PDF-") || content.contains('\0') {
        // An image, a PDF, a word processor's file: NUL bytes never occur in a text table.
        Some(l.t(
            "đây không phải bảng dạng chữ (có vẻ là ảnh, tệp PDF hoặc tệp nhị phân khác). Hãy chọn tệp CSV hoặc TSV, hoặc sao chép các ô của bảng và dán vào ô bên dưới.",
            "this is not a text table (it looks like an image, a PDF or another binary file). Choose a CSV or TSV file, or copy the table's cells and paste them into the box below.",
        ))
    } else if content.contains('\u{fffd}') {
        Some(l.t(
            "tệp không ở mã UTF-8, nên tên có dấu sẽ bị hỏng. Trong Excel hãy lưu dưới dạng “CSV UTF-8 (Comma delimited)”, hoặc sao chép các ô và dán vào ô bên dưới.",
            "the file is not in UTF-8, so accented names would come out garbled. In Excel save it as “CSV UTF-8 (Comma delimited)”, or copy the cells and paste them into the box below.",
        ))
    } else {
        None
    }
}

/// A fix rebuilds the preview, and the input that had the focus (the one fixed, or the next
/// one, reached with Tab) is gone with it: the focus would fall back to the top of the page.
/// Once the preview is rebuilt, and only if nothing else took the focus meanwhile (a click
/// elsewhere), it goes to the first cell still to fix from the one fixed on (that one again if
/// its new value is still wrong), its text selected as Tab selects it, else to "use this
/// table".
fn refocus_after_fix(line: usize, col: usize) {
    set_timeout(
        move || {
            let doc = document();
            let lost = doc
                .active_element()
                .is_none_or(|e| e.tag_name().eq_ignore_ascii_case("body"));
            if !lost {
                return;
            }
            let Ok(inputs) = doc.query_selector_all("input.fix") else {
                return;
            };
            let at = |e: &web_sys::Element, k: &str| {
                e.get_attribute(k)
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(0)
            };
            let next = (0..inputs.length())
                .filter_map(|i| inputs.item(i))
                .filter_map(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
                .find(|e| (at(e, "data-line"), at(e, "data-col")) >= (line, col));
            if let Some(input) = next {
                let _ = input.focus();
                input.select();
            } else if let Some(button) = doc
                .get_element_by_id("import-use")
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = button.focus();
            }
        },
        std::time::Duration::ZERO,
    );
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

#[component]
pub fn ImportView() -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    let saved = LAST.with(|l| l.borrow().clone());
    let text = RwSignal::new(saved.as_ref().map(|s| s.text.clone()).unwrap_or_default());
    let roles = RwSignal::new(saved.as_ref().map(|s| s.roles.clone()).unwrap_or_default());
    let divide = RwSignal::new(saved.as_ref().map(|s| s.divide.clone()).unwrap_or_default());
    let guessed_for = StoredValue::new(saved.as_ref().map(|s| s.header.clone()));
    let title = RwSignal::new(saved.as_ref().map(|s| s.title.clone()).unwrap_or_default());
    let edition = RwSignal::new(saved.as_ref().map_or(2019, |s| s.edition));
    let group = RwSignal::new(
        saved
            .as_ref()
            .map_or_else(|| "provinces".to_string(), |s| s.group.clone()),
    );
    let leave_out = RwSignal::new(saved.as_ref().is_some_and(|s| s.leave_out));
    // The paste box shows `text`, but what the reader typed or pasted is not written back into
    // it: copying a 5 MB paste back into the box made the browser lay it out a second time.
    let paste_box = NodeRef::<leptos::html::Textarea>::new();
    let from_box = StoredValue::new(false);
    Effect::new(move |_| {
        let Some(el) = paste_box.get() else { return };
        if from_box.get_value() {
            from_box.set_value(false);
            text.track();
        } else {
            text.with(|t| el.set_value(t));
        }
    });
    // Cells fixed in the preview, by (line of the paste, column). A new paste clears them.
    let edits: RwSignal<HashMap<(usize, usize), String>> =
        RwSignal::new(saved.as_ref().map(|s| s.edits.clone()).unwrap_or_default());
    Effect::new(move |first: Option<()>| {
        text.track();
        // Not on opening the view: the fixes kept from the last visit belong to this paste.
        if first.is_some() {
            edits.set(HashMap::new());
        }
    });
    let file_error = RwSignal::new(None::<String>);
    // The name of the file last chosen or dropped, shown beside the app's own file button.
    let file_name = RwSignal::new(None::<String>);
    let json_result = RwSignal::new(None::<Result<Dataset, LoadError>>);
    let share_link = RwSignal::new(None::<Result<String, String>>);
    let notice = RwSignal::new(String::new());
    let kept = RwSignal::new(
        local_storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .is_some(),
    );
    let dragging = RwSignal::new(false);
    // A typed change waiting for the typing to pause (see LIVE_BYTES), and its text. Should the
    // view close first, the text is kept for the next visit all the same.
    let pending = StoredValue::new(None::<(TimeoutHandle, String)>);
    on_cleanup(move || {
        if let Some((h, t)) = pending.try_update_value(Option::take).flatten() {
            h.clear();
            LAST.with(|l| {
                if let Some(s) = l.borrow_mut().as_mut() {
                    s.text = t;
                    s.edits.clear();
                }
            });
        }
    });

    let registry = Memo::new(move |_| app.registry.with(|r| r.clone()));
    // A dataset's JSON pasted in the box, read as a dataset once per change of the text (not
    // on every redraw of what shows it).
    let pasted_json =
        Memo::new(move |_| text.with(|t| looks_like_json(t).then(|| read_json(t, ""))));
    let parsed = Memo::new(move |_| {
        let t = text.get();
        if t.is_empty() || looks_like_json(&t) {
            None
        } else {
            Some(table::parse(&t).map(|mut table| {
                edits.with(|e| {
                    for row in &mut table.rows {
                        for (c, cell) in row.cells.iter_mut().enumerate() {
                            if let Some(v) = e.get(&(row.line, c)) {
                                cell.clone_from(v);
                            }
                        }
                    }
                });
                table
            }))
        }
    });
    // The roles last guessed (None: those shown are the reader's, or kept from a visit before).
    let last_guess = StoredValue::new(None::<Vec<Role>>);
    // A new header: guess the mapping again (the user's choices survive edits of the rows). The
    // same header, while the reader has changed no role: again if the rows now tell more (a
    // table typed in the box was guessed from its header alone, every column then left out).
    Effect::new(move |_| {
        let Some(Ok(t)) = parsed.get() else { return };
        let same_header = guessed_for.get_value().as_ref() == Some(&t.header)
            && roles.with_untracked(|r| r.len()) == t.columns();
        let untouched = || {
            roles.with_untracked(|r| last_guess.with_value(|l| l.as_ref() == Some(r)))
                && divide.with_untracked(|d| !d.contains(&true))
        };
        // Not guessed at all on every edit of a table whose roles the reader has set.
        if same_header && !untouched() {
            return;
        }
        let g = table::guess(&t);
        if same_header && last_guess.with_value(|l| l.as_ref() == Some(&g.roles)) {
            return;
        }
        last_guess.set_value(Some(g.roles.clone()));
        guessed_for.set_value(Some(t.header.clone()));
        let reg = registry.get_untracked();
        let names: Vec<&str> = match g.roles.iter().position(|r| *r == Role::Name) {
            Some(c) => t.rows.iter().map(|r| r.cells[c].as_str()).collect(),
            None => Vec::new(),
        };
        if let Some(s) = g.series {
            // A year the title line or the headers name says it; else the names' era.
            let year = table::year_named(t.export.title.as_deref(), &t.header);
            edition.set(year.unwrap_or_else(|| table::guess_edition(s, &names, reg.as_deref())));
        }
        if let (Some(reg), false) = (reg, names.is_empty()) {
            let matched = reg.match_names(&names, edition.get_untracked());
            group.set(table::guess_group(&matched, &reg).to_string());
        }
        // A ranking downloaded from this app: what its head says wins over the guesses (the
        // title only where none is typed yet).
        let head = &t.export;
        if let Some(e) = head.edition {
            edition.set(e);
        }
        if let Some(g) = &head.group {
            group.set(g.clone());
        }
        if let Some(ti) = head
            .title
            .clone()
            .filter(|_| title.with_untracked(String::is_empty))
        {
            title.set(ti);
        }
        divide.set(vec![false; t.columns()]);
        roles.set(g.roles);
    });
    let built = Memo::new(move |_| {
        let Some(Ok(t)) = parsed.get() else {
            return None;
        };
        let mapping = Mapping {
            roles: roles.get(),
            divide_by_100: divide.get(),
            title: title.get(),
            edition: edition.get(),
            group: group.get(),
            leave_out_problem_rows: leave_out.get(),
        };
        if mapping.roles.len() != t.columns() {
            return None;
        }
        let reg = registry.get();
        Some(table::build(&t, &mapping, reg.as_deref()))
    });
    // Remember the state for the next visit to this view.
    Effect::new(move |_| {
        let s = Saved {
            text: text.get(),
            roles: roles.get(),
            divide: divide.get(),
            header: guessed_for.get_value().unwrap_or_default(),
            title: title.get(),
            edition: edition.get(),
            group: group.get(),
            edits: edits.get(),
            leave_out: leave_out.get(),
        };
        LAST.with(|l| *l.borrow_mut() = Some(s));
    });

    // A file that cannot be read leaves the box as it was: said with the error, so that the
    // table still below is not taken for the file's.
    let refused = move |name: &str, why: &str| {
        let l = lang();
        let kept = text.with_untracked(|t| !t.is_empty()).then(|| {
            l.t(
                " Bảng bên dưới vẫn là bảng đã có từ trước, không phải của tệp này.",
                " The table below is still the one you had before, not this file's.",
            )
        });
        file_error.set(Some(format!("{name}: {why}{}", kept.unwrap_or_default())));
    };
    let read_file = move |file: web_sys::File| {
        let name = file.name();
        file_name.set(Some(name.clone()));
        let lower = name.to_lowercase();
        let is_json = lower.ends_with(".json");
        let limit = if is_json {
            DATASET_MAX_BYTES
        } else {
            table::MAX_BYTES
        };
        file_error.set(None);
        json_result.set(None);
        if file.size() > limit as f64 {
            let l = lang();
            let why = format!(
                "{} ({} {}; {} {} MiB).",
                l.t("tệp quá lớn", "the file is too large"),
                l.int(file.size() as usize),
                l.t("byte", "bytes"),
                l.t("giới hạn", "the limit is"),
                limit / (1024 * 1024)
            );
            refused(&name, &why);
            return;
        }
        leptos::task::spawn_local(async move {
            let content = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            let Some(content) = content.ok().and_then(|v| v.as_string()) else {
                refused(
                    &name,
                    lang().t("không đọc được tệp.", "the file cannot be read."),
                );
                return;
            };
            // A spreadsheet file, or a table not in UTF-8 (Excel's "CSV (Comma delimited)" is in
            // the Windows code page), would fill the box with garbled text that matches no name:
            // said instead, with the way out, and the box is left as it was.
            if let Some(why) = not_a_text_table(&content, lang()) {
                refused(&name, why);
                return;
            }
            if is_json {
                let read = read_json(&content, &name);
                // A dataset file takes the place of what was in the box, as a table's file does:
                // one thing to use, not the file's dataset beside the old paste's table.
                if read.is_ok() {
                    text.set(String::new());
                }
                json_result.set(Some(read));
            } else {
                text.set(content);
            }
        });
    };

    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(f) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            read_file(f);
        }
    };

    // The dataset the export/share/keep actions work on: the table above when it is usable,
    // else the current dataset if the user supplied it.
    let target = move || -> Option<Dataset> {
        if let Some(Some(b)) = built.with(|b| b.as_ref().map(|b| b.dataset.clone())) {
            return Some(b);
        }
        app.current.with(|c| match c {
            Loadable::Ready(c) if c.origin != Origin::Bundled => Some((*c.dataset).clone()),
            _ => None,
        })
    };

    let export = move |_| {
        let Some(ds) = target() else { return };
        let mut ds = ds;
        ds.coverage = ds.compute_coverage();
        let mut json = serde_json::to_string_pretty(&ds).unwrap_or_default();
        json.push('\n');
        let name = format!("{}.json", ds.id);
        match dom::download(&name, "application/json", &json) {
            Ok(()) => notice.set(format!(
                "{} {name}",
                lang().t("Đã xuất tệp", "Exported the file")
            )),
            Err(e) => notice.set(e),
        }
    };
    let make_link = move |_| {
        let Some(ds) = target() else { return };
        let l = lang();
        match share::encode(&ds) {
            Ok(fragment) => {
                // The table's own view: nothing of the dataset shown before (its weights,
                // filters, selection) but the language.
                let v = ViewState {
                    lang: l,
                    ..ViewState::default()
                };
                let url = super::state::address(&v, Some(&fragment));
                share_link.set(Some(Ok(url.clone())));
                leptos::task::spawn_local(async move {
                    let copied = dom::copy_text(&url).await;
                    notice.set(
                        if copied {
                            l.t("Đã sao chép đường liên kết.", "The link is copied.")
                        } else {
                            l.t(
                                "Hãy sao chép đường liên kết trong ô bên dưới.",
                                "Copy the link from the box below.",
                            )
                        }
                        .to_string(),
                    );
                });
            }
            Err(e) => {
                let t = e.text();
                share_link.set(Some(Err(if l == super::i18n::Lang::En {
                    t.en
                } else {
                    t.vi
                })));
            }
        }
    };
    let keep = move |_| {
        let Some(ds) = target() else { return };
        // Pretty, like the download: one serialiser for datasets in the bundle, not two.
        let json = serde_json::to_string_pretty(&ds).unwrap_or_default();
        let ok = local_storage().is_some_and(|s| s.set_item(STORAGE_KEY, &json).is_ok());
        kept.set(ok);
        notice.set(
            if ok {
                lang().t(
                    "Đã lưu bảng trong trình duyệt này.",
                    "The table is kept in this browser.",
                )
            } else {
                lang().t(
                    "Trình duyệt không cho lưu (bộ nhớ đầy hoặc bị chặn).",
                    "The browser refused to keep it (storage full or blocked).",
                )
            }
            .to_string(),
        );
    };
    let remove = move |_| {
        if let Some(s) = local_storage() {
            let _ = s.remove_item(STORAGE_KEY);
        }
        kept.set(false);
        // The button goes with the table: the focus to "Keep in this browser", beside it.
        dom::focus_when_shown(".import-buttons button:nth-child(3)");
        notice.set(
            lang()
                .t(
                    "Đã xoá bảng khỏi trình duyệt này.",
                    "The table is removed from this browser.",
                )
                .to_string(),
        );
    };
    let open_kept = move |_| {
        let Some(json) = local_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        else {
            return;
        };
        match load::parse(json.as_bytes(), "localStorage") {
            Ok(ds) => use_dataset(app, ds),
            Err(e) => json_result.set(Some(Err(e))),
        }
    };

    view! {
        <section class="import" aria-labelledby="import-h">
            <h2 id="import-h">{move || lang().t("Nhập dữ liệu của bạn", "Bring your own table")}</h2>
            <p class="import-privacy">{move || lang().t(
                "Dán một bảng (sao chép từ Excel, Google Sheets hoặc PDF) hoặc chọn tệp .csv, .tsv, .json. Mọi xử lý diễn ra trong trình duyệt; không có gì được gửi đi.",
                "Paste a table (copied from Excel, Google Sheets or a PDF) or choose a .csv, .tsv or .json file. Everything happens in your browser; nothing is sent anywhere.",
            )}</p>
            <div class="import-source" class:dragging=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                <label for="import-paste">{move || lang().t("Dán bảng vào đây (có dòng tiêu đề)", "Paste the table here (with its header row)")}</label>
                <textarea id="import-paste" rows="8" spellcheck="false" node_ref=paste_box
                    on:input=move |ev| {
                        json_result.set(None);
                        file_error.set(None);
                        let pasted = event_target_value(&ev);
                        if pasted.len() > paste_limit(&pasted) {
                            // Refused anyway (the message says why): empty the box now, before
                            // the browser lays out megabytes of text with the page frozen.
                            if let Some(el) = paste_box.get_untracked() {
                                el.set_value("");
                            }
                        }
                        from_box.set_value(true);
                        // A large table is parsed, matched and checked anew on each change, which
                        // takes a moment: typing in one waits for a pause, so keys are not held
                        // up one rebuild each. A paste or drop, and a small table, update at once.
                        if let Some((h, _)) = pending.try_update_value(Option::take).flatten() {
                            h.clear();
                        }
                        let kind = js_sys::Reflect::get(&ev, &"inputType".into())
                            .ok()
                            .and_then(|v| v.as_string())
                            .unwrap_or_default();
                        let typed = (kind.starts_with("insert") && !kind.starts_with("insertFrom"))
                            || (kind.starts_with("delete") && kind != "deleteByCut");
                        if !typed || pasted.len() < LIVE_BYTES {
                            text.set(pasted);
                        } else {
                            // The text waits in `pending` alone (a large paste, not twice).
                            let h = set_timeout_with_handle(
                                move || {
                                    if let Some((_, t)) = pending.try_update_value(Option::take).flatten() {
                                        text.try_set(t);
                                    }
                                },
                                std::time::Duration::from_millis(300),
                            );
                            match h {
                                Ok(h) => pending.set_value(Some((h, pasted))),
                                Err(_) => text.set(pasted),
                            }
                        }
                    }></textarea>
                // The browser's own file control writes "Choose File / No file chosen" in the
                // browser's language, whatever the page's: it is kept (focusable, for the keyboard
                // and for screen readers) but drawn as this button and the file's name.
                <p class="file-pick">
                    <span>{move || lang().t("Hoặc chọn tệp, hoặc thả tệp vào khung này:", "Or choose a file, or drop one on this box:")}</span>
                    " "
                    <input type="file" id="import-file" class="file-input" accept=".csv,.tsv,.txt,.json,text/csv,text/tab-separated-values,application/json"
                        on:change=move |ev| {
                            let input: web_sys::HtmlInputElement = event_target(&ev);
                            if let Some(f) = input.files().and_then(|f| f.get(0)) {
                                read_file(f);
                            }
                        }/>
                    <label for="import-file" class="btn">{move || lang().t("Chọn tệp…", "Choose a file…")}</label>
                    " "
                    <span class="file-name muted">{move || file_name.get().unwrap_or_else(|| lang().t("Chưa chọn tệp", "No file chosen").to_string())}</span>
                </p>
            </div>
            {move || file_error.get().map(|e| view! { <p class="import-error" role="alert">{e}</p> })}
            // A dataset chosen as a file, or pasted as JSON text (read as a dataset, not as a
            // table whose first "column" would be `{"format": …`).
            {move || json_result.get().or_else(|| pasted_json.get()).map(|r| match r {
                Ok(ds) => {
                    let l = lang();
                    let summary = format!("{} — {} {}", l.pick(&ds.title), ds.units.len(), l.t("đơn vị", "units"));
                    view! {
                        <div class="import-json">
                            <p>{summary}</p>
                            <button type="button" class="btn primary" on:click=move |_| use_dataset(app, ds.clone())>
                                {l.t("Dùng bộ dữ liệu này", "Use this dataset")}
                            </button>
                        </div>
                    }.into_any()
                }
                Err(e) => view! { <JsonError error=e/> }.into_any(),
            })}
            {move || match parsed.get() {
                None => ().into_any(),
                Some(Err(p)) => view! {
                    <p class="import-error" role="alert">{p.describe(lang() == super::i18n::Lang::En)}</p>
                }.into_any(),
                Some(Ok(t)) => view! {
                    <Preview table=t roles=roles divide=divide title=title edition=edition group=group
                        leave_out=leave_out built=built edits=edits/>
                }.into_any(),
            }}
            <div class="import-use">
                <button type="button" class="btn primary" id="import-use"
                    aria-describedby=move || text.with(String::is_empty).then_some("import-use-why")
                    disabled=move || !built.with(|b| b.as_ref().is_some_and(|b| b.dataset.is_some()))
                    on:click=move |_| {
                        if let Some(Some(ds)) = built.with_untracked(|b| b.as_ref().map(|b| b.dataset.clone())) {
                            let view = export_view(parsed, &ds);
                            use_dataset(app, ds);
                            // Its ranking as downloaded: under the weights and options it was
                            // made with.
                            if let Some((w, geometric, renormalize)) = view {
                                app.update(|v| {
                                    v.weights = Some(w);
                                    v.geometric = geometric;
                                    v.renormalize = renormalize;
                                });
                            }
                        }
                    }>
                    {move || lang().t("Dùng bảng này", "Use this table")}
                </button>
                // Why the button cannot be used yet, before anything is pasted (problems in a
                // paste are listed with the preview).
                {move || text.with(String::is_empty).then(|| view! {
                    <span class="hint use-why" id="import-use-why">{lang().t(" Dán hoặc chọn một bảng ở trên trước.", " Paste or choose a table above first.")}</span>
                })}
                {move || {
                    let b = built.get()?;
                    let ds = b.dataset.as_ref()?;
                    let (w, _, _) = export_view(parsed, ds)?;
                    let l = lang();
                    let list: Vec<String> = ds.categories.iter().zip(&w)
                        .map(|(c, w)| format!("{} {}", l.pick(&c.name), l.num(*w, if w.fract() == 0.0 { 0 } else { 2 })))
                        .collect();
                    Some(view! { <p class="hint export-weights">{format!("{} {}.", l.t(
                        "Bảng xếp hạng tải từ ứng dụng này: tiêu đề, nhóm, năm và trọng số được lấy lại từ các dòng chú thích đầu tệp. Trọng số:",
                        "A ranking downloaded from this app: its title, group, edition and weights are taken from the comment lines at its head. Weights:",
                    ), list.join("; "))}</p> })
                }}
            </div>
            <section class="import-actions" aria-labelledby="import-actions-h">
                <h3 id="import-actions-h">{move || lang().t("Xuất, chia sẻ, lưu", "Export, share, keep")}</h3>
                <p class="hint">{move || lang().t(
                    "Áp dụng cho bảng ở trên, hoặc cho bộ dữ liệu bạn đang dùng nếu nó do bạn cung cấp.",
                    "For the table above, or for the dataset in use if you supplied it.",
                )}</p>
                <div class="import-buttons">
                    <button type="button" class="btn" on:click=export disabled=move || target().is_none()>
                        {move || lang().t("Xuất tệp dữ liệu (.json)", "Export dataset file (.json)")}</button>
                    <button type="button" class="btn" on:click=make_link disabled=move || target().is_none()>
                        {move || lang().t("Sao chép đường liên kết chia sẻ", "Copy share link")}</button>
                    <button type="button" class="btn" on:click=keep disabled=move || target().is_none()>
                        {move || lang().t("Lưu trong trình duyệt này", "Keep in this browser")}</button>
                    <Show when=move || kept.get()>
                        <button type="button" class="btn" on:click=open_kept>
                            {move || lang().t("Mở bảng đã lưu", "Open the kept table")}</button>
                        <button type="button" class="btn" on:click=remove>
                            {move || lang().t("Xoá bảng đã lưu", "Remove the kept table")}</button>
                    </Show>
                </div>
                {move || share_link.get().map(|r| match r {
                    Ok(url) => view! {
                        <label class="share-link">
                            <span>{lang().t("Đường liên kết (dữ liệu nằm trong đường liên kết, sau dấu #)", "Link (the data is inside the link, after the #)")}</span>
                            <input type="text" readonly id="import-share-link" prop:value=url/>
                        </label>
                    }.into_any(),
                    Err(m) => view! { <p class="import-error" role="alert">{m}</p> }.into_any(),
                })}
                <p class="import-notice" role="status">{move || notice.get()}</p>
            </section>
        </section>
    }
}

/// A dataset's JSON, pasted or chosen: `load::parse`, but the app's own ranking export (JSON),
/// which is not a dataset, is named as such with what to bring instead, rather than given a
/// problem for each of its fields. (Here, not in the checker, which is in the page's first
/// load: the export is brought to the import, not linked with `?data=`.)
fn read_json(text: &str, file: &str) -> Result<Dataset, LoadError> {
    // JSON that is not a dataset, named for what it is, with what to bring instead.
    let refuse = |vi: &str, en: &str| {
        Err(LoadError::Invalid {
            file: file.to_string(),
            problems: vec![crate::engine::validate::Problem::new("", vi, en)],
        })
    };
    // A list of records (pandas' `to_json(orient="records")`, an API's answer): a table, but
    // not one this box reads as JSON. Told so, with the way in, rather than as a dataset file
    // that "needs an object but found an array".
    if json_start(text).starts_with('[') {
        return refuse(
            "Đây là một danh sách JSON (như các bản ghi mà pandas hay một API xuất ra), không phải tệp bộ dữ liệu: hãy dán bảng ở dạng CSV hoặc TSV (hoặc sao chép các ô từ bảng tính), mỗi đơn vị một dòng.",
            "This is a JSON list (records such as pandas or an API write), not a dataset file: paste the table as CSV or TSV instead (or copy the cells from a spreadsheet), one unit per row.",
        );
    }
    let key = |k: &str| text.contains(&format!("\"{k}\":"));
    if key("ranked") && key("not_ranked") && !key("units") {
        return refuse(
            "Đây là bảng xếp hạng xuất ra (JSON), không phải bộ dữ liệu: hãy dùng tệp CSV của nó, hoặc một tệp dữ liệu (.json).",
            "This is an exported ranking (JSON), not a dataset: use its CSV file instead, or a dataset file (.json).",
        );
    }
    // A file brought here is checked for what the page's loader leaves out too.
    consistent(load::parse(text.as_bytes(), file)?, file)
}

/// `ds`, or why it disagrees with itself (`validate::consistency`: a rank that contradicts the
/// index): the checks the page's loader of bundled files leaves out, run on a file brought in
/// and one a link's `?data=` fetched (`lazy::checked_external`).
pub fn consistent(ds: Dataset, file: &str) -> Result<Dataset, LoadError> {
    let problems = crate::engine::validate::consistency(&ds);
    if problems.is_empty() {
        Ok(ds)
    } else {
        Err(LoadError::Invalid {
            file: file.to_string(),
            problems,
        })
    }
}

/// Whether a paste is JSON (a dataset file's text) rather than a table: it opens an object or
/// an array (not a dataset, which the checker then says), after any byte-order mark. Read as a
/// dataset file is, within a file's size limit ([`paste_limit`]), whose message is the file's.
fn looks_like_json(text: &str) -> bool {
    let t = json_start(text);
    t.starts_with('{') || t.starts_with('[')
}

/// A paste from its first character of JSON on: after any byte-order mark and white space.
fn json_start(text: &str) -> &str {
    text.trim_start_matches('\u{feff}').trim_start()
}

/// The largest paste kept in the box: a dataset's JSON may be as large as a `.json` file.
fn paste_limit(text: &str) -> usize {
    if looks_like_json(text) {
        DATASET_MAX_BYTES
    } else {
        table::MAX_BYTES
    }
}

/// Why a chosen `.json` file cannot be used: `load::parse`'s syntax error, or every problem of
/// the dataset with its path, in the page's language (redrawn when it changes).
#[component]
fn JsonError(error: LoadError) -> impl IntoView {
    let app = use_app();
    let file = error.file().to_string();
    move || {
        let l = app.lang();
        let (what, problems) = match &error {
            LoadError::Malformed { detail, .. } => (l.pick(detail).to_string(), Vec::new()),
            LoadError::Invalid { problems, .. } => (
                l.t(
                    "Tệp không đúng định dạng xephang-dataset/1:",
                    "The file is not a valid xephang-dataset/1 dataset:",
                )
                .to_string(),
                load::problem_lines(problems, l),
            ),
            // `load::parse` gives no other error; should one come, it is not shown as code.
            _ => (
                l.t("Không đọc được tệp", "The file cannot be read")
                    .to_string(),
                Vec::new(),
            ),
        };
        view! {
            <div class="import-error" role="alert">
                // A file by its name; a paste (no name) as what it is.
                <p>{if file.is_empty() {
                    view! { {l.t("Văn bản đã dán", "The pasted text")}": " }.into_any()
                } else {
                    view! { <code>{file.clone()}</code>": " }.into_any()
                }}{what}</p>
                <ul>{problems.into_iter().map(|p| view! { <li><code>{p}</code></li> }).collect_view()}</ul>
            </div>
        }
    }
}

#[component]
#[allow(clippy::too_many_arguments)]
fn Preview(
    table: Table,
    roles: RwSignal<Vec<Role>>,
    divide: RwSignal<Vec<bool>>,
    title: RwSignal<String>,
    edition: RwSignal<i32>,
    group: RwSignal<String>,
    leave_out: RwSignal<bool>,
    built: Memo<Option<table::Built>>,
    edits: RwSignal<HashMap<(usize, usize), String>>,
) -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    let en = move || lang() == super::i18n::Lang::En;
    let table = Arc::new(table);
    let guessed = table::guess(&table);
    let percent_like = guessed.percent_like;
    // The columns left out for repeating the header of a column the guess gave a role: which.
    // (A repeated title over text the guess leaves out anyway is not said to be the reason.)
    let repeats: Vec<Option<usize>> = (0..table.columns())
        .map(|c| {
            table::repeated_header(&table, c)
                .filter(|&f| guessed.roles.get(f).is_some_and(|r| *r != Role::Ignore))
        })
        .collect();
    let ncols = table.columns();

    // Problems by (line, column) and by line, for marking cells and rows.
    let problems =
        move || built.with(|b| b.as_ref().map(|b| b.problems.clone()).unwrap_or_default());
    let general = move || {
        problems()
            .into_iter()
            .filter(|p| p.line.is_none())
            .collect::<Vec<CellProblem>>()
    };
    let row_problem_lines = move || {
        let mut lines: Vec<usize> = problems().iter().filter_map(|p| p.line).collect();
        lines.dedup();
        lines
    };

    let table_for_options = table.clone();
    let options = move |c: usize| {
        let l = lang();
        let header = table_title(&table_for_options, c);
        let mut opts: Vec<(String, String)> = vec![
            ("ignore".into(), l.t("— bỏ qua —", "— ignore —").into()),
            ("name".into(), l.t("Tên đơn vị", "Unit name").into()),
            (
                "rank".into(),
                l.t("Xếp hạng chính thức", "Official rank").into(),
            ),
            (
                "index".into(),
                l.t("Chỉ số chính thức", "Official index").into(),
            ),
        ];
        for k in KNOWN.iter() {
            // The series as the rest of the page names it: "Vietnam ICT Index" is another index.
            let series = if k.series == "dti" {
                "DTI"
            } else {
                l.t("Ứng dụng CNTT", "IT use")
            };
            opts.push((
                format!("c:{}", k.id),
                format!("{series}: {}", l.t(k.vi, k.en)),
            ));
        }
        // The id the guess gives such a column (`table::own_category`), so that a guessed new
        // category is one of the choices shown.
        if let Some(own) = table::own_category(&table_for_options, c) {
            if table::known(&own).is_none() {
                opts.push((
                    format!("c:{own}"),
                    format!("{}: {header}", l.t("Chỉ số mới", "New category")),
                ));
            }
        }
        opts
    };
    let table_for_head = table.clone();
    let options = StoredValue::new(options);

    // How many rows were read, and with how many problems: shown above the preview, and said
    // to screen readers when a table is read (the preview appears silently otherwise).
    let table_for_summary = table.clone();
    let summary = move || {
        let l = lang();
        let rows = table_for_summary.rows.len();
        let bad = row_problem_lines().len();
        let shown = rows.min(PREVIEW_ROWS);
        let mut s = format!(
            "{rows} {}",
            if rows == 1 {
                l.t("dòng dữ liệu", "data row")
            } else {
                l.t("dòng dữ liệu", "data rows")
            }
        );
        if bad > 0 {
            s.push_str(&format!(", {bad} {}", l.t("dòng có lỗi", "with problems")));
        }
        if shown < rows {
            s.push_str(&format!(" ({} {shown})", l.t("xem trước", "preview of")));
        }
        s
    };
    let said = summary.clone();
    // Said once the table stops changing: typing (a table under 8 KB is read at each key) or
    // an edited cell builds the preview anew, which cancels the message of the one before; and
    // only when it says something new (a repeat would be said again, `AppState::say`).
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let said = said.clone();
        let h = set_timeout_with_handle(
            move || {
                app.say_if_new(untrack(&said));
            },
            std::time::Duration::from_millis(800),
        )
        .ok();
        timer.set_value(h);
    });
    on_cleanup(move || dom::cancel_timer(timer));

    view! {
        <fieldset class="import-meta">
            <legend>{move || lang().t("Về bảng này", "About this table")}</legend>
            <label><span>{move || lang().t("Tiêu đề", "Title")}</span>
                <input type="text" id="import-title" prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev))/></label>
            <label><span>{move || lang().t("Năm (kỳ đánh giá)", "Edition (year)")}</span>
                <input type="number" id="import-edition" min="1900" max="2200" prop:value=move || edition.get().to_string()
                    on:input=move |ev| edition.set(event_target_value(&ev).trim().parse().unwrap_or(0))/></label>
            <label><span>{move || lang().t("Nhóm", "Group")}</span>
                <select id="import-group" on:change=move |ev| group.set(event_target_value(&ev))>
                    {move || GROUPS.iter().map(|(id, vi, en_name)| {
                        let selected = group.get() == *id;
                        view! { <option value=*id selected=selected>{lang().t(vi, en_name)}</option> }
                    }).collect_view()}
                </select></label>
        </fieldset>
        <ul class="import-problems-general" role="alert">
            {move || general().into_iter().map(|p| view! { <li>{p.describe(en())}</li> }).collect_view()}
        </ul>
        <p class="import-summary" role="status">{summary}</p>
        <Show when=move || !row_problem_lines().is_empty()>
            <label class="leave-out">
                <input type="checkbox" id="import-leave-out" prop:checked=move || leave_out.get()
                    on:change=move |ev| leave_out.set(event_target_checked(&ev))/>
                {move || format!("{} ({})",
                    lang().t("Bỏ các dòng có lỗi", "Leave out the rows with problems"),
                    row_problem_lines().len())}
            </label>
        </Show>
        <div class="import-preview">
            <table class="import-table">
                <caption class="sr-only">{move || lang().t("Xem trước bảng và vai trò của từng cột", "Preview of the table and the role of each column")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || lang().t("Dòng", "Row")}</th>
                        {(0..ncols).map(|c| {
                            let header = table_title(&table_for_head, c);
                            let pl = percent_like.get(c).copied().unwrap_or(false);
                            let rank_values = table::has_rank_values(&table_for_head, c);
                            let repeats = repeats.get(c).copied().flatten();
                            let header2 = header.clone();
                            view! {
                                <th scope="col">
                                    <span class="col-title">{header.clone()}</span>
                                    <select class="col-role" aria-describedby=move || (repeats.is_some() && roles.with(|r| r.get(c) == Some(&Role::Ignore))).then(|| format!("col-note-{c}")) aria-label=move || format!("{} “{}”", lang().t("Vai trò của cột", "Role of column"), header2)
                                        on:change=move |ev| {
                                            let r = role_from_code(&event_target_value(&ev));
                                            // A box no longer shown divides nothing.
                                            if !divisible(Some(&r), rank_values) {
                                                divide.update(|d| if let Some(x) = d.get_mut(c) { *x = false; });
                                            }
                                            roles.update(|rs| if let Some(x) = rs.get_mut(c) { *x = r; });
                                        }>
                                        {move || {
                                            let current = roles.with(|r| r.get(c).map(role_code)).unwrap_or_default();
                                            options.with_value(|o| o(c)).into_iter().map(|(code, label)| {
                                                let selected = code == current;
                                                view! { <option value=code selected=selected>{label}</option> }
                                            }).collect_view()
                                        }}
                                    </select>
                                    {repeats.map(|first| view! {
                                        <Show when=move || roles.with(|r| r.get(c) == Some(&Role::Ignore))>
                                            <span class="col-note" id=format!("col-note-{c}")>{move || {
                                                let l = lang();
                                                format!("{} {}{}", l.t("Trùng tiêu đề với cột", "Same title as column"), first + 1,
                                                    l.t(", nên bị bỏ qua: chọn vai trò nếu cột này khác.", ", so left out: choose a role if it holds something else."))
                                            }}</span>
                                        </Show>
                                    })}
                                    // Only for a column of scores (a category, the index): a rank is
                                    // not on a 0..100 scale. The column is named for screen readers,
                                    // one checkbox differing from the next.
                                    {pl.then(|| {
                                        let header3 = header.clone();
                                        view! {
                                            <Show when=move || roles.with(|r| divisible(r.get(c), rank_values))>
                                                <label class="divide">
                                                    <input type="checkbox" prop:checked=move || divide.with(|d| d.get(c).copied().unwrap_or(false))
                                                        on:change=move |ev| {
                                                            let on = event_target_checked(&ev);
                                                            divide.update(|d| if let Some(x) = d.get_mut(c) { *x = on; });
                                                        }/>
                                                    {move || lang().t("chia cho 100 (thang 0..100)", "divide by 100 (0..100 scale)")}
                                                    <span class="sr-only">{format!(" — “{}”", header3.clone())}</span>
                                                </label>
                                            </Show>
                                        }
                                    })}
                                </th>
                            }
                        }).collect_view()}
                        <th scope="col">{move || lang().t("Khớp danh mục", "Registry match")}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let l_en = en();
                        let ps = problems();
                        // Ordered: a row's problems are listed as its cells read, left to right
                        // (the row's own first); a hash map listed them in any order.
                        let mut by_cell: BTreeMap<(usize, Option<usize>), Vec<String>> = BTreeMap::new();
                        for p in &ps {
                            if let Some(line) = p.line {
                                by_cell.entry((line, p.column)).or_default().push(p.describe(l_en));
                            }
                        }
                        let (matched, left_out) = built.with(|b| b.as_ref().map(|b| (b.matched.clone(), b.left_out.clone())).unwrap_or_default());
                        let shown: Vec<usize> = (0..table.rows.len())
                            .filter(|i| *i < PREVIEW_ROWS || by_cell.keys().any(|k| k.0 == table.rows[*i].line))
                            .take(PREVIEW_ROWS + 100)
                            .collect();
                        shown.into_iter().map(|i| {
                            let row = &table.rows[i];
                            let line = row.line;
                            let row_msgs: Vec<String> = by_cell.iter()
                                .filter(|(k, _)| k.0 == line)
                                .flat_map(|(_, v)| v.clone())
                                .collect();
                            let bad = !row_msgs.is_empty();
                            let out = left_out.contains(&line);
                            let m = matched.get(i).cloned().flatten();
                            let cells = row.cells.iter().enumerate().map(|(c, cell)| {
                                let msg = by_cell.get(&(line, Some(c))).map(|v| v.join("; "));
                                let has = msg.is_some();
                                let edited = edits.with(|e| e.contains_key(&(line, c)));
                                if has {
                                    // A problem cell can be fixed right here; the fix applies to
                                    // this preview only (the paste is left as it was).
                                    let l = lang(); let label = format!("{} {line}, {} “{}”: {}", l.t("Sửa ô dòng", "Fix the cell at row"), l.t("cột", "column"), table_title(&table, c), l.t("giá trị mới", "new value"));
                                    view! {
                                        <td class="problem" title=msg.unwrap_or_default()>
                                            // Marked wrong, and pointing at its row's problems
                                            // (a `title` on the cell reached no screen reader).
                                            <input type="text" class="fix" aria-label=label value=cell.clone()
                                                aria-invalid="true" aria-describedby=format!("row-problems-{line}")
                                                data-line=line.to_string() data-col=c.to_string()
                                                on:change=move |ev| {
                                                    let v = event_target_value(&ev);
                                                    edits.update(|e| { e.insert((line, c), v); });
                                                    refocus_after_fix(line, c);
                                                }/>
                                        </td>
                                    }.into_any()
                                } else {
                                    view! { <td class:edited=edited>{cell.clone()}</td> }.into_any()
                                }
                            }).collect_view();
                            let problem_row = bad.then(|| view! {
                                <tr class="row-problems" data-line=line.to_string()>
                                    <td colspan=(ncols + 2).to_string()>
                                        <ul id=format!("row-problems-{line}")>{row_msgs.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                                    </td>
                                </tr>
                            });
                            view! {
                                <tr class:bad=bad class:left-out=out data-line=line.to_string()>
                                    <th scope="row" class="line">{line.to_string()}</th>
                                    {cells}
                                    <td class="match">{m.unwrap_or_else(|| "—".into())}</td>
                                </tr>
                                {problem_row}
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

fn table_title(t: &Table, c: usize) -> String {
    if t.has_header {
        t.column_title(c)
    } else {
        format!("{} {}", "#", c + 1)
    }
}
