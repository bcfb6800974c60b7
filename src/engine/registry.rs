//! The units registry `data/units.json` and matching of names to it.
//!
//! Names are matched accent-insensitively ([`collate::fold`]), ignoring the prefixes "TP.",
//! "Thành phố" and "Tỉnh" (and "City"/"Province" in English), against each unit's Vietnamese,
//! English and short names and every spelling variant in its `aliases`.
//!
//! Since 1 July 2025 several province names ("Tuyên Quang", "Hải Phòng", …) name both a
//! pre-2025 province and the merged province that kept the name (id suffix `-2025`). A whole
//! table is matched at once so that it lands in one period: the pre-2025 one as soon as any name
//! is a province that ceased to exist in 2025 or the table lists more than 34 provinces, the
//! 2025 one otherwise for editions from 2024 (the DTI 2024 was also published for the 34).

use super::collate;
use super::dataset::Text;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The whole `units.json` file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Registry {
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub regions: Vec<Region>,
    #[serde(default)]
    pub units: Vec<RegistryUnit>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Region {
    pub id: String,
    pub name: Text,
}

/// One ministry, agency or province, stable across years and spellings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegistryUnit {
    pub id: String,
    /// `province`, `ministry` or `agency`.
    #[serde(default)]
    pub kind: String,
    pub name: Text,
    #[serde(default)]
    pub short: Option<Text>,
    /// Every other spelling seen in the sources.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub region: Option<String>,
    /// For a province that ceased to exist on 1 July 2025: the province it merged into.
    #[serde(default)]
    pub merged_into: Option<String>,
    /// First year the unit exists (2025 for merged provinces).
    #[serde(default)]
    pub since: Option<i32>,
    /// Year the unit ceased to exist.
    #[serde(default)]
    pub until: Option<i32>,
}

impl RegistryUnit {
    /// A unit that exists only before 2025.
    fn ended(&self) -> bool {
        self.until.is_some() || self.merged_into.is_some()
    }

    /// A unit that exists only from 2025.
    fn new_era(&self) -> bool {
        self.since.is_some()
    }
}

impl Registry {
    pub fn unit(&self, id: &str) -> Option<&RegistryUnit> {
        self.units.iter().find(|u| u.id == id)
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// The units merged into `id` on 1 July 2025 (none for a unit that was not formed then).
    pub fn formed_from<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a RegistryUnit> + 'a {
        self.units
            .iter()
            .filter(move |u| u.merged_into.as_deref() == Some(id))
    }

    /// The same place under the id another edition gives it, when `has` that id: a province
    /// merged in 2025 is the province it merged into; a 2025 province is the one it was formed
    /// from that bears its name (Quảng Ngãi of 2025, the Quảng Ngãi before). Another edition
    /// picked thus keeps the place a reader follows.
    pub fn counterpart<'a>(&'a self, id: &'a str, has: impl Fn(&str) -> bool) -> Option<&'a str> {
        let u = self.unit(id)?;
        match u.merged_into.as_deref() {
            Some(m) => Some(m),
            None => self
                .formed_from(id)
                .find(|p| p.name.vi == u.name.vi)
                .map(|p| p.id.as_str()),
        }
        .filter(|c| has(c))
    }

    /// The other names a unit is found by, folded for a search and one per line: its English
    /// and short names, every spelling the sources use ("TP HCM", "Thừa Thiên Huế"), and, for a
    /// province formed in 2025, the names of those it was formed from ("Quảng Nam" finds Đà
    /// Nẵng). Empty for a unit the registry does not know.
    pub fn search_names(&self, id: &str) -> String {
        let mut out = String::new();
        // A unit it does not know is not walked for predecessors: 10,000 made-up units would
        // walk the registry 10,000 times.
        let Some(own) = self.unit(id) else { return out };
        let mut add = |name: &str| {
            out.push('\n');
            out.push_str(&collate::fold(name));
        };
        for u in std::iter::once(own).chain(self.formed_from(id)) {
            add(&u.name.vi);
            add(&u.name.en);
            if let Some(s) = &u.short {
                add(&s.vi);
                add(&s.en);
            }
            u.aliases.iter().for_each(|a| add(a));
        }
        out
    }

    /// Matches a list of names (one table) to unit ids; `None` where nothing matches.
    /// `edition` is the year the table describes, used only to choose between a pre-2025
    /// province and the 2025 one of the same name.
    pub fn match_names(&self, names: &[&str], edition: i32) -> Vec<Option<String>> {
        let candidates = self.candidates(names);
        let units = &self.units;
        let new_era = edition >= 2024 && self.merged(&candidates);
        candidates
            .iter()
            .map(|c| {
                let pick = c
                    .iter()
                    .find(|&&i| {
                        if new_era {
                            !units[i].ended()
                        } else {
                            !units[i].new_era()
                        }
                    })
                    .or(c.first())?;
                Some(units[*pick].id.clone())
            })
            .collect()
    }

    /// Whether a table's names can be those of the 34 provinces of 2025: none names a unit
    /// that ended then, and no more than 34 name a province. (DTI 2024 was published with the
    /// 34; every earlier edition with the 63.)
    pub fn names_after_merger(&self, names: &[&str]) -> bool {
        self.merged(&self.candidates(names))
    }

    fn merged(&self, candidates: &[Vec<usize>]) -> bool {
        let units = &self.units;
        let any_ended = candidates
            .iter()
            .any(|c| !c.is_empty() && c.iter().all(|&i| units[i].ended()));
        let provinces = candidates
            .iter()
            .filter(|c| c.iter().any(|&i| units[i].kind == "province"))
            .count();
        !any_ended && provinces <= 34
    }

    /// For each name, the units it may be (by name, short name, alias or id).
    fn candidates(&self, names: &[&str]) -> Vec<Vec<usize>> {
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, u) in self.units.iter().enumerate() {
            let mut spellings = vec![u.name.vi.as_str(), u.name.en.as_str()];
            if let Some(s) = &u.short {
                spellings.push(&s.vi);
                spellings.push(&s.en);
            }
            spellings.extend(u.aliases.iter().map(String::as_str));
            spellings.push(&u.id);
            for s in spellings {
                let k = key(s);
                if k.is_empty() {
                    continue;
                }
                let list = index.entry(k).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        names
            .iter()
            .map(|n| index.get(&key(n)).cloned().unwrap_or_default())
            .collect()
    }
}

/// The matching key of a name: folded, without "TP."/"Thành phố"/"Tỉnh"/"City"/"Province".
pub fn key(name: &str) -> String {
    let mut k = collate::fold(name);
    for prefix in ["thanh pho ", "tp ", "tinh ", "city of ", "province of "] {
        if let Some(rest) = k.strip_prefix(prefix) {
            k = rest.to_string();
            break;
        }
    }
    for suffix in [" city", " province"] {
        if let Some(rest) = k.strip_suffix(suffix) {
            k = rest.to_string();
            break;
        }
    }
    // "TP.HCM" folds to "tp hcm"; "Tp.Hồ Chí Minh" has no space after the dot either.
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        serde_json::from_str(include_str!("../../public/data/units.json")).unwrap()
    }

    #[test]
    fn provinces_formed_in_2025_name_their_parts() {
        let r = registry();
        let parts: Vec<&str> = r
            .formed_from("da-nang-2025")
            .map(|u| u.id.as_str())
            .collect();
        assert_eq!(parts, ["da-nang", "quang-nam"]);
        assert_eq!(r.formed_from("da-nang").count(), 0);
    }

    #[test]
    fn units_are_found_by_their_other_names() {
        let r = registry();
        let found = |id: &str, typed: &str| {
            r.search_names(id)
                .split('\n')
                .any(|n| n.contains(&collate::fold(typed)))
        };
        assert!(found("ho-chi-minh", "TP HCM"));
        assert!(found("ho-chi-minh", "tp. ho chi minh"));
        assert!(found("ha-noi", "Hanoi"));
        assert!(found("ho-chi-minh-2025", "TP HCM"));
        assert!(found("hue", "thua thien hue"));
        // A province formed in 2025 by the names of those it was formed from.
        assert!(found("da-nang-2025", "Quảng Nam"));
        assert!(!found("ha-noi", "Quảng Nam"));
        assert_eq!(r.search_names("atlantis"), "");
        // The same place across the 2025 merger, in an edition that has it.
        assert_eq!(
            r.counterpart("quang-ngai", |_| true),
            Some("quang-ngai-2025")
        );
        assert_eq!(
            r.counterpart("quang-ngai-2025", |_| true),
            Some("quang-ngai")
        );
        assert_eq!(r.counterpart("kon-tum", |_| true), Some("quang-ngai-2025"));
        assert_eq!(r.counterpart("quang-ngai", |_| false), None);
        assert_eq!(r.counterpart("ha-noi", |_| true), None);
    }

    #[test]
    fn prefixes_accents_and_aliases() {
        let r = registry();
        let got = r.match_names(
            &[
                "TP. Hồ Chí Minh",
                "Thành phố Hà Nội",
                "Tỉnh Hà Giang",
                "Thua Thien Hue",
                "Khánh Hoà",
                "ha noi",
                "Bộ Tài chính",
                "Atlantis",
            ],
            2019,
        );
        assert_eq!(
            got,
            vec![
                Some("ho-chi-minh".to_string()),
                Some("ha-noi".to_string()),
                Some("ha-giang".to_string()),
                Some("hue".to_string()),
                Some("khanh-hoa".to_string()),
                Some("ha-noi".to_string()),
                Some("bo-tai-chinh".to_string()),
                None
            ]
        );
    }

    #[test]
    fn a_table_lands_in_one_period() {
        let r = registry();
        // An old province in the table: the pre-2025 ids, even for 2024.
        let got = r.match_names(&["Hải Phòng", "Hà Giang"], 2024);
        assert_eq!(got[0].as_deref(), Some("hai-phong"));
        // Only names that survived, few of them, a 2024 edition: the 34 provinces.
        let got = r.match_names(&["Hải Phòng", "Cao Bằng"], 2024);
        assert_eq!(got[0].as_deref(), Some("hai-phong-2025"));
        assert_eq!(got[1].as_deref(), Some("cao-bang"));
        // Before 2024: always the old ones.
        let got = r.match_names(&["Hải Phòng"], 2019);
        assert_eq!(got[0].as_deref(), Some("hai-phong"));
        assert!(!r.names_after_merger(&["Hải Phòng", "Hà Giang"]));
        assert!(r.names_after_merger(&["Hải Phòng", "Cao Bằng"]));
    }

    #[test]
    fn key_strips_prefixes() {
        assert_eq!(key("TP.HCM"), "hcm");
        assert_eq!(key("TP HCM"), "hcm");
        assert_eq!(key("Tỉnh Bắc Kạn"), "bac kan");
        assert_eq!(key("Da Nang City"), "da nang");
    }
}
