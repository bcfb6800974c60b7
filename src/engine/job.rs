//! The analysis worker's messages, and the job runner the worker drives.
//!
//! The Monte Carlo ([`uncertainty`]) and the reach analysis ([`reach`]) run in a Web Worker with a
//! WebAssembly binary of its own (`src/worker.rs`), so the page's binary holds neither them nor
//! what they need (`rand*`, `microlp`), and the page never waits for them. The page builds a
//! [`Job`] (a group's [`Matrix`] and the run's settings), sends [`ToWorker::Start`], and receives
//! [`FromWorker`] messages tagged with the job's id: progress (with the partial rank intervals) and
//! the final result, or a [`FromWorker::Failed`] naming the engine's problem.
//!
//! Every message is one JSON string (`postMessage` of a string: nothing else crosses), an enum
//! in serde's default form, `{"variant":{…fields}}` (the form that costs the least code to read).
//! Results are identical to running the engine in the page:
//! - numbers that must arrive bit for bit (category values, weights, noise, shares) travel as the
//!   bit pattern of the `f64` (a JSON integer), not as decimal text, which also carries NaN (a
//!   missing value) through;
//! - the worker runs exactly [`MonteCarlo::new`] and [`reach::Analysis`] on that matrix, and the
//!   result does not depend on how the run is cut into slices.
//!
//! Which side drops stale work: both. The page sends [`ToWorker::Cancel`] when the inputs change
//! (and forgets the old id, so a result already on its way is ignored); the worker runs jobs in
//! slices of a few tens of milliseconds, so it sees the cancel between two slices and stops
//! spending time on a run nobody will look at. Jobs take turns slice by slice, so the rank
//! intervals and the reach analysis of the robustness view progress together.
//!
//! The page's binary links only the message types and [`Job`]'s constructors; [`Runner`] and the
//! conversions from the engine's results are used by the worker alone, so the linker leaves them
//! (and the analyses) out of the page.

use super::dataset::Dataset;
use super::reach::{self, Reach};
use super::score::{self, Aggregation, Matrix, MissingPolicy, Options};
use super::uncertainty::{self, MonteCarlo, Settings, Uncertainty};
use super::validate::Problem;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// The version of this protocol. The worker announces it in [`FromWorker::Ready`]; a page that
/// meets another version (a stale cached worker file) reports it instead of misreading messages.
/// 2: `UnitReachSummary::first_alone`. 3: `FromWorker::Failed` carries the [`Problem`], its
/// message in both languages.
pub const PROTOCOL: u32 = 3;

/// How the weights are drawn around the chosen ones (see [`uncertainty::Noise`]).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Noise {
    /// Each weight ± `percent` %.
    Uniform {
        #[serde(with = "exact")]
        percent: f64,
    },
    /// Dirichlet around the chosen weights.
    Dirichlet {
        #[serde(with = "exact")]
        concentration: f64,
    },
}

impl From<Noise> for uncertainty::Noise {
    fn from(n: Noise) -> uncertainty::Noise {
        match n {
            Noise::Uniform { percent } => uncertainty::Noise::Uniform { percent },
            Noise::Dirichlet { concentration } => uncertainty::Noise::Dirichlet { concentration },
        }
    }
}

/// One group's category values, as [`Matrix`] (NaN = missing).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Values {
    pub units: Vec<usize>,
    pub n_cat: usize,
    #[serde(with = "exact_vec")]
    pub values: Vec<f64>,
}

impl From<Matrix> for Values {
    fn from(m: Matrix) -> Values {
        Values {
            units: m.units,
            n_cat: m.n_cat,
            values: m.values,
        }
    }
}

impl From<Values> for Matrix {
    fn from(v: Values) -> Matrix {
        Matrix {
            units: v.units,
            n_cat: v.n_cat,
            values: v.values,
        }
    }
}

/// What the worker is asked to compute.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Job {
    /// Monte Carlo rank intervals ([`MonteCarlo::new`] with these arguments).
    MonteCarlo {
        matrix: Values,
        #[serde(with = "exact_vec")]
        weights: Vec<f64>,
        precision: u32,
        noise: Noise,
        samples: u32,
        seed: u64,
        #[serde(with = "AggregationName")]
        aggregation: Aggregation,
        #[serde(with = "MissingName")]
        missing: MissingPolicy,
    },
    /// Dominance, "can rank first" and best possible rank ([`reach::Analysis`]).
    Reach { matrix: Values },
}

impl Job {
    /// The Monte Carlo of a group of a dataset, as [`MonteCarlo::for_group`] would run it.
    pub fn monte_carlo(
        ds: &Dataset,
        group: &str,
        weights: &[f64],
        noise: Noise,
        samples: u32,
        seed: u64,
        options: Options,
    ) -> Result<Job, Problem> {
        if ds.group(group).is_none() {
            return Err(super::validate::unknown_group(ds, group));
        }
        Ok(Job::MonteCarlo {
            matrix: score::matrix(ds, group).into(),
            weights: weights.to_vec(),
            precision: ds.precision,
            noise,
            samples,
            seed,
            aggregation: options.aggregation,
            missing: options.missing,
        })
    }

    /// The reach analysis of a group of a dataset.
    pub fn reach(ds: &Dataset, group: &str) -> Job {
        Job::Reach {
            matrix: score::matrix(ds, group).into(),
        }
    }
}

/// From the page to the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToWorker {
    /// Start a job (a running job with the same id is replaced).
    Start { id: u64, job: Job },
    /// Drop a job: its inputs changed or its view is gone.
    Cancel { id: u64 },
}

/// The rank distribution of one unit (see [`uncertainty::UnitUncertainty`], field for field).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitInterval {
    pub unit: usize,
    pub ranked_samples: u32,
    pub median_rank: Option<u32>,
    pub p05: Option<u32>,
    pub p95: Option<u32>,
    #[serde(with = "exact")]
    pub share_first: f64,
}

/// Monte Carlo rank intervals (see [`Uncertainty`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Intervals {
    pub samples: u32,
    pub units: Vec<UnitInterval>,
}

impl From<Uncertainty> for Intervals {
    fn from(u: Uncertainty) -> Intervals {
        Intervals {
            samples: u.samples,
            units: u
                .units
                .into_iter()
                .map(|x| UnitInterval {
                    unit: x.unit,
                    ranked_samples: x.ranked_samples,
                    median_rank: x.median_rank,
                    p05: x.p05,
                    p95: x.p95,
                    share_first: x.share_first,
                })
                .collect(),
        }
    }
}

/// What weights can do for one unit (see [`reach::UnitReach`]; the witness weights and the LP
/// margin stay in the worker: nothing on the page shows them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitReachSummary {
    pub unit: usize,
    pub dominated_by: Vec<usize>,
    pub strictly_better: u32,
    pub can_be_first: bool,
    pub first_alone: bool,
    pub best_rank_upper: u32,
    pub best_rank_lower: u32,
    pub best_rank_lower_positive: u32,
}

impl UnitReachSummary {
    /// The best possible rank, when the bounds meet.
    pub fn best_rank_exact(&self) -> Option<u32> {
        (self.best_rank_lower == self.best_rank_upper).then_some(self.best_rank_upper)
    }
}

/// What weights can do for a group (see [`Reach`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReachSummary {
    pub units: Vec<UnitReachSummary>,
    pub incomplete: Vec<usize>,
}

impl From<Reach> for ReachSummary {
    fn from(r: Reach) -> ReachSummary {
        ReachSummary {
            units: r
                .units
                .into_iter()
                .map(|u| UnitReachSummary {
                    unit: u.unit,
                    dominated_by: u.dominated_by,
                    strictly_better: u.strictly_better,
                    can_be_first: u.can_be_first,
                    first_alone: u.first_alone,
                    best_rank_upper: u.best_rank_upper,
                    best_rank_lower: u.best_rank_lower,
                    best_rank_lower_positive: u.best_rank_lower_positive,
                })
                .collect(),
            incomplete: r.incomplete,
        }
    }
}

/// From the worker to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FromWorker {
    /// The worker has started and reads messages from now on.
    Ready { protocol: u32 },
    /// A job is under way: `done` of `total` (samples, or units for the reach analysis), with
    /// the rank intervals of the samples drawn so far for a Monte Carlo.
    Progress {
        id: u64,
        done: u32,
        total: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        intervals: Option<Intervals>,
    },
    /// A Monte Carlo has finished.
    Intervals { id: u64, result: Intervals },
    /// A reach analysis has finished.
    Reach { id: u64, result: ReachSummary },
    /// The engine refused a job or failed on it (the problem, with its path).
    Failed { id: u64, problem: Problem },
    /// The worker received a message it could not read.
    Unreadable { detail: String },
    /// The worker's WebAssembly could not be started (sent by `public/worker-boot.js`).
    BootFailed { detail: String },
}

/// A message as JSON text.
pub fn encode<T: Serialize>(message: &T) -> String {
    // Nothing in these types can fail to serialise (no map keys, every float as bits); should
    // it happen anyway, the other side receives a message it reports as unreadable.
    serde_json::to_string(message).unwrap_or_else(|e| {
        let detail = serde_json::Value::String(e.to_string());
        format!("{{\"unreadable\":{{\"detail\":{detail}}}}}")
    })
}

/// A message from JSON text; the error says what was wrong with it.
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    super::json::from_slice(text.as_bytes()).map_err(|e| e.to_string())
}

/// Samples drawn between two looks at the clock.
const CHUNK: u32 = 500;

enum Task {
    MonteCarlo(MonteCarlo),
    Reach(reach::Analysis),
}

/// How often, at most, a Monte Carlo's progress carries its partial intervals, in milliseconds:
/// each one re-renders the chart on the page, while a bare count only moves the progress bar.
pub const PARTIAL_EVERY_MS: f64 = 250.0;

struct Running {
    id: u64,
    task: Task,
    /// When partial intervals were last sent (or the job's first slice began).
    partial_at: Option<f64>,
}

/// The worker's jobs: started and cancelled by messages, advanced slice by slice, in turn.
pub struct Runner {
    jobs: VecDeque<Running>,
    partial_every_ms: f64,
}

impl Default for Runner {
    fn default() -> Runner {
        Runner {
            jobs: VecDeque::new(),
            partial_every_ms: PARTIAL_EVERY_MS,
        }
    }
}

impl Runner {
    pub fn new() -> Runner {
        Runner::default()
    }

    /// A runner that sends partial intervals at most every `ms` milliseconds.
    pub fn with_partial_every(ms: f64) -> Runner {
        Runner {
            partial_every_ms: ms,
            ..Runner::default()
        }
    }

    /// Reads one message from the page. Returns the reply due at once, if any (a job the
    /// engine refuses, or a message that cannot be read).
    pub fn receive(&mut self, text: &str) -> Option<FromWorker> {
        let msg = match decode::<ToWorker>(text) {
            Ok(m) => m,
            Err(detail) => return Some(FromWorker::Unreadable { detail }),
        };
        match msg {
            ToWorker::Cancel { id } => {
                self.jobs.retain(|j| j.id != id);
                None
            }
            ToWorker::Start { id, job } => {
                self.jobs.retain(|j| j.id != id);
                match task(job) {
                    Ok(task) => {
                        self.jobs.push_back(Running {
                            id,
                            task,
                            partial_at: None,
                        });
                        None
                    }
                    Err(p) => Some(FromWorker::Failed { id, problem: p }),
                }
            }
        }
    }

    /// Whether a job is waiting for its next slice.
    pub fn has_work(&self) -> bool {
        !self.jobs.is_empty()
    }

    /// Advances the first job for about `budget_ms` (`now` is a clock in milliseconds) and
    /// returns what to tell the page: its progress, or its result (it then leaves the queue).
    /// An unfinished job goes to the back, so jobs take turns.
    pub fn slice(&mut self, budget_ms: f64, now: &mut dyn FnMut() -> f64) -> Option<FromWorker> {
        let Running {
            id,
            mut task,
            partial_at,
        } = self.jobs.pop_front()?;
        let start = now();
        let mut partial_at = partial_at.unwrap_or(start);
        // `Some(progress)` while unfinished, `None` once the job is done.
        let progress = match &mut task {
            Task::MonteCarlo(mc) => loop {
                mc.step(CHUNK);
                if mc.is_finished() {
                    break None;
                }
                let t = now();
                if t - start >= budget_ms {
                    let partial = t - partial_at >= self.partial_every_ms;
                    if partial {
                        partial_at = t;
                    }
                    break Some(FromWorker::Progress {
                        id,
                        done: mc.done(),
                        total: mc.total(),
                        intervals: partial.then(|| mc.result().into()),
                    });
                }
            },
            Task::Reach(a) => loop {
                match a.step(1) {
                    Ok(true) => break None,
                    Ok(false) if now() - start < budget_ms => continue,
                    Ok(false) => {
                        let (done, total) = a.progress();
                        break Some(FromWorker::Progress {
                            id,
                            done: u32::try_from(done).unwrap_or(u32::MAX),
                            total: u32::try_from(total).unwrap_or(u32::MAX),
                            intervals: None,
                        });
                    }
                    Err(p) => return Some(FromWorker::Failed { id, problem: p }),
                }
            },
        };
        match (progress, task) {
            (Some(progress), task) => {
                self.jobs.push_back(Running {
                    id,
                    task,
                    partial_at: Some(partial_at),
                });
                Some(progress)
            }
            (None, Task::MonteCarlo(mc)) => Some(FromWorker::Intervals {
                id,
                result: mc.result().into(),
            }),
            (None, Task::Reach(a)) => Some(FromWorker::Reach {
                id,
                result: a.finish().into(),
            }),
        }
    }
}

/// Prepares a job, with the engine's own checks.
fn task(job: Job) -> Result<Task, Problem> {
    match job {
        Job::MonteCarlo {
            matrix,
            weights,
            precision,
            noise,
            samples,
            seed,
            aggregation,
            missing,
        } => {
            let settings = Settings {
                noise: noise.into(),
                samples,
                seed,
                options: Options {
                    aggregation,
                    missing,
                },
            };
            MonteCarlo::new(matrix.into(), &weights, precision, settings).map(Task::MonteCarlo)
        }
        Job::Reach { matrix } => reach::Analysis::new(matrix.into()).map(Task::Reach),
    }
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Aggregation", rename_all = "snake_case")]
enum AggregationName {
    Arithmetic,
    Geometric,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "MissingPolicy", rename_all = "snake_case")]
enum MissingName {
    Exclude,
    Renormalize,
}

/// An `f64` as the integer of its bits: exact, NaN included.
mod exact {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(x.to_bits())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        u64::deserialize(d).map(f64::from_bits)
    }
}

/// A list of `f64` as the integers of their bits.
mod exact_vec {
    use serde::ser::SerializeSeq;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(xs: &[f64], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(xs.len()))?;
        for x in xs {
            seq.serialize_element(&x.to_bits())?;
        }
        seq.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
        Vec::<u64>::deserialize(d).map(|v| v.into_iter().map(f64::from_bits).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset() -> Dataset {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/public/data/dti-2024-34.json"
        ))
        .expect("bundled dataset");
        crate::engine::validate::parse_dataset(&bytes).expect("valid dataset")
    }

    /// Runs every queued job to the end the way the worker does, through JSON both ways, and
    /// returns the messages the page would receive.
    fn run_all(runner: &mut Runner, budget_ms: f64) -> Vec<FromWorker> {
        let mut clock = 0.0;
        let mut now = move || {
            clock += 0.5;
            clock
        };
        let mut out = Vec::new();
        while let Some(reply) = runner.slice(budget_ms, &mut now) {
            out.push(decode::<FromWorker>(&encode(&reply)).expect("reply decodes"));
        }
        out
    }

    #[test]
    fn monte_carlo_through_messages_is_the_engine_run() {
        let ds = dataset();
        let group = "provinces";
        let weights = [1.0, 2.0, 1.0, 1.0, 3.0, 1.0, 1.0, 0.5];
        let options = Options {
            aggregation: Aggregation::Arithmetic,
            missing: MissingPolicy::Exclude,
        };
        for noise in [
            Noise::Uniform { percent: 25.0 },
            Noise::Dirichlet {
                concentration: 50.0,
            },
        ] {
            let job = Job::monte_carlo(
                &ds,
                group,
                &weights[..ds.categories.len()],
                noise,
                3000,
                7,
                options,
            )
            .unwrap();
            let mut runner = Runner::with_partial_every(0.0);
            let start = encode(&ToWorker::Start { id: 5, job });
            assert_eq!(runner.receive(&start), None);
            // The clock moves 0.5 ms a look: one chunk (500 samples) a slice.
            let out = run_all(&mut runner, 0.5);
            assert_eq!(out.len(), 6);
            let expected: Intervals = uncertainty::run(
                &ds,
                group,
                &weights[..ds.categories.len()],
                Settings {
                    noise: noise.into(),
                    samples: 3000,
                    seed: 7,
                    options,
                },
            )
            .unwrap()
            .into();
            let mut last_done = 0;
            for m in &out[..out.len() - 1] {
                match m {
                    FromWorker::Progress {
                        id: 5,
                        done,
                        total: 3000,
                        intervals: Some(iv),
                    } => {
                        assert!(*done > last_done && *done < 3000);
                        assert_eq!(iv.samples, *done);
                        last_done = *done;
                    }
                    other => panic!("unexpected {other:?}"),
                }
            }
            assert_eq!(
                out.last(),
                Some(&FromWorker::Intervals {
                    id: 5,
                    result: expected
                })
            );
        }
    }

    #[test]
    fn partial_intervals_are_sent_at_most_every_so_often() {
        let ds = dataset();
        let w = vec![1.0; ds.categories.len()];
        let job = Job::monte_carlo(
            &ds,
            "provinces",
            &w,
            Noise::Uniform { percent: 25.0 },
            20_000,
            3,
            Options::default(),
        )
        .unwrap();
        let mut runner = Runner::with_partial_every(10.0);
        assert_eq!(
            runner.receive(&encode(&ToWorker::Start { id: 1, job })),
            None
        );
        // The clock moves 0.5 ms a look, a slice is one chunk of 500 samples: partial intervals
        // once every ten slices or so, a bare count in between.
        let out = run_all(&mut runner, 0.5);
        assert_eq!(out.len(), 40);
        let with = out
            .iter()
            .filter(|m| {
                matches!(
                    m,
                    FromWorker::Progress {
                        intervals: Some(_),
                        ..
                    }
                )
            })
            .count();
        let without = out
            .iter()
            .filter(|m| {
                matches!(
                    m,
                    FromWorker::Progress {
                        intervals: None,
                        ..
                    }
                )
            })
            .count();
        assert!((3..=5).contains(&with), "{with} partial results");
        assert_eq!(with + without, 39);
        assert!(matches!(
            out.last(),
            Some(FromWorker::Intervals { id: 1, .. })
        ));
    }

    #[test]
    fn reach_through_messages_is_the_engine_analysis() {
        let ds = dataset();
        let mut runner = Runner::new();
        let start = encode(&ToWorker::Start {
            id: 9,
            job: Job::reach(&ds, "provinces"),
        });
        assert_eq!(runner.receive(&start), None);
        let out = run_all(&mut runner, 1.0);
        let expected: ReachSummary = reach::analyse(&ds, "provinces").unwrap().into();
        assert!(expected.units.iter().any(|u| u.can_be_first));
        assert_eq!(
            out.last(),
            Some(&FromWorker::Reach {
                id: 9,
                result: expected
            })
        );
        assert!(out[..out.len() - 1].iter().all(|m| matches!(
            m,
            FromWorker::Progress {
                id: 9,
                intervals: None,
                ..
            }
        )));
    }

    #[test]
    fn jobs_take_turns_and_a_cancelled_job_stops() {
        let ds = dataset();
        let w = vec![1.0; ds.categories.len()];
        let mc = |samples| {
            Job::monte_carlo(
                &ds,
                "provinces",
                &w,
                Noise::Uniform { percent: 25.0 },
                samples,
                1,
                Options::default(),
            )
            .unwrap()
        };
        let mut runner = Runner::new();
        for (id, job) in [(1, mc(100_000)), (2, Job::reach(&ds, "provinces"))] {
            assert_eq!(runner.receive(&encode(&ToWorker::Start { id, job })), None);
        }
        let mut now = {
            let mut t = 0.0;
            move || {
                t += 1.0;
                t
            }
        };
        let first = runner.slice(3.0, &mut now).unwrap();
        let second = runner.slice(3.0, &mut now).unwrap();
        assert!(matches!(first, FromWorker::Progress { id: 1, .. }));
        assert!(matches!(second, FromWorker::Progress { id: 2, .. }));
        assert_eq!(runner.receive(&encode(&ToWorker::Cancel { id: 1 })), None);
        let out = run_all(&mut runner, 3.0);
        assert!(out.iter().all(|m| !matches!(
            m,
            FromWorker::Progress { id: 1, .. } | FromWorker::Intervals { id: 1, .. }
        )));
        assert!(matches!(out.last(), Some(FromWorker::Reach { id: 2, .. })));
        assert!(!runner.has_work());
    }

    #[test]
    fn bad_input_is_a_message_not_a_panic() {
        let mut runner = Runner::new();
        for text in [
            "",
            "null",
            "{\"type\":\"start\"}",
            "[1,2]",
            "{\"type\":\"nope\",\"id\":1}",
        ] {
            assert!(
                matches!(runner.receive(text), Some(FromWorker::Unreadable { .. })),
                "{text:?}"
            );
        }
        // Well-formed jobs the engine refuses.
        let bad_matrix = Values {
            units: vec![0, 1],
            n_cat: 3,
            values: vec![0.5; 5],
        };
        let jobs = [
            Job::Reach {
                matrix: bad_matrix.clone(),
            },
            Job::MonteCarlo {
                matrix: bad_matrix,
                weights: vec![1.0; 3],
                precision: 2,
                noise: Noise::Uniform { percent: 25.0 },
                samples: 10,
                seed: 1,
                aggregation: Aggregation::Arithmetic,
                missing: MissingPolicy::Exclude,
            },
            Job::MonteCarlo {
                matrix: Matrix::from_rows(&[&[0.1, 0.2], &[0.3, 0.4]]).into(),
                weights: vec![f64::NAN, 1.0],
                precision: 2,
                noise: Noise::Dirichlet {
                    concentration: -1.0,
                },
                samples: 0,
                seed: 1,
                aggregation: Aggregation::Geometric,
                missing: MissingPolicy::Renormalize,
            },
        ];
        for (id, job) in jobs.into_iter().enumerate() {
            let id = id as u64;
            match runner.receive(&encode(&ToWorker::Start { id, job })) {
                Some(FromWorker::Failed { id: i, problem }) => {
                    assert_eq!(i, id);
                    assert!(!problem.message.en.is_empty() && !problem.message.vi.is_empty());
                }
                other => panic!("unexpected {other:?}"),
            }
        }
        assert!(!runner.has_work());
    }

    #[test]
    fn the_boot_file_and_the_fallback_speak_the_protocol() {
        // What public/worker-boot.js posts when the module cannot start.
        let boot = r#"{"boot_failed":{"detail":"CompileError: x"}}"#;
        assert_eq!(
            decode::<FromWorker>(boot),
            Ok(FromWorker::BootFailed {
                detail: "CompileError: x".into()
            })
        );
        let js = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/public/worker-boot.js"
        ))
        .unwrap();
        assert!(js.contains("JSON.stringify({ boot_failed: { detail: String(e) } })"));
        assert!(js.contains("'./xephang-worker.js'") && js.contains("'./xephang-worker_bg.wasm'"));
        // encode's fallback when serialising fails, whatever the error says.
        #[derive(Debug)]
        struct Fails;
        impl Serialize for Fails {
            fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("\"quoted\" \u{1b} é"))
            }
        }
        match decode::<FromWorker>(&encode(&Fails)) {
            Ok(FromWorker::Unreadable { detail }) => {
                assert!(detail.contains("\"quoted\" \u{1b} é"))
            }
            other => panic!("{other:?}"),
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Whatever a message asks for, the worker answers (a result or a problem) and never
        /// panics: a panic would stop the worker for the whole page.
        #[test]
        fn any_job_is_answered_without_panicking(
            n_units in 0usize..6,
            n_cat in 0usize..4,
            values in proptest::collection::vec(proptest::num::f64::ANY, 15),
            weights in proptest::collection::vec(proptest::num::f64::ANY, 4),
            misshapen in proptest::bool::weighted(0.2),
            percent in proptest::num::f64::ANY,
            dirichlet in proptest::bool::ANY,
            samples in 0u32..60,
            precision in 0u32..40,
            reach in proptest::bool::ANY,
        ) {
            // Mostly well-shaped jobs (so the engine really runs), sometimes not.
            let (n_values, n_weights) = if misshapen { (n_units * n_cat + 1, n_cat + 1) } else { (n_units * n_cat, n_cat) };
            let values = values[..n_values.min(15)].to_vec();
            let weights = weights[..n_weights.min(4)].to_vec();
            let matrix = Values { units: (0..n_units).collect(), n_cat, values };
            let job = if reach {
                Job::Reach { matrix }
            } else {
                Job::MonteCarlo {
                    matrix,
                    weights,
                    precision,
                    noise: if dirichlet {
                        Noise::Dirichlet { concentration: percent }
                    } else {
                        Noise::Uniform { percent }
                    },
                    samples,
                    seed: 1,
                    aggregation: Aggregation::Geometric,
                    missing: MissingPolicy::Renormalize,
                }
            };
            let mut runner = Runner::new();
            let mut out: Vec<FromWorker> = runner
                .receive(&encode(&ToWorker::Start { id: 1, job }))
                .into_iter()
                .collect();
            out.extend(run_all(&mut runner, 1.0));
            proptest::prop_assert!(matches!(
                out.last(),
                Some(FromWorker::Failed { id: 1, .. } | FromWorker::Intervals { id: 1, .. } | FromWorker::Reach { id: 1, .. })
            ), "{:?}", out.last());
        }
    }

    #[test]
    fn floats_cross_bit_for_bit() {
        let values = vec![
            0.1 + 0.2,
            f64::NAN,
            1.0 / 3.0,
            -0.0,
            f64::MIN_POSITIVE,
            0.862_499_999_999_999_9,
        ];
        let v = Values {
            units: vec![3, 4],
            n_cat: 3,
            values: values.clone(),
        };
        let back: Values = decode(&encode(&v)).unwrap();
        let bits = |xs: &[f64]| xs.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&back.values), bits(&values));
        assert_eq!(back.units, vec![3, 4]);
        let n: Noise = decode(&encode(&Noise::Uniform { percent: 0.1 + 0.7 })).unwrap();
        assert_eq!(n, Noise::Uniform { percent: 0.1 + 0.7 });
    }
}
