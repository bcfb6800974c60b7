//! `xephang check FILE…`: validates dataset files, as a data maintainer does before publishing.
//!
//! Exit code 0 when every file is valid, 1 when any is not (every problem of every file is
//! printed, so one run shows all there is to fix), 2 on bad arguments. Problems go to stderr as
//! `FILE: error: <path>: <message>` (compiler style, so editors can jump to them); a valid file
//! gets a one-line summary on stdout.

use super::rank::load;
use lexopt::prelude::*;
use std::ffi::OsString;

const USAGE: &str = "usage: xephang check FILE…";

pub fn run(args: Vec<OsString>) -> i32 {
    let mut files = Vec::new();
    let mut parser = lexopt::Parser::from_args(args);
    loop {
        match parser.next() {
            Ok(None) => break,
            Ok(Some(Value(v))) => files.push(v),
            Ok(Some(Long("help") | Short('h'))) => {
                println!("{USAGE}");
                return 0;
            }
            Ok(Some(arg)) => {
                eprintln!("xephang check: {}\n{USAGE}", arg.unexpected());
                return 2;
            }
            Err(e) => {
                eprintln!("xephang check: {e}\n{USAGE}");
                return 2;
            }
        }
    }
    if files.is_empty() {
        eprintln!("xephang check: no FILE given\n{USAGE}");
        return 2;
    }
    let mut code = 0;
    for file in &files {
        match load(file) {
            Ok(ds) => println!(
                "{}: ok ({} units, {} groups, {} categories)",
                file.to_string_lossy(),
                ds.units.len(),
                ds.groups.len(),
                ds.categories.len()
            ),
            Err(_) => code = 1,
        }
    }
    code
}
