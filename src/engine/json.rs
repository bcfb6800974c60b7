//! Reading JSON into typed values, one way for the whole crate.
//!
//! Why: `serde_json::from_slice::<T>` compiles a copy of serde_json's text parser for every `T`
//! it is used with (the manifest, worker messages, shared links, ...), and in the browser bundle
//! each copy costs kilobytes. Here the text is parsed into a `serde_json::Value` (one parser,
//! already needed by dataset validation, which reads a `Value` to report problems by path) and
//! `T` is read from that. The files and messages read this way are small (kilobytes), so the
//! intermediate value costs nothing a user notices.

use serde::de::DeserializeOwned;

/// Parses JSON text into `T` (see the module's doc for why through `Value`).
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, serde_json::Error> {
    serde_json::from_value(serde_json::from_slice::<serde_json::Value>(bytes)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Point {
        x: f64,
        label: Option<String>,
    }

    #[test]
    fn reads_like_serde_json_and_reports_the_same_errors() {
        let p: Point = from_slice(br#"{"x": 0.5, "label": "a"}"#).unwrap();
        assert_eq!(
            p,
            Point {
                x: 0.5,
                label: Some("a".into())
            }
        );
        // Syntax errors keep their position; type errors name the field's problem.
        let e = from_slice::<Point>(b"{\"x\": 1,").unwrap_err();
        assert!(e.to_string().contains("line 1"), "{e}");
        let e = from_slice::<Point>(br#"{"x": "one"}"#).unwrap_err();
        assert!(e.to_string().contains("invalid type"), "{e}");
    }
}
