//! The published dataset format, `xephang-dataset/1`.
//!
//! These types are the contract with newsrooms and analysts who publish their own files, so every
//! field is documented in the README and in `public/data/schema.json`. They are plain data:
//! parsing *with validation* lives in [`crate::engine::validate`], which reports every problem
//! with its JSON path instead of stopping at the first one as serde would.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The value of the `format` field of every dataset file.
pub const FORMAT: &str = "xephang-dataset/1";

/// Files larger than this are refused before parsing: a dataset of all 63 provinces with every
/// category is under 100 KB, so 5 MiB leaves room for large synthetic or multi-year files while
/// keeping a hostile link from freezing the page.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// A text in both languages of the app.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            vi: vi.into(),
            en: en.into(),
        }
    }
}

/// Where figures come from: every unit lists the ids of the sources its numbers were read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub id: String,
    pub url: String,
    pub title: String,
}

/// How the category weights of a dataset are known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeightBasis {
    /// A source states the weights (for the DTI: the published maximum points per pillar).
    Official,
    /// Derived from published figures (say how in `weight_note`), e.g. by least squares.
    Inferred,
    /// Nobody knows the weights; equal weights are then the default.
    Unknown,
}

impl WeightBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            WeightBasis::Official => "official",
            WeightBasis::Inferred => "inferred",
            WeightBasis::Unknown => "unknown",
        }
    }
}

/// One scored category (a "chỉ số thành phần" or DTI pillar).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub id: String,
    pub name: Text,
    /// The official weight where known; `None` where unknown (equal weights are then the default).
    pub weight: Option<f64>,
    /// The published maximum points of the category (DTI), if any.
    pub max_points: Option<f64>,
}

/// A group of units ranked against each other (ministries, government agencies, provinces).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub id: String,
    pub name: Text,
    /// How many units the publisher evaluated in this group, where a source says so. Coverage is
    /// `units listed / units_evaluated`.
    pub units_evaluated: Option<u32>,
}

/// The publisher's own result for a unit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Official {
    pub index: Option<f64>,
    pub rank: Option<u32>,
}

/// One ranked body: a ministry, an agency or a province.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// A stable id; for bundled datasets the id in `public/data/units.json`.
    pub id: String,
    pub name: String,
    /// The id of a declared group.
    pub group: String,
    /// Category id → index in 0..1, higher is better. `None` or absent: not published.
    #[serde(default)]
    pub scores: BTreeMap<String, Option<f64>>,
    /// Category id → the publisher's rank in that category, where published.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub category_ranks: BTreeMap<String, Option<u32>>,
    #[serde(default)]
    pub official: Official,
    /// Ids of the dataset's sources that this unit's figures come from.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Free text about this row (a disagreement between sources, a preliminary figure).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Unit {
    /// The published value of a category, if any.
    pub fn score(&self, category: &str) -> Option<f64> {
        self.scores.get(category).copied().flatten()
    }
}

/// How complete a group is, as stated in the file and recomputed by the engine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupCoverage {
    pub group: String,
    /// Units listed in the file for this group.
    pub units_listed: u32,
    /// `Group::units_evaluated`, repeated for readers of the manifest.
    pub units_evaluated: Option<u32>,
    /// Units with an official overall index.
    pub with_index: u32,
    /// Units with an official rank.
    pub with_rank: u32,
    /// Units with a value in every category.
    pub complete: u32,
    /// Category id → units with a value in that category.
    pub per_category: BTreeMap<String, u32>,
}

/// A whole dataset file: one edition of one ranking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// Always [`FORMAT`].
    pub format: String,
    /// A slug: lowercase ASCII letters, digits and hyphens.
    pub id: String,
    pub title: Text,
    /// The year the data describes (not the year of publication).
    pub edition: i32,
    /// The series this edition belongs to (`mic-ict`, `dti`, …), so editions can be compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    /// ISO date (YYYY-MM-DD) of publication, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    pub publisher: Text,
    pub sources: Vec<Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
    pub categories: Vec<Category>,
    pub weight_basis: WeightBasis,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_note: Option<Text>,
    pub groups: Vec<Group>,
    /// Decimals at which the publisher rounds and ties the overall index.
    pub precision: u32,
    pub units: Vec<Unit>,
    /// Coverage per group. Written by the generator for readers; recomputed and checked on load.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coverage: Vec<GroupCoverage>,
}

impl Dataset {
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn units_in<'a>(&'a self, group: &'a str) -> impl Iterator<Item = &'a Unit> + 'a {
        self.units.iter().filter(move |u| u.group == group)
    }

    /// How many units the publisher ranked in a group, as far as the file tells: `units_evaluated`
    /// where a source gives it, and never fewer than the units listed or the lowest official
    /// rank (a rank of 56 means 56 units at least). An official rank is "out of" this number: a
    /// file that lists 19 of 63 provinces still ranks Hà Nội 43rd of 63, not of 19.
    pub fn group_size(&self, group: &str) -> usize {
        let (listed, lowest) = self.units_in(group).fold((0, 0), |(n, low), u| {
            (n + 1, low.max(u.official.rank.unwrap_or(0) as usize))
        });
        let evaluated = self
            .group(group)
            .and_then(|g| g.units_evaluated)
            .map_or(0, |n| n as usize);
        listed.max(lowest).max(evaluated)
    }

    /// The default weights: the official ones where every category has one, else equal weights.
    pub fn default_weights(&self) -> Vec<f64> {
        if !self.categories.is_empty() && self.categories.iter().all(|c| c.weight.is_some()) {
            self.categories
                .iter()
                .map(|c| c.weight.unwrap_or(0.0))
                .collect()
        } else {
            vec![1.0; self.categories.len()]
        }
    }

    /// Recomputes the coverage of every group from the units.
    pub fn compute_coverage(&self) -> Vec<GroupCoverage> {
        self.groups
            .iter()
            .map(|g| {
                let units: Vec<&Unit> = self.units_in(&g.id).collect();
                let count =
                    |f: &dyn Fn(&Unit) -> bool| units.iter().filter(|u| f(u)).count() as u32;
                GroupCoverage {
                    group: g.id.clone(),
                    units_listed: units.len() as u32,
                    units_evaluated: g.units_evaluated,
                    with_index: count(&|u| u.official.index.is_some()),
                    with_rank: count(&|u| u.official.rank.is_some()),
                    complete: count(&|u| {
                        !self.categories.is_empty()
                            && self.categories.iter().all(|c| u.score(&c.id).is_some())
                    }),
                    per_category: self
                        .categories
                        .iter()
                        .map(|c| (c.id.clone(), count(&|u| u.score(&c.id).is_some())))
                        .collect(),
                }
            })
            .collect()
    }
}
