//! The analysis worker: a second, small WebAssembly binary that runs in a dedicated Web Worker
//! (started by `public/worker-boot.js`) and computes the Monte Carlo rank intervals and the reach
//! analysis for the page, so the page's binary holds neither and never waits for them.
//!
//! It reads [`ToWorker`](xephang::engine::job::ToWorker) messages and answers with `FromWorker`
//! ones (JSON strings; see `xephang::engine::job`). Jobs run in slices of about `BUDGET_MS` (in
//! `web`), each `GAP_MS` after the last, so a cancel or a newer job is read between two slices.
//!
//! Why the gap: on a machine of two cores, a worker computing without pause took one of them,
//! and the page's frames, which share the other with the browser's raster and compositor threads,
//! got a quarter of it: frames of 12-22 ms of work took 55-97 ms (devtools trace, wall against
//! thread time). With the gap, fewer tasks of the page went over 50 ms while the Robustness view
//! opened (4 against 10 in 24 opens each, `NOHOVER=1 tests/benches/robustness-tasks.mjs`), and the
//! view was done as soon (median about 520 ms after the click in both).
//!
//! Natively there is nothing to run: the `xephang` tool's `uncertainty` command does the same
//! work on the command line.

#[cfg(target_arch = "wasm32")]
use xephang::engine::job::FromWorker;

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "xephang-worker is the web app's analysis worker (WebAssembly in a browser); \
         natively, use `xephang uncertainty` instead."
    );
    std::process::exit(2);
}

#[cfg(target_arch = "wasm32")]
mod web {
    use super::FromWorker;
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};
    use xephang::engine::job::{encode, Runner, PROTOCOL};

    /// Longest slice of work between two looks at the messages, in milliseconds.
    const BUDGET_MS: f64 = 25.0;
    /// The pause between two slices, in milliseconds (see the module's doc).
    const GAP_MS: i32 = 8;

    struct Worker {
        scope: DedicatedWorkerGlobalScope,
        /// Whether the next slice is already due.
        scheduled: bool,
        runner: Runner,
    }

    thread_local! {
        static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
    }

    fn post(scope: &DedicatedWorkerGlobalScope, msg: &FromWorker) {
        // Posting a string cannot fail (nothing to clone but the text).
        let _ = scope.post_message(&JsValue::from_str(&encode(msg)));
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(receive);
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        post(&scope, &FromWorker::Ready { protocol: PROTOCOL });
        WORKER.with_borrow_mut(|w| {
            *w = Some(Worker {
                scope,
                scheduled: false,
                runner: Runner::new(),
            })
        });
    }

    fn schedule(w: &mut Worker) {
        if !w.scheduled && w.runner.has_work() {
            let next = Closure::once_into_js(run_slice);
            w.scheduled = w
                .scope
                .set_timeout_with_callback_and_timeout_and_arguments_0(next.unchecked_ref(), GAP_MS)
                .is_ok();
        }
    }

    fn receive(ev: MessageEvent) {
        WORKER.with_borrow_mut(|w| {
            let Some(w) = w else { return };
            let reply = match ev.data().as_string() {
                Some(text) => w.runner.receive(&text),
                None => Some(FromWorker::Unreadable {
                    detail: "the message is not text".into(),
                }),
            };
            if let Some(reply) = reply {
                post(&w.scope, &reply);
            }
            schedule(w);
        });
    }

    fn run_slice() {
        WORKER.with_borrow_mut(|w| {
            let Some(w) = w else { return };
            w.scheduled = false;
            if let Some(reply) = w.runner.slice(BUDGET_MS, &mut js_sys::Date::now) {
                post(&w.scope, &reply);
            }
            schedule(w);
        });
    }
}
