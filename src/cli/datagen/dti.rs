//! The Digital Transformation Index (DTI), 2020–2024, from `dti/`.
//!
//! 2024 is split in two datasets because the publisher ranked two different sets of units:
//! `dti-2024` holds the 63 provinces as they were before the 1 July 2025 merger (overall index
//! only: no pillar value of this table was recovered), `dti-2024-34` the 34 provinces after the
//! merger (every pillar of every province; the overall values are means of the pre-merger
//! provinces' main indices, per dantri). The two are not comparable row by row.

use super::build::{cat, group, read, Builder};
use super::registry::{Era, Registry};
use crate::engine::dataset::{Category, Dataset, Text, WeightBasis};
use std::path::Path;

const MAIN_INDICES: &[(&str, &str, &str, &str)] = &[
    (
        "digital-awareness",
        "Chỉ số Nhận thức số",
        "Nhận thức số",
        "Digital awareness",
    ),
    (
        "digital-institutions",
        "Chỉ số Thể chế số",
        "Thể chế số",
        "Digital institutions",
    ),
    (
        "digital-infrastructure",
        "Chỉ số Hạ tầng số",
        "Hạ tầng số",
        "Digital infrastructure",
    ),
    (
        "digital-human-resources",
        "Chỉ số Nhân lực số",
        "Nhân lực số",
        "Digital human resources",
    ),
    (
        "cyber-security",
        "Chỉ số An toàn thông tin mạng",
        "An toàn thông tin mạng",
        "Cyber security",
    ),
    (
        "digital-government-activity",
        "Chỉ số Hoạt động chính quyền số",
        "Hoạt động chính quyền số",
        "Digital government activity",
    ),
    (
        "digital-economy-activity",
        "Chỉ số Hoạt động kinh tế số",
        "Hoạt động kinh tế số",
        "Digital economy activity",
    ),
    (
        "digital-society-activity",
        "Chỉ số Hoạt động xã hội số",
        "Hoạt động xã hội số",
        "Digital society activity",
    ),
];

/// Maximum points of the eight scored main indices, Quyết định 922/QĐ-BTTTT (out of 1000).
const POINTS_922: [f64; 8] = [100.0, 100.0, 100.0, 100.0, 100.0, 200.0, 150.0, 150.0];
/// Weights that reproduce all 34 published DTI 2024 values (least squares; no source states them).
pub const WEIGHTS_2024_34: [f64; 8] = [50.0, 50.0, 140.0, 100.0, 100.0, 200.0, 150.0, 150.0];

const PILLARS_2020: &[(&str, &str, &str, &str, f64)] = &[
    (
        "cqs",
        "digital-government",
        "Chính quyền số",
        "Digital government",
        400.0,
    ),
    (
        "kts",
        "digital-economy",
        "Kinh tế số",
        "Digital economy",
        300.0,
    ),
    (
        "xhs",
        "digital-society",
        "Xã hội số",
        "Digital society",
        300.0,
    ),
];

/// Main-index ranks quoted in the `note` column of a fragment row (not in a rank column), keyed
/// by dataset, unit and category: (dataset, unit id, category, rank, file).
const RANKS_IN_NOTES: &[(&str, &str, &str, u32, &str)] = &[
    // 2021-provinces-fragments.tsv, Thừa Thiên Huế (tapchisonghuong): "hoạt động chính quyền số
    // 1st, an toàn thông tin mạng and hạ tầng số 2nd, nhận thức số 3rd".
    (
        "dti-2021",
        "hue",
        "digital-government-activity",
        1,
        "2021-provinces-fragments.tsv",
    ),
    (
        "dti-2021",
        "hue",
        "cyber-security",
        2,
        "2021-provinces-fragments.tsv",
    ),
    (
        "dti-2021",
        "hue",
        "digital-infrastructure",
        2,
        "2021-provinces-fragments.tsv",
    ),
    (
        "dti-2021",
        "hue",
        "digital-awareness",
        3,
        "2021-provinces-fragments.tsv",
    ),
    // 2021-provinces-fragments.tsv, Vĩnh Long: "chỉ số về an toàn thông tin mạng xếp thứ 8/63".
    (
        "dti-2021",
        "vinh-long",
        "cyber-security",
        8,
        "2021-provinces-fragments.tsv",
    ),
    // 2023-provinces-fragments.tsv, Đà Nẵng: 1st in 5/8 main indices.
    (
        "dti-2023",
        "da-nang",
        "digital-awareness",
        1,
        "2023-provinces-fragments.tsv",
    ),
    (
        "dti-2023",
        "da-nang",
        "digital-institutions",
        1,
        "2023-provinces-fragments.tsv",
    ),
    (
        "dti-2023",
        "da-nang",
        "digital-human-resources",
        1,
        "2023-provinces-fragments.tsv",
    ),
    (
        "dti-2023",
        "da-nang",
        "cyber-security",
        1,
        "2023-provinces-fragments.tsv",
    ),
    (
        "dti-2023",
        "da-nang",
        "digital-government-activity",
        1,
        "2023-provinces-fragments.tsv",
    ),
];

fn main_categories(weights: Option<[f64; 8]>, max_points: Option<[f64; 8]>) -> Vec<Category> {
    MAIN_INDICES
        .iter()
        .enumerate()
        .map(|(k, (id, _, vi, en))| {
            cat(id, vi, en, weights.map(|w| w[k]), max_points.map(|m| m[k]))
        })
        .collect()
}

fn ministry_groups(public: Option<u32>, none: Option<u32>) -> Vec<crate::engine::dataset::Group> {
    vec![
        group(
            "ministries-public-services",
            "Bộ, ngành có cung cấp dịch vụ công",
            "Ministries and agencies that provide public services",
            public,
        ),
        group(
            "ministries-no-public-services",
            "Bộ, ngành không cung cấp dịch vụ công",
            "Ministries and agencies that do not provide public services",
            none,
        ),
    ]
}

fn provinces(n: u32) -> crate::engine::dataset::Group {
    if n == 34 {
        group(
            "provinces",
            "Tỉnh, thành phố trực thuộc Trung ương (34, sau sắp xếp năm 2025)",
            "Provinces and centrally-run cities (34, after the 2025 merger)",
            Some(34),
        )
    } else {
        group(
            "provinces",
            "Tỉnh, thành phố trực thuộc Trung ương",
            "Provinces and centrally-run cities",
            Some(n),
        )
    }
}

const NOTE_922: (&str, &str) = (
    "Trọng số = điểm tối đa của 8 chỉ số chính theo Quyết định 922/QĐ-BTTTT (thang 1000; Đô thị thông minh không tính điểm): Nhận thức số, Thể chế số, Hạ tầng số, Nhân lực số, An toàn thông tin mạng mỗi chỉ số 100; Hoạt động chính quyền số 200; Hoạt động kinh tế số 150; Hoạt động xã hội số 150. Bản trích nguồn bị cắt trước dòng Hoạt động xã hội số, nên 150 là phần còn lại của tổng 1000; trung bình có trọng số này tái tạo DTI công bố của mọi dòng đầy đủ năm 2022 và 2023 trong phạm vi 0,0001.",
    "Weights = the maximum points of the eight main indices under Quyết định 922/QĐ-BTTTT (out of 1000; smart city is not scored): digital awareness, institutions, infrastructure, human resources and cyber security 100 each; digital government activity 200; digital economy activity 150; digital society activity 150. The source excerpt is cut before the digital society row, so its 150 is the remainder of the 1000 total; this weighted mean reproduces the published DTI of every complete 2022 and 2023 row within 0.0001.",
);

struct Spec {
    id: &'static str,
    year: i32,
    era: Era,
    title: (&'static str, &'static str),
    publisher: (&'static str, &'static str),
    published: Option<&'static str>,
    notes: (&'static str, &'static str),
}

fn mic_publisher() -> (&'static str, &'static str) {
    (
        "Bộ Thông tin và Truyền thông",
        "Ministry of Information and Communications",
    )
}

pub fn build(root: &Path, reg: &mut Registry, id: &str) -> Result<Dataset, String> {
    let most = (
        "Bộ Khoa học và Công nghệ",
        "Ministry of Science and Technology",
    );
    let spec = match id {
        "dti-2020" => Spec {
            id: "dti-2020",
            year: 2020,
            era: Era::Before2025,
            title: ("Chỉ số chuyển đổi số (DTI) năm 2020", "Digital Transformation Index (DTI) 2020"),
            publisher: mic_publisher(),
            published: None,
            notes: (
                "Năm 2020, DTI cấp tỉnh là tổng điểm của 3 trụ cột (chính quyền số 400, kinh tế số 300, xã hội số 300 trên 1.000); DTI cấp bộ có cấu trúc khác (500 điểm), nên các bộ chỉ có chỉ số tổng thể. Không tìm thấy bảng nào: chỉ có các dòng nêu trong bài báo. Hạng 8 in hai lần (Ninh Bình, Kiên Giang) trong danh sách tiếng Nhật.",
                "In 2020 the provincial DTI was the total of three pillars (digital government 400, digital economy 300, digital society 300 out of 1,000); the ministries' DTI had another structure (500 points), so ministries have only an overall index. No table was found: only rows stated in news text. Rank 8 is printed twice (Ninh Bình, Kiên Giang) in the Japanese list.",
            ),
        },
        "dti-2021" => Spec {
            id: "dti-2021",
            year: 2021,
            era: Era::Before2025,
            title: ("Chỉ số chuyển đổi số (DTI) năm 2021", "Digital Transformation Index (DTI) 2021"),
            publisher: mic_publisher(),
            published: None,
            notes: (
                "Không tìm thấy bảng nào năm 2021: chỉ có các dòng nêu trong bài báo. Từ năm 2021, DTI là tổng điểm của 9 chỉ số chính (98 chỉ số thành phần), không còn là tổng 3 trụ cột; thứ hạng theo trụ cột (chính quyền số, kinh tế số, xã hội số) được ghi trong ghi chú của từng dòng. Khối bộ có DVC: hạng 2 và 3 không thống nhất giữa các nguồn (xem ghi chú).",
                "No 2021 table was found: only rows stated in news text. From 2021 the DTI is the total of 9 main indices (98 components), no longer the total of three pillars; pillar ranks (digital government, economy, society) are kept in each row's note. Ministries with public services: sources disagree on ranks 2 and 3 (see the notes).",
            ),
        },
        "dti-2022" => Spec {
            id: "dti-2022",
            year: 2022,
            era: Era::Before2025,
            title: ("Chỉ số chuyển đổi số (DTI) năm 2022", "Digital Transformation Index (DTI) 2022"),
            publisher: mic_publisher(),
            published: None,
            notes: (
                "Tỉnh: thứ hạng đủ 63/63 (dti.gov.vn/xep-hang-2022) và DTI đủ 63/63 (tệp JSON của kho opendx, lấy từ cùng trang); 8 chỉ số chính chỉ có cho 10 tỉnh (hạng 1–5 và 59–63). Đồng hạng 15: Thanh Hóa, Yên Bái (0,635). Cột Thể chế số của hạng 59–63 in 1 chữ số thập phân (bản in của pandas). Khối bộ: chỉ vài dòng; một số thứ hạng chỉ có từ trang dịch máy (độ tin cậy thấp, ghi trong ghi chú).",
                "Provinces: ranks 63/63 (dti.gov.vn/xep-hang-2022) and DTI 63/63 (JSON file of the opendx repository, scraped from the same page); the eight main indices only for 10 provinces (ranks 1–5 and 59–63). Tie at 15: Thanh Hóa, Yên Bái (0.635). The institutions column of ranks 59–63 has 1 decimal (as pandas printed it). Ministries: a few rows; some ranks come only from a machine-translated page (low confidence, noted).",
            ),
        },
        "dti-2023" => Spec {
            id: "dti-2023",
            year: 2023,
            era: Era::Before2025,
            title: ("Chỉ số chuyển đổi số (DTI) năm 2023", "Digital Transformation Index (DTI) 2023"),
            publisher: mic_publisher(),
            published: None,
            notes: (
                "Tỉnh: DTI đủ 63/63 (tệp JSON của kho opendx, lấy từ dti.gov.vn/xep-hang-2023-all) nhưng thứ hạng chỉ có khi được in (10 dòng chi tiết và tin tức); thứ tự trong tệp JSON không phải thứ hạng. 8 chỉ số chính cho 10 tỉnh (hạng 1–5 và 59–63). Đồng hạng 59: An Giang, Phú Yên (0,5582). Khối bộ: chỉ có thứ tự, không có chỉ số.",
                "Provinces: DTI 63/63 (JSON file of the opendx repository, scraped from dti.gov.vn/xep-hang-2023-all) but ranks only where printed (the 10 detail rows and news); the order of the JSON file is not a rank. The eight main indices for 10 provinces (ranks 1–5 and 59–63). Tie at 59: An Giang, Phú Yên (0.5582). Ministries: order only, no index values.",
            ),
        },
        "dti-2024" => Spec {
            id: "dti-2024",
            year: 2024,
            era: Era::Before2025,
            title: (
                "Chỉ số chuyển đổi số (DTI) năm 2024 — 63 tỉnh, thành phố trước sắp xếp",
                "Digital Transformation Index (DTI) 2024 — the 63 provinces before the merger",
            ),
            publisher: most,
            published: Some("2025-10-21"),
            notes: (
                "Bảng 63 tỉnh, thành phố như trước ngày 1/7/2025 (dti.gov.vn/xep-hang-2024-63-tinh): DTI đủ 63/63 (tệp JSON của kho opendx) nhưng không có chỉ số chính nào và chỉ vài thứ hạng được in trong tin tức (thứ tự trong tệp JSON không phải thứ hạng; Bắc Giang và Yên Bái cùng 0,7583). Bảng 34 tỉnh sau sắp xếp là bộ dữ liệu riêng dti-2024-34. Kết quả DTI 2024 cấp bộ không được công bố cùng đợt.",
                "The table of the 63 provinces as they were before 1 July 2025 (dti.gov.vn/xep-hang-2024-63-tinh): DTI 63/63 (JSON file of the opendx repository) but no main-index values and only a few ranks printed in news (the order of the JSON file is not a rank; Bắc Giang and Yên Bái both have 0.7583). The 34 provinces after the merger are the separate dataset dti-2024-34. No 2024 ministry results were announced with it.",
            ),
        },
        "dti-2024-34" => Spec {
            id: "dti-2024-34",
            year: 2024,
            era: Era::From2025,
            title: (
                "Chỉ số chuyển đổi số (DTI) năm 2024 — 34 tỉnh, thành phố sau sắp xếp",
                "Digital Transformation Index (DTI) 2024 — the 34 provinces after the merger",
            ),
            publisher: most,
            published: Some("2025-10-21"),
            notes: (
                "Bảng đầy đủ 34/34 tỉnh, thành phố sau sắp xếp năm 2025 (dti.gov.vn/xep-hang-2024, qua bản lưu của kho opendx), đủ 8 chỉ số chính. Theo dantri, kết quả của tỉnh sau sáp nhập được tính từ trung bình cộng các chỉ số chính của các tỉnh trước sáp nhập. Không có giá trị DTI nào bằng nhau.",
                "Complete table of the 34 provinces after the 2025 merger (dti.gov.vn/xep-hang-2024, via the opendx repository's saved copy), with all eight main indices. Per dantri, a merged province's result is computed from the mean of the main indices of the provinces before the merger. No two DTI values are equal.",
            ),
        },
        _ => return Err(format!("unknown DTI dataset {id}")),
    };
    let (categories, basis, weight_note, groups) = match spec.id {
        "dti-2020" => (
            PILLARS_2020
                .iter()
                .map(|(_, id, vi, en, p)| cat(id, vi, en, Some(*p), Some(*p)))
                .collect(),
            WeightBasis::Official,
            Some(Text::new(
                "Trọng số = điểm tối đa của 3 trụ cột của DTI cấp tỉnh năm 2020 theo Quyết định 1726/QĐ-BTTTT (phapluatmoitruong.vn): chính quyền số 400, kinh tế số 300, xã hội số 300 trên 1.000.",
                "Weights = the maximum points of the three pillars of the 2020 provincial DTI under Quyết định 1726/QĐ-BTTTT (phapluatmoitruong.vn): digital government 400, digital economy 300, digital society 300 out of 1,000.",
            )),
            {
                // 18: "6/18" is printed; the other group's size (7 in some notes) is quoted
                // by no transcribed page, so it stays unknown.
                let mut g = ministry_groups(Some(18), None);
                g.push(provinces(63));
                g
            },
        ),
        "dti-2021" | "dti-2022" | "dti-2023" => {
            let (mp, mn) = match spec.year {
                // No transcribed 2021 page states either group's size.
                2021 => (None, None),
                2022 => (Some(17), None),
                _ => (Some(17), Some(8)),
            };
            let mut g = ministry_groups(mp, mn);
            g.push(provinces(63));
            let (vi, en) = NOTE_922;
            let note = if spec.year == 2021 {
                Text::new(
                    format!("{vi} Năm 2021: tin tức về DTI 2021 mô tả cùng cấu trúc 9 chỉ số chính với 98 chỉ số thành phần."),
                    format!("{en} For 2021: news on DTI 2021 describes the same structure of 9 main indices with 98 components."),
                )
            } else {
                Text::new(vi, en)
            };
            (
                main_categories(Some(POINTS_922), Some(POINTS_922)),
                WeightBasis::Official,
                Some(note),
                g,
            )
        }
        "dti-2024" => (
            main_categories(None, None),
            WeightBasis::Unknown,
            Some(Text::new(
                "Không nguồn nào đã đọc nêu điểm tối đa của các chỉ số chính năm 2024, và bảng này không có giá trị chỉ số chính nào.",
                "No source read states the maximum points of the 2024 main indices, and this table has no main-index values.",
            )),
            vec![provinces(63)],
        ),
        _ => (
            main_categories(Some(WEIGHTS_2024_34), None),
            WeightBasis::Inferred,
            Some(Text::new(
                "Trọng số suy ra, không phải số chính thức: 50, 50, 140, 100, 100, 200, 150, 150 (Nhận thức số, Thể chế số, Hạ tầng số, Nhân lực số, An toàn thông tin mạng, Hoạt động chính quyền số, Hoạt động kinh tế số, Hoạt động xã hội số) được tìm bằng phương pháp bình phương tối thiểu trên 34 dòng đầy đủ; trung bình có trọng số này tái tạo cả 34 giá trị DTI công bố trong phạm vi 0,0001. Không nguồn nào đã đọc nêu các trọng số này.",
                "Inferred weights, not official figures: 50, 50, 140, 100, 100, 200, 150, 150 (digital awareness, institutions, infrastructure, human resources, cyber security, digital government activity, digital economy activity, digital society activity) were found by least squares on the 34 complete rows; their weighted mean reproduces all 34 published DTI values within 0.0001. No source read states these weights.",
            )),
            vec![provinces(34)],
        ),
    };
    let mut b = Builder::new(
        reg,
        spec.era,
        spec.id,
        "dti",
        spec.year,
        Text::new(spec.title.0, spec.title.1),
        Text::new(spec.publisher.0, spec.publisher.1),
        categories,
        groups,
        4,
    );
    b.ds.published = spec.published.map(str::to_string);
    b.ds.notes = Some(Text::new(spec.notes.0, spec.notes.1));
    b.ds.weight_basis = basis;
    b.ds.weight_note = weight_note;

    let y = spec.year;
    let exists = |f: &str| root.join("dti").join(f).is_file();
    let prefix = if spec.id == "dti-2024-34" {
        "2024-34".to_string()
    } else if spec.id == "dti-2024" {
        "2024-63".to_string()
    } else {
        y.to_string()
    };

    // 1. Official rank lists and detail tables.
    let ranks_file = format!("{prefix}-provinces-ranks.tsv");
    if exists(&ranks_file) {
        let t = read(root, "dti", &ranks_file)?;
        for row in t.rows() {
            let i = b.unit(row.get("unit"), "provinces", &t.name)?;
            b.set_rank(i, row.rank("rank")?, &t.name);
            b.sources(i, row.get("source_url"), &t.name);
        }
    }
    let detail_file = format!("{prefix}-provinces-detail.tsv");
    if exists(&detail_file) {
        let t = read(root, "dti", &detail_file)?;
        for row in t.rows() {
            let i = b.unit(row.get("unit"), "provinces", &t.name)?;
            b.set_rank(i, row.rank("rank")?, &t.name);
            for (id, col, _, _) in MAIN_INDICES {
                b.set_score(i, id, row.num(col)?, &t.name);
            }
            b.set_index(i, row.num("dti")?, &t.name);
            b.sources(i, row.get("source_url"), &t.name);
            b.original_sources(i, row.get("original_page"), &t.name);
            if row.get("note").contains("names this unit") {
                b.note(i, "the opendx copy of the official page, scraped later, names this unit 'TP. Huế' with the same numbers");
            }
        }
    }
    // 2. Overall values of every province (opendx JSON, transcribed as TSV).
    let opendx_file = format!("{prefix}-provinces-dti-opendx.tsv");
    if exists(&opendx_file) {
        let t = read(root, "dti", &opendx_file)?;
        for row in t.rows() {
            let i = b.unit(row.get("province_as_in_file"), "provinces", &t.name)?;
            b.set_index(i, row.num("pdti_as_in_file")?, &t.name);
            b.sources(i, row.get("source_url"), &t.name);
            b.original_sources(i, row.get("scraped_from_per_notebook"), &t.name);
        }
    }
    // 3. News fragments.
    for frag in [
        format!("{prefix}-provinces-fragments.tsv"),
        format!("{prefix}-provinces-pillars-fragments.tsv"),
    ] {
        if !exists(&frag) {
            continue;
        }
        let t = read(root, "dti", &frag)?;
        for row in t.rows() {
            let i = b.unit(row.get("unit"), "provinces", &t.name)?;
            b.set_rank(i, row.rank("rank")?, &t.name);
            b.set_index(i, row.num("dti")?, &t.name);
            if t.has("cqs_rank") {
                if y == 2020 {
                    for (col, id, _, _, _) in PILLARS_2020 {
                        b.set_cat_rank(i, id, row.rank(&format!("{col}_rank"))?, &t.name);
                        b.set_score(i, id, row.num(&format!("{col}_value"))?, &t.name);
                    }
                } else {
                    let mut parts = vec![];
                    for (col, _, vi, _, _) in PILLARS_2020 {
                        let r = row.get(&format!("{col}_rank"));
                        let v = row.get(&format!("{col}_value"));
                        if !r.is_empty() || !v.is_empty() {
                            let v = if v.is_empty() {
                                String::new()
                            } else {
                                format!(" ({v})")
                            };
                            let r = if r.is_empty() { "rank not printed" } else { r };
                            parts.push(format!("{vi} {r}{v}"));
                        }
                    }
                    if !parts.is_empty() {
                        b.note(
                            i,
                            format!(
                                "pillar ranks (not categories of this dataset): {}",
                                parts.join(", ")
                            ),
                        );
                    }
                }
            }
            b.sources(i, row.get("source_url"), &t.name);
            b.sources(i, row.get("note"), &t.name);
            b.row_note(i, &row, &t.name);
        }
    }
    // 4. Ministries.
    for (file, g) in [
        (
            format!("{y}-ministries-public-services.tsv"),
            "ministries-public-services",
        ),
        (
            format!("{y}-ministries-no-public-services.tsv"),
            "ministries-no-public-services",
        ),
    ] {
        if spec.era != Era::Before2025 || !b.ds.groups.iter().any(|x| x.id == g) || !exists(&file) {
            continue;
        }
        let t = read(root, "dti", &file)?;
        for row in t.rows() {
            let i = b.unit(row.get("unit"), g, &t.name)?;
            b.set_rank(i, row.rank("rank")?, &t.name);
            b.set_index(i, row.num("dti")?, &t.name);
            b.sources(i, row.get("source_url"), &t.name);
            b.sources(i, row.get("note"), &t.name);
            b.row_note(i, &row, &t.name);
        }
    }
    // 5. Main-index ranks quoted in notes.
    for (ds, unit, c, r, file) in RANKS_IN_NOTES.iter().filter(|x| x.0 == spec.id) {
        let i =
            b.ds.units
                .iter()
                .position(|u| u.id == *unit)
                .ok_or_else(|| format!("{ds}: {unit} not found for a rank quoted in {file}"))?;
        b.set_cat_rank(i, c, Some(*r), &format!("dti/{file}"));
    }
    Ok(b.finish())
}

pub const IDS: &[&str] = &[
    "dti-2020",
    "dti-2021",
    "dti-2022",
    "dti-2023",
    "dti-2024",
    "dti-2024-34",
];
