//! Two to four units side by side: grouped category bars in SVG (one group per category, one bar
//! per unit, each unit with its own pattern and number), their ranks under the current weights,
//! and their Monte Carlo rank intervals.

use super::query::MAX_SELECTED;
use super::robustness::{monte_carlo, needs_categories, SEED};
use super::state::{can_reweight, table_memo, use_app, Table};
use crate::engine::collate;
use crate::engine::job::Noise;
use leptos::prelude::*;

const LEFT: f64 = 210.0;
/// The chart's width on a phone, drawn at about its own size there.
const NARROW_W: f64 = 340.0;
const PLOT_W: f64 = 380.0;
/// A bar's row: its 12-unit value label needs 14 (at 10, neighbouring labels touched).
const BAR_H: f64 = 14.0;
const GAP: f64 = 12.0;

/// The letter that tells the units compared apart beside their colour (A, B, C, D): a number
/// there ("3 · Thanh Hóa") was read as a rank.
fn key(j: usize) -> char {
    char::from(b'A' + (j % 26) as u8)
}

#[component]
pub fn CompareView() -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    let table = table_memo(app);
    let filter = RwSignal::new(String::new());
    let full_msg = RwSignal::new(false);

    // The group's units in Vietnamese alphabetical order: (index, id, name).
    let units = super::state::units_alphabetical(app);
    let selected = move || app.view.with(|v| v.selected.clone());
    // The chosen units that are in the group, in the order chosen: (index, id, name).
    let chosen = Memo::new(move |_| {
        let sel = selected();
        units.with(|us| {
            sel.iter()
                .filter_map(|id| us.iter().find(|u| &u.1 == id).cloned())
                .collect::<Vec<_>>()
        })
    });
    let run = monte_carlo(
        app,
        Signal::derive(|| Noise::Uniform { percent: 25.0 }),
        Signal::derive(|| 10_000),
        Signal::derive(|| true),
    );

    // Each unit's names for the filter, folded: its own and the others the registry knows
    // ("TP HCM", "Hanoi", a 2025 province's predecessors), as the ranking's filter finds them.
    let searchable = Memo::new(move |_| {
        units.with(|us| {
            app.registry.with(|r| {
                us.iter()
                    .map(|(_, id, name)| {
                        let more = r.as_ref().map(|r| r.search_names(id)).unwrap_or_default();
                        format!("{}{more}", collate::fold(name))
                    })
                    .collect::<Vec<String>>()
            })
        })
    });
    // The units the filter keeps, in alphabetical order: (id, name).
    let matching = Memo::new(move |_| {
        let q = collate::fold(&filter.get());
        units.with(|us| {
            searchable.with(|names| {
                us.iter()
                    .zip(names)
                    .filter(|(_, n)| q.is_empty() || n.contains(q.as_str()))
                    .map(|((_, id, name), _)| (id.clone(), name.clone()))
                    .collect::<Vec<_>>()
            })
        })
    });
    // What the filter leaves, said once the typing pauses (as the ranking's filter does): the
    // list below changes in silence otherwise.
    let filter_timer = StoredValue::new_local(None::<leptos::prelude::TimeoutHandle>);
    Effect::new(move |before: Option<String>| {
        let now = filter.get();
        super::dom::cancel_timer(filter_timer);
        if before.is_some_and(|b| b != now) {
            let say = move || {
                let n = matching.with_untracked(Vec::len);
                app.say(matches_text(app.lang(), n));
            };
            let h = set_timeout_with_handle(say, std::time::Duration::from_millis(600)).ok();
            filter_timer.try_set_value(h);
        }
        now
    });
    on_cleanup(move || super::dom::cancel_timer(filter_timer));

    let list = move || {
        let sel = selected();
        // Ids of a link that are not in this group (another edition's) take no place.
        let count = chosen.with(Vec::len);
        matching
            .get()
            .into_iter()
            .map(|(id, name)| {
                let checked = sel.contains(&id);
                // Four chosen: the others say so (aria-disabled) but keep the focus, so that a
                // keyboard user who reaches one hears why it is refused, instead of being moved
                // past it (a disabled box is skipped by Tab) to "Clear selection".
                let full = !checked && count >= MAX_SELECTED;
                let cb_id = format!("cmp-{id}");
                let id2 = id.clone();
                view! {
                    <li>
                        <input type="checkbox" id=cb_id.clone() prop:checked=checked
                            aria-disabled=full.then_some("true")
                            on:change=move |ev| {
                                let mut ok = true;
                                app.update(|v| {
                                    units.with_untracked(|us| {
                                        v.selected.retain(|s| us.iter().any(|u| &u.1 == s))
                                    });
                                    ok = v.toggle_selected(&id2);
                                });
                                if !ok {
                                    // Refused: the box is unticked again (the list, unchanged, is
                                    // not redrawn).
                                    event_target::<web_sys::HtmlInputElement>(&ev).set_checked(false);
                                }
                                full_msg.set(!ok);
                            }/>
                        <label for=cb_id>{name}</label>
                    </li>
                }
            })
            .collect_view()
    };
    let picker = view! {
        <fieldset class="cmp-picker">
            <legend>{move || lang().t("Chọn 2–4 đơn vị để so sánh", "Choose 2–4 units to compare")}</legend>
            <div class="field">
                <label for="cmp-filter">{move || lang().t("Lọc theo tên (không cần dấu)", "Filter by name (accents optional)")}</label>
                <input id="cmp-filter" type="search" prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev))/>
            </div>
            <p class="muted" aria-live="polite">
                {move || format!("{} {}/{}", lang().t("Đã chọn", "Selected"), chosen.with(Vec::len), MAX_SELECTED)}
                {move || full_msg.get().then(|| lang().t(" — đã đủ 4 đơn vị, bỏ chọn một đơn vị trước.", " — four already chosen; unselect one first."))}
            </p>
            <ul class="cmp-list">{list}</ul>
            // Said of a filter that leaves nothing; a group with no unit says so in the view.
            {move || (matching.with(Vec::is_empty) && !filter.with(|f| f.trim().is_empty())).then(|| view! {
                <p class="muted">{matches_text(lang(), 0)}</p>
            })}
            <button type="button" class="btn" on:click=move |_| {
                    app.update(|v| v.selected.clear());
                    // The button is disabled now, which drops its focus: on to the filter.
                    super::dom::focus_when_shown("#cmp-filter");
                }
                disabled=move || selected().is_empty()>{move || lang().t("Bỏ chọn tất cả", "Clear selection")}</button>
        </fieldset>
    };

    let body = move || {
        let l = lang();
        let (Some(ds), Some(group)) = (app.dataset(), app.group_id()) else {
            return ().into_any();
        };
        if ds.units_in(&group).next().is_none() {
            return view! {
                <p class="notice">{l.t(
                    "Tệp này không có đơn vị nào của nhóm này, nên không có gì để so sánh.",
                    "This file has no unit in this group, so there is nothing to compare.",
                )}</p>
            }
            .into_any();
        }
        let ch = chosen.get();
        if ch.len() < 2 {
            return view! {
                <p class="notice">{l.t("Chọn ít nhất hai đơn vị trong danh sách.", "Choose at least two units in the list.")}</p>
            }
            .into_any();
        }
        let p = ds.precision as usize;
        let tbl = table.get();
        let rank_of = |i: usize| -> String {
            match &tbl {
                Some(Table::Computed { ranking, .. }) => ranking
                    .rank_of(i)
                    .map(|r| format!("{r}/{}", ranking.ranked.len()))
                    .unwrap_or_else(|| l.t("không xếp hạng", "not ranked").to_string()),
                _ => "—".into(),
            }
        };
        // Ranked among fewer units than the group lists, a rank is not a place in the group:
        // said under the table (DTI 2023's last province is 10th of the 10 with every pillar).
        let listed = ds.units_in(&group).count();
        let fewer = match &tbl {
            Some(Table::Computed { ranking, .. }) if ranking.ranked.len() < listed => {
                let n = ranking.ranked.len();
                Some(match l {
                    super::i18n::Lang::Vi => format!("Hạng theo trọng số hiện tại chỉ tính trong {n} đơn vị tính được điểm, trên {listed} đơn vị của nhóm."),
                    super::i18n::Lang::En => format!("The ranks under current weights are among the {n} units that can be scored, of the group's {listed}."),
                })
            }
            _ => None,
        };
        let reweight = can_reweight(&ds, &group);
        let intervals = run.by_unit();
        let run_error = run.error.get();
        let finished = run.finished();
        let names: Vec<String> = ch.iter().map(|c| c.2.clone()).collect();

        // Grouped bars: one group per category, one bar per unit. On a phone, each category's
        // name above its bars, and the bars the chart's width (`dom::narrow`).
        let narrow = super::dom::narrow();
        let (left, plot_w, head) = if narrow {
            (0.0, NARROW_W - 70.0, 16.0)
        } else {
            (LEFT, PLOT_W, 0.0)
        };
        let n_units = ch.len() as f64;
        let group_h = head + n_units * BAR_H + GAP;
        let h = 8.0 + group_h * ds.categories.len() as f64;
        let bars = ds
            .categories
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let y0 = 4.0 + group_h * k as f64;
                let (label_x, label_y, anchor) = if narrow {
                    (0.0, y0 + 11.0, "start")
                } else {
                    (LEFT - 8.0, y0 + n_units * BAR_H / 2.0 + 4.0, "end")
                };
                let y0 = y0 + head;
                let cat_name = l.pick(&c.name).to_string();
                let inner = ch
                    .iter()
                    .enumerate()
                    .map(|(j, (i, _, _))| {
                        let v = ds.units[*i].score(&c.id);
                        let y = y0 + BAR_H * j as f64;
                        let w = v.unwrap_or(0.0) * plot_w;
                        let text = match v {
                            // "B · 0,9664", as the legend writes "B · Huế" ("2 0,9664" read as
                            // 20,9664; a number, "3 · Thanh Hóa", read as a rank).
                            Some(v) => format!("{} · {}", key(j), l.num(v, p)),
                            None => format!("{} · {}", key(j), l.t("không có", "n/a")),
                        };
                        view! {
                            <rect x=left y=y + 1.0 width=w height=BAR_H - 2.0 class=format!("cmp-bar s{j}")></rect>
                            <text x=left + w + 4.0 y=y + BAR_H - 3.0 class="cmp-val">{text}</text>
                        }
                    })
                    .collect_view();
                view! {
                    <g>
                        <text x=label_x y=label_y text-anchor=anchor class="p-label">{cat_name}</text>
                        {inner}
                    </g>
                }
            })
            .collect_view();
        let aria = format!(
            "{}: {}. {}",
            l.t("Điểm chỉ số thành phần", "Category scores"),
            names.join(", "),
            l.t(
                "Số liệu ở bảng bên dưới.",
                "The numbers are in the table below."
            )
        );
        let has_scores = ch.iter().any(|(i, _, _)| {
            ds.categories
                .iter()
                .any(|c| ds.units[*i].score(&c.id).is_some())
        });

        let header = ch
            .iter()
            .enumerate()
            .map(|(j, (_, _, name))| {
                view! { <th scope="col"><span class=format!("swatch s{j}") aria-hidden="true"></span>{format!("{} · {name}", key(j))}</th> }
            })
            .collect_view();
        let cat_rows = ds
            .categories
            .iter()
            .map(|c| {
                let cells = ch
                    .iter()
                    .map(|(i, _, _)| {
                        let v = ds.units[*i].score(&c.id);
                        view! { <td class="num">{v.map(|v| l.num(v, p)).unwrap_or_else(|| "—".into())}</td> }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{l.pick(&c.name).to_string()}</th>{cells}</tr> }
            })
            .collect_view();
        let official_cells = ch
            .iter()
            .map(|(i, _, _)| {
                let o = &ds.units[*i].official;
                let t = format!(
                    "{} ({})",
                    o.rank.map(|r| r.to_string()).unwrap_or_else(|| "—".into()),
                    o.index.map(|x| l.num(x, p)).unwrap_or_else(|| "—".into())
                );
                view! { <td class="num">{t}</td> }
            })
            .collect_view();
        let rank_cells = ch
            .iter()
            .map(|(i, _, _)| view! { <td class="num cmp-rank">{rank_of(*i)}</td> })
            .collect_view();
        let interval_cells = ch
            .iter()
            .map(|(i, _, _)| {
                let t = match intervals.get(i) {
                    Some(u) => match (u.p05, u.median_rank, u.p95) {
                        (Some(a), Some(m), Some(b)) => {
                            format!("{a}–{b} ({} {m})", l.t("trung vị", "median"))
                        }
                        _ => l.t("không xếp hạng", "not ranked").to_string(),
                    },
                    None if !reweight => "—".into(),
                    None if run_error.is_some() => {
                        l.t("không tính được", "not computed").to_string()
                    }
                    None => l.t("đang tính…", "computing…").to_string(),
                };
                view! { <td class="num cmp-interval">{t}</td> }
            })
            .collect_view();

        view! {
            {has_scores.then(|| view! {
                <figure class="cmp-chart" class:narrow=narrow tabindex="0" data-scroll-hint=(!narrow).then(|| l.scroll_hint())>
                    <svg class="chart" viewBox=format!("0 0 {} {h}", left + plot_w + 70.0) role="img" aria-label=aria>
                        {bars}
                    </svg>
                    <figcaption class="legend">
                        {names.iter().enumerate().map(|(j, n)| view! {
                            <span class=format!("swatch s{j}") aria-hidden="true"></span>{format!("{} · {n}", key(j))}" "
                        }).collect_view()}
                        <span class="muted">{l.t("(mỗi thanh ghi chữ cái của đơn vị)", "(each bar is labelled with the unit's letter)")}</span>
                    </figcaption>
                </figure>
            })}
            <table class="data-table cmp-table" tabindex="0">
                <caption>{l.t("So sánh các đơn vị đã chọn", "The chosen units compared")}</caption>
                <thead><tr><th scope="col">{l.t("Chỉ tiêu", "Measure")}</th>{header}</tr></thead>
                <tbody>
                    {cat_rows}
                    <tr><th scope="row">{l.t("Hạng chính thức (chỉ số)", "Official rank (index)")}</th>{official_cells}</tr>
                    <tr><th scope="row">{l.t("Hạng theo trọng số hiện tại", "Rank under current weights")}</th>{rank_cells}</tr>
                    <tr><th scope="row">{l.t("Khoảng hạng 5–95 % (Monte Carlo)", "Rank interval 5–95% (Monte Carlo)")}</th>{interval_cells}</tr>
                </tbody>
            </table>
            {fewer.map(|t| view! { <p class="muted fewer-ranked">{t}</p> })}
            {run_error.as_ref().map(|e| view! { <p class="error" role="alert">{e.text(l)}</p> })}
            {if reweight {
                view! { <p class="muted">{format!("{} {}{}",
                    l.t("Khoảng hạng: 10.000 mẫu, mỗi trọng số ± 25 %, hạt giống", "Rank intervals: 10,000 samples, each weight ± 25%, seed"),
                    SEED,
                    if finished || run_error.is_some() { "" } else { l.t(" (đang tính)", " (computing)") })}</p> }.into_any()
            } else {
                needs_categories(l, l.t("Khoảng hạng", "The rank interval")).into_any()
            }}
        }
        .into_any()
    };

    // In an article's frame the comparison is the point: the picker, every unit of the group
    // with its box (34 made the frame 1,786 px tall), is folded away once two are chosen.
    let picker = if app.view.with_untracked(|v| v.embed) {
        let open = untrack(|| chosen.with(Vec::len)) < 2;
        view! {
            <details class="cmp-fold" open=open>
                <summary>{move || lang().t("Chọn đơn vị để so sánh", "Choose the units compared")}</summary>
                {picker}
            </details>
        }
        .into_any()
    } else {
        picker.into_any()
    };
    view! {
        <section class="compare" aria-labelledby="compare-h">
            <h2 id="compare-h">{move || lang().t("So sánh đơn vị", "Compare units")}</h2>
            <div class="cmp-layout">
                {picker}
                <div class="cmp-body">{body}</div>
            </div>
        </section>
    }
}

/// How many units the picker's name filter leaves.
fn matches_text(l: super::i18n::Lang, n: usize) -> String {
    use super::i18n::Lang;
    match (l, n) {
        (Lang::Vi, 0) => "Không có đơn vị nào khớp bộ lọc.".into(),
        (Lang::En, 0) => "No unit matches the filter.".into(),
        (Lang::Vi, n) => format!("{n} đơn vị khớp bộ lọc."),
        (Lang::En, 1) => "1 unit matches the filter.".into(),
        (Lang::En, n) => format!("{n} units match the filter."),
    }
}
