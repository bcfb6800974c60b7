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
    /// The file is not the JSON it should be.
    Malformed { file: String, detail: String },
    /// The file is JSON but not a valid dataset: every problem, with its path.
    Invalid {
        file: String,
        problems: Vec<Problem>,
    },
    /// The link names a bundled dataset (`?d=`) that the manifest does not list: a typo, or
    /// a dataset since renamed. Shown as an error rather than silently replaced by another.
    UnknownDataset { id: String },
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
            | LoadError::Invalid { file, .. } => file,
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
    // A syntax error in the form `syntax_error` puts in Vietnamese, as a dataset's is: the list
    // of datasets said "EOF while parsing a list at line 1 column 14" in English.
    let value = serde_json::from_slice(&bytes)
        .map_err(|e| malformed(crate::engine::validate::syntax_detail(&e)))?;
    read(&value).map_err(|p| malformed(p.to_string()))
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

/// Loads and validates a dataset from any address (`?data=`).
pub async fn external_dataset(url: &str) -> Result<Dataset, LoadError> {
    let bytes = fetch_bytes(url, url).await?;
    parse(&bytes, url)
}

/// Where a JSON syntax error is and what it is, in the reader's language: the validator's
/// "not valid JSON at line L, column C: reason" (serde_json's reason, in English) becomes
/// "line L, column C: reason", with the reasons a hand-edited file usually has put in Vietnamese.
pub fn syntax_error(detail: &str, l: super::i18n::Lang) -> String {
    let Some(rest) = detail.strip_prefix("not valid JSON at line ") else {
        return detail.to_string();
    };
    let (place, reason) = rest.split_once(": ").unwrap_or((rest, ""));
    let (line, column) = place.split_once(", column ").unwrap_or((place, "?"));
    if l == super::i18n::Lang::En {
        return format!("line {line}, column {column}: {reason}");
    }
    let vi = [
        ("EOF while parsing", "tệp dừng giữa chừng, thiếu phần cuối"),
        ("expected value", "không có giá trị JSON hợp lệ ở đây"),
        ("trailing comma", "dấu phẩy thừa"),
        ("expected `,` or", "thiếu dấu phẩy hoặc dấu đóng ngoặc"),
        (
            "key must be a string",
            "tên trường phải nằm trong dấu nháy kép",
        ),
        ("invalid number", "số không hợp lệ"),
    ]
    .iter()
    .find(|(en, _)| reason.starts_with(en))
    .map_or(reason, |(_, vi)| vi);
    format!("dòng {line}, cột {column}: {vi}")
}

/// Validates dataset bytes; a JSON syntax error is "malformed", anything else "invalid".
pub fn parse(bytes: &[u8], file: &str) -> Result<Dataset, LoadError> {
    parse_dataset(bytes).map_err(|problems| {
        let syntax = problems.len() == 1
            && problems[0].path.is_empty()
            && problems[0].message.starts_with("not valid JSON");
        if syntax {
            LoadError::Malformed {
                file: file.to_string(),
                detail: problems[0].message.clone(),
            }
        } else {
            LoadError::Invalid {
                file: file.to_string(),
                problems,
            }
        }
    })
}
