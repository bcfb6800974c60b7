//! The units registry (`public/data/units.json`): one stable id per ministry, agency and
//! province, with every spelling seen in the sources, so that datasets of different years and
//! sources name the same body the same way.
//!
//! Provinces: the 63 provinces that existed until 30 June 2025 keep the slug of their name
//! (`tuyen-quang`); the 23 provinces formed by merger under Resolution 202/2025/QH15 (in force
//! 1 July 2025) get the same slug with the suffix `-2025` (`tuyen-quang-2025`). The 11 provinces
//! the resolution left unchanged keep one id for both periods.

use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Which period a unit belongs to, for resolving a printed name to an id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Era {
    /// Until 30 June 2025 (the 63 provinces).
    Before2025,
    /// From 1 July 2025 (the 34 provinces).
    From2025,
}

#[derive(Clone, Debug)]
pub struct RegUnit {
    pub id: String,
    pub kind: &'static str,
    pub vi: String,
    pub en: String,
    pub short_vi: String,
    pub short_en: String,
    pub aliases: Vec<String>,
    pub region: Option<&'static str>,
    pub merged_into: Option<String>,
    pub since: Option<i32>,
    pub until: Option<i32>,
}

/// Names a unit bore until 30 June 2025 where the registry's name is a later one: a dataset of
/// that period shows the unit as its sources print it. Huế became a centrally governed city
/// ("thành phố Huế") in 2025; the 2016–2024 rankings print "Thừa Thiên Huế".
pub const FORMER_NAMES: &[(&str, &str)] = &[("hue", "Thừa Thiên Huế")];

pub const REGIONS: &[(&str, &str, &str)] = &[
    (
        "trung-du-mien-nui-phia-bac",
        "Trung du và miền núi phía Bắc",
        "Northern Midlands and Mountains",
    ),
    (
        "dong-bang-song-hong",
        "Đồng bằng sông Hồng",
        "Red River Delta",
    ),
    (
        "bac-trung-bo-duyen-hai-mien-trung",
        "Bắc Trung Bộ và Duyên hải miền Trung",
        "North Central and Central Coast",
    ),
    ("tay-nguyen", "Tây Nguyên", "Central Highlands"),
    ("dong-nam-bo", "Đông Nam Bộ", "Southeast"),
    (
        "dong-bang-song-cuu-long",
        "Đồng bằng sông Cửu Long",
        "Mekong Delta",
    ),
];

const TDMN: &str = "trung-du-mien-nui-phia-bac";
const DBSH: &str = "dong-bang-song-hong";
const BTB: &str = "bac-trung-bo-duyen-hai-mien-trung";
const TN: &str = "tay-nguyen";
const DNB: &str = "dong-nam-bo";
const DBSCL: &str = "dong-bang-song-cuu-long";

/// The 63 provinces before 1 July 2025: id, Vietnamese name, English name, region, extra
/// aliases (spellings seen in the sources that normalisation does not already match).
const PROVINCES_63: &[(&str, &str, &str, &str, &[&str])] = &[
    ("ha-giang", "Hà Giang", "Ha Giang", TDMN, &[]),
    ("cao-bang", "Cao Bằng", "Cao Bang", TDMN, &[]),
    ("bac-kan", "Bắc Kạn", "Bac Kan", TDMN, &[]),
    ("tuyen-quang", "Tuyên Quang", "Tuyen Quang", TDMN, &[]),
    ("lao-cai", "Lào Cai", "Lao Cai", TDMN, &[]),
    ("yen-bai", "Yên Bái", "Yen Bai", TDMN, &[]),
    ("thai-nguyen", "Thái Nguyên", "Thai Nguyen", TDMN, &[]),
    ("lang-son", "Lạng Sơn", "Lang Son", TDMN, &[]),
    ("bac-giang", "Bắc Giang", "Bac Giang", TDMN, &[]),
    ("phu-tho", "Phú Thọ", "Phu Tho", TDMN, &[]),
    ("dien-bien", "Điện Biên", "Dien Bien", TDMN, &[]),
    ("lai-chau", "Lai Châu", "Lai Chau", TDMN, &[]),
    ("son-la", "Sơn La", "Son La", TDMN, &[]),
    ("hoa-binh", "Hòa Bình", "Hoa Binh", TDMN, &["Hoà Bình"]),
    (
        "ha-noi",
        "Hà Nội",
        "Hanoi",
        DBSH,
        &["TP. Hà Nội", "Thành phố Hà Nội", "TP Hà Nội"],
    ),
    ("vinh-phuc", "Vĩnh Phúc", "Vinh Phuc", DBSH, &[]),
    ("bac-ninh", "Bắc Ninh", "Bac Ninh", DBSH, &[]),
    ("quang-ninh", "Quảng Ninh", "Quang Ninh", DBSH, &[]),
    ("hai-duong", "Hải Dương", "Hai Duong", DBSH, &[]),
    (
        "hai-phong",
        "Hải Phòng",
        "Hai Phong",
        DBSH,
        &["TP. Hải Phòng", "TP Hải Phòng"],
    ),
    ("hung-yen", "Hưng Yên", "Hung Yen", DBSH, &[]),
    ("thai-binh", "Thái Bình", "Thai Binh", DBSH, &[]),
    ("ha-nam", "Hà Nam", "Ha Nam", DBSH, &[]),
    ("nam-dinh", "Nam Định", "Nam Dinh", DBSH, &[]),
    ("ninh-binh", "Ninh Bình", "Ninh Binh", DBSH, &["宁平省"]),
    ("thanh-hoa", "Thanh Hóa", "Thanh Hoa", BTB, &["Thanh Hoá"]),
    ("nghe-an", "Nghệ An", "Nghe An", BTB, &[]),
    ("ha-tinh", "Hà Tĩnh", "Ha Tinh", BTB, &[]),
    ("quang-binh", "Quảng Bình", "Quang Binh", BTB, &[]),
    ("quang-tri", "Quảng Trị", "Quang Tri", BTB, &[]),
    (
        "hue",
        "Huế",
        "Hue",
        BTB,
        &[
            "Thừa Thiên Huế",
            "Thừa Thiên - Huế",
            "Thừa Thiên-Huế",
            "TT-Huế",
            "TP. Huế",
            "TP Huế",
            "TP.Huế",
            "Thua Thien Hue",
            "Thua Thien-Hue",
            "承天顺化省",
        ],
    ),
    (
        "da-nang",
        "Đà Nẵng",
        "Da Nang",
        BTB,
        &["TP. Đà Nẵng", "TP Đà Nẵng", "TP.Đà Nẵng", "岘港"],
    ),
    ("quang-nam", "Quảng Nam", "Quang Nam", BTB, &[]),
    ("quang-ngai", "Quảng Ngãi", "Quang Ngai", BTB, &[]),
    ("binh-dinh", "Bình Định", "Binh Dinh", BTB, &[]),
    ("phu-yen", "Phú Yên", "Phu Yen", BTB, &[]),
    ("khanh-hoa", "Khánh Hòa", "Khanh Hoa", BTB, &["Khánh Hoà"]),
    ("ninh-thuan", "Ninh Thuận", "Ninh Thuan", BTB, &[]),
    ("binh-thuan", "Bình Thuận", "Binh Thuan", BTB, &[]),
    ("kon-tum", "Kon Tum", "Kon Tum", TN, &[]),
    ("gia-lai", "Gia Lai", "Gia Lai", TN, &[]),
    ("dak-lak", "Đắk Lắk", "Dak Lak", TN, &[]),
    ("dak-nong", "Đắk Nông", "Dak Nong", TN, &[]),
    ("lam-dong", "Lâm Đồng", "Lam Dong", TN, &[]),
    ("binh-phuoc", "Bình Phước", "Binh Phuoc", DNB, &[]),
    ("tay-ninh", "Tây Ninh", "Tay Ninh", DNB, &[]),
    ("binh-duong", "Bình Dương", "Binh Duong", DNB, &[]),
    ("dong-nai", "Đồng Nai", "Dong Nai", DNB, &[]),
    (
        "ba-ria-vung-tau",
        "Bà Rịa - Vũng Tàu",
        "Ba Ria - Vung Tau",
        DNB,
        &["Bà Rịa–Vũng Tàu", "Bà Rịa-Vũng Tàu"],
    ),
    (
        "ho-chi-minh",
        "Thành phố Hồ Chí Minh",
        "Ho Chi Minh City",
        DNB,
        &[
            "TP. Hồ Chí Minh",
            "TP Hồ Chí Minh",
            "TP.Hồ Chí Minh",
            "TP.HCM",
            "TPHCM",
            "TP HCM",
            "Hồ Chí Minh",
        ],
    ),
    ("long-an", "Long An", "Long An", DBSCL, &[]),
    ("tien-giang", "Tiền Giang", "Tien Giang", DBSCL, &[]),
    ("ben-tre", "Bến Tre", "Ben Tre", DBSCL, &[]),
    ("tra-vinh", "Trà Vinh", "Tra Vinh", DBSCL, &[]),
    ("vinh-long", "Vĩnh Long", "Vinh Long", DBSCL, &[]),
    ("dong-thap", "Đồng Tháp", "Dong Thap", DBSCL, &[]),
    ("an-giang", "An Giang", "An Giang", DBSCL, &[]),
    ("kien-giang", "Kiên Giang", "Kien Giang", DBSCL, &[]),
    (
        "can-tho",
        "Cần Thơ",
        "Can Tho",
        DBSCL,
        &["TP. Cần Thơ", "TP Cần Thơ"],
    ),
    ("hau-giang", "Hậu Giang", "Hau Giang", DBSCL, &[]),
    ("soc-trang", "Sóc Trăng", "Soc Trang", DBSCL, &[]),
    ("bac-lieu", "Bạc Liêu", "Bac Lieu", DBSCL, &[]),
    ("ca-mau", "Cà Mau", "Ca Mau", DBSCL, &[]),
];

/// Resolution 202/2025/QH15: each province of 1 July 2025 formed by merger ← the provinces
/// before 1 July 2025 it absorbed (as mapped in issue 4). The new id is the first old id with
/// `-2025`; its region is that of the province whose name it kept.
const MERGERS_2025: &[(&str, &[&str])] = &[
    ("tuyen-quang", &["ha-giang", "tuyen-quang"]),
    ("lao-cai", &["yen-bai", "lao-cai"]),
    ("thai-nguyen", &["bac-kan", "thai-nguyen"]),
    ("phu-tho", &["vinh-phuc", "hoa-binh", "phu-tho"]),
    ("bac-ninh", &["bac-giang", "bac-ninh"]),
    ("hung-yen", &["thai-binh", "hung-yen"]),
    ("hai-phong", &["hai-duong", "hai-phong"]),
    ("ninh-binh", &["ha-nam", "nam-dinh", "ninh-binh"]),
    ("quang-tri", &["quang-binh", "quang-tri"]),
    ("da-nang", &["quang-nam", "da-nang"]),
    ("quang-ngai", &["kon-tum", "quang-ngai"]),
    ("gia-lai", &["gia-lai", "binh-dinh"]),
    ("khanh-hoa", &["ninh-thuan", "khanh-hoa"]),
    ("lam-dong", &["dak-nong", "binh-thuan", "lam-dong"]),
    ("dak-lak", &["phu-yen", "dak-lak"]),
    ("dong-nai", &["binh-phuoc", "dong-nai"]),
    (
        "ho-chi-minh",
        &["binh-duong", "ba-ria-vung-tau", "ho-chi-minh"],
    ),
    ("tay-ninh", &["long-an", "tay-ninh"]),
    ("can-tho", &["soc-trang", "hau-giang", "can-tho"]),
    ("vinh-long", &["ben-tre", "tra-vinh", "vinh-long"]),
    ("dong-thap", &["tien-giang", "dong-thap"]),
    ("ca-mau", &["bac-lieu", "ca-mau"]),
    ("an-giang", &["kien-giang", "an-giang"]),
];

/// A ministry or agency: id, vi, en, short vi, short en, aliases.
type Body = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);

/// Ministries and ministry-level agencies.
const MINISTRIES: &[Body] = &[
    (
        "bo-tai-chinh",
        "Bộ Tài chính",
        "Ministry of Finance",
        "Tài chính",
        "MOF",
        &["财政部"],
    ),
    (
        "bo-cong-thuong",
        "Bộ Công Thương",
        "Ministry of Industry and Trade",
        "Công Thương",
        "MOIT",
        &["工贸部"],
    ),
    (
        "bo-thong-tin-va-truyen-thong",
        "Bộ Thông tin và Truyền thông",
        "Ministry of Information and Communications",
        "TT&TT",
        "MIC",
        &["Bộ TT&TT", "Thông tin và Truyền thông", "信息传媒部"],
    ),
    (
        "bo-y-te",
        "Bộ Y tế",
        "Ministry of Health",
        "Y tế",
        "MOH",
        // "Bảo hiểm Y tế" is printed by one source (s-tech.info, DTI 2020) where two others
        // print Bộ Y tế / Ministry of Health with the same value; the row notes the disagreement.
        &["Y tế", "Bảo hiểm Y tế"],
    ),
    (
        "ngan-hang-nha-nuoc-viet-nam",
        "Ngân hàng Nhà nước Việt Nam",
        "State Bank of Vietnam",
        "NHNN",
        "SBV",
        &[
            "Ngân hàng Nhà nước",
            "the State Bank",
            "The State Bank of Vietnam",
        ],
    ),
    (
        "bo-ke-hoach-va-dau-tu",
        "Bộ Kế hoạch và Đầu tư",
        "Ministry of Planning and Investment",
        "KH&ĐT",
        "MPI",
        &["Bộ KH&ĐT"],
    ),
    (
        "bo-khoa-hoc-va-cong-nghe",
        "Bộ Khoa học và Công nghệ",
        "Ministry of Science and Technology",
        "KH&CN",
        "MOST",
        &["Bộ KH&CN"],
    ),
    (
        "bo-tu-phap",
        "Bộ Tư pháp",
        "Ministry of Justice",
        "Tư pháp",
        "MOJ",
        &[],
    ),
    (
        "bo-lao-dong-thuong-binh-va-xa-hoi",
        "Bộ Lao động - Thương binh và Xã hội",
        "Ministry of Labour, Invalids and Social Affairs",
        "LĐ-TB&XH",
        "MOLISA",
        &["Ministry of Labor, War Invalids and Social Affairs"],
    ),
    (
        "bo-giao-thong-van-tai",
        "Bộ Giao thông vận tải",
        "Ministry of Transport",
        "GTVT",
        "MOT",
        &[],
    ),
    (
        "bo-van-hoa-the-thao-va-du-lich",
        "Bộ Văn hóa, Thể thao và Du lịch",
        "Ministry of Culture, Sports and Tourism",
        "VHTTDL",
        "MOCST",
        &[
            "Bộ VHTT&DL",
            "Bộ VHTTDL",
            "Bộ Văn hóa - Thể thao và Du lịch",
        ],
    ),
    (
        "bo-nong-nghiep-va-phat-trien-nong-thon",
        "Bộ Nông nghiệp và Phát triển nông thôn",
        "Ministry of Agriculture and Rural Development",
        "NN&PTNT",
        "MARD",
        &[],
    ),
    (
        "bo-ngoai-giao",
        "Bộ Ngoại giao",
        "Ministry of Foreign Affairs",
        "Ngoại giao",
        "MOFA",
        &[],
    ),
    (
        "bo-tai-nguyen-va-moi-truong",
        "Bộ Tài nguyên và Môi trường",
        "Ministry of Natural Resources and Environment",
        "TN&MT",
        "MONRE",
        &["Bộ TN&MT"],
    ),
    (
        "bo-giao-duc-va-dao-tao",
        "Bộ Giáo dục và Đào tạo",
        "Ministry of Education and Training",
        "GD&ĐT",
        "MOET",
        &[],
    ),
    (
        "bo-noi-vu",
        "Bộ Nội vụ",
        "Ministry of Home Affairs",
        "Nội vụ",
        "MOHA",
        &[],
    ),
    (
        "bo-xay-dung",
        "Bộ Xây dựng",
        "Ministry of Construction",
        "Xây dựng",
        "MOC",
        &[],
    ),
    (
        "uy-ban-dan-toc",
        "Ủy ban Dân tộc",
        "Committee for Ethnic Minority Affairs",
        "UBDT",
        "CEMA",
        &[],
    ),
];

/// Government agencies (cơ quan thuộc Chính phủ).
const AGENCIES: &[Body] = &[
    (
        "bao-hiem-xa-hoi-viet-nam",
        "Bảo hiểm Xã hội Việt Nam",
        "Vietnam Social Security",
        "BHXH",
        "VSS",
        &["越南社会保险机构", "the Việt Nam Social Security"],
    ),
    (
        "dai-truyen-hinh-viet-nam",
        "Đài Truyền hình Việt Nam",
        "Vietnam Television",
        "VTV",
        "VTV",
        &["越南电视台"],
    ),
    (
        "thong-tan-xa-viet-nam",
        "Thông tấn xã Việt Nam",
        "Vietnam News Agency",
        "TTXVN",
        "VNA",
        &["越南通讯社"],
    ),
    (
        "dai-tieng-noi-viet-nam",
        "Đài Tiếng nói Việt Nam",
        "Voice of Vietnam",
        "VOV",
        "VOV",
        &[],
    ),
    (
        "vien-han-lam-khoa-hoc-va-cong-nghe-viet-nam",
        "Viện Hàn lâm Khoa học và Công nghệ Việt Nam",
        "Vietnam Academy of Science and Technology",
        "Viện Hàn lâm KH&CN",
        "VAST",
        &["VAST"],
    ),
    (
        "vien-han-lam-khoa-hoc-xa-hoi-viet-nam",
        "Viện Hàn lâm Khoa học xã hội Việt Nam",
        "Vietnam Academy of Social Sciences",
        "Viện Hàn lâm KHXH",
        "VASS",
        &["Viện Hàn lâm Khoa học và Xã hội Việt Nam"],
    ),
    (
        "ban-quan-ly-lang-chu-tich-ho-chi-minh",
        "Ban Quản lý Lăng Chủ tịch Hồ Chí Minh",
        "Ho Chi Minh Mausoleum Management Board",
        "BQL Lăng",
        "Mausoleum Board",
        &[],
    ),
    (
        "uy-ban-quan-ly-von-nha-nuoc-tai-doanh-nghiep",
        "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp",
        "Commission for the Management of State Capital at Enterprises",
        "UBQLV",
        "CMSC",
        &[],
    ),
];

/// Folds Vietnamese letters to ASCII (đ → d, tones and hats dropped); other characters unchanged.
pub fn fold(s: &str) -> String {
    const GROUPS: &[(&str, char)] = &[
        ("àáạảãâầấậẩẫăằắặẳẵ", 'a'),
        ("èéẹẻẽêềếệểễ", 'e'),
        ("ìíịỉĩ", 'i'),
        ("òóọỏõôồốộổỗơờớợởỡ", 'o'),
        ("ùúụủũưừứựửữ", 'u'),
        ("ỳýỵỷỹ", 'y'),
        ("đ", 'd'),
    ];
    s.to_lowercase()
        .chars()
        .map(|c| {
            GROUPS
                .iter()
                .find(|(set, _)| set.contains(c))
                .map(|(_, base)| *base)
                .unwrap_or(c)
        })
        .collect()
}

/// The lookup key of a printed name: folded, without a leading "TP."/"Thành phố"/"Tỉnh"/"the",
/// letters and digits only (other scripts kept).
pub fn key(name: &str) -> String {
    let f = fold(name.trim());
    let mut s = f.as_str();
    for prefix in ["thanh pho ", "tp. ", "tp.", "tp ", "tinh ", "the "] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest;
            break;
        }
    }
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

pub struct Registry {
    pub units: Vec<RegUnit>,
    before: BTreeMap<String, usize>,
    from: BTreeMap<String, usize>,
}

impl Registry {
    pub fn build() -> Result<Registry, String> {
        let mut units = Vec::new();
        let merged_new: BTreeMap<&str, &str> = MERGERS_2025
            .iter()
            .flat_map(|(new, olds)| olds.iter().map(move |o| (*o, *new)))
            .collect();
        let new_names: Vec<&str> = MERGERS_2025.iter().map(|(n, _)| *n).collect();
        for (id, vi, en, region, aliases) in PROVINCES_63 {
            let merged = merged_new.get(id).map(|n| format!("{n}-2025"));
            units.push(RegUnit {
                id: id.to_string(),
                kind: "province",
                vi: vi.to_string(),
                en: en.to_string(),
                short_vi: vi.to_string(),
                short_en: en.to_string(),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                region: Some(region),
                until: merged.as_ref().map(|_| 2025),
                merged_into: merged,
                since: None,
            });
        }
        for new in &new_names {
            let base = units
                .iter()
                .find(|u| u.id == *new)
                .cloned()
                .ok_or_else(|| format!("merger target {new} is not a province"))?;
            units.push(RegUnit {
                id: format!("{new}-2025"),
                merged_into: None,
                since: Some(2025),
                until: None,
                ..base
            });
        }
        for (kind, table) in [("ministry", MINISTRIES), ("agency", AGENCIES)] {
            for (id, vi, en, svi, sen, aliases) in table {
                units.push(RegUnit {
                    id: id.to_string(),
                    kind,
                    vi: vi.to_string(),
                    en: en.to_string(),
                    short_vi: svi.to_string(),
                    short_en: sen.to_string(),
                    aliases: aliases.iter().map(|a| a.to_string()).collect(),
                    region: None,
                    merged_into: None,
                    since: None,
                    until: None,
                });
            }
        }
        let mut reg = Registry {
            units,
            before: BTreeMap::new(),
            from: BTreeMap::new(),
        };
        for (i, u) in reg.units.iter().enumerate() {
            let mut keys = vec![key(&u.vi), key(&u.en), key(&u.short_en)];
            if u.kind != "province" {
                keys.pop();
            }
            keys.extend(u.aliases.iter().map(|a| key(a)));
            let in_before = u.since.is_none();
            let in_from = u.until.is_none();
            for k in keys {
                if k.is_empty() {
                    continue;
                }
                for (flag, map) in [(in_before, &mut reg.before), (in_from, &mut reg.from)] {
                    if !flag {
                        continue;
                    }
                    if let Some(&j) = map.get(&k) {
                        if j != i {
                            return Err(format!(
                                "name key {k:?} is ambiguous: {} and {}",
                                reg.units[j].id, u.id
                            ));
                        }
                    }
                    map.insert(k.clone(), i);
                }
            }
        }
        Ok(reg)
    }

    /// Resolves a name as printed by a source to a registry unit. Tries the whole name, then
    /// the part before " (" (an English name followed by a gloss or an acronym), then the part
    /// inside the parentheses (a Japanese name followed by a Vietnamese gloss).
    pub fn resolve(&self, name: &str, era: Era) -> Option<&RegUnit> {
        let map = match era {
            Era::Before2025 => &self.before,
            Era::From2025 => &self.from,
        };
        let mut candidates = vec![name.to_string()];
        if let Some((head, rest)) = name.split_once(" (") {
            candidates.push(head.to_string());
            candidates.push(rest.trim_end_matches(')').to_string());
        }
        candidates
            .iter()
            .find_map(|c| map.get(&key(c)))
            .map(|&i| &self.units[i])
    }

    /// Records a spelling seen in a source (kept for `aliases` in units.json).
    pub fn note_alias(&mut self, id: &str, printed: &str) {
        if let Some(u) = self.units.iter_mut().find(|u| u.id == id) {
            let p = printed.trim().to_string();
            if p != u.vi && p != u.en && !u.aliases.contains(&p) {
                u.aliases.push(p);
            }
        }
    }

    pub fn to_json(&self) -> Value {
        let regions: Vec<Value> = REGIONS
            .iter()
            .map(|(id, vi, en)| json!({"id": id, "name": {"vi": vi, "en": en}}))
            .collect();
        let units: Vec<Value> = self
            .units
            .iter()
            .map(|u| {
                let mut aliases = u.aliases.clone();
                aliases.sort();
                aliases.dedup();
                let mut o = serde_json::Map::new();
                o.insert("id".into(), json!(u.id));
                o.insert("kind".into(), json!(u.kind));
                o.insert("name".into(), json!({"vi": u.vi, "en": u.en}));
                o.insert("short".into(), json!({"vi": u.short_vi, "en": u.short_en}));
                o.insert("aliases".into(), json!(aliases));
                if let Some(r) = u.region {
                    o.insert("region".into(), json!(r));
                }
                if let Some(m) = &u.merged_into {
                    o.insert("merged_into".into(), json!(m));
                }
                if let Some(s) = u.since {
                    o.insert("since".into(), json!(s));
                }
                if let Some(s) = u.until {
                    o.insert("until".into(), json!(s));
                }
                Value::Object(o)
            })
            .collect();
        json!({
            "format": "xephang-units/1",
            "notes": {
                "vi": "Mỗi đơn vị có một id cố định qua các năm và các cách viết (aliases: mọi cách viết gặp trong nguồn, kể cả tên tiếng Anh, tiếng Trung như được in). Tỉnh: 63 tỉnh, thành phố trước ngày 1/7/2025 giữ id là slug tên tiếng Việt (ví dụ tuyen-quang); 23 tỉnh, thành phố hình thành do hợp nhất theo Nghị quyết 202/2025/QH15 (hiệu lực 1/7/2025) có id là slug tên kèm hậu tố -2025 (ví dụ tuyen-quang-2025, since 2025); tỉnh cũ có merged_into = tỉnh mới và until 2025. 11 tỉnh, thành phố không sáp nhập (Cao Bằng, Điện Biên, Hà Tĩnh, Lai Châu, Lạng Sơn, Nghệ An, Quảng Ninh, Thanh Hóa, Sơn La, Hà Nội, Huế) giữ một id cho cả hai giai đoạn và không có merged_into. Vùng kinh tế - xã hội: 6 vùng; tỉnh mới mang vùng của tỉnh giữ tên (một số tỉnh mới trải trên hai vùng). Bộ, cơ quan: tên tại thời điểm xếp hạng (chưa phản ánh việc sắp xếp bộ năm 2025).",
                "en": "Every unit has one id, stable across years and spellings (aliases: every spelling seen in the sources, including English and Chinese names as printed). Provinces: the 63 provinces before 1 July 2025 keep the slug of their Vietnamese name (e.g. tuyen-quang); the 23 provinces formed by merger under Resolution 202/2025/QH15 (in force 1 July 2025) have the slug with the suffix -2025 (e.g. tuyen-quang-2025, since 2025); an old province has merged_into = the new one and until 2025. The 11 provinces left unchanged (Cao Bằng, Điện Biên, Hà Tĩnh, Lai Châu, Lạng Sơn, Nghệ An, Quảng Ninh, Thanh Hóa, Sơn La, Hà Nội, Huế) keep one id for both periods and have no merged_into. Regions: the six socio-economic regions; a merged province carries the region of the province whose name it kept (some span two regions). Ministries and agencies: names at the time of the rankings (the 2025 reorganisation of ministries is not reflected)."
            },
            "regions": regions,
            "units": units,
        })
    }
}
