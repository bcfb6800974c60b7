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
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::fmt;

/// One thing wrong with an input, at a JSON path such as `units[12].scores.portal`.
///
/// The message is in both languages of the app, because the people who fix a file are the
/// app's readers: a provincial official with the full tables reads the checker in Vietnamese.
/// `Display` writes the English one (the command-line tool, logs and tests).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Where the problem is: a JSON path, or empty for the file as a whole.
    pub path: String,
    /// What is wrong and what was expected.
    pub message: Text,
}

impl Problem {
    pub fn new(path: impl Into<String>, vi: impl Into<String>, en: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            message: Text::new(vi, en),
        }
    }

    /// Whether this is [`syntax_problem`]'s: the file is not JSON at all.
    pub fn is_syntax(&self) -> bool {
        self.path.is_empty() && self.message.en.starts_with(NOT_JSON)
    }

    /// The path and the message in both languages: `units[3].name: must not be empty`.
    pub fn located(&self) -> Text {
        if self.path.is_empty() {
            return self.message.clone();
        }
        Text::new(
            format!("{}: {}", self.path, self.message.vi),
            format!("{}: {}", self.path, self.message.en),
        )
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message.en)
        } else {
            write!(f, "{}: {}", self.path, self.message.en)
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
        let mib = MAX_BYTES / (1024 * 1024);
        let n = bytes.len();
        return Err(vec![Problem::new(
            "",
            format!("tệp có {n} byte; giới hạn là {MAX_BYTES} byte ({mib} MiB)"),
            format!("the file is {n} bytes; the limit is {MAX_BYTES} bytes ({mib} MiB)"),
        )]);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|e| vec![syntax_problem(&e)])?;
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

/// The lead of [`syntax_problem`]'s English message, by which a JSON syntax error is told
/// apart from a dataset's other problems ([`Problem::is_syntax`]).
pub const NOT_JSON: &str = "The file is not valid JSON";

/// A JSON syntax error as "The file is not valid JSON (line L, column C: reason)". serde_json
/// gives its reason in English, which is kept in the English text and put in Vietnamese in the
/// Vietnamese one.
pub fn syntax_problem(e: &serde_json::Error) -> Problem {
    if !(e.is_syntax() || e.is_eof()) {
        return Problem::new(
            "",
            "Không đọc được tệp",
            format!("The file cannot be read ({e})"),
        );
    }
    // serde_json appends " at line L column C" to its messages; we print those ourselves.
    let full = e.to_string();
    let reason = full
        .rfind(" at line ")
        .map_or(full.as_str(), |i| &full[..i]);
    // serde_json's reasons (its `ErrorCode`s) in Vietnamese; one it may add later is told as
    // a syntax error, with no English in the Vietnamese text. In English its own words, but for
    // the commonest, a file cut short: "EOF while parsing a list" told a reader nothing to act on.
    let vi = [
        ("EOF while parsing", "tệp dừng giữa chừng, thiếu phần cuối"),
        ("expected value", "không có giá trị JSON hợp lệ ở đây"),
        (
            "expected ident",
            "không có giá trị JSON hợp lệ ở đây (true, false và null viết thường)",
        ),
        ("trailing comma", "dấu phẩy thừa"),
        ("expected `,` or", "thiếu dấu phẩy hoặc dấu đóng ngoặc"),
        ("expected `:`", "thiếu dấu hai chấm sau tên trường"),
        (
            "key must be a string",
            "tên trường phải nằm trong dấu ngoặc kép",
        ),
        ("invalid number", "số không hợp lệ"),
        ("number out of range", "số quá lớn"),
        ("control character", "có ký tự điều khiển trong một chuỗi"),
        ("invalid escape", "ký tự sau dấu \\ không hợp lệ"),
        ("invalid unicode code point", "mã Unicode không hợp lệ"),
        ("lone leading surrogate", "mã Unicode không hợp lệ"),
        ("unexpected end of hex escape", "mã \\u… bị cắt ngắn"),
        ("trailing characters", "còn ký tự thừa sau giá trị JSON"),
        (
            "recursion limit exceeded",
            "các mảng, đối tượng lồng nhau quá sâu",
        ),
    ]
    .iter()
    .find(|(en, _)| reason.starts_with(en))
    .map_or("lỗi cú pháp JSON", |(_, vi)| vi);
    let en = if reason.starts_with("EOF while parsing") {
        "the text stops part-way: its end is missing"
    } else {
        reason
    };
    let (line, column) = (e.line(), e.column());
    Problem::new(
        "",
        format!("Tệp không phải JSON hợp lệ (dòng {line}, cột {column}: {vi})"),
        format!("{NOT_JSON} (line {line}, column {column}: {en})"),
    )
}

fn cap(mut problems: Vec<Problem>) -> Vec<Problem> {
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        problems.push(Problem::new(
            "",
            format!("… và {more} lỗi khác"),
            format!("… and {more} more problems"),
        ));
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
    /// What the field holds, in Vietnamese and English.
    fn describe(self) -> (&'static str, &'static str) {
        match self {
            Kind::Str => ("một chuỗi văn bản", "a string"),
            Kind::Int => ("một số nguyên", "a whole number"),
            Kind::NumOrNull => ("một số hoặc null", "a number or null"),
            Kind::IntOrNull => ("một số nguyên hoặc null", "a whole number or null"),
            Kind::Text => (
                "một đối tượng {\"vi\": …, \"en\": …}",
                "an object {\"vi\": …, \"en\": …}",
            ),
            Kind::Obj => ("một đối tượng", "an object"),
            Kind::Arr => ("một mảng", "an array"),
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

/// A value as a message quotes it: literals as written in JSON (cut at 40 characters), lists
/// and objects by their kind, in Vietnamese and English.
fn describe_value(v: &Value) -> Text {
    let literal = match v {
        Value::Null => "null".to_string(),
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
        Value::Array(_) => return Text::new("một mảng", "an array"),
        Value::Object(_) => return Text::new("một đối tượng", "an object"),
    };
    Text::new(literal.clone(), literal)
}

/// "expected X, found Y" for a value of the wrong kind.
fn expected(path: impl Into<String>, (vi, en): (&str, &str), found: &Value) -> Problem {
    let found = describe_value(found);
    Problem::new(
        path,
        format!("cần {vi}, nhưng gặp {}", found.vi),
        format!("expected {en}, found {}", found.en),
    )
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
        problems.push(expected(path, Kind::Obj.describe(), v));
        return None;
    };
    for (name, kind, required) in spec {
        match obj.get(*name) {
            None if *required => {
                let (vi, en) = kind.describe();
                problems.push(Problem::new(
                    path,
                    format!("thiếu trường `{name}` ({vi})"),
                    format!("missing field `{name}` ({en})"),
                ));
            }
            None => {}
            // An optional text may be written as null; arrays and objects may not, because
            // an absent list and a null one would then mean two different things.
            Some(Value::Null) if !*required && matches!(kind, Kind::Str | Kind::Text) => {}
            Some(value) => {
                let p = join(path, name);
                if !kind.accepts(value) {
                    problems.push(expected(&p, kind.describe(), value));
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
            let known: Vec<&str> = spec.iter().map(|(n, _, _)| *n).collect();
            problems.push(unknown_field(join(path, key), &known));
        }
    }
    Some(obj)
}

/// A field the format does not have (a typo like `wieght`, say), with the ones it has.
pub(super) fn unknown_field(path: String, known: &[&str]) -> Problem {
    let known = known.join(", ");
    Problem::new(
        path,
        format!("trường này không có trong định dạng (các trường có: {known})"),
        format!("unknown field (expected one of: {known})"),
    )
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
                format!("\"{b}\" không phải là một trong \"official\", \"inferred\", \"unknown\""),
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
                    problems.push(expected(
                        format!("{p}.scores.{k}"),
                        (
                            "một số trong khoảng 0..1 hoặc null",
                            "a number in 0..1 or null",
                        ),
                        v,
                    ));
                }
            }
        }
        if let Some(ranks) = unit.get("category_ranks").and_then(Value::as_object) {
            for (k, v) in ranks {
                if !IntOrNull.accepts(v) {
                    problems.push(expected(
                        format!("{p}.category_ranks.{k}"),
                        IntOrNull.describe(),
                        v,
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
                problems.push(expected(
                    sp,
                    (
                        "mã của một nguồn (một chuỗi văn bản)",
                        "a source id (a string)",
                    ),
                    s,
                ));
            }
        }
    }
    for (p, c) in each(top, "coverage", "") {
        if !c.is_object() {
            problems.push(expected(p, Obj.describe(), c));
        }
    }
    // Numbers that must fit their Rust types: whole numbers that are negative or too large.
    if let Some(n) = top.get("edition").filter(|v| Int.accepts(v)) {
        if n.as_i64().is_none_or(|y| !EDITIONS.contains(&y)) {
            problems.push(not_a_year(&describe_value(n).en));
        }
    }
    if let Some(n) = top.get("precision").filter(|v| Int.accepts(v)) {
        if n.as_u64().is_none_or(|x| x > 12) {
            let n = describe_value(n).en;
            problems.push(Problem::new(
                "precision",
                format!("{n} nằm ngoài khoảng 0..12"),
                format!("{n} is outside 0..12"),
            ));
        }
    }
    for (p, g) in each(top, "groups", "") {
        if let Some(n) = g.get("units_evaluated").filter(|v| v.is_number()) {
            if n.as_u64().is_none_or(|x| x > u32::MAX as u64) {
                let n = describe_value(n).en;
                problems.push(Problem::new(
                    join(&p, "units_evaluated"),
                    format!("{n} không phải là một số đếm (số nguyên từ 0)"),
                    format!("{n} is not a count"),
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
            // Whole numbers only: 2.0 has its type's problem already.
            if (v.is_i64() || v.is_u64())
                && v.as_u64().is_none_or(|x| x == 0 || x > u32::MAX as u64)
            {
                problems.push(not_a_rank(rp, &describe_value(v).en));
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

fn empty(path: String) -> Problem {
    Problem::new(path, "không được để trống", "must not be empty")
}

fn not_a_rank(path: String, value: &str) -> Problem {
    Problem::new(
        path,
        format!(
            "{value} không phải là thứ hạng (cần một số nguyên từ 1 đến {})",
            u32::MAX
        ),
        format!(
            "{value} is not a rank (expected a whole number from 1 to {})",
            u32::MAX
        ),
    )
}

/// The years an edition may have.
const EDITIONS: std::ops::RangeInclusive<i64> = 1900..=2200;

fn not_a_year(y: &str) -> Problem {
    Problem::new(
        "edition",
        format!("{y} không phải là một năm hợp lý (1900..2200)"),
        format!("{y} is not a plausible year (1900..2200)"),
    )
}

fn not_a_slug(path: String, id: &str) -> Problem {
    Problem::new(
        path,
        format!("\"{id}\" không phải là mã hợp lệ (chỉ gồm chữ thường không dấu, chữ số, - _ .; tối đa 120 ký tự)"),
        format!("\"{id}\" is not a slug (lowercase letters, digits, - _ .; at most 120 characters)"),
    )
}

/// An id already given to an earlier item of the same list (`what`: that item, in both
/// languages).
fn used_before(path: String, id: &str, (vi, en): (&str, &str)) -> Problem {
    Problem::new(
        path,
        format!("\"{id}\" đã được dùng cho {vi} trước đó"),
        format!("\"{id}\" is used by an earlier {en}"),
    )
}

fn not_declared(path: String, id: &str, (vi, en): (&str, &str)) -> Problem {
    Problem::new(
        path,
        format!("\"{id}\" không phải là {vi} đã khai báo"),
        format!("\"{id}\" is not a declared {en}"),
    )
}

fn outside_unit(path: String, x: f64) -> Problem {
    let (vi, en) = fmt_num(x);
    Problem::new(
        path,
        format!("{vi} nằm ngoài khoảng 0..1"),
        format!("{en} is outside 0..1"),
    )
}

/// A group id the dataset does not have, with the ones it has.
pub(super) fn unknown_group(ds: &Dataset, group: &str) -> Problem {
    let ids: Vec<&str> = ds.groups.iter().map(|g| g.id.as_str()).collect();
    let ids = ids.join(", ");
    Problem::new(
        "group",
        format!("\"{group}\" không phải là một nhóm của bộ dữ liệu này (các nhóm: {ids})"),
        format!("\"{group}\" is not a group of this dataset (groups: {ids})"),
    )
}

/// Weights given in a number other than one per category.
pub(super) fn weight_count(categories: usize, given: usize) -> Problem {
    Problem::new(
        "weights",
        format!("cần {categories} trọng số, mỗi chỉ số thành phần một trọng số, nhưng có {given}"),
        format!("expected {categories} weights, one per category, found {given}"),
    )
}

/// A matrix whose values do not fill its rows (a caller's mistake, not an input's).
pub(super) fn matrix_size(values: usize, units: usize, categories: usize) -> Problem {
    Problem::new(
        "matrix",
        format!("có {values} giá trị, cần {units} đơn vị × {categories} chỉ số thành phần"),
        format!("holds {values} values, expected {units} units × {categories} categories"),
    )
}

/// "The weights are all zero", for a dataset's weights and for the ones a caller gives.
pub(super) fn all_zero(path: &str) -> Problem {
    Problem::new(path, "mọi trọng số đều bằng 0", "the weights are all zero")
}

/// A weight that is negative, not finite or not a number.
pub(super) fn not_a_weight(path: String, w: f64) -> Problem {
    let (vi, en) = fmt_num(w);
    Problem::new(
        path,
        format!("{vi} không phải là trọng số (cần một số ≥ 0)"),
        format!("{en} is not a weight (expected a number ≥ 0)"),
    )
}

fn check_text(t: &Text, path: &str, problems: &mut Vec<Problem>) {
    if t.vi.trim().is_empty() {
        problems.push(empty(join(path, "vi")));
    }
    if t.en.trim().is_empty() {
        problems.push(empty(join(path, "en")));
    }
}

/// A number as a message quotes it, in Vietnamese and English.
fn fmt_num(x: f64) -> (String, String) {
    if x.is_finite() {
        (format!("{x}"), format!("{x}"))
    } else {
        ("một số không hữu hạn".into(), "a non-finite number".into())
    }
}

/// At most this many categories in a dataset (the import's column limit): the engine holds a
/// units × categories matrix, and the Monte Carlo draws a weight per category.
pub const MAX_CATEGORIES: usize = 100;
/// At most this many units (twice the largest the benchmarks run).
pub const MAX_UNITS: usize = 20_000;
/// At most this many groups (the official tables have three).
pub const MAX_GROUPS: usize = 100;

/// The first of `(count, limit, field, its Vietnamese name)` over its limit, as a problem.
pub fn too_many(sizes: &[(usize, usize, &str, &str)]) -> Option<Problem> {
    let &(n, max, field, vi) = sizes.iter().find(|s| s.0 > s.1)?;
    Some(Problem::new(
        field,
        format!("có {n} {vi}, nhiều hơn mức tối đa {max}"),
        format!("{n} {field}, more than the limit of {max}"),
    ))
}

/// The rules [`validate`] leaves to the readers of a user's table (the import, a shared link's
/// decoder, the CLI, the data tests), each a step beyond the format's shape: run on every file
/// the page loads, they would put their code and messages into its first load, and a bundled
/// file is checked by the tests. Empty when the dataset agrees with itself.
pub fn consistency(ds: &Dataset) -> Vec<Problem> {
    ds.groups
        .iter()
        .filter_map(|g| rank_against_index(ds, &g.id))
        .collect()
}

/// [`parse_dataset`] and then [`consistency`]: a file as the CLI checks it before it is
/// published.
pub fn parse_consistent(bytes: &[u8]) -> Result<Dataset, Vec<Problem>> {
    let ds = parse_dataset(bytes)?;
    let problems = consistency(&ds);
    if problems.is_empty() {
        Ok(ds)
    } else {
        Err(problems)
    }
}

/// The first unit of `group` whose official rank contradicts its index: a unit ranked below
/// another with a higher index. The index decides the rank, so the two columns of an imported
/// table do not belong together (a rank column of another year, or rows sorted apart from it).
/// Equal ranks with unequal indices are allowed: a publisher ties at its own precision.
fn rank_against_index(ds: &Dataset, group: &str) -> Option<Problem> {
    let mut both: Vec<(usize, u32, f64)> = ds
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.group == group)
        .filter_map(|(i, u)| Some((i, u.official.rank?, u.official.index?)))
        .filter(|(_, _, x)| x.is_finite())
        .collect();
    super::order::sort_by_key(&mut both, |e| e.1);
    // The lowest index among the units of a strictly better rank: (position in `both`).
    let mut lowest_above: Option<usize> = None;
    let mut start = 0;
    while start < both.len() {
        let rank = both[start].1;
        let end = start + both[start..].iter().take_while(|e| e.1 == rank).count();
        if let Some(b) = lowest_above {
            let (_, rb, xb) = both[b];
            if let Some(&(ia, ra, xa)) = both[start..end].iter().find(|e| e.2 > xb + 1e-9) {
                let name_b = &ds.units[both[b].0].name;
                return Some(Problem::new(
                    format!("units[{ia}].official.rank"),
                    format!(
                        "hạng {ra} với chỉ số {xa}, nhưng “{name_b}” có chỉ số thấp hơn ({xb}) mà được xếp trên, hạng {rb}: hạng và chỉ số có phải của cùng một bảng?"
                    ),
                    format!(
                        "rank {ra} with the index {xa}, but “{name_b}” has a lower index ({xb}) and ranks above it, {rb}: are the rank and the index from the same table?"
                    ),
                ));
            }
        }
        for k in start..end {
            if lowest_above.is_none_or(|b| both[k].2 < both[b].2) {
                lowest_above = Some(k);
            }
        }
        start = end;
    }
    None
}

/// "category" in both languages, for the messages that name one.
const CATEGORY: (&str, &str) = ("chỉ số thành phần", "category");

/// Layer 2: every rule on a typed dataset. Empty when the dataset is valid.
pub fn validate(ds: &Dataset) -> Vec<Problem> {
    let mut p = Vec::new();
    if ds.format != FORMAT {
        let f = &ds.format;
        p.push(Problem::new(
            "format",
            format!("\"{f}\" không phải là định dạng ứng dụng này đọc được (cần \"{FORMAT}\")"),
            format!("\"{f}\" is not a format this app reads (expected \"{FORMAT}\")"),
        ));
    }
    // Before the rest: a file within the byte limit can still ask for a matrix of gigabytes
    // (16,400 categories and as many units with no score), and the checks below walk groups ×
    // units.
    let sizes = [
        (
            ds.categories.len(),
            MAX_CATEGORIES,
            "categories",
            "chỉ số thành phần",
        ),
        (ds.units.len(), MAX_UNITS, "units", "đơn vị"),
        (ds.groups.len(), MAX_GROUPS, "groups", "nhóm"),
    ];
    if let Some(problem) = too_many(&sizes) {
        p.push(problem);
        return p;
    }
    if !is_slug(&ds.id) {
        p.push(not_a_slug("id".into(), &ds.id));
    }
    check_text(&ds.title, "title", &mut p);
    check_text(&ds.publisher, "publisher", &mut p);
    if !EDITIONS.contains(&i64::from(ds.edition)) {
        p.push(not_a_year(&ds.edition.to_string()));
    }
    if let Some(s) = &ds.series {
        if !is_slug(s) {
            p.push(not_a_slug("series".into(), s));
        }
    }
    if let Some(d) = &ds.published {
        if !is_iso_date(d) {
            p.push(Problem::new(
                "published",
                format!("\"{d}\" không phải là một ngày dạng YYYY-MM-DD"),
                format!("\"{d}\" is not a date YYYY-MM-DD"),
            ));
        }
    }
    if ds.precision > 12 {
        let n = ds.precision;
        p.push(Problem::new(
            "precision",
            format!("{n} chữ số thập phân là quá nhiều (tối đa 12)"),
            format!("{n} decimals is more than 12"),
        ));
    }

    let mut source_ids = HashSet::new();
    for (i, s) in ds.sources.iter().enumerate() {
        let path = format!("sources[{i}]");
        if s.id.trim().is_empty() {
            p.push(empty(join(&path, "id")));
        } else if !source_ids.insert(s.id.as_str()) {
            p.push(used_before(
                join(&path, "id"),
                &s.id,
                ("một nguồn", "source"),
            ));
        }
        if !(s.url.starts_with("https://") || s.url.starts_with("http://")) {
            let u = &s.url;
            p.push(Problem::new(
                join(&path, "url"),
                format!("\"{u}\" không phải là địa chỉ http(s)"),
                format!("\"{u}\" is not an http(s) address"),
            ));
        }
    }

    if ds.categories.is_empty() {
        p.push(Problem::new(
            "categories",
            "cần ít nhất một chỉ số thành phần",
            "at least one category is needed",
        ));
    }
    let mut category_ids = HashSet::new();
    for (i, c) in ds.categories.iter().enumerate() {
        let path = format!("categories[{i}]");
        if !is_slug(&c.id) {
            p.push(not_a_slug(join(&path, "id"), &c.id));
        } else if !category_ids.insert(c.id.as_str()) {
            p.push(used_before(
                join(&path, "id"),
                &c.id,
                ("một chỉ số thành phần", "category"),
            ));
        }
        check_text(&c.name, &join(&path, "name"), &mut p);
        if let Some(w) = c.weight {
            if !w.is_finite() || w < 0.0 {
                p.push(not_a_weight(join(&path, "weight"), w));
            }
        }
        if let Some(m) = c.max_points {
            if !m.is_finite() || m <= 0.0 {
                let (vi, en) = fmt_num(m);
                p.push(Problem::new(
                    join(&path, "max_points"),
                    format!("{vi} không phải là điểm tối đa (cần một số > 0)"),
                    format!("{en} is not a maximum (expected a number > 0)"),
                ));
            }
        }
    }
    let known_weights: Vec<f64> = ds.categories.iter().filter_map(|c| c.weight).collect();
    if !known_weights.is_empty() && known_weights.iter().all(|w| *w == 0.0) {
        p.push(all_zero("categories"));
    }
    let all_weighted = ds.categories.iter().all(|c| c.weight.is_some());
    match ds.weight_basis {
        super::dataset::WeightBasis::Official | super::dataset::WeightBasis::Inferred
            if !all_weighted =>
        {
            let b = ds.weight_basis.as_str();
            p.push(Problem::new(
                "weight_basis",
                format!("\"{b}\" cần một trọng số cho mọi chỉ số thành phần"),
                format!("\"{b}\" needs a weight on every category"),
            ));
        }
        super::dataset::WeightBasis::Inferred if ds.weight_note.is_none() => {
            p.push(Problem::new(
                "weight_note",
                "trọng số suy ra (\"inferred\") cần một ghi chú nói chúng được suy ra thế nào",
                "inferred weights need a note saying how they were derived",
            ));
        }
        _ => {}
    }
    if let Some(n) = &ds.weight_note {
        check_text(n, "weight_note", &mut p);
    }

    if ds.groups.is_empty() {
        p.push(Problem::new(
            "groups",
            "cần ít nhất một nhóm",
            "at least one group is needed",
        ));
    }
    let mut group_ids = HashSet::new();
    for (i, g) in ds.groups.iter().enumerate() {
        let path = format!("groups[{i}]");
        if !is_slug(&g.id) {
            p.push(not_a_slug(join(&path, "id"), &g.id));
        } else if !group_ids.insert(g.id.as_str()) {
            p.push(used_before(join(&path, "id"), &g.id, ("một nhóm", "group")));
        }
        check_text(&g.name, &join(&path, "name"), &mut p);
    }

    if ds.units.is_empty() {
        p.push(Problem::new(
            "units",
            "bộ dữ liệu không có đơn vị nào",
            "the dataset has no units",
        ));
    }
    let mut unit_ids = HashSet::new();
    for (i, u) in ds.units.iter().enumerate() {
        let path = format!("units[{i}]");
        if u.id.trim().is_empty() || u.id.len() > 200 {
            p.push(Problem::new(
                join(&path, "id"),
                "phải dài từ 1 đến 200 ký tự",
                "must be 1 to 200 characters",
            ));
        } else if !unit_ids.insert(u.id.as_str()) {
            p.push(used_before(
                join(&path, "id"),
                &u.id,
                ("một đơn vị", "unit"),
            ));
        }
        if u.name.trim().is_empty() {
            p.push(empty(join(&path, "name")));
        }
        if !group_ids.contains(u.group.as_str()) {
            let declared: Vec<&str> = ds.groups.iter().map(|g| g.id.as_str()).collect();
            let g = &u.group;
            p.push(if declared.is_empty() {
                Problem::new(
                    join(&path, "group"),
                    format!("\"{g}\" không phải là nhóm đã khai báo (tệp chưa khai báo nhóm nào)"),
                    format!("\"{g}\" is not a declared group (the file declares none)"),
                )
            } else {
                let declared = declared.join(", ");
                Problem::new(
                    join(&path, "group"),
                    format!(
                        "\"{g}\" không phải là nhóm đã khai báo (các nhóm đã khai báo: {declared})"
                    ),
                    format!("\"{g}\" is not a declared group (declared: {declared})"),
                )
            });
        }
        for (k, v) in &u.scores {
            let sp = format!("{path}.scores.{k}");
            if !category_ids.contains(k.as_str()) {
                p.push(not_declared(sp.clone(), k, CATEGORY));
            }
            if let Some(x) = v {
                if !x.is_finite() || !(0.0..=1.0).contains(x) {
                    p.push(outside_unit(sp, *x));
                }
            }
        }
        for (k, v) in &u.category_ranks {
            let sp = format!("{path}.category_ranks.{k}");
            if !category_ids.contains(k.as_str()) {
                p.push(not_declared(sp.clone(), k, CATEGORY));
            }
            if *v == Some(0) {
                p.push(not_a_rank(sp, "0"));
            }
        }
        if let Some(x) = u.official.index {
            if !x.is_finite() || !(0.0..=1.0).contains(&x) {
                p.push(outside_unit(format!("{path}.official.index"), x));
            }
        }
        if u.official.rank == Some(0) {
            p.push(not_a_rank(format!("{path}.official.rank"), "0"));
        }
        for (j, s) in u.sources.iter().enumerate() {
            if !source_ids.contains(s.as_str()) {
                p.push(not_declared(
                    format!("{path}.sources[{j}]"),
                    s,
                    ("mã nguồn", "source id"),
                ));
            }
        }
    }

    // More units than the publisher evaluated: a row too many (a total or an average kept as a
    // unit), or a wrong count; either way the coverage the page shows would be false.
    for (i, g) in ds.groups.iter().enumerate() {
        let listed = ds.units_in(&g.id).count();
        if let Some(n) = g.units_evaluated.filter(|n| listed > *n as usize) {
            p.push(Problem::new(
                format!("groups[{i}].units_evaluated"),
                format!("{n}, mà nhóm có {listed} đơn vị"),
                format!("{n}, but the group lists {listed} units"),
            ));
        }
    }
    if !ds.coverage.is_empty() && p.is_empty() && ds.coverage != ds.compute_coverage() {
        p.push(Problem::new(
            "coverage",
            "không khớp với các đơn vị (hãy tạo lại trường này, hoặc bỏ nó đi)",
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
        assert_eq!(
            ps[0].message,
            Text::new(
                "Tệp không phải JSON hợp lệ (dòng 1, cột 11: tệp dừng giữa chừng, thiếu phần cuối)",
                "The file is not valid JSON (line 1, column 11: the text stops part-way: its end is missing)"
            )
        );
        assert!(ps[0].is_syntax());
        let big = vec![b' '; MAX_BYTES + 1];
        let too_big = &parse_dataset(&big).unwrap_err()[0];
        assert!(too_big.message.en.contains("the limit is"));
        assert!(!too_big.is_syntax());
        // Numbers JSON cannot hold are a parse error, not a panic.
        assert!(parse_dataset(b"{\"edition\": 1e999}").is_err());
        // Other files (the list of datasets) put a syntax error the same way; a data error
        // stays as serde_json says it.
        let e = crate::engine::json::from_slice::<Vec<u32>>(b"[1, 2,").unwrap_err();
        let p = syntax_problem(&e);
        assert!(
            p.message.en.starts_with(
                "The file is not valid JSON (line 1, column 6: the text stops part-way"
            ),
            "{p}"
        );
        assert!(
            p.message.vi.contains("dòng 1, cột 6: tệp dừng giữa chừng"),
            "{p:?}"
        );
        let e = crate::engine::json::from_slice::<Vec<u32>>(b"[\"x\"]").unwrap_err();
        assert!(!syntax_problem(&e).is_syntax());
    }

    #[test]
    fn a_rank_that_contradicts_the_index_is_found_naming_both_units() {
        let mut v = minimal();
        v["units"][1]["official"] = json!({"index": 0.7, "rank": 2});
        // Bộ A: rank 1 with 0.5; Bộ B: rank 2 with 0.7. A valid file, which disagrees with
        // itself.
        assert_eq!(problems(v.clone()), Vec::<String>::new());
        let ps = agree(v.clone());
        assert_eq!(
            ps,
            vec!["units[1].official.rank: rank 2 with the index 0.7, but “Bộ A” has a lower index (0.5) and ranks above it, 1: are the rank and the index from the same table?".to_string()]
        );
        // Tied ranks over unequal indices (a publisher's own precision), and a higher index
        // ranked above: no problem.
        v["units"][1]["official"] = json!({"index": 0.7, "rank": 1});
        assert_eq!(agree(v.clone()), Vec::<String>::new());
        v["units"][0]["official"] = json!({"index": 0.5, "rank": 2});
        assert_eq!(agree(v.clone()), Vec::<String>::new());
        // Tied at a rank above, the lower of the two indices is the one compared: rank 1 with
        // 0.9 and 0.5, rank 3 with 0.7 (under 0.9, over 0.5).
        let mut t = minimal();
        t["groups"][0]["units_evaluated"] = Value::Null;
        let third = json!({"id": "c", "name": "Bộ C", "group": "ministries", "scores": {}, "official": {"index": 0.7, "rank": 3}, "sources": []});
        t["units"] = json!([t["units"][0].clone(), t["units"][1].clone(), third]);
        t["units"][0]["official"] = json!({"index": 0.9, "rank": 1});
        t["units"][1]["official"] = json!({"index": 0.5, "rank": 1});
        assert_eq!(agree(t.clone()).len(), 1, "{:?}", agree(t.clone()));
        t["units"][1]["official"] = json!({"index": 0.8, "rank": 1});
        assert_eq!(agree(t), Vec::<String>::new());
        // A unit with no index, or no rank, is not compared.
        v["units"][0]["official"] = json!({"index": null, "rank": 1});
        v["units"][1]["official"] = json!({"index": 0.7, "rank": 2});
        assert_eq!(agree(v), Vec::<String>::new());
    }

    #[test]
    fn a_file_asking_for_too_large_a_matrix_is_refused_before_the_rest() {
        let mut v = minimal();
        let cats: Vec<Value> = (0..=MAX_CATEGORIES)
            .map(|i| json!({"id": format!("c{i}"), "name": {"vi": "C", "en": "C"}, "weight": null, "max_points": null}))
            .collect();
        v["categories"] = Value::Array(cats);
        assert_eq!(
            problems(v),
            vec!["categories: 101 categories, more than the limit of 100"]
        );
        let mut v = minimal();
        let unit = v["units"][1].clone();
        v["units"] = Value::Array(vec![unit; MAX_UNITS + 1]);
        // One problem, not 20,001 duplicate ids.
        assert_eq!(
            problems(v),
            vec!["units: 20001 units, more than the limit of 20000"]
        );
    }

    fn agree(v: Value) -> Vec<String> {
        let ds = parse_dataset(v.to_string().as_bytes()).unwrap();
        consistency(&ds)
            .into_iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn negative_ranks_and_years_are_refused_not_panicking() {
        let mut v = minimal();
        v["units"][0]["official"]["rank"] = json!(-3);
        v["edition"] = json!(-1);
        let ps = problems(v);
        assert!(
            ps.contains(&"units[0].official.rank: -3 is not a rank (expected a whole number from 1 to 4294967295)".into())
        );
        assert!(ps.contains(&"edition: -1 is not a plausible year (1900..2200)".into()));
        // A rank of 2.0 is one problem (its type), not two; a rank too large says its limit.
        let mut v = minimal();
        v["units"][0]["official"]["rank"] = json!(2.0);
        let ps = problems(v);
        assert_eq!(
            ps.iter().filter(|p| p.contains("official.rank")).count(),
            1,
            "{ps:?}"
        );
        let mut v = minimal();
        v["units"][0]["official"]["rank"] = json!(99_999_999_999u64);
        assert!(problems(v)[0].ends_with("from 1 to 4294967295)"));
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
