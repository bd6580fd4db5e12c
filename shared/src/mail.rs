//! What a mail is, for the sender: which mails wait until an enterprise's e-mail address is
//! confirmed, and to which address a mail goes.
//!
//! RULES.md §1 (registration): the e-mail address is "voor alle correspondentie"; the product
//! mails an address only once its owner followed the link mailed to it. Two mails cannot wait
//! for that: the link itself, and the notice of a changed address or account, which goes to the
//! address on file *before* the change so the enterprise learns of a change it did not make.

use crate::reminder::Reminder;

/// The kind of a mail, stored with it (`outbox.kind`, and `outbox.reminder` for a reminder).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    /// What happened to an application or project (003: "U ontvangt hiervan een melding").
    Notice,
    /// The link that confirms an e-mail address.
    Confirmation,
    /// The notice of a changed e-mail address or refund account.
    Security,
    /// A reminder of the daily job.
    Reminder(Reminder),
}

impl MailKind {
    /// The stored code (outbox.kind).
    pub fn id(self) -> &'static str {
        match self {
            MailKind::Notice => "notice",
            MailKind::Confirmation => "confirmation",
            MailKind::Security => "security",
            MailKind::Reminder(_) => "reminder",
        }
    }

    pub fn reminder(self) -> Option<Reminder> {
        match self {
            MailKind::Reminder(r) => Some(r),
            _ => None,
        }
    }

    /// Whether the mail goes to the enterprise's address on file when it is sent, and waits
    /// while that address is not confirmed. The link and the change notice go to the address
    /// they were written for, at once.
    pub fn waits_for_a_confirmed_address(self) -> bool {
        matches!(self, MailKind::Notice | MailKind::Reminder(_))
    }

    /// The stored codes of the kinds that wait ([`MailKind::waits_for_a_confirmed_address`]).
    pub fn waiting_ids() -> impl Iterator<Item = &'static str> {
        [
            MailKind::Notice,
            MailKind::Confirmation,
            MailKind::Security,
            MailKind::Reminder(Reminder::DepositWeek),
        ]
        .into_iter()
        .filter(|k| k.waits_for_a_confirmed_address())
        .map(MailKind::id)
    }

    /// Whether the mail carries a secret (the confirmation link) that only the mailbox may see:
    /// the portal's list of mails shows it without its text.
    pub fn is_secret(self) -> bool {
        matches!(self, MailKind::Confirmation)
    }

    /// The kind as stored (`kind`, `reminder`); None for an unknown combination.
    pub fn parse(kind: &str, reminder: Option<&str>) -> Option<MailKind> {
        match (kind, reminder) {
            ("notice", None) => Some(MailKind::Notice),
            ("confirmation", None) => Some(MailKind::Confirmation),
            ("security", None) => Some(MailKind::Security),
            ("reminder", Some(code)) => Reminder::ALL
                .into_iter()
                .find(|r| r.code() == code)
                .map(MailKind::Reminder),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_notices_and_reminders_wait_for_a_confirmed_address() {
        assert!(MailKind::Notice.waits_for_a_confirmed_address());
        assert!(MailKind::Reminder(Reminder::ClosingFortnight).waits_for_a_confirmed_address());
        assert!(!MailKind::Confirmation.waits_for_a_confirmed_address());
        assert!(!MailKind::Security.waits_for_a_confirmed_address());
        assert_eq!(
            MailKind::waiting_ids().collect::<Vec<_>>(),
            ["notice", "reminder"]
        );
    }

    #[test]
    fn kinds_read_back_as_stored() {
        for kind in [
            MailKind::Notice,
            MailKind::Confirmation,
            MailKind::Security,
            MailKind::Reminder(Reminder::DepositTwoDays),
        ] {
            let stored = kind.reminder().map(Reminder::code);
            assert_eq!(MailKind::parse(kind.id(), stored), Some(kind));
        }
        assert_eq!(MailKind::parse("reminder", None), None);
        assert_eq!(MailKind::parse("notice", Some("deposit_7d")), None);
        assert_eq!(MailKind::parse("spam", None), None);
    }
}
