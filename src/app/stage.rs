//! The first view, built in stages: one task each instead of a single long one.
//!
//! Why: when the data arrived, parsing it and building the whole weights view (the panel, then
//! the ranking with its table) was one task of 55–80 ms in Chromium here, four times that
//! under Lighthouse's CPU slowdown, and Lighthouse's total blocking time counts every task by
//! its part over 50 ms. Giving the browser its turn in between (to draw, to handle input) takes
//! up to 50 ms (×4) off that sum per stage, and the part built first is drawn sooner. Now: a
//! dataset is parsed in one task and the page built from it in the next (state.rs; on every
//! load, an embed's and a reader's switch included); in the page's first view, the weights
//! panel's top (presets, the note on the weights) is drawn before its sliders and the ranking
//! beside it are built ([`Later`], weights.rs); the table's
//! rows are written in the task after the table (`RankTable`, ranking.rs). At 4× slowdown the
//! blocking sum of the deep link's start went from about 500 to about 180 ms
//! (tests/e2e/perf.test.mjs).
//!
//! The page's frame (header, main, footer) is built in the task after the one that set up the
//! state (shell.rs); in the page's first view, the ranking is built a frame after the pickers,
//! and its table a frame after its top (heading, coverage, filters): a [`Later`] inside a
//! [`Later`] waits a frame more. On the landing view all this happens under the copy of the
//! view prerendered into index.html, which hides the app: the copy goes only once every part
//! put off is built ([`when_built`]), so the reader sees the app whole, in one frame. Under
//! Lighthouse (4× slowdown) the total blocking time of `/` went from 257–388 to 105–142 ms and
//! its performance score from 91–92 to 95–97, alongside in the same hour
//! (tests/benches/lighthouse.sh, 2026-12-05).
//!
//! Only what comes later in the page is put off, so that nothing already drawn moves when it
//! arrives; and only in the page's first view (the first built from a dataset, in the task
//! that builds it; not in an embed): a view built afterwards, on a reader's click, is built at
//! once, as before. (The robustness view is the exception: wherever it opens, it is built a
//! part a frame, top to bottom, with [`Turns`].)

use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

thread_local! {
    /// Whether the page's first view has begun to be built, and whether that task is over:
    /// from then on every [`Later`] builds at once.
    static FIRST_VIEW_BEGUN: Cell<bool> = const { Cell::new(false) };
    static FIRST_VIEW_BUILT: Cell<bool> = const { Cell::new(false) };
    /// Whether a [`Later`] part of the first view is being built, now.
    static STAGING: Cell<bool> = const { Cell::new(false) };
    /// How many parts of the first view are still to come ([`part_due`]), and what waits for
    /// none to be left ([`when_built`]).
    static PARTS_DUE: Cell<u32> = const { Cell::new(0) };
    static WHEN_BUILT: Cell<Option<fn()>> = const { Cell::new(None) };
}

/// The longest [`when_built`] waits, should a part never say it is done: the prerendered
/// landing view it removes would otherwise hide the app for good.
const BUILT_BACKSTOP: Duration = Duration::from_millis(3000);

/// A part of the first view is put off to a later task: [`when_built`] waits for it. Each call
/// is matched by one of [`part_done`], whether or not the part was built (its view may be gone).
pub fn part_due() {
    PARTS_DUE.with(|n| n.set(n.get() + 1));
}

/// A part announced by [`part_due`] has been built (in this task: what waits for it runs in a
/// task after this one's microtasks, which draw it) or will not be.
pub fn part_done() {
    let left = PARTS_DUE.with(|n| {
        n.set(n.get().saturating_sub(1));
        n.get()
    });
    if left == 0 {
        next_task(|| run_when_built(false));
    }
}

/// Runs `f` once the first view's parts put off so far are built, in a task after the one that
/// built the last; at the latest after [`BUILT_BACKSTOP`]. The landing view removes its
/// prerendered copy this way (shell.rs): the app, hidden under it, is built over several
/// tasks, and is shown whole.
pub fn when_built(f: fn()) {
    WHEN_BUILT.with(|w| w.set(Some(f)));
    // Not at once: the parts of a view being built in this task have yet to say they are due.
    next_task(|| run_when_built(false));
    set_timeout(|| run_when_built(true), BUILT_BACKSTOP);
}

fn run_when_built(anyway: bool) {
    if !anyway && PARTS_DUE.with(Cell::get) > 0 {
        return;
    }
    if let Some(f) = WHEN_BUILT.with(Cell::take) {
        f();
    }
}

/// Marks the task that builds the page's first view (the data's, once it has arrived): the
/// [`Later`] parts built in this task wait for a task of their own; any built afterwards do not,
/// nor any in a page that never calls this (an embed).
pub fn first_view_begun() {
    if FIRST_VIEW_BEGUN.with(|b| b.replace(true)) {
        return;
    }
    next_task(|| FIRST_VIEW_BUILT.with(|b| b.set(true)));
}

/// Runs `f` in a task of its own, after what the browser had waiting (input, maybe a frame).
pub fn next_task(f: impl FnOnce() + 'static) {
    set_timeout(f, Duration::ZERO);
}

/// How often [`after_paint`] looks whether the page is hidden, while no frame has come: a hidden
/// page draws none.
const FRAME_BACKSTOP: Duration = Duration::from_millis(100);

/// How many looks [`after_paint`] gives a visible page's frame before it runs `f` anyway: a
/// frame in an embed scrolled far off screen draws none either (Chromium throttles it), and
/// document.hidden does not say so.
const VISIBLE_LOOKS: u32 = 10;

/// Runs `f` in a task of its own just after the browser has drawn its next frame (a zero timeout
/// queued from that frame's animation callback); once. If no frame comes, `f` runs at the first
/// look (one every [`FRAME_BACKSTOP`]) that finds the page hidden, or at the last of
/// [`VISIBLE_LOOKS`]. A slow frame of a visible page is waited for up to a second: run before
/// it, `f` would add its work to the frame it was meant to follow.
pub fn after_paint(f: impl FnOnce() + 'static) {
    fn run<F: FnOnce()>(f: &Cell<Option<F>>) {
        if let Some(f) = f.take() {
            f()
        }
    }
    fn backstop<F: FnOnce() + 'static>(f: Rc<Cell<Option<F>>>, looks: u32) {
        set_timeout(
            move || {
                let Some(g) = f.take() else {
                    return;
                };
                if looks <= 1 || document().hidden() {
                    g();
                } else {
                    f.set(Some(g));
                    backstop(f, looks - 1);
                }
            },
            FRAME_BACKSTOP,
        );
    }
    let f = Rc::new(Cell::new(Some(f)));
    backstop(f.clone(), VISIBLE_LOOKS);
    request_animation_frame(move || next_task(move || run(&f)));
}

/// Its children, built just after the rest of the page's first view has been drawn (so that
/// their layout and paint, too, are a task apart); at once in any later view. Put it only around
/// what comes after the parts built at once (lower in the page, or in a column of its own), so
/// that nothing already drawn moves when it arrives.
#[component]
pub fn Later(children: ChildrenFn) -> impl IntoView {
    // Outside the page's frame (an embed, whose footer would move) or after its first view:
    // at once.
    // (Inside another's children, a Later is put off again, a frame further.)
    if !FIRST_VIEW_BEGUN.with(Cell::get) || (FIRST_VIEW_BUILT.with(Cell::get) && !staged()) {
        return children().into_any();
    }
    let ready = RwSignal::new(false);
    part_due();
    after_paint(move || {
        STAGING.with(|b| b.set(true));
        // Some(_) back once the view is gone (the reader has switched away meanwhile).
        let gone = ready.try_set(true).is_some();
        // The children are built in this task (its microtasks); what is built later is not
        // staged.
        if gone {
            STAGING.with(|b| b.set(false));
        } else {
            next_task(|| STAGING.with(|b| b.set(false)));
        }
        part_done();
    });
    (move || ready.get().then(|| children())).into_any()
}

/// Whether the component being built is part of the page's first view, built in stages: from
/// the task that builds a [`Later`]'s children until the task after it (not when they rebuild a
/// part later). It may then put off work that changes nothing drawn above it, to a task of its
/// own ([`next_task`]).
pub fn staged() -> bool {
    STAGING.with(Cell::get)
}

/// A view built over several tasks, one part a frame: part 0 at once, part `k` in the task
/// just after the frame that drew part `k - 1` ([`after_paint`]). Each part's script, and its
/// layout and paint, then take a task of their own instead of adding up in one (the robustness
/// view: its controls, then the chart, then the table).
///
/// Parts ask for their turn with [`Turns::at`]; the turns go on until the last part asked for
/// is shown, so a view that learns how many parts it has while it builds (the chart's rows)
/// simply asks for more. A part asked for after its turn has passed (a rebuild, such as a
/// language switch) is shown at once.
#[derive(Clone, Copy)]
pub struct Turns {
    /// The turns that have passed: part `k` shows once `passed >= k`.
    passed: RwSignal<usize>,
    /// The last part asked for: a signal, so that [`Turns::done`] turns false again when a part
    /// asks for a later turn.
    wanted: RwSignal<usize>,
    /// Whether the next turn is waiting for a frame.
    waiting: StoredValue<bool>,
}

impl Turns {
    pub fn new() -> Turns {
        Turns {
            passed: RwSignal::new(0),
            wanted: RwSignal::new(0),
            waiting: StoredValue::new(false),
        }
    }

    /// Whether part `k` may be shown: read it in the closure that builds the part, which then
    /// runs again (once) when its turn comes.
    pub fn at(self, k: usize) -> Memo<bool> {
        if self.wanted.try_get_untracked().is_some_and(|w| w < k) {
            let _ = self.wanted.try_set(k);
            self.next();
        }
        let passed = self.passed;
        Memo::new(move |_| passed.get() >= k)
    }

    /// Whether every part asked for so far is shown.
    pub fn done(self) -> bool {
        self.passed.try_get().unwrap_or(0) >= self.wanted.try_get().unwrap_or(0)
    }

    fn next(self) {
        if self.waiting.try_get_value() != Some(false) {
            return;
        }
        self.waiting.set_value(true);
        after_paint(move || {
            // The view may be gone meanwhile: its signals with it.
            if self.waiting.try_set_value(false).is_some() {
                return;
            }
            let Some(n) = self.passed.try_get_untracked() else {
                return;
            };
            let _ = self.passed.try_set(n + 1);
            if self.wanted.try_get_untracked().is_some_and(|w| w > n + 1) {
                self.next();
            }
        });
    }
}

impl Default for Turns {
    fn default() -> Self {
        Turns::new()
    }
}
