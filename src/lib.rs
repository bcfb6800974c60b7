//! Xếp Hạng: explore and re-weight Vietnam's official rankings of IT application (2016–2019) and
//! digital transformation (DTI, 2020–).
//!
//! The crate has one direction of data flow: a dataset file is parsed and validated by [`engine`],
//! scored and ranked there, and the result is shown by `app` (WebAssembly only) or printed by the
//! `xephang` command-line tool (native only). Nothing outside `engine` computes a score or a rank.

pub mod engine;

pub mod app;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
