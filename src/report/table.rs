//! The table view for people: findings grouped by event, each with its rule, message,
//! the interval reasoning, and a table of the claims involved with their sentences (the
//! claim highlighted when colour is on), then a summary line.

use super::{Style, Totals, summary_line};
use crate::check::{Finding, FindingClaim};
use crate::quantity::fmt_num;
use crate::rules::Severity;
use comfy_table::{ContentArrangement, Table, presets};
use owo_colors::OwoColorize;

/// Characters of sentence shown on each side of the claim.
const CONTEXT_CHARS: usize = 90;

pub fn render(findings: &[Finding], totals: Totals, style: Style) -> String {
    let mut out = String::new();
    let mut groups: Vec<(Option<&str>, Vec<&Finding>)> = Vec::new();
    for f in findings {
        let key = f.event.as_deref();
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(f),
            None => groups.push((key, vec![f])),
        }
    }
    // Events in key order; findings outside any event last.
    groups.sort_by(|a, b| match (a.0, b.0) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    for (event, fs) in groups {
        let title = match event {
            Some(e) => format!("event {e}"),
            None => "no event".to_string(),
        };
        let title = format!(
            "{title} ({} finding{})",
            fs.len(),
            if fs.len() == 1 { "" } else { "s" }
        );
        if style.color {
            out.push_str(&title.bold().to_string());
        } else {
            out.push_str(&title);
        }
        out.push('\n');
        for f in fs {
            out.push_str(&finding(f, style));
            out.push('\n');
        }
    }
    out.push_str(&summary_line(findings, totals));
    out.push('\n');
    out
}

fn severity_label(s: Severity, color: bool) -> String {
    let label = s.as_str();
    if !color {
        return label.to_string();
    }
    match s {
        Severity::Error => label.red().bold().to_string(),
        Severity::Warning => label.yellow().bold().to_string(),
        Severity::Info => label.cyan().bold().to_string(),
    }
}

fn finding(f: &Finding, style: Style) -> String {
    let mut s = format!(
        "{}[{}] {}\n  {}\n",
        severity_label(f.severity, style.color),
        f.rule,
        f.message,
        f.reason
    );
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t.set_width(style.width);
    t.set_header(["", "where", "source", "interval", "evidence"]);
    for c in &f.claims {
        t.add_row([
            c.role.clone(),
            location(c),
            source(c),
            interval(c),
            excerpt(c, style.color),
        ]);
    }
    s.push_str(&t.to_string());
    s.push('\n');
    s
}

/// `path:line:column`, as editors and terminals open it; "(title)" after a claim in
/// the title.
fn location(c: &FindingClaim) -> String {
    let section = if c.section == crate::corpus::Section::Title {
        " (title)"
    } else {
        ""
    };
    format!("{}:{}:{}{section}", c.doc, c.line, c.column)
}

fn source(c: &FindingClaim) -> String {
    let mut s = c.source.clone().unwrap_or_else(|| "-".into());
    if let Some(d) = c.date {
        s.push_str(&format!("\n{d}"));
    }
    s
}

fn interval(c: &FindingClaim) -> String {
    match (c.low, c.high) {
        (Some(l), Some(h)) if l == h => fmt_num(l),
        (Some(l), Some(h)) => format!("{}-{}", fmt_num(l), fmt_num(h)),
        (Some(l), None) => format!(">= {}", fmt_num(l)),
        (None, Some(h)) => format!("<= {}", fmt_num(h)),
        (None, None) => "any".into(),
    }
}

/// The sentence around the claim, cut to a window, the claim highlighted in colour.
fn excerpt(c: &FindingClaim, color: bool) -> String {
    let sent = c.sentence.as_str();
    let Some(at) = sent.find(c.text.as_str()) else {
        return clip(sent);
    };
    let end = at + c.text.len();
    let before: String = {
        let head = &sent[..at];
        let n = head.chars().count();
        let skip = n.saturating_sub(CONTEXT_CHARS);
        let body: String = head.chars().skip(skip).collect();
        if skip > 0 { format!("…{body}") } else { body }
    };
    let after: String = {
        let tail = &sent[end..];
        let body: String = tail.chars().take(CONTEXT_CHARS).collect();
        if tail.chars().count() > CONTEXT_CHARS {
            format!("{body}…")
        } else {
            body
        }
    };
    let claim = &sent[at..end];
    let claim = if color {
        claim.yellow().bold().to_string()
    } else {
        claim.to_string()
    };
    format!("{before}{claim}{after}")
}

fn clip(s: &str) -> String {
    let n = s.chars().count();
    if n <= 2 * CONTEXT_CHARS {
        s.to_string()
    } else {
        let body: String = s.chars().take(2 * CONTEXT_CHARS).collect();
        format!("{body}…")
    }
}
