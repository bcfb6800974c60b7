//! Fetching the manifest, datasets and the units registry, with errors a reader can act on:
//! what failed, which file, and what to do.

use crate::engine::dataset::{Dataset, Text, MAX_BYTES};
use crate::engine::validate::{parse_dataset, Problem};
use gloo_net::http::Request;
use serde::Deserialize;

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

/// The manifest `data/index.json`: which datasets exist. Only the fields the app reads.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Manifest {
    pub datasets: Vec<ManifestEntry>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ManifestEntry {
    pub id: String,
    pub file: String,
    pub title: Text,
    #[serde(default)]
    pub series: Option<String>,
    pub edition: i32,
    #[serde(default)]
    pub default: bool,
    #[serde(default)]
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

async fn fetch_json<T: for<'de> Deserialize<'de>>(file: &str) -> Result<T, LoadError> {
    let bytes = fetch_bytes(&format!("{DATA_DIR}{file}"), file).await?;
    crate::engine::json::from_slice(&bytes).map_err(|e| LoadError::Malformed {
        file: file.to_string(),
        detail: e.to_string(),
    })
}

pub async fn manifest() -> Result<Manifest, LoadError> {
    fetch_json("index.json").await
}

pub async fn registry() -> Result<Registry, LoadError> {
    fetch_json("units.json").await
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
