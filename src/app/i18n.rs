//! The two languages of the app, and number formats per language.
//!
//! Strings are written at the place they are used, in both languages side by side
//! (`lang.t("Xếp hạng", "Ranking")`), so that a view can never ship a string in one language only
//! and a reader sees both when reading the code.

use crate::engine::dataset::Text;

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

    /// A number with a fixed number of decimals: "0,9291" in Vietnamese, "0.9291" in English.
    pub fn num(self, x: f64, decimals: usize) -> String {
        let s = format!("{:.*}", decimals, x);
        match self {
            Lang::Vi => s.replace('.', ","),
            Lang::En => s,
        }
    }

    /// A percentage of a share in 0..1 with one decimal: "12,5 %" / "12.5%".
    pub fn percent(self, share: f64) -> String {
        let n = self.num(share * 100.0, 1);
        match self {
            Lang::Vi => format!("{n} %"),
            Lang::En => format!("{n}%"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(Lang::Vi.num(0.92914, 4), "0,9291");
        assert_eq!(Lang::En.num(0.92914, 4), "0.9291");
        assert_eq!(Lang::Vi.percent(0.125), "12,5 %");
        assert_eq!(Lang::En.percent(1.0 / 3.0), "33.3%");
    }

    #[test]
    fn pick_falls_back_when_a_language_is_missing() {
        let t = Text::new("Bộ Tài chính", "");
        assert_eq!(Lang::En.pick(&t), "Bộ Tài chính");
        assert_eq!(Lang::from_code("en"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
    }
}
