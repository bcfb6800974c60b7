//! The analysis worker: a second, small WebAssembly binary that runs in a dedicated Web Worker
//! (started by `public/worker-boot.js`) and computes the Monte Carlo rank intervals and the reach
//! analysis for the page, so the page's binary holds neither and never waits for them.
//!
//! It reads [`ToWorker`](xephang::engine::job::ToWorker) messages and answers with `FromWorker`
//! ones (JSON strings; see `xephang::engine::job`). Jobs run in slices of about `BUDGET_MS` (in
//! `web`), scheduled through a `MessageChannel` (a `setTimeout(0)` chain would be clamped to 4 ms
//! a step), so a cancel or a newer job is read between two slices.
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
    use web_sys::{DedicatedWorkerGlobalScope, MessageChannel, MessageEvent};
    use xephang::engine::job::{encode, Runner, PROTOCOL};

    /// Longest slice of work between two looks at the messages, in milliseconds.
    const BUDGET_MS: f64 = 25.0;

    struct Worker {
        scope: DedicatedWorkerGlobalScope,
        /// Posting to `tick.port2` runs the next slice (on `port1`).
        tick: MessageChannel,
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
        let tick = match MessageChannel::new() {
            Ok(c) => c,
            Err(e) => {
                post(
                    &scope,
                    &FromWorker::BootFailed {
                        detail: format!("MessageChannel: {e:?}"),
                    },
                );
                return;
            }
        };
        let on_tick = Closure::<dyn FnMut()>::new(run_slice);
        tick.port1()
            .set_onmessage(Some(on_tick.as_ref().unchecked_ref()));
        on_tick.forget();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(receive);
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        post(&scope, &FromWorker::Ready { protocol: PROTOCOL });
        WORKER.with_borrow_mut(|w| {
            *w = Some(Worker {
                scope,
                tick,
                scheduled: false,
                runner: Runner::new(),
            })
        });
    }

    fn schedule(w: &mut Worker) {
        if !w.scheduled && w.runner.has_work() {
            w.scheduled = w.tick.port2().post_message(&JsValue::NULL).is_ok();
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
