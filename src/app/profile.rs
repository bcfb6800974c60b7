//! The profile of one unit: its category scores against the group's median and best, its
//! official result, its ranks across the editions of the same series, the 2025 province it now
//! belongs to, its region, and the sources its numbers were read from.
//!
//! Every number shown is a published figure from a dataset file or the engine's ranking under
//! the current weights; the median and best are computed here over the group's published values.

use super::i18n::Lang;
use super::load::{self, ManifestEntry};
use super::state::{table_memo, use_app, Loadable, Table};
use crate::engine::dataset::Dataset;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Median of published values (mean of the two middle ones for an even count).
pub(crate) fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    crate::engine::order::sort_by(&mut values, |a, b| a.total_cmp(b));
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

/// One category of the chosen unit, with the group's median and best.
#[derive(Clone, Debug, PartialEq)]
struct CatRow {
    name: String,
    value: Option<f64>,
    /// The group's median and best: only where every unit of the group has a value. Over the
    /// few published (DTI 2020 has one province's pillar scores of 63; DTI 2022 the first and
    /// last five), they would be one unit's own figure, or the middle of the top and bottom.
    median: Option<f64>,
    best: Option<f64>,
    official_rank: Option<u32>,
    /// Units of the group with a value in this category.
    count: usize,
}

fn category_rows(ds: &Dataset, group: &str, unit: usize, lang: Lang) -> Vec<CatRow> {
    let u = &ds.units[unit];
    // The group as evaluated (63 provinces), not the rows a fragment of a table transcribed.
    let members = ds.group_size(group);
    ds.categories
        .iter()
        .map(|c| {
            let vals: Vec<f64> = ds.units_in(group).filter_map(|x| x.score(&c.id)).collect();
            let count = vals.len();
            let whole = count == members;
            let best = vals
                .iter()
                .copied()
                .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))));
            CatRow {
                name: lang.pick(&c.name).to_string(),
                value: u.score(&c.id),
                median: if whole { median(vals) } else { None },
                best: if whole { best } else { None },
                official_rank: u.category_ranks.get(&c.id).copied().flatten(),
                count,
            }
        })
        .collect()
}

/// One edition in the "ranks across editions" table.
#[derive(Clone, Debug, PartialEq)]
struct EditionRow {
    id: String,
    edition: i32,
    title: String,
    /// None while loading; Some(Err) when the file failed.
    state: Option<Result<EditionHit, String>>,
    current: bool,
}

/// What an edition says of the unit (or of the provinces it was formed from, or merged into),
/// as the row shows it.
#[derive(Clone, Debug, PartialEq)]
struct EditionHit {
    /// The group the figures are in; "not listed" when the edition has none of them.
    group: String,
    /// "6/63"; "—" with the official index beside it when only the index was published; for a
    /// province the edition does not list, its predecessors' or successor's.
    rank: String,
}

/// An official rank out of the units its group ranked: "6/63"; where a bundled file does not say
/// how many were evaluated, out of those it shows at least, said so ("1 (of at least 10)": DTI
/// 2021 lists 10 ministries, and "1/10" read as an exact count the coverage line denies). A
/// reader's own table is the table they hold: out of its rows.
fn rank_out_of(ds: &Dataset, group: &str, r: u32, lang: Lang) -> String {
    let n = ds.group_size(group);
    let bundled = !ds.id.starts_with("user-");
    if !bundled || ds.group(group).is_some_and(|g| g.units_evaluated.is_some()) {
        format!("{r}/{n}")
    } else {
        format!("{r} ({} {n})", lang.t("trong ít nhất", "of at least"))
    }
}

/// A unit's official result in an edition: "6/63", or the index alone ("— (0,6929)") where
/// the rank was not published, or "—".
fn result_text(ds: &Dataset, u: &crate::engine::dataset::Unit, lang: Lang) -> String {
    match (u.official.rank, u.official.index) {
        (Some(r), _) => rank_out_of(ds, &u.group, r, lang),
        (None, Some(x)) => format!(
            "— ({} {})",
            lang.t("chỉ số", "index"),
            lang.num(x, ds.precision as usize)
        ),
        (None, None) => "—".into(),
    }
}

/// `parts`: the provinces a 2025 province was formed from (id, name), empty for any other unit;
/// `successor`: the 2025 province an earlier one merged into.
fn hit(
    ds: &Dataset,
    unit_id: &str,
    parts: &[(String, String)],
    successor: Option<&str>,
    lang: Lang,
) -> EditionHit {
    let find = |id: &str| ds.units.iter().find(|u| u.id == id);
    let group_name = |u: &crate::engine::dataset::Unit| {
        ds.group(&u.group)
            .map(|g| lang.pick(&g.name).to_string())
            .unwrap_or_else(|| u.group.clone())
    };
    if let Some(u) = find(unit_id) {
        return EditionHit {
            group: group_name(u),
            rank: result_text(ds, u, lang),
        };
    }
    // A 2025 province in an edition before 2025: the provinces it was formed from.
    let before: Vec<_> = parts.iter().filter_map(|p| find(&p.0)).collect();
    if let Some(first) = before.first() {
        let mut ranks: Vec<String> = before
            .iter()
            .map(|u| format!("{} {}", u.name, result_text(ds, u, lang)))
            .collect();
        // Those the edition does not list are named too: "Hồ Chí Minh 5/63" alone read as the
        // whole of the 2025 city, which took in Bình Dương and Bà Rịa - Vũng Tàu.
        let unlisted: Vec<&str> = parts
            .iter()
            .filter(|p| find(&p.0).is_none())
            .map(|p| p.1.as_str())
            .collect();
        if !unlisted.is_empty() {
            ranks.push(format!(
                "{}: {}",
                unlisted.join(", "),
                lang.t("không được liệt kê", "not listed")
            ));
        }
        return EditionHit {
            group: group_name(first),
            rank: format!(
                "{} {}",
                lang.t("trước 2025:", "before 2025:"),
                ranks.join(" · ")
            ),
        };
    }
    // A province merged in 2025, in an edition after: the province it merged into.
    if let Some(u) = successor.and_then(find) {
        return EditionHit {
            group: group_name(u),
            rank: format!(
                "{} {}: {}",
                lang.t("sau 2025, trong", "after 2025, within"),
                u.name,
                result_text(ds, u, lang)
            ),
        };
    }
    EditionHit {
        group: lang
            .t(
                "không được liệt kê trong kỳ này",
                "not listed in this edition",
            )
            .to_string(),
        rank: "—".into(),
    }
}

const CHART_W: f64 = 640.0;
/// The chart's width on a phone, drawn at about its own size there (328 px of a 360 px screen).
const NARROW_W: f64 = 340.0;
const LABEL_W: f64 = 230.0;
const BAR_W: f64 = 330.0;
const ROW_H: f64 = 30.0;

#[component]
pub fn ProfileView() -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    let table = table_memo(app);

    // The group's units, in Vietnamese alphabetical order: (index, id, name).
    let units = super::state::units_alphabetical(app);
    let chosen_id = move || app.view.with(|v| v.unit.clone());
    // The chosen unit's index in the dataset, if it is in the group shown.
    let chosen = Memo::new(move |_| {
        let id = chosen_id()?;
        units.with(|us| us.iter().find(|u| u.1 == id).map(|u| u.0))
    });

    // Datasets of the same series, loaded once each and kept while the view lives.
    let loaded: RwSignal<BTreeMap<String, Result<Arc<Dataset>, String>>> =
        RwSignal::new(BTreeMap::new());
    let series_entries = Memo::new(move |_| {
        let series = app.dataset().and_then(|d| d.series.clone());
        let Some(series) = series else {
            return Vec::<ManifestEntry>::new();
        };
        app.manifest.with(|m| match m {
            Loadable::Ready(m) => {
                let mut v: Vec<ManifestEntry> = m
                    .datasets
                    .iter()
                    .filter(|e| e.series.as_deref() == Some(series.as_str()))
                    .cloned()
                    .collect();
                crate::engine::order::sort_by(&mut v, |a, b| {
                    a.edition.cmp(&b.edition).then_with(|| a.id.cmp(&b.id))
                });
                v
            }
            _ => Vec::new(),
        })
    });
    Effect::new(move |_| {
        // Only load when a unit is shown: the table is of no use without one.
        if chosen.get().is_none() {
            return;
        }
        let current = app.dataset().map(|d| d.id.clone()).unwrap_or_default();
        for e in series_entries.get() {
            if e.id == current || loaded.with_untracked(|l| l.contains_key(&e.id)) {
                continue;
            }
            loaded.update(|l| {
                l.insert(e.id.clone(), Err(String::new()));
            });
            // Mark as loading (empty error) until the answer arrives.
            leptos::task::spawn_local(async move {
                let r = load::dataset(&e.file).await;
                let r = r.map(Arc::new).map_err(|err| err.file().to_string());
                loaded.update(|l| {
                    l.insert(e.id.clone(), r);
                });
            });
        }
    });
    let editions = Memo::new(move |_| {
        let l = lang();
        let Some(ds) = app.dataset() else {
            return Vec::new();
        };
        let Some(uid) = chosen_id() else {
            return Vec::new();
        };
        // A province formed in 2025 is in no earlier edition: those show the provinces it was
        // formed from (before, "not listed" in every row, and no way to its past).
        // (id, name), in Vietnamese alphabetical order.
        let (parts, successor): (Vec<(String, String)>, Option<String>) = app.registry.with(|r| {
            r.as_ref().map_or_else(Default::default, |r| {
                let mut parts: Vec<(String, String)> = r
                    .formed_from(&uid)
                    .map(|x| (x.id.clone(), x.name.vi.clone()))
                    .collect();
                crate::engine::order::sort_by(&mut parts, |a, b| {
                    crate::engine::collate::compare(&a.1, &b.1)
                });
                (parts, r.unit(&uid).and_then(|u| u.merged_into.clone()))
            })
        });
        let successor = successor.as_deref();
        let mut rows: Vec<EditionRow> = series_entries
            .get()
            .into_iter()
            .map(|e| {
                let current = e.id == ds.id;
                let state = if current {
                    Some(Ok(hit(&ds, &uid, &parts, successor, l)))
                } else {
                    loaded.with(|m| match m.get(&e.id) {
                        Some(Ok(d)) => Some(Ok(hit(d, &uid, &parts, successor, l))),
                        Some(Err(f)) if f.is_empty() => None,
                        Some(Err(f)) => Some(Err(f.clone())),
                        None => None,
                    })
                };
                EditionRow {
                    id: e.id.clone(),
                    edition: e.edition,
                    title: l.pick(&e.title).to_string(),
                    state,
                    current,
                }
            })
            .collect();
        if !rows.iter().any(|r| r.current) {
            // A dataset not in the manifest (imported or linked): show it on its own.
            rows.push(EditionRow {
                id: ds.id.clone(),
                edition: ds.edition,
                title: l.pick(&ds.title).to_string(),
                state: Some(Ok(hit(&ds, &uid, &parts, successor, l))),
                current: true,
            });
            // In its year's place (a stable sort: after the official table of that year).
            rows.sort_by_key(|r| r.edition);
        }
        rows
    });
    // (rank, units ranked, units of the group): ranked among fewer than the group, a rank is
    // not a place in it (DTI 2023 re-ranks the 10 of 63 provinces with every pillar: the
    // last of the 63 is 10th of the 10).
    let current_rank = move || {
        let i = chosen.get()?;
        let listed = app
            .dataset()
            .zip(app.group_id())
            .map_or(0, |(d, g)| d.units_in(&g).count());
        table.with(|t| match t.as_ref()? {
            Table::Computed { ranking, .. } => Some(
                ranking
                    .rank_of(i)
                    .map(|r| (r, ranking.ranked.len(), listed)),
            ),
            _ => None,
        })
    };
    // The ranking could not be computed for every weight at zero: not "official ranking only".
    let failed =
        move || table.with(|t| matches!(t, Some(Table::Error(_)))) && app.weights_all_zero();

    let select = move || {
        let l = lang();
        view! {
            <div class="field">
                <label for="profile-unit">{l.t("Chọn đơn vị", "Choose a unit")}</label>
                <select id="profile-unit"
                    on:change=move |ev| {
                        let id = event_target_value(&ev);
                        app.update(|v| v.unit = if id.is_empty() { None } else { Some(id) });
                    }
                >
                    <option value="" selected=move || chosen.get().is_none()>
                        {l.t("— chọn —", "— choose —")}
                    </option>
                    {move || units.get().into_iter().map(|(_, id, name)| {
                        let sel = chosen_id().as_deref() == Some(id.as_str());
                        view! { <option value=id selected=sel>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };

    view! {
        <section class="profile" aria-labelledby="profile-h">
            <h2 id="profile-h">{move || lang().t("Hồ sơ đơn vị", "Unit profile")}</h2>
            {select}
            {move || {
                let l = lang();
                let (Some(ds), Some(group)) = (app.dataset(), app.group_id()) else {
                    return ().into_any();
                };
                // Tracked here: `UnitDetails` lays its chart out for the page's width, and is
                // drawn again when a phone is turned.
                let _ = super::dom::narrow();
                let Some(i) = chosen.get() else {
                    let msg = if chosen_id().is_some() {
                        l.t(
                            "Đơn vị trong liên kết không có trong nhóm này. Hãy chọn một đơn vị ở trên.",
                            "The unit in the link is not in this group. Choose a unit above.",
                        )
                    } else {
                        l.t("Chọn một đơn vị để xem hồ sơ.", "Choose a unit to see its profile.")
                    };
                    return view! { <p class="notice">{msg}</p> }.into_any();
                };
                view! {
                    <UnitDetails ds=ds.clone() group=group.clone() unit=i lang=l/>
                    <EditionsTable rows=editions current_rank=Signal::derive(current_rank) failed=Signal::derive(failed) lang=l/>
                    <Sources ds=ds unit=i lang=l/>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn UnitDetails(ds: Arc<Dataset>, group: String, unit: usize, lang: Lang) -> impl IntoView {
    let app = use_app();
    let l = lang;
    let u = ds.units[unit].clone();
    let p = ds.precision as usize;
    let size = ds.group_size(&group);
    let rows = category_rows(&ds, &group, unit, l);
    let has_values = rows.iter().any(|r| r.value.is_some());
    let members = size;
    // Categories with a value for only part of the group: no median or best is shown for them.
    let partial = rows.iter().any(|r| r.count < members);
    let any_reference = rows.iter().any(|r| r.median.is_some());

    // Region and 2025 province, from the registry.
    let registry_part = move || {
        let reg = app.registry.get();
        let Some(reg) = reg else {
            return view! {
                <p class="muted">{l.t(
                    "Chưa tải được danh mục đơn vị (vùng, tỉnh năm 2025).",
                    "The units registry (regions, 2025 provinces) is not loaded.",
                )}</p>
            }
            .into_any();
        };
        let id = u.id.clone();
        let Some(ru) = reg.unit(&id) else {
            return view! {
                <p class="muted">{l.t("Đơn vị không có trong danh mục.", "The unit is not in the registry.")}</p>
            }
            .into_any();
        };
        let region = ru
            .region
            .as_deref()
            .and_then(|r| reg.region(r))
            .map(|r| l.pick(&r.name).to_string());
        // Place names as the datasets write them, with their diacritics, in both languages
        // (the registry's English names drop them: "Bac Ninh").
        let name_of = |id: &str| {
            reg.unit(id)
                .map(|x| x.name.vi.clone())
                .unwrap_or_else(|| id.to_string())
        };
        let province = ru.kind == "province";
        let successor = match &ru.merged_into {
            // "Merged into Quảng Ngãi" read oddly on Quảng Ngãi's own page: the province of
            // 2025 is named as such.
            Some(m) if province => format!(
                "{} {} {}",
                l.t("Sáp nhập vào", "Merged into"),
                name_of(m),
                l.t("(tỉnh mới năm 2025)", "(the province formed in 2025)")
            ),
            Some(m) => format!("{} {}", l.t("Hợp nhất vào", "Merged into"), name_of(m)),
            None if province => {
                let mut parts: Vec<String> =
                    reg.formed_from(&id).map(|x| x.name.vi.clone()).collect();
                crate::engine::order::sort_by(&mut parts, |a, b| {
                    crate::engine::collate::compare(a, b)
                });
                if parts.is_empty() {
                    l.t(
                        "Giữ nguyên sau sắp xếp năm 2025",
                        "Unchanged by the 2025 merger",
                    )
                    .to_string()
                } else {
                    format!(
                        "{} {}",
                        l.t(
                            "Tỉnh sau sắp xếp năm 2025, hợp từ",
                            "A 2025 province, formed from"
                        ),
                        parts.join(", ")
                    )
                }
            }
            // The registry follows the 2025 merger of provinces only; the ministries were
            // reorganised too (the footer names one), but no source here says how for each.
            None => l
                .t(
                    "Không có dữ liệu: danh mục chỉ ghi việc sắp xếp tỉnh năm 2025",
                    "Not recorded: the registry covers only the 2025 merger of provinces",
                )
                .to_string(),
        };
        view! {
            <dl class="facts">
                <dt>{l.t("Vùng", "Region")}</dt>
                <dd class="region">{region.unwrap_or_else(|| "—".into())}</dd>
                <dt>{if province { l.t("Tỉnh năm 2025", "2025 province") } else { l.t("Năm 2025", "In 2025") }}</dt>
                <dd class="successor">{successor}</dd>
            </dl>
        }
        .into_any()
    };

    // What a source does not give is said in words ("Official index — · rank 2/7" read as a
    // broken figure).
    let not_found = l.t("không có trong nguồn", "not in the sources");
    let official = format!(
        "{} {} · {} {}",
        l.t("Chỉ số chính thức", "Official index"),
        u.official
            .index
            .map(|x| l.num(x, p))
            .unwrap_or_else(|| format!("({not_found})")),
        l.t("hạng", "rank"),
        u.official
            .rank
            .map(|r| rank_out_of(&ds, &group, r, l))
            .unwrap_or_else(|| format!("({not_found})")),
    );

    let chart = if has_values {
        // On a phone, each label above its bar, and the bars the chart's width (`dom::narrow`).
        let narrow = super::dom::narrow();
        let (chart_w, x0, bar_w, row_h) = if narrow {
            (NARROW_W, 0.0, NARROW_W - 70.0, ROW_H + 14.0)
        } else {
            (CHART_W, LABEL_W, BAR_W, ROW_H)
        };
        let h = row_h * rows.len() as f64 + 10.0;
        let label = format!(
            "{}: {}",
            l.t(
                "Điểm chỉ số thành phần so với trung vị và cao nhất của nhóm",
                "Category scores against the group's median and best"
            ),
            u.name
        );
        let bars = rows
            .iter()
            .enumerate()
            .map(|(k, r)| {
                // The label's line, then the bar's (narrow); or both on one line.
                let (label_x, label_y, anchor) = if narrow {
                    (0.0, 5.0 + row_h * k as f64 + 12.0, "start")
                } else {
                    (x0 - 8.0, 5.0 + row_h * k as f64 + 18.0, "end")
                };
                let y = 5.0 + row_h * k as f64 + if narrow { 14.0 } else { 0.0 };
                let w = r.value.unwrap_or(0.0) * bar_w;
                let med = r.median.map(|m| x0 + m * bar_w);
                let best = r.best.map(|b| x0 + b * bar_w);
                let text = r
                    .value
                    .map(|v| l.num(v, p))
                    .unwrap_or_else(|| l.t("không có", "n/a").to_string());
                view! {
                    <g>
                        <text x=label_x y=label_y text-anchor=anchor class="p-label">{r.name.clone()}</text>
                        <rect x=x0 y=y + 6.0 width=bar_w height=14 class="p-track"></rect>
                        <rect x=x0 y=y + 6.0 width=w height=14 class="p-bar"></rect>
                        {med.map(|m| view! {
                            <line x1=m x2=m y1=y + 2.0 y2=y + 24.0 class="p-median"></line>
                        })}
                        {best.map(|b| view! {
                            <polygon points=format!("{},{} {},{} {},{} {},{}",
                                b, y + 7.0, b + 6.0, y + 13.0, b, y + 19.0, b - 6.0, y + 13.0)
                                class="p-best"></polygon>
                        })}
                        <text x=x0 + bar_w + 12.0 y=y + 18.0 class="p-value">{text}</text>
                    </g>
                }
            })
            .collect_view();
        view! {
            <figure class="profile-chart" class:narrow=narrow tabindex="0" data-scroll-hint=(!narrow).then(|| l.scroll_hint())>
                <svg class="chart" viewBox=format!("0 0 {chart_w} {h}") role="img" aria-label=label>
                    {bars}
                </svg>
                <figcaption class="legend">
                    <span class="key key-bar" aria-hidden="true"></span>{u.name.clone()}
                    {any_reference.then(|| view! {
                        <span class="key key-median" aria-hidden="true"></span>{l.t("trung vị nhóm (vạch đứt)", "group median (dashed line)")}
                        <span class="key key-best" aria-hidden="true"></span>{l.t("cao nhất nhóm (hình thoi)", "group best (diamond)")}
                    })}
                </figcaption>
            </figure>
        }
        .into_any()
    } else {
        view! {
            <p class="notice">{l.t(
                "Bộ dữ liệu này không có điểm chỉ số thành phần của đơn vị.",
                "This dataset has no category scores for this unit.",
            )}</p>
        }
        .into_any()
    };

    // A column of dashes where no category rank is published (DTI 2024: every row "—"); for the
    // group, so that the column does not come and go from one unit to the next.
    let any_rank = ds
        .units_in(&group)
        .any(|x| x.category_ranks.values().any(Option::is_some));
    let table_rows = rows
        .iter()
        .map(|r| {
            let f = |x: Option<f64>| x.map(|v| l.num(v, p)).unwrap_or_else(|| "—".into());
            view! {
                <tr>
                    <th scope="row">{r.name.clone()}</th>
                    <td class="num">{f(r.value)}</td>
                    <td class="num">{f(r.median)}</td>
                    <td class="num">{f(r.best)}</td>
                    {any_rank.then(|| view! {
                        <td class="num">{r.official_rank.map(|x| x.to_string()).unwrap_or_else(|| "—".into())}</td>
                    })}
                    <td class="num">{format!("{}/{members}", r.count)}</td>
                </tr>
            }
        })
        .collect_view();

    let note = u.note.clone();
    let any_category = rows
        .iter()
        .any(|r| r.value.is_some() || r.official_rank.is_some());
    let bundled = untrack(|| app.bundled());
    view! {
        <h3 class="unit-name" tabindex="-1">{u.name.clone()}</h3>
        <p class="official">{official}</p>
        {registry_part}
        {chart}
        // A table of dashes under a notice that there are no category scores said nothing
        // more: shown where the unit has a category score or rank.
        {any_category.then(|| view! {
        <table class="data-table profile-table" tabindex="0">
            <caption>{l.t("Điểm chỉ số thành phần (0–1, cao hơn là tốt hơn)", "Category scores (0–1, higher is better)")}</caption>
            <thead>
                <tr>
                    <th scope="col">{l.t("Chỉ số thành phần", "Category")}</th>
                    <th scope="col">{l.t("Đơn vị", "Unit")}</th>
                    <th scope="col">{l.t("Trung vị nhóm", "Group median")}</th>
                    <th scope="col">{l.t("Cao nhất nhóm", "Group best")}</th>
                    {any_rank.then(|| view! { <th scope="col">{l.t("Hạng chính thức", "Official rank")}</th> })}
                    <th scope="col">{l.t("Số đơn vị có số liệu", "Units with a value")}</th>
                </tr>
            </thead>
            <tbody>{table_rows}</tbody>
        </table>
        })}
        {partial.then(|| view! {
            <p class="notice partial-note">{l.t(
                "Trung vị và cao nhất nhóm chỉ có khi mọi đơn vị trong nhóm có số liệu (“—”: tính trên vài đơn vị, chúng không đại diện cho nhóm).",
                "The group's median and best are given only where every unit of the group has a value (“—”: over a few units they would not represent it).",
            )}</p>
        })}
        // The notes of the bundled files are the transcriber's, in English, quoting the
        // Vietnamese sources as printed: said so, and marked for screen readers.
        // An imported dataset's notes are the importer's, in whatever language.
        // Folded: it names the transcription files and quotes pages at length, for checking
        // rather than reading.
        {note.map(|n| if bundled {
            view! {
                <details class="unit-note">
                    <summary>{l.t("Ghi chú của người chép số liệu (tiếng Anh, trích nguồn nguyên văn)", "Transcriber's note")}</summary>
                    <span lang="en">{n}</span>
                </details>
            }.into_any()
        } else {
            view! { <p class="unit-note"><strong>{l.t("Ghi chú", "Note")}": "</strong>{n}</p> }.into_any()
        })}
    }
}

#[component]
fn EditionsTable(
    rows: Memo<Vec<EditionRow>>,
    current_rank: Signal<Option<Option<(u32, usize, usize)>>>,
    /// The current ranking failed (every weight at zero).
    failed: Signal<bool>,
    lang: Lang,
) -> impl IntoView {
    let l = lang;
    view! {
        <table class="data-table editions" tabindex="0">
            <caption>{l.t("Thứ hạng qua các kỳ (cùng bộ chỉ số)", "Ranks across editions (same series)")}</caption>
            <thead>
                <tr>
                    <th scope="col">{l.t("Kỳ", "Edition")}</th>
                    <th scope="col">{l.t("Nhóm", "Group")}</th>
                    <th scope="col">{l.t("Hạng chính thức", "Official rank")}</th>
                    <th scope="col">{l.t("Hạng theo trọng số hiện tại", "Rank under current weights")}</th>
                </tr>
            </thead>
            <tbody>
                {move || rows.get().into_iter().map(|r| {
                    let (group, rank) = match &r.state {
                        None => (l.t("đang tải…", "loading…").to_string(), String::new()),
                        Some(Err(f)) => (format!("{} {f}", l.t("không tải được", "could not load")), String::new()),
                        Some(Ok(h)) => (h.group.clone(), h.rank.clone()),
                    };
                    let now = if r.current {
                        match current_rank.get() {
                            Some(Some((r, ranked, listed))) if ranked < listed => format!(
                                "{r}/{ranked} ({} {ranked} {})",
                                l.t("trong", "among the"),
                                l.t("đơn vị tính được điểm", "units that can be scored"),
                            ),
                            Some(Some((r, ranked, _))) => format!("{r}/{ranked}"),
                            Some(None) => l.t("không xếp hạng (thiếu số liệu)", "not ranked (missing data)").to_string(),
                            None if failed.get() => l.t("— (mọi trọng số đều bằng 0)", "— (every weight is 0)").to_string(),
                            None => l.t("— (quá ít đơn vị có đủ điểm để xếp hạng lại)", "— (too few units with every score to re-rank)").to_string(),
                        }
                    } else {
                        "—".into()
                    };
                    view! {
                        <tr class:current=r.current data-edition=r.id.clone()>
                            <th scope="row">{format!("{} — {}", r.edition, r.title)}
                                {r.current.then(|| view! { <span class="badge">{l.t("đang xem", "shown")}</span> })}
                            </th>
                            <td>{group}</td>
                            <td class="num rank">{rank}</td>
                            <td class="num">{now}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Sources(ds: Arc<Dataset>, unit: usize, lang: Lang) -> impl IntoView {
    let l = lang;
    let u = &ds.units[unit];
    let items = u
        .sources
        .iter()
        .map(|sid| match ds.sources.iter().find(|s| &s.id == sid) {
            Some(s) => {
                let href = if s.url.starts_with("https://") || s.url.starts_with("http://") {
                    s.url.clone()
                } else {
                    String::new()
                };
                view! { <li><a href=href rel="noopener noreferrer" target="_blank">{l.source_title(&s.title)}</a></li> }
                    .into_any()
            }
            None => view! { <li>{sid.clone()}</li> }.into_any(),
        })
        .collect_view();
    let empty = u.sources.is_empty();
    view! {
        <h3>{l.t("Nguồn số liệu", "Sources of these numbers")}</h3>
        {empty.then(|| view! { <p class="muted">{l.t("Dòng này không nêu nguồn.", "This row names no source.")}</p> })}
        <ul class="sources">{items}</ul>
    }
}
