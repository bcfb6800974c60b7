//! A small dataset carried inside a link: `#ds=` + base64url(deflate(compact JSON)).
//!
//! The fragment (after `#`) is never sent to a server, so the figures stay between the people
//! who exchange the link. The link carries the figures (category ranks too) and the series, not
//! the notes: sources, notes, publication date and `max_points` are left out to keep it short.
//! Fields added later are optional, so older links still open. Decoding validates the
//! result exactly like a dataset file, and a decoded dataset is always shown as supplied by the
//! user, never as a bundled one.

use super::dataset::{Category, Dataset, Group, Official, Text, Unit, WeightBasis, FORMAT};
use super::validate::{self, Problem};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The fragment key: `#ds=…`.
pub const KEY: &str = "ds=";
/// The longest fragment written or read. Links of this length work in every browser, chat and
/// mail client we know; 63 provinces with six categories take about 3,000.
pub const MAX_FRAGMENT: usize = 6_000;
/// The most bytes a fragment may inflate to (a deflate bomb must not freeze the page).
const MAX_INFLATED: usize = 512 * 1024;

#[derive(Clone, Debug, PartialEq)]
pub enum ShareError {
    /// The encoded table is longer than [`MAX_FRAGMENT`].
    TooLarge { chars: usize },
    /// The fragment is not `ds=…`.
    NotALink,
    /// The fragment is damaged (cut short when copied, say).
    Damaged { detail: String },
    /// The data decodes but is not a valid dataset.
    Invalid { problems: Vec<Problem> },
}

impl ShareError {
    pub fn text(&self) -> Text {
        match self {
            ShareError::TooLarge { chars } => Text::new(
                format!(
                    "Bảng quá lớn để đặt trong đường liên kết ({chars} ký tự, giới hạn {MAX_FRAGMENT}). Hãy xuất tệp dữ liệu và chia sẻ tệp đó."
                ),
                format!(
                    "The table is too large for a link ({chars} characters, the limit is {MAX_FRAGMENT}). Export the dataset file and share the file instead."
                ),
            ),
            ShareError::NotALink => Text::new(
                "Đường liên kết không chứa dữ liệu (#ds=…).",
                "The link carries no data (#ds=…).",
            ),
            ShareError::Damaged { detail } => Text::new(
                format!("Dữ liệu trong đường liên kết bị hỏng, có thể do sao chép thiếu ({detail})."),
                format!("The data in the link is damaged, perhaps cut short when copied ({detail})."),
            ),
            ShareError::Invalid { problems } => {
                let list: Vec<String> = problems.iter().take(5).map(|p| p.to_string()).collect();
                Text::new(
                    format!("Dữ liệu trong đường liên kết không hợp lệ: {}", list.join("; ")),
                    format!("The data in the link is not valid: {}", list.join("; ")),
                )
            }
        }
    }
}

/// Unit id, name, group index, scores in category order, official rank, official index.
type CompactUnit = (
    String,
    String,
    usize,
    Vec<Option<f64>>,
    Option<u32>,
    Option<f64>,
);

/// The compact form: arrays instead of objects, scores in category order.
#[derive(Serialize, Deserialize)]
struct Compact {
    v: u8,
    id: String,
    t: Text,
    e: i32,
    /// The series, so a shared table still sits beside the bundled editions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    s: Option<String>,
    p: Text,
    /// Category id, name, weight.
    c: Vec<(String, Text, Option<f64>)>,
    w: WeightBasis,
    /// Group id, name.
    g: Vec<(String, Text)>,
    pr: u32,
    /// Unit id, name, group index, scores in category order, official rank, official index.
    u: Vec<CompactUnit>,
    /// Each unit's published rank in each category, in unit and category order; left out when
    /// no unit has one (links made before it was added have none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    r: Vec<Vec<Option<u32>>>,
}

/// Encodes a dataset as a fragment `ds=…` (without `#`), or says it is too large.
pub fn encode(ds: &Dataset) -> Result<String, ShareError> {
    let compact = Compact {
        v: 1,
        id: ds.id.clone(),
        t: ds.title.clone(),
        e: ds.edition,
        s: ds.series.clone(),
        p: ds.publisher.clone(),
        c: ds
            .categories
            .iter()
            .map(|c| (c.id.clone(), c.name.clone(), c.weight))
            .collect(),
        w: ds.weight_basis,
        g: ds
            .groups
            .iter()
            .map(|g| (g.id.clone(), g.name.clone()))
            .collect(),
        pr: ds.precision,
        u: ds
            .units
            .iter()
            .map(|u| {
                (
                    u.id.clone(),
                    u.name.clone(),
                    ds.groups.iter().position(|g| g.id == u.group).unwrap_or(0),
                    ds.categories.iter().map(|c| u.score(&c.id)).collect(),
                    u.official.rank,
                    u.official.index,
                )
            })
            .collect(),
        r: if ds.units.iter().all(|u| u.category_ranks.is_empty()) {
            Vec::new()
        } else {
            ds.units
                .iter()
                .map(|u| {
                    ds.categories
                        .iter()
                        .map(|c| u.category_ranks.get(&c.id).copied().flatten())
                        .collect()
                })
                .collect()
        },
    };
    let json = serde_json::to_vec(&compact).map_err(|e| ShareError::Damaged {
        detail: e.to_string(),
    })?;
    // A first cheap bound: deflate rarely beats 1:8 on this data.
    if json.len() / 8 * 4 / 3 > MAX_FRAGMENT {
        return Err(ShareError::TooLarge {
            chars: json.len() / 8 * 4 / 3,
        });
    }
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    let text = format!("{KEY}{}", URL_SAFE_NO_PAD.encode(packed));
    if text.len() > MAX_FRAGMENT {
        return Err(ShareError::TooLarge { chars: text.len() });
    }
    Ok(text)
}

/// Decodes a fragment (with or without the leading `#`) into a validated dataset.
pub fn decode(fragment: &str) -> Result<Dataset, ShareError> {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    let data = f.strip_prefix(KEY).ok_or(ShareError::NotALink)?;
    let data = data.split('&').next().unwrap_or(data).trim();
    if f.len() > MAX_FRAGMENT {
        return Err(ShareError::TooLarge { chars: f.len() });
    }
    let damaged = |detail: String| ShareError::Damaged { detail };
    let packed = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|e| damaged(e.to_string()))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED)
        .map_err(|e| damaged(format!("{:?}", e.status)))?;
    let c: Compact = super::json::from_slice(&json).map_err(|e| damaged(e.to_string()))?;
    if c.v != 1 {
        return Err(damaged(format!("version {}", c.v)));
    }
    // Checked before the units are spelled out below (a score for every category): a link of
    // 6,000 characters could ask for 18,000 units × 1,150 categories.
    let sizes = [
        (
            c.c.len(),
            validate::MAX_CATEGORIES,
            "categories",
            "chỉ số thành phần",
        ),
        (c.u.len(), validate::MAX_UNITS, "units", "đơn vị"),
        (c.g.len(), validate::MAX_GROUPS, "groups", "nhóm"),
    ];
    if let Some(problem) = validate::too_many(&sizes) {
        return Err(ShareError::Invalid {
            problems: vec![problem],
        });
    }
    let groups: Vec<Group> =
        c.g.into_iter()
            .map(|(id, name)| Group {
                id,
                name,
                units_evaluated: None,
            })
            .collect();
    let categories: Vec<Category> =
        c.c.into_iter()
            .map(|(id, name, weight)| Category {
                id,
                name,
                weight,
                max_points: None,
            })
            .collect();
    let mut units = Vec::with_capacity(c.u.len());
    let mut ranks = c.r.into_iter();
    for (id, name, g, scores, rank, index) in c.u {
        let group = groups
            .get(g)
            .map(|g| g.id.clone())
            .ok_or_else(|| damaged(format!("group {g}")))?;
        let scores: BTreeMap<String, Option<f64>> = categories
            .iter()
            .zip(scores.into_iter().chain(std::iter::repeat(None)))
            .map(|(c, s)| (c.id.clone(), s))
            .collect();
        let category_ranks: BTreeMap<String, Option<u32>> = categories
            .iter()
            .zip(ranks.next().unwrap_or_default())
            .filter_map(|(c, r)| Some((c.id.clone(), Some(r?))))
            .collect();
        units.push(Unit {
            id,
            name,
            group,
            scores,
            category_ranks,
            official: Official { index, rank },
            sources: Vec::new(),
            note: None,
        });
    }
    let ds = Dataset {
        format: FORMAT.to_string(),
        id: c.id,
        title: c.t,
        edition: c.e,
        series: c.s,
        published: None,
        publisher: c.p,
        sources: Vec::new(),
        notes: None,
        categories,
        weight_basis: c.w,
        weight_note: None,
        groups,
        precision: c.pr,
        units,
        coverage: Vec::new(),
    };
    let mut problems = validate::validate(&ds);
    problems.extend(validate::consistency(&ds));
    // An "inferred" basis needs its note, which the link does not carry.
    if ds.weight_basis == WeightBasis::Inferred {
        problems.retain(|p| p.path != "weight_note");
    }
    if problems.is_empty() {
        Ok(ds)
    } else {
        Err(ShareError::Invalid { problems })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(n: usize) -> Dataset {
        let text: String = std::iter::once(
            "Tỉnh\tHạ tầng\tCổng\tNhân lực\tChính sách\tDVCTT\tỨng dụng CNTT\n".to_string(),
        )
        .chain((0..n).map(|i| {
            format!(
                "Tỉnh số {i}\t0,{:04}\t0,{:04}\t0,{:04}\t0,{:04}\t0,{:04}\t0,{:04}\n",
                (i * 37) % 10000,
                (i * 91) % 10000,
                (i * 13) % 10000,
                (i * 57) % 10000,
                (i * 71) % 10000,
                (i * 29) % 10000
            )
        }))
        .collect();
        super::super::table::import(&text, "Thử", 2019, None)
            .unwrap()
            .dataset
            .unwrap()
    }

    #[test]
    fn round_trip() {
        let ds = sample(63);
        let f = encode(&ds).unwrap();
        assert!(f.len() < MAX_FRAGMENT, "{}", f.len());
        let back = decode(&format!("#{f}")).unwrap();
        assert_eq!(back, ds);
    }

    #[test]
    fn category_ranks_travel_when_given() {
        let mut ds = sample(4);
        let cats: Vec<String> = ds.categories.iter().map(|c| c.id.clone()).collect();
        for (i, u) in ds.units.iter_mut().enumerate() {
            u.category_ranks.insert(cats[0].clone(), Some(4 - i as u32));
        }
        ds.units[1].category_ranks.insert(cats[2].clone(), Some(1));
        let back = decode(&encode(&ds).unwrap()).unwrap();
        assert_eq!(back, ds);
        // A link without them (as made before they travelled) still opens.
        let plain = encode(&sample(4)).unwrap();
        assert!(decode(&plain)
            .unwrap()
            .units
            .iter()
            .all(|u| u.category_ranks.is_empty()));
    }

    #[test]
    fn too_large_and_damaged() {
        assert!(matches!(
            encode(&sample(2000)),
            Err(ShareError::TooLarge { .. })
        ));
        let f = encode(&sample(5)).unwrap();
        assert!(matches!(
            decode(&f[..f.len() / 2]),
            Err(ShareError::Damaged { .. })
        ));
        assert_eq!(decode("#data=1"), Err(ShareError::NotALink));
        let long = format!("ds={}", "A".repeat(MAX_FRAGMENT));
        assert!(matches!(decode(&long), Err(ShareError::TooLarge { .. })));
        assert!(ShareError::TooLarge { chars: 9000 }
            .text()
            .en
            .contains("Export"));
    }

    #[test]
    fn a_link_asking_for_too_large_a_table_is_refused_before_it_is_spelled_out() {
        // Categories past the limit, for a unit with no score: a short link that, spelled
        // out, made a score for every category of every unit (1,150 categories × 18,000 units
        // fit in 6,000 characters).
        let mut ds = sample(2);
        let one = ds.categories[0].clone();
        ds.categories = (0..=validate::MAX_CATEGORIES)
            .map(|i| Category {
                id: format!("c{i}"),
                ..one.clone()
            })
            .collect();
        // A unit of a group the link does not have: spelled out first, the link was refused
        // as damaged there, before the limit was looked at.
        let f = repack(&encode(&ds).unwrap(), |v| v["u"][0][2] = 99.into());
        let Err(ShareError::Invalid { problems }) = decode(&f) else {
            panic!("not refused")
        };
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, "categories");
    }

    /// A link's compact JSON, edited and packed again.
    fn repack(f: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
        let packed = URL_SAFE_NO_PAD
            .decode(f.strip_prefix(KEY).unwrap())
            .unwrap();
        let json = miniz_oxide::inflate::decompress_to_vec(&packed).unwrap();
        let mut v: serde_json::Value = serde_json::from_slice(&json).unwrap();
        edit(&mut v);
        let packed = miniz_oxide::deflate::compress_to_vec(&serde_json::to_vec(&v).unwrap(), 9);
        format!("{KEY}{}", URL_SAFE_NO_PAD.encode(packed))
    }

    #[test]
    fn a_rank_that_contradicts_the_index_is_refused() {
        let mut ds = sample(3);
        ds.units[0].official = Official {
            index: Some(0.9),
            rank: Some(2),
        };
        ds.units[1].official = Official {
            index: Some(0.5),
            rank: Some(1),
        };
        let f = encode(&ds).unwrap();
        let Err(ShareError::Invalid { problems }) = decode(&f) else {
            panic!("not refused")
        };
        assert_eq!(problems[0].path, "units[0].official.rank");
    }

    #[test]
    fn invalid_data_is_refused() {
        let mut ds = sample(3);
        ds.units[0].scores.insert("hr".into(), Some(7.0));
        let f = encode(&ds).unwrap();
        assert!(matches!(decode(&f), Err(ShareError::Invalid { .. })));
    }
}
