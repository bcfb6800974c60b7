//! One binary, two faces: in the browser (wasm32) it mounts the Leptos app; natively it is the
//! `xephang` command-line tool for data maintainers. Neither pulls in the other's dependencies.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    xephang::app::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(xephang::cli::main(std::env::args_os().skip(1).collect()));
}
