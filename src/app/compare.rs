//! (Being written by another developer; this placeholder only keeps the crate compiling.)
use leptos::prelude::*;

#[component]
pub fn CompareView() -> impl IntoView {
    view! { <p class="notice">"…"</p> }
}
