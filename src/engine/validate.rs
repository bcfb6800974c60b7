//! Parsing and validating dataset files.
//!
//! Validation runs in two layers so that a user fixing a file sees *every* problem at once, each
//! with the JSON path where it is and what was expected:
//! 1. [`check_shape`] walks the raw JSON: required fields, types, unknown fields (the format is
//!    strict, so a typo like `wieght` is reported instead of silently ignored).
//!    The checked value is then read into a [`Dataset`] by [`super::read`].
//! 2. [`validate`] checks the typed [`Dataset`]: ranges, slugs, unique ids, references between
//!    units, groups, categories and sources. The importer builds datasets in memory and calls
//!    this layer directly, so both paths share one set of rules.

use super::dataset::{Dataset, Text, FORMAT, MAX_BYTES};
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::fmt;

/// One thing wrong with an input, at a JSON path such as `units[12].scores.portal`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where the problem is: a JSON path, or empty for the file as a whole.
    pub path: String,
    /// What is wrong and what was expected.
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for Problem {}

/// After this many problems the rest are summarised in one line: a file that is wrong
/// everywhere (a CSV given as JSON, say) should not print ten thousand lines.
pub const MAX_PROBLEMS: usize = 200;

/// Parses and validates a dataset file. Returns the dataset or every problem found.
pub fn parse_dataset(bytes: &[u8]) -> Result<Dataset, Vec<Problem>> {
    if bytes.len() > MAX_BYTES {
        return Err(vec![Problem::new(
            "",
            format!(
                "the file is {} bytes; the limit is {} bytes ({} MiB)",
                bytes.len(),
                MAX_BYTES,
                MAX_BYTES / (1024 * 1024)
            ),
        )]);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: Value =
        serde_json::from_slice(bytes).map_err(|e| vec![Problem::new("", syntax_detail(&e))])?;
    let mut problems = Vec::new();
    check_shape(&value, &mut problems);
    if !problems.is_empty() {
        return Err(cap(problems));
    }
    let dataset = super::read::dataset(&value).map_err(|e| vec![e])?;
    let problems = validate(&dataset);
    if problems.is_empty() {
        Ok(dataset)
    } else {
        Err(cap(problems))
    }
}

/// A JSON syntax error as "not valid JSON at line L, column C: reason", the form the app puts
/// in Vietnamese (`app::load::syntax_error`); any other error as serde_json says it.
pub fn syntax_detail(e: &serde_json::Error) -> String {
    if e.is_syntax() || e.is_eof() {
        format!(
            "not valid JSON at line {}, column {}: {}",
            e.line(),
            e.column(),
            json_error_text(e)
        )
    } else {
        e.to_string()
    }
}

fn json_error_text(e: &serde_json::Error) -> String {
    // serde_json appends " at line L column C" to its messages; we print those ourselves.
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn cap(mut problems: Vec<Problem>) -> Vec<Problem> {
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        problems.push(Problem::new("", format!("… and {more} more problems")));
    }
    problems
}

// ---------------------------------------------------------------------------------------------
// Layer 1: the shape of the JSON.

#[derive(Clone, Copy)]
enum Kind {
    Str,
    Int,
    NumOrNull,
    IntOrNull,
    Text,
    Obj,
    Arr,
}

impl Kind {
    fn describe(self) -> &'static str {
        match self {
            Kind::Str => "a string",
            Kind::Int => "a whole number",
            Kind::NumOrNull => "a number or null",
            Kind::IntOrNull => "a whole number or null",
            Kind::Text => "an object {\"vi\": …, \"en\": …}",
            Kind::Obj => "an object",
            Kind::Arr => "an array",
        }
    }

    fn accepts(self, v: &Value) -> bool {
        match self {
            Kind::Str => v.is_string(),
            Kind::Int => v.is_i64() || v.is_u64(),
            Kind::NumOrNull => v.is_number() || v.is_null(),
            Kind::IntOrNull => v.is_i64() || v.is_u64() || v.is_null(),
            Kind::Text | Kind::Obj => v.is_object(),
            Kind::Arr => v.is_array(),
        }
    }
}

fn describe_value(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            if short.len() < s.len() {
                format!("\"{short}…\"")
            } else {
                format!("\"{s}\"")
            }
        }
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Checks an object's fields: (name, kind, required). Returns the object if `v` is one.
fn fields<'a>(
    v: &'a Value,
    path: &str,
    spec: &[(&str, Kind, bool)],
    problems: &mut Vec<Problem>,
) -> Option<&'a Map<String, Value>> {
    let Some(obj) = v.as_object() else {
        problems.push(Problem::new(
            path,
            format!("expected an object, found {}", describe_value(v)),
        ));
        return None;
    };
    for (name, kind, required) in spec {
        match obj.get(*name) {
            None if *required => {
                problems.push(Problem::new(
                    path,
                    format!("missing field `{name}` ({})", kind.describe()),
                ));
            }
            None => {}
            // An optional text may be written as null; arrays and objects may not, because
            // an absent list and a null one would then mean two different things.
            Some(Value::Null) if !*required && matches!(kind, Kind::Str | Kind::Text) => {}
            Some(value) => {
                let p = join(path, name);
                if !kind.accepts(value) {
                    problems.push(Problem::new(
                        &p,
                        format!(
                            "expected {}, found {}",
                            kind.describe(),
                            describe_value(value)
                        ),
                    ));
                } else if let Kind::Text = kind {
                    fields(
                        value,
                        &p,
                        &[("vi", Kind::Str, true), ("en", Kind::Str, true)],
                        problems,
                    );
                }
            }
        }
    }
    for key in obj.keys() {
        if !spec.iter().any(|(name, _, _)| name == key) {
            let expected: Vec<&str> = spec.iter().map(|(n, _, _)| *n).collect();
            problems.push(Problem::new(
                join(path, key),
                format!("unknown field (expected one of: {})", expected.join(", ")),
            ));
        }
    }
    Some(obj)
}

fn each<'a>(
    obj: &'a Map<String, Value>,
    name: &str,
    path: &str,
) -> impl Iterator<Item = (String, &'a Value)> + 'a {
    let base = join(path, name);
    obj.get(name)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .map(move |(i, v)| (format!("{base}[{i}]"), v))
}

/// Layer 1: types, required and unknown fields of the raw JSON.
pub fn check_shape(v: &Value, problems: &mut Vec<Problem>) {
    use Kind::*;
    let Some(top) = fields(
        v,
        "",
        &[
            ("format", Str, true),
            ("id", Str, true),
            ("title", Text, true),
            ("edition", Int, true),
            ("series", Str, false),
            ("published", Str, false),
            ("publisher", Text, true),
            ("sources", Arr, true),
            ("notes", Text, false),
            ("categories", Arr, true),
            ("weight_basis", Str, true),
            ("weight_note", Text, false),
            ("groups", Arr, true),
            ("precision", Int, true),
            ("units", Arr, true),
            ("coverage", Arr, false),
        ],
        problems,
    ) else {
        return;
    };
    // The value of `format` is checked in layer 2, with the other rules, so that a file with the
    // wrong tag still gets all its problems reported at once.
    if let Some(b) = top.get("weight_basis").and_then(Value::as_str) {
        if !matches!(b, "official" | "inferred" | "unknown") {
            problems.push(Problem::new(
                "weight_basis",
                format!("\"{b}\" is not one of \"official\", \"inferred\", \"unknown\""),
            ));
        }
    }
    for (p, s) in each(top, "sources", "") {
        fields(
            s,
            &p,
            &[("id", Str, true), ("url", Str, true), ("title", Str, true)],
            problems,
        );
    }
    for (p, c) in each(top, "categories", "") {
        fields(
            c,
            &p,
            &[
                ("id", Str, true),
                ("name", Text, true),
                ("weight", NumOrNull, false),
                ("max_points", NumOrNull, false),
            ],
            problems,
        );
    }
    for (p, g) in each(top, "groups", "") {
        fields(
            g,
            &p,
            &[
                ("id", Str, true),
                ("name", Text, true),
                ("units_evaluated", IntOrNull, false),
            ],
            problems,
        );
    }
    for (p, u) in each(top, "units", "") {
        let Some(unit) = fields(
            u,
            &p,
            &[
                ("id", Str, true),
                ("name", Str, true),
                ("group", Str, true),
                ("scores", Obj, false),
                ("category_ranks", Obj, false),
                ("official", Obj, false),
                ("sources", Arr, false),
                ("note", Str, false),
            ],
            problems,
        ) else {
            continue;
        };
        if let Some(scores) = unit.get("scores").and_then(Value::as_object) {
            for (k, v) in scores {
                if !NumOrNull.accepts(v) {
                    problems.push(Problem::new(
                        format!("{p}.scores.{k}"),
                        format!(
                            "expected a number in 0..1 or null, found {}",
                            describe_value(v)
                        ),
                    ));
                }
            }
        }
        if let Some(ranks) = unit.get("category_ranks").and_then(Value::as_object) {
            for (k, v) in ranks {
                if !IntOrNull.accepts(v) {
                    problems.push(Problem::new(
                        format!("{p}.category_ranks.{k}"),
                        format!(
                            "expected a whole number or null, found {}",
                            describe_value(v)
                        ),
                    ));
                }
            }
        }
        if let Some(o) = unit.get("official") {
            fields(
                o,
                &join(&p, "official"),
                &[("index", NumOrNull, false), ("rank", IntOrNull, false)],
                problems,
            );
        }
        for (sp, s) in each(unit, "sources", &p) {
            if !s.is_string() {
                problems.push(Problem::new(
                    sp,
                    format!(
                        "expected a source id (a string), found {}",
                        describe_value(s)
                    ),
                ));
            }
        }
    }
    for (p, c) in each(top, "coverage", "") {
        if !c.is_object() {
            problems.push(Problem::new(p, "expected an object"));
        }
    }
    // Numbers that must fit their Rust types: whole numbers that are negative or too large.
    for (field, max) in [("edition", 9999), ("precision", 12)] {
        if let Some(n) = top.get(field).filter(|v| Int.accepts(v)) {
            if n.as_u64().is_none_or(|x| x > max) {
                problems.push(Problem::new(
                    field,
                    format!("{} is outside 0..{max}", describe_value(n)),
                ));
            }
        }
    }
    for (p, g) in each(top, "groups", "") {
        if let Some(n) = g.get("units_evaluated").filter(|v| v.is_number()) {
            if n.as_u64().is_none_or(|x| x > u32::MAX as u64) {
                problems.push(Problem::new(
                    join(&p, "units_evaluated"),
                    format!("{} is not a count", describe_value(n)),
                ));
            }
        }
    }
    for (p, u) in each(top, "units", "") {
        let ranks = u
            .get("category_ranks")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(k, v)| (format!("{p}.category_ranks.{k}"), v));
        let official = u
            .get("official")
            .and_then(|o| o.get("rank"))
            .map(|v| (format!("{p}.official.rank"), v));
        for (rp, v) in ranks.chain(official) {
            if v.is_number() && v.as_u64().is_none_or(|x| x == 0 || x > u32::MAX as u64) {
                problems.push(Problem::new(
                    rp,
                    format!("{} is not a rank (expected 1 or more)", describe_value(v)),
                ));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Layer 2: the meaning of a typed dataset.

/// True for ids made of lowercase ASCII letters, digits, hyphens, dots and underscores.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 120
        && s.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u32>().ok());
    match (num(0..4), num(5..7), num(8..10)) {
        (Some(_), Some(m), Some(d)) => (1..=12).contains(&m) && (1..=31).contains(&d),
        _ => false,
    }
}

fn check_text(t: &Text, path: &str, problems: &mut Vec<Problem>) {
    if t.vi.trim().is_empty() {
        problems.push(Problem::new(join(path, "vi"), "must not be empty"));
    }
    if t.en.trim().is_empty() {
        problems.push(Problem::new(join(path, "en"), "must not be empty"));
    }
}

fn fmt_num(x: f64) -> String {
    if x.is_finite() {
        format!("{x}")
    } else {
        "a non-finite number".to_string()
    }
}

/// Layer 2: every rule on a typed dataset. Empty when the dataset is valid.
pub fn validate(ds: &Dataset) -> Vec<Problem> {
    let mut p = Vec::new();
    if ds.format != FORMAT {
        p.push(Problem::new(
            "format",
            format!(
                "\"{}\" is not a format this app reads (expected \"{FORMAT}\")",
                ds.format
            ),
        ));
    }
    if !is_slug(&ds.id) {
        p.push(Problem::new(
            "id",
            format!(
                "\"{}\" is not a slug (lowercase letters, digits, - _ .)",
                ds.id
            ),
        ));
    }
    check_text(&ds.title, "title", &mut p);
    check_text(&ds.publisher, "publisher", &mut p);
    if !(1900..=2200).contains(&ds.edition) {
        p.push(Problem::new(
            "edition",
            format!("{} is not a plausible year (1900..2200)", ds.edition),
        ));
    }
    if let Some(s) = &ds.series {
        if !is_slug(s) {
            p.push(Problem::new("series", format!("\"{s}\" is not a slug")));
        }
    }
    if let Some(d) = &ds.published {
        if !is_iso_date(d) {
            p.push(Problem::new(
                "published",
                format!("\"{d}\" is not a date YYYY-MM-DD"),
            ));
        }
    }
    if ds.precision > 12 {
        p.push(Problem::new(
            "precision",
            format!("{} decimals is more than 12", ds.precision),
        ));
    }

    let mut source_ids = HashSet::new();
    for (i, s) in ds.sources.iter().enumerate() {
        let path = format!("sources[{i}]");
        if s.id.trim().is_empty() {
            p.push(Problem::new(join(&path, "id"), "must not be empty"));
        } else if !source_ids.insert(s.id.as_str()) {
            p.push(Problem::new(
                join(&path, "id"),
                format!("\"{}\" is used by an earlier source", s.id),
            ));
        }
        if !(s.url.starts_with("https://") || s.url.starts_with("http://")) {
            p.push(Problem::new(
                join(&path, "url"),
                format!("\"{}\" is not an http(s) address", s.url),
            ));
        }
    }

    if ds.categories.is_empty() {
        p.push(Problem::new(
            "categories",
            "at least one category is needed",
        ));
    }
    let mut category_ids = HashSet::new();
    for (i, c) in ds.categories.iter().enumerate() {
        let path = format!("categories[{i}]");
        if !is_slug(&c.id) {
            p.push(Problem::new(
                join(&path, "id"),
                format!("\"{}\" is not a slug", c.id),
            ));
        } else if !category_ids.insert(c.id.as_str()) {
            p.push(Problem::new(
                join(&path, "id"),
                format!("\"{}\" is used by an earlier category", c.id),
            ));
        }
        check_text(&c.name, &join(&path, "name"), &mut p);
        if let Some(w) = c.weight {
            if !w.is_finite() || w < 0.0 {
                p.push(Problem::new(
                    join(&path, "weight"),
                    format!("{} is not a weight (expected a number ≥ 0)", fmt_num(w)),
                ));
            }
        }
        if let Some(m) = c.max_points {
            if !m.is_finite() || m <= 0.0 {
                p.push(Problem::new(
                    join(&path, "max_points"),
                    format!("{} is not a maximum (expected a number > 0)", fmt_num(m)),
                ));
            }
        }
    }
    let known_weights: Vec<f64> = ds.categories.iter().filter_map(|c| c.weight).collect();
    if !known_weights.is_empty() && known_weights.iter().all(|w| *w == 0.0) {
        p.push(Problem::new("categories", "the weights are all zero"));
    }
    let all_weighted = ds.categories.iter().all(|c| c.weight.is_some());
    match ds.weight_basis {
        super::dataset::WeightBasis::Official | super::dataset::WeightBasis::Inferred
            if !all_weighted =>
        {
            p.push(Problem::new(
                "weight_basis",
                format!(
                    "\"{}\" needs a weight on every category",
                    ds.weight_basis.as_str()
                ),
            ));
        }
        super::dataset::WeightBasis::Inferred if ds.weight_note.is_none() => {
            p.push(Problem::new(
                "weight_note",
                "inferred weights need a note saying how they were derived",
            ));
        }
        _ => {}
    }
    if let Some(n) = &ds.weight_note {
        check_text(n, "weight_note", &mut p);
    }

    if ds.groups.is_empty() {
        p.push(Problem::new("groups", "at least one group is needed"));
    }
    let mut group_ids = HashSet::new();
    for (i, g) in ds.groups.iter().enumerate() {
        let path = format!("groups[{i}]");
        if !is_slug(&g.id) {
            p.push(Problem::new(
                join(&path, "id"),
                format!("\"{}\" is not a slug", g.id),
            ));
        } else if !group_ids.insert(g.id.as_str()) {
            p.push(Problem::new(
                join(&path, "id"),
                format!("\"{}\" is used by an earlier group", g.id),
            ));
        }
        check_text(&g.name, &join(&path, "name"), &mut p);
    }

    if ds.units.is_empty() {
        p.push(Problem::new("units", "the dataset has no units"));
    }
    let mut unit_ids = HashSet::new();
    for (i, u) in ds.units.iter().enumerate() {
        let path = format!("units[{i}]");
        if u.id.trim().is_empty() || u.id.len() > 200 {
            p.push(Problem::new(
                join(&path, "id"),
                "must be 1 to 200 characters",
            ));
        } else if !unit_ids.insert(u.id.as_str()) {
            p.push(Problem::new(
                join(&path, "id"),
                format!("\"{}\" is used by an earlier unit", u.id),
            ));
        }
        if u.name.trim().is_empty() {
            p.push(Problem::new(join(&path, "name"), "must not be empty"));
        }
        if !group_ids.contains(u.group.as_str()) {
            let declared: Vec<&str> = ds.groups.iter().map(|g| g.id.as_str()).collect();
            p.push(Problem::new(
                join(&path, "group"),
                format!(
                    "\"{}\" is not a declared group (declared: {})",
                    u.group,
                    declared.join(", ")
                ),
            ));
        }
        for (k, v) in &u.scores {
            let sp = format!("{path}.scores.{k}");
            if !category_ids.contains(k.as_str()) {
                p.push(Problem::new(
                    &sp,
                    format!("\"{k}\" is not a declared category"),
                ));
            }
            if let Some(x) = v {
                if !x.is_finite() || !(0.0..=1.0).contains(x) {
                    p.push(Problem::new(
                        &sp,
                        format!("{} is outside 0..1", fmt_num(*x)),
                    ));
                }
            }
        }
        for (k, v) in &u.category_ranks {
            let sp = format!("{path}.category_ranks.{k}");
            if !category_ids.contains(k.as_str()) {
                p.push(Problem::new(
                    &sp,
                    format!("\"{k}\" is not a declared category"),
                ));
            }
            if *v == Some(0) {
                p.push(Problem::new(&sp, "0 is not a rank (expected 1 or more)"));
            }
        }
        if let Some(x) = u.official.index {
            if !x.is_finite() || !(0.0..=1.0).contains(&x) {
                p.push(Problem::new(
                    format!("{path}.official.index"),
                    format!("{} is outside 0..1", fmt_num(x)),
                ));
            }
        }
        if u.official.rank == Some(0) {
            p.push(Problem::new(
                format!("{path}.official.rank"),
                "0 is not a rank (expected 1 or more)",
            ));
        }
        for (j, s) in u.sources.iter().enumerate() {
            if !source_ids.contains(s.as_str()) {
                p.push(Problem::new(
                    format!("{path}.sources[{j}]"),
                    format!("\"{s}\" is not a declared source id"),
                ));
            }
        }
    }

    if !ds.coverage.is_empty() && p.is_empty() && ds.coverage != ds.compute_coverage() {
        p.push(Problem::new(
            "coverage",
            "does not match the units (regenerate it, or leave the field out)",
        ));
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn minimal() -> Value {
        json!({
            "format": FORMAT,
            "id": "test-2019",
            "title": {"vi": "Thử", "en": "Test"},
            "edition": 2019,
            "publisher": {"vi": "Bộ TT&TT", "en": "MIC"},
            "sources": [{"id": "s1", "url": "https://example.org/a", "title": "A"}],
            "categories": [
                {"id": "infrastructure", "name": {"vi": "Hạ tầng", "en": "Infrastructure"}, "weight": null, "max_points": null},
                {"id": "portal", "name": {"vi": "Cổng", "en": "Portal"}, "weight": null, "max_points": null}
            ],
            "weight_basis": "unknown",
            "groups": [{"id": "ministries", "name": {"vi": "Bộ", "en": "Ministries"}, "units_evaluated": 2}],
            "precision": 4,
            "units": [
                {"id": "a", "name": "Bộ A", "group": "ministries", "scores": {"infrastructure": 0.5, "portal": null},
                 "official": {"index": 0.5, "rank": 1}, "sources": ["s1"]},
                {"id": "b", "name": "Bộ B", "group": "ministries", "scores": {}, "official": {"index": null, "rank": null}, "sources": []}
            ]
        })
    }

    fn problems(v: Value) -> Vec<String> {
        match parse_dataset(v.to_string().as_bytes()) {
            Ok(_) => vec![],
            Err(ps) => ps.into_iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn minimal_dataset_is_valid() {
        assert_eq!(problems(minimal()), Vec::<String>::new());
    }

    #[test]
    fn score_out_of_range_names_its_path() {
        let mut v = minimal();
        v["units"][1]["scores"]["portal"] = json!(-0.2);
        assert_eq!(
            problems(v),
            vec!["units[1].scores.portal: -0.2 is outside 0..1"]
        );
    }

    #[test]
    fn undeclared_group_and_category_and_source() {
        let mut v = minimal();
        v["units"][0]["group"] = json!("provinces");
        v["units"][0]["scores"]["wifi"] = json!(0.3);
        v["units"][0]["sources"] = json!(["nope"]);
        let ps = problems(v);
        assert!(ps.contains(
            &"units[0].group: \"provinces\" is not a declared group (declared: ministries)"
                .to_string()
        ));
        assert!(
            ps.contains(&"units[0].scores.wifi: \"wifi\" is not a declared category".to_string())
        );
        assert!(
            ps.contains(&"units[0].sources[0]: \"nope\" is not a declared source id".to_string())
        );
    }

    #[test]
    fn duplicate_ids_are_reported() {
        let mut v = minimal();
        v["units"][1]["id"] = json!("a");
        v["categories"][1]["id"] = json!("infrastructure");
        let ps = problems(v);
        assert!(ps.contains(&"units[1].id: \"a\" is used by an earlier unit".to_string()));
        assert!(ps.contains(
            &"categories[1].id: \"infrastructure\" is used by an earlier category".to_string()
        ));
    }

    #[test]
    fn weights_negative_or_all_zero() {
        let mut v = minimal();
        v["categories"][0]["weight"] = json!(-1);
        assert!(problems(v)
            .contains(&"categories[0].weight: -1 is not a weight (expected a number ≥ 0)".into()));
        let mut v = minimal();
        v["categories"][0]["weight"] = json!(0);
        v["categories"][1]["weight"] = json!(0.0);
        assert!(problems(v).contains(&"categories: the weights are all zero".into()));
    }

    #[test]
    fn wrong_format_tag_and_empty_units() {
        let mut v = minimal();
        v["format"] = json!("xephang-dataset/2");
        v["units"] = json!([]);
        let ps = problems(v);
        assert!(ps[0].starts_with("format: \"xephang-dataset/2\" is not a format"));
        assert!(ps.contains(&"units: the dataset has no units".into()));
    }

    #[test]
    fn types_unknown_fields_and_missing_fields() {
        let mut v = minimal();
        v["units"][0]["scores"]["portal"] = json!("0,5");
        v["categories"][0]["wieght"] = json!(1);
        v.as_object_mut().unwrap().remove("precision");
        let ps = problems(v);
        assert!(
            ps.contains(&"missing field `precision` (a whole number)".into()),
            "{ps:?}"
        );
        assert!(ps.contains(
            &"units[0].scores.portal: expected a number in 0..1 or null, found \"0,5\"".into()
        ));
        assert!(ps
            .iter()
            .any(|p| p.starts_with("categories[0].wieght: unknown field")));
    }

    #[test]
    fn malformed_json_and_oversized_files() {
        let ps = parse_dataset(b"{\"format\": ").unwrap_err();
        assert!(
            ps[0]
                .message
                .starts_with("not valid JSON at line 1, column"),
            "{:?}",
            ps
        );
        let big = vec![b' '; MAX_BYTES + 1];
        assert!(parse_dataset(&big).unwrap_err()[0]
            .message
            .contains("the limit is"));
        // Numbers JSON cannot hold are a parse error, not a panic.
        assert!(parse_dataset(b"{\"edition\": 1e999}").is_err());
        // Other files (the list of datasets) put a syntax error the same way; a data error
        // stays as serde_json says it.
        let e = crate::engine::json::from_slice::<Vec<u32>>(b"[1, 2,").unwrap_err();
        assert!(
            syntax_detail(&e).starts_with("not valid JSON at line 1, column 6: EOF while parsing"),
            "{}",
            syntax_detail(&e)
        );
        let e = crate::engine::json::from_slice::<Vec<u32>>(b"[\"x\"]").unwrap_err();
        assert!(!syntax_detail(&e).starts_with("not valid JSON"));
    }

    #[test]
    fn negative_ranks_and_years_are_refused_not_panicking() {
        let mut v = minimal();
        v["units"][0]["official"]["rank"] = json!(-3);
        v["edition"] = json!(-1);
        let ps = problems(v);
        assert!(
            ps.contains(&"units[0].official.rank: -3 is not a rank (expected 1 or more)".into())
        );
        assert!(ps.contains(&"edition: -1 is outside 0..9999".into()));
    }

    #[test]
    fn coverage_must_match() {
        let ds = parse_dataset(minimal().to_string().as_bytes()).unwrap();
        let mut v = minimal();
        let mut cov = serde_json::to_value(ds.compute_coverage()).unwrap();
        v["coverage"] = cov.clone();
        assert_eq!(problems(v.clone()), Vec::<String>::new());
        cov[0]["complete"] = json!(7);
        v["coverage"] = cov;
        assert_eq!(
            problems(v),
            vec!["coverage: does not match the units (regenerate it, or leave the field out)"]
        );
    }

    #[test]
    fn too_many_problems_are_capped() {
        let mut v = minimal();
        let units: Vec<Value> = (0..500)
            .map(|i| json!({"id": format!("u{i}"), "name": "x", "group": "nope"}))
            .collect();
        v["units"] = Value::Array(units);
        let ps = problems(v);
        assert_eq!(ps.len(), MAX_PROBLEMS + 1);
        assert_eq!(ps.last().unwrap(), "… and 300 more problems");
    }
}
