//! The language of what the tool writes for people: Vietnamese or English.
//!
//! Every message, usage text and the `--format table` headings come in both; what scripts read
//! (CSV and JSON field names, ids, exit codes) is the same in either, so a script does not break
//! on a reader's locale. The engine's problems carry both texts already ([`Problem`]); the tool
//! only picks one.
//!
//! Chosen, first match wins: `--lang vi|en` anywhere on the command line, the `XEPHANG_LANG`
//! variable, the locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`: one beginning with `vi` is
//! Vietnamese), English.

use crate::engine::dataset::Text;
use crate::engine::validate::Problem;
use std::ffi::OsString;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

static LANG: OnceLock<Lang> = OnceLock::new();

/// Sets the language for the rest of the run (the first call wins).
pub fn set(lang: Lang) {
    let _ = LANG.set(lang);
}

/// Whether messages are in Vietnamese (English until [`set`] says otherwise).
pub fn vi() -> bool {
    LANG.get() == Some(&Lang::Vi)
}

/// One of two texts, by the language.
pub fn pick<'a>(vi_text: &'a str, en_text: &'a str) -> &'a str {
    if vi() {
        vi_text
    } else {
        en_text
    }
}

/// `format!` in the language of the run: `tr!("Vietnamese {x}", "English {x}")`.
macro_rules! tr {
    ($vi:literal, $en:literal) => {
        if $crate::cli::lang::vi() {
            format!($vi)
        } else {
            format!($en)
        }
    };
}
pub(crate) use tr;

/// A bilingual text of the engine's, in the language of the run.
pub fn text(t: &Text) -> &str {
    pick(&t.vi, &t.en)
}

/// An engine problem as `path: message` in the language of the run (the English is
/// `Problem`'s `Display`).
pub fn problem(p: &Problem) -> String {
    if p.path.is_empty() {
        text(&p.message).to_string()
    } else {
        format!("{}: {}", p.path, text(&p.message))
    }
}

/// The word before a problem, compiler style (`FILE: error: …`).
pub fn error() -> &'static str {
    pick("lỗi", "error")
}

/// Takes `--lang L` / `--lang=L` out of the arguments. `Err` names a value that is neither
/// language.
pub fn take_flag(args: Vec<OsString>) -> Result<(Option<Lang>, Vec<OsString>), String> {
    let mut lang = None;
    let mut rest = Vec::with_capacity(args.len());
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let value = match arg.to_str() {
            Some("--lang") => args.next().map(|v| v.to_string_lossy().into_owned()),
            Some(a) if a.starts_with("--lang=") => Some(a["--lang=".len()..].to_string()),
            _ => {
                rest.push(arg);
                continue;
            }
        };
        lang = Some(match value.as_deref().and_then(parse) {
            Some(l) => l,
            None => {
                return Err(format!(
                    "--lang {:?}: cần vi hoặc en / expected vi or en",
                    value.unwrap_or_default()
                ))
            }
        });
    }
    Ok((lang, rest))
}

/// `vi` or `en` (a locale such as `vi_VN.UTF-8` counts by its first letters).
fn parse(s: &str) -> Option<Lang> {
    let s = s.trim().to_ascii_lowercase();
    if s == "vi" || s.starts_with("vi_") || s.starts_with("vi-") || s.starts_with("vi.") {
        Some(Lang::Vi)
    } else if s == "en" || s.starts_with("en_") || s.starts_with("en-") || s.starts_with("en.") {
        Some(Lang::En)
    } else {
        None
    }
}

/// The language the environment asks for: `XEPHANG_LANG`, else the first locale variable set
/// (`LC_ALL`, `LC_MESSAGES`, `LANG`); Vietnamese when it is a Vietnamese locale, else English.
pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
    if let Some(l) = var("XEPHANG_LANG").as_deref().and_then(parse) {
        return l;
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| var(k).filter(|v| !v.is_empty()));
    match locale.as_deref().and_then(parse) {
        Some(Lang::Vi) => Lang::Vi,
        _ => Lang::En,
    }
}

/// A command-line parsing error (lexopt writes English) in the language of the run.
pub fn arg_error(e: lexopt::Error) -> String {
    use lexopt::Error as E;
    if !vi() {
        return e.to_string();
    }
    match e {
        E::MissingValue { option: Some(o) } => format!("thiếu giá trị cho {o}"),
        E::MissingValue { option: None } => "thiếu một giá trị".into(),
        E::UnexpectedOption(o) => format!("không có tuỳ chọn {o}"),
        E::UnexpectedArgument(a) => format!("tham số thừa {:?}", a.to_string_lossy()),
        E::UnexpectedValue { option, value } => {
            format!(
                "{option} không nhận giá trị ({:?} thừa)",
                value.to_string_lossy()
            )
        }
        E::NonUnicodeValue(v) => format!("{:?} không phải UTF-8", v.to_string_lossy()),
        E::ParsingFailed { value, error } => format!("{value:?}: {error}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(v: &[&str]) -> Vec<OsString> {
        v.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_flag_is_taken_wherever_it_is() {
        let (l, rest) = take_flag(os(&["check", "--lang", "vi", "a.json"])).unwrap();
        assert_eq!(l, Some(Lang::Vi));
        assert_eq!(rest, os(&["check", "a.json"]));
        let (l, rest) = take_flag(os(&["--lang=en", "rank", "f"])).unwrap();
        assert_eq!(l, Some(Lang::En));
        assert_eq!(rest, os(&["rank", "f"]));
        assert_eq!(take_flag(os(&["check"])).unwrap().0, None);
        assert!(take_flag(os(&["check", "--lang", "fr"])).is_err());
        assert!(take_flag(os(&["check", "--lang"])).is_err());
    }

    #[test]
    fn the_environment_decides_when_no_flag_does() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(from_env(env(&[("LANG", "vi_VN.UTF-8")])), Lang::Vi);
        assert_eq!(from_env(env(&[("LANG", "C.UTF-8")])), Lang::En);
        assert_eq!(from_env(env(&[])), Lang::En);
        // LC_ALL outranks LANG; an empty one is skipped.
        assert_eq!(
            from_env(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "vi_VN")])),
            Lang::En
        );
        assert_eq!(
            from_env(env(&[("LC_ALL", ""), ("LANG", "vi_VN")])),
            Lang::Vi
        );
        assert_eq!(
            from_env(env(&[("XEPHANG_LANG", "vi"), ("LANG", "C")])),
            Lang::Vi
        );
    }
}
