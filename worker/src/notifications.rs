//! The mails the real system sends (003: "U ontvangt hiervan een melding per e-mail") and the
//! reminders it adds, written to the outbox table as Dutch text in the batch of the change that
//! causes them. Sending them is [`crate::mail`]'s concern.

use shared::api::enterprise::DepositDetails;
use shared::format::euro;
use shared::mail::MailKind;
use shared::project::{Event, Movement, Project, Status};
use shared::reminder::Reminder;

use crate::auth::Role;
use crate::store::ProjectRow;

/// One mail: to an enterprise or a provider (by number), subject and text, and the EPC QR
/// payload to show as an image when the mail asks for a deposit.
pub struct Mail {
    pub role: Role,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub kind: MailKind,
    pub qr: Option<String>,
}

fn to_enterprise(row: &ProjectRow, subject: String, body: String) -> Mail {
    Mail {
        role: Role::Enterprise,
        to: row.enterprise_number.clone(),
        subject,
        body,
        kind: MailKind::Notice,
        qr: None,
    }
}

fn to_provider(row: &ProjectRow, subject: String, body: String) -> Mail {
    Mail {
        role: Role::Provider,
        to: row.provider_number.to_string(),
        subject,
        body,
        kind: MailKind::Notice,
        qr: None,
    }
}

/// What the portal shows instead of a confirmation mail's text (its link is for the mailbox).
pub const SECRET_NOT_SHOWN: &str = "Deze mail bevat een persoonlijke bevestigingslink. Die \
    staat alleen in de mail zelf, in de mailbox waarnaar ze verstuurd werd.";

const SIGNATURE: &str = "\n\nMet vriendelijke groeten,\nhet team kmo-portefeuille";

/// The notice of a changed e-mail address or refund IBAN, sent to the address on file *before*
/// the change (the outbox row is written ahead of the update in the same batch), so the
/// enterprise learns of a change it did not make.
pub fn profile_changed(
    enterprise: &str,
    by: &str,
    new_email: Option<&str>,
    new_iban: Option<&str>,
) -> Mail {
    let mut changes = String::new();
    if let Some(e) = new_email {
        changes.push_str(&format!("- e-mailadres: nu {e}\n"));
    }
    if let Some(i) = new_iban {
        changes.push_str(&format!(
            "- rekeningnummer voor terugbetalingen: nu {}\n",
            mask_iban(i)
        ));
    }
    Mail {
        role: Role::Enterprise,
        to: enterprise.to_string(),
        kind: MailKind::Security,
        qr: None,
        subject: "Uw gegevens in de kmo-portefeuille werden gewijzigd".into(),
        body: format!(
            "Beste,\n\n{by} wijzigde de gegevens van uw onderneming in de kmo-portefeuille:\n{changes}\n\
             Deed u of een collega dit niet? Meld u dan aan, zet de juiste gegevens terug en neem \
             contact op met VLAIO.\n\nMet vriendelijke groeten,\nhet team kmo-portefeuille"
        ),
    }
}

/// The link that confirms an enterprise's e-mail address (000: the address "voor alle
/// correspondentie"), sent to that address when it is given: at registration or when changed.
/// The token sits in the link's fragment, which browsers never send to a server: only the
/// confirmation page's own request carries it.
pub fn email_confirmation(enterprise: &str, origin: &str, token: &str) -> Mail {
    Mail {
        role: Role::Enterprise,
        to: enterprise.to_string(),
        kind: MailKind::Confirmation,
        qr: None,
        subject: "Bevestig uw e-mailadres voor de kmo-portefeuille".into(),
        body: format!(
            "Beste,\n\nDit e-mailadres werd opgegeven voor alle briefwisseling over de \
             kmo-portefeuille van uw onderneming. Bevestig het via deze link (7 dagen geldig):\n\n\
             {origin}/e-mailadres-bevestigen#{token}\n\nGaf u dit adres niet op? Dan mag u deze \
             mail negeren.\n\nMet vriendelijke groeten,\nhet team kmo-portefeuille"
        ),
    }
}

/// An IBAN with all but the country code and the last four characters hidden.
pub fn mask_iban(iban: &str) -> String {
    let chars: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.len() < 8 {
        return "****".into();
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{}{} **** {tail}", chars[0], chars[1])
}

/// The mails of a new application: its registration with the deposit details (and their EPC QR
/// code), and the provider's notice (001: "hij wordt via mail verwittigd").
pub fn application_registered(row: &ProjectRow, deposit: &DepositDetails) -> Vec<Mail> {
    let mut registered = to_enterprise(
        row,
        format!(
            "Uw subsidieaanvraag {} werd geregistreerd",
            row.dossier_number
        ),
        format!(
            "Beste ondernemer,\n\nUw subsidieaanvraag voor '{}' werd geregistreerd onder \
             nummer {}.\n\n{}{SIGNATURE}",
            row.name,
            row.dossier_number,
            deposit_lines(deposit),
        ),
    );
    registered.qr = Some(deposit.epc_qr.clone());
    vec![
        registered,
        to_provider(
            row,
            format!(
                "Nieuwe steunaanvraag {} vermeldt u als dienstverlener",
                row.dossier_number
            ),
            format!(
                "Beste dienstverlener,\n\nEen onderneming heeft een steunaanvraag ingediend voor \
                 '{}' (project {}) en u als dienstverlener gekozen. Voldoet de aanvraag niet \
                 aan de voorwaarden van de kmo-portefeuille, dan kan u ze weigeren.{SIGNATURE}",
                row.name, row.dossier_number
            ),
        ),
    ]
}

/// A fully paid project was stopped (RULES.md §7 cases 3 and 4): the enterprise learns what
/// happens next, the provider how to pay back: to the wallet account with the project's
/// structured communication, which the bank statement import matches.
fn recovery_requested(row: &ProjectRow, after: &Project, reason: &str) -> Vec<Mail> {
    let dossier = &row.dossier_number;
    let paid = euro(after.paid());
    let subject = format!("Project {dossier}: {}", after.status().label_nl());
    let mut mails = vec![to_enterprise(
        row,
        subject.clone(),
        format!(
            "Beste ondernemer,\n\nHet project werd stopgezet: {reason}\n\nHet volledige \
             projectbedrag van {paid} was al aan uw dienstverlener betaald. De dienstverlener \
             betaalt het terug aan de kmo-portefeuille; daarna wordt uw eigen bijdrage \
             teruggestort op het rekeningnummer van uw onderneming."
        ),
    )];
    let how = match row.deposit_details() {
        Ok(d) => format!(
            " op rekening {} (BIC {}) van {} met de gestructureerde mededeling {}",
            d.iban, d.bic, d.beneficiary, d.communication
        ),
        Err(_) => String::new(),
    };
    mails.push(to_provider(
        row,
        subject,
        format!(
            "Beste dienstverlener,\n\nDe onderneming heeft project {dossier} ('{}') \
             stopgezet: {reason}\n\nU ontving {paid} via de kmo-portefeuille. Betaal dit \
             bedrag terug{how}. De eigen bijdrage gaat terug naar de onderneming, de subsidie \
             naar de Vlaamse overheid.",
            row.name
        ),
    ));
    mails
}

/// How to deposit the own contribution (003 step 5), as the mails write it.
fn deposit_lines(d: &DepositDetails) -> String {
    format!(
        "Stort uw eigen bijdrage van {} op rekening {} (BIC {}) van {} met de gestructureerde \
         mededeling {}. Het bedrag moet {} op de kmo-portefeuille rekening staan. Met de QR-code \
         in deze mail vult uw bankapp de overschrijving in.",
        euro(d.amount),
        d.iban,
        d.bic,
        d.beneficiary,
        d.communication,
        d.deadline_nl,
    )
}

/// A deposit reminder of the daily job (shared::reminder): the own contribution is not yet on
/// the wallet account, with how to pay it and its EPC QR code.
pub fn deposit_reminder(row: &ProjectRow, reminder: Reminder, deposit: &DepositDetails) -> Mail {
    let dossier = &row.dossier_number;
    Mail {
        role: Role::Enterprise,
        to: row.enterprise_number.clone(),
        subject: format!(
            "Herinnering: stort uw eigen bijdrage voor project {dossier} {}",
            shared::deadlines::at_the_latest(row.state.deposit_by())
        ),
        body: format!(
            "Beste ondernemer,\n\nWe ontvingen uw eigen bijdrage voor '{}' (project \
             {dossier}) nog niet. Staat ze niet tijdig op de kmo-portefeuille rekening, dan \
             wordt de aanvraag geannuleerd en krijgt u geen subsidie.\n\n{}\n\nHebt u al \
             betaald? Dan mag u deze mail negeren.{SIGNATURE}",
            row.name,
            deposit_lines(deposit)
        ),
        kind: MailKind::Reminder(reminder),
        qr: Some(deposit.epc_qr.clone()),
    }
}

/// A closing reminder of the daily job (shared::reminder): money left on a project about to
/// close, and what happens to it if nothing more is paid.
pub fn closing_reminder(row: &ProjectRow, reminder: Reminder) -> Mail {
    let dossier = &row.dossier_number;
    let project = &row.state;
    let closes = shared::format::date(project.closes_on());
    let consequence = match shared::reminder::lapse_if_nothing_paid(project, project.closes_on()) {
        Some(l) => format!(
            "\n\nBetaalt u niets meer, dan wordt {} eigen bijdrage teruggestort op het \
             rekeningnummer van uw onderneming en vervalt {} subsidie.",
            euro(l.refunded),
            euro(l.lost_subsidy)
        ),
        None => String::new(),
    };
    Mail {
        role: Role::Enterprise,
        to: row.enterprise_number.clone(),
        subject: format!("Herinnering: project {dossier} sluit op {closes}"),
        body: format!(
            "Beste ondernemer,\n\nOp project '{}' ({dossier}) staat nog {}. Het project sluit \
             automatisch op {closes}: betaal uw dienstverlener vóór die dag via de \
             kmo-portefeuille.{consequence}{SIGNATURE}",
            row.name,
            euro(project.available()),
        ),
        kind: MailKind::Reminder(reminder),
        qr: None,
    }
}

/// The mails a transition causes.
pub fn for_change(
    row: &ProjectRow,
    before: &Project,
    after: &Project,
    movements: &[Movement],
    event: &Event,
) -> Vec<Mail> {
    let mut mails = Vec::new();
    let dossier = &row.dossier_number;
    for m in movements {
        match m {
            Movement::SubsidyIn { .. } => mails.push(to_enterprise(
                row,
                format!("Storting ontvangen voor project {dossier}"),
                format!(
                    "Beste ondernemer,\n\nDe storting voor het project met nummer {dossier} \
                     werd goed ontvangen en de subsidie werd toegevoegd. Het beschikbaar saldo \
                     (= eigen bijdrage + subsidie) voor dit project is {}. Wanneer de \
                     dienstverlener een factuur stuurt, kan je deze via de kmo-portefeuille \
                     betalen.",
                    euro(after.available())
                ),
            )),
            Movement::DepositReturned { amount, reason } => mails.push(to_enterprise(
                row,
                format!("Storting teruggestort voor project {dossier}"),
                format!(
                    "Beste ondernemer,\n\nUw storting van {} voor project {dossier} werd niet \
                     aanvaard en wordt teruggestort: {}",
                    euro(*amount),
                    reason.message(before)
                ),
            )),
            Movement::PaymentOut { amount, .. } => {
                mails.push(to_enterprise(
                    row,
                    format!("Betaling aan uw dienstverlener voor project {dossier}"),
                    format!(
                        "Beste ondernemer,\n\nU gaf opdracht om {} te betalen aan uw \
                         dienstverlener voor project {dossier}. Het kan tot 14 kalenderdagen \
                         duren vooraleer de betaling wordt uitgevoerd. Resterend saldo: {}.",
                        euro(*amount),
                        euro(after.available())
                    ),
                ));
                mails.push(to_provider(
                    row,
                    format!("Betaling via de kmo-portefeuille voor project {dossier}"),
                    format!(
                        "Beste dienstverlener,\n\nDe onderneming gaf opdracht om {} aan u te \
                         betalen voor project {dossier} ('{}').",
                        euro(*amount),
                        row.name
                    ),
                ));
            }
            Movement::RefundOwnContribution { amount } => mails.push(to_enterprise(
                row,
                format!("Terugbetaling eigen bijdrage voor project {dossier}"),
                format!(
                    "Beste ondernemer,\n\n{} van uw eigen bijdrage voor project {dossier} wordt \
                     teruggestort op het rekeningnummer van uw onderneming.",
                    euro(*amount)
                ),
            )),
            Movement::RecoveredFromProvider { amount, .. } => {
                mails.push(to_enterprise(
                    row,
                    format!("Terugbetaling door uw dienstverlener voor project {dossier}"),
                    format!(
                        "Beste ondernemer,\n\nUw dienstverlener betaalde {} terug voor het \
                         stopgezette project {dossier}. Uw eigen bijdrage wordt teruggestort.",
                        euro(*amount)
                    ),
                ));
                mails.push(to_provider(
                    row,
                    format!("Terugbetaling ontvangen voor project {dossier}"),
                    format!(
                        "Beste dienstverlener,\n\nUw terugbetaling van {} voor het stopgezette \
                         project {dossier} ('{}') werd ontvangen. Het dossier is afgesloten.",
                        euro(*amount),
                        row.name
                    ),
                ));
            }
            _ => {}
        }
    }
    if let (Status::AwaitingRecovery, Event::Stop { reason, .. }) = (after.status(), event) {
        mails.extend(recovery_requested(row, after, reason));
    }
    if before.status() != after.status() {
        let status = after.status();
        let line = match (status, event) {
            (Status::Finished, _) => Some("Het volledige projectbedrag is betaald: het project is afgewerkt.".to_string()),
            (Status::Cancelled, _) => Some("Uw eigen bijdrage stond niet tijdig op de kmo-portefeuille rekening: de aanvraag is geannuleerd. Een nieuwe aanvraag voor dezelfde dienst kan zolang de start minder dan 14 kalenderdagen geleden is.".to_string()),
            (Status::Refused, Event::ProviderRefused { reason, .. }) => Some(format!("Uw dienstverlener heeft de aanvraag geweigerd: {reason}")),
            (Status::Stopped, Event::Stop { reason, .. }) => Some(format!("Het project werd stopgezet: {reason}")),
            (Status::Closed, _) => Some("Het project werd automatisch afgesloten op het einde van de looptijd.".to_string()),
            _ => None,
        };
        if let Some(line) = line {
            mails.push(to_enterprise(
                row,
                format!("Project {dossier}: {}", status.label_nl()),
                format!("Beste ondernemer,\n\n{line}"),
            ));
            if matches!(status, Status::Stopped | Status::Cancelled | Status::Closed) {
                mails.push(to_provider(
                    row,
                    format!("Project {dossier}: {}", status.label_nl()),
                    format!(
                        "Beste dienstverlener,\n\nProject {dossier} ('{}'): {line}",
                        row.name
                    ),
                ));
            }
        }
    }
    mails
}

#[cfg(test)]
mod profile_tests {
    use super::*;

    #[test]
    fn the_change_notice_names_what_changed_and_hides_the_account() {
        let m = profile_changed(
            "0403227515",
            "Eva Peeters",
            Some("nieuw@x.be"),
            Some("BE68539007547034"),
        );
        assert_eq!(m.to, "0403227515");
        assert!(m.body.contains("Eva Peeters wijzigde"));
        assert!(m.body.contains("nu nieuw@x.be"));
        assert!(m.body.contains("BE **** 7034"));
        assert!(!m.body.contains("539007547034"));
        let only_iban = profile_changed("0403227515", "Eva", None, Some("BE68539007547034"));
        assert!(!only_iban.body.contains("e-mailadres"));
    }
}
