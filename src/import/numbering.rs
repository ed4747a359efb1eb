//! Word's automatic numbering (`word/numbering.xml`): a paragraph of a numbered list carries
//! only its list and level (`w:numPr`), and Word prints the number ("3.", "3.1.", "a)") from
//! the list's definition. The import reads documents as printed, so each such paragraph gets
//! its number written in front of it, counted as Word counts it: each list and level from its
//! start, a level starting again after a paragraph of a level above it. Bullets become "-".

use std::collections::HashMap;

use quick_xml::events::Event;
use quick_xml::Reader;

/// How a level writes its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Decimal,
    Bullet,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    /// Any other format Word has (Vietnamese documents do not use them): as decimal.
    Other,
}

#[derive(Debug, Clone)]
struct Level {
    format: Format,
    /// The label with `%1`…`%9` for the numbers of the levels.
    text: String,
    start: u32,
}

/// The lists of a Word file and how far each has counted.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    /// A list (`w:num`) → its definition (`w:abstractNum`).
    lists: HashMap<String, String>,
    /// A definition and a level → how the level is written.
    levels: HashMap<(String, u8), Level>,
    /// A list → the last number of each of its levels so far (0: not started).
    counted: HashMap<String, [u32; 9]>,
}

impl Numbering {
    /// The lists defined in `xml` (`word/numbering.xml`); none when it cannot be read.
    pub(crate) fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut r = Reader::from_str(xml);
        let (mut abstract_id, mut num_id) = (None::<String>, None::<String>);
        let mut level: Option<(u8, Level)> = None;
        loop {
            let (e, open) = match r.read_event() {
                Ok(Event::Start(e)) => (e, true),
                Ok(Event::Empty(e)) => (e, false),
                Ok(Event::End(e)) => {
                    match e.local_name().as_ref() {
                        b"lvl" => {
                            if let (Some(a), Some((i, l))) = (&abstract_id, level.take()) {
                                n.levels.insert((a.clone(), i), l);
                            }
                        }
                        b"abstractNum" => abstract_id = None,
                        b"num" => num_id = None,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => continue,
            };
            let val = || super::docx::attr_of(&e, b"val");
            match e.local_name().as_ref() {
                b"abstractNum" if open => abstract_id = super::docx::attr_of(&e, b"abstractNumId"),
                b"num" if open => num_id = super::docx::attr_of(&e, b"numId"),
                b"abstractNumId" => {
                    if let (Some(id), Some(a)) = (&num_id, val()) {
                        n.lists.insert(id.clone(), a);
                    }
                }
                b"lvl" if open => {
                    let i = super::docx::attr_of(&e, b"ilvl").and_then(|v| v.parse().ok());
                    level = i.filter(|&i: &u8| i < 9).map(|i| {
                        let l = Level {
                            format: Format::Decimal,
                            text: format!("%{}.", i + 1),
                            start: 1,
                        };
                        (i, l)
                    });
                }
                b"start" => {
                    if let (Some((_, l)), Some(v)) = (&mut level, val()) {
                        l.start = v.parse().unwrap_or(1);
                    }
                }
                b"numFmt" => {
                    if let (Some((_, l)), Some(v)) = (&mut level, val()) {
                        l.format = format_of(&v);
                    }
                }
                b"lvlText" => {
                    if let (Some((_, l)), Some(v)) = (&mut level, val()) {
                        l.text = v;
                    }
                }
                _ => {}
            }
        }
        n
    }

    /// The label Word prints before the next paragraph of list `list` at level `level`
    /// ("3.", "3.1.", "a)", "-"); `None` for no list (`0`) or one it does not define.
    pub(crate) fn next(&mut self, list: &str, level: u8) -> Option<String> {
        let def = self.lists.get(list)?;
        let at = (level as usize).min(8);
        let this = self.levels.get(&(def.clone(), at as u8))?.clone();
        if this.format == Format::Bullet {
            return Some("-".to_string());
        }
        let counts = self.counted.entry(list.to_string()).or_insert([0; 9]);
        counts[at] = if counts[at] == 0 {
            this.start
        } else {
            counts[at] + 1
        };
        counts[at + 1..].iter_mut().for_each(|c| *c = 0);
        let counts = *counts;
        let mut label = this.text.clone();
        for k in (0..=at).rev() {
            let written = match self.levels.get(&(def.clone(), k as u8)) {
                Some(l) => written(l.format, counts[k].max(l.start.min(1))),
                None => counts[k].to_string(),
            };
            label = label.replace(&format!("%{}", k + 1), &written);
        }
        Some(label)
    }
}

fn format_of(name: &str) -> Format {
    match name {
        "decimal" | "decimalZero" => Format::Decimal,
        "bullet" | "none" => Format::Bullet,
        "lowerLetter" => Format::LowerLetter,
        "upperLetter" => Format::UpperLetter,
        "lowerRoman" => Format::LowerRoman,
        "upperRoman" => Format::UpperRoman,
        _ => Format::Other,
    }
}

/// Number `n` as `format` writes it.
fn written(format: Format, n: u32) -> String {
    match format {
        Format::LowerLetter | Format::UpperLetter => {
            let base = if format == Format::LowerLetter {
                b'a'
            } else {
                b'A'
            };
            let i = n.saturating_sub(1);
            let letter = char::from(base + (i % 26) as u8);
            letter.to_string().repeat(i as usize / 26 + 1)
        }
        Format::LowerRoman => roman(n).to_lowercase(),
        Format::UpperRoman => roman(n),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="7">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="8">
<w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="9">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="8"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="9"/></w:num>
</w:numbering>"#;

    #[test]
    fn numbers_are_counted_as_word_prints_them() {
        let mut n = Numbering::parse(XML);
        let got: Vec<Option<String>> = [
            ("1", 0),
            ("1", 0),
            ("1", 1),
            ("1", 1),
            ("1", 2),
            ("1", 0),
            ("1", 1),
            ("2", 0),
            ("3", 0),
            ("3", 0),
            ("3", 0),
            ("3", 0),
            ("0", 0),
            ("4", 0),
        ]
        .iter()
        .map(|&(l, i)| n.next(l, i))
        .collect();
        let want = [
            "1.", "2.", "2.1.", "2.2.", "a)", "3.", "3.1.", "-", "I.", "II.", "III.", "IV.",
        ];
        let want: Vec<Option<String>> = want
            .iter()
            .map(|s| Some(s.to_string()))
            .chain([None, None])
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn unreadable_numbering_defines_nothing() {
        let mut n = Numbering::parse("<not xml");
        assert_eq!(n.next("1", 0), None);
        assert_eq!(written(Format::LowerLetter, 27), "aa");
        assert_eq!(roman(1994), "MCMXCIV");
    }
}
