//! Small browser helpers shared by the views: downloads, the clipboard and the keyboard focus.

use wasm_bindgen::JsCast;

/// Offers `text` as a file download (Blob + object URL + a temporary `<a download>`); nothing
/// leaves the browser.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let document = leptos::prelude::document();
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(err)?
        .dyn_into()
        .map_err(|_| "not an anchor".to_string())?;
    a.set_href(&url);
    a.set_download(filename);
    a.set_class_name("sr-only");
    if let Some(body) = document.body() {
        let _ = body.append_child(&a);
        a.click();
        let _ = body.remove_child(&a);
    }
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Copies text to the clipboard. Returns false where the browser refuses (no permission,
/// insecure context); callers then show the text to copy by hand.
pub async fn copy_text(text: &str) -> bool {
    let clipboard = leptos::prelude::window().navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

/// Moves the keyboard focus to the first element matching `selector` once it is on the page
/// and is not the element focused now. An action that re-renders the control the reader used
/// (a dataset picked, a unit opened, a table put to use) would otherwise leave the focus on the
/// page's body, and the next Tab at the page's end. Tried each frame for about five seconds (a
/// dataset or a view's code may still be on its way); not at all once the reader has put the
/// focus somewhere else.
pub fn focus_when_shown(selector: &'static str) {
    let before = leptos::prelude::document().active_element();
    attempt(selector, before, 300);

    fn attempt(selector: &'static str, before: Option<web_sys::Element>, left: u32) {
        leptos::prelude::request_animation_frame(move || {
            let doc = leptos::prelude::document();
            let on_body = |a: &web_sys::Element| a.tag_name().eq_ignore_ascii_case("body");
            let moved = doc
                .active_element()
                .is_some_and(|a| !on_body(&a) && Some(&a) != before.as_ref());
            if moved {
                return;
            }
            match doc.query_selector(selector).ok().flatten() {
                Some(e) if Some(&e) != before.as_ref() => {
                    if let Ok(e) = e.dyn_into::<web_sys::HtmlElement>() {
                        let _ = e.focus();
                        // A heading takes the focus only with a tabindex: without one, focus()
                        // did nothing and the focus stayed on <body> (the compare heading).
                        let taken = doc.active_element().is_some_and(|a| a == *e);
                        if !taken && e.set_attribute("tabindex", "-1").is_ok() {
                            let _ = e.focus();
                        }
                    }
                }
                _ if left > 0 => attempt(selector, before, left - 1),
                _ => {}
            }
        });
    }
}

/// Clears a pending timeout kept in `timer`, if any (a debounced write or message that a newer
/// change, or the view's end, makes stale).
pub fn cancel_timer(
    timer: leptos::prelude::StoredValue<
        Option<leptos::prelude::TimeoutHandle>,
        leptos::prelude::LocalStorage,
    >,
) {
    use leptos::prelude::*;
    if let Some(h) = timer.try_update_value(Option::take).flatten() {
        h.clear();
    }
}

fn narrow_now() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(max-width: 600px)").ok().flatten())
        .is_some_and(|m| m.matches())
}

thread_local! {
    /// [`narrow`]'s signal, made the first time a chart asks; reference-counted, so that no
    /// view's owner disposes of it when the view goes.
    static NARROW: std::cell::OnceCell<leptos::prelude::ArcRwSignal<bool>> =
        const { std::cell::OnceCell::new() };
}

/// Whether the page is as narrow as a phone (the style sheet's `max-width: 600px`): the
/// profile's and the comparison's charts are then laid out for it, each label above its bars,
/// rather than drawn for a desktop and scrolled sideways, where every bar past 0.4 reached
/// the frame's edge and looked full. Read in a reactive closure, it draws the chart again
/// when the page crosses that width (a phone turned sideways): read once, a chart drawn
/// upright stayed squeezed into a third of the screen turned.
pub fn narrow() -> bool {
    use leptos::prelude::*;
    NARROW.with(|n| {
        n.get_or_init(|| {
            let signal = ArcRwSignal::new(narrow_now());
            let set = signal.clone();
            // Resizes come in bursts while a window is dragged: only a change is told.
            let handle = window_event_listener(leptos::ev::resize, move |_| {
                let now = narrow_now();
                if set.get_untracked() != now {
                    set.set(now);
                }
            });
            // The listener lives as long as the page, as the signal does.
            std::mem::forget(handle);
            signal
        })
        .get()
    })
}
