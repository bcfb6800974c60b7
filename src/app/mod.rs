//! The Leptos user interface. It calls the engine and does no scoring of its own: every number on
//! screen is either a published figure read from a dataset file or a result of
//! `crate::engine::score` / `uncertainty` / `reach` (the last two in the analysis worker, see
//! `analysis`).
//!
//! Plain-Rust pieces (language, URL state) compile everywhere and are tested natively; the
//! components compile only for the browser.

pub mod i18n;
pub mod query;
pub mod table;

#[cfg(target_arch = "wasm32")]
mod analysis;
#[cfg(target_arch = "wasm32")]
mod compare;
#[cfg(target_arch = "wasm32")]
mod dom;
#[cfg(target_arch = "wasm32")]
mod embed;
#[cfg(target_arch = "wasm32")]
mod import;
#[cfg(target_arch = "wasm32")]
mod lazy;
#[cfg(target_arch = "wasm32")]
mod load;
#[cfg(target_arch = "wasm32")]
mod method;
#[cfg(target_arch = "wasm32")]
mod profile;
#[cfg(target_arch = "wasm32")]
mod ranking;
#[cfg(target_arch = "wasm32")]
mod robustness;
#[cfg(target_arch = "wasm32")]
mod rows;
#[cfg(target_arch = "wasm32")]
mod shell;
#[cfg(target_arch = "wasm32")]
mod stage;
#[cfg(target_arch = "wasm32")]
mod state;
#[cfg(target_arch = "wasm32")]
mod weights;

#[cfg(target_arch = "wasm32")]
pub use shell::mount;
