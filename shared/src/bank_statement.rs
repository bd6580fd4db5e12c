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
//! - Communication: the first of `Strd/CdtrRefInf/Ref`, `Ustrd` (lines joined) and — for a
//!   booking of one transaction — `AddtlNtryInf` that holds a valid structured communication;
//!   else the first of them as free text ([`EntryCommunication::from_text`]).
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

    /// The counterparty's account when it is a valid Belgian IBAN.
    pub fn counterparty_be_iban(&self) -> Option<BeIban> {
        self.counterparty_iban
            .as_deref()
            .and_then(|s| BeIban::parse(s).ok())
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

// ── JSON ────────────────────────────────────────────────────────────────────────────────────

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
    result
        .map_err(|p| f.error(field, p.code, p.message))
        .ok()
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

// ── CAMT.053 ────────────────────────────────────────────────────────────────────────────────

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
            CamtError::Malformed { position } => format!(
                "Het rekeninguittreksel is geen geldige XML (fout rond byte {position})."
            ),
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
        let Ok(local) = std::str::from_utf8(e.local_name().as_ref()) else {
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
        self.path.push(if ours { local.to_string() } else { String::new() });
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
                let entry = self.statements.last_mut().and_then(|s| s.entries.last_mut());
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
    let currency = check.ok("Amt@Ccy", required(&raw.amount).and_then(currency_of));
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
        .or_else(|| raw.transactions.iter().find_map(|t| t.acct_svcr_ref.as_ref()));
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
    let rest_ok = matches!(text.as_bytes().get(10), None | Some(b'T' | b'+' | b'-' | b'Z'));
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

impl RawTransaction {
    /// Who paid a credit, or who received a debit.
    fn counterparty(&self, credit: bool) -> &RawParty {
        if credit {
            &self.debtor
        } else {
            &self.creditor
        }
    }
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
}
