//! Assembling one dataset from transcription rows: resolving names to registry ids, merging
//! rows about the same unit from several files, keeping the first value where sources differ
//! and noting the other, and giving every unit the ids of the sources its figures come from.

use super::registry::{Era, Registry, FORMER_NAMES};
use super::tsv::{urls, Row, Table};
use crate::engine::dataset::{Category, Dataset, Group, Official, Source, Text, Unit};
use std::collections::BTreeMap;

/// How a source's title says it was not read itself (see [`Entry::via_copy`]).
pub const ORIGINAL_VIA_COPY: &str =
    "original page, not reached from here; its figures as saved in the copy cited beside it, transcribed in";

/// The sources of one dataset, in order of first use.
#[derive(Default)]
pub struct SourceBook {
    entries: Vec<Entry>,
}

struct Entry {
    id: String,
    url: String,
    /// The transcriptions it was read from.
    files: Vec<String>,
    /// An original page not reached from here, cited for where the figures were first
    /// published: they were read from a saved copy of it, cited beside it.
    via_copy: bool,
}

fn host(url: &str) -> &str {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

impl SourceBook {
    /// The id of a URL, adding it on first use; `file` is the transcription it was read from.
    pub fn add(&mut self, url: &str, file: &str) -> String {
        self.add_as(url, file, false)
    }

    /// [`SourceBook::add`] for an original page whose figures were read from a saved copy.
    /// A page also cited as read stays a page read.
    pub fn add_original(&mut self, url: &str, file: &str) -> String {
        self.add_as(url, file, true)
    }

    fn add_as(&mut self, url: &str, file: &str, via_copy: bool) -> String {
        if let Some(e) = self.entries.iter_mut().find(|e| e.url == url) {
            if !e.files.iter().any(|f| f == file) {
                e.files.push(file.to_string());
            }
            e.via_copy &= via_copy;
            return e.id.clone();
        }
        let h = host(url);
        let h = h
            .strip_prefix("www.")
            .or_else(|| h.strip_prefix("amp."))
            .or_else(|| h.strip_prefix("m."))
            .unwrap_or(h);
        let base: String = h
            .to_ascii_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let mut id = base.clone();
        let mut n = 1;
        while self.entries.iter().any(|e| e.id == id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.entries.push(Entry {
            id: id.clone(),
            url: url.to_string(),
            files: vec![file.to_string()],
            via_copy,
        });
        id
    }

    pub fn into_sources(self) -> Vec<Source> {
        self.entries
            .into_iter()
            .map(|e| Source {
                // `Lang::source_title` (src/app/i18n.rs) puts both forms in Vietnamese.
                title: format!(
                    "{} — {} public/data/sources/{}",
                    host(&e.url),
                    if e.via_copy {
                        ORIGINAL_VIA_COPY
                    } else {
                        "page transcribed in"
                    },
                    e.files.join(", public/data/sources/")
                ),
                id: e.id,
                url: e.url,
            })
            .collect()
    }
}

pub struct Builder<'r> {
    pub reg: &'r mut Registry,
    era: Era,
    pub ds: Dataset,
    notes: Vec<Vec<String>>,
    pub book: SourceBook,
}

const EPS: f64 = 1e-12;

fn fmt(x: f64) -> String {
    format!("{x}")
}

impl<'r> Builder<'r> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        reg: &'r mut Registry,
        era: Era,
        id: &str,
        series: &str,
        edition: i32,
        title: Text,
        publisher: Text,
        categories: Vec<Category>,
        groups: Vec<Group>,
        precision: u32,
    ) -> Builder<'r> {
        Builder {
            reg,
            era,
            ds: Dataset {
                format: crate::engine::dataset::FORMAT.to_string(),
                id: id.to_string(),
                title,
                edition,
                series: Some(series.to_string()),
                published: None,
                publisher,
                sources: vec![],
                notes: None,
                categories,
                weight_basis: crate::engine::dataset::WeightBasis::Unknown,
                weight_note: None,
                groups,
                precision,
                units: vec![],
                coverage: vec![],
            },
            notes: vec![],
            book: SourceBook::default(),
        }
    }

    /// The index of the unit a printed name refers to in `group`, adding it on first mention.
    pub fn unit(&mut self, printed: &str, group: &str, file: &str) -> Result<usize, String> {
        let reg_unit = self.reg.resolve(printed, self.era).ok_or_else(|| {
            format!(
                "{file}: {printed:?} is not in the units registry ({})",
                self.ds.id
            )
        })?;
        let id = reg_unit.id.clone();
        let former = FORMER_NAMES
            .iter()
            .find(|(u, _)| *u == id && self.era == Era::Before2025);
        let name = former.map_or_else(|| reg_unit.vi.clone(), |(_, n)| n.to_string());
        self.reg.note_alias(&id, printed);
        if let Some(i) = self.ds.units.iter().position(|u| u.id == id) {
            if self.ds.units[i].group != group {
                return Err(format!(
                    "{file}: {id} is in group {} and {group} ({})",
                    self.ds.units[i].group, self.ds.id
                ));
            }
            return Ok(i);
        }
        let scores = self
            .ds
            .categories
            .iter()
            .map(|c| (c.id.clone(), None))
            .collect();
        self.ds.units.push(Unit {
            id,
            name,
            group: group.to_string(),
            scores,
            category_ranks: BTreeMap::new(),
            official: Official::default(),
            sources: vec![],
            note: None,
        });
        self.notes.push(vec![]);
        Ok(self.ds.units.len() - 1)
    }

    pub fn note(&mut self, i: usize, text: impl Into<String>) {
        let t = text.into();
        let t = t.trim();
        if !t.is_empty() && !self.notes[i].iter().any(|n| n == t) {
            self.notes[i].push(t.to_string());
        }
    }

    pub fn sources(&mut self, i: usize, text: &str, file: &str) {
        self.sources_as(i, text, file, false);
    }

    /// The original pages of figures read from a saved copy (cited with [`Builder::sources`]).
    pub fn original_sources(&mut self, i: usize, text: &str, file: &str) {
        self.sources_as(i, text, file, true);
    }

    fn sources_as(&mut self, i: usize, text: &str, file: &str, via_copy: bool) {
        for url in urls(text) {
            let id = if via_copy {
                self.book.add_original(&url, file)
            } else {
                self.book.add(&url, file)
            };
            if !self.ds.units[i].sources.contains(&id) {
                self.ds.units[i].sources.push(id);
            }
        }
    }

    pub fn set_index(&mut self, i: usize, v: Option<f64>, file: &str) {
        let Some(v) = v else { return };
        match self.ds.units[i].official.index {
            None => self.ds.units[i].official.index = Some(v),
            Some(old) if (old - v).abs() > EPS => {
                self.note(i, format!("{file} gives the overall index as {}", fmt(v)))
            }
            _ => {}
        }
    }

    pub fn set_rank(&mut self, i: usize, v: Option<u32>, file: &str) {
        let Some(v) = v else { return };
        match self.ds.units[i].official.rank {
            None => self.ds.units[i].official.rank = Some(v),
            Some(old) if old != v => self.note(i, format!("{file} gives the overall rank as {v}")),
            _ => {}
        }
    }

    pub fn set_score(&mut self, i: usize, cat: &str, v: Option<f64>, file: &str) {
        let Some(v) = v else { return };
        let slot = self.ds.units[i]
            .scores
            .entry(cat.to_string())
            .or_insert(None);
        match *slot {
            None => *slot = Some(v),
            Some(old) if (old - v).abs() > EPS => {
                self.note(i, format!("{file} gives {cat} as {}", fmt(v)))
            }
            _ => {}
        }
    }

    pub fn set_cat_rank(&mut self, i: usize, cat: &str, v: Option<u32>, file: &str) {
        let Some(v) = v else { return };
        let slot = self.ds.units[i]
            .category_ranks
            .entry(cat.to_string())
            .or_insert(None);
        match *slot {
            None => *slot = Some(v),
            Some(old) if old != v => self.note(i, format!("{file} gives the {cat} rank as {v}")),
            _ => {}
        }
    }

    /// The note of a fragment row: how the rank is known (when not printed as a number in a
    /// table) and the transcriber's quote.
    pub fn row_note(&mut self, i: usize, row: &Row, file: &str) {
        let basis = row.get("rank_basis");
        let note = row.get("note");
        let mut parts = vec![];
        if !basis.is_empty() && !basis.starts_with("explicit") {
            parts.push(format!("rank basis: {basis}"));
        }
        if !note.is_empty() {
            parts.push(note.to_string());
        }
        if !parts.is_empty() {
            let short = file.rsplit('/').next().unwrap_or(file);
            self.note(i, format!("[{short}] {}", parts.join(" — ")));
        }
    }

    /// Sorts units by group order, then official rank (unranked last), then first mention,
    /// fills notes, sources and coverage.
    pub fn finish(mut self) -> Dataset {
        let order: Vec<String> = self.ds.groups.iter().map(|g| g.id.clone()).collect();
        let mut idx: Vec<usize> = (0..self.ds.units.len()).collect();
        idx.sort_by_key(|&i| {
            let u = &self.ds.units[i];
            (
                order
                    .iter()
                    .position(|g| *g == u.group)
                    .unwrap_or(usize::MAX),
                u.official.rank.unwrap_or(u32::MAX),
                i,
            )
        });
        let mut units = Vec::with_capacity(idx.len());
        for i in idx {
            let mut u = self.ds.units[i].clone();
            if !self.notes[i].is_empty() {
                u.note = Some(self.notes[i].join(" | "));
            }
            units.push(u);
        }
        self.ds.units = units;
        self.ds.sources = self.book.into_sources();
        self.ds.coverage = self.ds.compute_coverage();
        self.ds
    }
}

pub fn cat(id: &str, vi: &str, en: &str, weight: Option<f64>, max: Option<f64>) -> Category {
    Category {
        id: id.to_string(),
        name: Text::new(vi, en),
        weight,
        max_points: max,
    }
}

pub fn group(id: &str, vi: &str, en: &str, evaluated: Option<u32>) -> Group {
    Group {
        id: id.to_string(),
        name: Text::new(vi, en),
        units_evaluated: evaluated,
    }
}

/// Every `.tsv` file name in a folder of the sources, sorted.
pub fn tsv_files(root: &std::path::Path, folder: &str) -> Result<Vec<String>, String> {
    let dir = root.join(folder);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tsv"))
        .collect();
    names.sort();
    Ok(names)
}

pub fn read(root: &std::path::Path, folder: &str, file: &str) -> Result<Table, String> {
    Table::read(root, &format!("{folder}/{file}"))
}
