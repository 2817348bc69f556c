//! Message templates: `{a.source} says {a.text}, {b.source} says {b.text}`.
//!
//! A template is text with `{field}` holes; `{{` and `}}` are literal braces. Fields are
//! either finding-wide (`{concept}`, `{subject}`, `{event}`, `{rule}`, `{kind}`,
//! `{place}`, `{date}`, `{parts}`) or name a claim of the finding, `a` or `b`, and one of
//! its [`CLAIM_FIELDS`]. For `part-whole` `a` is the part and `b` the whole; for `sum`
//! `a` is the stated total and `{parts}` lists the parts; for `trend` `a` is the earlier
//! report; for `bounds` only `a` exists.

/// Fields of a claim a template may name as `{a.FIELD}` or `{b.FIELD}`.
pub const CLAIM_FIELDS: &[&str] = &[
    "source",
    "text",
    "quantity",
    "value",
    "low",
    "high",
    "interval",
    "date",
    "doc",
    "line",
    "column",
    "sentence",
    "attribution",
    "place",
    "unit",
    "noun",
    "subject",
    "concept",
];

/// Finding-wide fields.
pub const FINDING_FIELDS: &[&str] = &[
    "concept", "subject", "event", "rule", "kind", "place", "date", "parts",
];

/// A template mistake, at a byte offset into the template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    pub offset: usize,
    pub message: String,
}

enum Piece<'a> {
    Text(&'a str),
    Field(&'a str),
}

fn pieces(t: &str) -> Result<Vec<Piece<'_>>, TemplateError> {
    let mut out = Vec::new();
    let bytes = t.as_bytes();
    let mut i = 0;
    let mut lit = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                out.push(Piece::Text(&t[lit..=i]));
                i += 2;
                lit = i;
            }
            b'}' if bytes.get(i + 1) == Some(&b'}') => {
                out.push(Piece::Text(&t[lit..=i]));
                i += 2;
                lit = i;
            }
            b'{' => {
                out.push(Piece::Text(&t[lit..i]));
                let Some(close) = t[i + 1..].find('}') else {
                    return Err(TemplateError {
                        offset: i,
                        message: "unclosed `{` (write `{{` for a literal brace)".into(),
                    });
                };
                out.push(Piece::Field(t[i + 1..i + 1 + close].trim()));
                i += close + 2;
                lit = i;
            }
            b'}' => {
                return Err(TemplateError {
                    offset: i,
                    message: "unmatched `}` (write `}}` for a literal brace)".into(),
                });
            }
            _ => i += 1,
        }
    }
    out.push(Piece::Text(&t[lit..]));
    Ok(out)
}

/// Whether a field name is one a template may use.
pub fn is_known_field(f: &str) -> bool {
    match f.split_once('.') {
        Some((who, field)) => (who == "a" || who == "b") && CLAIM_FIELDS.contains(&field),
        None => FINDING_FIELDS.contains(&f),
    }
}

/// Check a template: braces balance and every field exists.
pub fn validate(t: &str) -> Result<(), TemplateError> {
    let mut offset = 0;
    for p in pieces(t)? {
        match p {
            Piece::Text(s) => offset += s.len(),
            Piece::Field(f) => {
                if !is_known_field(f) {
                    let known = CLAIM_FIELDS
                        .iter()
                        .map(|c| format!("a.{c}"))
                        .chain(FINDING_FIELDS.iter().map(|s| s.to_string()))
                        .collect::<Vec<_>>()
                        .join(", ");
                    return Err(TemplateError {
                        offset: t[offset..].find('{').map_or(offset, |o| offset + o),
                        message: format!("unknown field `{{{f}}}`; fields are: {known}, b.*"),
                    });
                }
                offset = t[offset..].find('}').map_or(offset, |o| offset + o + 1);
            }
        }
    }
    Ok(())
}

/// Fill a template. `lookup` answers a field name with its value; a field it does not
/// know is left as written, braces and all, so a mistake shows in the output.
pub fn render(t: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    let Ok(ps) = pieces(t) else {
        return t.to_string();
    };
    let mut out = String::with_capacity(t.len() + 32);
    for p in ps {
        match p {
            Piece::Text(s) => out.push_str(s),
            Piece::Field(f) => match lookup(f) {
                Some(v) => out.push_str(&v),
                None => {
                    out.push('{');
                    out.push_str(f);
                    out.push('}');
                }
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_fields_and_braces() {
        let s = render(
            "{a.source} says {a.text}; {{literal}} {concept}",
            |f| match f {
                "a.source" => Some("Reuters".into()),
                "a.text" => Some("16 people".into()),
                "concept" => Some("killed".into()),
                _ => None,
            },
        );
        assert_eq!(s, "Reuters says 16 people; {literal} killed");
    }

    #[test]
    fn validate_reports_offsets() {
        assert!(validate("{a.source} says {b.text}").is_ok());
        let e = validate("ok {a.sauce}").unwrap_err();
        assert_eq!(e.offset, 3);
        assert!(e.message.contains("a.sauce"));
        let e = validate("oops {a.text").unwrap_err();
        assert_eq!(e.offset, 5);
        assert!(validate("x } y").is_err());
        assert!(validate("{c.text}").is_err());
    }

    #[test]
    fn unknown_field_left_visible() {
        assert_eq!(render("{x}", |_| None), "{x}");
    }
}
