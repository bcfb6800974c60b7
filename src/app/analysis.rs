//! The page's side of the analysis worker (`src/worker.rs`, started from `worker-boot.js`):
//! the Monte Carlo and the reach analysis run there, on their own thread, and arrive here as
//! messages (`crate::engine::job`).
//!
//! One worker serves the whole page. It is started when the first job is (opening the
//! robustness or compare view), and it stays for the next jobs. Until it says it is ready,
//! messages wait here: a message posted before its WebAssembly is running would be lost.
//!
//! Each job has an id and a handler. [`JobHandle`] cancels its job when dropped (the inputs
//! changed or the view is gone): the worker is told, and the handler is forgotten at once, so a
//! result already on its way is ignored. A worker that cannot start, stops, or sends something
//! unreadable becomes an [`AnalysisError`] for every job waiting on it; the next job starts a new
//! worker.

use super::i18n::Lang;
use crate::engine::job::{
    decode, encode, FromWorker, Intervals, Job, ReachSummary, ToWorker, PROTOCOL,
};
use crate::engine::validate::Problem;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

/// The worker's start file, relative to the page (as `boot.js` is): under a sub-path or in an
/// embedded frame it is found next to the app's other files.
const WORKER_URL: &str = "worker-boot.js";

/// Why an analysis has no result. Shown in the view, in the reader's language.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum AnalysisError {
    /// The worker could not be started (file missing, blocked, no WebAssembly).
    Load(String),
    /// The worker stopped while working.
    Stopped(String),
    /// A message between the page and the worker could not be read.
    Unreadable(String),
    /// The engine refused the job (its problem, with the path).
    Engine(Problem),
    /// Every weight is zero: nothing to sample around (told before any job is started).
    ZeroWeights,
}

impl AnalysisError {
    pub fn text(&self, l: Lang) -> String {
        let (lead, detail) = match self {
            AnalysisError::Load(d) => (
                l.t(
                    "Không khởi động được bộ tính toán phân tích (Web Worker), nên không tính được phần này",
                    "The analysis worker (Web Worker) could not be started, so this part cannot be computed",
                ),
                d,
            ),
            AnalysisError::Stopped(d) => (
                l.t(
                    "Bộ tính toán phân tích đã dừng giữa chừng; hãy đổi một tùy chọn hoặc tải lại trang để thử lại",
                    "The analysis worker stopped; change an option or reload the page to try again",
                ),
                d,
            ),
            AnalysisError::Unreadable(d) => (
                l.t(
                    "Không đọc được thông điệp giữa trang và bộ tính toán phân tích (có thể tệp của ứng dụng đã cũ; hãy tải lại trang)",
                    "A message between the page and the analysis worker could not be read (the app's files may be out of date; reload the page)",
                ),
                d,
            ),
            // The message without its path where the path is the engine's name for one of the
            // job's inputs ("weights", "group"), not words a reader can act on; a unit's
            // (`units[ha-noi]`) is kept.
            AnalysisError::Engine(p) => {
                let lead = l.t("Không tính được", "Cannot compute");
                let text = if p.path.starts_with("units[") {
                    p.located()
                } else {
                    p.message.clone()
                };
                return format!("{lead}: {}", l.pick(&text));
            }
            AnalysisError::ZeroWeights => {
                return l
                    .t(
                        "Mọi trọng số đều bằng 0, nên không tính được. Hãy đặt ít nhất một trọng số lớn hơn 0, hoặc chọn một mẫu trọng số.",
                        "Every weight is 0, so nothing can be computed. Set at least one weight above 0, or pick a preset.",
                    )
                    .to_string();
            }
        };
        if detail.is_empty() {
            lead.to_string()
        } else {
            format!("{lead}: {detail}")
        }
    }
}

/// What a job's handler receives.
pub(crate) enum Update {
    /// `done` samples (or units) so far, with the partial rank intervals of a Monte Carlo.
    Progress {
        done: u32,
        intervals: Option<Intervals>,
    },
    Intervals(Intervals),
    Reach(ReachSummary),
    Failed(AnalysisError),
}

type Handler = Rc<dyn Fn(Update)>;

struct Connection {
    worker: Worker,
    ready: bool,
    /// Messages waiting for the worker to be ready.
    outbox: Vec<(u64, String)>,
    // Kept alive as long as the worker.
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

#[derive(Default)]
struct Client {
    connection: Option<Connection>,
    handlers: HashMap<u64, Handler>,
    next_id: u64,
}

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::new(Client::default());
}

/// A running job; dropping it cancels the job.
pub(crate) struct JobHandle(u64);

impl Drop for JobHandle {
    fn drop(&mut self) {
        cancel(self.0);
    }
}

/// Starts a job in the worker; `handler` receives its progress and result (or failure), and
/// nothing once the handle is dropped.
pub(crate) fn start(job: Job, handler: impl Fn(Update) + 'static) -> JobHandle {
    let handler: Handler = Rc::new(handler);
    let id = CLIENT.with_borrow_mut(|c| {
        c.next_id += 1;
        c.handlers.insert(c.next_id, handler);
        c.next_id
    });
    // Sent once the frame that shows the view asking for it has been drawn: starting the worker
    // and encoding the job (3–5 ms here) then stay out of the task of the click that opened the
    // view. A job cancelled meanwhile (its handle dropped) is not sent.
    super::stage::after_paint(move || {
        let failed = CLIENT.with_borrow_mut(|c| {
            if !c.handlers.contains_key(&id) {
                return None;
            }
            if c.connection.is_none() {
                match connect() {
                    Ok(conn) => c.connection = Some(conn),
                    Err(e) => return c.handlers.remove(&id).map(|h| (h, e)),
                }
            }
            if let Some(conn) = &mut c.connection {
                send(conn, id, &ToWorker::Start { id, job });
            }
            None
        });
        // Unborrowed, as every other update is.
        if let Some((h, e)) = failed {
            h(Update::Failed(e));
        }
    });
    JobHandle(id)
}

/// Starts the worker ahead of need, if it is not running: the reader points at a tab whose view
/// uses it (`lazy::preload`). Its script and WebAssembly are then fetched and compiled, and the
/// worker ready, before the view asks for a job, instead of on another core while the view is
/// being built; a job then starts at once. A worker that fails to start here is started again
/// by the first job, which reports the failure.
pub(crate) fn warm() {
    let _ = CLIENT.try_with(|c| {
        let Ok(mut c) = c.try_borrow_mut() else {
            return;
        };
        if c.connection.is_none() {
            c.connection = connect().ok();
        }
    });
}

fn cancel(id: u64) {
    // `try_`: a handle dropped while the client is busy (it never is, handlers run unborrowed)
    // must not take the page down.
    let _ = CLIENT.try_with(|c| {
        let Ok(mut c) = c.try_borrow_mut() else {
            return;
        };
        if c.handlers.remove(&id).is_none() {
            return;
        }
        if let Some(conn) = &mut c.connection {
            if conn.ready {
                post(&conn.worker, &encode(&ToWorker::Cancel { id }));
            } else {
                // Never sent: just drop it.
                conn.outbox.retain(|(j, _)| *j != id);
            }
        }
    });
}

fn send(conn: &mut Connection, id: u64, msg: &ToWorker) {
    let text = encode(msg);
    if conn.ready {
        post(&conn.worker, &text);
    } else {
        conn.outbox.push((id, text));
    }
}

fn post(worker: &Worker, text: &str) {
    // A failed post shows up as the worker's error event, which fails the jobs.
    let _ = worker.post_message(&JsValue::from_str(text));
}

fn connect() -> Result<Connection, AnalysisError> {
    let worker = Worker::new(WORKER_URL).map_err(|e| AnalysisError::Load(describe(&e)))?;
    let on_message =
        Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| match ev.data().as_string() {
            Some(text) => receive(&text),
            None => fail_all(AnalysisError::Unreadable(
                "the worker's message is not text".into(),
            )),
        });
    let on_error = Closure::<dyn FnMut(Event)>::new(|ev: Event| {
        let detail = ev
            .dyn_ref::<ErrorEvent>()
            .map(|e| e.message())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| format!("{WORKER_URL}: {}", ev.type_()));
        let ready = CLIENT.with_borrow(|c| c.connection.as_ref().is_some_and(|c| c.ready));
        fail_all(if ev.type_() == "messageerror" {
            AnalysisError::Unreadable(detail)
        } else if ready {
            AnalysisError::Stopped(detail)
        } else {
            AnalysisError::Load(detail)
        });
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // A message that cannot be deserialised arrives as `messageerror`.
    worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Connection {
        worker,
        ready: false,
        outbox: Vec::new(),
        _on_message: on_message,
        _on_error: on_error,
    })
}

fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

/// One message from the worker.
fn receive(text: &str) {
    let msg = match decode::<FromWorker>(text) {
        Ok(m) => m,
        Err(e) => return fail_all(AnalysisError::Unreadable(e)),
    };
    let (id, update, last) = match msg {
        FromWorker::Ready { protocol } if protocol == PROTOCOL => {
            CLIENT.with_borrow_mut(|c| {
                if let Some(conn) = &mut c.connection {
                    conn.ready = true;
                    for (_, text) in std::mem::take(&mut conn.outbox) {
                        post(&conn.worker, &text);
                    }
                }
            });
            return;
        }
        FromWorker::Ready { protocol } => {
            return fail_all(AnalysisError::Unreadable(format!(
                "the worker speaks protocol {protocol}, the page {PROTOCOL}"
            )))
        }
        FromWorker::Unreadable { detail } => return fail_all(AnalysisError::Unreadable(detail)),
        FromWorker::BootFailed { detail } => return fail_all(AnalysisError::Load(detail)),
        FromWorker::Progress {
            id,
            done,
            intervals,
            ..
        } => (id, Update::Progress { done, intervals }, false),
        FromWorker::Intervals { id, result } => (id, Update::Intervals(result), true),
        FromWorker::Reach { id, result } => (id, Update::Reach(result), true),
        FromWorker::Failed { id, problem } => {
            (id, Update::Failed(AnalysisError::Engine(problem)), true)
        }
    };
    // The handler runs with the client unborrowed (it may start or cancel jobs). A job that was
    // cancelled has no handler any more: its late messages end here.
    let handler = CLIENT.with_borrow_mut(|c| {
        if last {
            c.handlers.remove(&id)
        } else {
            c.handlers.get(&id).cloned()
        }
    });
    if let Some(h) = handler {
        h(update);
    }
}

/// Ends the connection and tells every waiting job why.
fn fail_all(e: AnalysisError) {
    let (handlers, conn) = CLIENT.with_borrow_mut(|c| {
        let handlers: Vec<Handler> = c.handlers.drain().map(|(_, h)| h).collect();
        (handlers, c.connection.take())
    });
    if let Some(conn) = conn {
        conn.worker.terminate();
        // The closures go with the connection, after this event's handler has returned.
        leptos::task::spawn_local(async move { drop(conn) });
    }
    for h in handlers {
        h(Update::Failed(e.clone()));
    }
}
