//! Reading the transcription TSV files: UTF-8, tab-separated, one header row, no quoting.

use std::path::Path;

pub struct Table {
    /// The path relative to the sources folder, e.g. `mic-ict-2019/ministries-overall.tsv`.
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

pub struct Row<'a> {
    table: &'a Table,
    cells: &'a [String],
}

impl Table {
    pub fn read(root: &Path, name: &str) -> Result<Table, String> {
        let path = root.join(name);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        let header: Vec<String> = lines
            .next()
            .ok_or_else(|| format!("{}: empty file", path.display()))?
            .split('\t')
            .map(|s| s.trim().to_string())
            .collect();
        let rows = lines
            .map(|l| {
                let mut cells: Vec<String> = l.split('\t').map(|s| s.trim().to_string()).collect();
                cells.resize(header.len().max(cells.len()), String::new());
                cells
            })
            .collect();
        Ok(Table {
            name: name.to_string(),
            header,
            rows,
        })
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows
            .iter()
            .map(move |cells| Row { table: self, cells })
    }

    pub fn has(&self, col: &str) -> bool {
        self.header.iter().any(|h| h == col)
    }
}

impl<'a> Row<'a> {
    /// The trimmed cell of a column; empty when the column is absent or the cell is empty.
    pub fn get(&self, col: &str) -> &'a str {
        self.table
            .header
            .iter()
            .position(|h| h == col)
            .and_then(|i| self.cells.get(i))
            .map(|s| s.as_str())
            .unwrap_or("")
    }

    pub fn num(&self, col: &str) -> Result<Option<f64>, String> {
        parse_num(self.get(col)).map_err(|e| format!("{}: column {col}: {e}", self.table.name))
    }

    pub fn rank(&self, col: &str) -> Result<Option<u32>, String> {
        let s = self.get(col);
        if s.is_empty() {
            return Ok(None);
        }
        s.parse::<u32>()
            .map(Some)
            .map_err(|_| format!("{}: column {col}: {s:?} is not a rank", self.table.name))
    }
}

pub fn parse_num(s: &str) -> Result<Option<f64>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .map(Some)
        .ok_or_else(|| format!("{s:?} is not a number"))
}

/// The addresses in a `source_url` cell (separated by ` | ` or `; `) or in free text.
pub fn urls(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("http") {
        let tail = &rest[start..];
        if !(tail.starts_with("http://") || tail.starts_with("https://")) {
            rest = &tail[4..];
            continue;
        }
        let end = tail
            .find(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '“' || c == '”')
            .unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', ')', '(']);
        if !out.iter().any(|u| u == url) {
            out.push(url.to_string());
        }
        rest = &tail[end..];
    }
    out
}
