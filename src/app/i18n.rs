//! The two languages of the app, and number formats per language.
//!
//! Strings are written at the place they are used, in both languages side by side
//! (`lang.t("Xếp hạng", "Ranking")`), so that a view can never ship a string in one language only
//! and a reader sees both when reading the code.

use crate::engine::dataset::Text;
use crate::engine::score;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Vietnamese, the default.
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn from_code(s: &str) -> Option<Lang> {
        match s {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the string of this language.
    pub fn t<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// Picks a dataset text in this language, falling back to the other if empty.
    pub fn pick(self, text: &Text) -> &str {
        let (first, other) = match self {
            Lang::Vi => (&text.vi, &text.en),
            Lang::En => (&text.en, &text.vi),
        };
        if first.trim().is_empty() {
            other
        } else {
            first
        }
    }

    /// A number with a fixed number of decimals: "0,9291" in Vietnamese, "0.9291" in English
    /// ([`score::decimal`]: rounded as the engine rounds scores before comparing them, so two
    /// scores print alike exactly when they tie).
    pub fn num(self, x: f64, decimals: usize) -> String {
        let point = match self {
            Lang::Vi => ',',
            Lang::En => '.',
        };
        score::decimal(x, decimals, point)
    }

    /// A whole number with its thousands grouped: "5.242.880" in Vietnamese, "5,242,880" in
    /// English.
    pub fn int(self, n: usize) -> String {
        let sep = match self {
            Lang::Vi => '.',
            Lang::En => ',',
        };
        let digits = n.to_string();
        let mut s = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                s.push(sep);
            }
            s.push(c);
        }
        s
    }

    /// A number as a field shows it for this language to read back ([`Lang::read_number`]):
    /// "5", not "5.0" (f64's Display writes no fraction for a whole number); "0,5" in
    /// Vietnamese, as the page writes numbers.
    pub fn field_text(self, x: f64) -> String {
        let s = x.to_string();
        match self {
            Lang::Vi => s.replace('.', ","),
            Lang::En => s,
        }
    }

    /// A number typed by a reader: a decimal comma or point either way ("0,5", "0.5"), and the
    /// language's thousands separator before groups of three digits with no decimal separator
    /// after them ("1.000" is a thousand in Vietnamese, "1,000" in English; both were read as 1).
    pub fn read_number(self, text: &str) -> Option<f64> {
        let t = text.trim();
        let thousands = match self {
            Lang::Vi => '.',
            Lang::En => ',',
        };
        let decimal = if thousands == '.' { ',' } else { '.' };
        let mut groups = t.split(thousands);
        let grouped = t.contains(thousands)
            && !t.contains(decimal)
            // "0.125" is a decimal in any language.
            && groups
                .next()
                .is_some_and(|g| (1..=3).contains(&g.len()) && !g.starts_with('0'))
            && groups.all(|g| g.len() == 3);
        let t = if grouped {
            t.replace(thousands, "")
        } else {
            t.replace(',', ".")
        };
        t.parse::<f64>().ok().filter(|x| x.is_finite())
    }

    /// What a link written by the app adds to its query to keep this language: nothing for
    /// Vietnamese, the default (as `ViewState::to_query` writes it).
    pub fn query_suffix(self) -> &'static str {
        match self {
            Lang::Vi => "",
            Lang::En => "&lang=en",
        }
    }

    /// A source's title in this language. The bundled datasets' titles are written by
    /// `xephang datagen` in English ("host — page transcribed in public/data/sources/…"); that
    /// form is put in Vietnamese here. Any other title (an imported dataset's) is shown as written.
    pub fn source_title(self, title: &str) -> String {
        // The two forms `xephang datagen` writes (src/cli/datagen/build.rs): a page read, and an
        // original page whose figures were read from a saved copy.
        const READ: &str = " — page transcribed in ";
        const VIA_COPY: &str = " — original page, not reached from here; its figures as saved in the copy cited beside it, transcribed in ";
        if self == Lang::En {
            return title.to_string();
        }
        if let Some((host, files)) = title.split_once(VIA_COPY) {
            format!("{host} — trang gốc, không truy cập được từ đây; số liệu của nó theo bản lưu được dẫn bên cạnh, chép lại trong {files}")
        } else if let Some((host, files)) = title.split_once(READ) {
            format!("{host} — trang được chép lại trong {files}")
        } else {
            title.to_string()
        }
    }

    /// What a chart cut at a phone's width says above it (style/main.css shows it there only).
    pub fn scroll_hint(self) -> &'static str {
        self.t(
            "Kéo ngang để xem hết biểu đồ →",
            "Scroll sideways for the whole chart →",
        )
    }

    /// The line above a table that scrolls sideways on a phone (style/main.css).
    pub fn table_scroll_hint(self) -> &'static str {
        self.t(
            "Kéo ngang để xem thêm cột →",
            "Scroll sideways for more columns →",
        )
    }

    /// A percentage of a share in 0..1 with one decimal: "12,5 %" / "12.5%".
    pub fn percent(self, share: f64) -> String {
        // A share above 0 that rounds to 0,0 is "< 0,1": "0,0 %" read as a weight that counts
        // for nothing, where it still moves the scores.
        let small = share > 0.0 && share < 0.0005;
        let n = self.num(if small { 0.1 } else { share * 100.0 }, 1);
        let n = if small { format!("<\u{a0}{n}") } else { n };
        match self {
            // A no-break space: "99,8" and its "%" fell on two lines in a narrow column.
            Lang::Vi => format!("{n}\u{a0}%"),
            Lang::En => format!("{n}%"),
        }
    }
}

/// A dataset's title split into its series and what tells the edition apart, for a picker
/// that shows the latter under the former: "Chỉ số chuyển đổi số (DTI) năm 2024 — 34 tỉnh…"
/// is ("Chỉ số chuyển đổi số (DTI)", "2024 — 34 tỉnh…"). Cut at a phone's width, the whole
/// title showed "…năm 202", the part that tells editions apart gone. `None` where the title
/// does not name its edition.
pub fn split_title(title: &str, edition: i32) -> Option<(String, String)> {
    let year = edition.to_string();
    let (head, tail) = [
        format!(" năm {year}"),
        format!(", {year}"),
        format!(" {year}"),
    ]
    .iter()
    .find_map(|sep| title.split_once(sep.as_str()))?;
    let head = head.trim();
    (!head.is_empty()).then(|| (head.to_string(), format!("{year}{tail}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_read_in_the_language() {
        assert_eq!(Lang::Vi.read_number("0,5"), Some(0.5));
        assert_eq!(Lang::Vi.read_number(" 0.5 "), Some(0.5));
        assert_eq!(Lang::Vi.read_number("1.000"), Some(1000.0));
        assert_eq!(Lang::Vi.read_number("1.000.000"), Some(1e6));
        assert_eq!(Lang::Vi.read_number("1.5"), Some(1.5));
        assert_eq!(Lang::Vi.read_number("0.125"), Some(0.125));
        assert_eq!(Lang::Vi.read_number("1.000,5"), None);
        assert_eq!(Lang::En.read_number("1,000"), Some(1000.0));
        assert_eq!(Lang::En.read_number("0,5"), Some(0.5));
        assert_eq!(Lang::En.read_number("1.000"), Some(1.0));
        assert_eq!(Lang::En.read_number("abc"), None);
        assert_eq!(Lang::En.read_number("inf"), None);
        assert_eq!(Lang::En.read_number(""), None);
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(Lang::Vi.num(0.92914, 4), "0,9291");
        assert_eq!(Lang::En.num(0.92914, 4), "0.9291");
        assert_eq!(Lang::Vi.percent(0.125), "12,5\u{a0}%");
        assert_eq!(Lang::En.percent(1.0 / 3.0), "33.3%");
        // Above 0 but under 0.05 %: not "0.0%", a weight that would count for nothing.
        assert_eq!(Lang::En.percent(0.0002), "<\u{a0}0.1%");
        assert_eq!(Lang::Vi.percent(0.0002), "<\u{a0}0,1\u{a0}%");
        assert_eq!(Lang::En.percent(0.0), "0.0%");
        assert_eq!(Lang::En.percent(0.0005), "0.1%");
        // A field's text reads back as the same number.
        for (l, x, t) in [
            (Lang::Vi, 0.5, "0,5"),
            (Lang::En, 0.5, "0.5"),
            (Lang::Vi, 5.0, "5"),
        ] {
            assert_eq!(l.field_text(x), t);
            assert_eq!(l.read_number(t), Some(x));
        }
        assert_eq!(Lang::En.num(3.0, 0), "3");
        assert_eq!(Lang::En.num(-0.00004, 4), "0.0000");
        assert_eq!(Lang::En.num(-1.25, 1), "-1.3");
        assert_eq!(Lang::Vi.num(1e12, 2), "1000000000000,00");
        assert_eq!(
            Lang::En.num(123_456_789.123_456_79, 9),
            "123456789.123456791"
        );
        assert_eq!(Lang::En.num(0.5, 12), "0.500000000000");
        assert_eq!(Lang::En.num(f64::NAN, 2), "NaN");
    }

    /// Scores print alike exactly when the engine ties them: both round half away from zero.
    #[test]
    fn printed_scores_agree_with_ties() {
        for (a, b) in [
            (0.12345, 0.12354),
            (0.125, 0.135),
            (0.99995, 1.0),
            (0.30000001, 0.3),
        ] {
            for p in 0..6u32 {
                let tied = score::tie_key(a, p) == score::tie_key(b, p);
                let alike = Lang::En.num(a, p as usize) == Lang::En.num(b, p as usize);
                assert_eq!(tied, alike, "{a} {b} at {p} decimals");
            }
        }
        assert_eq!(Lang::En.num(0.125, 2), "0.13");
        assert_eq!(Lang::En.num(0.99995, 4), "1.0000");
    }

    #[test]
    fn whole_numbers_group_thousands_per_language() {
        assert_eq!(Lang::Vi.int(5_242_880), "5.242.880");
        assert_eq!(Lang::En.int(5_242_880), "5,242,880");
        assert_eq!(Lang::En.int(999), "999");
        assert_eq!(Lang::Vi.int(1000), "1.000");
        assert_eq!(Lang::En.int(0), "0");
    }

    #[test]
    fn generated_source_titles_are_put_in_vietnamese() {
        let t =
            "dti.gov.vn — page transcribed in public/data/sources/dti/2023-provinces-detail.tsv";
        assert_eq!(
            Lang::Vi.source_title(t),
            "dti.gov.vn — trang được chép lại trong public/data/sources/dti/2023-provinces-detail.tsv"
        );
        assert_eq!(Lang::En.source_title(t), t);
        let copy = "dti.gov.vn — original page, not reached from here; its figures as saved in the copy cited beside it, transcribed in public/data/sources/dti/2024-34-provinces-detail.tsv";
        assert_eq!(
            Lang::Vi.source_title(copy),
            "dti.gov.vn — trang gốc, không truy cập được từ đây; số liệu của nó theo bản lưu được dẫn bên cạnh, chép lại trong public/data/sources/dti/2024-34-provinces-detail.tsv"
        );
        assert_eq!(Lang::En.source_title(copy), copy);
        assert_eq!(
            Lang::Vi.source_title("Báo cáo DTI 2024"),
            "Báo cáo DTI 2024"
        );
    }

    #[test]
    fn titles_split_into_series_and_edition() {
        assert_eq!(
            split_title(
                "Chỉ số chuyển đổi số (DTI) năm 2024 — 34 tỉnh, thành phố sau sắp xếp",
                2024
            ),
            Some((
                "Chỉ số chuyển đổi số (DTI)".into(),
                "2024 — 34 tỉnh, thành phố sau sắp xếp".into()
            ))
        );
        assert_eq!(
            split_title("Ranking of IT application by state bodies, 2019", 2019),
            Some((
                "Ranking of IT application by state bodies".into(),
                "2019".into()
            ))
        );
        assert_eq!(
            split_title("Digital Transformation Index (DTI) 2021", 2021),
            Some(("Digital Transformation Index (DTI)".into(), "2021".into()))
        );
        assert_eq!(split_title("Bảng thử", 2024), None);
        assert_eq!(split_title("2024", 2024), None);
    }

    #[test]
    fn pick_falls_back_when_a_language_is_missing() {
        let t = Text::new("Bộ Tài chính", "");
        assert_eq!(Lang::En.pick(&t), "Bộ Tài chính");
        assert_eq!(Lang::from_code("en"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
    }
}
