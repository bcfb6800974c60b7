//! Pasted tables: parsing, column guessing and building a dataset, with every problem named by
//! the row and column of the table it comes from.
//!
//! Journalists copy tables from Excel, Google Sheets or a PDF viewer (tab-separated), or save
//! CSV (comma- or semicolon-separated). Numbers may use a decimal comma ("0,934"), a decimal
//! point, a percent sign ("93,4%"), or be printed as in the official reports as
//! "rank (index)": "01 (0,727)" is rank 1 with index 0.727. Empty cells and "-", "—", "n/a" mean
//! "not published".
//!
//! The flow is [`parse`] → [`guess`] → (the user edits the [`Mapping`]) → [`build`], which calls
//! [`validate::validate`] so a pasted table obeys the same rules as a dataset file.
//! Row numbers are the line numbers of the paste (1 = the first line, usually the header);
//! column numbers count from 1.

use super::collate;
use super::dataset::{Category, Dataset, Group, Official, Text, Unit, WeightBasis, FORMAT};
use super::registry::Registry;
use super::validate;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A paste larger than this is refused before it is parsed: 63 provinces with every category
/// take about 5 KB, so 2 MiB is hundreds of times more than a real table.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// At most this many rows (after the header).
pub const MAX_ROWS: usize = 5_000;
/// At most this many columns.
pub const MAX_COLUMNS: usize = 100;

/// A parsed table: a header (given or made up) and the rows of cells, with their line numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub delimiter: u8,
    /// Whether the first line was read as a header.
    pub has_header: bool,
    /// Column titles: the header, or "1", "2", … when the paste has none.
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    /// What the comment lines heading the app's own CSV export said, if the table is one.
    pub export: ExportHead,
}

/// What the comment lines heading the app's own CSV export (`Export::csv`, src/app/table.rs)
/// say of it, in either language: brought back in, the table takes its title, group, edition
/// and weights again, so that its ranking is the one downloaded (with equal weights instead,
/// DTI 2024's order changed: Thanh Hóa third, "▲2", though nobody had changed a thing).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportHead {
    pub title: Option<String>,
    pub group: Option<String>,
    pub edition: Option<i32>,
    /// Category id and weight, as the file lists them.
    pub weights: Vec<(String, f64)>,
    /// The weighted geometric mean, where the head says so.
    pub geometric: bool,
    /// Units missing a category were scored over the categories they have.
    pub renormalize: bool,
}

impl ExportHead {
    /// Reads the comment lines (their text after "# "). Only a head that has the export's group
    /// line is one: any other comment says nothing here.
    pub fn read(lines: &[String]) -> ExportHead {
        let group_line = |l: &str| {
            l.strip_prefix("nhóm: ")
                .or_else(|| l.strip_prefix("group: "))
                .map(str::to_string)
        };
        let Some(k) = lines.iter().position(|l| group_line(l).is_some()) else {
            return ExportHead::default();
        };
        let mut head = ExportHead {
            title: (k == 1)
                .then(|| lines[0].trim().to_string())
                .filter(|t| !t.is_empty()),
            ..ExportHead::default()
        };
        // "provinces (Tỉnh, thành phố …); năm 2024"
        if let Some(rest) = group_line(&lines[k]) {
            let id = rest.split([' ', ';']).next().unwrap_or("");
            if !id.is_empty() {
                head.group = Some(id.to_string());
            }
            head.edition = rest
                .rsplit_once("; năm ")
                .or_else(|| rest.rsplit_once("; edition "))
                .and_then(|(_, y)| y.trim().parse().ok());
        }
        // "cách gộp: trung bình nhân có trọng số; đơn vị thiếu một chỉ số thành phần: chia
        // lại trọng số" (its English form alike).
        for l in lines {
            if l.starts_with("cách gộp: ") || l.starts_with("aggregation: ") {
                head.geometric = l.contains("trung bình nhân") || l.contains("geometric mean");
                head.renormalize =
                    l.contains("chia lại trọng số") || l.contains("weights renormalised");
            }
        }
        // "digital-awareness=50 (5.3 %); digital-institutions=50 (5.3 %); …"
        for l in lines {
            let Some(list) = l
                .strip_prefix("trọng số: ")
                .or_else(|| l.strip_prefix("weights: "))
            else {
                continue;
            };
            head.weights = list
                .split("; ")
                .filter_map(|part| {
                    let (id, rest) = part.split_once('=')?;
                    let w = rest.split(' ').next()?.parse::<f64>().ok()?;
                    (w.is_finite() && w >= 0.0).then(|| (id.trim().to_string(), w))
                })
                .collect();
        }
        head
    }

    /// The weights in the order of `categories` (ids), when the head names every one of them
    /// and not every weight is zero.
    pub fn weights_for<'a>(
        &self,
        categories: impl IntoIterator<Item = &'a str>,
    ) -> Option<Vec<f64>> {
        let w: Vec<f64> = categories
            .into_iter()
            .map(|id| self.weights.iter().find(|(k, _)| k == id).map(|(_, w)| *w))
            .collect::<Option<_>>()?;
        (!w.is_empty() && w.iter().any(|x| *x > 0.0)).then_some(w)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Line number of the row in the paste (1-based).
    pub line: usize,
    pub cells: Vec<String>,
}

impl Table {
    pub fn columns(&self) -> usize {
        self.header.len()
    }

    /// The title of a column as shown in messages: its header, or "column N".
    pub fn column_title(&self, c: usize) -> String {
        self.header
            .get(c)
            .filter(|h| !h.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| (c + 1).to_string())
    }
}

/// What is wrong, in both languages.
#[derive(Clone, Debug, PartialEq)]
pub enum Issue {
    /// Nothing was pasted.
    Empty,
    /// Binary bytes (NUL), not text: an image or a program's file pasted or dropped as text.
    NotText,
    /// A web page's code (HTML) rather than the table it shows.
    Html,
    /// A header row and nothing under it.
    NoDataRows,
    /// A cell opened with a quote that is never closed: the CSV reader took the rest of the
    /// table into that one cell.
    UnclosedQuote,
    /// More bytes than [`MAX_BYTES`].
    TooLarge { bytes: usize },
    /// More rows than [`MAX_ROWS`].
    TooManyRows,
    /// More columns than [`MAX_COLUMNS`].
    TooManyColumns { columns: usize },
    /// The CSV reader failed (an unclosed quote, say).
    Unreadable { detail: String },
    /// A row with values beyond the header's last column; `decimal_comma` when the columns are
    /// separated by commas, where "0,93" splits into two cells.
    BeyondHeader {
        cells: usize,
        header: usize,
        decimal_comma: bool,
    },
    /// Every line is one cell: nothing separates the columns (text copied from a PDF).
    NoColumns,
    /// No column is mapped to the unit name.
    NoNameColumn,
    /// No column is mapped to a category.
    NoCategoryColumn,
    /// No column is mapped to a category, and the first row was read as data (it has numbers
    /// where a header has titles): the likely cause, a table pasted without its header row.
    NoCategoryNoHeader,
    /// Two columns are mapped to the same field.
    SameRoleTwice { other_column: usize },
    /// A name cell is empty.
    EmptyName,
    /// A cell of a number column is not a number.
    NotANumber { text: String },
    /// A value outside 0..1; `percent_like` when the column (most of it) looks like 0..100.
    OutOfRange { value: f64, percent_like: bool },
    /// A rank that is not a whole number from 1.
    NotARank { text: String },
    /// The name is already used by an earlier row (compared without accents), or both rows
    /// match the same registry unit.
    DuplicateName { name: String, first_line: usize },
    /// The row is a summary of the others (a total, an average), not a unit: ranked, it took a
    /// place among them.
    SummaryRow { name: String },
    /// The edition is not a year.
    BadEdition,
    /// Any other rule of the dataset format (from [`validate::validate`]).
    Rule { message: Text },
}

impl Issue {
    pub fn text(&self) -> Text {
        match self {
            Issue::NotText => Text::new(
                "Đây không phải bảng dạng chữ (có ký tự nhị phân, như trong ảnh hay tệp chương trình): hãy dán các ô của bảng, hoặc chọn tệp CSV/TSV.",
                "This is not a text table (it has binary characters, as an image or a program's file has): paste the table's cells, or choose a CSV/TSV file.",
            ),
            Issue::Html => Text::new(
                "Đây là mã của một trang web (HTML), không phải bảng: hãy bôi đen bảng như nó hiện trên trang, sao chép rồi dán vào đây.",
                "This is a web page's code (HTML), not a table: select the table as the page shows it, copy it and paste it here.",
            ),
            Issue::Empty => Text::new(
                "Chưa có dữ liệu: hãy dán một bảng (có dòng tiêu đề) hoặc chọn một tệp.",
                "Nothing to read: paste a table (with a header row) or choose a file.",
            ),
            Issue::NoDataRows => Text::new(
                "Bảng chỉ có dòng tiêu đề, chưa có dòng dữ liệu nào: hãy dán cả các dòng của từng đơn vị.",
                "The table has its header row and nothing under it: paste the rows of the units too.",
            ),
            Issue::UnclosedQuote => Text::new(
                "một dấu ngoặc kép (\") mở ở dòng này không được đóng, nên mọi dòng sau bị đọc vào một ô: hãy thêm dấu đóng hoặc bỏ dấu mở",
                "a quote (\") opened on this row is never closed, so every row after it was read into one cell: close it or remove it",
            ),
            Issue::TooLarge { bytes } => Text::new(
                format!(
                    "Bảng quá lớn ({} byte); giới hạn là {} MiB. Hãy chỉ dán các dòng cần thiết.",
                    bytes,
                    MAX_BYTES / (1024 * 1024)
                ),
                format!(
                    "The table is too large ({} bytes); the limit is {} MiB. Paste only the rows you need.",
                    bytes,
                    MAX_BYTES / (1024 * 1024)
                ),
            ),
            Issue::TooManyRows => Text::new(
                format!("Bảng có hơn {MAX_ROWS} dòng, giới hạn của phần nhập bảng: hãy chỉ dán một nhóm, hoặc tạo tệp dữ liệu bằng công cụ dòng lệnh (xephang import) rồi chọn tệp đó."),
                format!("The table has more than {MAX_ROWS} rows, the import's limit: paste one group at a time, or build a dataset file with the command-line tool (xephang import) and choose that file."),
            ),
            Issue::TooManyColumns { columns } => Text::new(
                format!("Bảng có {columns} cột; giới hạn là {MAX_COLUMNS}."),
                format!("The table has {columns} columns; the limit is {MAX_COLUMNS}."),
            ),
            Issue::Unreadable { detail } => Text::new(
                format!("không đọc được bảng ({detail})"),
                format!("the table cannot be read ({detail})"),
            ),
            Issue::BeyondHeader {
                cells,
                header,
                decimal_comma,
            } => {
                let (vi, en) = if *decimal_comma {
                    (
                        "có lẽ dấu phẩy thập phân (0,93) bị đọc là dấu ngăn cột. Hãy lưu bảng với dấu ; hoặc tab giữa các cột, hoặc đặt số trong ngoặc kép (\"0,93\")",
                        "decimal commas (0,93) were probably read as column separators. Save the table with ; or tabs between columns, or quote the numbers (\"0,93\")",
                    )
                } else {
                    (
                        "hãy đặt tiêu đề cho cột thừa, hoặc bỏ phần nằm ngoài cột cuối",
                        "give the extra column a title, or remove what lies beyond the last column",
                    )
                };
                Text::new(
                    format!("dòng này có {cells} ô, nhiều hơn {header} cột của dòng tiêu đề: {vi}."),
                    format!("this row has {cells} cells, more than the header's {header} columns: {en}."),
                )
            }
            Issue::NoColumns => Text::new(
                "Mỗi dòng chỉ là một ô: không có tab, dấu ; hay dấu phẩy giữa các cột (chữ chép từ PDF chỉ có dấu cách). Hãy chép bảng từ bảng tính, hoặc đặt tab hay dấu ; giữa các cột.",
                "Each line is a single cell: no tab, ; or comma separates the columns (text copied from a PDF has spaces only). Copy the table from a spreadsheet, or put tabs or ; between the columns.",
            ),
            Issue::NoNameColumn => Text::new(
                "Không có cột tên đơn vị: hãy chọn “Tên đơn vị” cho một cột.",
                "No column holds the unit names: choose “Unit name” for one column.",
            ),
            Issue::NoCategoryColumn => Text::new(
                "Không có cột chỉ số thành phần: hãy chọn một chỉ số cho ít nhất một cột số.",
                "No column holds a category: choose a category for at least one number column.",
            ),
            Issue::NoCategoryNoHeader => Text::new(
                "Không có cột chỉ số thành phần, và bảng có vẻ thiếu dòng tiêu đề (dòng đầu có số nên được đọc là dữ liệu): hãy thêm một dòng tiêu đề ghi tên từng cột (ví dụ: Tỉnh, Hạ tầng, Nhân lực), hoặc chọn một chỉ số cho từng cột số.",
                "No column holds a category, and the table seems to lack its header row (the first row has numbers, so it was read as data): add a header row naming each column (for example: Province, Infrastructure, Staff), or choose a category for each number column.",
            ),
            Issue::SameRoleTwice { other_column } => Text::new(
                format!("cùng vai trò với cột {}", other_column + 1),
                format!("the same field as column {}", other_column + 1),
            ),
            Issue::EmptyName => Text::new("tên đơn vị trống", "the unit name is empty"),
            Issue::NotANumber { text } => Text::new(
                format!("\"{text}\" không phải là số"),
                format!("\"{text}\" is not a number"),
            ),
            Issue::OutOfRange {
                value,
                percent_like,
            } => {
                let (vi, en) = if *percent_like {
                    (
                        " — cột có vẻ theo thang 0..100: hãy chọn “chia cho 100” cho cột này",
                        " — the column looks like 0..100: tick “divide by 100” for this column",
                    )
                } else {
                    ("", "")
                };
                // Vietnamese writes a decimal comma (the cell said "1,2", not "1.2").
                Text::new(
                    format!("{} nằm ngoài 0..1{vi}", value.to_string().replace('.', ",")),
                    format!("{value} is outside 0..1{en}"),
                )
            }
            Issue::NotARank { text } => Text::new(
                format!("\"{text}\" không phải là thứ hạng (số nguyên từ 1)"),
                format!("\"{text}\" is not a rank (a whole number from 1)"),
            ),
            Issue::DuplicateName { name, first_line } => Text::new(
                format!("\"{name}\" trùng với dòng {first_line}"),
                format!("\"{name}\" is already on row {first_line}"),
            ),
            Issue::SummaryRow { name } => Text::new(
                format!("\"{name}\" có vẻ là dòng tổng hợp của các dòng khác, không phải một đơn vị: hãy bỏ dòng này (hoặc đổi tên nếu đúng là một đơn vị)"),
                format!("\"{name}\" looks like a summary of the other rows, not a unit: leave the row out (or rename it if it is a unit)"),
            ),
            Issue::BadEdition => Text::new(
                "năm phải từ 1900 đến 2200",
                "the edition must be a year from 1900 to 2200",
            ),
            Issue::Rule { message } => message.clone(),
        }
    }
}

/// A problem and where it is: a line of the paste and a column (0-based), either optional.
#[derive(Clone, Debug, PartialEq)]
pub struct CellProblem {
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The column's title, for messages.
    pub column_title: String,
    pub issue: Issue,
}

impl CellProblem {
    fn whole(issue: Issue) -> CellProblem {
        CellProblem {
            line: None,
            column: None,
            column_title: String::new(),
            issue,
        }
    }

    /// "row 12, column “Hạ tầng”: "abc" is not a number" in English, or its Vietnamese.
    pub fn describe(&self, english: bool) -> String {
        let t = self.issue.text();
        let msg = if english { t.en } else { t.vi };
        let mut at = Vec::new();
        if let Some(l) = self.line {
            at.push(if english {
                format!("row {l}")
            } else {
                format!("dòng {l}")
            });
        }
        if self.column.is_some() {
            at.push(if english {
                format!("column “{}”", self.column_title)
            } else {
                format!("cột “{}”", self.column_title)
            });
        }
        if at.is_empty() {
            msg
        } else {
            format!("{}: {msg}", at.join(", "))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reading the text.

/// Chooses the delimiter: the first of tab, semicolon, comma that appears (outside quotes) on
/// every one of the first non-empty lines; failing that, the most frequent; tab for one column.
pub fn detect_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 3] = [b'\t', b';', b','];
    // The comment lines heading the app's own CSV export ("# weights: a=3 (75.0%); b=1 …")
    // say nothing of the delimiter.
    let mut text = text.trim_start_matches('\u{feff}');
    while text.starts_with("# ") {
        text = text.split_once('\n').map_or("", |(_, rest)| rest);
    }
    let mut counts: Vec<[usize; 3]> = Vec::new();
    let mut current = [0usize; 3];
    let mut quoted = false;
    let mut content = false;
    for b in text.bytes() {
        match b {
            b'"' => {
                quoted = !quoted;
                content = true;
            }
            b'\n' if !quoted => {
                if content {
                    counts.push(current);
                    if counts.len() >= 30 {
                        break;
                    }
                }
                current = [0; 3];
                content = false;
            }
            b'\r' => {}
            _ if !quoted => {
                if let Some(k) = CANDIDATES.iter().position(|d| *d == b) {
                    current[k] += 1;
                }
                if !b.is_ascii_whitespace() || b == b'\t' {
                    content = true;
                }
            }
            _ => content = true,
        }
    }
    if content && counts.len() < 30 {
        counts.push(current);
    }
    if counts.is_empty() {
        return b'\t';
    }
    for (k, d) in CANDIDATES.iter().enumerate() {
        if counts.iter().all(|c| c[k] > 0) {
            return *d;
        }
    }
    let totals: Vec<usize> = (0..3).map(|k| counts.iter().map(|c| c[k]).sum()).collect();
    match (0..3).filter(|k| totals[*k] > 0).max_by_key(|k| totals[*k]) {
        Some(k) => CANDIDATES[k],
        None => b'\t',
    }
}

/// A parsed cell value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell {
    /// Empty, "-", "—", "n/a": not published.
    Blank,
    Number(f64),
    /// "01 (0,727)": a rank and a value.
    RankValue(u32, f64),
}

/// Reads one number: decimal comma or point, thousands separators when both appear, a
/// trailing "%" divides by 100. `None` when the text is not a number.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim().trim_matches('\u{a0}');
    let (s, percent) = match s.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (s, false),
    };
    if s.is_empty() || s.len() > 40 {
        return None;
    }
    let s: String = s.chars().filter(|c| !matches!(c, ' ' | '\u{a0}')).collect();
    let commas = s.matches(',').count();
    let points = s.matches('.').count();
    let normalised = match (commas, points) {
        (0, _) if points <= 1 => s,
        (1, 0) => s.replacen(',', ".", 1),
        // Both: the last one is the decimal separator, the other groups thousands.
        (_, _) if commas >= 1 && points >= 1 => {
            let last_comma = s.rfind(',').unwrap_or(0);
            let last_point = s.rfind('.').unwrap_or(0);
            if last_comma > last_point {
                s.replace('.', "").replacen(',', ".", 1)
            } else {
                s.replace(',', "")
            }
        }
        // "1.234.567" or "1,234,567": thousands only.
        _ => s.replace([',', '.'], ""),
    };
    if !normalised
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return None;
    }
    let x: f64 = normalised.parse().ok()?;
    if !x.is_finite() {
        return None;
    }
    Some(if percent { hundredth(x) } else { x })
}

/// `x / 100` as the decimal it was written as: "80,82%" is 0.8082, where the division alone gives
/// 0.8081999999999999, which an export then printed in full, and which, read back, set the
/// table's precision to six decimals and split units that had tied.
pub fn hundredth(x: f64) -> f64 {
    // The shortest text that reads back as `x` ("80.82") has the decimals it was written with.
    let decimals = x.to_string().split_once('.').map_or(0, |(_, f)| f.len()) as i32;
    let whole = (x * 10f64.powi(decimals)).round();
    if decimals > 12 || whole.abs() >= 9e15 {
        return x / 100.0;
    }
    // Both are exact in binary, so the quotient is the f64 nearest the decimal.
    whole / 10f64.powi(decimals + 2)
}

pub fn is_blank(s: &str) -> bool {
    let t = s.trim();
    t.is_empty()
        || matches!(
            t.to_ascii_lowercase().as_str(),
            "-" | "—" | "–" | "n/a" | "na" | "null" | "x" | "…" | "..."
        )
}

/// Reads a cell: blank, a number, or "rank (value)".
pub fn parse_cell(s: &str) -> Option<Cell> {
    if is_blank(s) {
        return Some(Cell::Blank);
    }
    if let Some(x) = parse_number(s) {
        return Some(Cell::Number(x));
    }
    let t = s.trim();
    let open = t.find('(')?;
    let inner = t[open + 1..].strip_suffix(')')?;
    let rank = t[..open].trim();
    let rank: u32 = rank.parse().ok()?;
    let value = parse_number(inner)?;
    Some(Cell::RankValue(rank, value))
}

/// Parses a pasted text into a table, or the reason it cannot be read.
pub fn parse(text: &str) -> Result<Table, CellProblem> {
    if text.len() > MAX_BYTES {
        return Err(CellProblem::whole(Issue::TooLarge { bytes: text.len() }));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(CellProblem::whole(Issue::Empty));
    }
    if text.contains('\0') {
        return Err(CellProblem::whole(Issue::NotText));
    }
    if looks_like_html(text) {
        return Err(CellProblem::whole(Issue::Html));
    }
    let delimiter = detect_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Row> = Vec::new();
    let mut comments: Vec<String> = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                return Err(CellProblem {
                    line,
                    column: None,
                    column_title: String::new(),
                    issue: Issue::Unreadable {
                        detail: e.to_string(),
                    },
                });
            }
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // The comment lines that head the app's own CSV export ("# weights: …"), so that a
        // downloaded ranking can be brought back in as it is. Only before the first row, and
        // only "# " with its space: a header cell "#" (a row counter) is kept.
        if rows.is_empty() && record.get(0).is_some_and(|c| c.starts_with("# ")) {
            // The line as written: a comma in it (a title's) split it into cells. Empty cells
            // at its end are a spreadsheet's padding ("…sắp xếp,,,,,"), not the line's.
            let mut cells: Vec<&str> = record.iter().collect();
            while cells.len() > 1 && cells.last().is_some_and(|c| c.trim().is_empty()) {
                cells.pop();
            }
            let line = cells.join(&char::from(delimiter).to_string());
            comments.push(line.trim_start_matches("# ").trim_end().to_string());
            continue;
        }
        if rows.len() > MAX_ROWS {
            return Err(CellProblem::whole(Issue::TooManyRows));
        }
        if record.len() > MAX_COLUMNS {
            return Err(CellProblem::whole(Issue::TooManyColumns {
                columns: record.len(),
            }));
        }
        let line = record
            .position()
            .map_or(rows.len() + 1, |p| p.line() as usize);
        rows.push(Row {
            line,
            cells: record.iter().map(|c| c.trim().to_string()).collect(),
        });
    }
    if rows.is_empty() {
        return Err(CellProblem::whole(Issue::Empty));
    }
    // The csv reader does not fail on a quote left open: the quoted cell runs to the end of the
    // text. Quotes in a well-formed table come in pairs (an inner one is doubled), so an odd
    // count with a last cell that spans lines is that mistake.
    if text.matches('"').count() % 2 == 1 {
        let last = &rows[rows.len() - 1];
        if last.cells.iter().any(|c| c.contains('\n')) {
            // The line only: the header, which would name the column, is not known yet.
            return Err(CellProblem {
                line: Some(last.line),
                column: None,
                column_title: String::new(),
                issue: Issue::UnclosedQuote,
            });
        }
    }
    // Title lines above the header ("Bảng 2. Kết quả DTI 2024"): one cell over a line of several
    // titles, none a number. Read as the header, they made the real one a row of data. The
    // first is kept as the table's title, as the export's first comment line is.
    let filled_cells = |r: &Row| r.cells.iter().filter(|c| !c.is_empty()).count();
    let titles = |r: &Row| {
        filled_cells(r) >= 2
            && r.cells
                .iter()
                .all(|c| c.is_empty() || parse_number(c).is_none())
    };
    let mut sheet_title = None;
    while rows.len() > 2 && filled_cells(&rows[0]) <= 1 && titles(&rows[1]) {
        let title = rows.remove(0).cells.concat();
        sheet_title = sheet_title.or(Some(title));
    }
    // Every line one cell: no tab, ";" or "," between columns, as in text copied from a PDF
    // (spaces only). Read on, it was "a table without its header".
    if rows.iter().all(|r| r.cells.len() == 1) && rows.iter().any(|r| r.cells[0].contains(' ')) {
        return Err(CellProblem::whole(Issue::NoColumns));
    }
    // The first line's cells (a header's titles, a blank one included), and how far each line
    // has values (blank cells at the end are a spreadsheet's trailing delimiters), before the
    // rows are evened out.
    let first_width = rows[0].cells.len();
    let filled: Vec<usize> = rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .rposition(|c| !c.is_empty())
                .map_or(0, |k| k + 1)
        })
        .collect();
    let columns = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    for r in &mut rows {
        r.cells.resize(columns, String::new());
    }
    let has_header = looks_like_header(&rows);
    // A value beyond the header's last title has no column to go in: most often a decimal comma
    // in a comma-separated table ("Huế,0,8" is three cells), which read on would put 0 in the
    // column and 8 beyond it.
    if has_header {
        if let Some(i) = (1..rows.len()).find(|&i| filled[i] > first_width) {
            return Err(CellProblem {
                line: Some(rows[i].line),
                column: None,
                column_title: String::new(),
                issue: Issue::BeyondHeader {
                    cells: filled[i],
                    header: first_width,
                    decimal_comma: delimiter == b',',
                },
            });
        }
    }
    let header = if has_header {
        rows.remove(0).cells
    } else {
        (1..=columns).map(|c| c.to_string()).collect()
    };
    if rows.is_empty() {
        return Err(CellProblem::whole(Issue::NoDataRows));
    }
    if rows.len() > MAX_ROWS {
        return Err(CellProblem::whole(Issue::TooManyRows));
    }
    Ok(Table {
        delimiter,
        has_header,
        header,
        rows,
        export: {
            let mut head = ExportHead::read(&comments);
            head.title = head.title.or(sheet_title);
            head
        },
    })
}

/// Whether a paste is a web page's markup: it opens with a tag and names an element a page or a
/// table has. Read as a table, its lines made one "header row" and nothing under it.
fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start();
    if !t.starts_with('<') {
        return false;
    }
    let head: String = t.chars().take(2000).collect::<String>().to_lowercase();
    [
        "<!doctype",
        "<html",
        "<table",
        "<tr",
        "<div",
        "<meta",
        "<body",
        "<td",
    ]
    .iter()
    .any(|tag| head.contains(tag))
}

/// The first row is a header when it has no number where later rows mostly have numbers, or
/// when it names known fields.
fn looks_like_header(rows: &[Row]) -> bool {
    let first = &rows[0];
    if first
        .cells
        .iter()
        .any(|c| field_role(c).is_some() || !category_matches(c).is_empty())
    {
        return true;
    }
    if rows.len() < 2 {
        return first.cells.iter().all(|c| parse_cell(c).is_none());
    }
    (0..first.cells.len()).any(|c| {
        let numeric_below = rows[1..]
            .iter()
            .filter(|r| {
                matches!(
                    parse_cell(&r.cells[c]),
                    Some(Cell::Number(_) | Cell::RankValue(..))
                )
            })
            .count();
        numeric_below * 2 > rows.len() - 1 && parse_cell(&first.cells[c]).is_none()
    })
}

// ---------------------------------------------------------------------------------------------
// Guessing what the columns are.

/// What a column holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Role {
    Ignore,
    Name,
    /// The official rank (a "rank (index)" cell gives the index as well).
    Rank,
    /// The official overall index (a "rank (index)" cell gives the rank as well).
    Index,
    /// A category: a known id (see [`known_categories`]) or a new one named after the column.
    Category(String),
}

/// A known category: id and names in both languages, and extra spellings for matching.
#[derive(Clone, Debug, PartialEq)]
pub struct KnownCategory {
    pub id: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    pub series: &'static str,
    aliases: &'static [&'static str],
}

const fn kc(
    series: &'static str,
    id: &'static str,
    vi: &'static str,
    en: &'static str,
    aliases: &'static [&'static str],
) -> KnownCategory {
    KnownCategory {
        id,
        vi,
        en,
        series,
        aliases,
    }
}

/// The six categories of the MIC ICT index (2016–2019) and the eight DTI pillars, with the
/// names of `public/data/mic-ict-2019.json` and `dti-2024-34.json` and common short forms.
pub const KNOWN: [KnownCategory; 14] = [
    kc(
        "mic-ict",
        "infrastructure",
        "Hạ tầng kỹ thuật CNTT",
        "IT infrastructure",
        &[
            "ha tang",
            "ha tang ky thuat",
            "ha tang cntt",
            "infrastructure",
            "technical infrastructure",
        ],
    ),
    kc(
        "mic-ict",
        "internal-apps",
        "Ứng dụng CNTT trong hoạt động của cơ quan",
        "IT use in the body's own work",
        &[
            "ung dung cntt",
            "ung dung noi bo",
            "ung dung trong noi bo",
            "ung dung cntt noi bo",
            "internal apps",
            "internal applications",
            "internal it use",
        ],
    ),
    kc(
        "mic-ict",
        "portal",
        "Trang/Cổng thông tin điện tử",
        "Web portal",
        &[
            "cong thong tin",
            "cong thong tin dien tu",
            "trang thong tin dien tu",
            "cong ttdt",
            "website",
            "portal",
            "web portal",
        ],
    ),
    kc(
        "mic-ict",
        "online-services",
        "Cung cấp dịch vụ công trực tuyến",
        "Online public services",
        &[
            "dich vu cong truc tuyen",
            "dich vu cong",
            "dvctt",
            "cung cap dvctt",
            "online services",
            "online public services",
            "public services",
        ],
    ),
    kc(
        "mic-ict",
        "policy",
        "Cơ chế, chính sách và quy định cho ứng dụng CNTT",
        "IT policies and rules",
        &[
            "co che chinh sach",
            "chinh sach",
            "co che chinh sach va quy dinh",
            "policy",
            "policies",
        ],
    ),
    kc(
        "mic-ict",
        "hr",
        "Nhân lực cho ứng dụng CNTT",
        "IT staff",
        &[
            "nhan luc",
            "nguon nhan luc",
            "nhan luc cntt",
            "nguon nhan luc cho ung dung cntt",
            "hr",
            "human resources",
            "staff",
        ],
    ),
    kc(
        "dti",
        "digital-awareness",
        "Nhận thức số",
        "Digital awareness",
        &["awareness"],
    ),
    kc(
        "dti",
        "digital-institutions",
        "Thể chế số",
        "Digital institutions",
        &["institutions"],
    ),
    kc(
        "dti",
        "digital-infrastructure",
        "Hạ tầng số",
        "Digital infrastructure",
        &[],
    ),
    kc(
        "dti",
        "digital-human-resources",
        "Nhân lực số",
        "Digital human resources",
        &[],
    ),
    kc(
        "dti",
        "cyber-security",
        "An toàn thông tin mạng",
        "Cyber security",
        &[
            "an toan thong tin",
            "attt",
            "attt mang",
            "cybersecurity",
            "information security",
        ],
    ),
    kc(
        "dti",
        "digital-government-activity",
        "Hoạt động chính quyền số",
        "Digital government activity",
        &["chinh quyen so", "digital government"],
    ),
    kc(
        "dti",
        "digital-economy-activity",
        "Hoạt động kinh tế số",
        "Digital economy activity",
        &["kinh te so", "digital economy"],
    ),
    kc(
        "dti",
        "digital-society-activity",
        "Hoạt động xã hội số",
        "Digital society activity",
        &["xa hoi so", "digital society"],
    ),
];

pub fn known_categories() -> &'static [KnownCategory] {
    &KNOWN
}

pub fn known(id: &str) -> Option<&'static KnownCategory> {
    KNOWN.iter().find(|k| k.id == id)
}

/// Folds a header for matching, dropping a trailing "(…)" such as "(0..1)" or "(2019)", and a
/// year ("Chỉ số DTI năm 2024", "Rank 2019"): it says which edition, not which field. Kept, it
/// made the index a category of its own and left the rank out.
fn header_key(h: &str) -> String {
    let h = match h.find('(') {
        Some(i) if i > 0 => &h[..i],
        _ => h,
    };
    let folded = collate::fold(h);
    let mut words: Vec<&str> = Vec::new();
    for w in folded.split(' ') {
        if w.len() == 4 && w.parse::<u16>().is_ok_and(|y| (1990..2100).contains(&y)) {
            if matches!(words.last(), Some(&("nam" | "year" | "in" | "ky"))) {
                words.pop();
            }
            continue;
        }
        words.push(w);
    }
    words.join(" ")
}

/// How well a header names each known category: (index in [`KNOWN`], score), best first.
fn category_matches(header: &str) -> Vec<(usize, u32)> {
    let h = header_key(header);
    if h.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<(usize, u32)> = KNOWN
        .iter()
        .enumerate()
        .filter_map(|(i, k)| {
            let names = [
                collate::fold(k.vi),
                collate::fold(k.en),
                k.id.replace('-', " "),
            ];
            let score = names
                .iter()
                .map(String::as_str)
                .chain(k.aliases.iter().copied())
                .map(|n| {
                    if h == n {
                        100
                    } else if n.starts_with(&format!("{h} ")) || h.starts_with(&format!("{n} ")) {
                        50 + h.len().min(n.len()) as u32
                    } else {
                        0
                    }
                })
                .max()
                .unwrap_or(0);
            (score > 0).then_some((i, score))
        })
        .collect();
    super::order::sort_by_key(&mut out, |m| std::cmp::Reverse(m.1));
    out
}

/// The non-category field a header names, if any.
pub fn field_role(header: &str) -> Option<Role> {
    let h = header_key(header);
    let role = match h.as_str() {
        "ten" | "ten don vi" | "don vi" | "tinh" | "tinh thanh pho" | "tinh tp" | "dia phuong"
        | "bo nganh" | "bo co quan" | "co quan" | "name" | "unit" | "province" | "ministry"
        | "agency" | "body" => Role::Name,
        "xep hang" | "hang" | "thu hang" | "rank" | "ranking" | "official rank" => Role::Rank,
        "chi so" | "tong diem" | "diem" | "index" | "score" | "total" | "overall"
        | "official index" | "ict index" | "dti" | "chi so dti" | "chi so ict" => Role::Index,
        "stt" | "tt" | "no" | "#" | "ma" | "id" | "change" | "change from" | "ghi chu"
        | "chu thich" | "note" | "notes" | "nguon" | "source" => Role::Ignore,
        _ => return None,
    };
    Some(role)
}

/// The guessed meaning of every column, and the series the categories come from.
#[derive(Clone, Debug, PartialEq)]
pub struct Guess {
    pub roles: Vec<Role>,
    /// `mic-ict` or `dti` when any category was recognised.
    pub series: Option<&'static str>,
    /// Columns whose values all lie in 0..100 with some above 1 (offer "divide by 100").
    pub percent_like: Vec<bool>,
}

/// The earlier column whose header is the same as column `c`'s (compared as the guess compares
/// them: without accents, case or a bracketed unit), if any. The guess leaves such a column
/// ignored, whatever it holds, and the import says why.
pub fn repeated_header(table: &Table, c: usize) -> Option<usize> {
    if !table.has_header {
        return None;
    }
    let key = header_key(table.header.get(c)?);
    if key.is_empty() {
        return None;
    }
    table.header[..c].iter().position(|h| header_key(h) == key)
}

/// Guesses the roles of the columns from the header and the values.
pub fn guess(table: &Table) -> Guess {
    let n = table.columns();
    let mut roles = vec![Role::Ignore; n];
    // Which series the headers point to: each header votes for each series by its best match
    // there, so that a DTI pillar named in full ("Hạ tầng số": 100) outweighs the MIC category
    // its first words begin ("Hạ tầng kỹ thuật CNTT": 50 and some). Counted one vote a header,
    // a tie went to MIC.
    let mut votes: HashMap<&'static str, u32> = HashMap::new();
    let matches: Vec<Vec<(usize, u32)>> =
        table.header.iter().map(|h| category_matches(h)).collect();
    for m in &matches {
        let mut seen = Vec::new();
        // Best first: the first match of a series is its best.
        for (i, score) in m {
            let s = KNOWN[*i].series;
            if !seen.contains(&s) {
                *votes.entry(s).or_default() += score;
                seen.push(s);
            }
        }
    }
    let series = votes
        .iter()
        .max_by_key(|(s, v)| (**v, **s == "mic-ict"))
        .map(|(s, _)| *s);
    let mut taken: Vec<usize> = Vec::new();
    // The app's own export has the re-computed "rank" and "score" beside "official_rank" and
    // "official_index": the official ones are what a dataset holds.
    let keys: Vec<String> = table.header.iter().map(|h| header_key(h)).collect();
    let has = |k: &str| table.has_header && keys.iter().any(|x| *x == header_key(k));
    let (official_rank, official_index) = (has("official_rank"), has("official_index"));
    for (c, h) in table.header.iter().enumerate() {
        if !table.has_header {
            break;
        }
        if (official_rank && keys[c] == header_key("rank"))
            || (official_index && keys[c] == header_key("score"))
        {
            continue;
        }
        if let Some(role) = field_role(h) {
            if !roles.contains(&role) || role == Role::Ignore {
                roles[c] = role;
            }
            continue;
        }
        if let Some((i, _)) = matches[c]
            .iter()
            .find(|(i, _)| Some(KNOWN[*i].series) == series && !taken.contains(i))
        {
            taken.push(*i);
            roles[c] = Role::Category(KNOWN[*i].id.to_string());
        }
    }
    let numeric: Vec<bool> = (0..n)
        .map(|c| {
            let mut numbers = 0;
            let mut text = 0;
            for r in &table.rows {
                match parse_cell(&r.cells[c]) {
                    Some(Cell::Blank) => {}
                    Some(_) => numbers += 1,
                    None => text += 1,
                }
            }
            // Mostly numbers: a typo among them ("0.7x") is then a problem on its cell, not a
            // reason to drop the column unannounced.
            numbers > text
        })
        .collect();
    if !roles.contains(&Role::Name) {
        // The first column that is mostly text, not numbers.
        // Not a column its header says to leave out (notes, sources).
        let free = |c: usize| !table.has_header || field_role(&table.header[c]).is_none();
        if let Some(c) = (0..n)
            .find(|&c| roles[c] == Role::Ignore && !numeric[c] && !is_counter(table, c) && free(c))
        {
            roles[c] = Role::Name;
        }
    }
    // Number columns with an unknown header become categories of their own; a header that
    // repeats an earlier one does not (its column stays ignored, for the user to choose).
    if table.has_header {
        for c in 0..n {
            if roles[c] == Role::Ignore
                && numeric[c]
                && repeated_header(table, c).is_none()
                && field_role(&table.header[c]).is_none()
                && !is_counter(table, c)
            {
                if let Some(id) = own_category(table, c) {
                    if !roles.contains(&Role::Category(id.clone())) {
                        roles[c] = Role::Category(id);
                    }
                }
            }
        }
    }
    let percent_like = (0..n).map(|c| column_percent_like(table, c)).collect();
    Guess {
        roles,
        series,
        percent_like,
    }
}

/// The longest id made from a title: ids may have 120 characters ([`validate::is_slug`]), and
/// a header or a unit name can be longer.
const ID_MAX: usize = 60;

/// An id made from a title (a header, a unit name): its slug, cut to [`ID_MAX`] characters.
fn id_of(title: &str) -> String {
    let s = collate::slug(title);
    // A slug is ASCII, so any byte is a character boundary.
    s[..s.len().min(ID_MAX)].trim_end_matches('-').to_string()
}

/// The id of the new category a column would be, from its title ("3" for an untitled third
/// column): the same in the guess and in the choices the import offers for the column.
pub fn own_category(table: &Table, c: usize) -> Option<String> {
    let id = id_of(&table.column_title(c));
    (!id.is_empty()).then_some(id)
}

/// Whether a column has "rank (value)" cells ("01 (0,727)"): a rank column whose values may be
/// on a 0..100 scale, unlike a column of ranks alone.
pub fn has_rank_values(table: &Table, c: usize) -> bool {
    table.rows.iter().any(|r| {
        matches!(
            r.cells.get(c).map(|x| parse_cell(x)),
            Some(Some(Cell::RankValue(..)))
        )
    })
}

/// A column 1, 2, 3, … (a row counter, "STT").
fn is_counter(table: &Table, c: usize) -> bool {
    table.rows.len() >= 3
        && table
            .rows
            .iter()
            .enumerate()
            .all(|(i, r)| r.cells[c].trim().parse::<usize>().ok() == Some(i + 1))
}

/// Whether a column looks like scores on 0..100: most of its cells are numbers over 1 and at most
/// 100. A few cells that are not (a total row, a typo such as 100,5, a text) do not hide the
/// "divide by 100" box: they are then flagged in their rows, which can be fixed or left out.
/// Before, one such cell took the box away, and every row of the column was refused.
fn column_percent_like(table: &Table, c: usize) -> bool {
    let (mut cells, mut above_one, mut outside) = (0usize, 0usize, 0usize);
    for r in &table.rows {
        let v = match parse_cell(&r.cells[c]) {
            Some(Cell::Number(x)) | Some(Cell::RankValue(_, x)) => Some(x),
            Some(Cell::Blank) => continue,
            None => None,
        };
        cells += 1;
        match v {
            Some(v) if (0.0..=100.0).contains(&v) => above_one += usize::from(v > 1.0),
            _ => outside += 1,
        }
    }
    above_one * 2 > cells && outside * 10 <= cells.max(10)
}

// ---------------------------------------------------------------------------------------------
// Building the dataset.

/// The choices the user makes around the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Mapping {
    pub roles: Vec<Role>,
    /// Per column: divide its values by 100 (the user ticked it for a 0..100 column).
    pub divide_by_100: Vec<bool>,
    pub title: String,
    pub edition: i32,
    /// The group the units form: `provinces`, `ministries`, `agencies` or any slug.
    pub group: String,
    /// Leave out the rows that have a problem instead of refusing the table.
    pub leave_out_problem_rows: bool,
}

/// The groups offered, with their names.
pub const GROUPS: [(&str, &str, &str); 3] = [
    (
        "provinces",
        "Tỉnh, thành phố trực thuộc Trung ương",
        "Provinces and centrally-run cities",
    ),
    (
        "ministries",
        "Bộ, cơ quan ngang Bộ",
        "Ministries and ministry-level agencies",
    ),
    ("agencies", "Cơ quan thuộc Chính phủ", "Government agencies"),
];

/// The result of [`build`].
#[derive(Clone, Debug, PartialEq)]
pub struct Built {
    /// The dataset, when there is no problem left (after leaving out rows, if asked).
    pub dataset: Option<Dataset>,
    /// Every problem, including those of rows left out.
    pub problems: Vec<CellProblem>,
    /// Lines of the rows left out.
    pub left_out: Vec<usize>,
    /// Per data row (in table order): the registry id matched, if any.
    pub matched: Vec<Option<String>>,
}

/// The group a list of matched registry ids suggests (`provinces` when most are provinces).
/// The edition a table most likely describes, from its series and names: the latest of each
/// series there is a table for, and for DTI the one of the names' era (2024 for the 34
/// provinces formed in 2025, 2023 for the 63 before). Shown in the form, to be changed by hand.
pub fn guess_edition(series: &str, names: &[&str], registry: Option<&Registry>) -> i32 {
    match series {
        "dti" if registry.is_some_and(|r| !r.names_after_merger(names)) => 2023,
        "dti" => 2024,
        _ => 2019,
    }
}

/// The year a table's title line or headers name ("Bảng 2. Kết quả Chỉ số DTI cấp tỉnh năm
/// 2024", "Xếp hạng 2019"): the title's, else one that every header naming a year agrees on.
/// It says the edition better than the names' era: DTI 2024 was published for the 63
/// provinces too, and a table of them was taken for 2023 in silence. Not a year: a number in a
/// date or a document's number ("ngày 20/11/2024", "Quyết định 2011/QĐ-BTTTT": the day a
/// result was published is the year after its edition), or in a range ("2019-2020"). Where a
/// title names several years, the one after "năm", "DTI" or "year" if only one is; else none.
pub fn year_named(title: Option<&str>, header: &[String]) -> Option<i32> {
    if let Some(y) = title.and_then(year_in) {
        return Some(y);
    }
    let mut named = header.iter().filter_map(|h| year_in(h));
    let first = named.next()?;
    named.all(|y| y == first).then_some(first)
}

/// The one year `text` names (see [`year_named`]).
fn year_in(text: &str) -> Option<i32> {
    let chars: Vec<char> = text.chars().collect();
    // (year, whether the word before it is "năm", "DTI" or "year")
    let mut found: Vec<(i32, bool)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let joined = |c: Option<&char>| c.is_some_and(|c| matches!(c, '/' | '.' | '-' | '–'));
        if i - start != 4
            || joined(start.checked_sub(1).and_then(|k| chars.get(k)))
            || joined(chars.get(i))
        {
            continue;
        }
        let year: String = chars[start..i].iter().collect();
        let Some(year) = year
            .parse::<i32>()
            .ok()
            .filter(|y| (1990..2100).contains(y))
        else {
            continue;
        };
        let before: String = chars[..start].iter().collect();
        let word = collate::fold(before.split_whitespace().last().unwrap_or_default());
        found.push((year, matches!(word.as_str(), "nam" | "dti" | "year" | "ky")));
    }
    let one = |ys: Vec<i32>| {
        let first = *ys.first()?;
        ys.iter().all(|y| *y == first).then_some(first)
    };
    one(found.iter().map(|f| f.0).collect())
        .or_else(|| one(found.iter().filter(|f| f.1).map(|f| f.0).collect()))
}

pub fn guess_group(matched: &[Option<String>], registry: &Registry) -> &'static str {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for id in matched.iter().flatten() {
        if let Some(u) = registry.unit(id) {
            *counts.entry(u.kind.as_str()).or_default() += 1;
        }
    }
    match counts.iter().max_by_key(|(_, n)| **n).map(|(k, _)| *k) {
        Some("ministry") => "ministries",
        Some("agency") => "agencies",
        _ => "provinces",
    }
}

struct RowData {
    line: usize,
    name: String,
    scores: BTreeMap<String, Option<f64>>,
    ranks: BTreeMap<String, Option<u32>>,
    official: Official,
    problems: Vec<CellProblem>,
}

/// Builds a dataset from a table and the user's mapping; unit names are matched to the
/// registry when one is given. Every problem names its row and column.
pub fn build(table: &Table, mapping: &Mapping, registry: Option<&Registry>) -> Built {
    let mut general = Vec::new();
    let roles = &mapping.roles;
    let name_col = roles.iter().position(|r| *r == Role::Name);
    if name_col.is_none() {
        general.push(CellProblem::whole(Issue::NoNameColumn));
    }
    if !roles.iter().any(|r| matches!(r, Role::Category(_))) {
        general.push(CellProblem::whole(if table.has_header {
            Issue::NoCategoryColumn
        } else {
            Issue::NoCategoryNoHeader
        }));
    }
    for (c, r) in roles.iter().enumerate() {
        if *r == Role::Ignore {
            continue;
        }
        if let Some(first) = roles[..c].iter().position(|x| x == r) {
            general.push(CellProblem {
                line: None,
                column: Some(c),
                column_title: table.column_title(c),
                issue: Issue::SameRoleTwice {
                    other_column: first,
                },
            });
        }
    }
    if !(1900..=2200).contains(&mapping.edition) {
        general.push(CellProblem::whole(Issue::BadEdition));
    }
    let percent_like: Vec<bool> = (0..table.columns())
        .map(|c| column_percent_like(table, c))
        .collect();

    // Read every row.
    let mut rows: Vec<RowData> = Vec::with_capacity(table.rows.len());
    for r in &table.rows {
        let mut d = RowData {
            line: r.line,
            name: String::new(),
            scores: BTreeMap::new(),
            ranks: BTreeMap::new(),
            official: Official::default(),
            problems: Vec::new(),
        };
        for (c, role) in roles.iter().enumerate().take(r.cells.len()) {
            let raw = r.cells[c].as_str();
            let mut problem = |issue| {
                d.problems.push(CellProblem {
                    line: Some(r.line),
                    column: Some(c),
                    column_title: table.column_title(c),
                    issue,
                })
            };
            let scale = if mapping.divide_by_100.get(c).copied().unwrap_or(false) {
                100.0
            } else {
                1.0
            };
            let value = |x: f64| if scale == 1.0 { x } else { hundredth(x) };
            let in_range = |x: f64| (0.0..=1.0).contains(&x);
            match role {
                Role::Ignore => {}
                Role::Name => {
                    if raw.trim().is_empty() {
                        problem(Issue::EmptyName);
                    }
                    d.name = raw.trim().to_string();
                }
                Role::Category(id) => match parse_cell(raw) {
                    None => problem(Issue::NotANumber { text: short(raw) }),
                    Some(Cell::Blank) => {
                        d.scores.insert(id.clone(), None);
                    }
                    Some(Cell::Number(x)) | Some(Cell::RankValue(_, x)) if !in_range(value(x)) => {
                        problem(Issue::OutOfRange {
                            value: value(x),
                            percent_like: scale == 1.0 && percent_like[c],
                        })
                    }
                    Some(Cell::Number(x)) => {
                        d.scores.insert(id.clone(), Some(value(x)));
                    }
                    Some(Cell::RankValue(k, x)) => {
                        d.scores.insert(id.clone(), Some(value(x)));
                        if k == 0 {
                            problem(Issue::NotARank { text: short(raw) });
                        } else {
                            d.ranks.insert(id.clone(), Some(k));
                        }
                    }
                },
                Role::Index | Role::Rank => match parse_cell(raw) {
                    None => problem(if *role == Role::Rank {
                        Issue::NotARank { text: short(raw) }
                    } else {
                        Issue::NotANumber { text: short(raw) }
                    }),
                    Some(Cell::Blank) => {}
                    Some(Cell::RankValue(k, x)) => {
                        if k == 0 {
                            problem(Issue::NotARank { text: short(raw) });
                        } else {
                            d.official.rank = Some(k);
                        }
                        if in_range(value(x)) {
                            d.official.index = Some(value(x));
                        } else {
                            problem(Issue::OutOfRange {
                                value: value(x),
                                percent_like: scale == 1.0 && percent_like[c],
                            });
                        }
                    }
                    Some(Cell::Number(x)) if *role == Role::Rank => {
                        if x.fract() == 0.0 && (1.0..=1e6).contains(&x) {
                            d.official.rank = Some(x as u32);
                        } else {
                            problem(Issue::NotARank { text: short(raw) });
                        }
                    }
                    Some(Cell::Number(x)) => {
                        if in_range(value(x)) {
                            d.official.index = Some(value(x));
                        } else {
                            problem(Issue::OutOfRange {
                                value: value(x),
                                percent_like: scale == 1.0 && percent_like[c],
                            });
                        }
                    }
                },
            }
        }
        rows.push(d);
    }

    // Registry matching and duplicates.
    let names: Vec<&str> = rows.iter().map(|d| d.name.as_str()).collect();
    let matched: Vec<Option<String>> = match registry {
        Some(reg) => reg.match_names(&names, mapping.edition),
        None => vec![None; rows.len()],
    };
    // Two rows are the same unit when they match the same registry unit, or their names are
    // the same without accents, case or punctuation (or, for a name of punctuation alone, the
    // same). Ids follow from that, made unique where a made-up one meets another ("***" on row
    // 2 is `row-2`, as is the name "row 2").
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut used: HashSet<String> = HashSet::new();
    let mut ids: Vec<String> = Vec::with_capacity(rows.len());
    for (i, d) in rows.iter_mut().enumerate() {
        let slug = matched[i].clone().unwrap_or_else(|| id_of(&d.name));
        let key = if slug.is_empty() {
            format!(" {}", d.name.to_lowercase())
        } else {
            slug.clone()
        };
        let mut id = if slug.is_empty() {
            format!("row-{}", d.line)
        } else {
            slug
        };
        if used.contains(&id) {
            let base = id.clone();
            let mut k = 2;
            while used.contains(&id) {
                id = format!("{base}-{k}");
                k += 1;
            }
        }
        used.insert(id.clone());
        if matched[i].is_none() && is_summary_name(&d.name) {
            if let Some(c) = name_col {
                d.problems.push(CellProblem {
                    line: Some(d.line),
                    column: Some(c),
                    column_title: table.column_title(c),
                    issue: Issue::SummaryRow {
                        name: d.name.clone(),
                    },
                });
            }
        }
        if !d.name.is_empty() {
            if let Some(&first) = seen.get(&key) {
                if let Some(c) = name_col {
                    d.problems.push(CellProblem {
                        line: Some(d.line),
                        column: Some(c),
                        column_title: table.column_title(c),
                        issue: Issue::DuplicateName {
                            name: d.name.clone(),
                            first_line: first,
                        },
                    });
                }
            } else {
                seen.insert(key, d.line);
            }
        }
        ids.push(id);
    }

    let mut problems = general.clone();
    let mut left_out = Vec::new();
    for d in &rows {
        if !d.problems.is_empty() {
            problems.extend(d.problems.iter().cloned());
            left_out.push(d.line);
        }
    }
    let row_problems = !left_out.is_empty();
    if !mapping.leave_out_problem_rows {
        left_out.clear();
    }
    if !general.is_empty() || (row_problems && !mapping.leave_out_problem_rows) {
        return Built {
            dataset: None,
            problems,
            left_out,
            matched,
        };
    }

    let categories: Vec<Category> = roles
        .iter()
        .enumerate()
        .filter_map(|(c, r)| match r {
            Role::Category(id) => Some(match known(id) {
                Some(k) => Category {
                    id: id.clone(),
                    name: Text::new(k.vi, k.en),
                    weight: None,
                    max_points: None,
                },
                None => {
                    let title = table.column_title(c);
                    Category {
                        id: id.clone(),
                        name: Text::new(title.clone(), title),
                        weight: None,
                        max_points: None,
                    }
                }
            }),
            _ => None,
        })
        .collect();
    let group_name = GROUPS
        .iter()
        .find(|g| g.0 == mapping.group)
        .map(|g| Text::new(g.1, g.2))
        .unwrap_or_else(|| Text::new(mapping.group.clone(), mapping.group.clone()));
    let mut unit_lines = Vec::new();
    let mut units = Vec::new();
    for ((d, id), m) in rows.into_iter().zip(ids).zip(&matched) {
        if !d.problems.is_empty() {
            continue;
        }
        unit_lines.push(d.line);
        // A name typed without its accents ("Da Nang") that the registry knows is shown as the
        // registry spells it ("Đà Nẵng"); one with accents is kept as the table has it.
        let name = match (m, registry) {
            (Some(m), Some(reg)) if d.name.is_ascii() => {
                reg.unit(m).map_or(d.name, |u| u.name.vi.clone())
            }
            _ => d.name,
        };
        units.push(Unit {
            id,
            name,
            group: mapping.group.clone(),
            scores: d.scores,
            category_ranks: d.ranks,
            official: d.official,
            sources: Vec::new(),
            note: None,
        });
    }
    let title = if mapping.title.trim().is_empty() {
        Text::new("Bảng do người dùng nhập", "Table supplied by the user")
    } else {
        Text::new(mapping.title.trim(), mapping.title.trim())
    };
    let slug = collate::slug(&mapping.title);
    let mut ds = Dataset {
        format: FORMAT.to_string(),
        id: if slug.is_empty() {
            format!("user-{}", mapping.edition)
        } else {
            format!("user-{}", slug.chars().take(60).collect::<String>())
                .trim_end_matches('-')
                .to_string()
        },
        title,
        edition: mapping.edition,
        // Known categories of one series (the six MIC ones, the DTI pillars) make the table an
        // edition of that series, so the app can set it beside the bundled editions (the same
        // unit's official ranks, by registry id) for comparison.
        series: {
            let mut of_categories = roles.iter().filter_map(|r| match r {
                Role::Category(id) => Some(known(id).map(|k| k.series)),
                _ => None,
            });
            let first = of_categories.next().flatten();
            if first.is_some() && of_categories.all(|s| s == first) {
                first.map(String::from)
            } else {
                None
            }
        },
        published: None,
        publisher: Text::new("Người dùng (chưa kiểm chứng)", "The user (not verified)"),
        sources: Vec::new(),
        notes: None,
        categories,
        weight_basis: WeightBasis::Unknown,
        weight_note: None,
        groups: vec![Group {
            id: mapping.group.clone(),
            name: group_name,
            units_evaluated: None,
        }],
        precision: 4,
        units,
        coverage: Vec::new(),
    };
    ds.precision = precision_of(table, mapping);
    for p in validate::validate(&ds)
        .into_iter()
        .chain(validate::consistency(&ds))
    {
        problems.push(locate(&p, &unit_lines, table, roles));
    }
    // Usable when every problem left is in a row left out.
    let ok = problems
        .iter()
        .all(|p| p.line.is_some_and(|l| left_out.contains(&l)));
    Built {
        dataset: ok.then_some(ds),
        problems,
        left_out,
        matched,
    }
}

/// Whether a name (matched to no registry unit) is a spreadsheet's summary row: a total, an
/// average, the country as a whole. Compared without accents or case, as the whole name or its
/// first words ("Trung bình cả nước", "Average (63 provinces)").
pub fn is_summary_name(name: &str) -> bool {
    // Not "tổng" alone: "Tổng cục Thống kê" is a unit.
    const WORDS: [&str; 13] = [
        "tong cong",
        "tong so",
        "trung binh",
        "binh quan",
        "trung vi",
        "ca nuoc",
        "toan quoc",
        "total",
        "sum",
        "average",
        "mean",
        "median",
        "all",
    ];
    let f = collate::fold(name);
    let f = f.trim();
    // "Tổng công ty …" (a state corporation) folds to "tong cong ty …": a unit.
    if f.starts_with("tong cong ty") {
        return false;
    }
    f == "tong"
        || WORDS
            .iter()
            .any(|w| f == *w || f.strip_prefix(w).is_some_and(|rest| rest.starts_with(' ')))
}

/// The decimals the figures have once read (2 to 6), for ties and display: the decimals
/// printed, and two more for a value divided by 100 ("85,37" with "divide by 100" ticked, or
/// "85,37%", is 0.8537: four decimals, so that it does not tie with "84,62" at 0,85).
fn precision_of(table: &Table, mapping: &Mapping) -> u32 {
    let mut most = 0;
    for r in &table.rows {
        for (c, role) in mapping.roles.iter().enumerate() {
            if matches!(role, Role::Category(_) | Role::Index) {
                let Some(cell) = r.cells.get(c) else { continue };
                let cell = cell.trim();
                let percent = cell.ends_with('%');
                let cell = cell.trim_end_matches('%').trim();
                let cell = match cell.find('(') {
                    Some(i) => cell[i + 1..].trim_end_matches(')'),
                    None => cell,
                };
                let printed = cell.rfind([',', '.']).map_or(0, |i| cell.len() - i - 1);
                let divided = percent || mapping.divide_by_100.get(c).copied().unwrap_or(false);
                most = most.max(printed + if divided { 2 } else { 0 });
            }
        }
    }
    (most as u32).clamp(2, 6)
}

fn short(s: &str) -> String {
    let t: String = s.trim().chars().take(40).collect();
    if t.len() < s.trim().len() {
        format!("{t}…")
    } else {
        t
    }
}

/// Maps an engine problem about `units[i].…` back to a line and column of the table.
fn locate(
    p: &validate::Problem,
    unit_lines: &[usize],
    table: &Table,
    roles: &[Role],
) -> CellProblem {
    let rule = Issue::Rule {
        message: p.located(),
    };
    let Some((index, field)) = p
        .path
        .strip_prefix("units[")
        .and_then(|rest| rest.split_once(']'))
    else {
        return CellProblem::whole(rule);
    };
    let Some(&line) = index.parse::<usize>().ok().and_then(|i| unit_lines.get(i)) else {
        return CellProblem::whole(rule);
    };
    let field = field.trim_start_matches('.');
    let want = if let Some(cat) = field
        .strip_prefix("scores.")
        .or_else(|| field.strip_prefix("category_ranks."))
    {
        Some(Role::Category(cat.to_string()))
    } else {
        match field {
            "name" | "id" => Some(Role::Name),
            "official.rank" => Some(Role::Rank),
            "official.index" => Some(Role::Index),
            _ => None,
        }
    };
    let column = want.and_then(|w| roles.iter().position(|r| *r == w));
    CellProblem {
        line: Some(line),
        column,
        column_title: column.map(|c| table.column_title(c)).unwrap_or_default(),
        issue: Issue::Rule {
            message: p.message.clone(),
        },
    }
}

/// Parses, guesses and builds in one step with the guessed mapping (for tests and the CLI-like
/// callers that take the guess as it is).
pub fn import(
    text: &str,
    title: &str,
    edition: i32,
    registry: Option<&Registry>,
) -> Result<Built, CellProblem> {
    let table = parse(text)?;
    let g = guess(&table);
    let names: Vec<&str> = match g.roles.iter().position(|r| *r == Role::Name) {
        Some(c) => table.rows.iter().map(|r| r.cells[c].as_str()).collect(),
        None => Vec::new(),
    };
    let group = match registry {
        Some(reg) => guess_group(&reg.match_names(&names, edition), reg),
        None => "provinces",
    };
    let mapping = Mapping {
        divide_by_100: vec![false; table.columns()],
        roles: g.roles,
        title: title.to_string(),
        edition,
        group: group.to_string(),
        leave_out_problem_rows: false,
    };
    Ok(build(&table, &mapping, registry))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_a_title_or_the_headers_name() {
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let t = "Bảng 2. Kết quả Chỉ số DTI cấp tỉnh năm 2024";
        assert_eq!(year_named(Some(t), &h(&["Tỉnh", "Hạ tầng"])), Some(2024));
        // The title's year wins over the headers'.
        assert_eq!(year_named(Some(t), &h(&["Xếp hạng 2023"])), Some(2024));
        assert_eq!(
            year_named(None, &h(&["Tỉnh", "Chỉ số DTI 2022", "Xếp hạng 2022"])),
            Some(2022)
        );
        // A date's year, a document's number, a range: not the edition (a review's titles).
        assert_eq!(
            year_named(
                Some("Quyết định 2011/QĐ-BTTTT ngày 15/11/2024 công bố DTI năm 2023"),
                &h(&["Tỉnh"])
            ),
            Some(2023)
        );
        assert_eq!(
            year_named(Some("Hà Nội, ngày 20/11/2024"), &h(&["Tỉnh"])),
            None
        );
        assert_eq!(
            year_named(Some("Bảng xếp hạng 2019-2020"), &h(&["Tỉnh"])),
            None
        );
        // Two years, one after "năm": that one; two, neither after it: none.
        assert_eq!(
            year_named(Some("Kết quả DTI năm 2023, công bố 2024"), &h(&["Tỉnh"])),
            Some(2023)
        );
        assert_eq!(
            year_named(Some("Báo cáo 2023 và 2024"), &h(&["Tỉnh"])),
            None
        );
        // Headers that disagree, a number that is no year, none: nothing said.
        assert_eq!(year_named(None, &h(&["DTI 2022", "DTI 2023"])), None);
        assert_eq!(year_named(Some("Bảng 12345"), &h(&["Tỉnh"])), None);
        assert_eq!(year_named(None, &h(&["Tỉnh", "Điểm"])), None);
    }

    #[test]
    fn the_exports_head_is_read_back_in_either_language() {
        let vi = "\u{feff}# Chỉ số chuyển đổi số (DTI) năm 2024 — 34 tỉnh, thành phố sau sắp xếp\n\
                  # nhóm: provinces (Tỉnh, thành phố trực thuộc Trung ương); năm 2024\n\
                  # trọng số: a=50 (25.0 %); b=150 (75.0 %)\n\
                  # cách gộp: trung bình cộng có trọng số; đơn vị thiếu một chỉ số thành phần: không xếp hạng\n\
                  rank,id,name,score,a,b\n1,ha-noi,Hà Nội,0.9,1,0.8667\n2,hue,Huế,0.5,0.5,0.5\n";
        let t = parse(vi).unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(
            t.export.title.as_deref(),
            Some("Chỉ số chuyển đổi số (DTI) năm 2024 — 34 tỉnh, thành phố sau sắp xếp")
        );
        assert_eq!(t.export.group.as_deref(), Some("provinces"));
        assert_eq!(t.export.edition, Some(2024));
        assert_eq!(t.export.weights_for(["b", "a"]), Some(vec![150.0, 50.0]));
        assert_eq!(
            t.export.weights_for(["a", "c"]),
            None,
            "a category the head does not name"
        );
        let en = "# My table\n# group: g1 (Group, one); edition 2021\n# weights: x=0.5 (50.0%); y=0.5 (50.0%)\n\
                  # filtered: name \"Hà\"; 1 unit shown\nname\tx\ty\nA\t0,5\t0,4\n";
        let t = parse(en).unwrap();
        assert_eq!(t.export.title.as_deref(), Some("My table"));
        assert_eq!(t.export.group.as_deref(), Some("g1"));
        assert_eq!(t.export.edition, Some(2021));
        assert_eq!(t.export.weights_for(["x", "y"]), Some(vec![0.5, 0.5]));
        assert!(!t.export.geometric && !t.export.renormalize);
        // Padded by a spreadsheet, with the other options.
        let padded = "# Bảng, có dấu phẩy,,,\n# nhóm: provinces (Tỉnh); năm 2024,,,\n# trọng số: a=1 (50.0 %); b=1 (50.0 %),,,\n\
                      # cách gộp: trung bình nhân có trọng số; đơn vị thiếu một chỉ số thành phần: chia lại trọng số,,,\n\
                      name,a,b,c\nA,0.5,0.4,\n";
        let t = parse(padded).unwrap();
        assert_eq!(t.export.title.as_deref(), Some("Bảng, có dấu phẩy"));
        assert_eq!(t.export.edition, Some(2024));
        assert!(t.export.geometric && t.export.renormalize);
        // Any other comment says nothing; all-zero weights are none.
        let other = parse("# notes: x=1\nname,x\nA,0.5\n").unwrap();
        assert_eq!(other.export, ExportHead::default());
        let zero = ExportHead::read(&[
            "t".into(),
            "group: g (G); edition 2020".into(),
            "weights: x=0 (NaN%)".into(),
        ]);
        assert_eq!(zero.weights_for(["x"]), None);
    }

    #[test]
    fn numbers_in_every_spelling() {
        assert_eq!(parse_number("0,934"), Some(0.934));
        assert_eq!(parse_number("0.934"), Some(0.934));
        assert_eq!(parse_number("93,4%"), Some(0.934));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("0,9,3"), Some(93.0));
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_cell("01 (0,727)"), Some(Cell::RankValue(1, 0.727)));
        assert_eq!(parse_cell("  — "), Some(Cell::Blank));
        assert_eq!(parse_cell("1 (x)"), None);
    }

    #[test]
    fn delimiters_respect_quotes() {
        assert_eq!(detect_delimiter("a\tb\n\"x,y\"\t0,5\n"), b'\t');
        assert_eq!(detect_delimiter("a;b\nx;0,5\n"), b';');
        assert_eq!(detect_delimiter("a,b\n\"x;y\",\"0,5\"\n"), b',');
        assert_eq!(detect_delimiter("only\none\n"), b'\t');
        // The export's comment lines are not counted.
        assert_eq!(
            detect_delimiter("# weights: a=3; b=1\n# x\nname,a,b\nX,0.5,0.2\n"),
            b','
        );
    }

    #[test]
    fn headers_are_detected() {
        let t = parse("Tỉnh\tHạ tầng\nHà Nội\t0,5\n").unwrap();
        assert!(t.has_header);
        assert_eq!(t.rows[0].line, 2);
        let t = parse("Hà Nội\t0,5\nHuế\t0,4\n").unwrap();
        assert!(!t.has_header);
        assert_eq!(t.header, vec!["1", "2"]);
    }

    #[test]
    fn guesses_mic_and_dti_columns() {
        let t = parse("STT\tTỉnh/TP\tHa tang\tCổng TTĐT\tNhân lực\tXếp hạng (chỉ số)\n1\tHà Nội\t0,5\t0,6\t0,7\t01 (0,727)\n2\tHuế\t0,4\t0,5\t0,6\t02 (0,6)\n3\tHuế 2\t0,4\t0,5\t0,6\t03 (0,5)\n").unwrap();
        let g = guess(&t);
        assert_eq!(g.series, Some("mic-ict"));
        assert_eq!(g.roles[0], Role::Ignore);
        assert_eq!(g.roles[1], Role::Name);
        assert_eq!(g.roles[2], Role::Category("infrastructure".into()));
        assert_eq!(g.roles[3], Role::Category("portal".into()));
        assert_eq!(g.roles[4], Role::Category("hr".into()));
        assert_eq!(g.roles[5], Role::Rank);
        let t = parse("Name,Digital awareness,Hạ tầng số,An toàn thông tin mạng\nA,0.1,0.2,0.3\n")
            .unwrap();
        let g = guess(&t);
        assert_eq!(g.series, Some("dti"));
        assert_eq!(g.roles[2], Role::Category("digital-infrastructure".into()));
        assert_eq!(g.roles[3], Role::Category("cyber-security".into()));
    }

    #[test]
    fn rank_index_cells_fill_rank_and_index() {
        let b = import(
            "Đơn vị\tHạ tầng\tChỉ số\nA\t02 (0,5)\t01 (0,727)\nB\t01 (0,6)\t02 (0,7)\n",
            "T",
            2019,
            None,
        )
        .unwrap();
        let ds = b.dataset.expect("valid");
        assert_eq!(ds.units[0].official.rank, Some(1));
        assert_eq!(ds.units[0].official.index, Some(0.727));
        assert_eq!(ds.series.as_deref(), Some("mic-ict"));
        assert_eq!(ds.units[0].score("infrastructure"), Some(0.5));
        assert_eq!(
            ds.units[0].category_ranks.get("infrastructure"),
            Some(&Some(2))
        );
    }

    #[test]
    fn a_percentage_reads_as_the_decimal_it_was_written_as() {
        // 80.82 / 100 is 0.8081999999999999 in binary: an export printed it in full, and read
        // back, six decimals split Hà Nội and Huế, which tie at four.
        assert_eq!(parse_number("80,82%"), Some(0.8082));
        assert_eq!(parse_number("70,02%"), Some(0.7002));
        assert_eq!(hundredth(80.82), 0.8082);
        assert_eq!(hundredth(7.0), 0.07);
        assert_eq!(hundredth(0.0), 0.0);
        // The decimal with its point moved two places, as its shortest text shows.
        for (x, want) in [
            (12.345, "0.12345"),
            (99.99, "0.9999"),
            (100.0, "1"),
            (33.3333, "0.333333"),
            (0.5, "0.005"),
        ] {
            assert_eq!(hundredth(x).to_string(), want);
        }
        let text = "Tỉnh\tHạ tầng số\tNhân lực số\tAn toàn thông tin mạng\n\
                    Hà Nội\t80,01%\t70,00%\t50,00%\nHuế\t80,00%\t70,02%\t50,00%\nĐà Nẵng\t80,82%\t10,00%\t10,00%\n";
        let d = import(text, "t", 2024, None).unwrap().dataset.unwrap();
        let hue = d.units.iter().find(|u| u.name == "Huế").unwrap();
        assert_eq!(hue.scores["digital-infrastructure"], Some(0.8));
        assert_eq!(hue.scores["digital-human-resources"], Some(0.7002));
        assert_eq!(d.precision, 4);
        // "Divide by 100" ticked for a 0..100 column: the same.
        let t = parse("Tỉnh\tHạ tầng số\nA\t80,82\nB\t70,02\n").unwrap();
        let g = guess(&t);
        let m = Mapping {
            divide_by_100: vec![false, true],
            roles: g.roles,
            title: "t".into(),
            edition: 2024,
            group: "provinces".into(),
            leave_out_problem_rows: false,
        };
        let d = build(&t, &m, None).dataset.unwrap();
        assert_eq!(d.units[0].scores["digital-infrastructure"], Some(0.8082));
    }

    #[test]
    fn headers_with_a_year_notes_and_dti_pillars_are_read_for_what_they_are() {
        // A year in the header: still the index and the rank (before, the index became a
        // category of its own and the rank, 1..n in order, was taken for a row counter).
        let t = parse("STT;Tỉnh/Thành phố;Hạ tầng số;Chỉ số DTI năm 2024;Xếp hạng năm 2024\n\
                       1;Hà Nội;0,9286;0,8241;1\n2;Huế;0,9664;0,7951;2\n3;Hải Phòng;0,9898;0,7857;3\n")
        .unwrap();
        let g = guess(&t);
        assert_eq!(
            g.roles,
            vec![
                Role::Ignore,
                Role::Name,
                Role::Category("digital-infrastructure".into()),
                Role::Index,
                Role::Rank
            ]
        );
        // A notes column with a footnote number on one row: left out, not a category (which
        // made the table one no weight could re-rank).
        let t = parse(
            "Tỉnh\tHạ tầng số\tNhân lực số\tChỉ số DTI\tXếp hạng\tGhi chú\n\
                       Hà Nội\t0,9\t0,9\t0,9000\t1\t1\nHuế\t0,8\t0,7\t0,7500\t2\t\n",
        )
        .unwrap();
        let g = guess(&t);
        assert_eq!(g.roles[5], Role::Ignore);
        // DTI pillars named in full: DTI, though their first words begin MIC categories.
        assert_eq!(g.series, Some("dti"));
        assert_eq!(g.roles[1], Role::Category("digital-infrastructure".into()));
        assert_eq!(g.roles[2], Role::Category("digital-human-resources".into()));
    }

    #[test]
    fn title_lines_above_the_header_and_text_without_columns() {
        let t = parse(
            "BẢNG XẾP HẠNG CHỈ SỐ DTI NĂM 2024 CẤP TỈNH\n\nTỉnh\tHạ tầng số\tXếp hạng\n\
                       Hà Nội\t0,9286\t1\nHuế\t0,9664\t2\n",
        )
        .unwrap();
        assert!(t.has_header);
        assert_eq!(t.header, vec!["Tỉnh", "Hạ tầng số", "Xếp hạng"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].line, 4);
        assert_eq!(
            t.export.title.as_deref(),
            Some("BẢNG XẾP HẠNG CHỈ SỐ DTI NĂM 2024 CẤP TỈNH")
        );
        // A header with one title over rows of numbers is the header still.
        let t = parse("Tỉnh,,\nA,0.5,0.6\nB,0.4,0.3\nC,0.2,0.1\n").unwrap();
        assert_eq!(t.header[0], "Tỉnh");
        assert_eq!(t.rows.len(), 3);
        // Copied from a PDF: spaces between the columns.
        let e = parse("STT Tỉnh Hạ tầng số DTI\n1 Hà Nội 0.9286 0.8241\n2 Huế 0.9664 0.7951\n")
            .unwrap_err();
        assert_eq!(e.issue, Issue::NoColumns);
    }

    #[test]
    fn specific_messages() {
        let b = import("Tỉnh\tHạ tầng\nA\t0,5\nB\tabc\n", "", 2019, None).unwrap();
        assert!(b.dataset.is_none());
        assert_eq!(
            b.problems[0].describe(true),
            "row 3, column “Hạ tầng”: \"abc\" is not a number"
        );
        assert_eq!(
            b.problems[0].describe(false),
            "dòng 3, cột “Hạ tầng”: \"abc\" không phải là số"
        );
        let b = import("Tỉnh\tHạ tầng\nA\t0,5\nA\t0,4\n", "", 2019, None).unwrap();
        assert_eq!(
            b.problems[0].describe(true),
            "row 3, column “Tỉnh”: \"A\" is already on row 2"
        );
        let b = import("Hạ tầng\tCổng\n0,5\t0,4\n", "", 2019, None).unwrap();
        assert_eq!(b.problems[0].issue, Issue::NoNameColumn);
        assert_eq!(parse("  \n\t\n").unwrap_err().issue, Issue::Empty);
        // A quote left open: the rows after it are not swallowed into one name.
        let e = parse("Tỉnh\tHạ tầng\n\"Hà Nội\t0,5\nHuế\t0,4\n").unwrap_err();
        assert_eq!(
            (e.issue, e.line, e.column),
            (Issue::UnclosedQuote, Some(2), None)
        );
        // Quotes that are closed, doubled inside, are read as they should be.
        let t = parse("Tỉnh\tHạ tầng\n\"Hà \"\"Nội\"\"\"\t0,5\nHuế\t0,4\n").unwrap();
        assert_eq!(t.rows[0].cells[0], "Hà \"Nội\"");
        // A header row alone: said so, not "the dataset has no units" with a JSON path.
        assert_eq!(
            parse("Tỉnh\tHạ tầng\n").unwrap_err().issue,
            Issue::NoDataRows
        );
        let big = "a\t0,5\n".repeat(MAX_BYTES / 6 + 10);
        assert!(matches!(
            parse(&big).unwrap_err().issue,
            Issue::TooLarge { .. }
        ));
        let many = "a\t0,5\n".repeat(MAX_ROWS + 5);
        assert_eq!(parse(&many).unwrap_err().issue, Issue::TooManyRows);
    }

    #[test]
    fn a_table_without_its_header_row_is_told_so() {
        let b = import("Hà Nội\t0,5\t0,6\nHuế\t0,4\t0,7\n", "", 2019, None).unwrap();
        assert!(
            b.problems
                .iter()
                .any(|p| p.issue == Issue::NoCategoryNoHeader),
            "{:?}",
            b.problems
        );
    }

    #[test]
    fn html_and_binary_pastes_say_what_they_are() {
        assert_eq!(
            parse("<table><tr><td>Hà Nội</td><td>0,5</td></tr></table>")
                .unwrap_err()
                .issue,
            Issue::Html
        );
        assert_eq!(
            parse("<!DOCTYPE html>\n<html>…").unwrap_err().issue,
            Issue::Html
        );
        assert_eq!(
            parse("\0\u{1}PK\u{3}\u{4}xyz").unwrap_err().issue,
            Issue::NotText
        );
        // A name in angle brackets is a table still.
        assert!(parse("<Tỉnh>\tHạ tầng\nHà Nội\t0,5\n").is_ok());
    }

    #[test]
    fn summary_rows_are_not_ranked_as_units() {
        for name in [
            "Trung bình",
            "Tổng cộng",
            "Tổng",
            "TRUNG BÌNH CẢ NƯỚC",
            "Cả nước",
            "Average (3 provinces)",
            "Total",
        ] {
            let text = format!("Tỉnh\tHạ tầng\nHà Nội\t0,8\nHuế\t0,6\n{name}\t0,7\n");
            let b = import(&text, "", 2019, None).unwrap();
            assert!(
                matches!(
                    &b.problems[..],
                    [CellProblem {
                        line: Some(4),
                        issue: Issue::SummaryRow { .. },
                        ..
                    }]
                ),
                "{name}: {:?}",
                b.problems
            );
        }
        // Names that merely begin alike are units.
        for name in [
            "Tổng cục Thống kê",
            "Tổng công ty Viễn thông MobiFone",
            "Trung tâm X",
            "Allied",
        ] {
            let text = format!("Tỉnh\tHạ tầng\nHà Nội\t0,8\n{name}\t0,7\n");
            assert!(
                import(&text, "", 2019, None).unwrap().problems.is_empty(),
                "{name}"
            );
        }
    }

    #[test]
    fn a_total_row_or_a_typo_does_not_hide_divide_by_100() {
        for extra in ["Tổng cộng\t231,2", "Hải Phòng\t100,5", "Hải Phòng\tabc"] {
            let text = format!("Tỉnh\tHạ tầng\nHà Nội\t81,2\nĐà Nẵng\t90\nHuế\t60\n{extra}\n");
            let t = parse(&text).unwrap();
            let g = guess(&t);
            assert_eq!(g.percent_like, vec![false, true], "{extra}");
            let m = Mapping {
                roles: g.roles,
                divide_by_100: vec![false, true],
                title: "x".into(),
                edition: 2019,
                group: "provinces".into(),
                leave_out_problem_rows: false,
            };
            let b = build(&t, &m, None);
            // Divided, only the odd row is a problem, in its own line.
            assert!(
                !b.problems.is_empty() && b.problems.iter().all(|p| p.line == Some(5)),
                "{extra}: {:?}",
                b.problems
            );
        }
        // Mostly not 0..100: no box.
        let t = parse("Tỉnh\tHạ tầng\nA\t0,5\nB\t0,6\nC\t70\n").unwrap();
        assert_eq!(guess(&t).percent_like, vec![false, false]);
    }

    #[test]
    fn percent_columns_are_offered_not_applied() {
        let text = "Tỉnh\tHạ tầng\nA\t50\nB\t93,4\n";
        let b = import(text, "", 2019, None).unwrap();
        assert!(matches!(
            b.problems[0].issue,
            Issue::OutOfRange {
                percent_like: true,
                ..
            }
        ));
        let said = b.problems[1].issue.text();
        assert!(said.vi.starts_with("93,4 nằm ngoài"), "{}", said.vi);
        assert!(said.en.starts_with("93.4 is outside"), "{}", said.en);
        let t = parse(text).unwrap();
        let g = guess(&t);
        assert_eq!(g.percent_like, vec![false, true]);
        let m = Mapping {
            roles: g.roles,
            divide_by_100: vec![false, true],
            title: "x".into(),
            edition: 2019,
            group: "provinces".into(),
            leave_out_problem_rows: false,
        };
        let ds = build(&t, &m, None).dataset.unwrap();
        assert_eq!(ds.units[1].score("infrastructure"), Some(0.934));
        // 93,4 divided by 100 has three decimals, not one (ties are made at `precision`).
        assert_eq!(ds.precision, 3);
    }

    /// Values divided by 100 keep their digits for ties: 85,37 and 84,62 (as 0.8537 and
    /// 0.8462) do not tie at two decimals.
    #[test]
    fn divided_values_keep_their_digits() {
        let t = parse("Tỉnh\tHạ tầng\nA\t85,37\nB\t84,62\n").unwrap();
        let m = Mapping {
            roles: guess(&t).roles,
            divide_by_100: vec![false, true],
            title: "x".into(),
            edition: 2019,
            group: "provinces".into(),
            leave_out_problem_rows: false,
        };
        assert_eq!(build(&t, &m, None).dataset.unwrap().precision, 4);
        let t = parse("Tỉnh\tHạ tầng\nA\t85,37%\nB\t84,62%\n").unwrap();
        let m = Mapping {
            divide_by_100: vec![false; 2],
            ..m
        };
        assert_eq!(build(&t, &m, None).dataset.unwrap().precision, 4);
    }

    #[test]
    fn leaving_out_problem_rows() {
        let t = parse("Tỉnh\tHạ tầng\nA\t0,5\nB\tabc\nC\t0,7\n").unwrap();
        let mut m = Mapping {
            roles: guess(&t).roles,
            divide_by_100: vec![false; 2],
            title: "Thử".into(),
            edition: 2019,
            group: "provinces".into(),
            leave_out_problem_rows: true,
        };
        let b = build(&t, &m, None);
        assert_eq!(b.left_out, vec![3]);
        let ds = b.dataset.unwrap();
        assert_eq!(ds.units.len(), 2);
        assert_eq!(ds.id, "user-thu");
        m.leave_out_problem_rows = false;
        assert!(build(&t, &m, None).dataset.is_none());
    }

    #[test]
    fn values_beyond_the_header_are_refused_with_the_likely_cause() {
        // A decimal comma in a comma-separated table: "Huế,0,8" is three cells.
        let e = parse("Province,Infrastructure\nHà Nội,0,93\nHuế,0,8\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(matches!(
            e.issue,
            Issue::BeyondHeader {
                cells: 3,
                header: 2,
                decimal_comma: true
            }
        ));
        assert!(
            e.describe(true).contains("decimal commas"),
            "{}",
            e.describe(true)
        );
        assert!(e.describe(false).contains("dấu phẩy thập phân"));
        // Tab-separated: the generic advice.
        let e = parse("Tỉnh\tHạ tầng\nHà Nội\t0,5\nHuế\t0,4\tghi chú\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(matches!(
            e.issue,
            Issue::BeyondHeader {
                decimal_comma: false,
                ..
            }
        ));
        // Trailing delimiters are not values; a header's blank last title is a column.
        assert!(parse("Tỉnh;Hạ tầng\nHà Nội;0,5;;\nHuế;0,4\n").is_ok());
        assert!(parse("Tỉnh;Hạ tầng;\nHà Nội;0,5;0,7\n").is_ok());
        // Quoted decimal commas are one cell.
        assert!(parse("Province,Infrastructure\nHà Nội,\"0,93\"\n").is_ok());
    }

    #[test]
    fn an_untitled_column_is_offered_and_guessed_under_one_id() {
        let t =
            parse("Tỉnh\tHạ tầng\t\tCổng\nHà Nội\t0,5\t0,7\t0,6\nHuế\t0,4\t0,5\t0,3\n").unwrap();
        let g = guess(&t);
        assert_eq!(own_category(&t, 2).as_deref(), Some("3"));
        assert_eq!(g.roles[2], Role::Category("3".into()));
    }

    #[test]
    fn long_titles_make_valid_ids() {
        let long = "Chỉ tiêu ".repeat(30);
        let text = format!("Tỉnh\t{long}\n{long}\t0,5\nHuế\t0,4\n");
        let built = import(&text, "t", 2019, None).unwrap();
        assert!(built.problems.is_empty(), "{:?}", built.problems);
        let ds = built.dataset.unwrap();
        assert!(ds.categories[0].id.len() <= ID_MAX);
        assert!(ds.units[0].id.len() <= ID_MAX);
        assert!(validate::is_slug(&ds.units[0].id) && validate::is_slug(&ds.categories[0].id));
    }

    #[test]
    fn a_typo_in_a_number_column_is_a_problem_not_a_dropped_column() {
        let built = import(
            "Name,A,B\nX,0.9,0.5\nY,0.4,0.6\nZ,0.5,0.3\nW,0.7x,0.2\n",
            "t",
            2019,
            None,
        )
        .unwrap();
        assert!(built.dataset.is_none());
        assert_eq!(built.problems.len(), 1, "{:?}", built.problems);
        assert_eq!(built.problems[0].line, Some(5));
        assert_eq!(built.problems[0].column_title, "A");
        assert!(matches!(built.problems[0].issue, Issue::NotANumber { .. }));
    }

    #[test]
    fn rank_value_cells_are_told_from_plain_ranks() {
        let t = parse("Tỉnh\tXếp hạng\tHạng 2\nHà Nội\t01 (72,7)\t1\nHuế\t02 (60)\t2\n").unwrap();
        assert!(has_rank_values(&t, 1));
        assert!(!has_rank_values(&t, 2));
        assert!(!has_rank_values(&t, 9));
    }

    #[test]
    fn a_repeated_header_is_left_for_the_user() {
        let t = parse("Tỉnh\tHạ tầng\tHạ tầng\nHà Nội\t0,5\t0,6\nHuế\t0,4\t0,3\n").unwrap();
        let g = guess(&t);
        assert!(matches!(&g.roles[1], Role::Category(_)));
        assert_eq!(g.roles[2], Role::Ignore);
        assert_eq!(repeated_header(&t, 2), Some(1));
        assert_eq!(repeated_header(&t, 1), None);
        let t = parse("Tỉnh\tFoo\tfoo\nHà Nội\t0,5\t0,6\n").unwrap();
        assert_eq!(guess(&t).roles[2], Role::Ignore);
        assert_eq!(repeated_header(&t, 2), Some(1));
        // A unit in brackets and accents make no difference; two empty headers are not a repeat.
        let t = parse("Tỉnh\tCổng (%)\tcong\t\t\nHà Nội\t50\t60\t1\t2\n").unwrap();
        assert_eq!(repeated_header(&t, 2), Some(1));
        assert_eq!(repeated_header(&t, 4), None);
        assert_eq!(repeated_header(&t, 9), None);
    }

    #[test]
    fn made_up_ids_do_not_make_false_duplicates() {
        // "***" has no slug: its id is row-2, which "row 2" would also be.
        let built = import("Tỉnh\tHạ tầng\n***\t0,5\nrow 2\t0,4\n", "t", 2019, None).unwrap();
        assert!(built.problems.is_empty(), "{:?}", built.problems);
        let ds = built.dataset.unwrap();
        assert_ne!(ds.units[0].id, ds.units[1].id);
        // The same punctuation twice is the same name.
        let built = import("Tỉnh\tHạ tầng\n***\t0,5\n***\t0,4\n", "t", 2019, None).unwrap();
        assert!(matches!(
            built.problems[0].issue,
            Issue::DuplicateName { first_line: 2, .. }
        ));
        // Accents and case still make no difference.
        let built = import("Tỉnh\tHạ tầng\nHà Nội\t0,5\nha noi\t0,4\n", "t", 2019, None).unwrap();
        assert!(matches!(
            built.problems[0].issue,
            Issue::DuplicateName { .. }
        ));
    }
}
