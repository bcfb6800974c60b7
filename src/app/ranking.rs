//! The ranking view: coverage, filters, the table (sortable, virtualised when long), the units
//! that cannot be ranked, and export. Rows come from `table.rs`; numbers from the engine or the
//! dataset file.

use super::dom;
use super::i18n::Lang;
use super::lazy;
use super::query::{SortBy, View, ViewState};
use super::rows;
use super::stage::{self, Later};
use super::state::{table_memo, use_app, AppState, Table};
use super::table::{self, Filter, Row, Rows, ShownRows, Unranked};
use super::weights::NoCategoryScores;
use crate::engine::dataset::{Dataset, WeightBasis};
use crate::engine::score::Options;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The unit of the row holding the element an event came from, when that element (or one of
/// its ancestors inside the row) matches `selector`.
fn unit_of(ev: &web_sys::Event, selector: &str) -> Option<String> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    target.closest(selector).ok()??;
    target.closest("tr").ok()??.get_attribute("data-unit")
}

/// Above this many rows the table renders only the rows in view.
const VIRTUAL_AFTER: usize = 150;
/// Row height in pixels in a virtualised table (fixed by CSS `.virtual tbody tr`).
const ROW_H: f64 = 42.0;
/// Steps of the weights under this far apart count as quick succession: the rows a step left
/// off screen (rows.rs) are then written once the steps pause this long, not after each frame.
const LATER_MS: u64 = 120;
/// How long the weights must rest before the re-ranking is announced to screen readers.
const ANNOUNCE_MS: u64 = 300;

/// Clears the timer kept in `timer`, if one is set.
/// Coverage of the current group, always visible.
#[component]
pub fn Coverage() -> impl IntoView {
    let app = use_app();
    move || {
        let ds = app.dataset()?;
        let g = app.group_id()?;
        let l = app.lang();
        let cov = ds.compute_coverage().into_iter().find(|c| c.group == g)?;
        // The first letter only lower-cased, in the middle of the sentence: "Trung ương" and
        // "Chính phủ" keep theirs.
        let gname = ds.group(&g).map(|x| {
            let n = l.pick(&x.name);
            let mut c = n.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_lowercase().chain(c).collect())
        })?;
        // Out of the units evaluated where the file says how many; else out of those it lists,
        // and said so (the 2016–2019 government agencies: the sources name a few).
        let (of, whole) = match cov.units_evaluated {
            Some(n) => (n.max(cov.units_listed), ""),
            None => (
                cov.units_listed,
                l.t(
                    " có trong tệp (không rõ số đơn vị được đánh giá)",
                    " in the file (how many were evaluated is not known)",
                ),
            ),
        };
        // Units with some category scores but not all (a province whose pillar scores a
        // source gave in part): counted apart, or "0 of 63" hid the values the table shows.
        let partial = ds
            .units_in(&g)
            .filter(|u| ds.categories.iter().any(|c| u.score(&c.id).is_some()))
            .count() as u32;
        let partial = partial.saturating_sub(cov.complete);
        let text = match l {
            Lang::Vi => format!(
                "Điểm đủ các chỉ số thành phần được công bố cho {} trên {} {}{whole}{}; chỉ số tổng hợp chính thức cho {}; hạng chính thức cho {}.",
                cov.complete, of, gname,
                if partial > 0 { format!("; một phần điểm thành phần cho {partial}") } else { String::new() },
                cov.with_index, cov.with_rank
            ),
            Lang::En => format!(
                "Every category score published for {} of {} {}{whole}{}; official overall index for {}; official rank for {}.",
                cov.complete, of, gname,
                if partial > 0 { format!("; some category scores for {partial}") } else { String::new() },
                cov.with_index, cov.with_rank
            ),
        };
        let listed = (cov.units_evaluated.is_some_and(|e| e > cov.units_listed)).then(|| match l {
            Lang::Vi => format!(
                " Tệp chỉ có {} đơn vị: các nguồn công khai không nêu số còn lại.",
                cov.units_listed
            ),
            Lang::En => format!(
                " The file lists {} units: public sources do not give the rest.",
                cov.units_listed
            ),
        });
        Some(view! {
            <p class="coverage" data-testid="coverage">
                <strong>{l.t("Độ phủ dữ liệu: ", "Data coverage: ")}</strong>{text}{listed}
            </p>
        })
    }
}

fn sort_header(
    app: AppState,
    key: SortBy,
    label: String,
    extra_class: &'static str,
) -> impl IntoView {
    // Scores, changes and category values come best first (largest) on the first activation,
    // ranks and names from 1 and from A: `aria-sort` (and the arrow CSS draws from it) says
    // which way the values themselves run.
    let largest_first = matches!(key, SortBy::Score | SortBy::Change | SortBy::Category(_));
    let k1 = key.clone();
    let k2 = key.clone();
    let said = label.clone();
    let aria = move || {
        app.view.with(|v| {
            if v.sort == k1 {
                if v.descending != largest_first {
                    "descending"
                } else {
                    "ascending"
                }
            } else {
                "none"
            }
        })
    };
    let l = app.lang();
    view! {
        <th scope="col" class=extra_class aria-sort=aria>
            <button type="button" on:click=move |_| {
                let k = k2.clone();
                let mut down = false;
                app.update(|v| {
                    if v.sort == k {
                        v.descending = !v.descending;
                    } else {
                        v.sort = k;
                        v.descending = false;
                    }
                    down = v.descending != largest_first;
                });
                // Said: a change of `aria-sort` on the header of the button in focus went
                // unread.
                let l = app.lang();
                app.say(format!(
                    "{} “{said}”, {}.",
                    l.t("Đã sắp xếp theo", "Sorted by"),
                    if down { l.t("giảm dần", "descending") } else { l.t("tăng dần", "ascending") }
                ));
            } title=l.t("Sắp xếp theo cột này", "Sort by this column")>{label}</button>
        </th>
    }
}

/// The ranking view: coverage, filters, table, not-ranked list, export.
#[component]
pub fn RankingView() -> impl IntoView {
    let app = use_app();
    let table = table_memo(app);
    let lang = move || app.lang();
    let fixed = Memo::new(move |_| {
        let ds = app.dataset()?;
        let g = app.group_id()?;
        // Found by the other names the registry knows (English, "TP HCM", a predecessor's),
        // once it has arrived.
        let aka = |id: &str| {
            app.registry
                .with(|r| r.as_ref().map(|r| r.search_names(id)).unwrap_or_default())
        };
        Some(Arc::new(table::Fixeds::new(&ds, &g).also_named(aka)))
    });
    // Rows change whenever the table does (every score moves with the weights), so comparing
    // 10,000 old rows with the new ones on each step would only cost time: always "changed".
    let data = Memo::new_with_compare(
        move |_| {
            let ds = app.dataset()?;
            // `with`, not `get`: a 10,000-unit ranking is not copied on every step.
            table.with(|t| {
                let t = t.as_ref()?;
                fixed.with(|f| f.as_ref().map(|f| table::rows(&ds, f, t)))
            })
        },
        |_, _| true,
    );
    let registry = app.registry;
    let region_of = move |id: &str| -> Option<String> {
        registry.with(|r| {
            r.as_ref()
                .and_then(|r| r.unit(id))
                .and_then(|u| u.region.clone())
        })
    };
    let cat_ids = Memo::new(move |_| {
        app.dataset()
            .map(|d| {
                d.categories
                    .iter()
                    .map(|c| c.id.clone())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    // Positions of the rows shown, after filter and sort (and the embed's row limit, with where
    // it left rows out).
    let shown = Memo::new(move |_| {
        let cats = cat_ids.get();
        // Read in place: a copy of the whole view state on every slider step is not needed.
        app.view.with(|v| {
            data.with(|d| {
                let (rows, _) = d.as_ref()?;
                let f = Filter::of(v);
                let positions =
                    table::visible_positions(rows, &f, &region_of, &v.sort, v.descending, &cats);
                Some(if v.embed && v.rows > 0 {
                    table::first_rows(rows, positions, v.rows, &|id| {
                        v.highlight.iter().any(|h| h == id)
                    })
                } else {
                    ShownRows::all(positions)
                })
            })
        })
    });
    // The units not ranked that the name and region filters keep, for the list below the
    // table, and how many there are in all.
    let unranked = Memo::new(move |_| {
        app.view.with(|v| {
            let f = Filter::of(v);
            data.with(|d| {
                let all = d.as_ref().map_or(&[][..], |d| &d.1[..]);
                let shown: Vec<Unranked> = table::unranked_shown(all, &f, &region_of)
                    .into_iter()
                    .cloned()
                    .collect();
                (shown, all.len())
            })
        })
    });
    // Under the official weights, how many recomputed scores differ from the published index
    // (rounded category scores; see `table::official_gap`).
    // Kept for the dataset, group and options it was counted for: a slider moved back and forth
    // across the official weights counted it again at each return (0.1–0.3 ms a step at
    // 10,000 units, in a CPU profile).
    type GapKey = (usize, String, Options);
    let counted = StoredValue::new(None::<(GapKey, Option<(usize, usize, f64, usize)>)>);
    let gap = Memo::new(move |_| {
        let ds = app.dataset()?;
        // In an embed too: an article's reader sees the same recomputed scores (Huế 0,7952
        // against the published 0,7951), and needs the same reason.
        if ds.weight_basis == WeightBasis::Unknown || app.weights()? != ds.default_weights() {
            return None;
        }
        let key = (Arc::as_ptr(&ds) as usize, app.group_id()?, app.options());
        if let Some(hit) = counted.with_value(|c| c.as_ref().filter(|c| c.0 == key).map(|c| c.1)) {
            return hit;
        }
        let (differ, both, most) =
            data.with(|d| d.as_ref().map(|d| table::official_gap(&d.0, ds.precision)))?;
        let found = (differ > 0).then_some((differ, both, most, ds.precision as usize));
        counted.set_value(Some((key, found)));
        found
    });
    // Memos, so that what depends on them re-runs when they change, not on every re-ranking.
    let official = Memo::new(move |_| table.with(|t| matches!(t, Some(Table::Official { .. }))));
    let has_baseline = Memo::new(move |_| {
        let (Some(ds), Some(g)) = (app.dataset(), app.group_id()) else {
            return true;
        };
        let any = ds.units_in(&g).any(|u| u.official.rank.is_some());
        any
    });
    // The table has no "Change" column: the official table, or a group with no official rank to
    // compare with.
    let no_change = Memo::new(move |_| official.get() || !has_baseline.get());
    // A sort by the change there (from a link, or a click in another group) is by rank, and the
    // headers and the address say so: sorted by a change no row has, it came out in name order.
    let by_change = Memo::new(move |_| app.view.with(|v| v.sort == SortBy::Change));
    Effect::new(move |_| {
        if by_change.get() && no_change.get() {
            app.replace_next.set_value(true);
            app.update(|v| {
                v.sort = SortBy::Rank;
                v.descending = false;
            });
        }
    });
    // The one problem a reader can cause here, every weight at zero, is told with what to do;
    // any other (a link's weights that do not fit, say) is shown as the engine says it.
    let error = Memo::new(move |_| {
        table.with(|t| match t {
            Some(Table::Error(p)) => {
                Some(if app.weights_all_zero() {
                    app.lang()
                        .t(
                            "Mọi trọng số đều bằng 0, nên không xếp hạng được. Hãy đặt ít nhất một trọng số lớn hơn 0, hoặc chọn một mẫu trọng số.",
                            "Every weight is 0, so nothing can be ranked. Set at least one weight above 0, or pick a preset.",
                        )
                        .to_string()
                } else {
                    app.lang().pick(&p.located()).to_string()
                })
            }
            _ => None,
        })
    });

    let relative =
        Memo::new(move |_| data.with(|d| d.as_ref().is_some_and(|(rows, _)| rows.relative)));

    // Tell screen readers what a change of weights did, once the changes pause for
    // ANNOUNCE_MS: a dragged slider would otherwise queue one message per step, and every step
    // would compare the rank of every unit.
    // The ranks last announced (or taken), and of which dataset and group.
    type Said = ((String, Option<String>), Vec<Option<u32>>);
    let previous = StoredValue::new(None::<Said>);
    // The dataset and group shown: ranks of another group are not compared with.
    let shown_group = move || {
        (
            app.dataset().map(|d| d.id.clone()).unwrap_or_default(),
            app.group_id(),
        )
    };
    let announce = move || {
        let Some(ds) = app.dataset() else { return };
        let group = shown_group();
        // Rank per unit index: comparing two of these is linear, whatever the group's size.
        let Some((now, first)) = table
            .try_with(|t| match t {
                Some(Table::Computed { ranking, .. }) => {
                    let mut now = vec![None; ds.units.len()];
                    for r in &ranking.ranked {
                        now[r.unit] = Some(r.rank);
                    }
                    // The first and how many share the first place with it (a tie of 24 under
                    // "only digital awareness" is not one unit first).
                    let first = ranking.ranked.first().map(|r| {
                        let tied = ranking.ranked.iter().take_while(|x| x.rank == 1).count();
                        (ds.units[r.unit].name.clone(), tied.saturating_sub(1))
                    });
                    Some((now, first.unwrap_or_default()))
                }
                _ => None,
            })
            .flatten()
        else {
            // Nothing ranked (every weight at 0): no ranks, kept as such, so that the ranking
            // that comes back is said. Forgotten (None), it counted as a new view, said nothing.
            previous.try_set_value(Some((group, Vec::new())));
            return;
        };
        let moved = previous
            .try_with_value(|before| match before {
                // From no ranking to one: every unit ranked has a new rank.
                Some((of, before)) if *of == group && before.is_empty() => {
                    now.iter().flatten().count()
                }
                Some((of, before)) if *of == group && before.len() == now.len() => {
                    before.iter().zip(&now).filter(|(a, b)| a != b).count()
                }
                _ => 0,
            })
            .unwrap_or(0);
        let compared = previous
            .try_with_value(|before| matches!(before, Some((of, _)) if *of == group))
            .unwrap_or(false);
        if moved == 0 && compared {
            // Said too, or a weight change that moved no unit would seem not to have happened.
            app.say(
                app.lang()
                    .t(
                        "Đã xếp hạng lại: không đơn vị nào đổi hạng.",
                        "Re-ranked: no unit changed rank.",
                    )
                    .to_string(),
            );
        } else if moved > 0 {
            let l = app.lang();
            let (first, others) = first;
            app.say(match (l, others) {
                (Lang::Vi, 0) => {
                    format!("Đã xếp hạng lại: {moved} đơn vị đổi hạng; đứng đầu: {first}.")
                }
                (Lang::Vi, n) => format!(
                    "Đã xếp hạng lại: {moved} đơn vị đổi hạng; {} đơn vị đồng hạng nhất, trong đó có {first}.",
                    n + 1
                ),
                (Lang::En, n) => {
                    let units = if moved == 1 { "unit" } else { "units" };
                    if n == 0 {
                        format!("Re-ranked: {moved} {units} changed rank; first: {first}.")
                    } else {
                        format!(
                            "Re-ranked: {moved} {units} changed rank; {} units share first place, {first} among them.",
                            n + 1
                        )
                    }
                }
            });
        }
        previous.try_set_value(Some((group, now)));
    };
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        table.track();
        dom::cancel_timer(pending);
        // Nothing to compare with yet (a new view, another dataset or group): take the ranks at
        // once, so that steps taken sooner than ANNOUNCE_MS are compared with them.
        let group = untrack(shown_group);
        let fresh = previous
            .try_with_value(|p| p.as_ref().is_none_or(|(of, _)| *of != group))
            .unwrap_or(true);
        if fresh {
            untrack(announce);
            return;
        }
        let h = set_timeout_with_handle(
            move || untrack(announce),
            std::time::Duration::from_millis(ANNOUNCE_MS),
        )
        .ok();
        pending.try_set_value(h);
    });
    on_cleanup(move || {
        dom::cancel_timer(pending);
    });

    // What a filter left, told to screen readers once the typing pauses: the table changes
    // silently otherwise, and "no unit matches" is a paragraph, not a status.
    // Keyed by dataset and group too: another group resets the region filter, and that is
    // no filter of the reader's to report ("Showing: …" says what changed).
    let filters = Memo::new(move |_| {
        let shown_in = (
            app.dataset().map(|d| d.id.clone()).unwrap_or_default(),
            app.group_id(),
        );
        app.view.with(|v| {
            (
                shown_in,
                (
                    v.filter.trim().to_string(),
                    v.region.clone(),
                    v.complete_only,
                ),
            )
        })
    });
    let filter_timer = StoredValue::new_local(None::<TimeoutHandle>);
    type FilterKey = ((String, Option<String>), (String, Option<String>, bool));
    Effect::new(move |before: Option<FilterKey>| {
        let now = filters.get();
        dom::cancel_timer(filter_timer);
        let by_reader = before.is_some_and(|b| b.0 == now.0 && b.1 != now.1);
        if !by_reader {
            return now;
        }
        let say = move || {
            let ranked = shown.with_untracked(|s| s.as_ref().map_or(0, |s| s.positions.len()));
            let apart = unranked.with_untracked(|(u, _)| u.len());
            let l = app.lang();
            let mut text = match (l, ranked) {
                (Lang::Vi, 0) => "Không có đơn vị được xếp hạng nào khớp bộ lọc.".to_string(),
                (Lang::En, 0) => "No ranked unit matches the filters.".to_string(),
                (Lang::Vi, n) => format!("{n} đơn vị được xếp hạng khớp bộ lọc."),
                (Lang::En, 1) => "1 ranked unit matches the filters.".to_string(),
                (Lang::En, n) => format!("{n} ranked units match the filters."),
            };
            if apart > 0 {
                text.push(' ');
                text.push_str(&match l {
                    Lang::Vi => format!("{apart} đơn vị không được xếp hạng khớp, liệt kê riêng."),
                    Lang::En => format!("{apart} not ranked, listed apart."),
                });
            }
            app.say(text);
        };
        let h =
            set_timeout_with_handle(say, std::time::Duration::from_millis(ANNOUNCE_MS * 2)).ok();
        filter_timer.try_set_value(h);
        now
    });
    on_cleanup(move || dom::cancel_timer(filter_timer));

    view! {
        <section class="ranking" aria-labelledby="ranking-h">
            <h2 id="ranking-h" class:sr-only=move || app.view.with(|v| v.embed)>{move || lang().t("Bảng xếp hạng", "Ranking")}</h2>
            <Coverage/>
            // Not beside the weights panel, which says the same in the sliders' place.
            <Show when=move || official.get() && app.view.with(|v| !v.embed && v.view != View::Weights)>
                <NoCategoryScores/>
            </Show>
            <p class="basis">{move || if official.get() && !app.bundled() {
                lang().t(
                    "Xếp hạng theo đúng dữ liệu này (không có điểm từng chỉ số thành phần để tính lại).",
                    "The ranking as these data give it (there are no category scores to re-rank with).",
                )
            } else if official.get() {
                lang().t(
                    "Xếp hạng chính thức, như cơ quan công bố đã in.",
                    "The official ranking, as printed by the publisher.",
                )
            } else if !has_baseline.get() {
                lang().t(
                    "Xếp hạng tính lại theo trọng số đang chọn (bảng không có hạng chính thức để so sánh).",
                    "Re-ranked under the weights chosen (the table has no official rank to compare with).",
                )
            } else {
                lang().t(
                    "Xếp hạng tính lại theo trọng số đang chọn; cột “Thay đổi” so với hạng chính thức.",
                    "Re-ranked under the weights chosen; “Change” compares with the official rank.",
                )
            }}</p>
            {move || error.get().map(|e| view! { <p class="error-inline" role="alert">{e}</p> })}
            {move || {
                relative.get().then(|| view! {
                    <p class="basis relative-note">{lang().t(
                        "Không phải đơn vị nào cũng được xếp hạng ở đây, nên “Thay đổi” so với thứ tự chính thức của chính các đơn vị này (hạng chính thức được đánh lại trong nhóm này).",
                        "Not every unit is ranked here, so “Change” compares with the official order of these units alone (their official ranks renumbered among them).",
                    )}</p>
                })
            }}
            <Filters/>
            // In the page's first view, the table and what follows it come a frame after the
            // heading and filters above (stage.rs).
            <Later><div class="ranking-body">
            // An embed has no export: a sandboxed frame can neither download nor copy.
            <Show when=move || !app.view.with(|v| v.embed)>
                <Toolbar data=data table=table shown=shown unranked=unranked/>
            </Show>
            // Built anew for another dataset or group: the category columns are the group's.
            {move || {
                let ds = app.dataset()?;
                let group = app.group_id()?;
                Some(view! { <RankTable ds=ds group=group data=data shown=shown official=official no_change=no_change error=error/> })
            }}
            // Below the table, as a footnote: above it, the note came and went as a dragged
            // slider crossed the official weights, and moved the whole table each time (a step
            // then cost about 3 ms more of layout, paint and commit; tests/benches/step-trace.mjs).
            {move || gap.get().filter(|_| !official.get()).map(|(n, m, d, p)| {
                let l = lang();
                let d = l.num(d, p);
                let inferred = app.dataset().is_some_and(|ds| ds.weight_basis == WeightBasis::Inferred);
                let (vi, en) = if inferred { ("suy ra", "inferred") } else { ("chính thức", "official") };
                view! { <p class="basis official-gap">{match l {
                    Lang::Vi => format!("Với trọng số {vi}, điểm tính lại khác chỉ số công bố ở {n}/{m} đơn vị, nhiều nhất {d}: nguồn công bố điểm các chỉ số thành phần đã làm tròn."),
                    Lang::En => format!("Under the {en} weights the recomputed score differs from the published index for {n} of {m} units, by {d} at most: the sources publish the category scores already rounded."),
                }}</p> }
            })}
            <LazyUnranked unranked=unranked/>
            </div></Later>
        </section>
    }
}

#[component]
fn Filters() -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    // A memo, so that the list is not rebuilt on each change of the view (a slider step).
    let region = Memo::new(move |_| app.view.with(|v| v.region.clone()));
    let regions = move || {
        let ds = app.dataset()?;
        let g = app.group_id()?;
        app.registry.with(|r| {
            let r = r.as_ref()?;
            let mut used: Vec<(String, String)> = r
                .regions
                .iter()
                .filter(|reg| {
                    ds.units_in(&g)
                        .any(|u| r.unit(&u.id).and_then(|x| x.region.as_deref()) == Some(&reg.id))
                })
                .map(|reg| (reg.id.clone(), app.lang().pick(&reg.name).to_string()))
                .collect();
            used.dedup();
            // A region the link asks for that no unit of the group is in (a link edited by
            // hand, a group changed): listed too, so the filter that hides every unit shows,
            // and "All" clears it.
            if let Some(asked) = region.get() {
                if !used.iter().any(|(id, _)| *id == asked) {
                    let name = r
                        .region(&asked)
                        .map_or(asked.clone(), |reg| app.lang().pick(&reg.name).to_string());
                    used.push((asked, name));
                }
            }
            (!used.is_empty()).then_some(used)
        })
    };
    view! {
        <div class="filters" role="search">
            <label class="field">
                <span>{move || lang().t("Tìm đơn vị", "Find a unit")}</span>
                <input type="search" id="filter-name"
                    placeholder=move || lang().t("ví dụ: da nang", "e.g. da nang")
                    prop:value=move || app.view.with(|v| v.filter.clone())
                    on:input=move |ev| { let t = event_target_value(&ev); app.update(|v| v.filter = t) }/>
            </label>
            {move || regions().map(|rs| view! {
                <label class="field">
                    <span>{lang().t("Vùng", "Region")}</span>
                    <select id="filter-region" on:change=move |ev| {
                        let r = event_target_value(&ev);
                        app.update(|v| v.region = (!r.is_empty()).then_some(r));
                    }>
                        <option value="" selected=move || app.view.with(|v| v.region.is_none())>{lang().t("Tất cả", "All")}</option>
                        {rs.into_iter().map(|(id, name)| {
                            let id2 = id.clone();
                            view! { <option value=id selected=move || app.view.with(|v| v.region.as_deref() == Some(id2.as_str()))>{name}</option> }
                        }).collect_view()}
                    </select>
                </label>
            })}
            <label class="check">
                <input type="checkbox" id="filter-complete" prop:checked=move || app.view.with(|v| v.complete_only)
                    on:change=move |ev| { let c = event_target_checked(&ev); app.update(|v| v.complete_only = c) }/>
                {move || lang().t("Chỉ đơn vị có đủ dữ liệu", "Only units with complete data")}
            </label>
        </div>
    }
}

type Data = Memo<Option<(Rows, Vec<Unranked>)>>;

/// "Copy link": the address of the exact view shown (state.rs, `share_url`), to the clipboard,
/// or, where the browser refuses, into `status` for the reader to copy.
#[component]
pub fn CopyLink(status: RwSignal<String>) -> impl IntoView {
    let app = use_app();
    let copy = move |_| {
        let l = app.lang();
        if super::state::showing_user_table(app) && app.user_fragment.get_value().is_none() {
            status.set(
                l.t(
                    "Bảng của bạn quá lớn để đặt trong một liên kết; hãy xuất tệp dữ liệu (thẻ “Nhập dữ liệu”) và gửi tệp đó.",
                    "Your table is too large to fit in a link; export the dataset file (the “Import data” tab) and send that.",
                )
                .to_string(),
            );
            return;
        }
        let href = super::state::share_url(app);
        leptos::task::spawn_local(async move {
            let ok = dom::copy_text(&href).await;
            status.set(if ok {
                l.t("Đã sao chép liên kết.", "Link copied.").to_string()
            } else {
                format!(
                    "{} {href}",
                    l.t(
                        "Không sao chép được; hãy tự chép:",
                        "Could not copy; copy it yourself:"
                    )
                )
            });
        });
    };
    view! {
        <button type="button" class="btn" id="copy-link" on:click=copy>{move || app.lang().t("Sao chép liên kết", "Copy link")}</button>
    }
}

#[component]
fn Toolbar(
    data: Data,
    table: Memo<Option<Table>>,
    shown: Memo<Option<ShownRows>>,
    /// The units not ranked that the filters keep, as the list below the table shows them.
    unranked: Memo<(Vec<Unranked>, usize)>,
) -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    let status = RwSignal::new(String::new());
    // The writers of the files (CSV, JSON) are in a chunk of their own, fetched on the first
    // export (lazy.rs): a reader who never exports does not download them with the page.
    let export = move |json: bool| {
        leptos::task::spawn_local(async move {
            let written = lazy::exporter().await;
            let l = app.lang();
            let Ok(write) = written else {
                status.try_set(
                    l.t(
                        "Không tải được phần tạo tệp của ứng dụng; hãy kiểm tra kết nối mạng rồi thử lại.",
                        "The part of the app that writes files could not be loaded; check the connection and try again.",
                    )
                    .to_string(),
                );
                return;
            };
            // `try_`: the reader may have left the view while the chunk came, and its memos
            // with it.
            let (Some(ds), Some(g), Some(t), Some((rows, _)), Some(shown), Some(unranked)) = (
                app.dataset(),
                app.group_id(),
                table.try_get_untracked().flatten(),
                data.try_get_untracked().flatten(),
                shown.try_get_untracked().flatten(),
                unranked.try_with_untracked(|u| u.0.clone()),
            ) else {
                return;
            };
            let refs: Vec<Row> = shown
                .positions
                .iter()
                .filter_map(|&i| rows.get(i as usize))
                .collect();
            let v = app.view.get_untracked();
            let region_name = v.region.as_ref().and_then(|id| {
                app.registry.with_untracked(|r| {
                    let reg = r.as_ref()?.regions.iter().find(|x| &x.id == id)?;
                    Some(l.pick(&reg.name).to_string())
                })
            });
            let filter = Filter {
                region_name: region_name.as_deref(),
                ..Filter::of(&v)
            };
            let export = table::Export {
                ds: &ds,
                group: &g,
                table: &t,
                rows: &refs,
                unranked: &unranked,
                options: app.options(),
                filter: &filter,
                lang: l,
            };
            let (ext, mime) = if json {
                ("json", "application/json")
            } else {
                ("csv", "text/csv;charset=utf-8")
            };
            let r = dom::download(
                &format!("xephang-{}-{g}.{ext}", ds.id),
                mime,
                &write(&export, json),
            );
            status.try_set(match r {
                Ok(()) => l.t("Đã tạo tệp tải về.", "Download created.").to_string(),
                Err(e) => format!(
                    "{}: {e}",
                    l.t("Không tạo được tệp", "Could not create the file")
                ),
            });
        });
    };
    view! {
        <div class="toolbar" role="group" aria-label=move || lang().t("Xuất và chia sẻ", "Export and share")>
            <button type="button" class="btn" id="export-csv" on:click=move |_| export(false)>{move || lang().t("Tải CSV", "Download CSV")}</button>
            <button type="button" class="btn" id="export-json" on:click=move |_| export(true)>{move || lang().t("Tải JSON", "Download JSON")}</button>
            <CopyLink status=status/>
            <span class="status" role="status">{move || status.get()}</span>
        </div>
    }
}

#[component]
fn RankTable(
    ds: Arc<Dataset>,
    group: String,
    data: Data,
    shown: Memo<Option<ShownRows>>,
    official: Memo<bool>,
    /// No "Change" column: the official table, or a group with no official rank (a reader's
    /// table without a rank column) to compare with.
    no_change: Memo<bool>,
    /// The ranking's problem (every weight at zero, say), told above the table: the table then
    /// says nothing of its own emptiness.
    error: Memo<Option<String>>,
) -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    let precision = ds.precision as usize;
    let group_empty = ds.units_in(&group).next().is_none();
    // Category columns only where the group has some value to show.
    let cats: Vec<(usize, String, crate::engine::dataset::Text)> = ds
        .categories
        .iter()
        .enumerate()
        .filter(|(_, c)| ds.units_in(&group).any(|u| u.score(&c.id).is_some()))
        .map(|(j, c)| (j, c.id.clone(), c.name.clone()))
        .collect();
    let cats = Arc::new(cats);
    let scroll = RwSignal::new(0.0f64);
    let height = 560.0;
    let count = move || shown.with(|s| s.as_ref().map_or(0, |s| s.positions.len()));
    let virtual_mode = move || count() > VIRTUAL_AFTER;
    let window_range = move || {
        let n = count();
        if n <= VIRTUAL_AFTER {
            return (0, n);
        }
        let first = ((scroll.get() / ROW_H).floor() as usize)
            .saturating_sub(10)
            .min(n);
        let last = (first + (height / ROW_H).ceil() as usize + 20).min(n);
        (first, last)
    };
    let highlight = move |id: &str| app.view.with(|v| v.highlight.iter().any(|h| h == id));
    let selected = move |id: &str| app.view.with(|v| v.selected.iter().any(|h| h == id));
    let cats_head = cats.clone();
    let ncols = 5 + cats.len();

    // The body is written by `rows::Body`, which changes only the cells whose text changed
    // (see rows.rs for why); this effect hands it the current rows and window.
    let tbody = NodeRef::<leptos::html::Tbody>::new();
    let body = StoredValue::new_local(None::<rows::Body>);
    // Fired when a row left unwritten comes on screen: the effect below then writes it.
    let reveal = ArcTrigger::new();
    let revealed = reveal.clone();
    // Writes the rows; with `screen_first`, maybe only those on screen (see rows.rs). True when
    // some rows were left for later.
    let write = Rc::new(move |screen_first: bool| -> bool {
        let Some(el) = tbody.get() else {
            return false;
        };
        let l = lang();
        let no_change = no_change.get();
        let layout = rows::Layout {
            lang: l,
            no_change,
            cats: Arc::new(cats.iter().map(|(j, _, _)| *j).collect()),
            precision,
            ncols: if no_change { ncols - 1 } else { ncols },
        };
        let (first, last) = window_range();
        let total = count();
        shown.with(|shown| {
            data.with(|d| {
                let (Some(shown), Some((rows, _))) = (shown, d) else {
                    return false;
                };
                let frame = rows::Frame {
                    rows,
                    window: &shown.positions[first.min(last)..last],
                    first,
                    total,
                    row_height: ROW_H,
                    highlight: &highlight,
                    selected: &selected,
                    // An embed limited to `rows` rows shows a highlighted unit ranked below
                    // them after them (`table::first_rows`), and the table marks the gap.
                    skipped: &shown.after_gap,
                };
                body.try_update_value(|b| {
                    b.get_or_insert_with(|| {
                        let reveal = reveal.clone();
                        rows::Body::new(el.clone().into(), Rc::new(move || reveal.notify()))
                    })
                    .update(&layout, &frame, screen_first)
                })
                .unwrap_or(false)
            })
        })
    });
    // A change of the weights alone (the view but its weights, and the window, as they were)
    // writes the rows on screen in its own frame, and the rest wait (rows.rs): until just after
    // that frame is painted, or, while the steps come in quick succession (under LATER_MS apart:
    // a slider dragged, a key held), until they pause for LATER_MS. Each step's frame then lays
    // out only the rows a reader can see. A change of the view (a sort, a filter, the language,
    // another dataset) or a scroll writes every row at once, so that what is read next is whole.
    let later = StoredValue::new_local(None::<TimeoutHandle>);
    // What the last change showed (the view but its weights, the window of a virtualised table,
    // and the weights) and when it was written.
    type Shown = (ViewState, (usize, usize));
    let last = StoredValue::new_local(None::<(Shown, Option<Vec<f64>>, f64)>);
    let write_now = write.clone();
    // Counts the changes: a late write does nothing once a newer change has come (with a late
    // write of its own), nor after cleanup, which counts one more.
    let writes = Arc::new(AtomicU64::new(0));
    let writes_at_cleanup = writes.clone();
    // Whether a late write is waiting.
    let waiting = StoredValue::new_local(false);
    // The late write for change number `this`: it writes the rows left waiting, once.
    let late_write = {
        let writes = writes.clone();
        move |this: u64| {
            let write = write.clone();
            let writes = writes.clone();
            move || {
                if writes.load(Ordering::Relaxed) == this && waiting.try_get_value() == Some(true) {
                    later.try_set_value(None);
                    waiting.try_set_value(false);
                    untrack(|| write(false));
                }
            }
        }
    };
    // In the page's first view the rows are written in a task after the one that built the
    // table (stage.rs). Should a frame be drawn in between, the ranking stays hidden for it
    // (style/main.css, `tbody[data-pending]`): its columns would widen under the rows.
    let hold = StoredValue::new_local(stage::staged());
    let pending = StoredValue::new_local(false);
    let release = ArcTrigger::new();
    Effect::new(move |_| {
        // The rows first: a re-ranking that leaves `shown` as it was (the same positions, in
        // rank order) must re-run this effect. Read after `shown`, which brings it up to date,
        // `data` would report no change: reactive_graph's effects ask their sources in the
        // order they were read. (The view state, read below, changes with the weights too.)
        data.track();
        revealed.track();
        release.track();
        if hold.try_get_value() == Some(true) {
            hold.try_set_value(false);
            if let Some(el) = tbody.get_untracked() {
                let _ = el.set_attribute("data-pending", "");
                pending.try_set_value(true);
            }
            // What waits for the first view to be built (the landing view's prerendered copy
            // to go) waits for these rows too.
            stage::part_due();
            let release = release.clone();
            stage::next_task(move || {
                release.notify();
                stage::part_done();
            });
            return;
        }
        if pending.try_get_value() == Some(true) {
            pending.try_set_value(false);
            if let Some(el) = tbody.get_untracked() {
                let _ = el.remove_attribute("data-pending");
            }
        }
        let mut view = app.view.get();
        let weights = view.weights.take();
        let now_shown = (view, window_range());
        let now = window().performance().map_or(0.0, |p| p.now());
        let before = last.try_with_value(|l| l.clone()).flatten();
        let same_view = before.as_ref().is_some_and(|(v, _, _)| *v == now_shown);
        let same_weights = before.as_ref().is_some_and(|(_, w, _)| *w == weights);
        if same_view && same_weights {
            // Neither the view, the window nor the weights changed: a row left unwritten came on
            // screen, or rows changed for another reason (the region list arrived). The rows on
            // screen are written at once; a late write already waiting stays as it was.
            if write_now(true) && !waiting.try_get_value().unwrap_or(true) {
                waiting.try_set_value(true);
                stage::after_paint(late_write(writes.load(Ordering::Relaxed)));
            }
            return;
        }
        // A change of the weights alone, and whether it came soon after the one before.
        let step = same_view;
        let rapid = step && before.is_some_and(|(_, _, t)| now - t < LATER_MS as f64);
        last.try_set_value(Some((now_shown, weights, now)));
        dom::cancel_timer(later);
        waiting.try_set_value(false);
        let this = writes.fetch_add(1, Ordering::Relaxed) + 1;
        if !write_now(step) {
            return;
        }
        waiting.try_set_value(true);
        let timer = rapid
            .then(|| {
                set_timeout_with_handle(
                    late_write(this),
                    std::time::Duration::from_millis(LATER_MS),
                )
                .ok()
            })
            .flatten();
        if let Some(h) = timer {
            later.try_set_value(Some(h));
        } else {
            stage::after_paint(late_write(this));
        }
    });
    on_cleanup(move || {
        writes_at_cleanup.fetch_add(1, Ordering::Relaxed);
        dom::cancel_timer(later);
    });
    // One listener each for the whole body: open a unit's profile, pick a unit to compare.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some(id) = unit_of(&ev, "button.link") {
            app.update(|v| {
                v.unit = Some(id);
                v.view = View::Unit;
            });
            dom::focus_when_shown(".profile h3.unit-name");
        }
    };
    // A fifth unit ticked: said beside the selection (and to screen readers), not only to them.
    let over = app.compare_over;
    let has_selection = Memo::new(move |_| app.view.with(|v| !v.selected.is_empty() && !v.embed));
    let on_change = move |ev: leptos::ev::Event| {
        let Some(id) = unit_of(&ev, "input[data-compare]") else {
            return;
        };
        let mut full = false;
        let mut count = 0;
        app.update(|v| {
            full = !v.toggle_selected(&id);
            count = v.selected.len();
        });
        over.set(full);
        if !full {
            // Said, as the bar below the table shows it.
            let ticked = app.view.with_untracked(|v| v.selected.contains(&id));
            let name = app
                .dataset()
                .and_then(|d| d.units.iter().find(|u| u.id == id).map(|u| u.name.clone()))
                .unwrap_or(id);
            let max = super::query::MAX_SELECTED;
            app.say(match (app.lang(), ticked) {
                (Lang::Vi, true) => format!("Đã chọn {name} để so sánh ({count}/{max})."),
                (Lang::Vi, false) => format!("Đã bỏ chọn {name} ({count}/{max})."),
                (Lang::En, true) => format!("{name} chosen for comparison ({count}/{max})."),
                (Lang::En, false) => format!("{name} unticked ({count}/{max})."),
            });
        }
        if full {
            if let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                input.set_checked(false);
            }
            let max = super::query::MAX_SELECTED;
            app.say(match app.lang() {
                Lang::Vi => format!("Chỉ so sánh được tối đa {max} đơn vị."),
                Lang::En => format!("At most {max} units can be compared."),
            });
        }
    };
    view! {
        <div class="table-wrap" class:virtual=virtual_mode tabindex=move || if virtual_mode() { "0" } else { "-1" }
            aria-label=move || lang().t("Bảng xếp hạng, cuộn được", "Ranking table, scrollable")
            data-scroll-hint=move || lang().table_scroll_hint()
            on:scroll=move |ev| {
                if let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                    scroll.set(el.scroll_top() as f64);
                }
            }
            on:focusin=reveal_focused>
            <table class="rank-table" aria-rowcount=move || (count() + 1).to_string()>
                <caption class="sr-only">{move || lang().t("Bảng xếp hạng; bấm tiêu đề cột để sắp xếp", "Ranking table; activate a column header to sort")}</caption>
                <thead>
                    {move || {
                        let l = lang();
                        let official = official.get();
                        view! {
                            <tr>
                                {sort_header(app, SortBy::Rank, l.t("Hạng", "Rank").into(), "rank")}
                                {(!no_change.get()).then(|| sort_header(app, SortBy::Change, l.t("Thay đổi", "Change").into(), "change-col"))}
                                {sort_header(app, SortBy::Name, l.t("Đơn vị", "Unit").into(), "unit")}
                                {sort_header(app, SortBy::Score, if official { l.t("Chỉ số chính thức", "Official index") } else { l.t("Điểm", "Score") }.into(), "num")}
                                {cats_head.iter().map(|(_, id, name)| sort_header(app, SortBy::Category(id.clone()), l.pick(name).to_string(), "cat")).collect_view()}
                                <th scope="col" class="pick">{l.t("So sánh", "Compare")}</th>
                            </tr>
                        }
                    }}
                </thead>
                <tbody node_ref=tbody on:click=on_click on:change=on_change></tbody>
            </table>
            <Show when=move || count() == 0 && error.with(Option::is_none)>
                // A group the file lists with no unit at all (the 2016 government agencies: the
                // public sources name none) is not a filter's doing.
                <p class="empty">{move || if group_empty {
                    lang().t(
                        "Tệp này không có đơn vị nào của nhóm này: các nguồn công khai đã đọc không nêu đơn vị nào.",
                        "This file has no unit in this group: the public sources read name none.",
                    )
                } else {
                    lang().t("Không có đơn vị được xếp hạng nào khớp bộ lọc.", "No ranked unit matches the filters.")
                }}</p>
            </Show>
        </div>
        // In the chunk of the views that compare units (lazy.rs): it is needed only once a unit
        // is ticked, and its code was 1–2 KB of the page's first load.
        {move || has_selection.get().then(lazy::compare_bar)}
    }
}

/// Scrolls the table's frame sideways to show the control that took the focus in it. The
/// browser does not when a sliver of the control is in view: Tab reached the sort buttons of
/// the category columns and the compare boxes at the frame's edge, the focus ring cut off.
fn reveal_focused(ev: leptos::ev::FocusEvent) {
    let element =
        |t: Option<web_sys::EventTarget>| t.and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let (Some(target), Some(frame)) = (element(ev.target()), element(ev.current_target())) else {
        return;
    };
    let (r, f) = (
        target.get_bounding_client_rect(),
        frame.get_bounding_client_rect(),
    );
    // Room for the focus ring (3 px and a 2 px offset) and the frame's edge shadow.
    let margin = 24.0;
    let dx = if r.right() > f.right() {
        r.right() - f.right() + margin
    } else if r.left() < f.left() {
        r.left() - f.left() - margin
    } else {
        0.0
    };
    if dx != 0.0 {
        frame.set_scroll_left(frame.scroll_left() + dx.round() as i32);
    }
    // Nor under the compare bar at the window's foot, whatever its height (two lines, or three
    // with the note on a fifth unit; the stylesheet's scroll-padding is a guess at it): once
    // the browser has scrolled to the control, the page scrolls on by what the bar covers.
    request_animation_frame(move || {
        let Some(bar) = document().query_selector(".compare-bar").ok().flatten() else {
            return;
        };
        let (r, b) = (
            target.get_bounding_client_rect(),
            bar.get_bounding_client_rect(),
        );
        let covered = r.bottom() + 4.0 - b.top();
        if covered > 0.0 && r.top() < b.bottom() {
            window().scroll_by_with_x_and_y(0.0, covered.ceil());
        }
    });
}

/// The units ticked for comparison, under the table while there are any: their names, what to
/// do when a fifth is ticked, the way to the comparison and a way to untick them all. Sticky at
/// the foot of the window, so it is seen from wherever the ticking was done.
#[component]
pub fn CompareBar() -> impl IntoView {
    let app = use_app();
    let over = app.compare_over;
    // Not the whole view state: a slider step changes it, and the bar would be redrawn each time.
    let selected = Memo::new(move |_| app.view.with(|v| v.selected.clone()));
    move || {
        let sel = selected.get();
        let ds = app.dataset()?;
        if sel.is_empty() {
            return None;
        }
        let l = app.lang();
        let names: Vec<String> = sel
            .iter()
            .filter_map(|id| {
                ds.units
                    .iter()
                    .find(|u| &u.id == id)
                    .map(|u| u.name.clone())
            })
            .collect();
        let n = sel.len();
        let max = super::query::MAX_SELECTED;
        Some(view! {
            <div class="compare-bar" role="group" aria-label=l.t("Đơn vị đã chọn để so sánh", "Units chosen for comparison")>
                <span class="compare-chosen">{format!("{} ({n}/{max}): {}", l.t("Đã chọn để so sánh", "Chosen to compare"), names.join(", "))}</span>
                {move || over.get().then(|| view! {
                    <span class="compare-full">{match app.lang() {
                        Lang::Vi => format!("Chỉ so sánh được tối đa {max} đơn vị: hãy bỏ chọn một đơn vị trước."),
                        Lang::En => format!("At most {max} units can be compared: untick one first."),
                    }}</span>
                })}
                <button type="button" class="btn" disabled=n < 2
                    on:click=move |_| {
                        app.update(|v| v.view = View::Compare);
                        dom::focus_when_shown("#compare-h");
                    }>{l.t("So sánh →", "Compare →")}</button>
                <button type="button" class="btn" on:click=move |_| {
                    over.set(false);
                    app.update(|v| v.selected.clear());
                    // The bar goes: the focus back to the table, where the boxes were, and the
                    // change said, as a box's own is.
                    dom::focus_when_shown(".table-wrap");
                    app.say(app.lang().t("Đã bỏ chọn tất cả.", "All unticked.").to_string());
                }>{l.t("Bỏ chọn tất cả", "Untick all")}</button>
            </div>
        })
    }
}

/// [`UnrankedList`], from its chunk (`lazy::unranked`), fetched the first time the group shown
/// has a unit not ranked. Should the fetch fail, the list is left out: the table above it and
/// the coverage line stand without it.
#[component]
fn LazyUnranked(unranked: Memo<(Vec<Unranked>, usize)>) -> impl IntoView {
    let built = RwSignal::new(None::<lazy::UnrankedFn>);
    let asked = StoredValue::new(false);
    Effect::new(move |_| {
        if !asked.get_value() && unranked.with(|u| u.1 > 0) {
            asked.set_value(true);
            leptos::task::spawn_local(async move {
                if let Ok(f) = lazy::unranked().await {
                    let _ = built.try_set(Some(f));
                }
            });
        }
    });
    move || built.get().map(|f| f(unranked))
}

#[component]
pub fn UnrankedList(unranked: Memo<(Vec<Unranked>, usize)>) -> impl IntoView {
    let app = use_app();
    // Memos: read straight from the view state, they made the list (53 units on DTI 2023) be
    // built again on every slider step.
    let embed = Memo::new(move |_| app.view.with(|v| v.embed));
    let renormalize = Memo::new(move |_| app.view.with(|v| v.renormalize));
    let weighted = Memo::new(move |_| {
        app.weights()
            .map_or(0, |w| w.iter().filter(|x| **x > 0.0).count())
    });
    move || {
        let (list, all) = unranked.get();
        if list.is_empty() || embed.get() {
            return None;
        }
        let ds = app.dataset()?;
        let l = app.lang();
        let n = list.len();
        let count = if n == all {
            l.int(n)
        } else {
            format!("{n}/{all} {}", l.t("khớp bộ lọc", "match the filters"))
        };
        Some(view! {
            <section class="not-ranked" aria-labelledby="not-ranked-h">
                <h3 id="not-ranked-h">{format!("{} ({count})", l.t("Không xếp hạng được", "Not ranked"))}</h3>
                // The switch to scoring over the categories a unit has helps only a unit that
                // has one: advice for the others would do nothing.
                <p class="muted">{if renormalize.get() || list.iter().all(|u| u.missing.len() >= weighted.get()) {
                    l.t(
                        "Các đơn vị này không có điểm ở chỉ số nào có trọng số, nên không có gì để tính.",
                        "These units have no score in any weighted category, so there is nothing to score them on.",
                    )
                } else {
                    l.t(
                        "Các đơn vị này thiếu điểm ở một chỉ số có trọng số. Đổi cách xử lý trong bảng trọng số để tính trên các chỉ số có điểm.",
                        "These units lack a score in a weighted category. Switch the missing-data policy in the weights panel to score them over the categories they have.",
                    )
                }}</p>
                <ul>
                    {list.into_iter().map(|u| {
                        let missing: Vec<String> = u.missing.iter()
                            .filter_map(|id| ds.category(id).map(|c| l.pick(&c.name).to_string()))
                            .collect();
                        // Its official result, which the file has: DTI 2023 re-ranks 10 of its
                        // 63 provinces, and the other 53's ranks were nowhere on the page.
                        let o = ds.units.get(u.unit).map(|x| &x.official);
                        // "chính thức: hạng 5, chỉ số 0,7353": a bare "(0,7353)" said not what it was.
                        let official = o.filter(|o| o.rank.is_some() || o.index.is_some()).map(|o| {
                            let rank = o.rank.map(|r| format!("{} {r}", l.t("hạng", "rank"))).unwrap_or_default();
                            let comma = if rank.is_empty() { "" } else { ", " };
                            let index = o.index.map(|x| format!("{comma}{} {}", l.t("chỉ số", "index"), l.num(x, ds.precision as usize))).unwrap_or_default();
                            format!(" — {}{rank}{index}", l.t("chính thức: ", "official: "))
                        });
                        // No score at all: said in words, not as the list of every category.
                        let lacks = if missing.len() >= ds.categories.len() {
                            l.t("không có điểm chỉ số thành phần nào", "no category score").to_string()
                        } else {
                            format!("{}{}", l.t("thiếu: ", "missing: "), missing.join(", "))
                        };
                        view! { <li data-unit=u.id.clone()><strong>{u.name.clone()}</strong>" — "{lacks}{official}</li> }
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}
