//! Fetching the manifest, datasets and the units registry, with errors a reader can act on:
//! what failed, which file, and what to do.

use crate::engine::dataset::{Dataset, Text, MAX_BYTES};
use crate::engine::validate::{parse_dataset, Problem};
use gloo_net::http::Request;

/// Where the bundled files live, relative to the page.
pub const DATA_DIR: &str = "data/";

/// Why a file could not be used.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The request failed before an answer (offline, blocked by CORS, bad address).
    Network { file: String, detail: String },
    /// The server answered with an error status (404: the file is missing).
    Status { file: String, status: u16 },
    /// The file is larger than the size limit.
    TooLarge { file: String, bytes: usize },
    /// The file is not the JSON it should be: what is wrong, in both languages, as a sentence
    /// ("The file is not valid JSON (line 1, column 14: …)").
    Malformed { file: String, detail: Text },
    /// The file is JSON but not a valid dataset: every problem, with its path.
    Invalid {
        file: String,
        problems: Vec<Problem>,
    },
    /// The link names a bundled dataset (`?d=`) that the manifest does not list: a typo, or
    /// a dataset since renamed. Shown as an error rather than silently replaced by another.
    UnknownDataset { id: String },
    /// The part of the app that checks a file from a link's `?data=` (`lazy::checked_external`)
    /// could not be loaded (offline, a deploy in between): the file arrived, unchecked.
    Unchecked { file: String },
    /// A table shared in a link (`#ds=…`) that cannot be read: cut short when copied, say. The
    /// message is in both languages (`share::ShareError::text`).
    BrokenLink { message: Text },
}

impl LoadError {
    pub fn file(&self) -> &str {
        match self {
            LoadError::Network { file, .. }
            | LoadError::Status { file, .. }
            | LoadError::TooLarge { file, .. }
            | LoadError::Malformed { file, .. }
            | LoadError::Invalid { file, .. }
            | LoadError::Unchecked { file } => file,
            LoadError::UnknownDataset { id } => id,
            LoadError::BrokenLink { .. } => "#ds=…",
        }
    }
}

/// The manifest `data/index.json`: which datasets exist. Only the fields the app reads
/// (`read_manifest`).
#[derive(Clone, Debug, PartialEq)]
pub struct Manifest {
    pub datasets: Vec<ManifestEntry>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ManifestEntry {
    pub id: String,
    pub file: String,
    pub title: Text,
    pub series: Option<String>,
    pub edition: i32,
    pub default: bool,
    pub rerankable: bool,
}

impl Manifest {
    /// The entry the app opens when the link names none: the one marked default, else the first.
    pub fn default_entry(&self) -> Option<&ManifestEntry> {
        self.datasets
            .iter()
            .find(|d| d.default)
            .or(self.datasets.first())
    }

    /// The newest dataset that can be re-weighted (every category published for a group).
    pub fn rerankable_entry(&self) -> Option<&ManifestEntry> {
        self.datasets
            .iter()
            .filter(|d| d.rerankable)
            .max_by_key(|d| d.edition)
    }

    pub fn entry(&self, id: &str) -> Option<&ManifestEntry> {
        self.datasets.iter().find(|d| d.id == id)
    }
}

/// The units registry `data/units.json` (ids, names, regions, 2025 provinces): the engine's
/// type, so the importer's name matching and the views read the same file the same way.
pub use crate::engine::registry::Registry;

async fn fetch_bytes(url: &str, file: &str) -> Result<Vec<u8>, LoadError> {
    let resp = Request::get(url)
        .send()
        .await
        .map_err(|e| LoadError::Network {
            file: file.to_string(),
            detail: e.to_string(),
        })?;
    if !resp.ok() {
        return Err(LoadError::Status {
            file: file.to_string(),
            status: resp.status(),
        });
    }
    let bytes = resp.binary().await.map_err(|e| LoadError::Network {
        file: file.to_string(),
        detail: e.to_string(),
    })?;
    if bytes.len() > MAX_BYTES {
        return Err(LoadError::TooLarge {
            file: file.to_string(),
            bytes: bytes.len(),
        });
    }
    Ok(bytes)
}

/// A file of `data/` read by hand from its JSON value (`engine::read`: serde's derives for
/// these types cost the first load 3 KB gzipped).
async fn fetch_json<T>(
    file: &str,
    read: fn(&serde_json::Value) -> Result<T, Problem>,
) -> Result<T, LoadError> {
    let bytes = fetch_bytes(&format!("{DATA_DIR}{file}"), file).await?;
    let malformed = |detail| LoadError::Malformed {
        file: file.to_string(),
        detail,
    };
    // A syntax error as a dataset's is told, with the place and, for the usual ones, the
    // reason in Vietnamese (the list of datasets once said "EOF while parsing a list at line 1
    // column 14" in English).
    let value = serde_json::from_slice(&bytes)
        .map_err(|e| malformed(crate::engine::validate::syntax_problem(&e).message))?;
    read(&value).map_err(|p| {
        let at = p.located();
        malformed(Text::new(
            format!("Tệp không đúng định dạng ({})", at.vi),
            format!("The file is not in the expected format ({})", at.en),
        ))
    })
}

pub async fn manifest() -> Result<Manifest, LoadError> {
    fetch_json("index.json", read_manifest).await
}

pub async fn registry() -> Result<Registry, LoadError> {
    fetch_json("units.json", crate::engine::read::registry).await
}

/// Reads `index.json` as `Manifest`'s fields say: `series`, `default` and `rerankable`
/// optional, other fields ignored.
fn read_manifest(v: &serde_json::Value) -> Result<Manifest, Problem> {
    use crate::engine::read::{boolean, string, text, year, Fields};
    fn entry(v: &serde_json::Value, path: &str) -> Result<ManifestEntry, Problem> {
        let f = Fields::of(v, path)?;
        Ok(ManifestEntry {
            id: f.get("id", string)?,
            file: f.get("file", string)?,
            title: f.get("title", text)?,
            series: f.maybe("series", string)?,
            edition: f.get("edition", year)?,
            default: f.maybe("default", boolean)?.unwrap_or(false),
            rerankable: f.maybe("rerankable", boolean)?.unwrap_or(false),
        })
    }
    Ok(Manifest {
        datasets: Fields::of(v, "")?.list("datasets", true, entry)?,
    })
}

/// Loads and validates a bundled dataset file (a name inside `data/`).
pub async fn dataset(file: &str) -> Result<Dataset, LoadError> {
    let bytes = fetch_bytes(&format!("{DATA_DIR}{file}"), file).await?;
    parse(&bytes, file)
}

/// Loads and validates a dataset from any address (`?data=`), and checks it as an imported
/// table is (`lazy::checked_external`).
pub async fn external_dataset(url: &str) -> Result<Dataset, LoadError> {
    let bytes = fetch_bytes(url, url).await?;
    super::lazy::checked_external(parse(&bytes, url)?, url).await
}

/// An invalid file's problems as the page lists them: each with its JSON path, in `l`.
pub fn problem_lines(problems: &[Problem], l: super::i18n::Lang) -> Vec<String> {
    problems
        .iter()
        .map(|p| l.pick(&p.located()).to_string())
        .collect()
}

/// Validates dataset bytes; a JSON syntax error is "malformed", anything else "invalid".
pub fn parse(bytes: &[u8], file: &str) -> Result<Dataset, LoadError> {
    parse_dataset(bytes).map_err(|problems| match problems.as_slice() {
        [p] if p.is_syntax() => LoadError::Malformed {
            file: file.to_string(),
            detail: p.message.clone(),
        },
        _ => LoadError::Invalid {
            file: file.to_string(),
            problems,
        },
    })
}
