//! Robustness: how much each unit's rank depends on the weights.
//!
//! The Monte Carlo of `crate::engine::uncertainty` and the "can rank first" / "dominated by"
//! badges of `crate::engine::reach` run in the analysis worker (`super::analysis`), off the
//! page's thread; this view sends the job, shows the progress and partial intervals as they
//! arrive, and cancels the job as soon as its inputs change.

use super::analysis::{self, AnalysisError, JobHandle, Update};
use super::i18n::Lang;
use super::query::{McSettings, MC_SAMPLES};
use super::stage;
use super::state::{can_reweight, table_memo, use_app, AppState, Table};
use crate::engine::dataset::Dataset;
use crate::engine::job::{Intervals, Job, Noise, ReachSummary, UnitInterval, UnitReachSummary};
use crate::engine::score::Aggregation;
use crate::engine::uncertainty::CONCENTRATION;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

/// The seed of every run: fixed, so the same inputs always give the same intervals.
pub(crate) const SEED: u64 = 20_250_701;

/// A Monte Carlo run in progress or finished, as signals.
#[derive(Clone, Copy)]
pub(crate) struct McRun {
    pub result: RwSignal<Option<Intervals>>,
    pub done: RwSignal<u32>,
    pub total: RwSignal<u32>,
    pub error: RwSignal<Option<AnalysisError>>,
}

impl McRun {
    pub fn finished(&self) -> bool {
        let t = self.total.get();
        t > 0 && self.done.get() >= t
    }

    /// The rank interval of each unit (by index into `Dataset::units`).
    pub fn by_unit(&self) -> HashMap<usize, UnitInterval> {
        self.result.with(|r| {
            r.as_ref()
                .map(|r| r.units.iter().map(|u| (u.unit, u.clone())).collect())
                .unwrap_or_default()
        })
    }
}

/// Sets a signal only when the value changes: every set re-renders what reads it, and opening
/// the view must not render the chart twice.
fn set_if_changed<T: PartialEq + Send + Sync + 'static>(s: RwSignal<T>, v: T) {
    if s.with_untracked(|cur| *cur != v) {
        s.set(v);
    }
}

/// Runs the Monte Carlo of the current dataset, group, weights and options in the analysis
/// worker, restarting whenever one of them (or the noise or sample count) changes; not before
/// `go` is true (see `RobustnessView`).
pub(crate) fn monte_carlo(
    app: AppState,
    noise: Signal<Noise>,
    samples: Signal<u32>,
    go: Signal<bool>,
) -> McRun {
    let run = McRun {
        result: RwSignal::new(None),
        done: RwSignal::new(0),
        total: RwSignal::new(0),
        error: RwSignal::new(None),
    };
    // The job in the worker; replacing or dropping it cancels it.
    let job = StoredValue::new_local(None::<JobHandle>);
    Effect::new(move |_| {
        job.set_value(None);
        let (Some(ds), Some(group), Some(weights)) = (app.dataset(), app.group_id(), app.weights())
        else {
            return;
        };
        if !go.get() {
            return;
        }
        let options = app.options();
        let (noise, samples) = (noise.get(), samples.get());
        set_if_changed(run.result, None);
        set_if_changed(run.done, 0);
        if !can_reweight(&ds, &group) {
            set_if_changed(run.total, 0);
            set_if_changed(run.error, None);
            return;
        }
        if app.weights_all_zero() {
            set_if_changed(run.total, 0);
            set_if_changed(run.error, Some(AnalysisError::ZeroWeights));
            return;
        }
        let spec = match Job::monte_carlo(&ds, &group, &weights, noise, samples, SEED, options) {
            Ok(j) => j,
            Err(p) => {
                set_if_changed(run.total, 0);
                set_if_changed(run.error, Some(AnalysisError::Engine(p)));
                return;
            }
        };
        set_if_changed(run.error, None);
        set_if_changed(run.total, samples);
        let handle = analysis::start(spec, move |u| match u {
            Update::Progress { done, intervals } => {
                let _ = run.done.try_set(done);
                if intervals.is_some() {
                    let _ = run.result.try_set(intervals);
                }
            }
            Update::Intervals(r) => {
                let _ = run.done.try_set(r.samples);
                let _ = run.result.try_set(Some(r));
            }
            Update::Reach(_) => {}
            Update::Failed(e) => {
                let _ = run.total.try_set(0);
                let _ = run.error.try_set(Some(e));
            }
        });
        job.set_value(Some(handle));
    });
    on_cleanup(move || {
        // Cancels a run still going when the view goes away.
        job.try_update_value(|j| *j = None);
    });
    run
}

/// The reach analysis of the current group, as it stands: `None` while the worker computes it.
pub(crate) type ReachState = RwSignal<Option<Result<Arc<ReachSummary>, AnalysisError>>>;

/// The reach analysis of one group, kept while the page lives. Unlike the rank intervals it does
/// not depend on the weights, so the view opened again, or new weights, reuse it; and pointing at
/// the tab starts it ([`warm`]), so that it is known, or nearly, when the view builds its table:
/// the rows are then built with their badges, instead of getting them (and being laid out again,
/// 6–45 ms here) when the worker answers.
struct KnownReach {
    ds: Arc<Dataset>,
    group: String,
    /// `None` while the worker computes it.
    result: Option<Arc<ReachSummary>>,
    /// The job while it runs: dropping it (a new group replaces this one) cancels it.
    _job: Option<JobHandle>,
    /// The views waiting for it.
    waiting: Vec<ReachState>,
}

thread_local! {
    static KNOWN_REACH: RefCell<Option<KnownReach>> = const { RefCell::new(None) };
}

/// Gives `out` the reach analysis of `group` of `ds`: at once if it is known, when the worker
/// has it if it is under way. Otherwise it is started, if `start()` says so (read only then, so
/// that a view tracks it only while it needs it). A failure goes to the views waiting and is not
/// kept: the next view asks again.
fn reach_of(ds: &Arc<Dataset>, group: &str, out: Option<ReachState>, start: impl Fn() -> bool) {
    let known = KNOWN_REACH.with_borrow_mut(|k| {
        if let Some(k) = k
            .as_mut()
            .filter(|k| Arc::ptr_eq(&k.ds, ds) && k.group == group)
        {
            if let Some(r) = &k.result {
                return Some(r.clone());
            }
            k.waiting.extend(out);
            return None;
        }
        if !start() {
            return None;
        }
        let job = analysis::start(Job::reach(ds, group), |u| {
            let (waiting, result) = match u {
                Update::Reach(r) => {
                    let r = Arc::new(r);
                    let waiting = KNOWN_REACH.with_borrow_mut(|k| {
                        k.as_mut().map_or_else(Vec::new, |k| {
                            k.result = Some(r.clone());
                            k._job = None;
                            std::mem::take(&mut k.waiting)
                        })
                    });
                    (waiting, Ok(r))
                }
                Update::Failed(e) => {
                    let waiting = KNOWN_REACH
                        .with_borrow_mut(|k| k.take().map(|k| k.waiting).unwrap_or_default());
                    (waiting, Err(e))
                }
                Update::Progress { .. } | Update::Intervals(_) => return,
            };
            for w in waiting {
                let _ = w.try_set(Some(result.clone()));
            }
        });
        *k = Some(KnownReach {
            ds: ds.clone(),
            group: group.to_string(),
            result: None,
            _job: Some(job),
            waiting: out.into_iter().collect(),
        });
        None
    });
    if let (Some(r), Some(out)) = (known, out) {
        out.set(Some(Ok(r)));
    }
}

/// The engine's reach analysis of the current group, computed in the analysis worker (or known
/// already, [`reach_of`]); started, if it must be, once `go` is true.
pub(crate) fn reach_signal(app: AppState, go: Signal<bool>) -> ReachState {
    let out: ReachState = RwSignal::new(None);
    Effect::new(move |_| {
        let (Some(ds), Some(group)) = (app.dataset(), app.group_id()) else {
            return;
        };
        if out.with_untracked(Option::is_some) {
            out.set(None);
        }
        if !can_reweight(&ds, &group) {
            return;
        }
        reach_of(&ds, &group, Some(out), || go.get());
    });
    out
}

/// Starts, when the reader points at the tab, what the view will need: the analysis worker
/// (`analysis::warm`) and the reach analysis of the current group.
pub(crate) fn warm(app: AppState) {
    analysis::warm();
    let (Some(ds), Some(group)) = (app.dataset(), app.group_id()) else {
        return;
    };
    if can_reweight(&ds, &group) {
        reach_of(&ds, &group, None, || true);
    }
}

/// The message shown where a group has no category scores to re-weight.
pub(crate) fn needs_categories(l: Lang, what: &'static str) -> impl IntoView {
    let app = use_app();
    let target = app.manifest.with(|m| match m {
        super::state::Loadable::Ready(m) => m.rerankable_entry().map(|e| e.id.clone()),
        _ => None,
    });
    let t2 = target.unwrap_or_else(|| "dti-2024-34".to_string());
    view! {
        <div class="notice needs-categories" role="note">
            <p>{what}" "{l.t(
                "cần điểm của các chỉ số thành phần, mà bộ dữ liệu và nhóm này không có (chỉ có kết quả chính thức).",
                "needs category scores, which this dataset and group do not have (only the official result).",
            )}</p>
            <p>
                <button type="button" class="link-button" on:click=move |_| {
                    let t = t2.clone();
                    super::state::leave_user(app);
                    app.update(|v| {
                        v.dataset = Some(t);
                        v.data_url = None;
                        v.group = None;
                        v.weights = None;
                        v.selected.clear();
                        v.unit = None;
                        // As `state::open_dataset`, and the group too: this dataset's is
                        // "provinces", whatever the group was.
                        v.region = None;
                    });
                    super::dom::focus_when_shown("h1.title");
                }>{l.t("Mở DTI 2024 (34 tỉnh, đủ điểm chỉ số chính)", "Open DTI 2024 (34 provinces, full pillar scores)")}</button>
                " "{l.t("hoặc", "or")}" "
                <button type="button" class="link-button" on:click=move |_| {
                    app.update(|v| v.view = super::query::View::Import);
                    super::dom::focus_when_shown("#import-h");
                }>{l.t("nhập dữ liệu của bạn", "import your own data")}</button>
            </p>
        </div>
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Uniform,
    Dirichlet,
}

/// A row's height and the axis's, in CSS pixels: the chart is drawn at the page's own scale (its
/// text is the page's), and style/main.css gives the names beside it the same heights.
const ROW: f64 = 22.0;
const TOP: f64 = 40.0;

/// Where a rank sits across the plot, as a percentage of its width. The plot takes the width
/// left beside the names, whatever the screen's: a chart of fixed width scaled to the screen
/// drew its text at 5 px on a phone, or scrolled sideways away from the names (320 px: every
/// rank past about 13 off screen), and drew it at 20 px on a wide screen.
fn x_of(rank: u32, n: u32) -> String {
    let f = if n <= 1 {
        0.0
    } else {
        (f64::from(rank) - 1.0) / (f64::from(n) - 1.0)
    };
    format!("{:.2}%", f * 100.0)
}

#[component]
pub fn RobustnessView() -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    let table = table_memo(app);

    // The settings live in the link (query.rs, `McSettings`): a shared link reruns the same
    // analysis (the seed is fixed).
    let mc = Memo::new(move |_| app.view.with(|v| v.mc));
    let kind = Signal::derive(move || {
        if mc.get().dirichlet {
            Kind::Dirichlet
        } else {
            Kind::Uniform
        }
    });
    let percent = Signal::derive(move || mc.get().percent);
    let concentration = Signal::derive(move || mc.get().concentration);
    let samples = Signal::derive(move || mc.get().samples);
    let set = move |f: &dyn Fn(&mut McSettings)| app.update(|v| f(&mut v.mc));
    let noise = Signal::derive(move || match kind.get() {
        Kind::Uniform => Noise::Uniform {
            percent: percent.get(),
        },
        Kind::Dirichlet => Noise::Dirichlet {
            concentration: concentration.get(),
        },
    });

    // The view is built a part a frame (stage::Turns), top to bottom, so that opening it is
    // not one long task: built in one, the view took 55–75 ms on a slow machine. The click
    // builds the heading and the introduction, the next turn the controls, then the chart, then
    // the table (at least [`ROWS_PER_TURN`] and [`TABLE_ROWS_PER_TURN`] rows a turn). With the
    // controls in the click's task, that task took 15–26 ms here, now 12–16 ms. Each part comes
    // below the parts already drawn, so nothing moves. A rebuild (a language switch) builds at
    // once the parts whose turn has passed.
    let turns = stage::Turns::new();
    let body = turns.at(1);

    // The analyses start once the view is built (and stay started): on a machine with few
    // cores, the worker computing beside the page slowed the frames that lay the chart and the
    // table out (the table's frame: 10–14 ms with the worker still starting, 17–34 ms with it
    // already computing, tests/benches/robustness-tasks.mjs). The worker itself is started
    // ahead, when the reader points at the tab (`analysis::warm`). `RobustChart` says when its
    // last part is shown.
    let built = RwSignal::new(false);
    let go: Signal<bool> = built.into();
    let run = monte_carlo(app, noise, samples, go);
    let reach = reach_signal(app, go);

    // The rank interval of each unit as the chart shows it, and as the table shows it: a frame
    // later. A result from the worker then rewrites the chart in one task and frame, and the
    // table's cells (below the chart) in the next, instead of both in one.
    let intervals = Memo::new(move |_| run.by_unit());
    let table_intervals = RwSignal::new(HashMap::new());
    // Which change of the intervals is the latest: one still waiting for its frame when a newer
    // one comes is dropped.
    let latest = StoredValue::new(0_u64);
    Effect::new(move |_| {
        let now = intervals.get();
        let mine = latest.get_value() + 1;
        latest.set_value(mine);
        if now.is_empty() {
            // A new run (other inputs): the old intervals must not show a frame longer, nor,
            // after a switch of dataset, under other units' names.
            table_intervals.set(now);
        } else {
            stage::after_paint(move || {
                if latest.try_get_value() == Some(mine) {
                    let _ = table_intervals.try_set(now);
                }
            });
        }
    });
    let table_current = Memo::new(move |_| table_intervals.with(|t| intervals.with(|i| t == i)));

    let reweightable = move || {
        let (Some(ds), Some(g)) = (app.dataset(), app.group_id()) else {
            return false;
        };
        can_reweight(&ds, &g)
    };

    // A value a field refused, said beside the fields and to screen readers.
    let refused = RwSignal::new(None::<String>);
    // A number field's change: taken when `fits`, else the value in use is shown again and the
    // refusal said (emptied, not a number, or out of range).
    let take = move |ev: leptos::ev::Event,
                     l: Lang,
                     in_use: Signal<f64>,
                     fits: fn(f64) -> bool,
                     apply: fn(&mut McSettings, f64),
                     refusal: &'static str| {
        match l.read_number(&event_target_value(&ev)) {
            Some(x) if fits(x) => {
                refused.set(None);
                set(&|m| apply(m, x));
            }
            _ => {
                event_target::<web_sys::HtmlInputElement>(&ev)
                    .set_value(&l.field_text(in_use.get_untracked()));
                refused.set(Some(refusal.to_string()));
            }
        }
    };
    let controls = move || {
        let l = lang();
        view! {
            <form class="mc-controls" on:submit=|ev| ev.prevent_default()>
                <fieldset>
                    <legend>{l.t("Cách làm nhiễu trọng số", "How the weights are varied")}</legend>
                    <label>
                        <input type="radio" name="mc-noise" value="uniform"
                            prop:checked=move || kind.get() == Kind::Uniform
                            on:change=move |_| set(&|m| m.dirichlet = false)/>
                        {l.t("Đều: mỗi trọng số ± p %", "Uniform: each weight ± p%")}
                    </label>
                    <label>
                        <input type="radio" name="mc-noise" value="dirichlet"
                            prop:checked=move || kind.get() == Kind::Dirichlet
                            on:change=move |_| set(&|m| m.dirichlet = true)/>
                        {l.t("Dirichlet quanh trọng số đang chọn", "Dirichlet around the chosen weights")}
                    </label>
                </fieldset>
                <div class="field">
                    <label for="mc-percent">{l.t("Biên độ p (%)", "Range p (%)")}</label>
                    // Text, not type="number", as the weight fields: Chromium's number field
                    // dropped a typed comma, and "12,5" became 125, clamped to 100 in silence.
                    <input id="mc-percent" type="text" inputmode="decimal"
                        prop:value=move || l.field_text(percent.get())
                        disabled=move || kind.get() != Kind::Uniform
                        on:change=move |ev| take(ev, l, percent,
                            |x| (0.0..=100.0).contains(&x),
                            |m, x| m.percent = x,
                            l.t(
                                "Không nhận: biên độ p là một số từ 0 đến 100.",
                                "Not taken: the range p is a number from 0 to 100.",
                            ))/>
                </div>
                <div class="field">
                    <label for="mc-conc">{l.t("Độ tập trung Dirichlet (lớn hơn = ít nhiễu hơn)", "Dirichlet concentration (larger = less noise)")}</label>
                    <input id="mc-conc" type="text" inputmode="decimal"
                        prop:value=move || l.field_text(concentration.get())
                        disabled=move || kind.get() != Kind::Dirichlet
                        on:change=move |ev| take(ev, l, concentration,
                            |x| CONCENTRATION.contains(&x),
                            |m, x| m.concentration = x,
                            l.t(
                                "Không nhận: độ tập trung là một số từ 0,001 đến 1.000.000.",
                                "Not taken: the concentration is a number from 0.001 to 1,000,000.",
                            ))/>
                </div>
                {move || refused.get().map(|t| view! { <p class="error-inline" role="alert">{t}</p> })}
                <div class="field">
                    <label for="mc-samples">{l.t("Số mẫu", "Samples")}</label>
                    <select id="mc-samples"
                        on:change=move |ev| {
                            if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                                set(&|m| m.samples = n);
                            }
                        }>
                        {MC_SAMPLES.into_iter().map(|n| view! {
                            <option value=n.to_string() selected=move || samples.get() == n>{group_digits(n, l)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <p class="seed">{l.t("Hạt giống ngẫu nhiên (cố định, để kết quả lặp lại được)", "Random seed (fixed, so results can be reproduced)")}": "<code>{SEED.to_string()}</code></p>
            </form>
        }
    };

    // Nothing in progress to show while the run cannot start (every weight at zero, say).
    let progress = move || {
        if run.error.with(Option::is_some) && run.total.get() == 0 {
            return None;
        }
        let l = lang();
        let done = run.done.get();
        let total = run.total.get().max(1);
        let share = f64::from(done) / f64::from(total);
        Some(view! {
            <div class="mc-progress">
                <label for="mc-progress">{l.t("Tiến độ mô phỏng", "Simulation progress")}</label>
                <progress id="mc-progress" max=total.to_string() value=done.to_string()>{l.percent(share)}</progress>
                <span class="muted">{format!("{} / {} {} ({})", group_digits(done, l), group_digits(total, l),
                    l.t("mẫu", "samples"), l.percent(share))}</span>
            </div>
        })
    };

    // The run's start and end, told to screen readers (the progress bar is not read as it
    // fills). 0: nothing running, 1: running, 2: finished.
    let phase = Memo::new(move |_| match (run.total.get(), run.finished()) {
        (0, _) => 0u8,
        (_, false) => 1,
        (_, true) => 2,
    });
    // The start is said only for a run still going after a second: a shorter one (DTI 2024's
    // takes half a second) is told by its end alone, which would replace the start before a
    // screen reader had read it.
    let start_timer = StoredValue::new_local(None::<leptos::prelude::TimeoutHandle>);
    let cancel_start = move || super::dom::cancel_timer(start_timer);
    Effect::new(move |_| {
        let p = phase.get();
        cancel_start();
        let l = untrack(move || app.lang());
        let total = group_digits(run.total.get_untracked(), l);
        match p {
            1 => {
                let said = match l {
                    Lang::Vi => format!("Đang mô phỏng {total} mẫu…"),
                    Lang::En => format!("Simulating {total} samples…"),
                };
                let h = set_timeout_with_handle(
                    move || {
                        if phase.get_untracked() == 1 {
                            app.say(said);
                        }
                    },
                    std::time::Duration::from_millis(1000),
                )
                .ok();
                start_timer.set_value(h);
            }
            2 => app.say(match l {
                Lang::Vi => format!("Xong: {total} mẫu; khoảng thứ hạng ở bảng dưới."),
                Lang::En => {
                    format!("Done: {total} samples; the rank intervals are in the table below.")
                }
            }),
            _ => {}
        }
    });
    on_cleanup(cancel_start);

    let state_attr = move || {
        if run.finished() && body.get() && turns.done() && table_current.get() {
            "done"
        } else if run.total.get() > 0 {
            "running"
        } else {
            "idle"
        }
    };

    view! {
        <section class="robustness" aria-labelledby="robust-h" data-state=state_attr>
            <h2 id="robust-h">{move || lang().t("Độ vững của thứ hạng", "How robust the ranking is")}</h2>
            {move || {
                let l = lang();
                if !reweightable() {
                    return needs_categories(l, l.t("Phân tích độ vững", "Robustness analysis")).into_any();
                }
                view! {
                    <p class="intro">{l.t(
                        "Mỗi mẫu rút một bộ trọng số quanh trọng số đang chọn, tính điểm và xếp hạng lại. Khoảng 5–95 % cho biết thứ hạng của đơn vị thay đổi bao nhiêu khi trọng số thay đổi hợp lý: khoảng hẹp là thứ hạng vững, khoảng rộng là thứ hạng phụ thuộc vào trọng số.",
                        "Each sample draws weights around the chosen ones, scores and ranks again. The 5–95% interval shows how much a unit's rank moves under reasonable changes of the weights: a narrow interval is a robust rank, a wide one depends on the weights.",
                    )}</p>
                    {move || body.get().then(|| view! {
                    {controls}
                    {progress}
                    {move || {
                        // One message per distinct problem: a worker that cannot start fails both
                        // analyses with the same error.
                        let l = lang();
                        let mc = run.error.get();
                        let rc = reach.with(|r| match r {
                            Some(Err(e)) if Some(e) != mc.as_ref() => Some(e.clone()),
                            _ => None,
                        });
                        mc.into_iter().chain(rc).map(|e| view! { <p class="error" role="alert">{e.text(l)}</p> }).collect_view()
                    }}
                    <RobustChart intervals=intervals table_intervals=table_intervals.read_only() table=table reach=reach turns=turns built=built/>
                    })}
                }.into_any()
            }}
        </section>
    }
}

/// A rank, or a dash when there is none.
fn rank_text(x: Option<u32>) -> String {
    x.map(|v| v.to_string()).unwrap_or_else(|| "—".into())
}

/// 10000 → "10.000" (vi) / "10,000" (en).
pub(crate) fn group_digits(n: u32, l: Lang) -> String {
    let s = n.to_string();
    let sep = match l {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[derive(Clone, Debug, PartialEq)]
struct ChartRow {
    unit: usize,
    name: String,
    rank: u32,
}

fn chart_rows(ds: &Dataset, table: &Option<Table>) -> (Vec<ChartRow>, Vec<usize>) {
    match table {
        Some(Table::Computed { ranking, .. }) => (
            ranking
                .ranked
                .iter()
                .map(|r| ChartRow {
                    unit: r.unit,
                    name: ds.units[r.unit].name.clone(),
                    rank: r.rank,
                })
                .collect(),
            ranking.not_ranked.iter().map(|n| n.unit).collect(),
        ),
        _ => (Vec::new(), Vec::new()),
    }
}

/// A row of the chart and the table: its position, unit and current rank, and its interval as
/// the chart shows it and as the table shows it (a frame later).
type ChartPart = (
    usize,
    ChartRow,
    Memo<Option<UnitInterval>>,
    Memo<Option<UnitInterval>>,
);

/// Rows built in turns (stage::Turns): part `p` of `parts` at turn `first + p`, each row by
/// `row`. The chart's marks and the table's rows are both built so.
fn in_turns<R, V, F>(
    parts: &[Vec<R>],
    turns: stage::Turns,
    first: usize,
    row: F,
) -> impl IntoView + Clone
where
    R: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    F: Fn(&R) -> V + Clone + Send + Sync + 'static,
{
    parts
        .iter()
        .enumerate()
        .map(|(p, part)| {
            let shown = turns.at(first + p);
            let part = part.clone();
            let row = row.clone();
            move || shown.get().then(|| part.iter().map(&row).collect_view())
        })
        .collect_view()
}

/// The reach analysis as the table shows it.
#[derive(Clone, Debug, PartialEq)]
enum ReachView {
    Pending,
    Failed,
    Ready(HashMap<usize, UnitReachSummary>),
}

/// How many rows of the chart one turn of the view builds (stage::Turns), at least: a group of
/// 34 is one turn. A large group takes at most [`MAX_TURNS`] turns for the chart, and as many for
/// the table (so a 10,000-unit table is not built over hundreds of frames). Smaller turns were
/// measured worse: at 12 rows a turn (three for the chart, three for the table), each turn's
/// script was shorter, but every addition to the chart or the table is laid out again in a
/// frame of its own, and those frames gave more long tasks (3–4 of 33 ms or more in 8 opens and
/// 1–3 of 50 ms or more, against 0–3 and none for the build before). So were two turns for the
/// chart alone, 20 rows then 14 (6, 2 and 6 tasks of 16 ms or more in 3 × 6 opens, against 0, 2
/// and 3), though the table is built so ([`TABLE_ROWS_PER_TURN`]).
const ROWS_PER_TURN: usize = 40;

/// The same for the table, whose rows (with their badges, when the reach analysis is known
/// before the table is built, see [`KnownReach`]) cost more to lay out than the chart's marks:
/// 34 rows with their badges in one turn made a frame of 18–20 ms here (11–12 ms of layout).
/// In two turns, 20 rows then 14, `robustness-tasks.mjs` counted 2, 6 and 6 tasks of 16 ms or
/// more in 3 × 6 opens, against 5, 11 and 19 for the build before (the reach analysis then
/// arrived after the table, and its badges were laid out in a frame of their own).
const TABLE_ROWS_PER_TURN: usize = 20;

/// The most turns the chart, or the table, is built in.
const MAX_TURNS: usize = 4;

/// The chart and table of rank intervals. The rows are built when the ranking changes, in turns
/// of at least [`ROWS_PER_TURN`] rows for the chart and [`TABLE_ROWS_PER_TURN`] for the table
/// (see `RobustnessView`, [`in_turns`]); the results of the worker (partial intervals, then the
/// final ones, and the reach analysis when it was not known yet) only update the marks and
/// cells of each row, so a message from the worker costs little on the page's thread. Each
/// row's interval marks are there from the start, hidden until its interval arrives: the first
/// results then set a few attributes per row instead of creating its marks.
#[component]
fn RobustChart(
    intervals: Memo<HashMap<usize, UnitInterval>>,
    table_intervals: ReadSignal<HashMap<usize, UnitInterval>>,
    table: Memo<Option<Table>>,
    reach: ReachState,
    turns: stage::Turns,
    /// Set once the chart and the table are shown (or there is nothing to show): the analyses
    /// may then start.
    built: RwSignal<bool>,
) -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    let reach_view = Memo::new(move |_| {
        reach.with(|r| match r {
            None => ReachView::Pending,
            Some(Err(_)) => ReachView::Failed,
            Some(Ok(r)) => ReachView::Ready(r.units.iter().map(|u| (u.unit, u.clone())).collect()),
        })
    });
    // The controls are turn 1; the chart starts at turn 2.
    let first = 2;
    let chart_at = turns.at(first);
    move || {
        if !chart_at.get() {
            return ().into_any();
        }
        let l = lang();
        let Some(ds) = app.dataset() else {
            return ().into_any();
        };
        let (rows, not_ranked) = chart_rows(&ds, &table.get());
        let n = rows.len() as u32;
        if n == 0 {
            built.set(true);
            return view! { <p class="notice">{l.t("Không có đơn vị nào được xếp hạng.", "No unit is ranked.")}</p> }.into_any();
        }
        // Each row's interval, in the chart and in the table, as a memo: a row re-renders only
        // when its own interval changes.
        let rows: Vec<ChartPart> = rows
            .into_iter()
            .enumerate()
            .map(|(k, r)| {
                let unit = r.unit;
                let chart = Memo::new(move |_| intervals.with(|m| m.get(&unit).cloned()));
                let table = Memo::new(move |_| table_intervals.with(|m| m.get(&unit).cloned()));
                (k, r, chart, table)
            })
            .collect();
        let in_parts = |least: usize| -> Vec<Vec<ChartPart>> {
            let per_turn = least.max(rows.len().div_ceil(MAX_TURNS));
            rows.chunks(per_turn).map(<[_]>::to_vec).collect()
        };
        let parts = in_parts(ROWS_PER_TURN);
        let table_parts = in_parts(TABLE_ROWS_PER_TURN);
        let chart_turn = |p: usize| first + p;
        let table_turn = |p: usize| first + parts.len() + p;
        let h = TOP + ROW * f64::from(n) + 8.0;
        let ticks: Vec<u32> = {
            let step = if n <= 12 {
                1
            } else if n <= 40 {
                5
            } else {
                10
            };
            let mut t = vec![1];
            let mut r = step;
            while r <= n {
                if r > 1 {
                    t.push(r);
                }
                r += step;
            }
            // The last rank is always marked; a regular tick too close before it goes (30 and
            // 34 ran together on a phone).
            if t.len() > 1 && t.last().is_some_and(|&l| l != n && (n - l) * 5 <= step * 4) {
                t.pop();
            }
            if *t.last().unwrap_or(&1) != n {
                t.push(n);
            }
            t
        };
        let axis = ticks
            .iter()
            .map(|&t| {
                let x = x_of(t, n);
                view! {
                    <line x1=x.clone() x2=x.clone() y1=TOP - 6.0 y2=h - 6.0 class="grid"></line>
                    <text x=x y=TOP - 10.0 class="tick">{t.to_string()}</text>
                }
            })
            .collect_view();
        let ds_marks = ds.clone();
        let marks = in_turns(
            &parts,
            turns,
            chart_turn(0),
            move |(k, r, iv, _): &ChartPart| {
                let iv = *iv;
                let y = TOP + ROW * *k as f64 + ROW / 2.0;
                let cur = x_of(r.rank, n);
                // (5 %, 95 %, median) ranks, once known.
                let span = move || {
                    iv.with(|u| match u {
                        Some(UnitInterval {
                            p05: Some(a),
                            p95: Some(b),
                            median_rank: Some(m),
                            ..
                        }) => Some((*a, *b, *m)),
                        _ => None,
                    })
                };
                let x = move |f: fn((u32, u32, u32)) -> u32| {
                    move || span().map_or_else(|| x_of(1, n), |s| x_of(f(s), n))
                };
                let shown = move || {
                    if span().is_some() {
                        "visible"
                    } else {
                        "hidden"
                    }
                };
                // The whisker under the current rank's bar, the dot above it.
                view! {
                    <g class="mc-row" data-unit=ds_marks.units[r.unit].id.clone()>
                        <line x1=x(|s| s.0) x2=x(|s| s.1) y1=y y2=y class="whisker" visibility=shown></line>
                        <rect x=cur y=y - 8.0 width="3" height="16" transform="translate(-1.5 0)" class="current-mark"></rect>
                        <circle cx=x(|s| s.2) cy=y r="4.5" class="dot" visibility=shown></circle>
                    </g>
                }
            },
        );
        // The names, as HTML beside the plot: they keep the page's text size and are cut with
        // an ellipsis where the screen is narrow (the table below has them whole).
        let names = in_turns(&parts, turns, chart_turn(0), |(_, r, _, _): &ChartPart| {
            view! { <span>{r.name.clone()}</span> }
        });
        let label = l.t(
            "Biểu đồ chấm và khoảng: với mỗi đơn vị (xếp theo hạng hiện tại), chấm tròn là hạng trung vị, đoạn thẳng là khoảng 5–95 %, vạch đứng là hạng theo trọng số hiện tại. Số liệu ở bảng bên dưới.",
            "Dot-and-whisker chart: for each unit (ordered by current rank), the dot is the median rank, the line the 5–95% interval, the upright bar the rank under the current weights. The numbers are in the table below.",
        );
        let geometric = app.options().aggregation == Aggregation::Geometric;
        let last = table_parts.len() - 1;
        let table_at = turns.at(table_turn(0));
        let notes_at = turns.at(table_turn(last));
        Effect::new(move |_| {
            if notes_at.get() && !built.get_untracked() {
                built.set(true);
            }
        });
        let ds_rows = ds.clone();
        let table_rows = in_turns(
            &table_parts,
            turns,
            table_turn(0),
            move |(_, r, _, iv): &ChartPart| {
                let iv = *iv;
                let cell = move |f: fn(&UnitInterval, Lang) -> String| {
                    move || iv.with(|u| u.as_ref().map_or_else(|| "…".to_string(), |u| f(u, l)))
                };
                let unit = r.unit;
                let ds2 = ds_rows.clone();
                let badges = move || {
                    reach_view.with(|rv| {
                        let u = match rv {
                            ReachView::Pending => return view! { <span class="muted">{l.t("đang phân tích…", "analysing…")}</span> }.into_any(),
                            ReachView::Failed => return view! { <span class="muted">{l.t(
                                "không phân tích được (xem thông báo lỗi ở trên)",
                                "not analysed (see the error above)",
                            )}</span> }.into_any(),
                            ReachView::Ready(m) => match m.get(&unit) {
                                None => return view! { <span class="muted">{l.t("không phân tích (thiếu số liệu)", "not analysed (missing data)")}</span> }.into_any(),
                                Some(u) => u,
                            },
                        };
                        // A tie for first is told apart: on DTI 2024 most provinces tie for
                        // first with all the weight on a pillar whose points they fill.
                        let first = u.can_be_first.then(|| if u.first_alone {
                            view! { <span class="badge badge-first">{l.t("✓ có thể đứng đầu với một bộ trọng số", "✓ can rank first under some weights")}</span> }
                        } else {
                            view! { <span class="badge badge-tie">{l.t("chỉ có thể đồng hạng nhất", "can at best tie for first")}</span> }
                        });
                        let dom = (!u.dominated_by.is_empty()).then(|| {
                            let names: Vec<String> = u.dominated_by.iter().map(|&i| ds2.units[i].name.clone()).collect();
                            view! {
                                <span class="badge badge-dominated">{format!("{} {}", l.t("bị trội bởi", "dominated by"), names.join(", "))}</span>
                            }
                        });
                        let best = match u.best_rank_exact() {
                            // Rank 1 shared, beside "dominated by": a reader saw "best rank 1"
                            // and "dominated by Huế" as a contradiction.
                            Some(1) if !u.first_alone => format!("{} 1 {}", l.t("hạng tốt nhất có thể:", "best possible rank:"), l.t("(đồng hạng)", "(tied)")),
                            Some(b) => format!("{} {b}", l.t("hạng tốt nhất có thể:", "best possible rank:")),
                            // "between 2 and 16": "between 2–16" read poorly aloud.
                            None => match l {
                                Lang::Vi => format!("hạng tốt nhất có thể từ {} đến {}", u.best_rank_lower, u.best_rank_upper),
                                Lang::En => format!("best possible rank between {} and {}", u.best_rank_lower, u.best_rank_upper),
                            },
                        };
                        // Spaces between the badges: without them their texts ran together
                        // ("…trọng sốbị trội bởi…") for screen readers and in copied text.
                        view! { {first}" "{dom}" "<span class="best-rank">{best}</span> }.into_any()
                    })
                };
                view! {
                    <tr data-unit=ds_rows.units[r.unit].id.clone()>
                        <th scope="row">{r.name.clone()}</th>
                        <td class="num">{r.rank.to_string()}</td>
                        <td class="num">{cell(|u, _| rank_text(u.median_rank))}</td>
                        <td class="num">{cell(|u, _| rank_text(u.p05))}</td>
                        <td class="num">{cell(|u, _| rank_text(u.p95))}</td>
                        <td class="num">{cell(|u, l| l.percent(u.share_first))}</td>
                        <td class="badges">{badges}</td>
                    </tr>
                }
            },
        );
        let not_ranked_names: Vec<String> = not_ranked
            .iter()
            .map(|&i| ds.units[i].name.clone())
            .collect();
        let notes = move || {
            notes_at.get().then(|| view! {
                {(!not_ranked_names.is_empty()).then(|| view! {
                    <p class="muted">{format!("{}: {}", l.t("Không xếp hạng (thiếu số liệu), không có khoảng", "Not ranked (missing data), no interval"), not_ranked_names.join(", "))}</p>
                })}
                <div class="reach-notes">
                    <h3>{l.t("Các huy hiệu nghĩa là gì", "What the badges mean")}</h3>
                    <ul>
                        <li>{l.t(
                            "“Bị trội bởi X”: X không kém hơn ở mọi chỉ số thành phần và hơn ở ít nhất một chỉ số. Đây là kết luận chính xác: không bộ trọng số nào đưa đơn vị lên trên X (cùng lắm là bằng điểm khi các chỉ số X hơn có trọng số 0).",
                            "“Dominated by X”: X is at least as good in every category and better in one. This is exact: no weighting puts the unit above X (at best they tie, when the categories where X is ahead get zero weight).",
                        )}</li>
                        <li>{l.t(
                            "“Có thể đứng đầu”: có bộ trọng số đưa đơn vị lên hạng nhất một mình, hơn mọi đơn vị khác. “Chỉ có thể đồng hạng nhất”: cùng lắm là bằng điểm đơn vị dẫn đầu, thường khi dồn hết trọng số vào một chỉ số mà nhiều đơn vị đạt điểm tối đa. Tìm bằng quy hoạch tuyến tính rồi kiểm tra lại bằng cách tính điểm với chính bộ trọng số tìm được. Chính xác với trung bình cộng có trọng số, trên điểm chưa làm tròn.",
                            "“Can rank first”: some weights put the unit first on its own, ahead of every other unit. “Can at best tie for first”: at best level with the leader, usually with all the weight on a category where many units score the maximum. Found by linear programming, then checked by scoring with the weights found. Exact for the weighted arithmetic mean, on unrounded scores.",
                        )}</li>
                        <li>{l.t(
                            "“Hạng tốt nhất có thể”: khi hai cận trùng nhau thì là số chính xác; nếu không, đó là một khoảng: cận trên là hạng thực sự đạt được với một bộ trọng số đã tìm thấy, cận dưới là hạng không bộ trọng số nào vượt được.",
                            "“Best possible rank”: exact when the two bounds meet; otherwise a range: the upper end is a rank really reached under weights we found, the lower end a rank no weighting can beat.",
                        )}</li>
                        <li>{l.t(
                            "Điểm được làm tròn theo độ chính xác công bố trong bảng xếp hạng, nên ở đó một đơn vị có thể đồng hạng với đơn vị ngay trên: khi cách biệt dẫn đầu nhỏ hơn chữ số cuối được in, “có thể đứng đầu” thành đồng hạng nhất, còn “không thể đứng đầu” có thể bị phá bởi một trường hợp đồng điểm.",
                            "The ranking rounds scores at the published precision, so there a unit may tie with the one just above: a lead smaller than the last printed digit becomes a tie for first, and “cannot rank first” may be broken by such a tie.",
                        )}</li>
                        {geometric.then(|| view! { <li>{l.t(
                            "Bạn đang dùng trung bình nhân: “có thể đứng đầu” và “hạng tốt nhất” được tính cho trung bình cộng; quan hệ trội vẫn đúng.",
                            "You are using the geometric mean: “can rank first” and “best possible rank” are computed for the arithmetic mean; dominance still holds.",
                        )}</li> })}
                    </ul>
                </div>
            })
        };
        view! {
            <figure class="robust-chart">
                <div class="mc-plot" role="img" aria-label=label>
                    <div class="mc-names">{names}</div>
                    <svg height=h aria-hidden="true">
                        <text x="50%" y="12" class="tick">{l.t("Hạng (1 = tốt nhất)", "Rank (1 = best)")}</text>
                        {axis}
                        {marks}
                    </svg>
                </div>
                <figcaption class="legend">
                    <span class="key key-dot" aria-hidden="true"></span>{l.t("hạng trung vị (chấm tròn)", "median rank (dot)")}
                    <span class="key key-whisker" aria-hidden="true"></span>{l.t("khoảng 5–95 % (đoạn thẳng)", "5–95% interval (line)")}
                    <span class="key key-current" aria-hidden="true"></span>{l.t("hạng hiện tại (vạch đứng)", "current rank (upright bar)")}
                </figcaption>
            </figure>
            <div class="robust-details">
                {move || table_at.get().then(|| view! {
                    <table class="data-table robust-table" tabindex="0">
                        <caption>{l.t("Khoảng thứ hạng theo mô phỏng Monte Carlo và khả năng theo trọng số", "Monte Carlo rank intervals and what weights can do")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{l.t("Đơn vị", "Unit")}</th>
                                <th scope="col">{l.t("Hạng hiện tại", "Current rank")}</th>
                                <th scope="col">{l.t("Hạng trung vị", "Median rank")}</th>
                                <th scope="col">{l.t("5 %", "5%")}</th>
                                <th scope="col">{l.t("95 %", "95%")}</th>
                                <th scope="col">{l.t("Tỷ lệ mẫu đứng đầu", "Share of samples ranked first")}</th>
                                <th scope="col">{l.t("Trọng số có thể làm gì", "What weights can do")}</th>
                            </tr>
                        </thead>
                        <tbody>{table_rows.clone()}</tbody>
                    </table>
                })}
                {notes}
            </div>
        }.into_any()
    }
}
