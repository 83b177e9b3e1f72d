//! Decoding RON string literals while remembering where each decoded byte came from, so
//! that an error inside an expression string points at the right column of the file.

/// A decoded string and, for each of its bytes (plus one for the end), the offset of the
/// source byte it came from, relative to the start of the literal.
pub struct Decoded {
    pub text: String,
    pub map: Vec<u32>,
}

/// Decodes a RON string literal (`"..."`, `r"..."`, `r#"..."#`). Returns `None` when the
/// text is not a string literal this decoder understands.
pub fn decode(literal: &str) -> Option<Decoded> {
    if let Some(rest) = literal.strip_prefix('r') {
        return decode_raw(rest);
    }
    let inner = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = Decoded {
        text: String::with_capacity(inner.len()),
        map: Vec::with_capacity(inner.len() + 1),
    };
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = (i + 1) as u32;
        if c != '\\' {
            out.push(c, at);
            continue;
        }
        let (_, e) = chars.next()?;
        let decoded = match e {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            '0' => '\0',
            '\\' => '\\',
            '"' => '"',
            '\'' => '\'',
            'x' => {
                let hex: String = (0..2).filter_map(|_| chars.next().map(|(_, h)| h)).collect();
                char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
            }
            'u' => {
                let (_, open) = chars.next()?;
                if open != '{' {
                    return None;
                }
                let mut hex = String::new();
                loop {
                    let (_, h) = chars.next()?;
                    if h == '}' {
                        break;
                    }
                    hex.push(h);
                }
                char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
            }
            '\n' => {
                while chars.next_if(|(_, w)| w.is_whitespace()).is_some() {}
                continue;
            }
            _ => return None,
        };
        out.push(decoded, at);
    }
    out.map.push(literal.len() as u32 - 1);
    Some(out)
}

fn decode_raw(rest: &str) -> Option<Decoded> {
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    let body = rest[hashes..].strip_prefix('"')?;
    let body = body.strip_suffix(&"#".repeat(hashes))?.strip_suffix('"')?;
    let start = 1 + hashes + 1;
    let mut map: Vec<u32> = (0..body.len()).map(|i| (start + i) as u32).collect();
    map.push((start + body.len()) as u32);
    Some(Decoded {
        text: body.to_string(),
        map,
    })
}

impl Decoded {
    fn push(&mut self, c: char, at: u32) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.map.push(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_plain_and_escaped_text() {
        let d = decode(r#""a\"b""#).unwrap();
        assert_eq!(d.text, "a\"b");
        assert_eq!(d.map, vec![1, 2, 4, 5]);
    }

    #[test]
    fn decodes_unicode_and_raw() {
        assert_eq!(decode(r#""\u{41}한""#).unwrap().text, "A한");
        let raw = decode(r##"r#"x "y""#"##).unwrap();
        assert_eq!(raw.text, "x \"y\"");
        assert_eq!(raw.map[0], 3);
    }

    #[test]
    fn rejects_non_strings() {
        assert!(decode("42").is_none());
        assert!(decode(r#""bad \q""#).is_none());
    }
}
