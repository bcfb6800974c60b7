//! The weights panel: one slider and one number field per category, presets, the normalised
//! share of each weight, and the missing-data and aggregation switches. The ranking follows live:
//! every input writes the view state, and `state::table_memo` re-ranks through the engine.

use super::i18n::Lang;
use super::query::View;
use super::ranking::RankingView;
use super::stage::Later;
use super::state::Loadable;
use super::state::{can_reweight, use_app, AppState};
use crate::engine::dataset::{Dataset, WeightBasis};
use crate::engine::score;
use leptos::prelude::*;
use std::sync::Arc;

/// The slider's top: at least 100, and twice the largest default weight (DTI max points go to 200).
fn slider_max(ds: &Dataset) -> f64 {
    let top = ds.default_weights().into_iter().fold(0.0f64, f64::max);
    (top * 2.0).max(100.0).ceil()
}

/// The weight a preset gives each category it uses: the mean of the defaults, whole.
fn preset_unit(defaults: &[f64]) -> f64 {
    let mean = defaults.iter().sum::<f64>() / defaults.len().max(1) as f64;
    mean.round().max(1.0)
}

/// Whether two weight vectors give every category the same share.
fn same_shares(a: &[f64], b: &[f64]) -> bool {
    let (sa, sb) = (a.iter().sum::<f64>(), b.iter().sum::<f64>());
    a.len() == b.len()
        && sa > 0.0
        && sb > 0.0
        && a.iter().zip(b).all(|(x, y)| (x / sa - y / sb).abs() < 1e-9)
}

fn set_weight(app: AppState, j: usize, value: f64) {
    let Some(mut w) = app.weights() else { return };
    if j < w.len() && value.is_finite() && value >= 0.0 {
        w[j] = value;
        app.update(|v| v.weights = Some(w));
    }
}

/// Switches to the newest dataset that can be re-weighted (DTI 2024, 34 provinces).
pub fn open_rerankable(app: AppState) {
    let target = app.manifest.with(|m| match m {
        Loadable::Ready(m) => m.rerankable_entry().map(|e| e.id.clone()),
        _ => None,
    });
    if let Some(id) = target {
        super::state::open_dataset(app, id);
        // The button that was used goes with the view it was in: the focus goes to the page's
        // title, which names the dataset now open.
        super::dom::focus_when_shown("h1.title");
        // From the ranking (the landing view), straight to the sliders: the reader asked to
        // try other weights. Other views (robustness, compare) stay what they are.
        app.update(|v| {
            if v.view == View::Ranking {
                v.view = View::Weights;
            }
        });
    }
}

/// A weight as a screen reader hears it: whole numbers as they are, others to two decimals
/// (a weight of 0.5 is not "1").
fn weight_text(l: Lang, w: f64) -> String {
    if w.fract() == 0.0 {
        l.num(w, 0)
    } else {
        let s = l.num(w, 2);
        s.trim_end_matches('0').to_string()
    }
}

/// What to say where a group has no category scores, instead of dead sliders.
#[component]
pub fn NoCategoryScores() -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    let counts = move || {
        let ds = app.dataset()?;
        let g = app.group_id()?;
        let complete = score::complete_units(&ds, &g);
        let listed = ds.units_in(&g).count();
        Some((complete, listed))
    };
    let target_title = move || {
        app.manifest.with(|m| match m {
            Loadable::Ready(m) => m
                .rerankable_entry()
                .map(|e| app.lang().pick(&e.title).to_string()),
            _ => None,
        })
    };
    view! {
        <div class="notice no-scores" role="note">
            <p>
                <strong>{move || if app.bundled() {
                    lang().t(
                        "Không thể đổi trọng số cho nhóm này: điểm từng chỉ số thành phần chưa được công bố.",
                        "Weights cannot be changed for this group: its category scores were not published.",
                    )
                } else {
                    lang().t(
                        "Không thể đổi trọng số cho nhóm này: bảng không có đủ điểm từng chỉ số thành phần.",
                        "Weights cannot be changed for this group: the table lacks the category scores.",
                    )
                }}</strong>
                " "
                {move || counts().map(|(c, n)| match lang() {
                    Lang::Vi => format!("Có đủ điểm các chỉ số cho {c} trên {n} đơn vị trong tệp."),
                    Lang::En => format!("{c} of the {n} units in the file {} every category score.", if c == 1 { "has" } else { "have" }),
                })}
            </p>
            <p>{move || lang().t(
                "Bảng dưới đây là xếp hạng chính thức. Để thử trọng số khác:",
                "The table shows the official ranking. To try other weights:",
            )}</p>
            <div class="presets">
                {move || target_title().map(|t| view! {
                    <button type="button" class="btn primary" on:click=move |_| open_rerankable(app)>
                        {format!("{} {t} →", lang().t("Mở", "Open"))}
                    </button>
                })}
                <button type="button" class="btn" on:click=move |_| {
                    app.update(|v| v.view = View::Import);
                    // The button goes with the view: the focus to the new view's heading.
                    super::dom::focus_when_shown("#import-h");
                }>
                    {move || lang().t("Nhập bảng đầy đủ của bạn", "Import your own full table")}
                </button>
            </div>
        </div>
    }
}

/// The sliders. `compact` leaves out the explanations (sidebar and embeds).
#[component]
pub fn WeightsPanel(#[prop(optional)] compact: bool) -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    // Compared by address: a comparison by value walked every unit of both datasets, and its
    // code (2 KB) was in the page's first load for this one memo.
    let ds = Memo::new_with_compare(
        move |_| app.dataset(),
        |a, b| match (a.and_then(Option::as_ref), b.and_then(Option::as_ref)) {
            (Some(a), Some(b)) => !Arc::ptr_eq(a, b),
            (a, b) => a.is_some() != b.is_some(),
        },
    );
    let usable = move || {
        let Some(ds) = ds.get() else { return false };
        app.group_id().is_some_and(|g| can_reweight(&ds, &g))
    };
    view! {
        <section class="panel weights" aria-labelledby="weights-h">
            <h2 id="weights-h">{move || lang().t("Trọng số của bạn", "Your weights")}</h2>
            <Show when=usable fallback=|| view! { <NoCategoryScores/> }>
                {move || ds.get().map(|ds| view! { <Sliders ds=ds compact=compact/> })}
            </Show>
        </section>
    }
}

#[component]
fn Sliders(ds: Arc<Dataset>, compact: bool) -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    let max = slider_max(&ds);
    let weights = Memo::new(move |_| app.weights().unwrap_or_default());
    let shares = Memo::new(move |_| {
        let w = weights.get();
        let sum: f64 = w.iter().sum();
        w.iter()
            .map(|x| if sum > 0.0 { x / sum } else { 0.0 })
            .collect::<Vec<_>>()
    });
    let all_zero = move || weights.with(|w| w.iter().all(|x| *x == 0.0));
    // What a weight field last refused, in words (empty: nothing); gone with the next weight a
    // field or a slider takes. One element whose text changes: the first load's code is
    // smaller than for one that comes and goes.
    let refused = RwSignal::new(String::new());
    let defaults = ds.default_weights();
    let basis = ds.weight_basis;
    let has_official = basis != WeightBasis::Unknown;
    // A preset is on when the weights have its shares (1,1,1 is "equal" as 118,118,118 is).
    let is = move |preset: &[f64]| weights.with(|w| same_shares(w, preset));
    let official_label = move || match basis {
        WeightBasis::Official => lang().t("Chính thức", "Official"),
        // Not "official": no source states them (the note below, and the method page, say how
        // they were found).
        WeightBasis::Inferred => lang().t("Trọng số suy ra", "Inferred weights"),
        WeightBasis::Unknown => lang().t("Mặc định", "Default"),
    };
    // Equal weights, and a category's weight under "only", at the mean of the defaults, so that
    // they sit on the sliders' scale (1 of DTI's 0..400 put every thumb at the far left).
    let unit = preset_unit(&defaults);
    let equal = vec![unit; ds.categories.len()];
    let note = ds.weight_note.clone();
    let cats = ds.categories.clone();
    view! {
        <div class="presets" role="group" aria-label=move || lang().t("Bộ trọng số có sẵn", "Weight presets")>
            {has_official.then(|| {
                let d = defaults.clone();
                let d2 = defaults.clone();
                view! {
                    <button type="button" aria-pressed=move || is(&d).to_string()
                        on:click=move |_| app.update(|v| v.weights = Some(d2.clone()))>{official_label}</button>
                }
            })}
            {
                let e = equal.clone();
                let e2 = equal.clone();
                view! {
                    <button type="button" aria-pressed=move || is(&e).to_string()
                        on:click=move |_| app.update(|v| v.weights = Some(e2.clone()))>
                        {move || lang().t("Bằng nhau", "Equal")}
                    </button>
                }
            }
        </div>
        {(basis == WeightBasis::Inferred && !compact).then(|| note.clone().map(|n| view! {
            <p class="notice basis-note" role="note">
                // The label, unless the note begins with it already (DTI 2024's does).
                {move || {
                    let label = lang().t("Trọng số suy ra", "Inferred weights");
                    let text = lang().pick(&n).to_string();
                    let strong = (!text.starts_with(label)).then(|| view! { <strong>{format!("{label}: ")}</strong> });
                    view! { {strong}{text} }
                }}
            </p>
        }))}
        {(basis == WeightBasis::Unknown && !compact).then(|| view! {
            <p class="muted">{move || lang().t(
                "Nguồn công khai không nêu trọng số chính thức; mặc định là trọng số bằng nhau.",
                "No public source states the official weights; equal weights are the default.",
            )}</p>
        })}
        // What follows the note (a slider, a number field and a share per category, then the
        // switches) was half of the task that builds the page's first view from the data; in the
        // next task instead, the note and what is above it are drawn a task sooner (on a phone
        // the note is the largest thing drawn, Lighthouse's "largest contentful paint"). Only
        // what is below it in the panel comes later, so nothing already drawn moves (stage.rs).
        <Later>
            {cats.iter().cloned().enumerate().map(|(j, c)| {
                let name = c.name.clone();
                let id = format!("w-{}", c.id);
                let num_id = format!("wn-{}", c.id);
                let value = move || weights.with(|w| w.get(j).copied().unwrap_or(0.0));
                let label = {
                    let name = name.clone();
                    move || lang().pick(&name).to_string()
                };
                // The number field's text ("0,5" in Vietnamese).
                let shown = move || lang().field_text(value());
                let only = {
                    let n = weights.with_untracked(|w| w.len());
                    move || {
                        let mut w = vec![0.0; n];
                        if j < n {
                            w[j] = unit;
                        }
                        w
                    }
                };
                let only_label = {
                    let name = name.clone();
                    move || format!("{}: {}", lang().t("Chỉ dùng", "Only"), lang().pick(&name))
                };
                view! {
                    <div class="row">
                        <label for=id.clone()>{label.clone()}</label>
                        // A weight typed above the scale moves its top, so the thumb still tells.
                        <input type="range" id=id.clone() min="0" max=move || max.max(value()).to_string() step="1"
                            prop:value=move || value().to_string()
                            aria-valuetext=move || format!("{} ({})", weight_text(lang(), value()), lang().percent(shares.with(|s| s.get(j).copied().unwrap_or(0.0))))
                            on:input=move |ev| {
                                if let Ok(x) = event_target_value(&ev).parse::<f64>() {
                                    set_weight(app, j, x);
                                    if refused.with_untracked(|r| !r.is_empty()) {
                                        refused.set(String::new());
                                    }
                                }
                            }/>
                        // Text, not type="number": Chromium's number field drops a typed comma,
                        // so a Vietnamese "0,5" became the weight 5 without a word.
                        <input type="text" inputmode="decimal" id=num_id class="num"
                            aria-label=move || format!("{} — {}", label(), lang().t("giá trị trọng số", "weight value"))
                            prop:value=shown
                            on:change=move |ev| {
                                match lang().read_number(&event_target_value(&ev)) {
                                    // As a link's weights: 0 to 1,000,000, else refused.
                                    Some(x) if (0.0..=1e6).contains(&x) => {
                                        set_weight(app, j, x);
                                        refused.set(String::new());
                                    }
                                    // Emptied or not a number: the field shows the weight in use
                                    // again, rather than a blank beside a weight it does not say,
                                    // and says so below the fields, on screen and to a screen
                                    // reader (it was said to the latter alone: "50%" went back
                                    // to the weight before with no word on screen).
                                    _ => {
                                        let l = lang();
                                        let typed = event_target_value(&ev);
                                        // An emptied field is not "“”".
                                        let typed = if typed.trim().is_empty() { String::new() } else { format!(" “{typed}”") };
                                        event_target::<web_sys::HtmlInputElement>(&ev)
                                            .set_value(&untrack(shown));
                                        refused.set(format!("{}: {}{typed}: {}",
                                            l.pick(&name),
                                            l.t("không nhận", "refused"),
                                            l.t("trọng số là một số từ 0 đến 1.000.000.", "a weight is a number from 0 to 1,000,000.")));
                                    }
                                }
                            }/>
                        <span class="share" aria-live="off">{move || lang().percent(shares.with(|s| s.get(j).copied().unwrap_or(0.0)))}</span>
                        {(!compact).then(|| view! {
                            <button type="button" class="btn only" aria-pressed=move || is(&only()).to_string()
                                on:click=move |_| app.update(|v| v.weights = Some(only()))>{only_label}</button>
                        })}
                    </div>
                }
            }).collect_view()}
            <p class="error-inline" role="alert" hidden=move || refused.with(String::is_empty)>{move || refused.get()}</p>
            <Show when=all_zero>
                <p class="error-inline" role="alert">{move || lang().t(
                    "Mọi trọng số đều bằng 0: hãy đặt ít nhất một trọng số lớn hơn 0.",
                    "All weights are zero: set at least one weight above 0.",
                )}</p>
            </Show>
            <fieldset class="switch">
                <legend>{move || lang().t("Đơn vị thiếu điểm một chỉ số", "Units missing a category")}</legend>
                <label><input type="radio" name="missing" prop:checked=move || !app.view.with(|v| v.renormalize)
                    on:change=move |_| app.update(|v| v.renormalize = false)/>
                    {move || lang().t("Không xếp hạng (mặc định)", "Not ranked (default)")}</label>
                <label><input type="radio" name="missing" prop:checked=move || app.view.with(|v| v.renormalize)
                    on:change=move |_| app.update(|v| v.renormalize = true)/>
                    {move || lang().t("Tính trên các chỉ số có điểm", "Score over the categories it has")}</label>
            </fieldset>
            {(!compact).then(|| view! {
                <fieldset class="switch">
                    <legend>{move || lang().t("Cách gộp", "Aggregation")}</legend>
                    <label><input type="radio" name="agg" prop:checked=move || !app.view.with(|v| v.geometric)
                        on:change=move |_| app.update(|v| v.geometric = false)/>
                        {move || lang().t("Trung bình cộng có trọng số (như chính thức)", "Weighted arithmetic mean (as official)")}</label>
                    <label><input type="radio" name="agg" prop:checked=move || app.view.with(|v| v.geometric)
                        on:change=move |_| app.update(|v| v.geometric = true)/>
                        {move || lang().t("Trung bình nhân có trọng số", "Weighted geometric mean")}</label>
                </fieldset>
            })}
            <p class="muted small">{move || lang().t(
                "Trọng số được chuẩn hoá về tổng 1; hạng được tính lại ngay khi bạn kéo.",
                "Weights are normalised to sum 1; ranks are recomputed as you drag.",
            )}</p>
        </Later>
    }
}

/// The Weights tab: the full panel beside the ranking it drives.
#[component]
pub fn WeightsView() -> impl IntoView {
    view! {
        // The ranking has a column of its own beside the panel (below it on a narrow screen):
        // on opening, it is built a frame after the panel's sliders (stage.rs; a Later inside a
        // Later waits a frame more), which would otherwise push it down on a phone.
        <div class="layout with-side">
            <WeightsPanel/>
            <Later><Later><RankingView/></Later></Later>
        </div>
    }
}
