//! The EPC QR payload ("SEPA QR", "GiroCode") that lets a banking app fill in the deposit of
//! the own contribution (eigen bijdrage). RULES.md §8; the deposit details of manual 003 step 5.
//!
//! Format: EPC069-12 "Quick Response Code: Guidelines to Enable Data Capture for the Initiation
//! of a SEPA Credit Transfer" (v3.0). One element per line, in this order: service tag `BCD`,
//! version `002` (BIC optional within the EEA), character set `1` (UTF-8), identification
//! `SCT`, BIC, beneficiary name (≤ 70 characters), IBAN, `EUR` + amount (0.01 to 999999999.99,
//! a point, at most two decimals), purpose (4 letters, optional), remittance information
//! structured (≤ 35) **or** unstructured (≤ 140) — never both —, beneficiary-to-originator
//! information (≤ 70). Elements are separated by a line feed; empty elements at the end are
//! left out (the last element present is not followed by a separator). The whole payload
//! stays within 331 bytes (QR version 13, error correction level M).
//!
//! Where the structured communication goes. EPC069-12's structured element holds a creditor
//! reference and says an ISO 11649 `RF` reference *may* be used; it does not require one.
//! Belgian banks carry the structured communication as a structured creditor reference of 12
//! digits (Febelfin: "Digital format: 12 digits (123456789012)", and in their XML credit
//! transfer guidelines `CdtrRefInf` with issuer `BBA`), and Febelfin warns that "each addition
//! in the communication field turns a structured communication credit transfer order into a
//! free communication credit transfer", which for this deposit means a refused deposit
//! (RULES.md §6). So the payload puts the 12 digits, without `+++` and slashes, in the
//! structured element and leaves the unstructured one empty. That is what Belgian-facing
//! software that was checked against the banking apps does: Odoo's `account_qr_code_sepa`
//! (structured reference in element 10) and letspeppol (issue #274: a Belgian app showed a
//! `+++…+++` text sent in element 11 as a free message; fixed in PR #286 by sending the
//! normalised 12 digits in element 10 with element 11 empty).

use crate::ids::{BeIban, StructuredCommunication};
use crate::money::Money;

/// EPC069-12: the name of the beneficiary has at most 70 characters.
const MAX_NAME_CHARS: usize = 70;
/// EPC069-12: QR version 13 at error correction level M holds 331 bytes.
const MAX_PAYLOAD_BYTES: usize = 331;
/// EPC069-12: the largest amount, 999999999.99 euro, in cents. [`Money::MAX`] is far below it
/// (a test keeps it so), so only the lower bound needs a check here.
#[cfg(test)]
const MAX_AMOUNT_CENTS: i64 = 99_999_999_999;

/// Why the payload cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EpcError {
    /// No beneficiary name.
    BeneficiaryEmpty,
    /// A beneficiary name of more than 70 characters.
    BeneficiaryTooLong,
    /// A line break or other control character in the name: it would shift every line after it.
    BeneficiaryInvalidCharacter,
    /// Not a BIC of 8 or 11 characters (ISO 9362).
    Bic,
    /// An amount below EUR 0.01: EPC069-12 has no zero transfers.
    AmountTooSmall,
    /// More than 331 bytes (only possible with a name of many multi-byte characters).
    PayloadTooLong,
}

impl EpcError {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            EpcError::BeneficiaryEmpty => "epc_beneficiary_empty",
            EpcError::BeneficiaryTooLong => "epc_beneficiary_too_long",
            EpcError::BeneficiaryInvalidCharacter => "epc_beneficiary_invalid_character",
            EpcError::Bic => "epc_bic_invalid",
            EpcError::AmountTooSmall => "epc_amount_too_small",
            EpcError::PayloadTooLong => "epc_payload_too_long",
        }
    }

    /// Dutch message for people.
    pub fn message(self) -> String {
        let reason = match self {
            EpcError::BeneficiaryEmpty => "de naam van de begunstigde ontbreekt".to_string(),
            EpcError::BeneficiaryTooLong => {
                format!("de naam van de begunstigde telt meer dan {MAX_NAME_CHARS} tekens")
            }
            EpcError::BeneficiaryInvalidCharacter => {
                "de naam van de begunstigde bevat een ongeldig teken".to_string()
            }
            EpcError::Bic => "de BIC-code van de bank is ongeldig".to_string(),
            EpcError::AmountTooSmall => "het bedrag moet minstens € 0,01 zijn".to_string(),
            EpcError::PayloadTooLong => "de gegevens zijn te lang".to_string(),
        };
        format!("De QR-code kan niet gemaakt worden: {reason}.")
    }
}

/// The EPC QR payload for depositing `amount` on `iban` of `beneficiary` (bank `bic`; may be
/// empty, version 002 allows that within the EEA) with the structured `communication`.
///
/// Manual 003 step 5: Pluxee Belgium nv, BE64 7330 3379 7052, € 630,00, 180185105305 gives
/// `BCD\n002\n1\nSCT\nKREDBEBB\nPluxee Belgium nv\nBE64733033797052\nEUR630.00\n\n180185105305`.
pub fn deposit_payload(
    beneficiary: &str,
    bic: &str,
    iban: &BeIban,
    amount: Money,
    communication: &StructuredCommunication,
) -> Result<String, EpcError> {
    let name = beneficiary_name(beneficiary)?;
    let bic = valid_bic(bic)?;
    if amount.is_zero() {
        return Err(EpcError::AmountTooSmall);
    }
    // Element 9 (purpose) stays empty; 10 holds the structured communication; 11 (unstructured
    // remittance) and 12 (beneficiary-to-originator information) are empty and, being last,
    // left out.
    let lines = [
        "BCD".to_string(),
        "002".to_string(),
        "1".to_string(),
        "SCT".to_string(),
        bic,
        name.to_string(),
        iban.electronic(),
        format!("EUR{amount}"),
        String::new(),
        communication.digits(),
    ];
    let payload = lines.join("\n");
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Err(EpcError::PayloadTooLong);
    }
    Ok(payload)
}

/// The name trimmed, 1..=70 characters, without control characters.
fn beneficiary_name(name: &str) -> Result<&str, EpcError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(EpcError::BeneficiaryEmpty);
    }
    if name.chars().any(char::is_control) {
        return Err(EpcError::BeneficiaryInvalidCharacter);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(EpcError::BeneficiaryTooLong);
    }
    Ok(name)
}

/// ISO 9362: 4 letters (bank), 2 letters (country), 2 letters or digits (location), and
/// optionally 3 letters or digits (branch). Upper-cased; empty stays empty (no BIC).
fn valid_bic(bic: &str) -> Result<String, EpcError> {
    let bic = bic.trim().to_ascii_uppercase();
    let b = bic.as_bytes();
    let valid = bic.is_empty()
        || ((b.len() == 8 || b.len() == 11)
            && b[..6].iter().all(u8::is_ascii_uppercase)
            && b[6..]
                .iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
    if valid {
        Ok(bic)
    } else {
        Err(EpcError::Bic)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn deposit_account() -> BeIban {
        BeIban::parse("BE64733033797052").unwrap()
    }

    fn manual_communication() -> StructuredCommunication {
        StructuredCommunication::parse("180185105305").unwrap()
    }

    #[test]
    fn manual_003_deposit_gives_this_exact_payload() {
        let payload = deposit_payload(
            "Pluxee Belgium nv",
            "KREDBEBB",
            &deposit_account(),
            Money::parse("630.00").unwrap(),
            &manual_communication(),
        )
        .unwrap();
        assert_eq!(
            payload,
            "BCD\n002\n1\nSCT\nKREDBEBB\nPluxee Belgium nv\nBE64733033797052\nEUR630.00\n\n180185105305"
        );
    }

    #[test]
    fn bic_may_be_left_out_or_given_in_lower_case() {
        let payload = |bic: &str| {
            deposit_payload(
                " Pluxee Belgium nv ",
                bic,
                &deposit_account(),
                Money::parse("0.01").unwrap(),
                &manual_communication(),
            )
            .unwrap()
        };
        assert_eq!(
            payload(""),
            "BCD\n002\n1\nSCT\n\nPluxee Belgium nv\nBE64733033797052\nEUR0.01\n\n180185105305"
        );
        assert!(payload("kredbebb").contains("\nKREDBEBB\n"));
        assert!(payload("KREDBEBBXXX").contains("\nKREDBEBBXXX\n"));
    }

    #[test]
    fn deposit_payload_refuses_what_a_banking_app_could_not_read() {
        let money = |s: &str| Money::parse(s).unwrap();
        let long_name = "N".repeat(71);
        for (name, bic, amount, err) in [
            ("", "KREDBEBB", money("630"), EpcError::BeneficiaryEmpty),
            ("   ", "KREDBEBB", money("630"), EpcError::BeneficiaryEmpty),
            (
                long_name.as_str(),
                "KREDBEBB",
                money("630"),
                EpcError::BeneficiaryTooLong,
            ),
            (
                "Pluxee\nBelgium",
                "KREDBEBB",
                money("630"),
                EpcError::BeneficiaryInvalidCharacter,
            ),
            ("Pluxee", "KREDBEB", money("630"), EpcError::Bic),
            ("Pluxee", "KREDBEBBXX", money("630"), EpcError::Bic),
            ("Pluxee", "KRED1EBB", money("630"), EpcError::Bic),
            ("Pluxee", "KREDBE-B", money("630"), EpcError::Bic),
            ("Pluxee", "KREDBEBB", Money::ZERO, EpcError::AmountTooSmall),
        ] {
            assert_eq!(
                deposit_payload(
                    name,
                    bic,
                    &deposit_account(),
                    amount,
                    &manual_communication()
                ),
                Err(err),
                "{name:?} {bic:?} {amount}"
            );
        }
    }

    #[test]
    fn a_name_of_70_characters_fits_but_not_one_that_overflows_331_bytes() {
        let amount = Money::parse("630").unwrap();
        let seventy = "N".repeat(70);
        assert!(deposit_payload(
            &seventy,
            "KREDBEBB",
            &deposit_account(),
            amount,
            &manual_communication()
        )
        .is_ok());
        // 70 four-byte characters: 280 bytes of name alone.
        let wide = "𝔑".repeat(70);
        assert_eq!(
            deposit_payload(
                &wide,
                "KREDBEBB",
                &deposit_account(),
                amount,
                &manual_communication()
            ),
            Err(EpcError::PayloadTooLong)
        );
    }

    #[test]
    fn the_largest_amount_money_holds_is_within_the_epc_maximum() {
        assert!(Money::MAX.cents() <= MAX_AMOUNT_CENTS);
    }

    #[test]
    fn every_error_has_a_distinct_code_and_a_message() {
        let all = [
            EpcError::BeneficiaryEmpty,
            EpcError::BeneficiaryTooLong,
            EpcError::BeneficiaryInvalidCharacter,
            EpcError::Bic,
            EpcError::AmountTooSmall,
            EpcError::PayloadTooLong,
        ];
        let codes: std::collections::HashSet<_> = all.iter().map(|e| e.code()).collect();
        assert_eq!(codes.len(), all.len());
        assert!(all.iter().all(|e| !e.message().is_empty()));
    }

    proptest! {
        #[test]
        fn every_deposit_payload_has_ten_elements_and_fits_the_qr_code(
            cents in 1i64..=Money::MAX.cents(),
            sequence in 0u64..10_000_000_000,
            name in "[A-Za-z0-9 .,&'-]{1,70}",
        ) {
            prop_assume!(!name.trim().is_empty());
            let amount = Money::from_cents(cents).unwrap();
            let communication = StructuredCommunication::from_sequence(sequence).unwrap();
            let payload = deposit_payload(&name, "KREDBEBB", &deposit_account(), amount, &communication).unwrap();
            let lines: Vec<&str> = payload.split('\n').collect();
            prop_assert_eq!(lines.len(), 10);
            prop_assert_eq!(lines[5], name.trim());
            prop_assert_eq!(lines[7], format!("EUR{amount}"));
            prop_assert_eq!(StructuredCommunication::parse(lines[9]), Ok(communication));
            prop_assert!(payload.len() <= MAX_PAYLOAD_BYTES);
        }
    }
}
