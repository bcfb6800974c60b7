//! The `xephang` binary on small fixture datasets: exit codes (0 ok, 1 invalid data, 2 bad
//! arguments) and the formats scripts rely on (`FILE: error: <path>: <message>`, CSV headers),
//! in English and in Vietnamese (`--lang vi`, or a Vietnamese locale).

use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    format!("tests/fixtures/{name}")
}

/// The tool in English whatever this machine's locale (the tests below that want Vietnamese
/// say so).
fn xephang(args: &[&str]) -> Output {
    xephang_env(args, &[("XEPHANG_LANG", "en")])
}

fn xephang_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xephang"));
    for k in ["XEPHANG_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(k);
    }
    cmd.envs(env.iter().copied())
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xephang-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn check_accepts_a_valid_file() {
    let out = xephang(&["check", &fixture("valid.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("valid.json: ok"));
    assert!(out.stderr.is_empty());
}

#[test]
fn check_reports_every_problem_with_its_path() {
    let f = fixture("invalid-values.json");
    let out = xephang(&["check", &fixture("valid.json"), &f]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        vec![
            format!("{f}: error: units[1].scores.portal: -0.2 is outside 0..1"),
            format!("{f}: error: units[2].group: \"cities\" is not a declared group (declared: provinces)"),
        ]
    );
}

#[test]
fn check_names_each_kind_of_invalid_file() {
    for (name, path) in [
        ("invalid-format.json", "format: "),
        ("invalid-duplicate.json", "units[3].id: "),
        (
            "invalid-syntax.json",
            "The file is not valid JSON (line 1, column",
        ),
    ] {
        let out = xephang(&["check", &fixture(name)]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = text(&out.stderr);
        let prefix = format!("{}: error: {path}", fixture(name));
        assert!(
            err.lines()
                .all(|l| l.starts_with(&format!("{}: error: ", fixture(name)))),
            "{err}"
        );
        assert!(err.lines().any(|l| l.starts_with(&prefix)), "{name}: {err}");
    }
    let out = xephang(&["check", "tests/fixtures/no-such-file.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("tests/fixtures/no-such-file.json: error: cannot read"));
}

#[test]
fn bad_arguments_exit_2() {
    let valid = fixture("valid.json");
    for args in [
        vec!["check"],
        vec!["check", "--bogus"],
        vec!["rank"],
        vec!["rank", &valid, "--format", "xml"],
        vec!["rank", &valid, "--group", "nope"],
        vec!["rank", &valid, "--weights", "bogus=1"],
        vec!["rank", &valid, "--weights", "infra=-1"],
        vec!["rank", &valid, "--weights", "infra=0,portal=0,services=0"],
        vec!["rank", &valid, "--missing", "maybe"],
        vec!["uncertainty", &valid, "--noise", "150"],
        vec!["uncertainty", &valid, "--samples", "many"],
        vec![
            "uncertainty",
            &valid,
            "--method",
            "dirichlet",
            "--concentration",
            "0",
        ],
        vec!["import", "table.csv"],
        vec!["bench", "--bogus"],
        vec!["frobnicate"],
    ] {
        let out = xephang(&args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn rank_prints_csv_sorted_with_unranked_last() {
    let out = xephang(&["rank", &fixture("valid.json"), "--group", "provinces"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "rank,id,name,score,infra,portal,services,official_rank,missing"
    );
    // Official weights 2:1:1; An Giang and Bắc Ninh tie at 0.50 and share rank 3 (1-2-3-3-5).
    assert_eq!(lines[1], "1,da-nang,Đà Nẵng,0.88,0.9,0.8,0.9,,");
    assert_eq!(lines[3], "3,an-giang,An Giang,0.50,0.5,0.5,0.5,,");
    assert_eq!(lines[4], "3,bac-ninh,Bắc Ninh,0.50,0.5,0.5,0.5,,");
    assert!(lines[5].starts_with("5,dak-lak,"));
    assert_eq!(lines[6], ",cao-bang,Cao Bằng,,0.6,,0.4,,portal");
    // Re-weighted: the portal puts Hà Nội first.
    let out = xephang(&["rank", &fixture("valid.json"), "--weights", "portal=5"]);
    assert!(text(&out.stdout)
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("1,ha-noi,"));
    // Renormalised, Cao Bằng is ranked.
    let out = xephang(&["rank", &fixture("valid.json"), "--missing", "renormalize"]);
    assert!(!text(&out.stdout).lines().any(|l| l.starts_with(",")));
}

#[test]
fn rank_prints_json_and_table() {
    let out = xephang(&["rank", &fixture("valid.json"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ranked"].as_array().unwrap().len(), 5);
    assert_eq!(v["not_ranked"][0]["missing"][0], "portal");
    assert_eq!(v["ranked"][0]["id"], "da-nang");
    let out = xephang(&["rank", &fixture("valid.json"), "--format", "table"]);
    assert_eq!(out.status.code(), Some(0));
    let t = text(&out.stdout);
    assert!(t.starts_with("rank  name"));
    assert!(t.contains("not ranked"));
}

#[test]
fn uncertainty_prints_reproducible_intervals() {
    let args = [
        "uncertainty",
        &fixture("valid.json"),
        "--samples",
        "500",
        "--noise",
        "40",
        "--seed",
        "9",
    ];
    let a = xephang(&args);
    assert_eq!(a.status.code(), Some(0), "{}", text(&a.stderr));
    let b = xephang(&args);
    assert_eq!(a.stdout, b.stdout);
    let csv = text(&a.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "id,name,rank,median_rank,p05,p95,share_first");
    assert!(lines[1].starts_with("da-nang,Đà Nẵng,1,"));
    assert_eq!(lines[6], "cao-bang,Cao Bằng,,,,,");
    let d = xephang(&[
        "uncertainty",
        &fixture("valid.json"),
        "--method",
        "dirichlet",
        "--concentration",
        "20",
    ]);
    assert_eq!(d.status.code(), Some(0));
}

/// META.json shared with the unit tests of src/cli/import.rs.
const META: &str = include_str!("fixtures/import-meta.json");

#[test]
fn import_writes_a_valid_dataset_or_nothing() {
    let dir = scratch("import");
    let meta = dir.join("meta.json");
    std::fs::write(&meta, META).unwrap();
    let table = dir.join("table.csv");
    std::fs::write(
        &table,
        "Đơn vị;Hạ tầng;Cổng thông tin\nĐà Nẵng;0,9;0,8\nHà Nội;0,7;\n",
    )
    .unwrap();
    let out_json = dir.join("out.json");
    let p = |x: &PathBuf| x.to_string_lossy().into_owned();
    let out = xephang(&[
        "import",
        &p(&table),
        "--meta",
        &p(&meta),
        "-o",
        &p(&out_json),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let check = xephang(&["check", &p(&out_json)]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));

    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "name,infra,portal\nA,0.5,0.5\nB,1.5,0.2\n").unwrap();
    let bad_out = dir.join("bad.json");
    let out = xephang(&["import", &p(&bad), "--meta", &p(&meta), "-o", &p(&bad_out)]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!(
            "{}: error: row 3, column 2 (\"infra\"): ",
            p(&bad)
        )),
        "{err}"
    );
    assert!(!bad_out.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--lang vi` (or a Vietnamese locale) turns every message to Vietnamese, and leaves what
/// scripts read (CSV headers, exit codes) as it was.
#[test]
fn vietnamese_messages_keep_the_same_formats() {
    let f = fixture("invalid-values.json");
    let out = xephang(&["check", "--lang", "vi", &fixture("valid.json"), &f]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("valid.json: hợp lệ ("),
        "{}",
        text(&out.stdout)
    );
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with(&format!("{f}: lỗi: units[1].scores.portal: ")),
        "{err}"
    );
    assert!(
        !err.contains("outside") && !err.contains("declared group"),
        "{err}"
    );

    // The locale alone does it; the flag outranks the locale.
    let by_locale = xephang_env(&["check", &f], &[("LANG", "vi_VN.UTF-8")]);
    assert_eq!(text(&by_locale.stderr), err);
    let flag_wins = xephang_env(&["check", "--lang=en", &f], &[("LANG", "vi_VN.UTF-8")]);
    assert!(text(&flag_wins.stderr).contains(": error: "));

    let out = xephang(&["check", "--lang", "vi", "tests/fixtures/no-such-file.json"]);
    assert!(text(&out.stderr).starts_with(
        "tests/fixtures/no-such-file.json: lỗi: không đọc được tệp: không có tệp này"
    ));

    // Bad arguments: Vietnamese reason and usage, exit 2.
    let valid = fixture("valid.json");
    for (args, want) in [
        (
            vec!["rank", &valid, "--format", "xml"],
            "cần csv, json hoặc table",
        ),
        (
            vec!["rank", &valid, "--group", "nope"],
            "không phải một nhóm",
        ),
        (
            vec!["rank", &valid, "--weights", "infra=0,portal=0,services=0"],
            "--weights: ",
        ),
        (vec!["rank", &valid, "--bogus"], "không có tuỳ chọn --bogus"),
        (vec!["uncertainty", &valid, "--noise", "150"], "--noise"),
        (vec!["frobnicate"], "không có lệnh"),
        (vec!["check"], "chưa có TỆP nào"),
    ] {
        let mut all = vec!["--lang", "vi"];
        all.extend(args.iter().copied());
        let out = xephang(&all);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(
            err.contains("cách dùng") || err.contains("CÁCH DÙNG"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("usage"), "{args:?}: {err}");
    }
    let out = xephang(&["check", "--lang", "fr", &valid]);
    assert_eq!(out.status.code(), Some(2));

    // The table for people: Vietnamese headings and decimal commas; CSV unchanged.
    let vi = xephang(&[
        "--lang",
        "vi",
        "rank",
        &valid,
        "--group",
        "provinces",
        "--format",
        "table",
    ]);
    let table = text(&vi.stdout);
    assert!(table.starts_with("hạng"), "{table}");
    assert!(table.contains("0,"), "{table}");
    assert!(!table.contains("0."), "{table}");
    let csv_vi = xephang(&["--lang", "vi", "rank", &valid, "--group", "provinces"]);
    let csv_en = xephang(&["rank", &valid, "--group", "provinces"]);
    assert_eq!(csv_vi.stdout, csv_en.stdout);
    assert!(text(&csv_vi.stdout).starts_with("rank,id,name,score"));

    // Import problems by row and column, in Vietnamese.
    let dir = scratch("vi-import");
    let table = dir.join("t.csv");
    std::fs::write(&table, "id,name,infra,portal\na,A,0.5,0.7x\n").unwrap();
    let out_file = dir.join("out.json");
    let out = xephang(&[
        "import",
        "--lang",
        "vi",
        table.to_str().unwrap(),
        "--meta",
        &fixture("import-meta.json"),
        "-o",
        out_file.to_str().unwrap(),
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("lỗi: dòng 2, cột 4 (\"portal\"): \"0.7x\" không phải một số"),
        "{err}"
    );
    assert!(err.contains("không ghi gì vào"), "{err}");
    assert!(!out_file.exists());
}
