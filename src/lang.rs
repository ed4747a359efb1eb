//! The two languages of chidao (the site's and the messages'), and how each writes a day
//! and a whole number: a leaf, below `model`, `i18n` and `messages`.

use chrono::{Datelike, NaiveDate};

/// Interface language of the generated site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    Vi,
    En,
}

pub(crate) const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The long form: "ngày 18 tháng 7 năm 2022" / "18 July 2022".
/// A month as Vietnamese documents write it in a date: 1 and 2 with a leading zero.
fn vi_month(m: u32) -> String {
    if m < 3 {
        format!("{m:02}")
    } else {
        m.to_string()
    }
}

pub fn long_date(lang: Language, d: NaiveDate) -> String {
    match lang {
        // As documents write it (NĐ 30/2020): a day below 10 and the months 1 and 2 with a
        // leading zero ("ngày 03 tháng 8 năm 2022", "ngày 05 tháng 01 năm 2023").
        Language::Vi => format!(
            "ngày {:02} tháng {} năm {}",
            d.day(),
            vi_month(d.month()),
            d.year()
        ),
        Language::En => format!(
            "{} {} {}",
            d.day(),
            EN_MONTHS[d.month0() as usize],
            d.year()
        ),
    }
}

/// A whole number as the language writes it: "1.234" / "1,234".
pub fn number(lang: Language, n: usize) -> String {
    let sep = match lang {
        Language::Vi => '.',
        Language::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}
