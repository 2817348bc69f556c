//! `recount extract`: the claims of documents (or of one `--text`), as a table per
//! document or as JSON, JSON Lines or CSV with DESIGN.md's field names.

use super::{InputArgs, Out, RulesArgs};
use clap::{Args, ValueEnum};
use comfy_table::{ContentArrangement, Table, presets};
use jiff::civil::Date;
use recount::claim::Frame;
use recount::claim::{Claim, ClaimId, ClaimRef};
use recount::corpus::Section;
use recount::corpus::{Document, Origin};
use recount::extract::Extractor;
use recount::quantity::{Kind, Qualifier, Trend};
use std::borrow::Cow;
use std::ops::Range;

#[derive(Args, Debug)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub rules: RulesArgs,
    /// Read this text instead of files ("more than a dozen civilians were killed").
    #[arg(long, value_name = "TEXT", conflicts_with = "paths")]
    pub text: Option<String>,
    /// Output format (table on a terminal and by default).
    #[arg(long, value_enum, default_value_t = ExtractFormat::Table)]
    pub format: ExtractFormat,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtractFormat {
    Table,
    Json,
    Jsonl,
    Csv,
}

pub fn run(args: ExtractArgs) -> u8 {
    let Some(rules) = super::load_rules(&args.rules) else {
        return 2;
    };
    let ex = Extractor::new(rules.lexicon);
    let mut out = Out::new();
    let mut sink = Sink::new(args.format);
    if let Some(text) = &args.text {
        let doc = Document {
            id: "<text>".into(),
            source: None,
            date: None,
            place: None,
            event: None,
            title: None,
            text: text.clone(),
            url: None,
            origin: Origin {
                path: "<text>".into(),
                body_line: 1,
                ..Origin::default()
            },
            ignore: Vec::new(),
            warnings: Vec::new(),
        };
        let mut claims = ex.extract(&doc);
        super::config::current().apply_vague(&mut claims);
        sink.document(&doc, &claims, &mut out);
        sink.finish(&mut out);
        return 0;
    }
    let summary = if args.format == ExtractFormat::Jsonl {
        // Lines are rendered on the worker threads, from the claims as they are read;
        // this one writes them in order.
        let config = super::config::current();
        let spare = std::sync::Mutex::new(Vec::new());
        super::for_each_document_with(
            &args.input,
            |doc| {
                let buf = spare.lock().ok().and_then(|mut s| s.pop());
                let mut lines = JsonLines::new(doc, buf.unwrap_or_default());
                super::extract_each_here(&ex, doc, |c| lines.claim(c, config));
                (lines.claims, lines.buf)
            },
            |_, (n, lines)| {
                sink.claims += n;
                out.write_owned(lines);
                if let Ok(mut s) = spare.lock() {
                    let room = SPARE_BUFFERS.saturating_sub(s.len());
                    s.extend(
                        out.take_spent()
                            .filter(|b| b.capacity() <= JsonLines::KEEP_ROOM)
                            .take(room),
                    );
                }
                !out.is_closed()
            },
        )
    } else {
        super::for_each_document(&args.input, &ex, |doc, claims| {
            sink.document(doc, &claims, &mut out);
            !out.is_closed()
        })
    };
    sink.finish(&mut out);
    match summary {
        Some(s) if s.loaded > 0 => 0,
        _ => 2,
    }
}

/// Buffers of written JSON Lines kept for the next documents' lines: as many as the
/// documents whose lines may be in flight at once, so that nearly every document
/// fills one already allocated.
const SPARE_BUFFERS: usize = 512;

/// Renders claims as documents arrive.
struct Sink {
    format: ExtractFormat,
    first: bool,
    csv_header: bool,
    claims: usize,
}

impl Sink {
    fn new(format: ExtractFormat) -> Self {
        Sink {
            format,
            first: true,
            csv_header: false,
            claims: 0,
        }
    }

    fn document(&mut self, doc: &Document, claims: &[Claim], out: &mut Out) {
        self.claims += claims.len();
        match self.format {
            ExtractFormat::Table => {
                if claims.is_empty() {
                    return;
                }
                let mut head = doc.id.clone();
                let meta: Vec<String> = [
                    doc.source.clone(),
                    doc.date.map(|d| d.to_string()),
                    doc.place.clone(),
                ]
                .into_iter()
                .flatten()
                .collect();
                if !meta.is_empty() {
                    head = format!("{head} ({})", meta.join(", "));
                }
                out.line(&head);
                out.line(&claims_table(claims));
                out.line("");
            }
            ExtractFormat::Json => {
                for c in claims {
                    out.write_str(if self.first { "[\n" } else { ",\n" });
                    self.first = false;
                    out.write_str(&serde_json::to_string_pretty(c).unwrap_or_default());
                }
            }
            ExtractFormat::Jsonl => out.write_bytes(&jsonl(claims)),
            ExtractFormat::Csv => {
                let mut w = csv::Writer::from_writer(Vec::new());
                if !self.csv_header {
                    let _ = w.write_record(CSV_FIELDS);
                    self.csv_header = true;
                }
                for c in claims {
                    let _ = w.write_record(csv_row(c));
                }
                if let Ok(bytes) = w.into_inner() {
                    out.write_str(&String::from_utf8_lossy(&bytes));
                }
            }
        }
    }

    fn finish(&mut self, out: &mut Out) {
        match self.format {
            ExtractFormat::Json => out.line(if self.first { "[]" } else { "\n]" }),
            ExtractFormat::Table => out.line(&format!(
                "{} claim{}",
                self.claims,
                if self.claims == 1 { "" } else { "s" }
            )),
            ExtractFormat::Csv if !self.csv_header => out.line(&CSV_FIELDS.join(",")),
            _ => {}
        }
    }
}

/// Claims as JSON Lines, a newline after each. Every piece written is a str or
/// ASCII, so the bytes are UTF-8; they go to the output as they are, with no pass to
/// check it.
fn jsonl(claims: &[Claim]) -> Vec<u8> {
    let mut buf = Vec::with_capacity(1024 * claims.len().min(256));
    for c in claims {
        claim_line(c, &mut buf);
        buf.push(b'\n');
    }
    buf
}

/// One document's claims as JSON Lines, written as the extractor hands them over:
/// the lines [`jsonl`] writes for the claims of [`Extractor::extract`] with the
/// settings' vague amounts applied.
///
/// What every claim of the document repeats is tested for escapes once: the
/// document's id, source and event, and the sentence that the claims of one sentence
/// share (which, when it needs none, spares the test to the parts of it a claim
/// quotes, its text and quantity and noun).
struct JsonLines<'d> {
    buf: Vec<u8>,
    claims: usize,
    doc: &'d Document,
    /// Whether the document's id, source and event are written as they stand.
    doc_clean: [bool; 3],
    /// The document's date with its text.
    doc_date: Option<(Date, [u8; 11])>,
    /// The last sentence written, whether it is written as it stands, and its JSON
    /// when it is not. A sentence of the document's own text or title (nearly all)
    /// is held as that very slice, with no copy.
    sentence: Cow<'d, str>,
    sentence_clean: bool,
    sentence_json: Vec<u8>,
}

impl<'d> JsonLines<'d> {
    /// Room made at a document's first claim: most documents' lines fit in it, so
    /// that the buffer seldom grows (each growth copies every line written so far),
    /// and it is small enough for the documents in flight to hold little memory idle.
    const FIRST_ROOM: usize = 16 * 1024;

    /// The largest buffer kept for another document once written: rare long
    /// documents' buffers are let go, so that the spare ones hold little memory.
    const KEEP_ROOM: usize = 2 * Self::FIRST_ROOM;

    /// A writer for `doc`'s lines into `buf` (empty; a spare one keeps its room).
    fn new(doc: &'d Document, buf: Vec<u8>) -> Self {
        let clean = |s: Option<&str>| s.is_some_and(|s| !needs_escape(s.as_bytes()));
        JsonLines {
            buf,
            claims: 0,
            doc,
            doc_clean: [
                clean(Some(&doc.id)),
                clean(doc.source.as_deref()),
                clean(doc.event.as_deref()),
            ],
            doc_date: doc.date.and_then(|d| Some((d, date_text(d)?))),
            sentence: Cow::Borrowed(""),
            sentence_clean: false,
            sentence_json: Vec::new(),
        }
    }

    fn claim(&mut self, c: &ClaimRef<'_>, config: &recount::config::Config) {
        self.claims += 1;
        if self.buf.capacity() == 0 {
            self.buf.reserve(Self::FIRST_ROOM);
        }
        if c.qualifier == Qualifier::Vague && !config.vague.is_empty() {
            // The settings may give this amount another interval: rare enough to
            // take the owned way through the settings' own code.
            let mut owned = c.to_claim();
            config.apply_vague(std::slice::from_mut(&mut owned));
            write_claim(&owned.view(), &mut self.buf, Known::default());
        } else {
            if *self.sentence != *c.sentence {
                self.sentence = own_slice(self.doc, c.sentence)
                    .map_or_else(|| Cow::Owned(c.sentence.to_owned()), Cow::Borrowed);
                self.sentence_clean = !needs_escape(c.sentence.as_bytes());
                self.sentence_json.clear();
                if !self.sentence_clean {
                    json_str(c.sentence, &mut self.sentence_json);
                }
            }
            // The document's own strings, known by where they stand: a claim that
            // borrows them borrows these very bytes.
            let doc = self.doc;
            let is = |s: Option<&str>, of: Option<&str>, clean: bool| {
                clean && matches!((s, of), (Some(s), Some(of)) if std::ptr::eq(s, of))
            };
            let known = Known {
                doc: is(Some(c.doc), Some(&doc.id), self.doc_clean[0]),
                source: is(c.source, doc.source.as_deref(), self.doc_clean[1]),
                event: is(c.event, doc.event.as_deref(), self.doc_clean[2]),
                sentence_clean: self.sentence_clean,
                sentence_json: (!self.sentence_clean).then_some(&self.sentence_json[..]),
                doc_date: self.doc_date,
            };
            write_claim(c, &mut self.buf, known);
        }
        self.buf.push(b'\n');
    }
}

/// `part` as a slice of the document's text or title, when it lies in one: the same
/// bytes, borrowed for as long as the document.
fn own_slice<'d>(doc: &'d Document, part: &str) -> Option<&'d str> {
    let title = doc.title.as_deref().unwrap_or_default();
    let whole = [doc.text.as_str(), title]
        .into_iter()
        .find(|whole| within(part, whole))?;
    let from = part.as_ptr() as usize - whole.as_ptr() as usize;
    whole.get(from..from + part.len())
}

/// What is known of a claim's strings before it is written, so that they need not
/// be tested for escapes again. Nothing, by default.
#[derive(Clone, Copy, Default)]
struct Known<'a> {
    /// The document's id (the claim's `doc` and that of its ids), source and event
    /// need no escaping.
    doc: bool,
    source: bool,
    event: bool,
    /// The sentence needs no escaping, and so no part of it does.
    sentence_clean: bool,
    /// The sentence as JSON, when it needs escaping: made once for all its claims.
    sentence_json: Option<&'a [u8]>,
    /// The document's date with its text (most claims' dates are the document's).
    doc_date: Option<(Date, [u8; 11])>,
}

/// Whether `part` lies within `whole`'s bytes. Two strings alive at once share no
/// bytes unless one holds the other, so this tells a slice of `whole` by its place.
fn within(part: &str, whole: &str) -> bool {
    let (part, whole) = (
        part.as_bytes().as_ptr_range(),
        whole.as_bytes().as_ptr_range(),
    );
    whole.start <= part.start && part.end <= whole.end
}

/// One claim as a line of JSON (without the newline), byte for byte what
/// `serde_json::to_string` writes for it.
pub(super) fn claim_line(c: &Claim, buf: &mut Vec<u8>) {
    write_claim(&c.view(), buf, Known::default());
}

/// A key as written, with the comma before it (the brace, for the first), in each
/// form its value may start it: bare (`,"unit":`), with a string's opening quote
/// (`,"unit":"`), and with a null value (`,"unit":null`). Whatever the value, the
/// key and what is known of the value's start are then one copy.
#[derive(Clone, Copy)]
struct Key {
    bare: &'static [u8],
    quote: &'static [u8],
    null: &'static [u8],
}

/// The [`Key`] of a field name, after a comma unless told what goes before.
macro_rules! key {
    ($before:literal $name:literal) => {
        Key {
            bare: concat!($before, "\"", $name, "\":").as_bytes(),
            quote: concat!($before, "\"", $name, "\":\"").as_bytes(),
            null: concat!($before, "\"", $name, "\":null").as_bytes(),
        }
    };
    ($name:literal) => {
        key!("," $name)
    };
}

/// A field whose value is a variant's name, the key and the name written in one
/// copy of known length (no call to copy a name of any length): one constant for
/// each variant. The names are the variants' `as_str`, which the test against
/// serde_json checks for every variant. What goes before is a comma unless told
/// (after a string left open, its closing quote and the comma).
macro_rules! name_field {
    ($j:expr, $before:literal $key:literal, $v:expr, { $($variant:path => $name:literal),+ $(,)? }) => {
        match $v {
            $($variant => $j
                .buf
                .extend_from_slice(concat!($before, "\"", $key, "\":\"", $name, "\"").as_bytes()),)+
        }
    };
    ($j:expr, $key:literal, $v:expr, $variants:tt) => {
        name_field!($j, "," $key, $v, $variants)
    };
}

/// A field whose value is a bool, written whole as one of two constants.
macro_rules! bool_field {
    ($j:expr, $key:literal, $v:expr) => {
        $j.buf.extend_from_slice(if $v {
            concat!(",\"", $key, "\":true").as_bytes()
        } else {
            concat!(",\"", $key, "\":false").as_bytes()
        })
    };
}

/// One claim as a line of JSON (without the newline), byte for byte what
/// `serde_json::to_string` writes for its owned [`Claim`], only faster: text that
/// needs no escaping (nearly all of it; the sentences are most of the output) is
/// copied as it is instead of byte by byte. Every field is named below, so a field
/// added to [`ClaimRef`] fails to compile here until it is written too.
///
/// Strings that `known` vouches for are copied without a test.
fn write_claim(c: &ClaimRef<'_>, buf: &mut Vec<u8>, known: Known<'_>) {
    let ClaimRef {
        id,
        doc,
        section,
        start,
        end,
        line,
        column,
        text,
        quantity,
        value,
        low,
        high,
        qualifier,
        kind,
        unit,
        noun,
        concept,
        subject,
        predicate,
        trend,
        part_of,
        group,
        attribution,
        date,
        place,
        source,
        event,
        doc_date,
        frame,
        additional,
        partial,
        sentence,
    } = c;
    // Room for the whole line up front: the fields below then never grow the buffer.
    buf.reserve(640 + sentence.len() + text.len() + doc.len() * 4);
    let mut j = JsonObject { buf };
    // Parts of a sentence that needs no escaping need none either.
    let quoted = |s: &str| known.sentence_clean && within(s, sentence);
    // The strings every claim has are left open: their closing quote starts the
    // next field's constant.
    j.id(key!("{" "id"), Some(*id), known.doc, false);
    j.str_open(key!("\"," "doc"), doc, known.doc);
    name_field!(j, "\"," "section", section, {
        Section::Title => "title",
        Section::Body => "body",
    });
    j.int(key!("start"), *start as u64);
    j.int(key!("end"), *end as u64);
    j.int(key!("line"), u64::from(*line));
    j.int(key!("column"), u64::from(*column));
    j.str_open(key!("text"), text, quoted(text));
    j.str_open(key!("\"," "quantity"), quantity, quoted(quantity));
    let value_text = j.num(key!("\"," "value"), Some(*value), None);
    let low_text = j.num(key!("low"), *low, Some((*value, value_text.clone())));
    let same = match *low {
        Some(low) if low.to_bits() != value.to_bits() => (low, low_text),
        _ => (*value, value_text),
    };
    j.num(key!("high"), *high, Some(same));
    name_field!(j, "qualifier", qualifier, {
        Qualifier::Exact => "exact",
        Qualifier::Approx => "approx",
        Qualifier::AtLeast => "at_least",
        Qualifier::MoreThan => "more_than",
        Qualifier::AtMost => "at_most",
        Qualifier::LessThan => "less_than",
        Qualifier::Nearly => "nearly",
        Qualifier::Range => "range",
        Qualifier::Vague => "vague",
    });
    name_field!(j, "kind", kind, {
        Kind::Count => "count",
        Kind::Percent => "percent",
        Kind::Currency => "currency",
        Kind::Measure => "measure",
        Kind::Ratio => "ratio",
    });
    j.str(key!("unit"), *unit, false);
    j.str(key!("noun"), *noun, noun.is_some_and(quoted));
    j.str(key!("concept"), *concept, false);
    j.str(key!("subject"), *subject, false);
    j.str(key!("predicate"), *predicate, false);
    match trend {
        Some(t) => name_field!(j, "trend", t, { Trend::Up => "up", Trend::Down => "down" }),
        None => j.buf.extend_from_slice(key!("trend").null),
    }
    j.id(key!("part_of"), *part_of, known.doc, true);
    j.id(key!("group"), *group, known.doc, true);
    j.str(key!("attribution"), *attribution, false);
    j.date(key!("date"), *date, known.doc_date);
    j.str(key!("place"), *place, false);
    j.str(key!("source"), *source, known.source);
    j.str(key!("event"), *event, known.event);
    j.date(key!("doc_date"), *doc_date, known.doc_date);
    name_field!(j, "frame", frame, {
        Frame::Incident => "incident",
        Frame::Since => "since",
        Frame::Total => "total",
        Frame::Other => "other",
    });
    bool_field!(j, "additional", *additional);
    bool_field!(j, "partial", *partial);
    match known.sentence_json {
        Some(json) => {
            j.buf.extend_from_slice(key!("sentence").bare);
            j.buf.extend_from_slice(json);
            j.buf.push(b'}');
        }
        None => {
            j.str_open(key!("sentence"), sentence, known.sentence_clean);
            j.buf.extend_from_slice(b"\"}");
        }
    }
}

/// A JSON object being written into a buffer, field by field, each a [`Key`] and
/// its value; an absent value is `null`.
struct JsonObject<'a> {
    buf: &'a mut Vec<u8>,
}

impl JsonObject<'_> {
    /// A string, copied as it stands when `clean` vouches that it needs no escaping
    /// or the test finds none, else escaped by [`json_escaped`].
    #[inline(always)]
    fn str(&mut self, k: Key, v: Option<&str>, clean: bool) {
        match v {
            Some(v) => {
                self.str_open(k, v, clean);
                self.buf.push(b'"');
            }
            None => self.buf.extend_from_slice(k.null),
        }
    }

    /// [`JsonObject::str`] of a string that is there, without its closing quote.
    #[inline(always)]
    fn str_open(&mut self, k: Key, v: &str, clean: bool) {
        self.buf.extend_from_slice(k.quote);
        if clean || !needs_escape(v.as_bytes()) {
            self.buf.extend_from_slice(v.as_bytes());
        } else {
            // The escaped form comes with its quotes.
            self.buf.pop();
            json_escaped(v, self.buf);
            self.buf.pop();
        }
    }

    /// A claim id; `clean` vouches for its document's id. `doc#n` is written in its
    /// parts, the number by the integer formatter. Without `close`, an id that is
    /// there is left without its closing quote, as by [`JsonObject::str_open`].
    #[inline(always)]
    fn id(&mut self, k: Key, v: Option<ClaimId<'_>>, clean: bool, close: bool) {
        match v {
            Some(ClaimId::Numbered { doc, n }) if clean || !needs_escape(doc.as_bytes()) => {
                self.buf.extend_from_slice(k.quote);
                self.buf.extend_from_slice(doc.as_bytes());
                self.buf.push(b'#');
                push_digits(n as u64, self.buf);
            }
            Some(ClaimId::Text(id)) => self.str_open(k, id, false),
            Some(id) => self.str_open(k, &id.to_text(), false),
            None => {
                self.buf.extend_from_slice(k.null);
                return;
            }
        }
        if close {
            self.buf.push(b'"');
        }
    }

    /// A date; `known` is one already written out, as [`date_text`] gives it.
    #[inline(always)]
    fn date(&mut self, k: Key, v: Option<Date>, known: Option<(Date, [u8; 11])>) {
        use std::io::Write;
        match v {
            Some(d) => match known {
                Some((same, text)) if same == d => {
                    self.buf.extend_from_slice(k.quote);
                    self.buf.extend_from_slice(&text);
                }
                _ => match date_text(d) {
                    Some(text) => {
                        self.buf.extend_from_slice(k.quote);
                        self.buf.extend_from_slice(&text);
                    }
                    None => {
                        self.buf.extend_from_slice(k.bare);
                        let _ = write!(self.buf, "\"{d}\"");
                    }
                },
            },
            None => self.buf.extend_from_slice(k.null),
        }
    }

    #[inline(always)]
    fn int(&mut self, k: Key, v: u64) {
        self.buf.extend_from_slice(k.bare);
        push_digits(v, self.buf);
    }

    /// A number, and where its text stands in the buffer. `written` is a number
    /// already written with where its text stands: the same number (bit for bit, so
    /// that the text is the same too) is copied from there. Interval ends are mostly
    /// the figure itself.
    #[inline(always)]
    fn num(
        &mut self,
        k: Key,
        v: Option<f64>,
        written: Option<(f64, Range<usize>)>,
    ) -> Range<usize> {
        match v {
            Some(v) => {
                self.buf.extend_from_slice(k.bare);
                let from = self.buf.len();
                match written {
                    Some((same, text)) if same.to_bits() == v.to_bits() => {
                        self.buf.extend_from_within(text);
                    }
                    _ => json_f64(v, self.buf),
                }
                from..self.buf.len()
            }
            None => {
                self.buf.extend_from_slice(k.null);
                0..0
            }
        }
    }
}

/// A date as JSON, after its opening quote: it serialises as its display form,
/// which needs no escaping, YYYY-MM-DD, written digit by digit for the years of news
/// (None for years outside 0..=9999).
fn date_text(d: Date) -> Option<[u8; 11]> {
    if !(0..=9999).contains(&d.year()) {
        return None;
    }
    let (y, m, dd) = (d.year() as u16, d.month() as u8, d.day() as u8);
    let digit = |n: u16| b'0' + (n % 10) as u8;
    Some([
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        b'0' + m / 10,
        b'0' + m % 10,
        b'-',
        b'0' + dd / 10,
        b'0' + dd % 10,
        b'"',
    ])
}

/// A number as serde_json writes it. A whole number below 10^15 in size (nearly
/// every figure of the news) is written in decimal with ".0", which is serde_json's
/// form for it, by the much cheaper integer formatter; anything else (fractions,
/// huge values, -0, infinities, NaN) by serde_json itself. Below 10^15 the integer
/// conversion is exact for a whole number, so converting back tells whole numbers
/// without a call to the library's truncation.
#[inline(always)]
fn json_f64(v: f64, buf: &mut Vec<u8>) {
    let whole = v as i64;
    if v.abs() < 1e15 && whole as f64 == v && !(v == 0.0 && v.is_sign_negative()) {
        if whole >= 0 {
            push_digits(whole as u64, buf);
        } else {
            buf.extend_from_slice(itoa::Buffer::new().format(whole).as_bytes());
        }
        buf.extend_from_slice(b".0");
    } else if serde_json::to_writer(&mut *buf, &v).is_err() {
        buf.extend_from_slice(b"null");
    }
}

/// The decimal digits of `v`. Below 1000 (claim numbers, lines, most figures) they
/// are written as a copy of known length; larger numbers by the integer formatter,
/// whose digits of any length take a call to copy.
#[inline(always)]
fn push_digits(v: u64, buf: &mut Vec<u8>) {
    if v < 10 {
        buf.push(b'0' + v as u8);
    } else if v < 100 {
        buf.extend_from_slice(&[b'0' + (v / 10) as u8, b'0' + (v % 10) as u8]);
    } else if v < 1000 {
        buf.extend_from_slice(&[
            b'0' + (v / 100) as u8,
            b'0' + (v / 10 % 10) as u8,
            b'0' + (v % 10) as u8,
        ]);
    } else {
        buf.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
    }
}

/// A JSON string: copied as it is when no byte needs escaping, else escaped by
/// [`json_escaped`].
#[inline(always)]
fn json_str(s: &str, buf: &mut Vec<u8>) {
    if !needs_escape(s.as_bytes()) {
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
    } else {
        json_escaped(s, buf);
    }
}

/// A JSON string with its escapes, byte for byte as serde_json writes it (the test
/// against serde_json checks every byte that can need one). Blocks of 16 bytes with
/// nothing to escape, nearly all of a sentence that quotes someone, are passed over
/// by the block test of [`needs_escape`]; the bytes between escapes go out as one copy.
/// Rare, and kept out of line so as not to weigh on the writing of clean strings.
#[cold]
#[inline(never)]
fn json_escaped(s: &str, buf: &mut Vec<u8>) {
    let bytes = s.as_bytes();
    buf.reserve(bytes.len() + 8);
    buf.push(b'"');
    let (blocks, _) = bytes.as_chunks::<16>();
    let mut from = 0;
    for (n, block) in blocks.iter().enumerate() {
        if block_needs_escape(block) {
            from = escape_run(bytes, n * 16..n * 16 + 16, from, buf);
        }
    }
    from = escape_run(bytes, blocks.len() * 16..bytes.len(), from, buf);
    buf.extend_from_slice(bytes.get(from..).unwrap_or_default());
    buf.push(b'"');
}

/// The bytes of `bytes[run]` that need escaping, each written escaped after the
/// bytes before it that do not (from `from` on); where the next unwritten byte is.
fn escape_run(bytes: &[u8], run: Range<usize>, mut from: usize, buf: &mut Vec<u8>) -> usize {
    for i in run {
        let Some(&c) = bytes.get(i) else { break };
        if !escaped(c) {
            continue;
        }
        let unicode: [u8; 6];
        let escape: &[u8] = match c {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\t' => b"\\t",
            b'\r' => b"\\r",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                unicode = [
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(c >> 4)],
                    HEX[usize::from(c & 0xf)],
                ];
                &unicode
            }
            _ => continue,
        };
        buf.extend_from_slice(bytes.get(from..i).unwrap_or_default());
        buf.extend_from_slice(escape);
        from = i + 1;
    }
    from
}

/// Whether a string has a byte JSON escapes: a control character, a quote or a
/// backslash. A block of 16 bytes is tested whole, with no branch per byte, which
/// the compiler turns into a few vector instructions; the bytes after the last whole
/// block (all of most short strings) are tested as one block padded with spaces.
fn needs_escape(s: &[u8]) -> bool {
    let (blocks, rest) = s.as_chunks::<16>();
    let mut last = [b' '; 16];
    last[..rest.len()].copy_from_slice(rest);
    blocks.iter().chain([&last]).any(block_needs_escape)
}

/// Whether a block of 16 bytes has a byte JSON escapes, tested with no branch per byte.
#[inline(always)]
fn block_needs_escape(block: &[u8; 16]) -> bool {
    let mut found = 0u8;
    for &c in block {
        found |= u8::from(escaped(c));
    }
    found != 0
}

/// Whether JSON escapes this byte: a control character, a quote or a backslash.
#[inline(always)]
fn escaped(c: u8) -> bool {
    (c < 0x20) | (c == b'"') | (c == b'\\')
}

/// An interval as a reader writes it: `[701, inf)`, `[315, 385]`.
pub fn interval_text(low: Option<f64>, high: Option<f64>) -> String {
    use recount::quantity::fmt_num;
    match (low, high) {
        (Some(l), Some(h)) => format!("[{}, {}]", fmt_num(l), fmt_num(h)),
        (Some(l), None) => format!("[{}, inf)", fmt_num(l)),
        (None, Some(h)) => format!("(-inf, {}]", fmt_num(h)),
        (None, None) => "(-inf, inf)".into(),
    }
}

fn relation(c: &Claim) -> String {
    let mut r = Vec::new();
    if let Some(p) = &c.part_of {
        r.push(format!("part of {}", p.rsplit('#').next().unwrap_or(p)));
    }
    if let Some(g) = &c.group {
        r.push(format!("group {}", g.rsplit('#').next().unwrap_or(g)));
    }
    if c.additional {
        r.push("additional".into());
    }
    if let Some(t) = c.trend {
        r.push(format!(
            "change {}",
            if t == recount::quantity::Trend::Up {
                "up"
            } else {
                "down"
            }
        ));
    }
    match c.frame {
        recount::claim::Frame::Incident => {}
        f => r.push(format!("{f:?}").to_lowercase()),
    }
    r.join(", ")
}

fn claims_table(claims: &[Claim]) -> String {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t.set_width(super::table_width());
    t.set_header([
        "at",
        "quantity",
        "interval",
        "unit",
        "concept",
        "subject",
        "predicate",
        "relation",
        "attribution",
    ]);
    for c in claims {
        let at = format!(
            "{}{}:{}",
            if c.section == recount::corpus::Section::Title {
                "title "
            } else {
                ""
            },
            c.line,
            c.column
        );
        t.add_row([
            at,
            c.quantity.clone(),
            interval_text(c.low, c.high),
            c.unit.clone().unwrap_or_default(),
            c.concept.clone().unwrap_or_default(),
            // The class name; JSON output has the whole path.
            c.subject
                .as_deref()
                .map(|s| s.rsplit('.').next().unwrap_or(s).to_string())
                .unwrap_or_default(),
            c.predicate.clone().unwrap_or_default(),
            relation(c),
            c.attribution.clone().unwrap_or_default(),
        ]);
    }
    t.to_string()
}

const CSV_FIELDS: &[&str] = &[
    "id",
    "doc",
    "section",
    "start",
    "end",
    "line",
    "column",
    "text",
    "quantity",
    "value",
    "low",
    "high",
    "qualifier",
    "kind",
    "unit",
    "noun",
    "concept",
    "subject",
    "predicate",
    "trend",
    "part_of",
    "group",
    "attribution",
    "date",
    "place",
    "source",
    "frame",
];

fn csv_row(c: &Claim) -> Vec<String> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let n = |v: Option<f64>| v.map(recount::quantity::fmt_num).unwrap_or_default();
    vec![
        c.id.clone(),
        c.doc.clone(),
        c.section.as_str().into(),
        c.start.to_string(),
        c.end.to_string(),
        c.line.to_string(),
        c.column.to_string(),
        c.text.clone(),
        c.quantity.clone(),
        recount::quantity::fmt_num(c.value),
        n(c.low),
        n(c.high),
        c.qualifier.as_str().into(),
        c.kind.as_str().into(),
        o(&c.unit),
        o(&c.noun),
        o(&c.concept),
        o(&c.subject),
        o(&c.predicate),
        c.trend
            .map(|t| {
                if t == recount::quantity::Trend::Up {
                    "up"
                } else {
                    "down"
                }
                .to_string()
            })
            .unwrap_or_default(),
        o(&c.part_of),
        o(&c.group),
        o(&c.attribution),
        c.date.map(|d| d.to_string()).unwrap_or_default(),
        o(&c.place),
        o(&c.source),
        format!("{:?}", c.frame).to_lowercase(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(c: &Claim) -> String {
        let mut buf = Vec::new();
        claim_line(c, &mut buf);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn claim_lines_are_what_serde_writes() {
        let rules = recount::rules::load_rules(true, &[]).unwrap();
        let ex = Extractor::new(rules.lexicon);
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut claims = Vec::new();
        for item in recount::corpus::load(&[root], &Default::default()) {
            if let recount::corpus::Loaded::Document(d) = item {
                claims.extend(ex.extract(&d));
            }
        }
        assert!(claims.len() > 20);
        let mut odd = claims[0].clone();
        for (text, value, low, high) in [
            (
                "quote \" backslash \\ tab \t nl \n",
                -0.0,
                Some(f64::NAN),
                None,
            ),
            (
                "ctl \u{1} \u{1f} del \u{7f} sep \u{2028} \u{e9}\u{1F600}",
                1e21,
                Some(0.1),
                Some(f64::INFINITY),
            ),
            ("", 123456789012345680.0, Some(-5.5), Some(1e-7)),
        ] {
            odd.text = text.into();
            odd.sentence = format!("{text}{text}{text}");
            odd.unit = Some(text.into());
            odd.value = value;
            odd.low = low;
            odd.high = high;
            odd.date = None;
            odd.trend = Some(recount::quantity::Trend::Down);
            claims.push(odd.clone());
        }
        // Every variant of the names written by hand.
        use recount::claim::Frame;
        use recount::quantity::{Kind, Qualifier};
        for (k, frame) in [Frame::Incident, Frame::Since, Frame::Total, Frame::Other]
            .into_iter()
            .enumerate()
        {
            odd.frame = frame;
            odd.trend = [None, Some(Trend::Up), Some(Trend::Down)][k % 3];
            odd.additional = k % 2 == 0;
            odd.partial = k % 2 == 1;
            odd.section = [
                recount::corpus::Section::Title,
                recount::corpus::Section::Body,
            ][k % 2];
            odd.kind = [Kind::Count, Kind::Percent, Kind::Currency, Kind::Measure][k];
            claims.push(odd.clone());
        }
        for q in [
            Qualifier::Exact,
            Qualifier::Approx,
            Qualifier::AtLeast,
            Qualifier::MoreThan,
            Qualifier::AtMost,
            Qualifier::LessThan,
            Qualifier::Nearly,
            Qualifier::Range,
            Qualifier::Vague,
        ] {
            odd.qualifier = q;
            odd.kind = Kind::Ratio;
            claims.push(odd.clone());
        }
        // Dates at the edges of the range and offsets past 32 bits.
        for (y, m, d) in [
            (2017, 4, 5),
            (999, 1, 9),
            (0, 12, 31),
            (-44, 3, 15),
            (9999, 12, 31),
        ] {
            odd.date = jiff::civil::Date::new(y, m, d).ok();
            odd.doc_date = odd.date;
            odd.start = usize::MAX;
            odd.line = u32::MAX;
            claims.push(odd.clone());
        }
        for c in &claims {
            assert_eq!(line(c), serde_json::to_string(c).unwrap());
        }
    }

    fn document(id: &str, title: &str, text: &str) -> Document {
        Document {
            id: id.into(),
            source: Some("Agency \"Q\" \\ news".into()),
            date: jiff::civil::Date::new(2017, 4, 20).ok(),
            place: Some("Aleppo".into()),
            event: Some("ev\tent".into()),
            title: Some(title.into()),
            text: text.into(),
            url: None,
            origin: Origin {
                path: "t.txt".into(),
                body_line: 3,
                title_line: Some(1),
                title_column: Some(5),
                ..Origin::default()
            },
            ignore: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// A sentence is held as the document's own slice when it lies in the text or
    /// the title, and copied when it does not.
    #[test]
    fn sentences_of_the_document_are_its_own_slices() {
        let doc = document("d", "Title here", "One. Two three.");
        let two = &doc.text[5..];
        let held = own_slice(&doc, two).unwrap();
        assert!(std::ptr::eq(held, two));
        let title = doc.title.as_deref().unwrap();
        assert!(std::ptr::eq(
            own_slice(&doc, &title[6..]).unwrap(),
            &title[6..]
        ));
        let copy = two.to_string();
        assert_eq!(own_slice(&doc, &copy), None);
        assert_eq!(own_slice(&doc, ""), None);
    }

    /// Lines written from the claims as the extractor hands them over are serde_json's
    /// lines of its owned claims, with the settings' vague amounts applied: over the
    /// examples and over documents whose ids, sources and sentences need escaping,
    /// whose sentences hold several claims or run on past the evidence window, and
    /// whose dateline puts every claim in another frame.
    #[test]
    fn lines_as_read_are_the_owned_claims_lines() {
        let rules = recount::rules::load_rules(true, &[]).unwrap();
        let ex = Extractor::new(rules.lexicon);
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut docs: Vec<Document> = recount::corpus::load(&[root], &Default::default())
            .filter_map(|item| match item {
                recount::corpus::Loaded::Document(d) => Some(d),
                _ => None,
            })
            .collect();
        let long = "and 7 more were hurt near the \"old\" market \t ".repeat(40);
        docs.push(document(
            "odd \"id\" \\ #1",
            "\"Dozens\" killed, 12 wounded in \u{e9}l\u{1} raid",
            &format!(
                "Dozens of people were killed and 12 others wounded in Aleppo, \"officials\" \
                 said. Among them were five children.\nSome 350 people including 120 IS \
                 fighters fled. At least 3 died {long} while 40 fled."
            ),
        ));
        docs.push(document(
            "dateline",
            "",
            "April 2, 2017 - More than 30 people were killed in Idlib since August.",
        ));
        let vague = recount::config::parse(
            "recount.toml",
            std::path::Path::new("."),
            "[vague]\ndozens = [12, 99]\n",
        )
        .unwrap();
        let plain = recount::config::Config::default();
        let mut seen = 0;
        // One set of reading lists for every document, as a worker thread keeps it.
        let mut scratch = recount::extract::context::Scratch::default();
        for config in [&plain, &vague] {
            for d in &docs {
                let mut lines = JsonLines::new(d, Vec::new());
                ex.extract_each_with(d, &mut scratch, |c| lines.claim(c, config));
                let mut claims = ex.extract(d);
                config.apply_vague(&mut claims);
                let expected: String = claims
                    .iter()
                    .map(|c| serde_json::to_string(c).unwrap() + "\n")
                    .collect();
                assert_eq!(String::from_utf8(lines.buf).unwrap(), expected, "{}", d.id);
                assert_eq!(lines.claims, claims.len());
                seen += claims.len();
            }
        }
        // The odd documents gave claims of every kind the writer takes apart.
        let odd: Vec<Claim> = docs[docs.len() - 2..]
            .iter()
            .flat_map(|d| ex.extract(d))
            .collect();
        assert!(odd.iter().any(|c| c.part_of.is_some()));
        assert!(odd.iter().any(|c| c.sentence.starts_with('\u{2026}')));
        assert!(odd.iter().any(|c| c.sentence.contains('"')));
        assert!(
            odd.iter()
                .any(|c| c.section == recount::corpus::Section::Title)
        );
        assert!(
            odd.iter()
                .any(|c| c.doc == "dateline" && c.frame == recount::claim::Frame::Other)
        );
        assert!(seen > 60);
    }

    #[test]
    fn slices_are_told_by_their_place() {
        let whole = String::from("some 350 people");
        let copy = whole.clone();
        assert!(within(&whole, &whole));
        assert!(within(&whole[5..8], &whole));
        assert!(within(&whole[15..], &whole));
        assert!(!within(&copy[5..8], &whole));
        assert!(!within(&whole, &whole[1..]));
    }

    #[test]
    fn digits_are_the_integer_formatters() {
        for v in (0..1100).chain([9999, 10_000, u64::MAX]) {
            let mut buf = vec![b'x'];
            push_digits(v, &mut buf);
            assert_eq!(buf[1..], *itoa::Buffer::new().format(v).as_bytes(), "{v}");
        }
    }

    #[test]
    fn numbers_are_what_serde_writes() {
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            -2.25,
            1e15,
            1e15 - 1.0,
            -(1e15 - 1.0),
            999_999_999_999_999.5,
            4_503_599_627_370_496.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
            f64::MAX,
            2.5e-8,
        ];
        for e in 0..22 {
            let p = 10f64.powi(e);
            values.extend([p, p - 1.0, p + 1.0, -p, p * 0.7, p * 1.5]);
        }
        for v in values {
            let mut buf = Vec::new();
            json_f64(v, &mut buf);
            assert_eq!(
                String::from_utf8(buf).unwrap(),
                serde_json::to_string(&v).unwrap(),
                "{v}"
            );
        }
    }

    /// Escaped strings are serde_json's: every byte that can need an escape, at every
    /// place in and around a block, and arbitrary strings.
    #[test]
    fn escaped_strings_are_what_serde_writes() {
        let check = |s: &str| {
            let mut buf = Vec::new();
            json_escaped(s, &mut buf);
            assert_eq!(
                String::from_utf8(buf).unwrap(),
                serde_json::to_string(s).unwrap(),
                "{s:?}"
            );
        };
        let mut special: Vec<char> = (0u8..0x20).map(char::from).collect();
        special.extend(['"', '\\', '/', '\u{7f}', '\u{e9}', '\u{2028}', '\u{1F600}']);
        for &c in &special {
            for len in [0, 1, 15, 16, 17, 31, 32, 40] {
                for at in 0..=len {
                    let mut s: String = "a".repeat(len);
                    s.insert(at, c);
                    check(&s);
                    s.insert(0, c);
                    s.push(c);
                    check(&s);
                }
            }
        }
        check(&special.iter().collect::<String>());
        proptest::proptest!(|(s in ".{0,80}", t in "[ -~\\x00-\\x1f\u{e9}]{0,80}")| {
            check(&s);
            check(&t);
            check(&format!("{s}{t}{s}"));
        });
    }

    #[test]
    fn escapes_are_found_in_any_block() {
        assert!(!needs_escape(b""));
        assert!(!needs_escape(
            "plain text, caf\u{e9} \u{2014} 5%".as_bytes()
        ));
        // Bytes that differ from a quote or a backslash only in the high bit, and every
        // other byte from the space up, need none.
        let clean: Vec<u8> = (0x20..=0xffu8)
            .filter(|b| !matches!(b, b'"' | b'\\'))
            .collect();
        for from in 0..8 {
            assert!(!needs_escape(&clean[from..]), "{from}");
        }
        for at in [0, 1, 6, 7, 8, 15, 16, 31, 39, 40] {
            for bad in [b'"', b'\\', b'\n', 0u8, 0x1f, 0x01] {
                let mut v = vec![b'a'; 41];
                v[at] = bad;
                assert!(needs_escape(&v), "{at} {bad}");
            }
        }
    }
}
