//! `BankEntry`: a booking on the wallet account as the financial partner reports it, read into
//! one typed list that the Worker matches against projects (the deposits of own contributions).
//!
//! RULES.md §6: the own contribution is deposited with the project's structured communication;
//! a deposit with the wrong amount or communication is refused and sent back. So every booking
//! is kept — debits and other currencies too, to be recorded and refunded — and only a credit in
//! euro is a deposit candidate ([`BankEntry::is_deposit_candidate`]).
//!
//! Two forms reach the operator endpoint:
//! - JSON `{ "entries": [...] }` ([`entries_from_json`]): strict, at most [`MAX_ENTRIES`], every
//!   wrong field named (`entries[3].amount`) in one answer.
//! - A CAMT.053 statement, ISO 20022 `camt.053.001.02` and later ([`entries_from_camt053`]).
//!   Refused as a whole ([`CamtError`]) when over [`MAX_DOCUMENT_BYTES`], not UTF-8 (ISO 20022
//!   messages are UTF-8), with a `<!DOCTYPE` (no entity tricks, even though quick-xml expands
//!   none), not well-formed, or not a camt.053 `Document`. A booking whose amount, currency,
//!   credit/debit indicator or booking date cannot be read is named (`Stmt[0].Ntry[2].Amt`) and
//!   refuses the document too: importing the rest would hide a deposit. Descriptive text (names,
//!   free communication) is cleaned and cut to length instead: the bank wrote it, not the
//!   operator.
//!
//! How a CAMT booking becomes entries (choices, as no Belgian bank guide settles them):
//! - Only booked entries count: `Sts` `BOOK` (or absent); pending or informational ones are
//!   skipped, they come back booked on a later statement.
//! - Reference: `NtryRef`, else `AcctSvcrRef`, else the first `TxDtls/Refs/AcctSvcrRef`, else
//!   `{Stmt/Id}#{n}` (n counts the statement's entries from 1). Some banks number `NtryRef` per
//!   statement; a reference met twice in one document refuses it rather than let the Worker's
//!   deduplication drop a deposit.
//! - Several `TxDtls` (a batch) become one entry each, referenced `{reference}/{k}`, when every
//!   one carries its own amount (`TxDtls/Amt`, else `AmtDtls/TxAmt/Amt`) in the entry's
//!   currency and they add up to the entry's amount. Otherwise the booking stays one entry
//!   without counterparty, and with a communication only from `AddtlNtryInf`: money that cannot
//!   be told apart must not match a project.
//! - Communication: the first of `Strd/CdtrRefInf/Ref`, `Ustrd` (lines joined) and — unless
//!   the booking is split — `AddtlNtryInf` that holds a valid structured communication; else the
//!   first of them as free text ([`EntryCommunication::from_text`]). So an OGM in the structured
//!   field wins over one typed in the free field.
//! - `BookgDt/DtTm` counts by its written date (the bank's local day), not converted.
//! - Counterparty: the debtor (`Dbtr/Nm`, from .08 `Dbtr/Pty/Nm`; `DbtrAcct/Id/IBAN`) of a
//!   credit, the creditor of a debit (a refund goes to the creditor).
//!
//! Server only: the module is behind the cargo feature `bank-statements` (it brings quick-xml),
//! so the browser's wasm does not carry it.

use std::collections::HashSet;

use chrono::NaiveDate;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::FieldError;
use crate::form::{parse_iso_date, Fields};
use crate::ids::{without_whitespace, BeIban, StructuredCommunication};
use crate::money::{Money, MoneyError};

/// Most entries one JSON call may carry; the Worker writes them in one D1 batch.
pub const MAX_ENTRIES: usize = 1000;
/// Largest CAMT.053 document accepted: 5 MiB, a day of a busy account many times over.
pub const MAX_DOCUMENT_BYTES: usize = 5 * 1024 * 1024;
/// Longest entry reference.
pub const MAX_ENTRY_REF_CHARS: usize = 100;
/// Longest counterparty name: ISO 20022 `Nm` is Max140Text.
pub const MAX_NAME_CHARS: usize = 140;
/// Longest free communication: ISO 20022 `AddtlNtryInf`, the longest text of an entry, is
/// Max500Text (a SEPA `Ustrd` holds 140).
pub const MAX_COMMUNICATION_CHARS: usize = 500;
/// ISO 13616: an IBAN has at most 34 characters.
const MAX_IBAN_CHARS: usize = 34;
/// camt.053.001.01 had another root element; .02 onwards share the paths read here.
const CAMT053_NAMESPACE: &str = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.";
const CAMT053_FIRST_VERSION: u8 = 2;

/// One booking on the wallet account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankEntry {
    /// The bank's reference, unique per booking (at most [`MAX_ENTRY_REF_CHARS`]).
    pub entry_ref: String,
    pub booked_on: NaiveDate,
    /// Always positive; `credit` says which way the money went.
    pub amount: Money,
    /// Money came in (CAMT `CRDT`); `false` for a debit (`DBIT`).
    pub credit: bool,
    /// ISO 4217 code, e.g. `EUR`.
    pub currency: String,
    pub communication: EntryCommunication,
    pub counterparty_name: Option<String>,
    /// As the bank gave it, without spaces and in capitals; a valid Belgian IBAN in its
    /// electronic form. Foreign accounts are kept: a refund goes back to them.
    pub counterparty_iban: Option<String>,
}

impl BankEntry {
    /// Only a credit in euro can be the deposit of an own contribution (RULES.md §6).
    pub fn is_deposit_candidate(&self) -> bool {
        self.credit && self.currency == "EUR"
    }
}

/// The communication (mededeling) of a booking.
///
/// JSON: `{ "type": "structured", "value": "+++180/1851/05305+++" }`, `{ "type": "free",
/// "value": "..." }`, `{ "type": "none" }`. A stored free text is read back through
/// [`EntryCommunication::from_text`], so a `Free` never holds a valid structured communication.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(
    tag = "type",
    content = "value",
    rename_all = "snake_case",
    from = "CommunicationRecord"
)]
pub enum EntryCommunication {
    /// A valid Belgian structured communication (OGM/VCS), wherever the payer put it.
    Structured(StructuredCommunication),
    /// Any other text, also an OGM whose check digits are wrong.
    Free(String),
    /// No communication at all.
    None,
}

#[derive(Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
enum CommunicationRecord {
    Structured(StructuredCommunication),
    Free(String),
    None,
}

impl From<CommunicationRecord> for EntryCommunication {
    fn from(record: CommunicationRecord) -> EntryCommunication {
        match record {
            CommunicationRecord::Structured(c) => EntryCommunication::Structured(c),
            CommunicationRecord::Free(text) => EntryCommunication::from_text(&text),
            CommunicationRecord::None => EntryCommunication::None,
        }
    }
}

impl EntryCommunication {
    /// Reads a communication as a bank passes it on. Empty is `None`. A structured
    /// communication is `Structured` when it is the whole text (`+++180/1851/05305+++`,
    /// `180185105305`, ...) or stands in a free text, between `+++`/`***` or as a word
    /// `ddd/dddd/ddddd` or of twelve digits — banks often put the OGM in the free field. Two
    /// different valid ones are ambiguous and stay free text. Anything else is `Free`, with runs
    /// of whitespace made one space.
    pub fn from_text(text: &str) -> EntryCommunication {
        let text = clean_text(text);
        if text.is_empty() {
            return EntryCommunication::None;
        }
        match StructuredCommunication::parse(&text)
            .ok()
            .or_else(|| structured_inside(&text))
        {
            Some(c) => EntryCommunication::Structured(c),
            None => EntryCommunication::Free(text),
        }
    }

    /// The structured communication, if it is one.
    pub fn structured(&self) -> Option<StructuredCommunication> {
        match self {
            EntryCommunication::Structured(c) => Some(*c),
            _ => None,
        }
    }
}

/// The one valid structured communication a free text holds, if exactly one.
fn structured_inside(text: &str) -> Option<StructuredCommunication> {
    let between_markers = ["+++", "***"]
        .into_iter()
        .flat_map(|m| text.split(m).skip(1).step_by(2));
    let words = text
        .split(|c: char| !(c.is_ascii_digit() || c == '/'))
        .filter(|w| is_ogm_shaped(w));
    let mut found = None;
    for candidate in between_markers.chain(words) {
        if let Ok(c) = StructuredCommunication::parse(candidate) {
            match found {
                None => found = Some(c),
                Some(f) if f == c => {}
                Some(_) => return None,
            }
        }
    }
    found
}

/// `ddd/dddd/ddddd` or twelve digits.
fn is_ogm_shaped(word: &str) -> bool {
    let lengths: Vec<usize> = word.split('/').map(str::len).collect();
    matches!(lengths.as_slice(), [12] | [3, 4, 5])
}

/// Words joined by one space; control characters dropped.
fn clean_text(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn cut(text: String, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((end, _)) => text[..end].to_string(),
        None => text,
    }
}

/// Why one value of a booking cannot be accepted: a field error without its field.
struct Problem {
    code: &'static str,
    message: String,
}

impl Problem {
    fn new(code: &'static str, message: impl Into<String>) -> Problem {
        Problem {
            code,
            message: message.into(),
        }
    }

    fn required() -> Problem {
        Problem::new("required", "dit veld is verplicht.")
    }
}

impl From<MoneyError> for Problem {
    fn from(e: MoneyError) -> Problem {
        Problem::new(e.code(), e.message())
    }
}

fn checked_entry_ref(raw: &str) -> Result<String, Problem> {
    let reference = raw.trim();
    if reference.is_empty() {
        Err(Problem::required())
    } else if reference.chars().count() > MAX_ENTRY_REF_CHARS {
        Err(Problem::new(
            "entry_ref_too_long",
            format!("hoogstens {MAX_ENTRY_REF_CHARS} tekens."),
        ))
    } else if reference.chars().any(char::is_control) {
        Err(Problem::new(
            "invalid_character",
            "geen regeleindes of stuurtekens.",
        ))
    } else {
        Ok(reference.to_string())
    }
}

/// An ISO 4217 code: three letters (`eur` is read as `EUR`).
fn checked_currency(raw: &str) -> Result<String, Problem> {
    let code = raw.trim().to_ascii_uppercase();
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(Problem::new(
            "currency_format",
            "een muntcode van drie letters, bijvoorbeeld EUR.",
        ))
    }
}

/// Spaces removed, capitals; a valid Belgian IBAN in its electronic form. `None` when empty.
fn checked_iban(raw: &str) -> Result<Option<String>, Problem> {
    let compact = without_whitespace(raw).to_ascii_uppercase();
    if compact.is_empty() {
        return Ok(None);
    }
    if compact.len() > MAX_IBAN_CHARS || !compact.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Problem::new(
            "counterparty_iban_format",
            format!("een IBAN van hoogstens {MAX_IBAN_CHARS} letters en cijfers."),
        ));
    }
    Ok(Some(
        BeIban::parse(&compact).map_or(compact, BeIban::electronic),
    ))
}

/// Refs seen before: the positions of the entries that repeat one.
fn repeated_refs<'e>(refs: impl Iterator<Item = &'e str>) -> Vec<usize> {
    let mut seen = HashSet::new();
    refs.enumerate()
        .filter(|(_, r)| !seen.insert(*r))
        .map(|(i, _)| i)
        .collect()
}

fn duplicate_ref() -> Problem {
    Problem::new(
        "duplicate_entry_ref",
        "deze boekingsreferentie komt al eerder voor; elke boeking heeft een eigen referentie.",
    )
}

// ── JSON ──────────────────────────────────────────────────────────────────────────────

const BODY_FIELDS: &[(&str, &str)] = &[("entries", "Boekingen")];

const ENTRY_FIELDS: &[(&str, &str)] = &[
    ("entry_ref", "Boekingsreferentie"),
    ("booked_on", "Boekingsdatum"),
    ("amount", "Bedrag"),
    ("currency", "Munt"),
    ("credit", "Credit"),
    ("communication", "Mededeling"),
    ("counterparty_name", "Naam tegenpartij"),
    ("counterparty_iban", "Rekening tegenpartij"),
];

/// Reads the operator endpoint's body `{ "entries": [ ... ] }`; all errors at once, each named
/// `entries[i].field`.
pub fn entries_from_json(body: &Value) -> Result<Vec<BankEntry>, Vec<FieldError>> {
    let mut f = Fields::new(body, BODY_FIELDS)?;
    let list = entry_list(&mut f, body.get("entries"));
    f.finish()?;
    // A missing or wrong list recorded an error, so finish() returned above.
    let list = list.map(Vec::as_slice).unwrap_or_default();
    let mut entries: Vec<(usize, BankEntry)> = Vec::with_capacity(list.len());
    let mut errors = Vec::new();
    for (i, value) in list.iter().enumerate() {
        match entry_from_json(value) {
            Ok(entry) => entries.push((i, entry)),
            Err(errs) => errors.extend(errs.into_iter().map(|e| in_entry(i, e))),
        }
    }
    for k in repeated_refs(entries.iter().map(|(_, e)| e.entry_ref.as_str())) {
        let p = duplicate_ref();
        let message = format!("Boekingsreferentie: {}", p.message);
        let field = format!("entries[{}].entry_ref", entries[k].0);
        errors.push(FieldError::new(&field, p.code, message));
    }
    if errors.is_empty() {
        Ok(entries.into_iter().map(|(_, e)| e).collect())
    } else {
        Err(errors)
    }
}

fn entry_list<'v>(f: &mut Fields, value: Option<&'v Value>) -> Option<&'v Vec<Value>> {
    match value {
        Some(Value::Array(list)) if list.len() > MAX_ENTRIES => {
            f.error(
                "entries",
                "too_many_entries",
                format!("hoogstens {MAX_ENTRIES} boekingen per aanvraag; stuur de rest apart."),
            );
            None
        }
        Some(Value::Array(list)) => Some(list),
        None | Some(Value::Null) => {
            f.error("entries", "required", "dit veld is verplicht.");
            None
        }
        Some(_) => {
            f.error(
                "entries",
                "expected_list",
                "verwacht een lijst van boekingen.",
            );
            None
        }
    }
}

fn in_entry(i: usize, e: FieldError) -> FieldError {
    let field = if e.field.is_empty() {
        format!("entries[{i}]")
    } else {
        format!("entries[{i}].{}", e.field)
    };
    FieldError { field, ..e }
}

fn entry_from_json(value: &Value) -> Result<BankEntry, Vec<FieldError>> {
    if !value.is_object() {
        return Err(vec![FieldError::new(
            "",
            "entry_not_an_object",
            "Elke boeking is een JSON-object.",
        )]);
    }
    let mut f = Fields::new(value, ENTRY_FIELDS)?;
    let entry_ref = f
        .required_str("entry_ref")
        .and_then(|s| checked(&mut f, "entry_ref", checked_entry_ref(s)));
    let booked_on = required_date(&mut f, "booked_on");
    let amount = f.required_money("amount");
    let currency = f
        .required_str("currency")
        .and_then(|s| checked(&mut f, "currency", checked_currency(s)));
    let credit = f.required_bool("credit");
    let communication = f
        .optional_str("communication")
        .map(|s| json_communication(&mut f, s));
    let counterparty_name = f
        .optional_str("counterparty_name")
        .and_then(|s| json_name(&mut f, s));
    let counterparty_iban = f
        .optional_str("counterparty_iban")
        .and_then(|s| checked(&mut f, "counterparty_iban", checked_iban(s)).flatten());
    f.finish()?;
    match (entry_ref, booked_on, amount, currency, credit) {
        (Some(entry_ref), Some(booked_on), Some(amount), Some(currency), Some(credit)) => {
            Ok(BankEntry {
                entry_ref,
                booked_on,
                amount,
                credit,
                currency,
                communication: communication.unwrap_or(EntryCommunication::None),
                counterparty_name,
                counterparty_iban,
            })
        }
        // Every None above recorded an error, so finish() already returned them.
        _ => Err(vec![FieldError::new(
            "",
            "invalid_entry",
            "Ongeldige boeking.",
        )]),
    }
}

fn checked<T>(f: &mut Fields, field: &str, result: Result<T, Problem>) -> Option<T> {
    result.map_err(|p| f.error(field, p.code, p.message)).ok()
}

fn required_date(f: &mut Fields, field: &str) -> Option<NaiveDate> {
    if f.optional_str(field).is_none() {
        f.error(field, "required", "dit veld is verplicht.");
        return None;
    }
    f.optional_date(field)
}

fn json_communication(f: &mut Fields, raw: &str) -> EntryCommunication {
    if clean_text(raw).chars().count() > MAX_COMMUNICATION_CHARS {
        f.error(
            "communication",
            "too_long",
            format!("hoogstens {MAX_COMMUNICATION_CHARS} tekens."),
        );
    }
    EntryCommunication::from_text(raw)
}

fn json_name(f: &mut Fields, raw: &str) -> Option<String> {
    let name = clean_text(raw);
    if name.chars().count() > MAX_NAME_CHARS {
        f.error(
            "counterparty_name",
            "too_long",
            format!("hoogstens {MAX_NAME_CHARS} tekens."),
        );
    }
    (!name.is_empty()).then_some(name)
}

// ── CAMT.053 ──────────────────────────────────────────────────────────────────────────

/// Why a CAMT.053 document is refused as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CamtError {
    /// Larger than [`MAX_DOCUMENT_BYTES`].
    TooLarge,
    /// Not UTF-8, the encoding of ISO 20022 messages.
    NotUtf8,
    /// Has a document type declaration: refused, so no entity can be declared at all.
    DocType,
    /// Not well-formed XML; `position` is the byte offset where reading stopped.
    Malformed { position: u64 },
    /// Well-formed, but not a `Document` of `camt.053.001.02` or later with a `BkToCstmrStmt`.
    NotCamt053,
}

impl CamtError {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            CamtError::TooLarge => "statement_too_large",
            CamtError::NotUtf8 => "statement_not_utf8",
            CamtError::DocType => "statement_doctype",
            CamtError::Malformed { .. } => "statement_malformed",
            CamtError::NotCamt053 => "statement_not_camt053",
        }
    }

    /// Dutch message for people.
    pub fn message(self) -> String {
        match self {
            CamtError::TooLarge => format!(
                "Het rekeninguittreksel is groter dan {} MB; lever het in kleinere delen aan.",
                MAX_DOCUMENT_BYTES / (1024 * 1024)
            ),
            CamtError::NotUtf8 => {
                "Het rekeninguittreksel moet in UTF-8 gecodeerd zijn.".to_string()
            }
            CamtError::DocType => "Het rekeninguittreksel bevat een documenttypedeclaratie \
                 (<!DOCTYPE>); die wordt om veiligheidsredenen geweigerd."
                .to_string(),
            CamtError::Malformed { position } => {
                format!("Het rekeninguittreksel is geen geldige XML (fout rond byte {position}).")
            }
            CamtError::NotCamt053 => "Dit is geen CAMT.053-rekeninguittreksel: verwacht een \
                 Document met namespace urn:iso:std:iso:20022:tech:xsd:camt.053.001.02 of later \
                 en een BkToCstmrStmt."
                .to_string(),
        }
    }
}

/// The document as a whole: the field is empty.
impl From<CamtError> for FieldError {
    fn from(e: CamtError) -> FieldError {
        FieldError::new("", e.code(), e.message())
    }
}

/// Reads the booked entries of a CAMT.053 statement document (all its `Stmt`s), in document
/// order. Errors: one [`CamtError`] for the document, or one per unreadable booking.
pub fn entries_from_camt053(document: &[u8]) -> Result<Vec<BankEntry>, Vec<FieldError>> {
    let statements = document_text(document)
        .and_then(read_statements)
        .map_err(|e| vec![FieldError::from(e)])?;
    interpret(&statements)
}

fn document_text(document: &[u8]) -> Result<&str, CamtError> {
    if document.len() > MAX_DOCUMENT_BYTES {
        return Err(CamtError::TooLarge);
    }
    let text = std::str::from_utf8(document).map_err(|_| CamtError::NotUtf8)?;
    // Looser than XML (any case, also inside comments): no bank statement has one.
    if text
        .as_bytes()
        .windows(b"<!DOCTYPE".len())
        .any(|w| w.eq_ignore_ascii_case(b"<!DOCTYPE"))
    {
        return Err(CamtError::DocType);
    }
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// What the document says about one statement, as text, before any rule is applied.
#[derive(Default)]
struct RawStatement {
    id: Option<String>,
    entries: Vec<RawEntry>,
}

#[derive(Default)]
struct RawEntry {
    ntry_ref: Option<String>,
    amount: Option<RawAmount>,
    credit_debit: Option<String>,
    status: Option<String>,
    booked: Option<String>,
    acct_svcr_ref: Option<String>,
    additional_info: Option<String>,
    transactions: Vec<RawTransaction>,
}

#[derive(Default)]
struct RawTransaction {
    acct_svcr_ref: Option<String>,
    amount: Option<RawAmount>,
    tx_amount: Option<RawAmount>,
    credit_debit: Option<String>,
    debtor: RawParty,
    creditor: RawParty,
    structured_refs: Vec<String>,
    unstructured: Vec<String>,
}

#[derive(Default)]
struct RawParty {
    name: Option<String>,
    iban: Option<String>,
}

struct RawAmount {
    value: String,
    currency: Option<String>,
}

/// Keeps the first non-empty value of an element that should occur once.
fn keep_first(slot: &mut Option<String>, text: &str) {
    if slot.is_none() && !text.trim().is_empty() {
        *slot = Some(text.trim().to_string());
    }
}

/// Streams the document, keeping the text of the elements read below. Elements of another
/// namespace are passed over with everything inside them.
#[derive(Default)]
struct Collector {
    namespace: Vec<u8>,
    /// Local names from the root; an empty name stands for an element of another namespace.
    path: Vec<String>,
    text: String,
    /// The `Ccy` attribute of the element opened last (amounts are leaves).
    currency: Option<String>,
    seen_root: bool,
    seen_statement_root: bool,
    statements: Vec<RawStatement>,
}

fn read_statements(xml: &str) -> Result<Vec<RawStatement>, CamtError> {
    let mut reader = NsReader::from_str(xml);
    reader.config_mut().expand_empty_elements = true;
    let mut collector = Collector::default();
    loop {
        let malformed = |reader: &NsReader<&[u8]>| CamtError::Malformed {
            position: reader.error_position().max(reader.buffer_position()),
        };
        let (namespace, event) = match reader.read_resolved_event() {
            Ok(read) => read,
            Err(_) => return Err(malformed(&reader)),
        };
        let ok = match event {
            Event::Start(e) => collector.open(&namespace, &e)?,
            Event::End(_) => collector.close(),
            Event::Text(t) => t
                .xml10_content()
                .map(|text| collector.add_text(&text))
                .unwrap_or(false),
            Event::CData(t) => t
                .xml10_content()
                .map(|text| collector.add_text(&text))
                .unwrap_or(false),
            Event::GeneralRef(r) => reference(&r).is_some_and(|text| collector.add_text(&text)),
            Event::DocType(_) => return Err(CamtError::DocType),
            Event::Eof => break,
            Event::Empty(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) => true,
        };
        if !ok {
            return Err(malformed(&reader));
        }
    }
    if !collector.seen_root || !collector.path.is_empty() {
        return Err(CamtError::Malformed {
            position: reader.buffer_position(),
        });
    }
    if !collector.seen_statement_root {
        return Err(CamtError::NotCamt053);
    }
    Ok(collector.statements)
}

/// `&amp;`, `&#233;` and the other predefined or character references; no others exist
/// without a DTD.
fn reference(r: &BytesRef) -> Option<String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c.to_string());
    }
    let name = r.decode().ok()?;
    resolve_xml_entity(&name).map(str::to_string)
}

fn is_camt053(namespace: &[u8]) -> bool {
    std::str::from_utf8(namespace)
        .ok()
        .and_then(|ns| ns.strip_prefix(CAMT053_NAMESPACE))
        .filter(|v| v.len() == 2)
        .and_then(|v| v.parse::<u8>().ok())
        .is_some_and(|v| v >= CAMT053_FIRST_VERSION)
}

impl Collector {
    /// `Ok(false)` when the markup is not well-formed.
    fn open(&mut self, namespace: &ResolveResult, e: &BytesStart) -> Result<bool, CamtError> {
        let name = e.local_name();
        let Ok(local) = std::str::from_utf8(name.as_ref()) else {
            return Ok(false);
        };
        let bound = match namespace {
            ResolveResult::Bound(ns) => ns.as_ref(),
            _ => &[],
        };
        if self.path.is_empty() {
            if self.seen_root {
                return Ok(false);
            }
            self.seen_root = true;
            if local != "Document" || !is_camt053(bound) {
                return Err(CamtError::NotCamt053);
            }
            self.namespace = bound.to_vec();
        }
        let ours = bound == self.namespace.as_slice() && !self.path.iter().any(String::is_empty);
        self.path.push(if ours {
            local.to_string()
        } else {
            String::new()
        });
        self.text.clear();
        self.currency = match e.try_get_attribute("Ccy") {
            Ok(Some(a)) => match a.normalized_value(XmlVersion::Implicit1_0) {
                Ok(v) => Some(v.into_owned()),
                Err(_) => return Ok(false),
            },
            Ok(None) => None,
            Err(_) => return Ok(false),
        };
        let names: Vec<&str> = self.path.iter().map(String::as_str).collect();
        match names.as_slice() {
            ["Document", "BkToCstmrStmt"] => self.seen_statement_root = true,
            ["Document", "BkToCstmrStmt", "Stmt"] => {
                self.statements.push(RawStatement::default());
            }
            ["Document", "BkToCstmrStmt", "Stmt", "Ntry"] => {
                if let Some(s) = self.statements.last_mut() {
                    s.entries.push(RawEntry::default());
                }
            }
            ["Document", "BkToCstmrStmt", "Stmt", "Ntry", "NtryDtls", "TxDtls"] => {
                let entry = self
                    .statements
                    .last_mut()
                    .and_then(|s| s.entries.last_mut());
                if let Some(entry) = entry {
                    entry.transactions.push(RawTransaction::default());
                }
            }
            _ => {}
        }
        Ok(true)
    }

    fn close(&mut self) -> bool {
        let text = std::mem::take(&mut self.text);
        let currency = self.currency.take();
        let path = std::mem::take(&mut self.path);
        let names: Vec<&str> = path.iter().map(String::as_str).collect();
        match names.as_slice() {
            ["Document", "BkToCstmrStmt", "Stmt", "Id"] => {
                if let Some(s) = self.statements.last_mut() {
                    keep_first(&mut s.id, &text);
                }
            }
            ["Document", "BkToCstmrStmt", "Stmt", "Ntry", rest @ ..] => {
                if let Some(entry) = self.entry() {
                    entry.read(rest, &text, currency);
                }
            }
            _ => {}
        }
        self.path = path;
        self.path.pop().is_some()
    }

    /// Text is only kept inside the root element; outside it only whitespace is allowed.
    fn add_text(&mut self, text: &str) -> bool {
        if self.path.is_empty() {
            return text.trim().is_empty();
        }
        self.text.push_str(text);
        true
    }

    fn entry(&mut self) -> Option<&mut RawEntry> {
        self.statements.last_mut()?.entries.last_mut()
    }
}

impl RawEntry {
    /// `path` is below `Ntry`.
    fn read(&mut self, path: &[&str], text: &str, currency: Option<String>) {
        match path {
            ["NtryRef"] => keep_first(&mut self.ntry_ref, text),
            ["Amt"] => keep_amount(&mut self.amount, text, currency),
            ["CdtDbtInd"] => keep_first(&mut self.credit_debit, text),
            // .02: <Sts>BOOK</Sts>; .08: <Sts><Cd>BOOK</Cd></Sts>.
            ["Sts"] | ["Sts", "Cd"] | ["Sts", "Prtry"] => keep_first(&mut self.status, text),
            ["BookgDt", "Dt"] | ["BookgDt", "DtTm"] => keep_first(&mut self.booked, text),
            ["AcctSvcrRef"] => keep_first(&mut self.acct_svcr_ref, text),
            ["AddtlNtryInf"] => keep_first(&mut self.additional_info, text),
            ["NtryDtls", "TxDtls", rest @ ..] => {
                if let Some(tx) = self.transactions.last_mut() {
                    tx.read(rest, text, currency);
                }
            }
            _ => {}
        }
    }
}

impl RawTransaction {
    /// `path` is below `TxDtls`.
    fn read(&mut self, path: &[&str], text: &str, currency: Option<String>) {
        match path {
            ["Refs", "AcctSvcrRef"] => keep_first(&mut self.acct_svcr_ref, text),
            ["Amt"] => keep_amount(&mut self.amount, text, currency),
            ["AmtDtls", "TxAmt", "Amt"] => keep_amount(&mut self.tx_amount, text, currency),
            ["CdtDbtInd"] => keep_first(&mut self.credit_debit, text),
            ["RltdPties", party @ ("Dbtr" | "Cdtr"), "Nm"]
            | ["RltdPties", party @ ("Dbtr" | "Cdtr"), "Pty", "Nm"] => {
                keep_first(&mut self.party(party).name, text);
            }
            ["RltdPties", "DbtrAcct", "Id", "IBAN"] => keep_first(&mut self.debtor.iban, text),
            ["RltdPties", "CdtrAcct", "Id", "IBAN"] => keep_first(&mut self.creditor.iban, text),
            ["RmtInf", "Ustrd"] => self.unstructured.push(text.to_string()),
            ["RmtInf", "Strd", "CdtrRefInf", "Ref"] => self.structured_refs.push(text.to_string()),
            _ => {}
        }
    }

    /// Who paid a credit, or who received a debit.
    fn counterparty(&self, credit: bool) -> &RawParty {
        if credit {
            &self.debtor
        } else {
            &self.creditor
        }
    }

    fn party(&mut self, name: &str) -> &mut RawParty {
        if name == "Dbtr" {
            &mut self.debtor
        } else {
            &mut self.creditor
        }
    }
}

fn keep_amount(slot: &mut Option<RawAmount>, text: &str, currency: Option<String>) {
    if slot.is_none() {
        *slot = Some(RawAmount {
            value: text.trim().to_string(),
            currency,
        });
    }
}

/// Where a booking stands in the document, for error fields (`Stmt[0].Ntry[2].Amt`, from 0 as
/// in JSON) and messages (from 1, as people count).
#[derive(Clone, Copy)]
struct EntryAt {
    statement: usize,
    entry: usize,
}

impl EntryAt {
    fn error(self, element: &str, p: Problem) -> FieldError {
        let mut field = format!("Stmt[{}].Ntry[{}]", self.statement, self.entry);
        let mut message = format!(
            "Uittreksel {}, boeking {}",
            self.statement + 1,
            self.entry + 1
        );
        if !element.is_empty() {
            field = format!("{field}.{element}");
            message = format!("{message}, {element}");
        }
        FieldError::new(&field, p.code, format!("{message}: {}", p.message))
    }
}

/// The rules above applied to every booked entry; all problems at once.
fn interpret(statements: &[RawStatement]) -> Result<Vec<BankEntry>, Vec<FieldError>> {
    let mut entries: Vec<(EntryAt, BankEntry)> = Vec::new();
    let mut errors = Vec::new();
    for (s, statement) in statements.iter().enumerate() {
        for (n, raw) in statement.entries.iter().enumerate() {
            let at = EntryAt {
                statement: s,
                entry: n,
            };
            match booked_entries(raw, statement.id.as_deref(), at) {
                Ok(list) => entries.extend(list.into_iter().map(|e| (at, e))),
                Err(e) => errors.extend(e),
            }
        }
    }
    for (at, entry) in &entries {
        if let Err(p) = checked_entry_ref(&entry.entry_ref) {
            errors.push(at.error("NtryRef", p));
        }
    }
    for i in repeated_refs(entries.iter().map(|(_, e)| e.entry_ref.as_str())) {
        errors.push(entries[i].0.error("NtryRef", duplicate_ref()));
    }
    if errors.is_empty() {
        Ok(entries.into_iter().map(|(_, e)| e).collect())
    } else {
        Err(errors)
    }
}

/// The facts of a booking every entry made from it shares.
struct Booking {
    entry_ref: String,
    booked_on: NaiveDate,
    amount: Money,
    credit: bool,
    currency: String,
}

impl Booking {
    fn entry(&self, communication: EntryCommunication, party: Option<&RawParty>) -> BankEntry {
        BankEntry {
            entry_ref: self.entry_ref.clone(),
            booked_on: self.booked_on,
            amount: self.amount,
            credit: self.credit,
            currency: self.currency.clone(),
            communication,
            counterparty_name: party
                .and_then(|p| p.name.as_deref())
                .map(|n| cut(clean_text(n), MAX_NAME_CHARS))
                .filter(|n| !n.is_empty()),
            counterparty_iban: party
                .and_then(|p| p.iban.as_deref())
                .and_then(|i| checked_iban(i).ok().flatten()),
        }
    }
}

fn booked_entries(
    raw: &RawEntry,
    statement_id: Option<&str>,
    at: EntryAt,
) -> Result<Vec<BankEntry>, Vec<FieldError>> {
    if raw.status.as_deref().is_some_and(|s| s != "BOOK") {
        return Ok(Vec::new());
    }
    let mut errors = Vec::new();
    let mut check = Check {
        at,
        errors: &mut errors,
    };
    let entry_ref = check.ok("NtryRef", entry_reference(raw, statement_id, at));
    let amount = check.ok("Amt", required(&raw.amount).and_then(amount_of));
    let currency = (raw.amount.as_ref()).and_then(|a| check.ok("Amt@Ccy", currency_of(a)));
    let credit = check.ok(
        "CdtDbtInd",
        required(&raw.credit_debit).and_then(|s| credit_debit(s)),
    );
    let booked_on = check.ok(
        "BookgDt",
        required(&raw.booked).and_then(|s| booking_date(s)),
    );
    let (Some(entry_ref), Some(amount), Some(currency), Some(credit), Some(booked_on)) =
        (entry_ref, amount, currency, credit, booked_on)
    else {
        return Err(errors);
    };
    let booking = Booking {
        entry_ref,
        booked_on,
        amount,
        credit,
        currency,
    };
    Ok(entries_of(raw, &booking))
}

/// Records the problems of one booking.
struct Check<'e> {
    at: EntryAt,
    errors: &'e mut Vec<FieldError>,
}

impl Check<'_> {
    fn ok<T>(&mut self, element: &str, result: Result<T, Problem>) -> Option<T> {
        result
            .map_err(|p| self.errors.push(self.at.error(element, p)))
            .ok()
    }
}

fn required<T>(slot: &Option<T>) -> Result<&T, Problem> {
    slot.as_ref()
        .ok_or_else(|| Problem::new("required", "dit element ontbreekt."))
}

fn entry_reference(
    raw: &RawEntry,
    statement_id: Option<&str>,
    at: EntryAt,
) -> Result<String, Problem> {
    let given = raw
        .ntry_ref
        .as_ref()
        .or(raw.acct_svcr_ref.as_ref())
        .or_else(|| {
            raw.transactions
                .iter()
                .find_map(|t| t.acct_svcr_ref.as_ref())
        });
    match (given, statement_id) {
        (Some(reference), _) => Ok(reference.clone()),
        (None, Some(id)) => Ok(format!("{id}#{}", at.entry + 1)),
        (None, None) => Err(Problem::new(
            "entry_ref_missing",
            "geen NtryRef of AcctSvcrRef, en het uittreksel heeft geen Id om er een af te leiden.",
        )),
    }
}

/// xs:decimal allows a leading `+`.
fn amount_of(a: &RawAmount) -> Result<Money, Problem> {
    let value = a.value.strip_prefix('+').unwrap_or(&a.value);
    Money::parse(value).map_err(Problem::from)
}

fn currency_of(a: &RawAmount) -> Result<String, Problem> {
    a.currency
        .as_deref()
        .ok_or_else(|| Problem::new("required", "het attribuut Ccy ontbreekt."))
        .and_then(checked_currency)
}

fn credit_debit(indicator: &str) -> Result<bool, Problem> {
    match indicator {
        "CRDT" => Ok(true),
        "DBIT" => Ok(false),
        _ => Err(Problem::new(
            "credit_debit_indicator",
            "verwacht CRDT of DBIT.",
        )),
    }
}

/// `2026-11-22`, also with a zone (`2026-11-22+01:00`) or a time (`2026-11-22T09:41:07`).
fn booking_date(text: &str) -> Result<NaiveDate, Problem> {
    let rest_ok = matches!(
        text.as_bytes().get(10),
        None | Some(b'T' | b'+' | b'-' | b'Z')
    );
    text.get(..10)
        .filter(|_| rest_ok)
        .and_then(parse_iso_date)
        .ok_or_else(|| Problem::new("invalid_date", "verwacht een datum JJJJ-MM-DD."))
}

/// One entry per booking, or one per transaction of a batch that can be told apart.
fn entries_of(raw: &RawEntry, booking: &Booking) -> Vec<BankEntry> {
    let whole_text = raw.additional_info.as_deref();
    match raw.transactions.as_slice() {
        [] => vec![booking.entry(communication([whole_text]), None)],
        [tx] => {
            let party = tx.counterparty(booking.credit);
            vec![booking.entry(tx_communication(tx, whole_text), Some(party))]
        }
        txs => match batch_parts(txs, booking) {
            Some(parts) => parts
                .into_iter()
                .zip(txs)
                .enumerate()
                .map(|(k, ((amount, credit), tx))| {
                    let part = Booking {
                        entry_ref: format!("{}/{}", booking.entry_ref, k + 1),
                        amount,
                        credit,
                        currency: booking.currency.clone(),
                        ..*booking
                    };
                    part.entry(tx_communication(tx, None), Some(tx.counterparty(credit)))
                })
                .collect(),
            None => vec![booking.entry(communication([whole_text]), None)],
        },
    }
}

/// Each transaction's amount and direction, when every one has its own amount in the booking's
/// currency and together they make the booking's amount.
fn batch_parts(txs: &[RawTransaction], booking: &Booking) -> Option<Vec<(Money, bool)>> {
    let signed = |m: Money, credit: bool| if credit { m.amount() } else { -m.amount() };
    let mut parts = Vec::with_capacity(txs.len());
    let mut total = Decimal::ZERO;
    for tx in txs {
        let raw = tx.amount.as_ref().or(tx.tx_amount.as_ref())?;
        if currency_of(raw).ok()? != booking.currency {
            return None;
        }
        let amount = amount_of(raw).ok()?;
        let credit = match tx.credit_debit.as_deref() {
            Some(indicator) => credit_debit(indicator).ok()?,
            None => booking.credit,
        };
        total += signed(amount, credit);
        parts.push((amount, credit));
    }
    (total == signed(booking.amount, booking.credit)).then_some(parts)
}

fn tx_communication(tx: &RawTransaction, whole_text: Option<&str>) -> EntryCommunication {
    let unstructured = tx.unstructured.join(" ");
    let texts = tx
        .structured_refs
        .iter()
        .map(|r| Some(r.as_str()))
        .chain([Some(unstructured.as_str()), whole_text]);
    communication(texts)
}

/// The first text holding a structured communication; else the first text, as free text.
fn communication<'t>(texts: impl IntoIterator<Item = Option<&'t str>>) -> EntryCommunication {
    let mut free = None;
    for text in texts.into_iter().flatten() {
        match EntryCommunication::from_text(text) {
            EntryCommunication::Free(text) => {
                free.get_or_insert(text);
            }
            EntryCommunication::None => {}
            structured => return structured,
        }
    }
    free.map_or(EntryCommunication::None, |text| {
        EntryCommunication::Free(cut(text, MAX_COMMUNICATION_CHARS))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    /// A day statement of the wallet account (003: BE64 7330 3379 7052, Pluxee Belgium nv) as a
    /// Belgian bank sends it in camt.053.001.02: a deposit with the OGM in `Strd`, one with the
    /// OGM in `Ustrd` from a Dutch account, a refund (debit) and a credit in US dollars.
    const SAMPLE_02: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr>
      <MsgId>KREDBEBB-20261123-000326</MsgId>
      <CreDtTm>2026-11-23T06:12:44</CreDtTm>
      <MsgPgntn><PgNb>1</PgNb><LastPgInd>true</LastPgInd></MsgPgntn>
    </GrpHdr>
    <Stmt>
      <Id>2026-326-BE64733033797052</Id>
      <ElctrncSeqNb>326</ElctrncSeqNb>
      <LglSeqNb>326</LglSeqNb>
      <CreDtTm>2026-11-23T06:12:44</CreDtTm>
      <FrToDt><FrDtTm>2026-11-22T00:00:00</FrDtTm><ToDtTm>2026-11-22T23:59:59</ToDtTm></FrToDt>
      <Acct>
        <Id><IBAN>BE64733033797052</IBAN></Id>
        <Ccy>EUR</Ccy>
        <Ownr><Nm>Pluxee Belgium nv</Nm></Ownr>
        <Svcr><FinInstnId><BIC>KREDBEBB</BIC></FinInstnId></Svcr>
      </Acct>
      <Bal>
        <Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">15230.45</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2026-11-22</Dt></Dt>
      </Bal>
      <Bal>
        <Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">16480.45</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2026-11-22</Dt></Dt>
      </Bal>
      <TxsSummry><TtlNtries><NbOfNtries>4</NbOfNtries></TtlNtries></TxsSummry>
      <Ntry>
        <NtryRef>2026-11-22-0001</NtryRef>
        <Amt Ccy="EUR">630.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2026-11-22</Dt></BookgDt>
        <ValDt><Dt>2026-11-22</Dt></ValDt>
        <AcctSvcrRef>KRED-0A1B2C3D4E</AcctSvcrRef>
        <BkTxCd>
          <Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn>
        </BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs>
              <AcctSvcrRef>KRED-0A1B2C3D4E</AcctSvcrRef>
              <EndToEndId>NOTPROVIDED</EndToEndId>
            </Refs>
            <AmtDtls><TxAmt><Amt Ccy="EUR">630.00</Amt></TxAmt></AmtDtls>
            <RltdPties>
              <Dbtr><Nm>Bakkerij Peeters &amp; Zonen BV</Nm></Dbtr>
              <DbtrAcct><Id><IBAN>BE68539007547034</IBAN></Id></DbtrAcct>
              <Cdtr><Nm>Pluxee Belgium nv</Nm></Cdtr>
            </RltdPties>
            <RltdAgts><DbtrAgt><FinInstnId><BIC>GKCCBEBB</BIC></FinInstnId></DbtrAgt></RltdAgts>
            <RmtInf>
              <Strd>
                <CdtrRefInf>
                  <Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>BBA</Issr></Tp>
                  <Ref>180185105305</Ref>
                </CdtrRefInf>
              </Strd>
            </RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>
      <Ntry>
        <Amt Ccy="EUR">1250.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2026-11-22</Dt></BookgDt>
        <ValDt><Dt>2026-11-22</Dt></ValDt>
        <AcctSvcrRef>KRED-5F6A7B8C9D</AcctSvcrRef>
        <BkTxCd>
          <Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn>
        </BkTxCd>
        <NtryDtls>
          <TxDtls>
            <RltdPties>
              <Dbtr><Nm>Studio   Lambrecht</Nm></Dbtr>
              <DbtrAcct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></DbtrAcct>
            </RltdPties>
            <RmtInf>
              <Ustrd>EIGEN BIJDRAGE KMO-PORTEFEUILLE +++090/9337/55493+++</Ustrd>
            </RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>
      <Ntry>
        <Amt Ccy="EUR">630.00</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2026-11-22</Dt></BookgDt>
        <ValDt><Dt>2026-11-22</Dt></ValDt>
        <BkTxCd>
          <Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn>
        </BkTxCd>
        <NtryDtls>
          <TxDtls>
            <RltdPties>
              <Dbtr><Nm>Pluxee Belgium nv</Nm></Dbtr>
              <DbtrAcct><Id><IBAN>BE64733033797052</IBAN></Id></DbtrAcct>
              <Cdtr><Nm>Bakkerij Peeters &amp; Zonen BV</Nm></Cdtr>
              <CdtrAcct><Id><IBAN>BE68 5390 0754 7034</IBAN></Id></CdtrAcct>
            </RltdPties>
            <RmtInf><Ustrd>Terugstorting eigen bijdrage 2026KMO042735</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
        <AddtlNtryInf>EUROPESE OVERSCHRIJVING NAAR BE68 5390 0754 7034</AddtlNtryInf>
      </Ntry>
      <Ntry>
        <Amt Ccy="USD">500.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2026-11-22</Dt></BookgDt>
        <ValDt><Dt>2026-11-24</Dt></ValDt>
        <BkTxCd>
          <Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>XBCT</SubFmlyCd></Fmly></Domn>
        </BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs><AcctSvcrRef>KRED-XB-77310</AcctSvcrRef></Refs>
            <RltdPties>
              <Dbtr><Nm>Acme Training Corp.</Nm></Dbtr>
              <DbtrAcct><Id><Othr><Id>021000021-55501234</Id></Othr></Id></DbtrAcct>
            </RltdPties>
            <RmtInf><Ustrd>Invoice 2026-118</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
"#;

    /// camt.053.001.08: `Sts/Cd`, `BookgDt/DtTm`, `Dbtr/Pty/Nm`, `TxDtls/Amt`; a batch of two
    /// deposits in one booking, and a pending entry.
    const SAMPLE_08: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>GEBABEBB-0451</MsgId><CreDtTm>2026-11-25T05:00:00+01:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>STMT-2026-11-24</Id>
      <CreDtTm>2026-11-25T05:00:00+01:00</CreDtTm>
      <Acct><Id><IBAN>BE64733033797052</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Ntry>
        <NtryRef>2026-11-24-0007</NtryRef>
        <Amt Ccy="EUR">880.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><DtTm>2026-11-24T09:41:07+01:00</DtTm></BookgDt>
        <BkTxCd>
          <Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn>
        </BkTxCd>
        <NtryDtls>
          <Btch><NbOfTxs>2</NbOfTxs></Btch>
          <TxDtls>
            <Amt Ccy="EUR">630.00</Amt>
            <CdtDbtInd>CRDT</CdtDbtInd>
            <RltdPties>
              <Dbtr><Pty><Nm>Bakkerij Peeters BV</Nm></Pty></Dbtr>
              <DbtrAcct><Id><IBAN>be68539007547034</IBAN></Id></DbtrAcct>
            </RltdPties>
            <RmtInf>
              <Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>BBA</Issr></Tp>
                <Ref>+++180/1851/05305+++</Ref></CdtrRefInf></Strd>
            </RmtInf>
          </TxDtls>
          <TxDtls>
            <Amt Ccy="EUR">250.00</Amt>
            <CdtDbtInd>CRDT</CdtDbtInd>
            <RltdPties><Dbtr><Pty><Nm>Garage Claes</Nm></Pty></Dbtr></RltdPties>
            <RmtInf><Ustrd>***123/4567/89002***</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>
      <Ntry>
        <NtryRef>2026-11-24-0008</NtryRef>
        <Amt Ccy="EUR">75.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts><Cd>PDNG</Cd></Sts>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>"#;

    fn ogm(s: &str) -> StructuredCommunication {
        StructuredCommunication::parse(s).unwrap()
    }

    fn money(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        parse_iso_date(s).unwrap()
    }

    /// A camt.053 document of `version` with one statement `S-1` holding `entries`.
    fn camt(version: &str, entries: &str) -> String {
        format!(
            "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version}\">\
             <BkToCstmrStmt><GrpHdr><MsgId>M</MsgId></GrpHdr>\
             <Stmt><Id>S-1</Id>{entries}</Stmt></BkToCstmrStmt></Document>"
        )
    }

    /// A booked credit of € 630,00 on 22/11/2026 with `extra` inside the `Ntry`.
    fn credit(extra: &str) -> String {
        format!(
            "<Ntry><Amt Ccy=\"EUR\">630.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>\
             <BookgDt><Dt>2026-11-22</Dt></BookgDt>{extra}</Ntry>"
        )
    }

    fn read(xml: &str) -> Vec<BankEntry> {
        entries_from_camt053(xml.as_bytes()).unwrap()
    }

    fn refusal(xml: &[u8]) -> Vec<(String, &'static str)> {
        entries_from_camt053(xml)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    fn document_refusal(xml: &[u8]) -> &'static str {
        let errors = refusal(xml);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].0, "");
        errors[0].1
    }

    #[test]
    fn camt_053_001_02_statement_gives_every_booked_entry() {
        let entries = read(SAMPLE_02);
        let expected = vec![
            BankEntry {
                entry_ref: "2026-11-22-0001".into(),
                booked_on: day("2026-11-22"),
                amount: money("630.00"),
                credit: true,
                currency: "EUR".into(),
                communication: EntryCommunication::Structured(ogm("180185105305")),
                counterparty_name: Some("Bakkerij Peeters & Zonen BV".into()),
                counterparty_iban: Some("BE68539007547034".into()),
            },
            BankEntry {
                entry_ref: "KRED-5F6A7B8C9D".into(),
                booked_on: day("2026-11-22"),
                amount: money("1250.00"),
                credit: true,
                currency: "EUR".into(),
                communication: EntryCommunication::Structured(ogm("090933755493")),
                counterparty_name: Some("Studio Lambrecht".into()),
                counterparty_iban: Some("NL91ABNA0417164300".into()),
            },
            BankEntry {
                entry_ref: "2026-326-BE64733033797052#3".into(),
                booked_on: day("2026-11-22"),
                amount: money("630.00"),
                credit: false,
                currency: "EUR".into(),
                communication: EntryCommunication::Free(
                    "Terugstorting eigen bijdrage 2026KMO042735".into(),
                ),
                counterparty_name: Some("Bakkerij Peeters & Zonen BV".into()),
                counterparty_iban: Some("BE68539007547034".into()),
            },
            BankEntry {
                entry_ref: "KRED-XB-77310".into(),
                booked_on: day("2026-11-22"),
                amount: money("500.00"),
                credit: true,
                currency: "USD".into(),
                communication: EntryCommunication::Free("Invoice 2026-118".into()),
                counterparty_name: Some("Acme Training Corp.".into()),
                counterparty_iban: None,
            },
        ];
        assert_eq!(entries, expected);
        let candidates: Vec<bool> = entries
            .iter()
            .map(BankEntry::is_deposit_candidate)
            .collect();
        assert_eq!(candidates, [true, true, false, false]);
    }

    #[test]
    fn camt_053_001_08_batch_is_one_entry_per_transaction_and_pending_is_skipped() {
        let entries = read(SAMPLE_08);
        let summary: Vec<_> = entries
            .iter()
            .map(|e| {
                (
                    e.entry_ref.as_str(),
                    e.booked_on,
                    e.amount.to_string(),
                    e.communication.structured().map(|c| c.digits()),
                    e.counterparty_name.as_deref(),
                    e.counterparty_iban.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "2026-11-24-0007/1",
                    day("2026-11-24"),
                    "630.00".to_string(),
                    Some("180185105305".to_string()),
                    Some("Bakkerij Peeters BV"),
                    Some("BE68539007547034"),
                ),
                (
                    "2026-11-24-0007/2",
                    day("2026-11-24"),
                    "250.00".to_string(),
                    Some("123456789002".to_string()),
                    Some("Garage Claes"),
                    None,
                ),
            ]
        );
    }

    #[test]
    fn every_camt_053_version_from_02_is_read() {
        let entry = credit("<NtryRef>R1</NtryRef>");
        for version in ["02", "03", "04", "06", "08", "10", "13"] {
            assert_eq!(read(&camt(version, &entry)).len(), 1, "{version}");
        }
    }

    #[test]
    fn a_batch_is_split_only_when_its_parts_make_the_booking() {
        let tx = |amount: &str, extra: &str| {
            format!(
                "<TxDtls>{amount}<RmtInf><Ustrd>+++180/1851/05305+++ {extra}</Ustrd></RmtInf>\
                 <RltdPties><Dbtr><Nm>Payer {extra}</Nm></Dbtr></RltdPties></TxDtls>"
            )
        };
        let eur = |v: &str| format!("<Amt Ccy=\"EUR\">{v}</Amt>");
        let tx_amt =
            |v: &str| format!("<AmtDtls><TxAmt><Amt Ccy=\"EUR\">{v}</Amt></TxAmt></AmtDtls>");
        let refs = |entries: &[BankEntry]| -> Vec<(String, String)> {
            entries
                .iter()
                .map(|e| (e.entry_ref.clone(), e.amount.to_string()))
                .collect()
        };
        for (name, txs, expected) in [
            (
                "own amounts that add up",
                tx(&eur("600.00"), "a") + &tx(&eur("30.00"), "b"),
                vec![("R/1", "600.00"), ("R/2", "30.00")],
            ),
            (
                "amounts in AmtDtls (camt .02)",
                tx(&tx_amt("600.00"), "a") + &tx(&tx_amt("30.00"), "b"),
                vec![("R/1", "600.00"), ("R/2", "30.00")],
            ),
            (
                "a debit part is subtracted",
                tx(&eur("700.00"), "a") + &tx(&(eur("70.00") + "<CdtDbtInd>DBIT</CdtDbtInd>"), "b"),
                vec![("R/1", "700.00"), ("R/2", "70.00")],
            ),
            (
                "parts that do not add up",
                tx(&eur("600.00"), "a") + &tx(&eur("31.00"), "b"),
                vec![("R", "630.00")],
            ),
            (
                "a part without amount",
                tx(&eur("600.00"), "a") + &tx("", "b"),
                vec![("R", "630.00")],
            ),
            (
                "a part in another currency",
                tx(&eur("600.00"), "a") + &tx("<Amt Ccy=\"USD\">30.00</Amt>", "b"),
                vec![("R", "630.00")],
            ),
        ] {
            let xml = camt(
                "08",
                &credit(&format!("<NtryRef>R</NtryRef><NtryDtls>{txs}</NtryDtls>")),
            );
            let entries = read(&xml);
            let expected: Vec<(String, String)> = expected
                .into_iter()
                .map(|(r, a)| (r.to_string(), a.to_string()))
                .collect();
            assert_eq!(refs(&entries), expected, "{name}");
            if entries.len() == 1 {
                // Money that cannot be told apart matches no project.
                assert_eq!(entries[0].communication, EntryCommunication::None, "{name}");
                assert_eq!(entries[0].counterparty_name, None, "{name}");
            } else {
                assert!(entries
                    .iter()
                    .all(|e| e.communication.structured().is_some()));
                assert_eq!(entries[1].credit, name != "a debit part is subtracted");
            }
        }
    }

    #[test]
    fn entry_reference_is_ntryref_then_acctsvcrref_then_the_transactions_then_derived() {
        for (extra, expected) in [
            (
                "<NtryRef>N</NtryRef><AcctSvcrRef>A</AcctSvcrRef>\
                 <NtryDtls><TxDtls><Refs><AcctSvcrRef>T</AcctSvcrRef></Refs></TxDtls></NtryDtls>",
                "N",
            ),
            (
                "<AcctSvcrRef>A</AcctSvcrRef>\
                 <NtryDtls><TxDtls><Refs><AcctSvcrRef>T</AcctSvcrRef></Refs></TxDtls></NtryDtls>",
                "A",
            ),
            (
                "<NtryDtls><TxDtls><Refs><AcctSvcrRef>T</AcctSvcrRef></Refs></TxDtls></NtryDtls>",
                "T",
            ),
            ("<NtryRef>  </NtryRef>", "S-1#1"),
            ("", "S-1#1"),
        ] {
            assert_eq!(
                read(&camt("02", &credit(extra)))[0].entry_ref,
                expected,
                "{extra}"
            );
        }
    }

    #[test]
    fn only_booked_entries_are_read() {
        for (status, count) in [
            ("<Sts>BOOK</Sts>", 1),
            ("<Sts><Cd>BOOK</Cd></Sts>", 1),
            ("", 1),
            ("<Sts>PDNG</Sts>", 0),
            ("<Sts><Cd>INFO</Cd></Sts>", 0),
        ] {
            let xml = camt(
                "08",
                &format!(
                    "<Ntry><NtryRef>R</NtryRef><Amt Ccy=\"EUR\">1.00</Amt>\
                     <CdtDbtInd>CRDT</CdtDbtInd>{status}\
                     <BookgDt><Dt>2026-11-22</Dt></BookgDt></Ntry>"
                ),
            );
            assert_eq!(read(&xml).len(), count, "{status}");
        }
    }

    #[test]
    fn a_statement_without_entries_gives_none() {
        assert_eq!(read(&camt("02", "")), []);
    }

    #[test]
    fn malformed_xml_is_refused() {
        let unclosed = camt("02", &credit("")).replace("</Document>", "");
        let mismatched = camt("02", &credit("")).replace("</Stmt>", "</Stmnt>");
        let two_roots = camt("02", "") + "<Document/>";
        let unknown_entity = camt("02", &credit("<AddtlNtryInf>a &eacute; b</AddtlNtryInf>"));
        let text_after_root = camt("02", "") + "tail";
        let bad_attribute = camt("02", &credit("")).replace("Ccy=\"EUR\"", "Ccy=EUR");
        for xml in [
            "",
            "   ",
            "not xml at all",
            "<Document",
            unclosed.as_str(),
            mismatched.as_str(),
            two_roots.as_str(),
            unknown_entity.as_str(),
            text_after_root.as_str(),
            bad_attribute.as_str(),
        ] {
            assert_eq!(
                document_refusal(xml.as_bytes()),
                "statement_malformed",
                "{xml}"
            );
        }
        let error = entries_from_camt053(mismatched.as_bytes()).unwrap_err();
        assert!(error[0].message.contains("geen geldige XML"), "{error:?}");
    }

    #[test]
    fn a_document_type_declaration_is_refused() {
        let laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">\
             <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
            .to_string()
            + &camt("02", &credit("<AddtlNtryInf>&lol2;</AddtlNtryInf>"));
        let xxe = "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>".to_string()
            + &camt("02", &credit("<AddtlNtryInf>&x;</AddtlNtryInf>"));
        let plain = "<!doctype Document>".to_string() + &camt("02", "");
        for xml in [laughs, xxe, plain] {
            assert_eq!(
                document_refusal(xml.as_bytes()),
                "statement_doctype",
                "{xml}"
            );
        }
    }

    #[test]
    fn a_document_over_5_mb_is_refused() {
        let mut xml = camt("02", &credit("")).into_bytes();
        xml.resize(MAX_DOCUMENT_BYTES, b' ');
        assert_eq!(entries_from_camt053(&xml).map(|e| e.len()), Ok(1));
        xml.push(b' ');
        assert_eq!(document_refusal(&xml), "statement_too_large");
    }

    #[test]
    fn a_document_that_is_not_camt_053_is_refused() {
        let other =
            |ns: &str| camt("02", "").replace("urn:iso:std:iso:20022:tech:xsd:camt.053.001.02", ns);
        let wrong_root = camt("02", "").replace("Document", "Statement");
        let report = camt("02", "").replace("BkToCstmrStmt", "BkToCstmrAcctRpt");
        for xml in [
            other("urn:iso:std:iso:20022:tech:xsd:camt.053.001.01"),
            other("urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"),
            other("urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"),
            other("urn:iso:std:iso:20022:tech:xsd:camt.053.001.2"),
            other("urn:iso:std:iso:20022:tech:xsd:camt.053.001.08x"),
            camt("02", "").replace(
                " xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"",
                "",
            ),
            wrong_root,
            report,
            "<html><body>Statement</body></html>".to_string(),
        ] {
            assert_eq!(
                document_refusal(xml.as_bytes()),
                "statement_not_camt053",
                "{xml}"
            );
        }
    }

    #[test]
    fn a_document_that_is_not_utf8_is_refused() {
        let mut xml = camt("02", &credit("<AddtlNtryInf>caf")).into_bytes();
        xml.extend_from_slice(b"\xe9</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>");
        assert_eq!(document_refusal(&xml), "statement_not_utf8");
    }

    #[test]
    fn an_unreadable_booking_is_named_by_its_place() {
        for (ntry, field, code) in [
            (
                "<Ntry><NtryRef>R</NtryRef><CdtDbtInd>CRDT</CdtDbtInd>\
                 <BookgDt><Dt>2026-11-22</Dt></BookgDt></Ntry>",
                "Stmt[0].Ntry[1].Amt",
                "required",
            ),
            (
                &credit("<NtryRef>R</NtryRef>").replace("630.00", "630.001"),
                "Stmt[0].Ntry[1].Amt",
                "too_many_decimals",
            ),
            (
                &credit("<NtryRef>R</NtryRef>").replace("630.00", "-630.00"),
                "Stmt[0].Ntry[1].Amt",
                "negative_amount",
            ),
            (
                &credit("<NtryRef>R</NtryRef>").replace("630.00", "zeshonderd"),
                "Stmt[0].Ntry[1].Amt",
                "not_a_number",
            ),
            (
                &credit("<NtryRef>R</NtryRef>").replace(" Ccy=\"EUR\"", ""),
                "Stmt[0].Ntry[1].Amt@Ccy",
                "required",
            ),
            (
                &credit("<NtryRef>R</NtryRef>").replace("\"EUR\"", "\"EURO\""),
                "Stmt[0].Ntry[1].Amt@Ccy",
                "currency_format",
            ),
            (
                &credit("<NtryRef>R</NtryRef>").replace("CRDT", "CREDIT"),
                "Stmt[0].Ntry[1].CdtDbtInd",
                "credit_debit_indicator",
            ),
            (
                &credit("<NtryRef>R</NtryRef>").replace("2026-11-22", "22/11/2026"),
                "Stmt[0].Ntry[1].BookgDt",
                "invalid_date",
            ),
            (
                "<Ntry><NtryRef>R</NtryRef><Amt Ccy=\"EUR\">1.00</Amt>\
                 <CdtDbtInd>CRDT</CdtDbtInd></Ntry>",
                "Stmt[0].Ntry[1].BookgDt",
                "required",
            ),
            (
                &credit(&format!("<NtryRef>{}</NtryRef>", "R".repeat(101))),
                "Stmt[0].Ntry[1].NtryRef",
                "entry_ref_too_long",
            ),
        ] {
            let xml = camt("02", &(credit("<NtryRef>OK</NtryRef>") + ntry));
            assert_eq!(
                refusal(xml.as_bytes()),
                [(field.to_string(), code)],
                "{ntry}"
            );
        }
    }

    #[test]
    fn every_unreadable_booking_is_reported_with_a_dutch_message() {
        let bad = credit("").replace("CRDT", "X").replace("630.00", "x");
        let errors =
            entries_from_camt053(camt("02", &(bad.clone() + &bad)).as_bytes()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "Stmt[0].Ntry[0].Amt",
                "Stmt[0].Ntry[0].CdtDbtInd",
                "Stmt[0].Ntry[1].Amt",
                "Stmt[0].Ntry[1].CdtDbtInd",
            ]
        );
        assert!(errors[3]
            .message
            .starts_with("Uittreksel 1, boeking 2, CdtDbtInd: verwacht CRDT of DBIT"));
    }

    #[test]
    fn a_reference_met_twice_refuses_the_document() {
        let entry = credit("<NtryRef>0001</NtryRef>");
        let two_statements = camt("02", &entry).replace(
            "</Stmt>",
            &format!("</Stmt><Stmt><Id>S-2</Id>{entry}</Stmt>"),
        );
        assert_eq!(
            refusal(two_statements.as_bytes()),
            [("Stmt[1].Ntry[0].NtryRef".to_string(), "duplicate_entry_ref")]
        );
        let no_statement_id = camt("02", &credit("")).replace("<Id>S-1</Id>", "");
        assert_eq!(
            refusal(no_statement_id.as_bytes()),
            [("Stmt[0].Ntry[0].NtryRef".to_string(), "entry_ref_missing")]
        );
    }

    #[test]
    fn prefixes_are_resolved_and_other_namespaces_are_passed_over() {
        let xml = r#"<c:Document xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04">
            <c:BkToCstmrStmt><c:Stmt><c:Id>S</c:Id>
              <c:Ntry><c:NtryRef>R</c:NtryRef><c:Amt Ccy="EUR">12.50</c:Amt>
                <c:CdtDbtInd>CRDT</c:CdtDbtInd><c:BookgDt><c:Dt>2026-11-22+01:00</c:Dt></c:BookgDt>
                <x:Amt xmlns:x="urn:example:other" Ccy="EUR">999.00</x:Amt>
                <c:NtryDtls><c:TxDtls><c:RmtInf>
                  <x:Ustrd xmlns:x="urn:example:other">+++090/9337/55493+++</x:Ustrd>
                  <c:Ustrd>vrije tekst</c:Ustrd>
                </c:RmtInf></c:TxDtls></c:NtryDtls>
              </c:Ntry>
            </c:Stmt></c:BkToCstmrStmt></c:Document>"#;
        let entries = read(xml);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].amount, money("12.50"));
        assert_eq!(entries[0].booked_on, day("2026-11-22"));
        assert_eq!(
            entries[0].communication,
            EntryCommunication::Free("vrije tekst".into())
        );
    }

    #[test]
    fn text_is_unescaped_and_cleaned() {
        let tx =
            "<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>\n  Caf&#233; &lt;De Smet&gt;\t</Nm></Dbtr>\
                  <DbtrAcct><Id><IBAN> be64 7330 3379 7052 </IBAN></Id></DbtrAcct></RltdPties>\
                  <RmtInf><Ustrd><![CDATA[+++180/1851/]]></Ustrd><Ustrd>05305+++</Ustrd>\
                  </RmtInf></TxDtls></NtryDtls>";
        let entry = &read(&(String::from("\u{feff}") + &camt("02", &credit(tx))))[0];
        assert_eq!(entry.counterparty_name.as_deref(), Some("Café <De Smet>"));
        assert_eq!(entry.counterparty_iban.as_deref(), Some("BE64733033797052"));
        assert_eq!(entry.communication.structured(), Some(ogm("180185105305")));
        let long = format!("<AddtlNtryInf>{}</AddtlNtryInf>", "x".repeat(600));
        let cut_text = &read(&camt("02", &credit(&long)))[0].communication;
        assert_eq!(
            cut_text,
            &EntryCommunication::Free("x".repeat(MAX_COMMUNICATION_CHARS))
        );
    }

    #[test]
    fn the_communication_is_read_from_the_text_banks_send() {
        let manual = EntryCommunication::Structured(ogm("180185105305"));
        let free = |s: &str| EntryCommunication::Free(s.to_string());
        for (text, expected) in [
            ("+++180/1851/05305+++", manual.clone()),
            ("180185105305", manual.clone()),
            ("***180/1851/05305***", manual.clone()),
            (" 180 1851 05305 ", manual.clone()),
            ("EIGEN BIJDRAGE +++180/1851/05305+++", manual.clone()),
            (
                "+++ 180 / 1851 / 05305 +++ dossier 2026KMO042735",
                manual.clone(),
            ),
            ("mededeling: 180/1851/05305.", manual.clone()),
            ("ref 180185105305 bakkerij", manual.clone()),
            (
                "+++180/1851/05305+++ en nog eens 180185105305",
                manual.clone(),
            ),
            ("+++180/1851/05306+++", free("+++180/1851/05306+++")),
            ("180185105306", free("180185105306")),
            ("betaling 180/1851/05306", free("betaling 180/1851/05306")),
            (
                "+++180/1851/05305+++ +++090/9337/55493+++",
                free("+++180/1851/05305+++ +++090/9337/55493+++"),
            ),
            ("1801851053050", free("1801851053050")),
            ("BE68539007547034", free("BE68539007547034")),
            ("Factuur  2026-118\n", free("Factuur 2026-118")),
            ("", EntryCommunication::None),
            (" \n\t ", EntryCommunication::None),
        ] {
            assert_eq!(EntryCommunication::from_text(text), expected, "{text:?}");
        }
    }

    #[test]
    fn the_strd_reference_comes_before_ustrd_and_addtlntryinf() {
        let case = |rmt: &str, addtl: &str| {
            let tx = format!(
                "<NtryDtls><TxDtls><RmtInf>{rmt}</RmtInf></TxDtls></NtryDtls>\
                 <AddtlNtryInf>{addtl}</AddtlNtryInf>"
            );
            read(&camt("02", &credit(&tx)))[0].communication.clone()
        };
        let strd = |r: &str| format!("<Strd><CdtrRefInf><Ref>{r}</Ref></CdtrRefInf></Strd>");
        let manual = EntryCommunication::Structured(ogm("180185105305"));
        let other = EntryCommunication::Structured(ogm("090933755493"));
        assert_eq!(
            case(
                &(strd("180185105305") + "<Ustrd>+++090/9337/55493+++</Ustrd>"),
                ""
            ),
            manual
        );
        assert_eq!(
            case(
                &(strd("180185105306") + "<Ustrd>+++090/9337/55493+++</Ustrd>"),
                ""
            ),
            other
        );
        assert_eq!(
            case(&strd("RF18539007547034"), ""),
            EntryCommunication::Free("RF18539007547034".into())
        );
        assert_eq!(
            case(
                "<Ustrd>factuur 12</Ustrd>",
                "MEDEDELING +++180/1851/05305+++"
            ),
            manual
        );
        assert_eq!(
            case("<Ustrd>factuur 12</Ustrd>", "OVERSCHRIJVING"),
            EntryCommunication::Free("factuur 12".into())
        );
    }

    fn body(entries: Value) -> Value {
        json!({ "entries": entries })
    }

    fn json_entry() -> Value {
        json!({
            "entry_ref": "2026-11-22-0001",
            "booked_on": "2026-11-22",
            "amount": "630.00",
            "currency": "EUR",
            "credit": true,
            "communication": "+++180/1851/05305+++",
            "counterparty_name": "Bakkerij Peeters BV",
            "counterparty_iban": "BE68 5390 0754 7034"
        })
    }

    fn json_refusal(body: &Value) -> Vec<(String, &'static str)> {
        entries_from_json(body)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn json_entries_are_read() {
        let mut second = json_entry();
        second["entry_ref"] = json!("2026-11-22-0002");
        second["amount"] = json!("1250");
        second["currency"] = json!("eur");
        second["communication"] = json!("180185105305");
        second["counterparty_iban"] = json!("NL91ABNA0417164300");
        let mut third = json!({
            "entry_ref": "2026-11-22-0003",
            "booked_on": "2026-11-22",
            "amount": "630.00",
            "currency": "USD",
            "credit": false,
            "communication": null,
        });
        third["communication"] = json!("Terugstorting +++180/1851/05306+++");
        let fourth = json!({
            "entry_ref": "2026-11-22-0004",
            "booked_on": "2026-11-22",
            "amount": "5",
            "currency": "EUR",
            "credit": true,
            "communication": "",
            "counterparty_name": "  ",
            "counterparty_iban": null
        });
        let entries =
            entries_from_json(&body(json!([json_entry(), second, third, fourth]))).unwrap();
        assert_eq!(
            entries[0],
            BankEntry {
                entry_ref: "2026-11-22-0001".into(),
                booked_on: day("2026-11-22"),
                amount: money("630"),
                credit: true,
                currency: "EUR".into(),
                communication: EntryCommunication::Structured(ogm("180185105305")),
                counterparty_name: Some("Bakkerij Peeters BV".into()),
                counterparty_iban: Some("BE68539007547034".into()),
            }
        );
        assert_eq!(entries[1].amount, money("1250.00"));
        assert_eq!(entries[1].currency, "EUR");
        assert_eq!(entries[1].communication, entries[0].communication);
        assert_eq!(
            entries[1].counterparty_iban.as_deref(),
            Some("NL91ABNA0417164300")
        );
        assert_eq!(
            entries[2].communication,
            EntryCommunication::Free("Terugstorting +++180/1851/05306+++".into())
        );
        assert!(!entries[2].credit && !entries[2].is_deposit_candidate());
        assert_eq!(entries[3].communication, EntryCommunication::None);
        assert_eq!(entries[3].counterparty_name, None);
        assert_eq!(entries_from_json(&body(json!([]))), Ok(Vec::new()));
    }

    #[test]
    fn each_wrong_json_field_is_named() {
        let long = "x".repeat(MAX_COMMUNICATION_CHARS + 1);
        for (field, value, code) in [
            ("entry_ref", json!(null), "required"),
            ("entry_ref", json!("  "), "required"),
            ("entry_ref", json!(7), "expected_string"),
            ("entry_ref", json!("R".repeat(101)), "entry_ref_too_long"),
            ("entry_ref", json!("a\nb"), "invalid_character"),
            ("booked_on", json!(null), "required"),
            ("booked_on", json!("22/11/2026"), "invalid_date"),
            ("booked_on", json!("2026-02-30"), "invalid_date"),
            ("amount", json!(null), "required"),
            ("amount", json!(630), "expected_string"),
            ("amount", json!("630,00"), "not_a_number"),
            ("amount", json!("-630.00"), "negative_amount"),
            ("amount", json!("630.001"), "too_many_decimals"),
            ("amount", json!("10000000.01"), "amount_too_large"),
            ("currency", json!(null), "required"),
            ("currency", json!("EURO"), "currency_format"),
            ("currency", json!("€"), "currency_format"),
            ("credit", json!(null), "required"),
            ("credit", json!("true"), "expected_boolean"),
            ("communication", json!(12), "expected_string"),
            ("communication", json!(long), "too_long"),
            ("counterparty_name", json!(false), "expected_string"),
            ("counterparty_name", json!("n".repeat(141)), "too_long"),
            (
                "counterparty_iban",
                json!("BE68-5390-0754-7034"),
                "counterparty_iban_format",
            ),
            (
                "counterparty_iban",
                json!("X".repeat(35)),
                "counterparty_iban_format",
            ),
            ("bank", json!("KBC"), "unknown_field"),
        ] {
            let mut entry = json_entry();
            entry[field] = value.clone();
            let expected = [(format!("entries[0].{field}"), code)];
            assert_eq!(
                json_refusal(&body(json!([entry]))),
                expected,
                "{field} = {value}"
            );
        }
    }

    #[test]
    fn a_wrong_json_body_is_refused() {
        let many: Vec<Value> = (0..=MAX_ENTRIES).map(|_| json_entry()).collect();
        for (body, field, code) in [
            (json!([]), "", "body_not_an_object"),
            (json!({}), "entries", "required"),
            (json!({ "entries": null }), "entries", "required"),
            (json!({ "entries": {} }), "entries", "expected_list"),
            (json!({ "entries": many }), "entries", "too_many_entries"),
            (
                json!({ "entries": [], "extra": 1 }),
                "extra",
                "unknown_field",
            ),
            (
                json!({ "entries": [7] }),
                "entries[0]",
                "entry_not_an_object",
            ),
        ] {
            assert_eq!(json_refusal(&body), [(field.to_string(), code)], "{body}");
        }
    }

    #[test]
    fn json_errors_of_every_entry_are_reported_together() {
        let mut bad = json_entry();
        bad["amount"] = json!("x");
        bad["credit"] = json!(1);
        let mut repeated = json_entry();
        repeated["counterparty_name"] = json!("Iemand anders");
        let body = body(json!([json_entry(), bad, repeated]));
        assert_eq!(
            json_refusal(&body),
            [
                ("entries[1].amount".to_string(), "not_a_number"),
                ("entries[1].credit".to_string(), "expected_boolean"),
                ("entries[2].entry_ref".to_string(), "duplicate_entry_ref"),
            ]
        );
        let errors = entries_from_json(&body).unwrap_err();
        assert!(errors[0].message.starts_with("Bedrag: "), "{errors:?}");
    }

    #[test]
    fn a_bank_entry_round_trips_through_json() {
        let entries = read(SAMPLE_02);
        let text = serde_json::to_string(&entries).unwrap();
        assert!(text
            .contains(r#""communication":{"type":"structured","value":"+++180/1851/05305+++"}"#));
        assert!(text.contains(r#""amount":"630.00""#));
        let back: Vec<BankEntry> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, entries);
        let none: EntryCommunication = serde_json::from_str(r#"{"type":"none"}"#).unwrap();
        assert_eq!(none, EntryCommunication::None);
        // A stored free text is read again: it never hides a valid OGM.
        let free: EntryCommunication =
            serde_json::from_str(r#"{"type":"free","value":"180185105305"}"#).unwrap();
        assert_eq!(free.structured(), Some(ogm("180185105305")));
        assert!(serde_json::from_str::<EntryCommunication>(
            r#"{"type":"structured","value":"180185105306"}"#
        )
        .is_err());
    }

    #[test]
    fn the_counterparty_account_is_kept_as_given_and_normalised_when_belgian() {
        for (raw, kept) in [
            ("BE68 5390 0754 7034", Some("BE68539007547034")),
            ("be68539007547034", Some("BE68539007547034")),
            ("BE69 5390 0754 7034", Some("BE69539007547034")),
            (
                "DE89 3704 0044 0532 0130 00",
                Some("DE89370400440532013000"),
            ),
            ("   ", None),
        ] {
            assert_eq!(checked_iban(raw).ok().flatten().as_deref(), kept, "{raw}");
        }
    }

    #[test]
    fn every_document_error_has_a_distinct_code_and_a_message() {
        let all = [
            CamtError::TooLarge,
            CamtError::NotUtf8,
            CamtError::DocType,
            CamtError::Malformed { position: 7 },
            CamtError::NotCamt053,
        ];
        let codes: HashSet<_> = all.iter().map(|e| e.code()).collect();
        assert_eq!(codes.len(), all.len());
        assert!(all.iter().all(|e| !e.message().is_empty()));
        assert!(CamtError::TooLarge.message().contains("5 MB"));
        assert_eq!(FieldError::from(CamtError::DocType).field, "");
    }

    proptest! {
        #[test]
        fn reading_any_text_never_panics(s in "\\PC{0,200}") {
            let _ = EntryCommunication::from_text(&s);
            let _ = entries_from_camt053(s.as_bytes());
        }

        #[test]
        fn a_cut_off_statement_is_refused_and_never_panics(end in 0usize..SAMPLE_02.len()) {
            let cut_off = SAMPLE_02.get(..end).unwrap_or_default();
            if !cut_off.trim_end().ends_with("</Document>") {
                prop_assert!(entries_from_camt053(cut_off.as_bytes()).is_err());
            }
        }

        #[test]
        fn a_structured_communication_in_free_text_is_found(
            sequence in 0u64..10_000_000_000,
            before in "[a-zA-Z ]{0,20}",
            after in "[a-zA-Z ]{0,20}",
        ) {
            let c = StructuredCommunication::from_sequence(sequence).unwrap();
            let text = format!("{before} {c} {after}");
            prop_assert_eq!(
                EntryCommunication::from_text(&text),
                EntryCommunication::Structured(c)
            );
        }
    }
}
