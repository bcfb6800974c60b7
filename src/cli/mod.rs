//! The native `xephang` command-line tool, for data maintainers and scripts.
//!
//! Each subcommand lives in its own module and returns the process exit code. Output that a
//! script reads goes to stdout; problems go to stderr as `FILE: error: <path>: <message>`
//! (`FILE: lỗi: …` in Vietnamese: see [`lang`] for how the language is chosen).

mod bench;
mod check;
mod datagen;
mod import;
pub mod lang;
mod rank;
mod uncertainty;

use std::ffi::OsString;

const USAGE_VI: &str = "\
xephang — kiểm tra, xếp hạng và tạo bộ dữ liệu Xếp Hạng (định dạng xephang-dataset/1)

CÁCH DÙNG:
  xephang check TỆP…
  xephang rank TỆP --group NHÓM [--weights id=w,…] [--missing exclude|renormalize]
               [--aggregation arithmetic|geometric] [--format csv|json|table]
  xephang uncertainty TỆP --group NHÓM [--weights id=w,…] --samples N --noise P --seed S
               [--method uniform|dirichlet]
  xephang import BẢNG.csv --meta META.json -o RA.json [--units units.json]
  xephang datagen [--sources THƯ_MỤC] [--out THƯ_MỤC] [--check]   (công cụ của nhóm phát triển, tiếng Anh)
  xephang bench                                                  (công cụ của nhóm phát triển, tiếng Anh)

  --lang vi|en  ngôn ngữ của thông báo (mặc định: biến XEPHANG_LANG, rồi LC_ALL/LC_MESSAGES/LANG;
                tiếng Việt khi đó là vi_…, còn lại tiếng Anh). Đầu ra CSV/JSON như nhau ở cả hai.
";

const USAGE_EN: &str = "\
xephang — check, rank and build Xếp Hạng datasets (format xephang-dataset/1)

USAGE:
  xephang check FILE…
  xephang rank FILE --group G [--weights id=w,…] [--missing exclude|renormalize]
               [--aggregation arithmetic|geometric] [--format csv|json|table]
  xephang uncertainty FILE --group G [--weights id=w,…] --samples N --noise P --seed S
               [--method uniform|dirichlet]
  xephang import TABLE.csv --meta META.json -o OUT.json [--units units.json]
  xephang datagen [--sources DIR] [--out DIR] [--check]   (the developers' tools, in English)
  xephang bench

  --lang vi|en  the language of messages (default: XEPHANG_LANG, then LC_ALL/LC_MESSAGES/LANG;
                Vietnamese for vi_…, else English). CSV and JSON output are the same in both.
";

fn usage() -> &'static str {
    lang::pick(USAGE_VI, USAGE_EN)
}

/// Runs the tool with the arguments after the program name and returns the exit code.
pub fn main(args: Vec<OsString>) -> i32 {
    let args = match lang::take_flag(args) {
        Ok((chosen, rest)) => {
            lang::set(chosen.unwrap_or_else(|| lang::from_env(|k| std::env::var(k).ok())));
            rest
        }
        Err(msg) => {
            eprintln!("xephang: {msg}");
            return 2;
        }
    };
    let mut args = args.into_iter();
    let Some(cmd) = args.next() else {
        eprint!("{}", usage());
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
            print!("{}", usage());
            0
        }
        _ => {
            let cmd = cmd.to_string_lossy();
            eprintln!(
                "{}\n",
                lang::tr!(
                    "xephang: không có lệnh {cmd:?}",
                    "xephang: unknown command {cmd:?}"
                )
            );
            eprint!("{}", usage());
            2
        }
    }
}
