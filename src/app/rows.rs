//! The ranking table's body, written straight to the DOM.
//!
//! Why not a `view!`: a slider step re-ranks the group, so most rows show another unit, rank or
//! score afterwards. Re-creating every row through the view layer cost 13–26 ms per step
//! (34 rows × 13 cells: new elements, attribute diffs, a string decoded per node), well over one
//! frame. Here each visible table position keeps its `<tr>` and cells for good, remembers what
//! it last wrote, and a step writes only the texts, bar lengths and classes that changed. (Rows
//! keyed by unit and moved into place were tried: the browser lays a moved row out from scratch,
//! which cost more.) Events are handled once on the `<tbody>` (see `RankTable`), so rows carry
//! no listeners. A scroll is the other way round: in a virtualised table the rows still in view
//! keep their `<tr>`, and the `<tr>`s of the rows scrolled out are moved to the other end for
//! the rows scrolled in ([`Body::update`]).
//!
//! Rows on screen first: asked to (the ranking view does when the weights alone change, see
//! `RankTable` in ranking.rs), and with more than [`DEFER_AFTER`] rows, an update writes only the
//! rows on or near the screen (an `IntersectionObserver` tells which, without forcing a layout)
//! and says that others wait; the caller writes those just after the frame is painted, or, while
//! steps come in quick succession, once they pause, or as soon as one of them comes on screen
//! ([`Body::update`], [`Body::new`]). The layout and paint of the rows nobody sees leave the
//! step's frame: at 63 × 6 a step went from 19 to 11–13 ms, at 10,000 × 8 (34 rows in the DOM)
//! from 18 to 12–14 ms (tests/e2e/perf.test.mjs).
//!
//! The numbers all come from [`super::table::Row`]; this module only formats and places them.

use super::i18n::Lang;
use super::table::{Row, Rows};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{
    CssStyleDeclaration, Document, Element, HtmlElement, HtmlInputElement, IntersectionObserver,
    IntersectionObserverEntry, IntersectionObserverInit, Text,
};

/// Above this many rows in the DOM, a step writes the rows on screen first.
pub const DEFER_AFTER: usize = 30;

/// How far beyond the viewport, above and below, a row still counts as on screen: about three
/// rows. A row that waits is written in the frames after it comes within this margin, so the
/// margin is what a scroll may cover in those frames before a waiting row shows. Each row
/// written costs a step about 0.2 ms of layout and 0.1 ms of paint here (measured alone, with
/// changed texts). In the benchmarks' window, where 6 rows are on screen, 300 px wrote 14 rows
/// per step at 63 × 6 and 13 at 10,000 × 8; 120 px writes 9 in both, and the step's
/// input-to-paint is 1–2 ms shorter (alternating builds). Tested in tests/e2e/explorer.test.mjs
/// ("a row left waiting…").
const NEAR_SCREEN: &str = "120px 0px";

/// What decides the shape of every row: when it changes, the rows are built anew.
#[derive(Clone, PartialEq)]
pub struct Layout {
    pub lang: Lang,
    /// No "change" column: the official ranking, or a group with no official rank to compare
    /// with.
    pub no_change: bool,
    /// Category columns: indices into the dataset's categories.
    pub cats: Arc<Vec<usize>>,
    pub precision: usize,
    pub ncols: usize,
}

/// One row of the window, and the row state it shows now.
struct Slot {
    /// Names the slot to the `IntersectionObserver` (`data-slot`): it stays with the slot when
    /// the slot moves to the other end of the window ([`Body::update`]).
    id: usize,
    tr: Element,
    rank: Text,
    change: Option<ChangeCell>,
    name: Text,
    score: Text,
    cats: Vec<CatCell>,
    check: HtmlInputElement,
    shown: Shown,
}

/// The change column: an arrow and a number for the eye, words for a screen reader.
struct ChangeCell {
    outer: Element,
    visible: Text,
    spoken: Text,
}

/// A category cell: a bar and the value, or a dash where the unit has no value. One element
/// and its text: the bar is the cell's background (style/main.css), its length the first
/// layer's `background-size`, because three elements per cell made most of a re-rank's layout
/// and paint; a background change needs no layout. Also measured at 63 × 6 and slower per step
/// (tests/benches/step-trace.mjs): a `::before` sized by a custom property set inline (+5 ms of
/// style: the property is inherited and defeats Chromium's matched-style cache), and one span
/// sized by inline width and border (+2 ms style, +1.5 ms layout, −2 ms paint).
struct CatCell {
    td: HtmlElement,
    /// The cell's inline style, kept: asking the element for it on every write cost a call
    /// into the browser per cell.
    style: CssStyleDeclaration,
    text: Text,
    value: Option<Option<f64>>,
}

/// The values a row was last written with.
#[derive(Default, PartialEq)]
struct Shown {
    unit: Option<Arc<str>>,
    rowindex: usize,
    rank: Option<u32>,
    change: Option<(Option<i64>, Option<u32>)>,
    score: Option<f64>,
    highlight: bool,
    selected: bool,
    after_gap: bool,
}

/// The table body: the slots, and spacer rows above and below them while the table is
/// virtualised (absent otherwise, so `tbody tr` counts units).
pub struct Body {
    tbody: Element,
    layout: Option<Layout>,
    top: Option<Spacer>,
    bottom: Option<Spacer>,
    slots: Vec<Slot>,
    /// The window's first row at the last update.
    first: usize,
    /// Ids of slots removed, for the next slots made (so ids stay below the largest window).
    free: Vec<usize>,
    screen: Screen,
}

/// Which slots (by id) are on or near the screen, as the browser last reported, and which were
/// left unwritten. A slot counts as on screen until the observer says otherwise, so a new row is
/// always written at once; a row left unwritten that comes on screen (a scroll, a resize) calls
/// `reveal`, so that the caller writes it then rather than when the steps pause.
struct Screen {
    slots: Rc<RefCell<Vec<SlotScreen>>>,
    observer: Option<IntersectionObserver>,
    _callback: Option<Closure<dyn FnMut(js_sys::Array)>>,
}

#[derive(Clone, Copy)]
struct SlotScreen {
    near: bool,
    held: bool,
}

impl Screen {
    fn new(reveal: Rc<dyn Fn()>) -> Screen {
        let slots: Rc<RefCell<Vec<SlotScreen>>> = Rc::default();
        let seen = slots.clone();
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let mut revealed = false;
            {
                let mut slots = seen.borrow_mut();
                for entry in entries.iter() {
                    let entry: IntersectionObserverEntry = entry.unchecked_into();
                    let k = entry
                        .target()
                        .get_attribute("data-slot")
                        .and_then(|k| k.parse::<usize>().ok());
                    if let Some(slot) = k.and_then(|k| slots.get_mut(k)) {
                        slot.near = entry.is_intersecting();
                        revealed |= slot.near && slot.held;
                    }
                }
            }
            if revealed {
                reveal();
            }
        });
        let init = IntersectionObserverInit::new();
        init.set_root_margin(NEAR_SCREEN);
        let observer =
            IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init).ok();
        Screen {
            slots,
            _callback: observer.is_some().then_some(callback),
            observer,
        }
    }

    fn watch(&self, id: usize, tr: &Element) {
        let fresh = SlotScreen {
            near: true,
            held: false,
        };
        let mut slots = self.slots.borrow_mut();
        if slots.len() <= id {
            slots.resize(id + 1, fresh);
        }
        slots[id] = fresh;
        let _ = tr.set_attribute("data-slot", &id.to_string());
        if let Some(o) = &self.observer {
            o.observe(tr);
        }
    }

    fn unwatch(&self, tr: &Element) {
        if let Some(o) = &self.observer {
            o.unobserve(tr);
        }
    }

    fn is_near(&self, id: usize) -> bool {
        self.slots.borrow().get(id).is_none_or(|s| s.near)
    }

    fn set_held(&self, id: usize, held: bool) {
        if let Some(s) = self.slots.borrow_mut().get_mut(id) {
            s.held = held;
        }
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        if let Some(o) = &self.observer {
            o.disconnect();
        }
    }
}

/// What to show: the rows, the window of positions in view, and a few flags per unit.
pub struct Frame<'a> {
    pub rows: &'a Rows,
    /// Positions (into `rows`) of the rows in view, in display order.
    pub window: &'a [u32],
    /// Index, among all rows after filtering, of the window's first row.
    pub first: usize,
    /// Number of rows after filtering (for the spacers and `aria-rowindex`).
    pub total: usize,
    pub row_height: f64,
    pub highlight: &'a dyn Fn(&str) -> bool,
    pub selected: &'a dyn Fn(&str) -> bool,
    /// The indices (among the rows after filtering) of rows that follow skipped ones: marked,
    /// so that rank 17 right after rank 5 does not read as the next.
    pub skipped: &'a [usize],
}

fn doc() -> Document {
    leptos::prelude::document()
}

fn el(tag: &str) -> Element {
    doc()
        .create_element(tag)
        .expect("creating an element of a known tag cannot fail")
}

/// An empty text node appended to `parent`: the cell's text is then changed in place
/// (`Text.data`), which costs the browser less than replacing the node.
fn text_in(parent: &Element) -> Text {
    let t = doc().create_text_node("");
    let _ = parent.append_child(&t);
    t
}

fn el_class(tag: &str, class: &str) -> Element {
    let e = el(tag);
    e.set_class_name(class);
    e
}

/// A spacer row and the height and width it was last given.
struct Spacer {
    tr: Element,
    shown: (f64, usize),
}

/// Adds, resizes or removes a spacer row of `px` pixels (none when `px` is 0). Writes nothing
/// when the size is unchanged: rewriting a 400,000-pixel spacer's height on each slider step made
/// the browser lay the table out again.
fn spacer(slot: &mut Option<Spacer>, px: f64, ncols: usize, place: impl FnOnce(&Element)) {
    if px <= 0.0 {
        if let Some(s) = slot.take() {
            s.tr.remove();
        }
        return;
    }
    if slot.as_ref().is_some_and(|s| s.shown == (px, ncols)) {
        return;
    }
    let s = slot.get_or_insert_with(|| {
        let tr = el_class("tr", "spacer");
        let _ = tr.set_attribute("aria-hidden", "true");
        let _ = tr.append_child(&el("td"));
        place(&tr);
        Spacer {
            tr,
            shown: (0.0, 0),
        }
    });
    s.shown = (px, ncols);
    if let Some(td) =
        s.tr.first_element_child()
            .and_then(|c| c.dyn_into::<HtmlElement>().ok())
    {
        let _ = td.set_attribute("colspan", &ncols.to_string());
        let _ = td.style().set_property("height", &format!("{px}px"));
    }
}

impl Body {
    /// A body that writes into `tbody`; `reveal` is called when a row left unwritten comes on
    /// screen.
    pub fn new(tbody: Element, reveal: Rc<dyn Fn()>) -> Body {
        tbody.set_text_content(None);
        Body {
            tbody,
            layout: None,
            top: None,
            bottom: None,
            slots: Vec::new(),
            first: 0,
            free: Vec::new(),
            screen: Screen::new(reveal),
        }
    }

    /// Brings the DOM in line with `frame` under `layout`, writing only what changed. With
    /// `screen_first` and more than [`DEFER_AFTER`] rows, rows away from the screen are left as
    /// they were; the answer is then true, and a later call without `screen_first` writes them.
    pub fn update(&mut self, layout: &Layout, frame: &Frame, screen_first: bool) -> bool {
        if self.layout.as_ref() != Some(layout) {
            for s in self.slots.drain(..) {
                self.screen.unwatch(&s.tr);
                s.tr.remove();
            }
            self.free.clear();
            self.layout = Some(layout.clone());
        }
        self.follow_scroll(frame.first);
        // Grow or shrink the pool of rows to the window.
        while self.slots.len() > frame.window.len() {
            if let Some(s) = self.slots.pop() {
                self.screen.unwatch(&s.tr);
                s.tr.remove();
                self.free.push(s.id);
            }
        }
        while self.slots.len() < frame.window.len() {
            let id = self.free.pop().unwrap_or(self.slots.len());
            let s = Slot::new(layout, id);
            let _ = self
                .tbody
                .insert_before(&s.tr, self.bottom.as_ref().map(|b| b.tr.as_ref()));
            self.screen.watch(id, &s.tr);
            self.slots.push(s);
        }
        let defer = screen_first && self.slots.len() > DEFER_AFTER;
        let mut deferred = false;
        for (k, (slot, &pos)) in self.slots.iter_mut().zip(frame.window).enumerate() {
            if defer && !self.screen.is_near(slot.id) {
                deferred = true;
                self.screen.set_held(slot.id, true);
                continue;
            }
            if let Some(row) = frame.rows.get(pos as usize) {
                slot.write(layout, &row, frame.first + k + 2, frame);
            }
            self.screen.set_held(slot.id, false);
        }
        let last = frame.first + frame.window.len();
        let tbody = &self.tbody;
        spacer(
            &mut self.top,
            frame.first as f64 * frame.row_height,
            layout.ncols,
            |tr| {
                let _ = tbody.insert_before(tr, tbody.first_child().as_ref());
            },
        );
        spacer(
            &mut self.bottom,
            frame.total.saturating_sub(last) as f64 * frame.row_height,
            layout.ncols,
            |tr| {
                let _ = tbody.append_child(tr);
            },
        );
        deferred
    }

    /// When the window of a virtualised table has moved by fewer rows than it holds (a scroll),
    /// moves the slots of the rows that left it to the other end, in the DOM and in `slots`: the
    /// rows still in view then keep their slots and what those show, and the update writes only
    /// the rows scrolled in. Without this, every slot showed the next row after a scroll of one
    /// row, and each such frame rewrote all of them: at 10,000 × 8, 11 of 30 frames of a wheel
    /// scroll took over 16 ms, and none after (tests/benches/scroll-trace.mjs). It also keeps the
    /// keyboard's focus on its row: the focused slot was rewritten with another row's unit as
    /// the table scrolled to it, and Tab then skipped rows and lost the focus (tests/e2e/
    /// explorer.test.mjs, "Tab and Shift+Tab walk the virtualised table…").
    fn follow_scroll(&mut self, first: usize) {
        let before = std::mem::replace(&mut self.first, first);
        let n = self.slots.len();
        if first == before || n == 0 {
            return;
        }
        if first > before && first - before < n {
            let d = first - before;
            // Down: the first d slots go below the last one, in order.
            let end = self.bottom.as_ref().map(|b| b.tr.as_ref());
            for s in &self.slots[..d] {
                let _ = self.tbody.insert_before(&s.tr, end);
            }
            self.slots.rotate_left(d);
        } else if before > first && before - first < n {
            let d = before - first;
            // Up: the last d slots go above the first one, in order.
            let head = Some(self.slots[0].tr.as_ref());
            for s in &self.slots[n - d..] {
                let _ = self.tbody.insert_before(&s.tr, head);
            }
            self.slots.rotate_right(d);
        }
    }
}

impl Slot {
    fn new(layout: &Layout, id: usize) -> Slot {
        let tr = el("tr");
        let td = el_class("td", "rank");
        let _ = tr.append_child(&td);
        let rank = text_in(&td);
        let change = (!layout.no_change).then(|| {
            let td = el_class("td", "change-col");
            let _ = tr.append_child(&td);
            let outer = el_class("span", "change none");
            let _ = td.append_child(&outer);
            let seen = el("span");
            let _ = seen.set_attribute("aria-hidden", "true");
            let heard = el_class("span", "sr-only");
            let _ = outer.append_child(&seen);
            let _ = outer.append_child(&heard);
            ChangeCell {
                outer,
                visible: text_in(&seen),
                spoken: text_in(&heard),
            }
        });
        let th = el_class("th", "unit");
        let _ = th.set_attribute("scope", "row");
        let button = el_class("button", "link");
        let _ = button.set_attribute("type", "button");
        // Units' names are Vietnamese on an English page too: a screen reader's voice then reads
        // them as Vietnamese (WCAG 3.1.2, language of parts).
        let _ = button.set_attribute("lang", "vi");
        let _ = th.append_child(&button);
        let _ = tr.append_child(&th);
        let name = text_in(&button);
        let td = el_class("td", "score num");
        let _ = tr.append_child(&td);
        let score = text_in(&td);
        let cats = layout
            .cats
            .iter()
            .map(|_| {
                // The column header (a `th scope=col`) names the category for screen readers.
                let td: HtmlElement = el_class("td", "cat").unchecked_into();
                let _ = tr.append_child(&td);
                CatCell {
                    text: text_in(&td),
                    style: td.style(),
                    td,
                    value: None,
                }
            })
            .collect();
        let pick = el_class("td", "pick");
        let check: HtmlInputElement = el("input").unchecked_into();
        check.set_type("checkbox");
        let _ = check.set_attribute("data-compare", "");
        let _ = pick.append_child(&check);
        let _ = tr.append_child(&pick);
        Slot {
            id,
            tr,
            rank,
            change,
            name,
            score,
            cats,
            check,
            shown: Shown::default(),
        }
    }

    fn write(&mut self, layout: &Layout, r: &Row, rowindex: usize, frame: &Frame) {
        let l = layout.lang;
        let s = &mut self.shown;
        let same_unit = s.unit.as_deref() == Some(&*r.id);
        if !same_unit {
            let _ = self.tr.set_attribute("data-unit", &r.id);
            self.name.set_data(&r.name);
            let _ = self.check.set_attribute(
                "aria-label",
                &format!("{} {}", l.t("So sánh", "Compare"), r.name),
            );
            s.unit = Some(r.id.clone());
        }
        if s.rowindex != rowindex {
            let _ = self
                .tr
                .set_attribute("aria-rowindex", &rowindex.to_string());
            s.rowindex = rowindex;
        }
        if !same_unit || s.rank != r.rank {
            self.rank
                .set_data(&r.rank.map_or_else(|| "—".to_string(), |x| x.to_string()));
            s.rank = r.rank;
        }
        if let Some(cell) = &self.change {
            let now = (r.change, r.baseline);
            if s.change != Some(now) {
                cell.write(r.change, r.baseline, l);
                s.change = Some(now);
            }
        }
        if !same_unit || s.score != r.score {
            self.score.set_data(
                &r.score
                    .map_or_else(|| "—".to_string(), |x| l.num(x, layout.precision)),
            );
            s.score = r.score;
        }
        for (cell, j) in self.cats.iter_mut().zip(layout.cats.iter()) {
            let v = r.categories.get(*j).copied().flatten();
            if cell.value != Some(v) {
                cell.write(v, l, layout.precision);
            }
        }
        let after_gap = frame.skipped.contains(&(rowindex - 2));
        if after_gap != s.after_gap {
            let _ = self
                .tr
                .class_list()
                .toggle_with_force("after-gap", after_gap);
            s.after_gap = after_gap;
        }
        let hl = (frame.highlight)(&r.id);
        if hl != s.highlight || !same_unit {
            let _ = self.tr.class_list().toggle_with_force("highlight", hl);
            s.highlight = hl;
        }
        let sel = (frame.selected)(&r.id);
        if sel != s.selected || !same_unit || self.check.checked() != sel {
            let _ = self.tr.class_list().toggle_with_force("selected", sel);
            self.check.set_checked(sel);
            s.selected = sel;
        }
    }
}

impl CatCell {
    fn write(&mut self, v: Option<f64>, l: Lang, precision: usize) {
        match v {
            Some(x) => {
                if !matches!(self.value, Some(Some(_))) {
                    self.td.set_class_name("cat");
                }
                // Tenths of a percent, written with integers (see `Lang::num`).
                let w = (x.clamp(0.0, 1.0) * 1000.0).round() as u32;
                let _ = self.style.set_property(
                    "background-size",
                    &format!("{}.{}% .6rem, 100% .6rem", w / 10, w % 10),
                );
                self.text.set_data(&l.num(x, precision));
            }
            None => {
                self.td.set_class_name("cat muted");
                self.text.set_data("—");
            }
        }
        self.value = Some(v);
    }
}

impl ChangeCell {
    fn write(&self, change: Option<i64>, official: Option<u32>, l: Lang) {
        let (class, seen, heard) = match change {
            None => (
                "change none",
                "—".to_string(),
                l.t("Không có hạng chính thức", "No official rank")
                    .to_string(),
            ),
            Some(0) => (
                "change same",
                "=".to_string(),
                l.t("không đổi", "no change").to_string(),
            ),
            Some(c) => {
                let from = official.map(|o| o.to_string()).unwrap_or_default();
                let (class, arrow, word) = if c > 0 {
                    ("change up", "▲", l.t("lên", "up"))
                } else {
                    ("change down", "▼", l.t("xuống", "down"))
                };
                let heard = match l {
                    Lang::Vi => format!("{word} {} bậc so với vị trí chính thức {from}", c.abs()),
                    Lang::En => format!("{word} {} from official place {from}", c.abs()),
                };
                (class, format!("{arrow} {}", c.abs()), heard)
            }
        };
        self.outer.set_class_name(class);
        self.visible.set_data(&seen);
        self.spoken.set_data(&heard);
    }
}
