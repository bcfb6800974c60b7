//! The native `xephang` command-line tool, for data maintainers and scripts.
//!
//! Each subcommand lives in its own module and returns the process exit code. Output that a
//! script reads goes to stdout; problems go to stderr as `FILE: error: <path>: <message>`.

mod bench;
mod check;
mod datagen;
mod import;
mod rank;
mod uncertainty;

use std::ffi::OsString;

const USAGE: &str = "\
xephang — check, rank and build Xếp Hạng datasets (format xephang-dataset/1)

USAGE:
  xephang check FILE…
  xephang rank FILE --group G [--weights id=w,…] [--missing exclude|renormalize]
               [--aggregation arithmetic|geometric] [--format csv|json|table]
  xephang uncertainty FILE --group G [--weights id=w,…] --samples N --noise P --seed S
               [--method uniform|dirichlet]
  xephang import TABLE.csv --meta META.json -o OUT.json
  xephang datagen [--sources DIR] [--out DIR] [--check]
  xephang bench
";

/// Runs the tool with the arguments after the program name and returns the exit code.
pub fn main(args: Vec<OsString>) -> i32 {
    let mut args = args.into_iter();
    let Some(cmd) = args.next() else {
        eprint!("{USAGE}");
        return 2;
    };
    let rest: Vec<OsString> = args.collect();
    match cmd.to_str() {
        Some("check") => check::run(rest),
        Some("rank") => rank::run(rest),
        Some("uncertainty") => uncertainty::run(rest),
        Some("import") => import::run(rest),
        Some("datagen") => datagen::run(rest),
        Some("bench") => bench::run(rest),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            0
        }
        _ => {
            eprintln!("xephang: unknown command {:?}\n", cmd);
            eprint!("{USAGE}");
            2
        }
    }
}
