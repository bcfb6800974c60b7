//! The scoring engine: pure Rust, no web dependency, the same code natively and in WebAssembly.
//!
//! The method follows the JRC/OECD composite-indicator vocabulary:
//! normalise (categories already arrive as 0..1 indices) → weight → aggregate ([`score`]) →
//! rank ([`score`], with Vietnamese ordering from [`collate`]) → uncertainty ([`uncertainty`]) and
//! what weights can and cannot do ([`reach`]).
//!
//! The engine never panics on input: every problem is a value ([`validate::Problem`]) that names
//! the JSON path and what was expected, because a panic in WebAssembly takes the whole page down.

pub mod collate;
pub mod dataset;
pub mod job;
pub mod json;
pub mod order;
pub mod reach;
pub mod read;
pub mod registry;
pub mod score;
pub mod share;
pub mod table;
pub mod uncertainty;
pub mod validate;
