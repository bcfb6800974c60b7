//! Pasted tables, end to end on the native engine: the fictional 63-province fixture of the
//! browser tests, parsed, guessed, matched to the registry, built and shared in a link.

use xephang::engine::registry::Registry;
use xephang::engine::table::{self, Issue, Role};
use xephang::engine::{score, share};

const FIXTURE: &str = include_str!("e2e/fixtures/fictional-63-provinces.tsv");

fn registry() -> Registry {
    serde_json::from_str(include_str!("../public/data/units.json")).unwrap()
}

#[test]
fn the_63_province_fixture_imports_and_matches_the_registry() {
    let t = table::parse(FIXTURE).unwrap();
    assert_eq!(t.delimiter, b'\t');
    assert!(t.has_header);
    assert_eq!(t.rows.len(), 63);
    let g = table::guess(&t);
    assert_eq!(g.series, Some("mic-ict"));
    let ids: Vec<String> = g
        .roles
        .iter()
        .filter_map(|r| match r {
            Role::Category(id) => Some(id.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        ids,
        [
            "infrastructure",
            "internal-apps",
            "portal",
            "online-services",
            "policy",
            "hr"
        ]
    );
    assert_eq!(g.roles[0], Role::Ignore, "STT is a row counter");
    assert_eq!(g.roles[1], Role::Name);
    assert_eq!(g.roles[8], Role::Rank);

    let reg = registry();
    let built = table::import(FIXTURE, "Bảng thử (hư cấu)", 2019, Some(&reg)).unwrap();
    assert_eq!(built.problems, vec![]);
    let ds = built.dataset.unwrap();
    assert_eq!(ds.units.len(), 63);
    assert_eq!(ds.groups[0].id, "provinces");
    assert!(
        built.matched.iter().all(Option::is_some),
        "{:?}",
        built.matched
    );
    let hcm = ds
        .units
        .iter()
        .find(|u| u.name == "TP. Hồ Chí Minh")
        .unwrap();
    assert_eq!(hcm.id, "ho-chi-minh");
    assert!(ds.units.iter().any(|u| u.id == "ha-giang"));
    assert!(ds
        .units
        .iter()
        .all(|u| u.official.rank.is_some() && u.official.index.is_some()));

    // Everything works on it: equal weights re-rank the 63.
    let w = ds.default_weights();
    let r = score::rank_group(&ds, "provinces", &w, Default::default()).unwrap();
    assert_eq!(r.ranked.len(), 63);

    // And it fits in a link.
    let f = share::encode(&ds).unwrap();
    assert!(f.len() < share::MAX_FRAGMENT);
    assert_eq!(share::decode(&f).unwrap().units.len(), 63);
}

#[test]
fn semicolon_csv_with_quotes_and_problems_by_row_and_column() {
    let text = "Đơn vị;Hạ tầng;\"Cổng thông tin\"\n\"Bộ Tài chính\";0,9;0,8\nBộ Y tế;abc;1,5\n";
    let b = table::import(text, "", 2019, Some(&registry())).unwrap();
    assert!(b.dataset.is_none());
    let msgs: Vec<String> = b.problems.iter().map(|p| p.describe(true)).collect();
    assert_eq!(
        msgs,
        [
            "row 3, column “Hạ tầng”: \"abc\" is not a number",
            "row 3, column “Cổng thông tin”: 1.5 is outside 0..1"
        ]
    );
    assert_eq!(b.matched[0].as_deref(), Some("bo-tai-chinh"));
}

#[test]
fn missing_name_column_and_empty_and_oversized_pastes() {
    let b = table::import("Hạ tầng\tNhân lực\n0,5\t0,4\n", "", 2019, None).unwrap();
    assert_eq!(b.problems[0].issue, Issue::NoNameColumn);
    assert_eq!(table::parse("").unwrap_err().issue, Issue::Empty);
    let five_mb = "Hà Nội\t0,5\n".repeat(5 * 1024 * 1024 / 13);
    let start = std::time::Instant::now();
    assert!(matches!(
        table::parse(&five_mb).unwrap_err().issue,
        Issue::TooLarge { .. }
    ));
    assert!(start.elapsed().as_millis() < 100);
}

#[test]
fn a_dti_table_is_guessed_to_the_edition_of_its_names_era() {
    let reg = registry();
    let names = |ds: &str| -> Vec<String> {
        let d: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(format!("public/data/{ds}.json")).unwrap(),
        )
        .unwrap();
        d["units"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| u["group"] == "provinces")
            .map(|u| u["name"].as_str().unwrap().to_string())
            .collect()
    };
    // The 34 provinces of DTI 2024, and the 63 of DTI 2023, as published.
    let new: Vec<String> = names("dti-2024-34");
    let old: Vec<String> = names("dti-2023");
    assert_eq!((new.len(), old.len()), (34, 63));
    fn refs(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    assert_eq!(table::guess_edition("dti", &refs(&new), Some(&reg)), 2024);
    assert_eq!(table::guess_edition("dti", &refs(&old), Some(&reg)), 2023);
    // Without a registry the latest edition; the ministry's ranking ended with 2019.
    assert_eq!(table::guess_edition("dti", &refs(&old), None), 2024);
    assert_eq!(
        table::guess_edition("mic-ict", &refs(&old), Some(&reg)),
        2019
    );
}

#[test]
fn a_rank_column_that_contradicts_the_index_is_named_on_its_row() {
    // Hà Nội has the higher index and the lower rank: the rank column is of another table (or
    // the rows were sorted apart from it). Before, the table was taken as it was.
    let paste = "Tỉnh\tHạ tầng số\tChỉ số\tXếp hạng\nHà Nội\t0,9\t0,9\t2\nHải Phòng\t0,8\t0,8\t1\n";
    let b = table::import(paste, "", 2024, Some(&registry())).unwrap();
    assert!(b.dataset.is_none());
    assert_eq!(b.problems.len(), 1, "{:?}", b.problems);
    let p = &b.problems[0];
    assert_eq!((p.line, p.column_title.as_str()), (Some(2), "Xếp hạng"));
    let Issue::Rule { message } = &p.issue else {
        panic!("{p:?}")
    };
    assert!(
        message.en.contains("“Hải Phòng” has a lower index (0.8)"),
        "{}",
        message.en
    );
    // The same table with ranks that follow the index imports.
    let fixed = paste
        .replace("0,9\t2", "0,9\t1")
        .replace("0,8\t1", "0,8\t2");
    let b = table::import(&fixed, "", 2024, Some(&registry())).unwrap();
    assert_eq!(b.problems, vec![]);
}

#[test]
fn a_name_typed_without_accents_is_shown_as_the_registry_spells_it() {
    // "Da Nang" matched Đà Nẵng, and the table, the CSV and the JSON kept "Da Nang" (a review).
    let paste = "Tỉnh\tHạ tầng số\nDa Nang\t0,9\nThanh Hoá\t0,8\nAtlantis\t0,7\n";
    let b = table::import(paste, "", 2024, Some(&registry())).unwrap();
    let names: Vec<&str> = b
        .dataset
        .as_ref()
        .unwrap()
        .units
        .iter()
        .map(|u| u.name.as_str())
        .collect();
    // A name with its accents stays as typed (Thanh Hoá, not the registry's Thanh Hóa); one the
    // registry does not know stays too.
    assert_eq!(names, ["Đà Nẵng", "Thanh Hoá", "Atlantis"]);
}
