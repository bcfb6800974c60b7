//! `xephang rank FILE --group G [--weights id=w,…] [--missing exclude|renormalize]
//! [--aggregation arithmetic|geometric] [--format csv|json|table]`: prints a group's ranking.
//!
//! CSV is for scripts (header `rank,id,name,score`, then one column per category id, then
//! `official_rank` and `missing`), JSON for programs, the table for people. Units that are not
//! ranked come last with an empty rank, and `missing` says which weighted categories they lack.
//!
//! This module also holds what `rank` and `uncertainty` share: loading a dataset with the
//! `FILE: error: <path>: <message>` report, and reading `--weights`.

use super::lang::{self, tr};
use crate::engine::dataset::Dataset;
use crate::engine::score::{self, Aggregation, MissingPolicy, Options, Ranking};
use crate::engine::validate;
use lexopt::prelude::*;
use std::ffi::OsString;
use std::io::Write;

const USAGE_VI: &str =
    "cách dùng: xephang rank TỆP [--group NHÓM] [--weights id=w,…|equal|official]
                    [--missing exclude|renormalize] [--aggregation arithmetic|geometric]
                    [--format csv|json|table]
  --group có thể bỏ khi bộ dữ liệu chỉ có một nhóm.
  --weights: hạng mục không ghi giữ trọng số mặc định của bộ dữ liệu (trọng số chính thức nếu
             mọi hạng mục đều có, nếu không thì 1); `equal` cho mọi hạng mục trọng số 1.";

const USAGE_EN: &str = "usage: xephang rank FILE [--group G] [--weights id=w,…|equal|official]
                    [--missing exclude|renormalize] [--aggregation arithmetic|geometric]
                    [--format csv|json|table]
  --group may be left out when the dataset has one group.
  --weights: categories not listed keep the dataset's default weight (the official weights
             where every category has one, else 1); `equal` gives every category weight 1.";

fn usage() -> &'static str {
    lang::pick(USAGE_VI, USAGE_EN)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
    Table,
}

pub fn run(args: Vec<OsString>) -> i32 {
    match run_inner(args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("xephang rank: {msg}\n{}", usage());
            2
        }
    }
}

fn run_inner(args: Vec<OsString>) -> Result<i32, String> {
    let mut file: Option<OsString> = None;
    let mut group: Option<String> = None;
    let mut weights: Option<String> = None;
    let mut options = Options::default();
    let mut format = Format::Csv;
    let mut parser = lexopt::Parser::from_args(args);
    while let Some(arg) = parser.next().map_err(lang::arg_error)? {
        match arg {
            Long("group") | Short('g') => group = Some(string(&mut parser)?),
            Long("weights") | Short('w') => weights = Some(string(&mut parser)?),
            Long("missing") => options.missing = parse_missing(&string(&mut parser)?)?,
            Long("aggregation") => options.aggregation = parse_aggregation(&string(&mut parser)?)?,
            Long("format") | Short('f') => {
                format = match string(&mut parser)?.as_str() {
                    "csv" => Format::Csv,
                    "json" => Format::Json,
                    "table" => Format::Table,
                    other => {
                        return Err(tr!(
                            "--format {other:?}: cần csv, json hoặc table",
                            "--format {other:?}: expected csv, json or table"
                        ))
                    }
                }
            }
            Long("help") | Short('h') => {
                println!("{}", usage());
                return Ok(0);
            }
            Value(v) if file.is_none() => file = Some(v),
            _ => return Err(lang::arg_error(arg.unexpected())),
        }
    }
    let (ds, group, w) = match open(file, group, weights.as_deref())? {
        Ok(opened) => opened,
        Err(code) => return Ok(code),
    };
    let ranking = score::rank_group(&ds, &group, &w, options).map_err(|p| lang::problem(&p))?;
    let text = match format {
        Format::Csv => csv_text(&ds, &ranking).map_err(|e| e.to_string())?,
        Format::Json => json_text(&ds, &group, &w, options, &ranking),
        Format::Table => table_text(&ds, &ranking),
    };
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = out.write_all(text.as_bytes());
    Ok(0)
}

/// The next option value as UTF-8.
pub(super) fn string(parser: &mut lexopt::Parser) -> Result<String, String> {
    parser
        .value()
        .map_err(lang::arg_error)?
        .into_string()
        .map_err(|v| {
            let v = v.to_string_lossy();
            tr!("{v:?} không phải UTF-8 hợp lệ", "{v:?} is not valid UTF-8")
        })
}

pub(super) fn parse_missing(s: &str) -> Result<MissingPolicy, String> {
    match s {
        "exclude" => Ok(MissingPolicy::Exclude),
        "renormalize" | "renormalise" => Ok(MissingPolicy::Renormalize),
        _ => Err(tr!(
            "--missing {s:?}: cần exclude hoặc renormalize",
            "--missing {s:?}: expected exclude or renormalize"
        )),
    }
}

pub(super) fn parse_aggregation(s: &str) -> Result<Aggregation, String> {
    match s {
        "arithmetic" => Ok(Aggregation::Arithmetic),
        "geometric" => Ok(Aggregation::Geometric),
        _ => Err(tr!(
            "--aggregation {s:?}: cần arithmetic hoặc geometric",
            "--aggregation {s:?}: expected arithmetic or geometric"
        )),
    }
}

/// A dataset with the group and the weights chosen on the command line.
pub(super) type Opened = (Dataset, String, Vec<f64>);

/// The dataset, group and weights a command's arguments name. `Ok(Err(code))` when the file
/// cannot be read or is invalid: its problems are already printed and `code` is the exit code.
pub(super) fn open(
    file: Option<OsString>,
    group: Option<String>,
    weights: Option<&str>,
) -> Result<Result<Opened, i32>, String> {
    let file =
        file.ok_or_else(|| lang::pick("cần một TỆP dữ liệu", "a dataset FILE is required"))?;
    let ds = match load(&file) {
        Ok(ds) => ds,
        Err(code) => return Ok(Err(code)),
    };
    let group = pick_group(&ds, group)?;
    let w = parse_weights(&ds, weights)?;
    Ok(Ok((ds, group, w)))
}

/// Reads and validates a dataset, printing `FILE: error: <path>: <message>` lines on failure
/// (in the language of the run). Returns the exit code (1) on failure.
pub(super) fn load(file: &OsString) -> Result<Dataset, i32> {
    let name = file.to_string_lossy();
    let error = lang::error();
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{name}: {error}: {}", cannot_read(&e));
            return Err(1);
        }
    };
    // With the rules the page leaves to the import (`validate::consistency`): the CLI checks a
    // file before it is published.
    validate::parse_consistent(&bytes).map_err(|problems| {
        for p in problems {
            eprintln!("{name}: {error}: {}", lang::problem(&p));
        }
        1
    })
}

/// Why a file cannot be read, for `FILE: error: …` (the system's own reason follows in
/// English only for kinds not named here).
pub(super) fn cannot_read(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if !lang::vi() {
        return format!("cannot read the file: {e}");
    }
    let why = match e.kind() {
        K::NotFound => "không có tệp này".to_string(),
        K::PermissionDenied => "không có quyền đọc".to_string(),
        K::IsADirectory => "đây là một thư mục".to_string(),
        _ => e.to_string(),
    };
    format!("không đọc được tệp: {why}")
}

/// The group to rank: the one named, or the only one.
pub(super) fn pick_group(ds: &Dataset, group: Option<String>) -> Result<String, String> {
    let ids: Vec<&str> = ds.groups.iter().map(|g| g.id.as_str()).collect();
    match group {
        Some(g) if ds.group(&g).is_some() => Ok(g),
        Some(g) => {
            let ids = ids.join(", ");
            Err(tr!(
                "--group {g:?} không phải một nhóm của bộ dữ liệu (các nhóm: {ids})",
                "--group {g:?} is not a group of the dataset (groups: {ids})"
            ))
        }
        None if ids.len() == 1 => Ok(ids[0].to_string()),
        None => {
            let ids = ids.join(", ");
            Err(tr!(
                "cần --group (các nhóm: {ids})",
                "--group is required (groups: {ids})"
            ))
        }
    }
}

/// Reads `--weights`: `equal`, `official` (the default), or `id=w,…` over category ids, where
/// unlisted categories keep their default weight.
pub(super) fn parse_weights(ds: &Dataset, spec: Option<&str>) -> Result<Vec<f64>, String> {
    let mut w = ds.default_weights();
    let Some(spec) = spec else { return Ok(w) };
    match spec.trim() {
        "official" | "default" => return Ok(w),
        "equal" => return Ok(vec![1.0; ds.categories.len()]),
        _ => {}
    }
    let ids: Vec<&str> = ds.categories.iter().map(|c| c.id.as_str()).collect();
    let mut seen = vec![false; ids.len()];
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (id, value) = part.split_once('=').ok_or_else(|| {
            tr!(
                "--weights: {part:?} không có dạng id=trọng_số",
                "--weights: {part:?} is not id=weight"
            )
        })?;
        let (id, value) = (id.trim(), value.trim());
        let i = ids.iter().position(|c| *c == id).ok_or_else(|| {
            let ids = ids.join(", ");
            tr!(
                "--weights: {id:?} không phải một hạng mục (các hạng mục: {ids})",
                "--weights: {id:?} is not a category (categories: {ids})"
            )
        })?;
        if seen[i] {
            return Err(tr!(
                "--weights: {id:?} được ghi hai lần",
                "--weights: {id:?} is given twice"
            ));
        }
        seen[i] = true;
        let x: f64 = value.parse().map_err(|_| {
            tr!(
                "--weights: {value:?} của {id} không phải một số",
                "--weights: {value:?} for {id} is not a number"
            )
        })?;
        if !x.is_finite() || x < 0.0 {
            return Err(tr!(
                "--weights: {id}={value} không phải một trọng số (cần một số ≥ 0)",
                "--weights: {id}={value} is not a weight (expected a number ≥ 0)"
            ));
        }
        w[i] = x;
    }
    score::normalize_weights(&w).map_err(|p| format!("--weights: {}", lang::text(&p.message)))?;
    Ok(w)
}

/// A score as the publisher prints it: rounded to the dataset's precision as the ranking rounds
/// it ([`score::decimal`]), so tied scores print alike and untied ones do not.
fn fmt_score(ds: &Dataset, s: f64) -> String {
    score::decimal(s, ds.precision.min(12) as usize, '.')
}

fn fmt_value(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn missing_ids(ds: &Dataset, missing: &[usize]) -> String {
    missing
        .iter()
        .filter_map(|&c| ds.categories.get(c).map(|c| c.id.as_str()))
        .collect::<Vec<_>>()
        .join(";")
}

fn csv_text(ds: &Dataset, r: &Ranking) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = vec!["rank", "id", "name", "score"];
    header.extend(ds.categories.iter().map(|c| c.id.as_str()));
    header.extend(["official_rank", "missing"]);
    w.write_record(&header)?;
    let values = |unit: usize| {
        let u = &ds.units[unit];
        ds.categories
            .iter()
            .map(|c| fmt_value(u.score(&c.id)))
            .collect::<Vec<_>>()
    };
    for x in &r.ranked {
        let u = &ds.units[x.unit];
        let mut row = vec![
            x.rank.to_string(),
            u.id.clone(),
            u.name.clone(),
            fmt_score(ds, x.score),
        ];
        row.extend(values(x.unit));
        row.push(u.official.rank.map(|r| r.to_string()).unwrap_or_default());
        row.push(String::new());
        w.write_record(&row)?;
    }
    for x in &r.not_ranked {
        let u = &ds.units[x.unit];
        let mut row = vec![String::new(), u.id.clone(), u.name.clone(), String::new()];
        row.extend(values(x.unit));
        row.push(u.official.rank.map(|r| r.to_string()).unwrap_or_default());
        row.push(missing_ids(ds, &x.missing));
        w.write_record(&row)?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn json_text(ds: &Dataset, group: &str, w: &[f64], opts: Options, r: &Ranking) -> String {
    use serde_json::{json, Map, Value};
    let norm = score::normalize_weights(w).unwrap_or_else(|_| w.to_vec());
    let weights: Map<String, Value> = ds
        .categories
        .iter()
        .zip(&norm)
        .map(|(c, x)| (c.id.clone(), json!(x)))
        .collect();
    let scores = |unit: usize| -> Map<String, Value> {
        ds.categories
            .iter()
            .map(|c| (c.id.clone(), json!(ds.units[unit].score(&c.id))))
            .collect()
    };
    let ranked: Vec<Value> = r
        .ranked
        .iter()
        .map(|x| {
            let u = &ds.units[x.unit];
            json!({"rank": x.rank, "id": u.id, "name": u.name, "score": x.score,
                   "scores": scores(x.unit), "official_rank": u.official.rank})
        })
        .collect();
    let not_ranked: Vec<Value> = r
        .not_ranked
        .iter()
        .map(|x| {
            let u = &ds.units[x.unit];
            let missing: Vec<&str> = x
                .missing
                .iter()
                .filter_map(|&c| ds.categories.get(c).map(|c| c.id.as_str()))
                .collect();
            json!({"id": u.id, "name": u.name, "missing": missing, "scores": scores(x.unit),
                   "official_rank": u.official.rank})
        })
        .collect();
    let doc = json!({
        "dataset": ds.id,
        "edition": ds.edition,
        "group": group,
        "precision": ds.precision,
        "weights": weights,
        "aggregation": match opts.aggregation { Aggregation::Arithmetic => "arithmetic", Aggregation::Geometric => "geometric" },
        "missing": match opts.missing { MissingPolicy::Exclude => "exclude", MissingPolicy::Renormalize => "renormalize" },
        "ranked": ranked,
        "not_ranked": not_ranked,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// How many columns a text takes in a terminal: its characters less the combining marks, which
/// a name in decomposed form (NFD, "Huế" as e + two marks) has and which take no column.
pub(super) fn width(s: &str) -> usize {
    s.chars()
        .filter(|c| !matches!(*c as u32, 0x300..=0x36f | 0x1dc0..=0x1dff | 0x20d0..=0x20ff))
        .count()
}

/// Pads `s` to `width` columns (Vietnamese names are counted in characters, not bytes).
pub(super) fn pad(s: &str, width: usize, right: bool) -> String {
    let n = self::width(s);
    let fill = " ".repeat(width.saturating_sub(n));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// The table for people: headings and decimal separator in the language of the run
/// (`0,929` in Vietnamese, as the official reports print it).
fn table_text(ds: &Dataset, r: &Ranking) -> String {
    let point = if lang::vi() { ',' } else { '.' };
    let score = |x: f64| score::decimal(x, ds.precision.min(12) as usize, point);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut header: Vec<String> = if lang::vi() {
        vec!["hạng".into(), "tên".into(), "điểm".into()]
    } else {
        vec!["rank".into(), "name".into(), "score".into()]
    };
    header.extend(ds.categories.iter().map(|c| c.id.clone()));
    header.push(lang::pick("chính thức", "official").into());
    rows.push(header);
    let values = |unit: usize| -> Vec<String> {
        ds.categories
            .iter()
            .map(|c| {
                ds.units[unit]
                    .score(&c.id)
                    .map(score)
                    .unwrap_or_else(|| "—".into())
            })
            .collect()
    };
    for x in &r.ranked {
        let u = &ds.units[x.unit];
        let mut row = vec![x.rank.to_string(), u.name.clone(), score(x.score)];
        row.extend(values(x.unit));
        row.push(u.official.rank.map(|r| r.to_string()).unwrap_or_default());
        rows.push(row);
    }
    for x in &r.not_ranked {
        let u = &ds.units[x.unit];
        let mut row = vec!["—".into(), u.name.clone(), "—".into()];
        row.extend(values(x.unit));
        row.push(u.official.rank.map(|r| r.to_string()).unwrap_or_default());
        rows.push(row);
    }
    let cols = rows[0].len();
    let widths: Vec<usize> = (0..cols)
        .map(|c| rows.iter().map(|r| width(&r[c])).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, s)| pad(s, widths[c], c != 1))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    if !r.not_ranked.is_empty() {
        out.push_str(lang::pick(
            "\nkhông xếp hạng (thiếu một hạng mục có trọng số):\n",
            "\nnot ranked (missing a weighted category):\n",
        ));
        for x in &r.not_ranked {
            out.push_str(&format!(
                "  {}: {}\n",
                ds.units[x.unit].name,
                missing_ids(ds, &x.missing)
            ));
        }
    }
    out
}
