//! The kmo-portefeuille account the own contribution is deposited on (003 step 5,
//! "Stortingsgegevens"): held by the financial partner Pluxee Belgium nv (formerly Sodexo).

use serde::Serialize;

use crate::epc_qr;
use crate::format;
use crate::ids::iban::BeIban;
use crate::ids::structured_communication::StructuredCommunication;
use crate::money::Money;

/// Begunstigde, as the manual shows it.
pub const BENEFICIARY: &str = "Pluxee Belgium nv";
pub const BENEFICIARY_ADDRESS: &str = "Ravensteinstraat 36, 1000 Brussel";
/// Rekeningnummer (003): BE64 7330 3379 7052.
pub const IBAN: &str = "BE64733033797052";
/// The BIC of bank code 733 (KBC).
pub const BIC: &str = "KREDBEBB";

/// What the enterprise needs to deposit its own contribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DepositDetails {
    pub beneficiary: &'static str,
    pub beneficiary_address: &'static str,
    /// Shown in groups of four: `BE64 7330 3379 7052`.
    pub iban: String,
    pub bic: &'static str,
    /// `+++180/1851/05305+++`.
    pub communication: String,
    pub amount: Money,
    /// Last day the amount must be on the account, `YYYY-MM-DD`.
    pub deadline: chrono::NaiveDate,
    /// "uiterlijk 21/04/2024".
    pub deadline_nl: String,
    /// The EPC QR payload (EPC069-12) a banking app reads.
    pub epc_qr: String,
}

pub fn deposit_details(
    communication: &StructuredCommunication,
    amount: Money,
    deadline: chrono::NaiveDate,
) -> Result<DepositDetails, epc_qr::EpcError> {
    let iban = BeIban::parse(IBAN).expect("the wallet account IBAN is a valid constant");
    let epc = epc_qr::deposit_payload(BENEFICIARY, BIC, &iban, amount, communication)?;
    Ok(DepositDetails {
        beneficiary: BENEFICIARY,
        beneficiary_address: BENEFICIARY_ADDRESS,
        iban: iban.to_string(),
        bic: BIC,
        communication: communication.to_string(),
        amount,
        deadline,
        deadline_nl: format!("uiterlijk {}", format::date(deadline)),
        epc_qr: epc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manuals_deposit_details() {
        let c = StructuredCommunication::parse("180185105305").unwrap();
        let d = deposit_details(
            &c,
            Money::parse("630").unwrap(),
            chrono::NaiveDate::from_ymd_opt(2024, 4, 21).unwrap(),
        )
        .unwrap();
        assert_eq!(d.iban, "BE64 7330 3379 7052");
        assert_eq!(d.communication, "+++180/1851/05305+++");
        assert_eq!(d.deadline_nl, "uiterlijk 21/04/2024");
        assert!(d.epc_qr.contains("EUR630.00"));
    }
}
