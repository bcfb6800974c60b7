//! `xephang check FILE…`: validates dataset files, as a data maintainer does before publishing.
//!
//! Exit code 0 when every file is valid, 1 when any is not (every problem of every file is
//! printed, so one run shows all there is to fix), 2 on bad arguments. Problems go to stderr as
//! `FILE: error: <path>: <message>` (compiler style, so editors can jump to them); a valid file
//! gets a one-line summary on stdout. In Vietnamese (`--lang vi`) the same lines read
//! `FILE: lỗi: <path>: <message>` and `FILE: hợp lệ (…)`.

use super::lang::{self, tr};
use super::rank::load;
use lexopt::prelude::*;
use std::ffi::OsString;

fn usage() -> &'static str {
    lang::pick(
        "cách dùng: xephang check TỆP…",
        "usage: xephang check FILE…",
    )
}

pub fn run(args: Vec<OsString>) -> i32 {
    let mut files = Vec::new();
    let mut parser = lexopt::Parser::from_args(args);
    loop {
        match parser.next() {
            Ok(None) => break,
            Ok(Some(Value(v))) => files.push(v),
            Ok(Some(Long("help") | Short('h'))) => {
                println!("{}", usage());
                return 0;
            }
            Ok(Some(arg)) => {
                eprintln!(
                    "xephang check: {}\n{}",
                    lang::arg_error(arg.unexpected()),
                    usage()
                );
                return 2;
            }
            Err(e) => {
                eprintln!("xephang check: {}\n{}", lang::arg_error(e), usage());
                return 2;
            }
        }
    }
    if files.is_empty() {
        let no_file = lang::pick("chưa có TỆP nào", "no FILE given");
        eprintln!("xephang check: {no_file}\n{}", usage());
        return 2;
    }
    let mut code = 0;
    for file in &files {
        match load(file) {
            Ok(ds) => {
                let (file, units, groups) =
                    (file.to_string_lossy(), ds.units.len(), ds.groups.len());
                let categories = ds.categories.len();
                println!(
                    "{}",
                    tr!(
                        "{file}: hợp lệ ({units} đơn vị, {groups} nhóm, {categories} hạng mục)",
                        "{file}: ok ({units} units, {groups} groups, {categories} categories)"
                    )
                )
            }
            Err(_) => code = 1,
        }
    }
    code
}
