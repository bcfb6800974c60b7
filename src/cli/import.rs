//! `xephang import TABLE.csv --meta META.json -o OUT.json`: turns a spreadsheet table into a
//! dataset, so a newsroom holding the official report can publish the full tables.
//!
//! The table has one row per unit and a header row. Columns are recognised by their header
//! (compared without accents or case):
//! - `id`: the unit id (else a slug of the name);
//! - `name`, `unit`, `đơn vị`, `tên`: the unit name (else the first column is the name);
//! - `group`, `nhóm`: the group id (else META.json must declare exactly one group);
//! - `rank`, `official_rank`, `xếp hạng`: the official rank; `index`, `official_index`,
//!   `chỉ số`: the official overall index;
//! - the headers the browser's import knows (`Tỉnh`, `Hạng`, `Chỉ số DTI năm 2024`), and the
//!   columns it leaves out (`STT`, `Ghi chú`, `Nguồn`), unless META.json names a category so;
//! - every other column must be a category of META.json, by id or by Vietnamese or English name.
//!
//! With `--units units.json`, a name the units registry knows gets the registry's id ("TP. Hà
//! Nội" is `ha-noi`), so a table lines up with the bundled editions and two spellings of one
//! unit are a duplicate. A total or an average row is refused, as the browser's import refuses it.
//!
//! Cells: empty, `-`, `—`, `n/a` mean "not published"; a decimal comma is accepted (`0,633`),
//! as is a percentage (`63,3%`). The delimiter is tab, `;` or `,`, whichever every line uses
//! outside quotes (a table with decimal commas is usually `;`-separated). META.json holds every dataset field except `units`; each unit cites
//! all its sources.
//!
//! The result is validated by the engine, exactly as `check` would, and nothing is written when
//! it is invalid: problems in the table are reported by row and column
//! (`TABLE.csv: error: row 5, column 3 ("portal"): -0.2 is outside 0..1`), others by JSON path.
//! In Vietnamese (`--lang vi`): `TABLE.csv: lỗi: dòng 5, cột 3 ("portal"): …`.

use super::lang::{self, tr};
use super::rank::{cannot_read, string};
use crate::engine::collate;
use crate::engine::registry::Registry;
use crate::engine::table::{self, Issue, Role};
use crate::engine::validate::{self, Problem};
use lexopt::prelude::*;
use serde_json::{json, Map, Value as Json};
use std::ffi::OsString;

fn usage() -> &'static str {
    lang::pick(
        "cách dùng: xephang import BẢNG.csv --meta META.json -o RA.json [--units units.json]\n\
         META.json: mọi trường của bộ dữ liệu trừ `units`; --units: danh mục đơn vị (public/data/units.json), để mỗi tên mang mã của danh mục",
        "usage: xephang import TABLE.csv --meta META.json -o OUT.json [--units units.json]\n\
         META.json: every dataset field but `units`; --units: the units registry (public/data/units.json), to give each name the registry's id",
    )
}

pub fn run(args: Vec<OsString>) -> i32 {
    match run_inner(args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("xephang import: {msg}\n{}", usage());
            2
        }
    }
}

/// What a table column holds.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Column {
    Id,
    Name,
    Group,
    Rank,
    Index,
    Category(usize),
    /// A column the browser's import leaves out too (a row counter, notes, sources).
    Skip,
}

fn run_inner(args: Vec<OsString>) -> Result<i32, String> {
    let mut table = None;
    let mut meta = None;
    let mut units = None;
    let mut out = None;
    let mut parser = lexopt::Parser::from_args(args);
    while let Some(arg) = parser.next().map_err(lang::arg_error)? {
        match arg {
            Long("meta") | Short('m') => meta = Some(string(&mut parser)?),
            Long("units") | Short('u') => units = Some(string(&mut parser)?),
            Long("output") | Short('o') => out = Some(string(&mut parser)?),
            Long("help") | Short('h') => {
                println!("{}", usage());
                return Ok(0);
            }
            Value(v) if table.is_none() => {
                table = Some(v.into_string().map_err(|v| {
                    let v = v.to_string_lossy();
                    tr!("{v:?} không phải UTF-8", "{v:?} is not UTF-8")
                })?)
            }
            _ => return Err(lang::arg_error(arg.unexpected())),
        }
    }
    let table = table.ok_or_else(|| lang::pick("cần một BẢNG.csv", "a TABLE.csv is required"))?;
    let meta =
        meta.ok_or_else(|| lang::pick("cần --meta META.json", "--meta META.json is required"))?;
    let out = out.ok_or_else(|| lang::pick("cần -o RA.json", "-o OUT.json is required"))?;

    let error = lang::error();
    let read = |path: &str| {
        std::fs::read(path).map_err(|e| {
            eprintln!("{path}: {error}: {}", cannot_read(&e));
        })
    };
    let (Ok(table_bytes), Ok(meta_bytes)) = (read(&table), read(&meta)) else {
        return Ok(1);
    };
    // The units registry (public/data/units.json): names matched to its ids, as the browser's
    // import matches them ("TP. Hà Nội" is `ha-noi`, as in every bundled edition).
    let registry = match &units {
        None => None,
        Some(path) => {
            let Ok(bytes) = read(path) else { return Ok(1) };
            let parsed = serde_json::from_slice(&bytes)
                .map_err(|e| lang::problem(&validate::syntax_problem(&e)))
                .and_then(|v| crate::engine::read::registry(&v).map_err(|p| lang::problem(&p)));
            match parsed {
                Ok(r) => Some(r),
                Err(m) => {
                    eprintln!("{path}: {error}: {m}");
                    return Ok(1);
                }
            }
        }
    };
    match build(&table_bytes, &meta_bytes, registry.as_ref()) {
        Ok(text) => {
            if let Err(e) = std::fs::write(&out, text.as_bytes()) {
                eprintln!(
                    "{out}: {error}: {}",
                    tr!("không ghi được tệp: {e}", "cannot write the file: {e}")
                );
                return Ok(1);
            }
            println!("{}", tr!("{out}: đã ghi", "{out}: written"));
            Ok(0)
        }
        Err(errors) => {
            for e in errors {
                match e {
                    ImportError::Table(m) => eprintln!("{table}: {error}: {m}"),
                    ImportError::Meta(m) => eprintln!("{meta}: {error}: {m}"),
                }
            }
            eprintln!(
                "{}",
                tr!("không ghi gì vào {out}", "nothing was written to {out}")
            );
            Ok(1)
        }
    }
}

/// A problem found while importing, by the file it is in.
#[derive(Debug, PartialEq)]
enum ImportError {
    Table(String),
    Meta(String),
}

/// Builds the dataset JSON text from the table and META.json, or every problem found.
fn build(
    table: &[u8],
    meta: &[u8],
    registry: Option<&Registry>,
) -> Result<String, Vec<ImportError>> {
    use ImportError::{Meta, Table};
    let meta: Json = serde_json::from_slice(meta)
        .map_err(|e| vec![Meta(lang::problem(&validate::syntax_problem(&e)))])?;
    let Json::Object(mut meta) = meta else {
        return Err(vec![Meta(
            lang::pick("cần một đối tượng JSON", "expected a JSON object").into(),
        )]);
    };
    if meta.contains_key("units") {
        return Err(vec![Meta(
            lang::pick(
                "units: các đơn vị lấy từ bảng; hãy bỏ trường này",
                "units: the units come from the table; remove this field",
            )
            .into(),
        )]);
    }
    let categories = meta_list(&meta, "categories");
    let groups: Vec<String> = meta_list(&meta, "groups")
        .iter()
        .filter_map(|g| g.get("id")?.as_str().map(String::from))
        .collect();
    let sources: Vec<Json> = meta_list(&meta, "sources")
        .iter()
        .filter_map(|s| s.get("id").cloned())
        .collect();

    // Excel's "Unicode Text" is UTF-16 (its byte-order mark first): said as the browser's
    // import says it, with the way out, rather than as binary bytes.
    if table.starts_with(&[0xff, 0xfe]) || table.starts_with(&[0xfe, 0xff]) {
        return Err(vec![Table(
            lang::pick(
                "tệp ở mã UTF-16 (Excel gọi là “Unicode Text”), không phải UTF-8: trong Excel hãy lưu dưới dạng “CSV UTF-8 (Comma delimited)”",
                "the file is in UTF-16 (Excel's “Unicode Text”), not UTF-8: in Excel save it as “CSV UTF-8 (Comma delimited)”",
            )
            .into(),
        )]);
    }
    // A PNG, a UTF-16 text without its mark: NUL bytes, which no UTF-8 table has.
    if table.contains(&0) {
        return Err(vec![Table(lang::text(&Issue::NotText.text()).into())]);
    }
    let text = std::str::from_utf8(table).map_err(|e| {
        let at = e.valid_up_to();
        vec![Table(tr!(
            "không phải văn bản UTF-8 (byte {at} sai; hãy lưu bảng dạng CSV UTF-8)",
            "not UTF-8 text (invalid byte at {at}; save the table as CSV UTF-8)"
        ))]
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![Table(lang::text(&Issue::Empty.text()).into())]);
    }
    // What the browser's import says of the whole table, said here too, of the table (not of
    // META.json, which the dataset's "no units" would blame): a quote never closed, values
    // beyond the header (a decimal comma in a comma-separated file), a table the reader fails on.
    if let Err(p) = table::parse(text) {
        if matches!(
            p.issue,
            Issue::UnclosedQuote | Issue::BeyondHeader { .. } | Issue::Unreadable { .. }
        ) {
            return Err(vec![Table(p.describe(!lang::vi()))]);
        }
    }
    // The app's CSV export heads its table with "# …" lines (what it is, its weights): skipped,
    // as the browser's import skips them; rows keep their line numbers in the file.
    let mut text = text;
    let mut skipped = 0;
    while text.starts_with("# ") {
        text = text.split_once('\n').map_or("", |(_, rest)| rest);
        skipped += 1;
    }
    // The same detection as the browser's paste import (quotes respected, tab > ; > ,).
    let delimiter = crate::engine::table::detect_delimiter(text);
    let (text, titles) = skip_title_lines(text, delimiter);
    skipped += titles;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| {
            vec![Table(tr!(
                "không đọc được dòng tiêu đề: {e}",
                "cannot read the header: {e}"
            ))]
        })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();

    // Recognise the columns. A header names a category of META.json by its id or either name
    // (compared folded: without accents, case or punctuation).
    let category_of = |key: &str| {
        categories.iter().position(|cat| {
            [
                cat.get("id"),
                cat.pointer("/name/vi"),
                cat.pointer("/name/en"),
            ]
            .iter()
            .any(|v| {
                v.and_then(Json::as_str)
                    .is_some_and(|s| collate::fold(s) == key)
            })
        })
    };
    let mut problems = Vec::new();
    let mut columns: Vec<Column> = Vec::new();
    for (c, h) in header.iter().enumerate() {
        let key = collate::fold(h);
        let key = key.as_str();
        let category = category_of(key);
        let col = match key {
            "id" => Some(Column::Id),
            "name" | "unit" | "don vi" | "ten" | "ten don vi" => Some(Column::Name),
            "group" | "nhom" => Some(Column::Group),
            "rank" | "official_rank" | "official rank" | "xep hang" => Some(Column::Rank),
            "index" | "official_index" | "official index" | "chi so" => Some(Column::Index),
            // The headers the browser's import knows ("Tỉnh", "Hạng", "Chỉ số DTI năm 2024",
            // "STT", "Ghi chú"), unless META.json names a category so.
            _ => match (category, table::field_role(h)) {
                (None, Some(Role::Name)) => Some(Column::Name),
                (None, Some(Role::Rank)) => Some(Column::Rank),
                (None, Some(Role::Index)) => Some(Column::Index),
                (None, Some(_)) => Some(Column::Skip),
                (k, _) => k.map(Column::Category),
            },
        };
        match col {
            Some(col) if col != Column::Skip && columns.contains(&col) => {
                let c = c + 1;
                problems.push(Table(tr!(
                    "cột {c} ({h:?}): cột thứ hai cho cùng một trường",
                    "column {c} ({h:?}): a second column for the same field"
                )))
            }
            Some(col) => columns.push(col),
            // An unlabelled first column is the unit name.
            None if c == 0 && !header.is_empty() => columns.push(Column::Name),
            None => {
                let ids: Vec<&str> = categories
                    .iter()
                    .filter_map(|c| c.get("id")?.as_str())
                    .collect();
                let (c, ids) = (c + 1, ids.join(", "));
                problems.push(Table(tr!(
                    "cột {c} ({h:?}): không phải mã hay tên của một hạng mục trong META.json (các hạng mục: {ids})",
                    "column {c} ({h:?}): not a category id or name in META.json (categories: {ids})"
                )));
                columns.push(Column::Name); // placeholder, never used: we stop below
            }
        }
    }
    if !columns.contains(&Column::Name) && !columns.contains(&Column::Id) {
        problems.push(Table(
            lang::pick(
                "không cột nào chứa tên đơn vị",
                "no column holds the unit name",
            )
            .into(),
        ));
    }
    if !columns.contains(&Column::Group) && groups.len() != 1 {
        let n = groups.len();
        problems.push(Table(tr!(
            "không có cột `group`, mà META.json khai báo {n} nhóm (chỉ bỏ được cột này khi có đúng một nhóm)",
            "no `group` column, and META.json declares {n} groups (one is needed to go without)"
        )));
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    // Read the rows.
    let mut units = Vec::new();
    let mut unit_rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let row = e.position().map_or(i + 2, |p| p.line() as usize) + skipped;
                problems.push(Table(tr!("dòng {row}: {e}", "row {row}: {e}")));
                continue;
            }
        };
        // The line the row begins on (a quoted cell may span lines).
        let row = record.position().map_or(i + 2, |p| p.line() as usize) + skipped;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut unit = Map::new();
        let mut scores = Map::new();
        let mut official = Map::new();
        official.insert("index".into(), Json::Null);
        official.insert("rank".into(), Json::Null);
        for (c, cell) in record.iter().enumerate() {
            let cell = cell.trim();
            let at = || cell_at(row, c, header.get(c).map(String::as_str));
            let Some(col) = columns.get(c) else {
                if !cell.is_empty() {
                    let beyond = lang::pick(
                        "một giá trị nằm ngoài các cột của dòng tiêu đề",
                        "a value beyond the header",
                    );
                    problems.push(Table(format!("{}: {beyond}", cell_at(row, c, None))));
                }
                continue;
            };
            match col {
                Column::Id => {
                    unit.insert("id".into(), json!(cell));
                }
                Column::Name => {
                    unit.insert("name".into(), json!(cell));
                }
                Column::Group => {
                    unit.insert("group".into(), json!(cell));
                }
                Column::Skip => {}
                Column::Category(k) => {
                    let id = categories[*k].get("id").cloned().unwrap_or(Json::Null);
                    let id = id.as_str().unwrap_or_default().to_string();
                    match number(cell) {
                        Ok(v) => {
                            scores.insert(id, v.map_or(Json::Null, |x| json!(x)));
                        }
                        Err(m) => problems.push(Table(format!("{}: {m}", at()))),
                    }
                }
                Column::Index => match number(cell) {
                    Ok(v) => {
                        official.insert("index".into(), v.map_or(Json::Null, |x| json!(x)));
                    }
                    Err(m) => problems.push(Table(format!("{}: {m}", at()))),
                },
                Column::Rank => match number(cell) {
                    Ok(None) => {}
                    Ok(Some(x)) if x.fract() == 0.0 && (1.0..=1e6).contains(&x) => {
                        official.insert("rank".into(), json!(x as u32));
                    }
                    Ok(Some(_)) | Err(_) => {
                        let at = at();
                        problems.push(Table(tr!(
                            "{at}: {cell:?} không phải một thứ hạng (số nguyên từ 1)",
                            "{at}: {cell:?} is not a rank (a whole number from 1)"
                        )))
                    }
                },
            }
        }
        let name = unit
            .get("name")
            .and_then(Json::as_str)
            .unwrap_or("")
            .to_string();
        // A total or an average kept as a unit took a place among the units (the browser's
        // import refuses it too).
        if table::is_summary_name(&name) {
            let c = columns.iter().position(|c| *c == Column::Name).unwrap_or(0);
            let at = cell_at(row, c, header.get(c).map(String::as_str));
            let issue = Issue::SummaryRow { name: name.clone() };
            problems.push(Table(format!("{at}: {}", lang::text(&issue.text()))));
        }
        if !unit.contains_key("id") {
            // A name that makes no id ("***") gets its row's, as in the browser's import.
            let id = collate::slug(&name);
            let id = if id.is_empty() {
                format!("row-{row}")
            } else {
                id
            };
            unit.insert("id".into(), json!(id));
        }
        if !unit.contains_key("name") {
            let id = unit.get("id").cloned().unwrap_or(Json::Null);
            unit.insert("name".into(), id);
        }
        if !unit.contains_key("group") {
            if let Some(g) = groups.first() {
                unit.insert("group".into(), json!(g));
            }
        }
        unit.insert("scores".into(), Json::Object(scores));
        unit.insert("official".into(), Json::Object(official));
        unit.insert("sources".into(), Json::Array(sources.clone()));
        units.push(Json::Object(unit));
        unit_rows.push(row);
    }
    // Ids from the registry where a name matches one (a table with its own ids keeps them).
    if let Some(reg) = registry.filter(|_| !columns.contains(&Column::Id)) {
        let edition = meta.get("edition").and_then(Json::as_i64).unwrap_or(2024) as i32;
        let names: Vec<String> = units
            .iter()
            .map(|u| {
                u.get("name")
                    .and_then(Json::as_str)
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        for (u, id) in units.iter_mut().zip(reg.match_names(&names, edition)) {
            if let (Some(id), Json::Object(u)) = (id, u) {
                u.insert("id".into(), json!(id));
            }
        }
    }
    if units.is_empty() && problems.is_empty() {
        problems.push(Table(
            lang::text(&crate::engine::table::Issue::NoDataRows.text()).into(),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    meta.insert("units".into(), Json::Array(units));
    let bytes = serde_json::to_vec(&Json::Object(meta)).unwrap_or_default();
    match validate::parse_consistent(&bytes) {
        Ok(mut ds) => {
            ds.coverage = ds.compute_coverage();
            let mut s = serde_json::to_string_pretty(&ds).unwrap_or_default();
            s.push('\n');
            Ok(s)
        }
        Err(ps) => Err(ps
            .into_iter()
            .map(|p| locate(&p, &unit_rows, &header, &columns, &categories))
            .collect()),
    }
}

/// The array at `key` of META.json, or nothing.
fn meta_list(meta: &Map<String, Json>, key: &str) -> Vec<Json> {
    meta.get(key)
        .and_then(Json::as_array)
        .cloned()
        .unwrap_or_default()
}

/// A cell as a number: `None` for "not published", decimal commas accepted.
fn number(cell: &str) -> Result<Option<f64>, String> {
    let c = cell.trim();
    // The blanks the browser's import knows ("-", "n/a", "x", "…").
    if table::is_blank(c) {
        return Ok(None);
    }
    // The browser's paste import reads numbers the same way (decimal comma or point, "93,4%").
    match crate::engine::table::parse_number(c) {
        Some(x) => Ok(Some(x)),
        None => Err(tr!("{c:?} không phải một số", "{c:?} is not a number")),
    }
}

/// Skips the title lines above the header ("Bảng 2. Kết quả DTI 2024"), as the browser's
/// import does (`table::parse`): a line of one filled cell over a line of several, none a
/// number. Read as the header, a title made every row a value beyond it. Returns the text from
/// the header on and the number of lines skipped.
fn skip_title_lines(mut text: &str, delimiter: u8) -> (&str, usize) {
    let filled = |r: &csv::StringRecord| r.iter().filter(|c| !c.trim().is_empty()).count();
    let mut skipped = 0;
    loop {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        // Blank lines (";;;", a spreadsheet's empty row) between the title and the header are
        // passed over, as the browser's import passes them.
        let mut records = reader
            .records()
            .filter(|r| r.as_ref().map_or(true, |r| filled(r) > 0));
        let (Some(Ok(first)), Some(Ok(second))) = (records.next(), records.next()) else {
            break;
        };
        let titles = filled(&second) >= 2
            && second
                .iter()
                .all(|c| c.trim().is_empty() || table::parse_number(c.trim()).is_none());
        let Some(at) = second.position().filter(|_| filled(&first) <= 1 && titles) else {
            break;
        };
        let Some(rest) = text.get(at.byte() as usize..) else {
            break;
        };
        skipped += at.line() as usize - 1;
        text = rest;
    }
    (text, skipped)
}

/// `row R, column C ("header")` in the language of the run (1-based, as a spreadsheet shows).
fn cell_at(row: usize, c: usize, header: Option<&str>) -> String {
    let c = c + 1;
    match header {
        Some(h) => tr!(
            "dòng {row}, cột {c} ({h:?})",
            "row {row}, column {c} ({h:?})"
        ),
        None => tr!("dòng {row}, cột {c}", "row {row}, column {c}"),
    }
}

/// Turns an engine problem about `units[i]…` into a row/column in the table; others stay in
/// META.json with their path.
fn locate(
    p: &Problem,
    unit_rows: &[usize],
    header: &[String],
    columns: &[Column],
    categories: &[Json],
) -> ImportError {
    let Some(rest) = p.path.strip_prefix("units[") else {
        return ImportError::Meta(lang::problem(p));
    };
    let Some((index, field)) = rest.split_once(']') else {
        return ImportError::Meta(lang::problem(p));
    };
    let Some(&row) = index.parse::<usize>().ok().and_then(|i| unit_rows.get(i)) else {
        return ImportError::Meta(lang::problem(p));
    };
    let field = field.trim_start_matches('.');
    let column = if let Some(cat) = field.strip_prefix("scores.") {
        categories
            .iter()
            .position(|c| c.get("id").and_then(Json::as_str) == Some(cat))
            .and_then(|k| columns.iter().position(|c| *c == Column::Category(k)))
    } else {
        let want = match field {
            "id" => Some(Column::Id),
            "name" => Some(Column::Name),
            "group" => Some(Column::Group),
            "official.rank" => Some(Column::Rank),
            "official.index" => Some(Column::Index),
            _ => None,
        };
        let at = |w: Column| columns.iter().position(|c| *c == w);
        // An id made from the name (or matched to the registry by it) is the name's column.
        match want {
            Some(Column::Id) => at(Column::Id).or_else(|| at(Column::Name)),
            w => w.and_then(at),
        }
    };
    let message = lang::text(&p.message);
    match column {
        Some(c) => ImportError::Table(format!(
            "{}: {message}",
            cell_at(row, c, header.get(c).map(String::as_str))
        )),
        None => {
            let path = &p.path;
            ImportError::Table(tr!(
                "dòng {row} ({path}): {message}",
                "row {row} ({path}): {message}"
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// META.json shared with the command-line tests in tests/cli.rs.
    const META: &str = include_str!("../../tests/fixtures/import-meta.json");

    #[test]
    fn builds_a_valid_dataset_with_decimal_commas_and_names() {
        let table = "Đơn vị;Hạ tầng;Portal;Xếp hạng\nĐà Nẵng;0,9;0,8;1\nHà Nội;0,7;;2\n";
        let text = build(table.as_bytes(), META.as_bytes(), None).unwrap();
        let ds = validate::parse_dataset(text.as_bytes()).unwrap();
        assert_eq!(ds.units.len(), 2);
        assert_eq!(ds.units[0].id, collate::slug("Đà Nẵng"));
        assert_eq!(ds.units[0].score("infra"), Some(0.9));
        assert_eq!(ds.units[1].score("portal"), None);
        assert_eq!(ds.units[1].official.rank, Some(2));
        assert_eq!(ds.units[0].group, "provinces");
    }

    #[test]
    fn a_title_line_a_name_without_an_id_a_utf16_file_and_a_rank_against_the_index() {
        // A title line above the header is skipped, and the rows keep their lines in the file:
        // read as the header, it made every value "beyond the header".
        let table = "Bảng 2. Kết quả 2024\n;;\nĐơn vị;Hạ tầng;Portal\n***;0,9;0,8\nHuế;0,x;0,1\n";
        let errs = build(table.as_bytes(), META.as_bytes(), None).unwrap_err();
        assert_eq!(
            errs,
            vec![ImportError::Table(
                "row 5, column 2 (\"Hạ tầng\"): \"0,x\" is not a number".into()
            )]
        );
        // A name of punctuation alone gets its row's id, not "must be 1 to 200 characters".
        let ok = table.replace("0,x", "0,5");
        let text = build(ok.as_bytes(), META.as_bytes(), None).unwrap();
        let ds = validate::parse_dataset(text.as_bytes()).unwrap();
        assert_eq!(ds.units[0].id, "row-4");
        // Excel's "Unicode Text" (UTF-16, its byte-order mark first) is named.
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(ok.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let errs = build(&utf16, META.as_bytes(), None).unwrap_err();
        assert!(
            matches!(&errs[0], ImportError::Table(m) if m.contains("UTF-16")),
            "{errs:?}"
        );
        // A rank column that contradicts the index is refused, on its row.
        let table = "Đơn vị;Hạ tầng;Xếp hạng;Chỉ số\nĐà Nẵng;0,9;2;0,9\nHà Nội;0,7;1;0,7\n";
        let errs = build(table.as_bytes(), META.as_bytes(), None).unwrap_err();
        assert!(
            matches!(&errs[0], ImportError::Table(m) if m.starts_with("row 2, column 3 (\"Xếp hạng\"): rank 2 with the index 0.9")),
            "{errs:?}"
        );
    }

    #[test]
    fn problems_point_at_rows_and_columns() {
        let table = "id,name,infra,portal\na,A,0.5,1.5\nb,B,0.7x,0.2\n";
        let errs = build(table.as_bytes(), META.as_bytes(), None).unwrap_err();
        assert_eq!(
            errs,
            vec![ImportError::Table(
                "row 3, column 3 (\"infra\"): \"0.7x\" is not a number".into()
            )]
        );
        let table = "id,name,infra,portal\na,A,0.5,1.5\n";
        let errs = build(table.as_bytes(), META.as_bytes(), None).unwrap_err();
        assert!(
            matches!(&errs[0], ImportError::Table(m) if m.starts_with("row 2, column 4 (\"portal\"): ")),
            "{errs:?}"
        );
        let table = "name,infra,colour\nA,0.5,red\n";
        let errs = build(table.as_bytes(), META.as_bytes(), None).unwrap_err();
        assert!(matches!(&errs[0], ImportError::Table(m) if m.contains("column 3 (\"colour\")")));
    }

    #[test]
    fn meta_problems_keep_their_path() {
        let meta = META.replace("\"precision\": 3", "\"precision\": 3, \"units\": []");
        assert!(build(b"name,infra\nA,0.5\n", meta.as_bytes(), None).is_err());
        let meta = META.replace("xephang-dataset/1", "other/2");
        let errs = build(b"name,infra\nA,0.5\n", meta.as_bytes(), None).unwrap_err();
        assert!(matches!(&errs[0], ImportError::Meta(m) if m.starts_with("format: ")));
        assert!(build(b"name,infra\nA,0.5\n", b"[1]", None).is_err());
        assert!(build(b"\xff\xfe", META.as_bytes(), None).is_err());
    }

    #[test]
    fn whole_table_problems_are_the_table_s() {
        // A header alone, a quote never closed, a decimal comma between comma-separated columns:
        // each blamed on the table, with its cause.
        for (table, want) in [
            ("name,infra\n", "header row and nothing under it"),
            ("name\tinfra\n\"A\t0.5\nB\t0.4\n", "never closed"),
            (
                "name,infra\nA,0,5\n",
                "decimal commas (0,93) were probably read",
            ),
        ] {
            let errs = build(table.as_bytes(), META.as_bytes(), None).unwrap_err();
            assert!(
                matches!(&errs[..], [ImportError::Table(m)] if m.contains(want)),
                "{table:?}: {errs:?}"
            );
        }
    }

    #[test]
    fn reads_the_headers_and_blanks_the_browser_s_import_reads_and_refuses_summary_rows() {
        // A row counter first, "Tỉnh", "Hạng", notes: before, STT was taken for the names and
        // "Tỉnh" refused as "not a category".
        let table = "STT;Tỉnh;Hạ tầng;Hạng năm 2019;Ghi chú\n1;Đà Nẵng;0,9;1;x\n2;Huế;…;2;\n";
        let ds = validate::parse_dataset(
            build(table.as_bytes(), META.as_bytes(), None)
                .unwrap()
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(ds.units[0].name, "Đà Nẵng");
        assert_eq!(ds.units[1].score("infra"), None);
        assert_eq!(ds.units[1].official.rank, Some(2));
        // A total kept as a unit took a place among them.
        let table = "Tỉnh;Hạ tầng\nĐà Nẵng;0,9\nTrung bình cả nước;0,5\n";
        let errs = build(table.as_bytes(), META.as_bytes(), None).unwrap_err();
        assert!(
            matches!(&errs[..], [ImportError::Table(m)] if m.starts_with("row 3, column 1 (\"Tỉnh\"): \"Trung bình cả nước\" looks like a summary")),
            "{errs:?}"
        );
        // An empty file, a binary one: said so.
        let errs = build(b"\n \n", META.as_bytes(), None).unwrap_err();
        assert!(matches!(&errs[..], [ImportError::Table(m)] if m.starts_with("Nothing to read")));
        let errs = build(b"\x89PNG\r\n\x1a\n\0\0", META.as_bytes(), None).unwrap_err();
        assert!(
            matches!(&errs[..], [ImportError::Table(m)] if m.starts_with("This is not a text table"))
        );
    }

    #[test]
    fn names_are_matched_to_the_registry_and_its_duplicates_found() {
        let reg = crate::engine::read::registry(
            &serde_json::from_str(include_str!("../../public/data/units.json")).unwrap(),
        )
        .unwrap();
        let table = "Tỉnh;Hạ tầng\nTP. Hà Nội;0,9\nTỉnh Thanh Hóa;0,5\n";
        let ds = validate::parse_dataset(
            build(table.as_bytes(), META.as_bytes(), Some(&reg))
                .unwrap()
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(ds.units[0].id, "ha-noi");
        assert_eq!(ds.units[1].id, "thanh-hoa");
        // The same unit twice under two spellings: blamed on the second row's name.
        let table = "Tỉnh;Hạ tầng\nHà Nội;0,9\nThành phố Hà Nội;0,5\n";
        let errs = build(table.as_bytes(), META.as_bytes(), Some(&reg)).unwrap_err();
        assert!(
            matches!(&errs[..], [ImportError::Table(m)] if m.starts_with("row 3, column 1 (\"Tỉnh\")")),
            "{errs:?}"
        );
    }

    #[test]
    fn the_app_s_export_comments_are_skipped_and_rows_keep_their_lines() {
        let table = "# Title, with a comma\n# weights: infra=1 (50.0%); portal=1 (50.0%)\nid,name,infra,portal\na,A,0.5,0.4\nb,B,0.7x,0.2\n";
        let errs = build(table.as_bytes(), META.as_bytes(), None).unwrap_err();
        assert_eq!(
            errs,
            vec![ImportError::Table(
                "row 5, column 3 (\"infra\"): \"0.7x\" is not a number".into()
            )]
        );
        let ok = "# Title, with a comma\nid,name,infra,portal\na,A,0.5,0.4\n";
        assert!(build(ok.as_bytes(), META.as_bytes(), None).is_ok());
    }
}
