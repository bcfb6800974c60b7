//! Every problem the engine reports is told in Vietnamese as well as English.
//!
//! The people who fix a dataset are the app's readers, and the app's default language is
//! Vietnamese: a problem list in English under Vietnamese headings is half a message. These
//! tests break a valid file in every way the checker knows (and call the ranking, Monte Carlo
//! and reach analyses with what they refuse), then check each problem's Vietnamese text: present,
//! different from the English one, and free of the English words every English message uses.

use serde_json::{json, Value};
use std::collections::BTreeSet;
use xephang::engine::dataset::Dataset;
use xephang::engine::score::{self, Options};
use xephang::engine::uncertainty::{MonteCarlo, Noise, Settings};
use xephang::engine::validate::{parse_dataset, Problem, MAX_PROBLEMS};
use xephang::engine::{reach, read};

fn valid() -> Value {
    json!({
        "format": "xephang-dataset/1",
        "id": "test-2019",
        "title": {"vi": "Thử", "en": "Test"},
        "edition": 2019,
        "series": "test",
        "published": "2020-01-31",
        "publisher": {"vi": "Bộ TT&TT", "en": "MIC"},
        "sources": [{"id": "s1", "url": "https://example.org/a", "title": "A"}],
        "categories": [
            {"id": "infra", "name": {"vi": "Hạ tầng", "en": "Infrastructure"}, "weight": 1, "max_points": 10},
            {"id": "portal", "name": {"vi": "Cổng", "en": "Portal"}, "weight": 1, "max_points": 10}
        ],
        "weight_basis": "official",
        "groups": [{"id": "g", "name": {"vi": "Nhóm", "en": "Group"}, "units_evaluated": 2}],
        "precision": 4,
        "units": [
            {"id": "a", "name": "A", "group": "g", "scores": {"infra": 0.5, "portal": 0.7},
             "category_ranks": {"infra": 1}, "official": {"index": 0.6, "rank": 1}, "sources": ["s1"]},
            {"id": "b", "name": "B", "group": "g", "scores": {"infra": 0.4, "portal": 0.2},
             "official": {"index": 0.3, "rank": 2}, "sources": []}
        ]
    })
}

/// A change to the valid file; each breaks it in one or more ways.
type Break = fn(&mut Value);

const BREAKS: &[Break] = &[
    // The shape: types, required and unknown fields.
    |v| v["title"] = json!("Thử"),
    |v| v["title"] = json!({"vi": "Thử"}),
    |v| v["edition"] = json!("2019"),
    |v| v["edition"] = json!(-1),
    |v| v["precision"] = json!(99),
    |v| v["categories"] = json!({}),
    |v| v["categories"][0]["wieght"] = json!(1),
    |v| v["categories"][0]["weight"] = json!("1"),
    |v| v["groups"][0]["units_evaluated"] = json!(-2),
    // More units listed than the publisher evaluated (a total kept as a unit).
    |v| v["groups"][0]["units_evaluated"] = json!(1),
    |v| v["units"][0] = json!(3),
    |v| v["units"][0]["scores"]["portal"] = json!("0,5"),
    |v| v["units"][0]["category_ranks"]["infra"] = json!("1"),
    |v| v["units"][0]["category_ranks"]["infra"] = json!(0),
    |v| v["units"][0]["official"]["rank"] = json!(-3),
    |v| v["units"][0]["official"] = json!({"index": 0.6, "rnak": 1}),
    |v| v["units"][0]["sources"] = json!([1]),
    |v| v["coverage"] = json!([1]),
    |v| v["weight_basis"] = json!("guessed"),
    |v| {
        v.as_object_mut().unwrap().remove("units");
    },
    |v| {
        v["units"][0].as_object_mut().unwrap().remove("name");
    },
    // The meaning: ranges, slugs, ids and references.
    |v| v["format"] = json!("xephang-dataset/2"),
    |v| v["id"] = json!("Test 2019"),
    |v| v["series"] = json!("Series"),
    |v| v["title"]["en"] = json!(" "),
    |v| v["edition"] = json!(1800),
    |v| v["published"] = json!("31/01/2020"),
    |v| v["sources"][0]["url"] = json!("example.org"),
    |v| {
        v["sources"] = json!([{"id": "", "url": "https://a.org", "title": "A"},
                              {"id": "x", "url": "https://a.org", "title": "A"},
                              {"id": "x", "url": "https://a.org", "title": "A"}])
    },
    |v| v["categories"] = json!([]),
    |v| v["categories"][1]["id"] = json!("infra"),
    |v| v["categories"][1]["id"] = json!("Cổng"),
    |v| v["categories"][0]["weight"] = json!(-1),
    |v| v["categories"][0]["max_points"] = json!(0),
    |v| {
        v["categories"][0]["weight"] = json!(0);
        v["categories"][1]["weight"] = json!(0);
    },
    |v| v["categories"][0]["weight"] = json!(null),
    |v| {
        v["weight_basis"] = json!("inferred");
    },
    |v| v["groups"] = json!([]),
    |v| {
        v["groups"] = json!([{"id": "g", "name": {"vi": "A", "en": "A"}},
                             {"id": "g", "name": {"vi": "B", "en": "B"}},
                             {"id": "G", "name": {"vi": "C", "en": "C"}}])
    },
    |v| v["units"] = json!([]),
    |v| v["units"][1]["id"] = json!("a"),
    |v| v["units"][1]["id"] = json!(""),
    |v| v["units"][1]["name"] = json!(""),
    |v| v["units"][1]["group"] = json!("h"),
    |v| v["units"][1]["scores"]["wifi"] = json!(0.2),
    |v| v["units"][1]["scores"]["portal"] = json!(1.5),
    |v| v["units"][1]["category_ranks"] = json!({"wifi": 2}),
    |v| v["units"][1]["official"]["index"] = json!(-0.1),
    |v| v["units"][1]["official"]["rank"] = json!(0),
    |v| v["units"][1]["sources"] = json!(["s2"]),
    |v| v["coverage"] = json!([{"group": "g", "units": 9, "complete": 9, "per_category": {}}]),
];

/// Words every English message of the engine is made of, none of which a Vietnamese one needs.
const ENGLISH: &[&str] = &[
    "expected", " is ", " are ", "must", "missing", "unknown", "needs", " not ", " has ",
    "the file", "The file",
];

fn check(p: &Problem) {
    let (vi, en) = (&p.message.vi, &p.message.en);
    assert!(!vi.trim().is_empty(), "no Vietnamese for {p}");
    assert_ne!(vi, en, "the same text in both languages: {p}");
    // Values and names quoted from the file ("unknown", `weight`) are the file's, not English.
    let own = unquoted(vi);
    for w in ENGLISH {
        assert!(
            !own.contains(w),
            "English ({w:?}) in the Vietnamese of {p}: {vi}"
        );
    }
}

/// A message without what it quotes between "…" or `…`.
fn unquoted(s: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in s.chars() {
        match c {
            '"' | '`' => quoted = !quoted,
            _ if quoted => {}
            _ => out.push(c),
        }
    }
    out
}

/// The English message without the values in it, to count kinds of problem.
fn kind(p: &Problem) -> String {
    unquoted(&p.message.en).replace(|c: char| c.is_ascii_digit(), "")
}

#[test]
fn every_checker_problem_is_told_in_vietnamese_too() {
    let mut kinds = BTreeSet::new();
    assert!(parse_dataset(valid().to_string().as_bytes()).is_ok());
    for (i, b) in BREAKS.iter().enumerate() {
        let mut v = valid();
        b(&mut v);
        let problems = parse_dataset(v.to_string().as_bytes())
            .err()
            .unwrap_or_else(|| panic!("break {i} left the file valid"));
        for p in &problems {
            check(p);
            kinds.insert(kind(p));
        }
        // The reader behind the shape check says the same things its own way.
        if let Err(p) = read::dataset(&v) {
            check(&p);
            kinds.insert(kind(&p));
        }
    }
    // Files that are not JSON, too large, or wrong everywhere.
    for bytes in [
        b"{\"format\": ".to_vec(),
        b"{\"a\": 1,}".to_vec(),
        b"{a: 1}".to_vec(),
        b"[1 2]".to_vec(),
        b"{} x".to_vec(),
        // A colon left out, a number JSON cannot hold, a misspelt literal, a bad escape.
        b"{\"a\" 1}".to_vec(),
        b"[1e999]".to_vec(),
        b"[tru]".to_vec(),
        b"[\"\\q\"]".to_vec(),
        b"[\"\\u12\"]".to_vec(),
        vec![b' '; xephang::engine::dataset::MAX_BYTES + 1],
    ] {
        let problems = parse_dataset(&bytes).unwrap_err();
        check(&problems[0]);
        kinds.insert(kind(&problems[0]));
        // serde_json's reason ("number out of range") is in the English text only.
        let m = &problems[0].message;
        if let Some((_, reason)) = m.en.rsplit_once(": ") {
            let reason = reason.trim_end_matches(')');
            assert!(!m.vi.contains(reason), "{reason:?} untranslated: {}", m.vi);
        }
    }
    let mut v = valid();
    // Not counted by the publisher: else the count of units would be one problem more.
    v["groups"][0]["units_evaluated"] = json!(null);
    v["units"] = json!((0..MAX_PROBLEMS + 5)
        .map(|i| json!({"id": format!("u{i}"), "name": "", "group": "g"}))
        .collect::<Vec<_>>());
    let problems = parse_dataset(v.to_string().as_bytes()).unwrap_err();
    let last = problems.last().unwrap();
    check(last);
    assert_eq!(last.message.vi, "… và 5 lỗi khác");
    // Most of the rules were reached, not a few of them many times over.
    assert!(kinds.len() >= 50, "{} kinds: {kinds:#?}", kinds.len());
}

fn dataset() -> Dataset {
    parse_dataset(valid().to_string().as_bytes()).unwrap()
}

/// The problem of a call that must refuse its input.
fn refused<T>(r: Result<T, Problem>) -> Problem {
    match r {
        Err(p) => p,
        Ok(_) => panic!("accepted what it should refuse"),
    }
}

#[test]
fn what_the_ranking_and_the_analyses_refuse_is_told_in_vietnamese_too() {
    let ds = dataset();
    let o = Options::default();
    let settings = |noise, samples| Settings {
        noise,
        samples,
        seed: 1,
        options: o,
    };
    let uniform = Noise::Uniform { percent: 20.0 };
    let mut problems = vec![
        refused(score::rank_group(&ds, "h", &[1.0, 1.0], o)),
        refused(score::rank_group(&ds, "g", &[1.0], o)),
        refused(score::rank_group(&ds, "g", &[0.0, 0.0], o)),
        refused(score::rank_group(&ds, "g", &[-1.0, 1.0], o)),
        refused(score::normalize_weights(&[])),
        refused(reach::analyse(&ds, "h")),
        refused(MonteCarlo::for_group(
            &ds,
            "h",
            &[1.0, 1.0],
            settings(uniform, 10),
        )),
        refused(MonteCarlo::for_group(
            &ds,
            "g",
            &[1.0],
            settings(uniform, 10),
        )),
        refused(MonteCarlo::for_group(
            &ds,
            "g",
            &[1.0, 1.0],
            settings(uniform, 0),
        )),
        refused(MonteCarlo::for_group(
            &ds,
            "g",
            &[1.0, 1.0],
            settings(Noise::Uniform { percent: 150.0 }, 10),
        )),
        refused(MonteCarlo::for_group(
            &ds,
            "g",
            &[1.0, 1.0],
            settings(
                Noise::Dirichlet {
                    concentration: -1.0,
                },
                10,
            ),
        )),
    ];
    let mut empty = ds.clone();
    empty.units.clear();
    problems.push(refused(reach::analyse(&empty, "g")));
    problems.push(refused(MonteCarlo::for_group(
        &empty,
        "g",
        &[1.0, 1.0],
        settings(uniform, 10),
    )));
    let mut big = ds.clone();
    let template = big.units[0].clone();
    big.units = (0..xephang::engine::uncertainty::MAX_UNITS + 1)
        .map(|i| {
            let mut u = template.clone();
            u.id = format!("u{i}");
            u
        })
        .collect();
    problems.push(refused(MonteCarlo::for_group(
        &big,
        "g",
        &[1.0, 1.0],
        settings(uniform, 10),
    )));
    problems.push(refused(reach::analyse(&big, "g")));
    for p in &problems {
        check(p);
    }
    // The group that is not there is named, with the ones that are, in both languages.
    assert_eq!(
        problems[0].message.vi,
        "\"h\" không phải là một nhóm của bộ dữ liệu này (các nhóm: g)"
    );
}
