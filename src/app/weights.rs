//! (Being written; placeholder.)
use leptos::prelude::*;

#[component]
pub fn WeightsView() -> impl IntoView {
    view! { <p class="notice">"…"</p> }
}
