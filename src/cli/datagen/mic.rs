//! The MIC ranking of IT application by state bodies (2016–2019), from `mic-ict-<year>/` and
//! the per-unit rows of `mic-ict-units/rows.tsv` and `fragments.tsv`. The separate "Vietnam ICT
//! Index" (`mic-ict-units/vietnam-ict-index.tsv`) is a different ranking and is never read here.

use super::build::{cat, group, read, tsv_files, Builder};
use super::registry::{Era, Registry};
use crate::engine::dataset::{Category, Dataset, Text};
use std::path::Path;

/// The six categories, in the order the sources list them (c1…c6 in `rows.tsv`).
pub fn categories() -> Vec<Category> {
    vec![
        cat(
            "infrastructure",
            "Hạ tầng kỹ thuật CNTT",
            "IT infrastructure",
            None,
            None,
        ),
        cat(
            "internal-apps",
            "Ứng dụng CNTT trong hoạt động của cơ quan",
            "IT use in the body's own work",
            None,
            None,
        ),
        cat(
            "portal",
            "Trang/Cổng thông tin điện tử",
            "Web portal",
            None,
            None,
        ),
        cat(
            "online-services",
            "Cung cấp dịch vụ công trực tuyến",
            "Online public services",
            None,
            None,
        ),
        cat(
            "policy",
            "Cơ chế, chính sách và quy định cho ứng dụng CNTT",
            "IT policies and rules",
            None,
            None,
        ),
        cat("hr", "Nhân lực cho ứng dụng CNTT", "IT staff", None, None),
    ]
}

fn file_category(stem: &str) -> Option<Option<&'static str>> {
    Some(match stem {
        "overall" => None,
        "infrastructure" => Some("infrastructure"),
        "internal-apps" | "agency-it-application" => Some("internal-apps"),
        "portal" => Some("portal"),
        "online-services" | "online-public-services" => Some("online-services"),
        "policy" => Some("policy"),
        "hr" | "human-resources" => Some("hr"),
        _ => return None,
    })
}

struct Edition {
    year: i32,
    published: &'static str,
    precision: u32,
    /// Units evaluated: ministries, agencies, provinces (where a source states it).
    evaluated: [Option<u32>; 3],
    notes: (&'static str, &'static str),
}

const EDITIONS: &[Edition] = &[
    Edition {
        year: 2016,
        published: "2017-05-09",
        precision: 3,
        evaluated: [None, None, Some(63)],
        notes: (
            "Năm 2016 không tìm thấy bảng tổng thể nào; theo trang của Quảng Bình, báo cáo 2016 không xếp hạng tổng thể. Chỉ có vài giá trị theo hạng mục (Quảng Bình đủ 6 hạng mục, trong đó Dịch vụ công trực tuyến chỉ có thứ hạng vì nguồn in số lượng dịch vụ chứ không in chỉ số). Thứ hạng 29/63 mà Quảng Bình tự tính theo phương pháp cũ không phải số liệu chính thức và không được đưa vào. Hạ tầng kỹ thuật: 13 địa phương đồng hạng nhất (chỉ Lâm Đồng được nêu tên). Báo cáo gửi kèm Công văn 1557/BTTTT-THH ngày 09/05/2017.",
            "No overall table was found for 2016; according to Quảng Bình's page, the 2016 report gave no overall rank. Only a few category values exist (Quảng Bình has all six categories; for online public services only a rank, because the source prints a count of services, not an index). The 29/63 that Quảng Bình computed itself with the old method is not an official figure and is left out. IT infrastructure: 13 provinces share rank 1 (only Lâm Đồng is named). The report was sent with Công văn 1557/BTTTT-THH of 9 May 2017.",
        ),
    },
    Edition {
        year: 2017,
        published: "2018-07-05",
        precision: 3,
        evaluated: [Some(19), None, Some(63)],
        notes: (
            "Bảng tỉnh lấy từ trang vinhphuc.gov.vn (bản lưu bị cắt ở dòng 54), hạng 1–53 có chỉ số; thêm Bến Tre (57) và Hậu Giang (59) từ trang của tỉnh. Các đồng hạng in trong bảng: 17 (Thanh Hóa, Bà Rịa - Vũng Tàu, 0,633), 32 (Đắk Nông, Quảng Trị, 0,567), 40 (Ninh Thuận, Tuyên Quang, 0,546). Khối Bộ: xếp hạng 19/22 đơn vị; chỉ 3 đơn vị đầu có chỉ số (chỉ số của Bộ Tài chính in 2 chữ số thập phân, 0,71). Không phải 'Vietnam ICT Index 2017' (một bảng xếp hạng khác).",
            "The provinces table comes from vinhphuc.gov.vn (the stored copy is cut at row 54): ranks 1–53 with index; Bến Tre (57) and Hậu Giang (59) are added from the provinces' own pages. Ties printed in the table: 17 (Thanh Hóa, Bà Rịa - Vũng Tàu, 0.633), 32 (Đắk Nông, Quảng Trị, 0.567), 40 (Ninh Thuận, Tuyên Quang, 0.546). Ministries: 19 of 22 were ranked; only the top 3 have an index (the Ministry of Finance's is printed with 2 decimals, 0.71). This is not the 'Vietnam ICT Index 2017', a different ranking.",
        ),
    },
    Edition {
        year: 2018,
        published: "2019-04-25",
        precision: 3,
        evaluated: [Some(19), None, Some(63)],
        notes: (
            "Không tìm thấy bảng chính thức năm 2018; chỉ có các thứ hạng nêu trong bài báo và một chỉ số (Thừa Thiên Huế 0,897, 3 chữ số thập phân như năm 2017). Không dùng danh sách '1 (0,9291)…' vì đó là số liệu năm 2019, và không dùng 'Vietnam ICT Index 2018' (bảng xếp hạng khác). Bình quân khối Bộ năm 2018 là 0,69 (không phải một dòng dữ liệu).",
            "No official 2018 table was found; only ranks stated in news text and one index value (Thừa Thiên Huế 0.897, 3 decimals as in 2017). The list '1 (0.9291)…' is 2019 data and is not used, nor is the 'Vietnam ICT Index 2018' (a different ranking). The ministries' average for 2018 was 0.69 (not a unit row).",
        ),
    },
    Edition {
        year: 2019,
        published: "2020-11-11",
        precision: 4,
        evaluated: [Some(17), None, Some(63)],
        notes: (
            "Khối Bộ đầy đủ 17/17 (bảng trên aita.gov.vn, in 'hạng (chỉ số)' với 4 chữ số thập phân); Bộ Công an, Bộ Quốc phòng, Văn phòng Chính phủ, Ủy ban Dân tộc không được xếp hạng. Khối cơ quan thuộc Chính phủ: chỉ có thứ tự, không có chỉ số. Khối tỉnh: chỉ có vài dòng; chỉ số 0,9039 của Thừa Thiên Huế lấy từ báo cáo trình bày ngày 26/8/2020, trước khi công bố ngày 11/11/2020. Xếp hạng 'thứ 6' của Vĩnh Phúc là hạng mục Ứng dụng CNTT trong hoạt động (một nguồn tiếng Anh ghi nhầm là tổng thể). Không phải 'Vietnam ICT Index 2019'.",
            "Ministries complete, 17/17 (table on aita.gov.vn, printed 'rank (index)' with 4 decimals); the Ministries of Public Security and National Defence, the Government Office and the Committee for Ethnic Minority Affairs were not ranked. Government agencies: order only, no index values. Provinces: a few rows only; Thừa Thiên Huế's 0.9039 comes from the report presented on 26 Aug 2020, before publication on 11 Nov 2020. Vĩnh Phúc's '6th' is its rank for IT use in its own work (an English source misreports it as overall). This is not the 'Vietnam ICT Index 2019'.",
        ),
    },
];

fn group_of(word: &str) -> Option<&'static str> {
    Some(match word {
        "ministries" | "ministry" => "ministries",
        "agencies" | "agency" => "agencies",
        "provinces" | "province" => "provinces",
        _ => return None,
    })
}

pub fn build(root: &Path, reg: &mut Registry, year: i32) -> Result<Dataset, String> {
    let ed = EDITIONS
        .iter()
        .find(|e| e.year == year)
        .ok_or_else(|| format!("no MIC edition {year}"))?;
    let ev = ed.evaluated;
    let mut b = Builder::new(
        reg,
        Era::Before2025,
        &format!("mic-ict-{year}"),
        "mic-ict",
        year,
        Text::new(
            format!("Xếp hạng mức độ ứng dụng CNTT của cơ quan nhà nước năm {year}"),
            format!("Ranking of IT application by state bodies, {year}"),
        ),
        Text::new(
            "Bộ Thông tin và Truyền thông (Cục Tin học hóa)",
            "Ministry of Information and Communications (Authority of Information Technology Application)",
        ),
        categories(),
        vec![
            group("ministries", "Bộ, cơ quan ngang Bộ", "Ministries and ministry-level agencies", ev[0]),
            group("agencies", "Cơ quan thuộc Chính phủ", "Government agencies", ev[1]),
            group("provinces", "Tỉnh, thành phố trực thuộc Trung ương", "Provinces and centrally-run cities", ev[2]),
        ],
        ed.precision,
    );
    b.ds.published = Some(ed.published.to_string());
    b.ds.notes = Some(Text::new(ed.notes.0, ed.notes.1));
    b.ds.weight_note = Some(Text::new(
        "Không nguồn nào đã đọc nêu trọng số hay điểm tối đa của 6 hạng mục cho năm này (chỉ biết 'tổng điểm của các hạng mục được sử dụng để xếp hạng tổng thể'); mặc định dùng trọng số bằng nhau.",
        "No source read states the weights or maximum points of the six categories for this year (only that 'the total of the category scores is used for the overall ranking'); equal weights are the default.",
    ));

    // The edition's own tables: overall tables first, then the category tables.
    let folder = format!("mic-ict-{year}");
    let mut files = tsv_files(root, &folder)?;
    files.sort_by_key(|f| (!f.ends_with("-overall.tsv"), f.clone()));
    for f in files {
        let stem = f.trim_end_matches(".tsv");
        let (g, c) = stem
            .split_once('-')
            .ok_or_else(|| format!("{folder}/{f}: unexpected file name"))?;
        let g = group_of(g).ok_or_else(|| format!("{folder}/{f}: unknown group"))?;
        let c = file_category(c).ok_or_else(|| format!("{folder}/{f}: unknown category"))?;
        let t = read(root, &folder, &f)?;
        for row in t.rows() {
            let i = b.unit(row.get("unit"), g, &t.name)?;
            let (rank, index) = (row.rank("rank")?, row.num("index")?);
            match c {
                None => {
                    b.set_rank(i, rank, &t.name);
                    b.set_index(i, index, &t.name);
                }
                Some(c) => {
                    b.set_cat_rank(i, c, rank, &t.name);
                    b.set_score(i, c, index, &t.name);
                }
            }
            b.sources(i, row.get("source_url"), &t.name);
            b.sources(i, row.get("note"), &t.name);
            b.row_note(i, &row, &t.name);
            if rank.is_none() && index.is_none() && row.get("note").is_empty() {
                b.note(
                    i,
                    format!("[{f}] named by the source without a rank number or index"),
                );
            }
        }
    }

    // Units' own pages (mic-ict-units/rows.tsv).
    let cats: Vec<String> = categories().into_iter().map(|c| c.id).collect();
    let t = read(root, "mic-ict-units", "rows.tsv")?;
    for row in t.rows().filter(|r| r.get("year") == year.to_string()) {
        let g = group_of(row.get("group")).ok_or_else(|| format!("{}: unknown group", t.name))?;
        let i = b.unit(row.get("unit"), g, &t.name)?;
        b.set_rank(i, row.rank("overall_rank")?, &t.name);
        b.set_index(i, row.num("overall_index")?, &t.name);
        for (k, c) in cats.iter().enumerate() {
            let n = k + 1;
            if year == 2018 && b.ds.units[i].id == "hue" && c == "internal-apps" {
                // Oddity 5 of mic-ict-units/README.md: the page may have attached the overall
                // result (2nd, 0.897) to this category. Rank and value come in one phrase, so
                // both are left out.
                b.note(i, "internal-apps: skhcn.thuathienhue.gov.vn prints 'xếp thứ 2 (0,897 điểm)' for this category, the same rank and value other pages give as the 2018 overall result; both are left out as doubtful");
                continue;
            }
            b.set_cat_rank(i, c, row.rank(&format!("c{n}_rank"))?, &t.name);
            b.set_score(i, c, row.num(&format!("c{n}_index"))?, &t.name);
        }
        b.sources(i, row.get("source_url"), &t.name);
        b.row_note(i, &row, &t.name);
    }

    // Multi-unit fragments (mic-ict-units/fragments.tsv): ranks where printed; units named
    // without a number are listed with the list they appear in.
    let t = read(root, "mic-ict-units", "fragments.tsv")?;
    for row in t.rows().filter(|r| r.get("year") == year.to_string()) {
        let g = group_of(row.get("group")).ok_or_else(|| format!("{}: unknown group", t.name))?;
        let table = row.get("table");
        let rank = row.rank("rank")?;
        let existed = {
            let reg_id = b
                .reg
                .resolve(row.get("unit"), Era::Before2025)
                .map(|u| u.id.clone());
            reg_id.is_some_and(|id| b.ds.units.iter().any(|u| u.id == id))
        };
        if rank.is_none() && existed {
            continue;
        }
        let i = b.unit(row.get("unit"), g, &t.name)?;
        let c = table.split_whitespace().next().unwrap_or("");
        match (c, rank) {
            ("c1", r) => b.set_cat_rank(i, "infrastructure", r, &t.name),
            ("c3", r) => b.set_cat_rank(i, "portal", r, &t.name),
            (_, r) => b.set_rank(i, r, &t.name),
        }
        b.sources(i, row.get("source_url"), &t.name);
        if rank.is_none() {
            b.note(
                i,
                format!(
                    "[fragments.tsv] named at position {} of the list: {table}",
                    row.get("order")
                ),
            );
        }
    }
    Ok(b.finish())
}
