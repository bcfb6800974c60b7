//! Reading a checked JSON value into a [`Dataset`], by hand.
//!
//! Why not `serde_json::from_value::<Dataset>`: in the browser that one call compiled serde's
//! visitors for every type and field of the format (a `deserialize_seq` per list type, a field
//! matcher per struct), tens of kilobytes of WebAssembly on the page's first load, to redo what
//! [`validate::check_shape`](super::validate::check_shape) has already done on the same value.
//! Here each field is read once from the `Value` the shape check accepted. A value of a wrong
//! type still gives a [`Problem`] naming its JSON path (the shape check reports those first, so
//! this is a second line of defence, and the one that reads `coverage`). Nothing here panics.
//!
//! The types keep `#[derive(Deserialize)]` for the native tools and the analysis worker, which
//! read datasets that the engine itself wrote. The units registry ([`registry`]) and the app's
//! list of datasets (`app::load::Manifest`) are read the same way, for the same reason: their
//! derives cost the first load about 11 KB of code (3 KB gzipped).

use super::dataset::{
    Category, Dataset, Group, GroupCoverage, Official, Source, Text, Unit, WeightBasis,
};
use super::registry::{Region, Registry, RegistryUnit};
use super::validate::Problem;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

type Obj = Map<String, Value>;

/// "expected X, found Y"; `expected` in Vietnamese and English.
fn wrong(path: &str, (vi, en): (&str, &str), found: &Value) -> Problem {
    let (found_vi, found_en) = match found {
        Value::Null => ("null", "null"),
        Value::Bool(_) => ("một giá trị true/false", "a boolean"),
        Value::Number(_) => ("một số", "a number"),
        Value::String(_) => ("một chuỗi văn bản", "a string"),
        Value::Array(_) => ("một mảng", "an array"),
        Value::Object(_) => ("một đối tượng", "an object"),
    };
    Problem::new(
        path,
        format!("cần {vi}, nhưng gặp {found_vi}"),
        format!("expected {en}, found {found_en}"),
    )
}

fn missing(path: &str, key: &str) -> Problem {
    Problem::new(
        path,
        format!("thiếu trường `{key}`"),
        format!("missing field `{key}`"),
    )
}

const OBJECT: (&str, &str) = ("một đối tượng", "an object");
const YEAR: (&str, &str) = ("một năm", "a year");

fn at(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// One object and the path it was found at, for reading its fields.
pub struct Fields<'a> {
    obj: &'a Obj,
    path: &'a str,
}

impl<'a> Fields<'a> {
    pub fn of(v: &'a Value, path: &'a str) -> Result<Fields<'a>, Problem> {
        match v {
            Value::Object(obj) => Ok(Fields { obj, path }),
            other => Err(wrong(path, OBJECT, other)),
        }
    }

    /// A field that may be absent or null: `None` then.
    fn opt(&self, key: &str) -> Option<&'a Value> {
        self.obj.get(key).filter(|v| !v.is_null())
    }

    fn req(&self, key: &str) -> Result<&'a Value, Problem> {
        self.obj.get(key).ok_or_else(|| missing(self.path, key))
    }

    /// A required field, read by `read` with its path.
    pub fn get<T>(
        &self,
        key: &str,
        read: impl Fn(&Value, &str) -> Result<T, Problem>,
    ) -> Result<T, Problem> {
        read(self.req(key)?, &at(self.path, key))
    }

    /// A field that may be absent or null (`None` then), else read by `read` with its path.
    pub fn maybe<T>(
        &self,
        key: &str,
        read: impl Fn(&Value, &str) -> Result<T, Problem>,
    ) -> Result<Option<T>, Problem> {
        self.opt(key)
            .map(|v| read(v, &at(self.path, key)))
            .transpose()
    }

    /// The elements of a list field, each read by `read` with its path (`units[3]`). An absent
    /// list is empty when `required` is false.
    pub fn list<T>(
        &self,
        key: &str,
        required: bool,
        read: impl Fn(&Value, &str) -> Result<T, Problem>,
    ) -> Result<Vec<T>, Problem> {
        let path = at(self.path, key);
        let v = match self.obj.get(key) {
            None if !required => return Ok(Vec::new()),
            _ => self.req(key)?,
        };
        let Value::Array(items) = v else {
            return Err(wrong(&path, ("một mảng", "an array"), v));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| read(item, &format!("{path}[{i}]")))
            .collect()
    }

    /// An object field read as a map of its values (absent: empty, unless `required`).
    fn map<T>(
        &self,
        key: &str,
        required: bool,
        read: impl Fn(&Value, &str) -> Result<T, Problem>,
    ) -> Result<BTreeMap<String, T>, Problem> {
        let path = at(self.path, key);
        match self.obj.get(key) {
            None if required => Err(missing(self.path, key)),
            None => Ok(BTreeMap::new()),
            Some(Value::Object(m)) => m
                .iter()
                .map(|(k, v)| Ok((k.clone(), read(v, &at(&path, k))?)))
                .collect(),
            Some(other) => Err(wrong(&path, OBJECT, other)),
        }
    }

    /// Refuses fields other than `known`, as the shape check does for the rest of the format.
    fn only(&self, known: &[&str]) -> Result<(), Problem> {
        match self.obj.keys().find(|k| !known.contains(&k.as_str())) {
            Some(k) => Err(super::validate::unknown_field(at(self.path, k), known)),
            None => Ok(()),
        }
    }
}

pub fn string(v: &Value, path: &str) -> Result<String, Problem> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| wrong(path, ("một chuỗi văn bản", "a string"), v))
}

pub fn text(v: &Value, path: &str) -> Result<Text, Problem> {
    let f = Fields::of(v, path)?;
    Ok(Text {
        vi: f.get("vi", string)?,
        en: f.get("en", string)?,
    })
}

pub fn boolean(v: &Value, path: &str) -> Result<bool, Problem> {
    v.as_bool()
        .ok_or_else(|| wrong(path, ("true hoặc false", "true or false"), v))
}

/// A whole number that fits an `i32` (years).
pub fn year(v: &Value, path: &str) -> Result<i32, Problem> {
    v.as_i64()
        .and_then(|n| i32::try_from(n).ok())
        .ok_or_else(|| wrong(path, YEAR, v))
}

fn number(v: &Value, path: &str) -> Result<f64, Problem> {
    v.as_f64()
        .ok_or_else(|| wrong(path, ("một số", "a number"), v))
}

fn opt_number(v: &Value, path: &str) -> Result<Option<f64>, Problem> {
    if v.is_null() {
        Ok(None)
    } else {
        number(v, path).map(Some)
    }
}

/// A whole number that fits a `u32` (counts and ranks).
fn count(v: &Value, path: &str) -> Result<u32, Problem> {
    v.as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| {
            wrong(
                path,
                (
                    "một số nguyên từ 0 đến 4294967295",
                    "a whole number from 0 to 4294967295",
                ),
                v,
            )
        })
}

fn opt_count(v: &Value, path: &str) -> Result<Option<u32>, Problem> {
    if v.is_null() {
        Ok(None)
    } else {
        count(v, path).map(Some)
    }
}

fn source(v: &Value, path: &str) -> Result<Source, Problem> {
    let f = Fields::of(v, path)?;
    Ok(Source {
        id: f.get("id", string)?,
        url: f.get("url", string)?,
        title: f.get("title", string)?,
    })
}

fn category(v: &Value, path: &str) -> Result<Category, Problem> {
    let f = Fields::of(v, path)?;
    Ok(Category {
        id: f.get("id", string)?,
        name: f.get("name", text)?,
        weight: f.maybe("weight", number)?,
        max_points: f.maybe("max_points", number)?,
    })
}

fn group(v: &Value, path: &str) -> Result<Group, Problem> {
    let f = Fields::of(v, path)?;
    Ok(Group {
        id: f.get("id", string)?,
        name: f.get("name", text)?,
        units_evaluated: f.maybe("units_evaluated", count)?,
    })
}

fn unit(v: &Value, path: &str) -> Result<Unit, Problem> {
    let f = Fields::of(v, path)?;
    // Absent: nothing published; null is refused, as the format's other objects are.
    let official = match f.obj.get("official") {
        None => Official::default(),
        Some(o) => {
            let p = at(path, "official");
            let o = Fields::of(o, &p)?;
            Official {
                index: o.maybe("index", number)?,
                rank: o.maybe("rank", count)?,
            }
        }
    };
    Ok(Unit {
        id: f.get("id", string)?,
        name: f.get("name", string)?,
        group: f.get("group", string)?,
        scores: f.map("scores", false, opt_number)?,
        category_ranks: f.map("category_ranks", false, opt_count)?,
        official,
        sources: f.list("sources", false, string)?,
        note: f.maybe("note", string)?,
    })
}

/// A group's coverage, as `public/data/schema.json` has it: every field but `units_evaluated`
/// required, no other field.
fn coverage(v: &Value, path: &str) -> Result<GroupCoverage, Problem> {
    let f = Fields::of(v, path)?;
    f.only(&[
        "group",
        "units_listed",
        "units_evaluated",
        "with_index",
        "with_rank",
        "complete",
        "per_category",
    ])?;
    Ok(GroupCoverage {
        group: f.get("group", string)?,
        units_listed: f.get("units_listed", count)?,
        units_evaluated: f.maybe("units_evaluated", count)?,
        with_index: f.get("with_index", count)?,
        with_rank: f.get("with_rank", count)?,
        complete: f.get("complete", count)?,
        per_category: f.map("per_category", true, count)?,
    })
}

fn weight_basis(v: &Value, path: &str) -> Result<WeightBasis, Problem> {
    match v.as_str() {
        Some("official") => Ok(WeightBasis::Official),
        Some("inferred") => Ok(WeightBasis::Inferred),
        Some("unknown") => Ok(WeightBasis::Unknown),
        _ => Err(wrong(
            path,
            (
                "\"official\", \"inferred\" hoặc \"unknown\"",
                "\"official\", \"inferred\" or \"unknown\"",
            ),
            v,
        )),
    }
}

/// Reads a dataset from a JSON value that passed the shape check; the first field that cannot
/// be read is the error. (Meaning — references, ranges, coverage — is checked afterwards by
/// [`validate::validate`](super::validate::validate).)
pub fn dataset(v: &Value) -> Result<Dataset, Problem> {
    let f = Fields::of(v, "")?;
    let edition = f.req("edition")?;
    let edition = edition
        .as_i64()
        .and_then(|n| i32::try_from(n).ok())
        .ok_or_else(|| wrong("edition", YEAR, edition))?;
    Ok(Dataset {
        format: f.get("format", string)?,
        id: f.get("id", string)?,
        title: f.get("title", text)?,
        edition,
        series: f.maybe("series", string)?,
        published: f.maybe("published", string)?,
        publisher: f.get("publisher", text)?,
        sources: f.list("sources", true, source)?,
        notes: f.maybe("notes", text)?,
        categories: f.list("categories", true, category)?,
        weight_basis: weight_basis(f.req("weight_basis")?, "weight_basis")?,
        weight_note: f.maybe("weight_note", text)?,
        groups: f.list("groups", true, group)?,
        precision: f.get("precision", count)?,
        units: f.list("units", true, unit)?,
        coverage: f.list("coverage", false, coverage)?,
    })
}

/// Reads the units registry (`data/units.json`) as `Registry`'s derive does: ids and names
/// required, every other field optional, fields not named here ignored.
pub fn registry(v: &Value) -> Result<Registry, Problem> {
    fn region(v: &Value, path: &str) -> Result<Region, Problem> {
        let f = Fields::of(v, path)?;
        Ok(Region {
            id: f.get("id", string)?,
            name: f.get("name", text)?,
        })
    }
    fn unit(v: &Value, path: &str) -> Result<RegistryUnit, Problem> {
        let f = Fields::of(v, path)?;
        Ok(RegistryUnit {
            id: f.get("id", string)?,
            kind: f.maybe("kind", string)?.unwrap_or_default(),
            name: f.get("name", text)?,
            short: f.maybe("short", text)?,
            aliases: f.list("aliases", false, string)?,
            region: f.maybe("region", string)?,
            merged_into: f.maybe("merged_into", string)?,
            since: f.maybe("since", year)?,
            until: f.maybe("until", year)?,
        })
    }
    let f = Fields::of(v, "")?;
    Ok(Registry {
        format: f.maybe("format", string)?,
        regions: f.list("regions", false, region)?,
        units: f.list("units", false, unit)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Value {
        json!({
            "format": "xephang-dataset/1", "id": "x", "edition": 2024, "series": null,
            "title": {"vi": "Tiêu đề", "en": "Title"}, "publisher": {"vi": "Bộ", "en": "Ministry"},
            "sources": [{"id": "s", "url": "https://example.org", "title": "S"}],
            "notes": null,
            "categories": [
                {"id": "a", "name": {"vi": "A", "en": "A"}, "weight": 2, "max_points": null},
                {"id": "b", "name": {"vi": "B", "en": "B"}}
            ],
            "weight_basis": "official",
            "groups": [{"id": "g", "name": {"vi": "Nhóm", "en": "Group"}, "units_evaluated": 2}],
            "precision": 4,
            "units": [
                {"id": "u1", "name": "Đà Nẵng", "group": "g", "scores": {"a": 0.5, "b": null},
                 "category_ranks": {"a": 1}, "official": {"index": 0.25, "rank": 2},
                 "sources": ["s"], "note": "n"},
                {"id": "u2", "name": "Huế", "group": "g"}
            ],
            "coverage": [{"group": "g", "units_listed": 2, "units_evaluated": 2, "with_index": 1,
                          "with_rank": 1, "complete": 0, "per_category": {"a": 1, "b": 0}}]
        })
    }

    /// The hand-written reader and serde's derive read every field the same way.
    #[test]
    fn reads_what_serde_reads() {
        let v = sample();
        let by_hand = dataset(&v).unwrap();
        let by_serde: Dataset = serde_json::from_value(v).unwrap();
        assert_eq!(by_hand, by_serde);
        assert_eq!(by_hand.units[0].scores.get("b"), Some(&None));
        assert_eq!(by_hand.units[1].official, Official::default());
        assert_eq!(by_hand.categories[0].weight, Some(2.0));
    }

    #[test]
    fn a_wrong_value_is_named_by_its_path() {
        let mut v = sample();
        v["units"][1]["official"] = json!({"rank": -1});
        let e = dataset(&v).unwrap_err();
        assert_eq!(e.path, "units[1].official.rank");
        let mut v = sample();
        v["coverage"][0]["per_category"]["a"] = json!("one");
        assert_eq!(dataset(&v).unwrap_err().path, "coverage[0].per_category.a");
        let mut v = sample();
        v["coverage"][0]["typo"] = json!(1);
        let e = dataset(&v).unwrap_err();
        assert_eq!(e.path, "coverage[0].typo");
        assert!(e.message.en.starts_with("unknown field"), "{e}");
        let mut v = sample();
        v["coverage"][0]
            .as_object_mut()
            .unwrap()
            .remove("per_category");
        let e = dataset(&v).unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.message.en.as_str()),
            ("coverage[0]", "missing field `per_category`")
        );
        let mut v = sample();
        v["units"][0]["official"] = Value::Null;
        assert_eq!(dataset(&v).unwrap_err().path, "units[0].official");
        let mut v = sample();
        v.as_object_mut().unwrap().remove("units");
        let e = dataset(&v).unwrap_err();
        assert_eq!(e.message.en, "missing field `units`");
        assert_eq!(e.message.vi, "thiếu trường `units`");
        assert!(dataset(&json!([1])).is_err());
    }

    /// The bundled registry reads the same by hand as by serde's derive.
    #[test]
    fn the_registry_reads_what_serde_reads() {
        let text = include_str!("../../public/data/units.json");
        let v: Value = serde_json::from_str(text).unwrap();
        let by_hand = registry(&v).unwrap();
        assert_eq!(by_hand, serde_json::from_str::<Registry>(text).unwrap());
        assert!(by_hand.units.len() > 60 && !by_hand.regions.is_empty());
        let partial =
            json!({"units": [{"id": "x", "name": {"vi": "X", "en": "X"}, "since": 2025}]});
        assert_eq!(
            registry(&partial).unwrap(),
            serde_json::from_value::<Registry>(partial).unwrap()
        );
        assert_eq!(
            registry(&json!({"units": [{"id": "x"}]})).unwrap_err().path,
            "units[0]"
        );
    }
}
