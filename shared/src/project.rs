//! The project's life (het verloop van een project) as a state machine with its money
//! movements. RULES.md §7; seeds 001, 003, 004; VLAIO 'storten en betalen' and 'subsidies
//! stopzetten en terugbetaling'.
//!
//! A [`Project`] only changes through [`Project::apply`], a pure function that answers with the
//! next project and the [`Movement`]s of money it causes, or with a [`TransitionError`]. The
//! worker stores both; nothing here does I/O.
//!
//! | from | event | to | money |
//! |---|---|---|---|
//! | awaiting deposit | deposit, exact and in time | running | own contribution in, subsidy in |
//! | awaiting deposit | deposit, wrong amount | awaiting deposit | deposit returned |
//! | awaiting deposit | deposit, late | cancelled | deposit returned |
//! | awaiting deposit | deadline passed | cancelled | — |
//! | running | deposit | running | deposit returned (already received) |
//! | running | payment ≤ available | running, or finished when all is paid | payment out |
//! | awaiting deposit, running | provider refuses (nothing paid yet) | refused | refunds |
//! | awaiting deposit, running | stop (cases 1 and 2) | stopped | refunds |
//! | finished | stop with its cause (cases 3 and 4) | awaiting recovery | — |
//! | awaiting recovery | recovery of all that was paid | stopped | recovered, refunds |
//! | awaiting deposit | term ended | cancelled | — |
//! | running | term ended | closed | refunds |
//! | finished (except a stop), cancelled, refused, stopped, closed | anything | — (error) | — |
//! | awaiting recovery | anything but the recovery | — (error) | — |
//!
//! Choices made where the sources are silent:
//! - **One event for deposit and subsidy.** 003 ("Ontvangst subsidie"): when the own
//!   contribution arrives in time "wordt de subsidie toegevoegd", and the deposit mail already
//!   states the available balance as "eigen bijdrage + subsidie". So an accepted deposit moves
//!   two amounts in one transition ([`Movement::OwnContributionIn`], [`Movement::SubsidyIn`]);
//!   there is no state with the deposit in but the subsidy missing.
//! - **A refused deposit is a movement, not an error.** The money did arrive, so a deposit of
//!   the wrong amount, a late one or a second one on a running project is answered with
//!   [`Movement::DepositReturned`] naming the [`DepositProblem`]. A wrong amount leaves the
//!   project awaiting its deposit (VLAIO: refused and sent back); a late one cancels it (004).
//!   A deposit for a project that has ended is an error: the worker sends it back as money it
//!   cannot match.
//! - **Payment split.** Each payment is split into an own part and a subsidy part so that the
//!   subsidy paid so far is always `round_half_up(paid so far × subsidy / project amount)`,
//!   the own part being the rest of the payment. Rounding the running total instead of each
//!   payment keeps the split within half a cent of the exact proportion however many partial
//!   payments there are, both parts are never negative (the rounded total only grows), and
//!   the payment that completes the project takes exactly what is left of each part.
//! - **Refunds** (stop, refusal, end of term): what is left of the own contribution goes back
//!   to the enterprise; what is left of the subsidy goes back to the enterprise's annual budget
//!   when the event falls in the calendar year of the application, otherwise to the
//!   government. A closing at the end of the term is always in a later year.
//! - **Dates.** Every event is dated and may not be before the application date. Payments,
//!   stops and refusals dated after [`Project::closes_on`] are refused: the term is over and
//!   [`Event::TermEnded`] should be applied. Events are not otherwise required to come in date
//!   order.
//! - The provider may refuse only as long as nothing has been paid to it; after that the
//!   project can still be stopped.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::amounts::Amounts;
use crate::deadlines;
use crate::error::Reason;
use crate::format;
use crate::money::Money;

/// Where a project is in its life. Only 'Lopend' and 'Afgewerkt' are official names (003);
/// the others are named after what happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Status {
    /// Wacht op storting: applied, the own contribution is not in yet.
    AwaitingDeposit,
    /// Lopend: deposit and subsidy in, the provider can be paid.
    Running,
    /// Afgewerkt: the whole project amount is paid (003).
    Finished,
    /// Geannuleerd: the deposit came too late or not at all (004).
    Cancelled,
    /// Geweigerd door dienstverlener (001).
    Refused,
    /// Stopgezet by the enterprise, with a reason.
    Stopped,
    /// Stopgezet after the whole project amount was paid (RULES.md §7 cases 3 and 4): the
    /// money is with the provider, who pays it back; the operator records the recovery.
    AwaitingRecovery,
    /// Afgesloten: closed automatically at the end of the term (004).
    Closed,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::AwaitingDeposit,
        Status::Running,
        Status::Finished,
        Status::Cancelled,
        Status::Refused,
        Status::Stopped,
        Status::AwaitingRecovery,
        Status::Closed,
    ];

    /// The API and storage id.
    pub fn id(self) -> &'static str {
        match self {
            Status::AwaitingDeposit => "awaiting_deposit",
            Status::Running => "running",
            Status::Finished => "finished",
            Status::Cancelled => "cancelled",
            Status::Refused => "refused",
            Status::Stopped => "stopped",
            Status::AwaitingRecovery => "awaiting_recovery",
            Status::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|t| t.id() == s)
    }

    /// Dutch label for the overview's 'Status' column.
    pub fn label_nl(self) -> &'static str {
        match self {
            Status::AwaitingDeposit => "Wacht op storting",
            Status::Running => "Lopend",
            Status::Finished => "Afgewerkt",
            Status::Cancelled => "Geannuleerd",
            Status::Refused => "Geweigerd door dienstverlener",
            Status::Stopped => "Stopgezet",
            Status::AwaitingRecovery => "Stopgezet, wacht op terugbetaling dienstverlener",
            Status::Closed => "Afgesloten",
        }
    }

    /// A project in a terminal status accepts no event any more (a finished one only a stop).
    pub fn is_terminal(self) -> bool {
        !matches!(
            self,
            Status::AwaitingDeposit | Status::Running | Status::AwaitingRecovery
        )
    }

    /// The project has an end date: terminal, or stopped and waiting for the provider.
    fn has_ended(self) -> bool {
        self.is_terminal() || self == Status::AwaitingRecovery
    }
}

/// Why a fully paid project is stopped: RULES.md §7, VLAIO 'subsidies stopzetten en
/// terugbetaling', cases 3 and 4. The money of both is already with the provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum StopCause {
    /// Case 3: the provider cancels the service.
    ProviderCancelled,
    /// Case 4: the enterprise decides not to take part.
    EnterpriseWithdraws,
}

impl StopCause {
    pub const ALL: [StopCause; 2] = [StopCause::ProviderCancelled, StopCause::EnterpriseWithdraws];

    /// The API and storage id.
    pub fn id(self) -> &'static str {
        match self {
            StopCause::ProviderCancelled => "provider_cancelled",
            StopCause::EnterpriseWithdraws => "enterprise_withdraws",
        }
    }

    pub fn parse(s: &str) -> Option<StopCause> {
        StopCause::ALL.into_iter().find(|c| c.id() == s)
    }

    /// Dutch label for the choice on the project page.
    pub fn label_nl(self) -> &'static str {
        match self {
            StopCause::ProviderCancelled => "De dienstverlener annuleert de dienst",
            StopCause::EnterpriseWithdraws => "Mijn onderneming neemt niet deel",
        }
    }
}

/// Why a provider refuses an application (001: it may refuse one that does not meet the
/// conditions), when the rules name the ground.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum RefusalGround {
    /// RULES.md §3, VLAIO 'beoordeling van de aanvraag': enterprise and provider are related;
    /// the provider must refuse.
    RelatedParty,
}

impl RefusalGround {
    pub const ALL: [RefusalGround; 1] = [RefusalGround::RelatedParty];

    /// The API id.
    pub fn id(self) -> &'static str {
        match self {
            RefusalGround::RelatedParty => "related_party",
        }
    }

    pub fn parse(s: &str) -> Option<RefusalGround> {
        RefusalGround::ALL.into_iter().find(|g| g.id() == s)
    }

    /// The reason the project keeps: the ground in the rules' words, then the provider's own.
    pub fn reason(self, own_words: &str) -> String {
        match self {
            RefusalGround::RelatedParty => format!(
                "Verbonden onderneming: de onderneming en de dienstverlener delen kapitaal, \
                 stemrechten, een bestuurder, zaakvoerder, werknemer of aandeelhouder, of zijn \
                 verwant tot in de tweede graad; daarvoor is geen steun mogelijk. {}",
                own_words.trim()
            ),
        }
    }
}

/// Why a project's amounts cannot be accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountsError {
    /// There is nothing to deposit.
    NoOwnContribution,
    /// Own contribution plus subsidy is above [`Money::MAX`].
    TooLarge,
    /// A stored project amount is not own contribution + subsidy.
    DoesNotAddUp,
}

impl AmountsError {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            AmountsError::NoOwnContribution => "no_own_contribution",
            AmountsError::TooLarge => "amount_too_large",
            AmountsError::DoesNotAddUp => "amounts_do_not_add_up",
        }
    }

    /// Dutch message for people.
    pub fn message(self) -> String {
        match self {
            AmountsError::NoOwnContribution => {
                "Een project heeft een eigen bijdrage van minstens € 0,01.".to_string()
            }
            AmountsError::TooLarge => format!(
                "Het projectbedrag mag niet hoger zijn dan {}.",
                format::euro(Money::MAX)
            ),
            AmountsError::DoesNotAddUp => {
                "Het projectbedrag is niet gelijk aan eigen bijdrage plus subsidie.".to_string()
            }
        }
    }
}

impl fmt::Display for AmountsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// The project amount and its split (003 step 2): always `own_contribution + subsidy`, with an
/// own contribution of at least one cent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "AmountsRecord")]
pub struct ProjectAmounts {
    project_amount: Money,
    own_contribution: Money,
    subsidy: Money,
}

#[derive(Deserialize)]
struct AmountsRecord {
    project_amount: Money,
    own_contribution: Money,
    subsidy: Money,
}

impl TryFrom<AmountsRecord> for ProjectAmounts {
    type Error = AmountsError;

    fn try_from(r: AmountsRecord) -> Result<ProjectAmounts, AmountsError> {
        let amounts = ProjectAmounts::new(r.own_contribution, r.subsidy)?;
        if amounts.project_amount != r.project_amount {
            return Err(AmountsError::DoesNotAddUp);
        }
        Ok(amounts)
    }
}

impl ProjectAmounts {
    pub fn new(own_contribution: Money, subsidy: Money) -> Result<ProjectAmounts, AmountsError> {
        if own_contribution.is_zero() {
            return Err(AmountsError::NoOwnContribution);
        }
        let project_amount = own_contribution
            .checked_add(subsidy)
            .ok_or(AmountsError::TooLarge)?;
        Ok(ProjectAmounts {
            project_amount,
            own_contribution,
            subsidy,
        })
    }

    /// The amounts the application form computed ([`crate::amounts::split`]).
    pub fn from_split(amounts: &Amounts) -> Result<ProjectAmounts, AmountsError> {
        ProjectAmounts::new(amounts.own_contribution, amounts.subsidy)
    }

    /// Projectbedrag binnen de kmo-portefeuille.
    pub fn project_amount(&self) -> Money {
        self.project_amount
    }

    /// Bijdrage onderneming: the amount to deposit, exactly.
    pub fn own_contribution(&self) -> Money {
        self.own_contribution
    }

    /// Bijdrage Vlaamse overheid (subsidie).
    pub fn subsidy(&self) -> Money {
        self.subsidy
    }
}

/// Running totals of every amount that moved on a project, per part (own / subsidy).
///
/// What is still on the project balance is derived: what came in minus what went out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Balances {
    /// Eigen bijdrage received.
    pub own_deposited: Money,
    /// Subsidy added by the government.
    pub subsidy_credited: Money,
    /// Own part of all payments to the provider.
    pub paid_own: Money,
    /// Subsidy part of all payments to the provider.
    pub paid_subsidy: Money,
    /// Own contribution refunded to the enterprise's bank account.
    pub own_refunded: Money,
    /// Subsidy given back to the enterprise's annual budget.
    pub subsidy_to_annual_budget: Money,
    /// Subsidy returned to the government.
    pub subsidy_to_government: Money,
    /// Own part paid back by the provider after a stop of a fully paid project (RULES.md §7).
    #[serde(default)]
    pub recovered_own: Money,
    /// Subsidy part paid back by the provider after such a stop.
    #[serde(default)]
    pub recovered_subsidy: Money,
}

impl Balances {
    /// Own contribution still on the balance; `None` when more went out than came in.
    pub fn own_on_balance(&self) -> Option<Money> {
        self.own_deposited
            .checked_add(self.recovered_own)?
            .checked_sub(self.paid_own)?
            .checked_sub(self.own_refunded)
    }

    /// Subsidy still on the balance; `None` when more went out than came in.
    pub fn subsidy_on_balance(&self) -> Option<Money> {
        self.subsidy_credited
            .checked_add(self.recovered_subsidy)?
            .checked_sub(self.paid_subsidy)?
            .checked_sub(self.subsidy_to_annual_budget)?
            .checked_sub(self.subsidy_to_government)
    }

    /// Beschikbaar saldo (003): own contribution + subsidy still on the balance.
    pub fn available(&self) -> Option<Money> {
        self.own_on_balance()?
            .checked_add(self.subsidy_on_balance()?)
    }

    /// Everything paid to the provider so far.
    pub fn paid(&self) -> Option<Money> {
        self.paid_own.checked_add(self.paid_subsidy)
    }
}

/// Why a deposit was sent back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum DepositProblem {
    /// Not exactly the own contribution (VLAIO 'storten en betalen').
    WrongAmount,
    /// After the deposit deadline: the application is cancelled (004).
    TooLate,
    /// The own contribution was already received.
    AlreadyReceived,
}

impl DepositProblem {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            DepositProblem::WrongAmount => "deposit_wrong_amount",
            DepositProblem::TooLate => "deposit_too_late",
            DepositProblem::AlreadyReceived => "deposit_already_received",
        }
    }

    /// Dutch message for the enterprise, about `project`.
    pub fn message(self, project: &Project) -> String {
        match self {
            DepositProblem::WrongAmount => format!(
                "Uw storting werd teruggestort: het te storten bedrag is exact {}.",
                format::euro(project.amounts.own_contribution)
            ),
            DepositProblem::TooLate => format!(
                "Uw storting werd teruggestort en de aanvraag geannuleerd: de eigen bijdrage \
                 moest {} op de kmo-portefeuille rekening staan. U kan een nieuwe aanvraag \
                 indienen zolang de prestaties nog geen 14 kalenderdagen geleden gestart zijn.",
                deadlines::at_the_latest(project.deposit_by())
            ),
            DepositProblem::AlreadyReceived => "Uw storting werd teruggestort: de eigen bijdrage \
                 voor dit project werd al ontvangen."
                .to_string(),
        }
    }
}

/// Money that moves because of a transition. Zero amounts are never reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Movement {
    /// The enterprise's deposit is accepted onto the project balance.
    OwnContributionIn { amount: Money },
    /// The government adds the subsidy to the project balance.
    SubsidyIn { amount: Money },
    /// A payment to the provider; `own_part + subsidy_part = amount`.
    PaymentOut {
        amount: Money,
        own_part: Money,
        subsidy_part: Money,
    },
    /// Unpaid own contribution back to the enterprise's bank account.
    RefundOwnContribution { amount: Money },
    /// Unpaid subsidy back into the enterprise's annual budget (same calendar year).
    SubsidyReturnedToAnnualBudget { amount: Money },
    /// Unpaid subsidy back to the Flemish government (a later calendar year).
    SubsidyReturnedToGovernment { amount: Money },
    /// The provider paid back what it received, after a stop of a fully paid project
    /// (RULES.md §7 cases 3 and 4); `own_part + subsidy_part = amount`.
    RecoveredFromProvider {
        amount: Money,
        own_part: Money,
        subsidy_part: Money,
    },
    /// A deposit that is not accepted goes straight back to the sender.
    DepositReturned {
        amount: Money,
        reason: DepositProblem,
    },
}

impl Movement {
    pub fn amount(&self) -> Money {
        match *self {
            Movement::OwnContributionIn { amount }
            | Movement::SubsidyIn { amount }
            | Movement::PaymentOut { amount, .. }
            | Movement::RefundOwnContribution { amount }
            | Movement::SubsidyReturnedToAnnualBudget { amount }
            | Movement::SubsidyReturnedToGovernment { amount }
            | Movement::RecoveredFromProvider { amount, .. }
            | Movement::DepositReturned { amount, .. } => amount,
        }
    }

    /// Dutch label for the project's history.
    pub fn label_nl(&self) -> &'static str {
        match self {
            Movement::OwnContributionIn { .. } => "Storting eigen bijdrage ontvangen",
            Movement::SubsidyIn { .. } => "Subsidie toegevoegd",
            Movement::PaymentOut { .. } => "Betaling aan dienstverlener",
            Movement::RefundOwnContribution { .. } => "Terugbetaling eigen bijdrage",
            Movement::SubsidyReturnedToAnnualBudget { .. } => "Subsidie terug in jaarbudget",
            Movement::SubsidyReturnedToGovernment { .. } => "Subsidie terug naar de overheid",
            Movement::RecoveredFromProvider { .. } => "Terugbetaald door dienstverlener",
            Movement::DepositReturned { .. } => "Storting teruggestort",
        }
    }
}

/// Something that happens to a project. Every event is dated (calendar day).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Event {
    /// Money with the project's structured communication reached the wallet account.
    DepositReceived { amount: Money, date: NaiveDate },
    /// The enterprise orders a payment to the provider (003 'Betalen').
    PaymentOrdered { amount: Money, date: NaiveDate },
    /// The provider refuses the application (001).
    ProviderRefused { reason: String, date: NaiveDate },
    /// The enterprise stops the project (stopzetten), with a reason; a fully paid one also
    /// with its cause (RULES.md §7 cases 3 and 4).
    Stop {
        reason: String,
        date: NaiveDate,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cause: Option<StopCause>,
    },
    /// The provider paid back a fully paid project that was stopped (recorded by the operator).
    RecoveryReceived { amount: Money, date: NaiveDate },
    /// The deposit deadline is over (the worker's daily run).
    DeadlinePassed { date: NaiveDate },
    /// The term is over (the worker's daily run): closes the project.
    TermEnded { date: NaiveDate },
}

impl Event {
    pub fn date(&self) -> NaiveDate {
        match *self {
            Event::DepositReceived { date, .. }
            | Event::PaymentOrdered { date, .. }
            | Event::ProviderRefused { date, .. }
            | Event::Stop { date, .. }
            | Event::RecoveryReceived { date, .. }
            | Event::DeadlinePassed { date }
            | Event::TermEnded { date } => date,
        }
    }
}

/// An event the project cannot take in its present state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionError {
    /// The project is finished, cancelled, refused, stopped or closed.
    Ended { status: Status },
    /// The event is dated before the application.
    BeforeApplication { applied_on: NaiveDate },
    /// A deposit or payment of € 0,00 (003: "een minimum van € 0,01").
    AmountBelowMinimum,
    /// A payment before the deposit and subsidy are in.
    DepositNotReceived,
    /// The deposit deadline is checked on a project that is not waiting for one.
    NotAwaitingDeposit,
    /// The deposit deadline has not passed yet.
    DeadlineNotPassed { deposit_by: NaiveDate },
    /// A payment above the available balance (003: "een maximum van ...").
    InsufficientBalance { available: Money },
    /// A payment, stop or refusal after the project's last day.
    TermEnded { closes_on: NaiveDate },
    /// The end of the term is reported before it has come.
    TermNotEnded { closes_on: NaiveDate },
    /// A stop or refusal without a reason.
    ReasonRequired,
    /// The provider refuses after it was (partly) paid.
    ProviderAlreadyPaid,
    /// A fully paid project is stopped without saying which case (RULES.md §7: 3 or 4).
    StopCauseRequired,
    /// A recovery is recorded for a project that is not waiting for one.
    NotAwaitingRecovery,
    /// The provider pays back exactly what it received.
    RecoveryWrongAmount { expected: Money },
    /// The project's figures do not add up (a corrupted record).
    Inconsistent,
}

impl TransitionError {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            TransitionError::Ended { .. } => "project_ended",
            TransitionError::BeforeApplication { .. } => "date_before_application",
            TransitionError::AmountBelowMinimum => "amount_below_minimum",
            TransitionError::DepositNotReceived => "deposit_not_received",
            TransitionError::NotAwaitingDeposit => "not_awaiting_deposit",
            TransitionError::DeadlineNotPassed { .. } => "deadline_not_passed",
            TransitionError::InsufficientBalance { .. } => "insufficient_balance",
            TransitionError::TermEnded { .. } => "term_ended",
            TransitionError::TermNotEnded { .. } => "term_not_ended",
            TransitionError::ReasonRequired => "reason_required",
            TransitionError::ProviderAlreadyPaid => "provider_already_paid",
            TransitionError::StopCauseRequired => "stop_cause_required",
            TransitionError::NotAwaitingRecovery => "not_awaiting_recovery",
            TransitionError::RecoveryWrongAmount { .. } => "recovery_wrong_amount",
            TransitionError::Inconsistent => "project_inconsistent",
        }
    }

    /// Dutch message for people.
    pub fn message(self) -> String {
        match self {
            TransitionError::Ended { status } => format!(
                "Dit project heeft de status '{}': er kan niets meer mee gebeuren.",
                status.label_nl()
            ),
            TransitionError::BeforeApplication { applied_on } => format!(
                "Deze datum ligt vóór de aanvraagdatum van het project ({}).",
                format::date(applied_on)
            ),
            TransitionError::AmountBelowMinimum => {
                "Het bedrag moet minstens € 0,01 zijn.".to_string()
            }
            TransitionError::DepositNotReceived => "U kan pas betalen nadat uw eigen bijdrage \
                 ontvangen en de subsidie toegevoegd is."
                .to_string(),
            TransitionError::NotAwaitingDeposit => {
                "Dit project wacht niet (meer) op een storting.".to_string()
            }
            TransitionError::DeadlineNotPassed { deposit_by } => format!(
                "De termijn voor de storting loopt nog: de eigen bijdrage kan {} gestort worden.",
                deadlines::at_the_latest(deposit_by)
            ),
            TransitionError::InsufficientBalance { available } => format!(
                "Het bedrag mag niet hoger zijn dan het beschikbaar saldo van {}.",
                format::euro(available)
            ),
            TransitionError::TermEnded { closes_on } => format!(
                "De looptijd van dit project eindigde op {}: het wordt automatisch afgesloten.",
                format::date(closes_on)
            ),
            TransitionError::TermNotEnded { closes_on } => format!(
                "Dit project loopt nog tot en met {}.",
                format::date(closes_on)
            ),
            TransitionError::ReasonRequired => "Vermeld een reden.".to_string(),
            TransitionError::ProviderAlreadyPaid => "De dienstverlener werd al betaald en kan de \
                 aanvraag niet meer weigeren. Het project kan wel stopgezet worden."
                .to_string(),
            TransitionError::StopCauseRequired => "Het volledige projectbedrag is al betaald: \
                 vermeld of de dienstverlener de dienst annuleert of uw onderneming niet \
                 deelneemt."
                .to_string(),
            TransitionError::NotAwaitingRecovery => "Dit project wacht niet op een \
                 terugbetaling door de dienstverlener."
                .to_string(),
            TransitionError::RecoveryWrongAmount { expected } => format!(
                "De dienstverlener betaalt terug wat hij ontving: {}.",
                format::euro(expected)
            ),
            TransitionError::Inconsistent => "De bedragen van dit project kloppen niet. \
                 Contacteer de dienst kmo-portefeuille."
                .to_string(),
        }
    }

    pub fn reason(self) -> Reason {
        Reason::new(self.code(), self.message())
    }
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// A stored project that breaks an invariant (read back from JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidProject(pub &'static str);

impl fmt::Display for InvalidProject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid project: {}", self.0)
    }
}

/// One support application from the moment it is registered (003 step 5).
///
/// Its fields are private: a project is made by [`Project::new`], changed only by
/// [`Project::apply`] and checked when read back from JSON, so its balances always add up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ProjectRecord")]
pub struct Project {
    status: Status,
    amounts: ProjectAmounts,
    applied_on: NaiveDate,
    balances: Balances,
    /// The reason of a stop or refusal.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    /// The day the project reached a terminal status.
    #[serde(skip_serializing_if = "Option::is_none")]
    ended_on: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct ProjectRecord {
    status: Status,
    amounts: ProjectAmounts,
    applied_on: NaiveDate,
    balances: Balances,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    ended_on: Option<NaiveDate>,
}

impl TryFrom<ProjectRecord> for Project {
    type Error = InvalidProject;

    fn try_from(r: ProjectRecord) -> Result<Project, InvalidProject> {
        let project = Project {
            status: r.status,
            amounts: r.amounts,
            applied_on: r.applied_on,
            balances: r.balances,
            reason: r.reason,
            ended_on: r.ended_on,
        };
        project.validate()?;
        Ok(project)
    }
}

type Step = (Project, Vec<Movement>);

impl Project {
    /// A project just registered on `applied_on`, waiting for its deposit.
    pub fn new(amounts: ProjectAmounts, applied_on: NaiveDate) -> Project {
        Project {
            status: Status::AwaitingDeposit,
            amounts,
            applied_on,
            balances: Balances::default(),
            reason: None,
            ended_on: None,
        }
    }

    pub fn status(&self) -> Status {
        self.status
    }

    pub fn amounts(&self) -> ProjectAmounts {
        self.amounts
    }

    pub fn applied_on(&self) -> NaiveDate {
        self.applied_on
    }

    pub fn balances(&self) -> Balances {
        self.balances
    }

    /// The reason given for a stop or a refusal.
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    /// The day the project reached a terminal status.
    pub fn ended_on(&self) -> Option<NaiveDate> {
        self.ended_on
    }

    /// Last day for the own contribution ([`deadlines::deposit_by`]).
    pub fn deposit_by(&self) -> NaiveDate {
        deadlines::deposit_by(self.applied_on)
    }

    /// Last day the project is open ([`deadlines::closes_on`]).
    pub fn closes_on(&self) -> NaiveDate {
        deadlines::closes_on(self.applied_on)
    }

    /// The de minimis aid this project grants the enterprise (RULES.md §3: every subsidy the
    /// product grants counts): granted on the application date, the subsidy less what went
    /// back (to the annual budget by a stop, to the government at a stop or the closing); none
    /// for a project cancelled (deposit too late) or refused by its provider, which never
    /// received its subsidy.
    pub fn de_minimis_aid(&self) -> Option<crate::de_minimis::DeMinimisAid> {
        if matches!(self.status, Status::Cancelled | Status::Refused) {
            return None;
        }
        let back = self
            .balances
            .subsidy_to_annual_budget
            .checked_add(self.balances.subsidy_to_government)
            .unwrap_or(Money::MAX);
        let amount = self.amounts.subsidy().saturating_sub(back);
        (!amount.is_zero()).then_some(crate::de_minimis::DeMinimisAid {
            granted_on: self.applied_on,
            amount,
        })
    }

    /// Beschikbaar saldo: what can still be paid to the provider.
    pub fn available(&self) -> Money {
        // A project's balances always add up (see `validate`).
        self.balances.available().unwrap_or(Money::ZERO)
    }

    /// Everything paid to the provider so far.
    pub fn paid(&self) -> Money {
        self.balances.paid().unwrap_or(Money::ZERO)
    }

    /// 003 'Betalen': a running project with money on its balance.
    pub fn can_pay(&self) -> bool {
        self.status == Status::Running && !self.available().is_zero()
    }

    /// 003 'Stopzetten': possible at any time (RULES.md §7), also once all is paid.
    /// A finished project too (cases 3 and 4): the provider pays back.
    pub fn can_stop(&self) -> bool {
        matches!(
            self.status,
            Status::AwaitingDeposit | Status::Running | Status::Finished
        )
    }

    /// 003 'Beoordelen': after a payment, once.
    pub fn can_be_rated(&self, already_rated: bool) -> bool {
        !self.paid().is_zero() && !already_rated
    }

    /// 001: the provider may refuse while nothing has been paid to it.
    pub fn can_be_refused(&self) -> bool {
        self.paid().is_zero() && !self.status.is_terminal()
    }

    /// How much of the enterprise's annual budget (the EUR 7,500 ceiling of the application
    /// year) this project holds. An application reserves its whole subsidy; a project that
    /// ended before any subsidy was added (cancelled, refused, stopped while awaiting the
    /// deposit) holds nothing; otherwise it holds its subsidy minus what went back to the
    /// annual budget (RULES.md §7: only a stop in the application's calendar year gives it
    /// back; paid subsidy and subsidy returned to the government stay used).
    pub fn budget_held(&self) -> Money {
        let b = self.balances;
        let never_granted = b.subsidy_credited.is_zero()
            && matches!(
                self.status,
                Status::Cancelled | Status::Refused | Status::Stopped | Status::Closed
            );
        if never_granted {
            Money::ZERO
        } else {
            self.amounts
                .subsidy()
                .saturating_sub(b.subsidy_to_annual_budget)
        }
    }

    /// The project after `event`, with the money it moves; an error when the event is
    /// impossible now. `self` is never changed.
    pub fn apply(&self, event: &Event) -> Result<(Project, Vec<Movement>), TransitionError> {
        let stopping_finished =
            self.status == Status::Finished && matches!(event, Event::Stop { .. });
        let recovering = matches!(event, Event::RecoveryReceived { .. });
        let waiting = self.status == Status::AwaitingRecovery;
        if (self.status.is_terminal() && !stopping_finished) || (waiting && !recovering) {
            return Err(TransitionError::Ended {
                status: self.status,
            });
        }
        if event.date() < self.applied_on {
            return Err(TransitionError::BeforeApplication {
                applied_on: self.applied_on,
            });
        }
        let (next, movements) = match event {
            Event::DepositReceived { amount, date } => self.receive_deposit(*amount, *date),
            Event::PaymentOrdered { amount, date } => self.pay(*amount, *date),
            Event::ProviderRefused { reason, date } => self.wind_up(Status::Refused, reason, *date),
            Event::Stop {
                reason,
                date,
                cause,
            } => self.stop(reason, *date, *cause),
            Event::RecoveryReceived { amount, date } => self.recover(*amount, *date),
            Event::DeadlinePassed { date } => self.cancel(*date),
            Event::TermEnded { date } => self.close(*date),
        }?;
        next.validate().map_err(|_| TransitionError::Inconsistent)?;
        Ok((next, movements))
    }

    /// 003 'Storting eigen aandeel', 'Ontvangst subsidie'; 004 on late deposits.
    fn receive_deposit(&self, amount: Money, date: NaiveDate) -> Result<Step, TransitionError> {
        if amount.is_zero() {
            return Err(TransitionError::AmountBelowMinimum);
        }
        let returned = |reason| vec![Movement::DepositReturned { amount, reason }];
        if self.status == Status::Running {
            return Ok((self.clone(), returned(DepositProblem::AlreadyReceived)));
        }
        if !deadlines::deposit_in_time(self.applied_on, date) {
            let cancelled = self.ended(Status::Cancelled, date, None);
            return Ok((cancelled, returned(DepositProblem::TooLate)));
        }
        if amount != self.amounts.own_contribution {
            return Ok((self.clone(), returned(DepositProblem::WrongAmount)));
        }
        let mut next = self.clone();
        next.status = Status::Running;
        next.balances.own_deposited = self.amounts.own_contribution;
        next.balances.subsidy_credited = self.amounts.subsidy;
        let movements = non_zero(vec![
            Movement::OwnContributionIn {
                amount: self.amounts.own_contribution,
            },
            Movement::SubsidyIn {
                amount: self.amounts.subsidy,
            },
        ]);
        Ok((next, movements))
    }

    /// 003 'Betalen via kmo-portefeuille': from € 0,01 up to the available balance, in as many
    /// partial payments as needed; 'Afgewerkt' once the whole project amount is paid.
    fn pay(&self, amount: Money, date: NaiveDate) -> Result<Step, TransitionError> {
        if self.status == Status::AwaitingDeposit {
            return Err(TransitionError::DepositNotReceived);
        }
        if date > self.closes_on() {
            return Err(TransitionError::TermEnded {
                closes_on: self.closes_on(),
            });
        }
        if amount.is_zero() {
            return Err(TransitionError::AmountBelowMinimum);
        }
        let available = self.available();
        if amount > available {
            return Err(TransitionError::InsufficientBalance { available });
        }
        let (own_part, subsidy_part) = self
            .split_payment(amount)
            .ok_or(TransitionError::Inconsistent)?;
        let mut next = self.clone();
        next.balances.paid_own = add(self.balances.paid_own, own_part)?;
        next.balances.paid_subsidy = add(self.balances.paid_subsidy, subsidy_part)?;
        if next.available().is_zero() {
            next.status = Status::Finished;
            next.ended_on = Some(date);
        }
        let payment = Movement::PaymentOut {
            amount,
            own_part,
            subsidy_part,
        };
        Ok((next, vec![payment]))
    }

    /// The (own part, subsidy part) of a payment: the subsidy paid so far becomes
    /// `round_half_up(paid so far × subsidy / project amount)` (see the module doc), bounded
    /// so that neither part exceeds what is left of it.
    fn split_payment(&self, payment: Money) -> Option<(Money, Money)> {
        let b = &self.balances;
        let own_left = b.own_on_balance()?;
        let subsidy_left = b.subsidy_on_balance()?;
        let paid_after = b.paid()?.checked_add(payment)?;
        let share = paid_after
            .amount()
            .checked_mul(self.amounts.subsidy.amount())?
            .checked_div(self.amounts.project_amount.amount())?;
        let subsidy_part = Money::round_half_up(share)
            .saturating_sub(b.paid_subsidy)
            .max(payment.saturating_sub(own_left))
            .min(payment.min(subsidy_left));
        Some((payment.checked_sub(subsidy_part)?, subsidy_part))
    }

    /// Stop (RULES.md §7, VLAIO 'subsidies stopzetten'): cases 1 and 2 refund what is left;
    /// a fully paid project (cases 3 and 4) needs its cause and waits for the provider to pay
    /// back ([`Event::RecoveryReceived`]).
    fn stop(
        &self,
        reason: &str,
        date: NaiveDate,
        cause: Option<StopCause>,
    ) -> Result<Step, TransitionError> {
        if self.status != Status::Finished {
            return self.wind_up(Status::Stopped, reason, date);
        }
        if cause.is_none() {
            return Err(TransitionError::StopCauseRequired);
        }
        // Nothing is on the balance: no movement until the provider pays back.
        self.wind_up(Status::AwaitingRecovery, reason, date)
    }

    /// The provider paid back all it received (cases 3 and 4): the own contribution goes to the
    /// enterprise; the subsidy to its annual budget when the stop was in the application's
    /// calendar year, otherwise to the government (RULES.md §7).
    fn recover(&self, amount: Money, date: NaiveDate) -> Result<Step, TransitionError> {
        if self.status != Status::AwaitingRecovery {
            return Err(TransitionError::NotAwaitingRecovery);
        }
        let expected = self.paid();
        if amount != expected {
            return Err(TransitionError::RecoveryWrongAmount { expected });
        }
        let mut back = self.clone();
        back.status = Status::Stopped;
        back.balances.recovered_own = self.balances.paid_own;
        back.balances.recovered_subsidy = self.balances.paid_subsidy;
        let stopped_on = self.ended_on.unwrap_or(date);
        let (balances, refunds) = back.refunds(stopped_on)?;
        back.balances = balances;
        let mut movements = vec![Movement::RecoveredFromProvider {
            amount,
            own_part: self.balances.paid_own,
            subsidy_part: self.balances.paid_subsidy,
        }];
        movements.extend(refunds);
        Ok((back, movements))
    }

    /// Refusal by the provider (001) or a stop.
    fn wind_up(&self, to: Status, reason: &str, date: NaiveDate) -> Result<Step, TransitionError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(TransitionError::ReasonRequired);
        }
        if date > self.closes_on() {
            return Err(TransitionError::TermEnded {
                closes_on: self.closes_on(),
            });
        }
        if to == Status::Refused && !self.paid().is_zero() {
            return Err(TransitionError::ProviderAlreadyPaid);
        }
        let (balances, movements) = self.refunds(date)?;
        let mut next = self.ended(to, date, Some(reason.to_string()));
        next.balances = balances;
        Ok((next, movements))
    }

    /// 004: no deposit in time cancels the application.
    fn cancel(&self, date: NaiveDate) -> Result<Step, TransitionError> {
        if self.status != Status::AwaitingDeposit {
            return Err(TransitionError::NotAwaitingDeposit);
        }
        if deadlines::deposit_in_time(self.applied_on, date) {
            return Err(TransitionError::DeadlineNotPassed {
                deposit_by: self.deposit_by(),
            });
        }
        Ok((self.ended(Status::Cancelled, date, None), Vec::new()))
    }

    /// 004: automatic closing after 31 December of the year after the application, with the
    /// refunds of a stop. A project still waiting for its deposit by then is cancelled.
    fn close(&self, date: NaiveDate) -> Result<Step, TransitionError> {
        if date <= self.closes_on() {
            return Err(TransitionError::TermNotEnded {
                closes_on: self.closes_on(),
            });
        }
        if self.status == Status::AwaitingDeposit {
            return Ok((self.ended(Status::Cancelled, date, None), Vec::new()));
        }
        let (balances, movements) = self.refunds(date)?;
        let mut next = self.ended(Status::Closed, date, None);
        next.balances = balances;
        Ok((next, movements))
    }

    /// Everything still on the balance goes back: the own contribution to the enterprise, the
    /// subsidy to the annual budget in the application's calendar year, else to the government.
    fn refunds(&self, date: NaiveDate) -> Result<(Balances, Vec<Movement>), TransitionError> {
        let mut b = self.balances;
        let own = b.own_on_balance().ok_or(TransitionError::Inconsistent)?;
        let subsidy = b
            .subsidy_on_balance()
            .ok_or(TransitionError::Inconsistent)?;
        b.own_refunded = add(b.own_refunded, own)?;
        let subsidy_back = if date.year() == self.applied_on.year() {
            b.subsidy_to_annual_budget = add(b.subsidy_to_annual_budget, subsidy)?;
            Movement::SubsidyReturnedToAnnualBudget { amount: subsidy }
        } else {
            b.subsidy_to_government = add(b.subsidy_to_government, subsidy)?;
            Movement::SubsidyReturnedToGovernment { amount: subsidy }
        };
        let movements = non_zero(vec![
            Movement::RefundOwnContribution { amount: own },
            subsidy_back,
        ]);
        Ok((b, movements))
    }

    fn ended(&self, status: Status, date: NaiveDate, reason: Option<String>) -> Project {
        Project {
            status,
            reason,
            ended_on: Some(date),
            ..self.clone()
        }
    }

    /// The invariants every project keeps: balances add up, the deposit and subsidy came in
    /// whole or not at all, and the balances fit the status.
    fn validate(&self) -> Result<(), InvalidProject> {
        let b = &self.balances;
        let a = &self.amounts;
        let own_left = b
            .own_on_balance()
            .ok_or(InvalidProject("more own contribution out than in"))?;
        let subsidy_left = b
            .subsidy_on_balance()
            .ok_or(InvalidProject("more subsidy out than in"))?;
        let nothing_in = b.own_deposited.is_zero() && b.subsidy_credited.is_zero();
        let all_in = b.own_deposited == a.own_contribution && b.subsidy_credited == a.subsidy;
        if !nothing_in && !all_in {
            return Err(InvalidProject("deposit and subsidy are not all or nothing"));
        }
        let emptied = own_left.is_zero() && subsidy_left.is_zero();
        let nothing_back = b.own_refunded.is_zero()
            && b.subsidy_to_annual_budget.is_zero()
            && b.subsidy_to_government.is_zero();
        let nothing_paid = b.paid_own.is_zero() && b.paid_subsidy.is_zero();
        let nothing_recovered = b.recovered_own.is_zero() && b.recovered_subsidy.is_zero();
        let all_recovered = b.recovered_own == b.paid_own && b.recovered_subsidy == b.paid_subsidy;
        let recovery_fits = nothing_recovered || (all_recovered && self.status == Status::Stopped);
        if !recovery_fits {
            return Err(InvalidProject("a recovery is whole and ends in a stop"));
        }
        let fits = match self.status {
            Status::AwaitingDeposit | Status::Cancelled => nothing_in,
            Status::Running => all_in && nothing_back && !emptied,
            Status::Finished | Status::AwaitingRecovery => all_in && nothing_back && emptied,
            Status::Refused => emptied && nothing_paid,
            Status::Stopped => emptied,
            Status::Closed => all_in && emptied,
        };
        if !fits {
            return Err(InvalidProject("balances do not fit the status"));
        }
        let has_reason = self.reason.as_deref().is_some_and(|r| !r.trim().is_empty());
        let needs_reason = matches!(
            self.status,
            Status::Refused | Status::Stopped | Status::AwaitingRecovery
        );
        if has_reason != needs_reason || (self.reason.is_some() && !has_reason) {
            return Err(InvalidProject("a reason belongs to a stop or a refusal"));
        }
        if self.ended_on.is_some() != self.status.has_ended() {
            return Err(InvalidProject("an end date belongs to a terminal status"));
        }
        if self.ended_on.is_some_and(|d| d < self.applied_on) {
            return Err(InvalidProject("ended before the application"));
        }
        Ok(())
    }
}

fn add(a: Money, b: Money) -> Result<Money, TransitionError> {
    a.checked_add(b).ok_or(TransitionError::Inconsistent)
}

fn non_zero(movements: Vec<Movement>) -> Vec<Movement> {
    movements
        .into_iter()
        .filter(|m| !m.amount().is_zero())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rate::Rate;
    use proptest::prelude::*;
    use serde_json::json;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// 003 'Betalen': project 2023KMO079801, € 900,00 at 30 %: deposit € 630,00.
    fn awaiting() -> Project {
        let amounts = crate::amounts::split(m("900"), Rate::percent(30), m("7500"));
        Project::new(
            ProjectAmounts::from_split(&amounts).unwrap(),
            d("2024-03-22"),
        )
    }

    #[test]
    fn a_project_counts_as_de_minimis_aid_less_what_went_back() {
        let p = awaiting();
        let aid = p.de_minimis_aid().unwrap();
        assert_eq!((aid.granted_on, aid.amount), (d("2024-03-22"), m("270.00")));
        let late = p
            .apply(&Event::DeadlinePassed {
                date: d("2024-04-22"),
            })
            .unwrap()
            .0;
        assert_eq!(late.status(), Status::Cancelled);
        assert_eq!(late.de_minimis_aid(), None);
        // Stopped the same year with nothing paid: the whole subsidy goes back.
        let running = p.apply(&deposit("630.00", "2024-03-25")).unwrap().0;
        let stopped = running.apply(&stop("2024-04-01")).unwrap().0;
        assert_eq!(stopped.de_minimis_aid(), None);
        // Half paid, then stopped: the subsidy of the paid half stays granted.
        let half = running.apply(&pay("450.00", "2024-03-28")).unwrap().0;
        let stopped = half.apply(&stop("2024-04-01")).unwrap().0;
        assert_eq!(stopped.de_minimis_aid().unwrap().amount, m("135.00"));
    }

    fn deposit(amount: &str, date: &str) -> Event {
        Event::DepositReceived {
            amount: m(amount),
            date: d(date),
        }
    }

    fn pay(amount: &str, date: &str) -> Event {
        Event::PaymentOrdered {
            amount: m(amount),
            date: d(date),
        }
    }

    fn stop(date: &str) -> Event {
        Event::Stop {
            reason: "Opleiding geannuleerd".to_string(),
            date: d(date),
            cause: None,
        }
    }

    fn refuse(date: &str) -> Event {
        Event::ProviderRefused {
            reason: "Geen inschrijving gevonden".to_string(),
            date: d(date),
        }
    }

    fn after(project: &Project, events: &[Event]) -> (Project, Vec<Movement>) {
        let mut project = project.clone();
        let mut all = Vec::new();
        for e in events {
            let (next, movements) = project.apply(e).unwrap();
            project = next;
            all.extend(movements);
        }
        (project, all)
    }

    fn running() -> Project {
        after(&awaiting(), &[deposit("630", "2024-03-25")]).0
    }

    fn err(project: &Project, event: Event) -> &'static str {
        project.apply(&event).unwrap_err().code()
    }

    #[test]
    fn status_ids_and_dutch_labels() {
        for (status, id, label) in [
            (
                Status::AwaitingDeposit,
                "awaiting_deposit",
                "Wacht op storting",
            ),
            (Status::Running, "running", "Lopend"),
            (Status::Finished, "finished", "Afgewerkt"),
            (Status::Cancelled, "cancelled", "Geannuleerd"),
            (Status::Refused, "refused", "Geweigerd door dienstverlener"),
            (Status::Stopped, "stopped", "Stopgezet"),
            (
                Status::AwaitingRecovery,
                "awaiting_recovery",
                "Stopgezet, wacht op terugbetaling dienstverlener",
            ),
            (Status::Closed, "closed", "Afgesloten"),
        ] {
            assert_eq!(status.id(), id);
            assert_eq!(status.label_nl(), label);
            assert_eq!(Status::parse(id), Some(status));
            assert_eq!(serde_json::to_value(status).unwrap(), json!(id));
        }
        assert_eq!(Status::parse("Lopend"), None);
    }

    #[test]
    fn project_amounts_add_up_and_need_an_own_contribution() {
        let a = ProjectAmounts::new(m("686"), m("294")).unwrap();
        assert_eq!(a.project_amount(), m("980.00"));
        assert_eq!(
            ProjectAmounts::new(Money::ZERO, m("1")),
            Err(AmountsError::NoOwnContribution)
        );
        assert_eq!(
            ProjectAmounts::new(Money::MAX, m("0.01")),
            Err(AmountsError::TooLarge)
        );
        let wrong =
            json!({"project_amount": "981.00", "own_contribution": "686.00", "subsidy": "294.00"});
        let e = serde_json::from_value::<ProjectAmounts>(wrong).unwrap_err();
        assert!(e.to_string().contains("niet gelijk"), "{e}");
    }

    #[test]
    fn seed_003_an_exact_deposit_in_time_adds_the_subsidy_and_makes_900_available() {
        let (p, movements) = awaiting().apply(&deposit("630", "2024-03-25")).unwrap();
        assert_eq!(p.status(), Status::Running);
        assert_eq!(p.available(), m("900.00"));
        assert_eq!(
            movements,
            vec![
                Movement::OwnContributionIn { amount: m("630") },
                Movement::SubsidyIn { amount: m("270") },
            ]
        );
    }

    #[test]
    fn a_deposit_on_the_last_day_is_accepted_and_one_day_later_cancels() {
        let p = awaiting();
        assert_eq!(p.deposit_by(), d("2024-04-21"));
        let (on_time, _) = p.apply(&deposit("630", "2024-04-21")).unwrap();
        assert_eq!(on_time.status(), Status::Running);

        let (late, movements) = p.apply(&deposit("630", "2024-04-22")).unwrap();
        assert_eq!(late.status(), Status::Cancelled);
        assert_eq!(late.available(), Money::ZERO);
        assert_eq!(
            movements,
            vec![Movement::DepositReturned {
                amount: m("630"),
                reason: DepositProblem::TooLate
            }]
        );
        assert!(DepositProblem::TooLate
            .message(&p)
            .contains("uiterlijk 21/04/2024"));
    }

    #[test]
    fn a_deposit_of_the_wrong_amount_is_sent_back_and_the_project_keeps_waiting() {
        for amount in ["629.99", "630.01", "900.00", "0.01"] {
            let p = awaiting();
            let (next, movements) = p.apply(&deposit(amount, "2024-03-25")).unwrap();
            assert_eq!(next, p, "{amount}");
            assert_eq!(
                movements,
                vec![Movement::DepositReturned {
                    amount: m(amount),
                    reason: DepositProblem::WrongAmount
                }]
            );
        }
        assert!(DepositProblem::WrongAmount
            .message(&awaiting())
            .contains("€ 630,00"));
        // The right amount afterwards is still accepted.
        let (p, _) = after(
            &awaiting(),
            &[deposit("600", "2024-03-25"), deposit("630", "2024-03-26")],
        );
        assert_eq!(p.status(), Status::Running);
    }

    #[test]
    fn a_second_deposit_on_a_running_project_is_sent_back() {
        let p = running();
        let (next, movements) = p.apply(&deposit("630", "2024-03-26")).unwrap();
        assert_eq!(next, p);
        assert_eq!(
            movements,
            vec![Movement::DepositReturned {
                amount: m("630"),
                reason: DepositProblem::AlreadyReceived
            }]
        );
    }

    #[test]
    fn payments_from_one_cent_up_to_the_available_balance() {
        let p = running();
        assert_eq!(
            err(&awaiting(), pay("1", "2024-04-01")),
            "deposit_not_received"
        );
        assert_eq!(err(&p, pay("0", "2024-04-01")), "amount_below_minimum");
        assert_eq!(err(&p, pay("900.01", "2024-04-01")), "insufficient_balance");
        assert!(TransitionError::InsufficientBalance {
            available: m("900")
        }
        .message()
        .contains("€ 900,00"));
        let (after_cent, _) = p.apply(&pay("0.01", "2024-04-01")).unwrap();
        assert_eq!(after_cent.available(), m("899.99"));
        let (all, _) = p.apply(&pay("900", "2024-04-01")).unwrap();
        assert_eq!(all.status(), Status::Finished);
        assert_eq!(all.ended_on(), Some(d("2024-04-01")));
    }

    #[test]
    fn partial_payments_are_split_in_proportion_and_the_last_takes_the_remainders() {
        // 980.00 = 686.00 own + 294.00 subsidy (003 step 4).
        let p = Project::new(
            ProjectAmounts::new(m("686"), m("294")).unwrap(),
            d("2024-03-22"),
        );
        let (p, _) = after(&p, &[deposit("686", "2024-03-25")]);
        let mut project = p;
        for (amount, own, subsidy, status) in [
            // subsidy paid so far = round(paid so far × 294 / 980)
            ("100.00", "70.00", "30.00", Status::Running),
            ("333.33", "233.33", "100.00", Status::Running), // 433.33 × 0.3 = 129.999 → 130.00
            ("0.01", "0.01", "0.00", Status::Running),       // 433.34 × 0.3 = 130.002 → 130.00
            ("546.66", "382.66", "164.00", Status::Finished),
        ] {
            let (next, movements) = project.apply(&pay(amount, "2024-05-01")).unwrap();
            assert_eq!(
                movements,
                vec![Movement::PaymentOut {
                    amount: m(amount),
                    own_part: m(own),
                    subsidy_part: m(subsidy)
                }],
                "{amount}"
            );
            assert_eq!(next.status(), status);
            project = next;
        }
        assert_eq!(project.balances().paid_own, m("686"));
        assert_eq!(project.balances().paid_subsidy, m("294"));
    }

    #[test]
    fn stop_with_nothing_paid_refunds_the_whole_own_contribution() {
        let (p, movements) = running().apply(&stop("2024-06-01")).unwrap();
        assert_eq!(p.status(), Status::Stopped);
        assert_eq!(p.reason(), Some("Opleiding geannuleerd"));
        assert_eq!(
            movements,
            vec![
                Movement::RefundOwnContribution { amount: m("630") },
                Movement::SubsidyReturnedToAnnualBudget { amount: m("270") },
            ]
        );
    }

    #[test]
    fn stop_after_a_partial_payment_refunds_the_unpaid_part_and_the_year_decides_the_subsidy() {
        let paid = after(&running(), &[pay("300", "2024-05-01")]).0;
        for (date, subsidy_back) in [
            (
                "2024-12-31",
                Movement::SubsidyReturnedToAnnualBudget { amount: m("180") },
            ),
            (
                "2025-01-01",
                Movement::SubsidyReturnedToGovernment { amount: m("180") },
            ),
        ] {
            let (p, movements) = paid.apply(&stop(date)).unwrap();
            assert_eq!(
                movements,
                vec![
                    Movement::RefundOwnContribution { amount: m("420") },
                    subsidy_back
                ],
                "{date}"
            );
            assert_eq!(p.available(), Money::ZERO);
        }
    }

    fn stop_fully_paid(date: &str, cause: StopCause) -> Event {
        Event::Stop {
            reason: "Opleiding geannuleerd".to_string(),
            date: d(date),
            cause: Some(cause),
        }
    }

    fn recovery(amount: &str, date: &str) -> Event {
        Event::RecoveryReceived {
            amount: m(amount),
            date: d(date),
        }
    }

    /// RULES.md §7 cases 3 and 4: € 900,00 at 30 % all paid (€ 630,00 own, € 270,00 subsidy);
    /// the provider pays back € 900,00, the € 630,00 goes to the enterprise and the € 270,00
    /// to its annual budget when the stop is in 2024, the application's year.
    #[test]
    fn a_fully_paid_project_is_stopped_and_recovered_through_the_provider() {
        let finished = after(&running(), &[pay("900", "2024-05-01")]).0;
        assert_eq!(finished.status(), Status::Finished);
        assert!(finished.can_stop());
        assert_eq!(err(&finished, stop("2024-06-01")), "stop_cause_required");

        let (waiting, movements) = finished
            .apply(&stop_fully_paid("2024-06-01", StopCause::ProviderCancelled))
            .unwrap();
        assert_eq!(waiting.status(), Status::AwaitingRecovery);
        assert!(movements.is_empty());
        assert!(!waiting.can_stop() && !waiting.can_pay());
        assert_eq!(waiting.ended_on(), Some(d("2024-06-01")));
        assert_eq!(waiting.budget_held(), m("270"));
        assert_eq!(err(&waiting, deposit("630", "2024-06-02")), "project_ended");
        assert_eq!(err(&waiting, stop("2024-06-02")), "project_ended");
        assert_eq!(
            err(&waiting, recovery("630", "2024-06-20")),
            "recovery_wrong_amount"
        );
        assert_eq!(
            err(&finished, recovery("900", "2024-06-20")),
            "project_ended"
        );
        assert_eq!(
            err(&running(), recovery("900", "2024-06-20")),
            "not_awaiting_recovery"
        );
        let back = serde_json::to_value(&waiting).unwrap();
        assert_eq!(serde_json::from_value::<Project>(back).unwrap(), waiting);

        let (stopped, movements) = waiting.apply(&recovery("900", "2025-01-10")).unwrap();
        assert_eq!(stopped.status(), Status::Stopped);
        assert_eq!(
            movements,
            vec![
                Movement::RecoveredFromProvider {
                    amount: m("900"),
                    own_part: m("630"),
                    subsidy_part: m("270"),
                },
                Movement::RefundOwnContribution { amount: m("630") },
                // The stop (not the recovery) was in the application's year.
                Movement::SubsidyReturnedToAnnualBudget { amount: m("270") },
            ]
        );
        assert_eq!(stopped.ended_on(), Some(d("2024-06-01")));
        assert_eq!(stopped.budget_held(), Money::ZERO);
        assert_eq!(stopped.de_minimis_aid(), None);
        assert_eq!(
            err(&stopped, recovery("900", "2025-01-11")),
            "project_ended"
        );
        let back = serde_json::to_value(&stopped).unwrap();
        assert_eq!(serde_json::from_value::<Project>(back).unwrap(), stopped);
    }

    #[test]
    fn a_fully_paid_project_stopped_a_year_later_returns_the_subsidy_to_the_government() {
        let finished = after(&running(), &[pay("900", "2024-05-01")]).0;
        let (stopped, movements) = after(
            &finished,
            &[
                stop_fully_paid("2025-02-01", StopCause::EnterpriseWithdraws),
                recovery("900", "2025-02-20"),
            ],
        );
        assert_eq!(
            movements.last(),
            Some(&Movement::SubsidyReturnedToGovernment { amount: m("270") })
        );
        // Subsidy returned to the government stays used in the 2024 budget.
        assert_eq!(stopped.budget_held(), m("270"));
        assert_eq!(stopped.de_minimis_aid(), None);
    }

    #[test]
    fn a_recovery_that_is_not_whole_or_not_stopped_is_not_a_valid_record() {
        let finished = after(&running(), &[pay("900", "2024-05-01")]).0;
        let mut v = serde_json::to_value(&finished).unwrap();
        v["balances"]["recovered_own"] = json!("630.00");
        assert!(serde_json::from_value::<Project>(v).is_err());
        // Records written before recoveries existed still read.
        let mut old = serde_json::to_value(running()).unwrap();
        let b = old["balances"].as_object_mut().unwrap();
        b.remove("recovered_own");
        b.remove("recovered_subsidy");
        assert_eq!(serde_json::from_value::<Project>(old).unwrap(), running());
    }

    #[test]
    fn a_refusal_on_the_related_party_ground_keeps_the_rules_words_and_the_providers() {
        let reason = RefusalGround::RelatedParty.reason(" Zaakvoerder is mijn broer. ");
        assert!(reason.starts_with("Verbonden onderneming: "), "{reason}");
        assert!(
            reason.ends_with("mogelijk. Zaakvoerder is mijn broer."),
            "{reason}"
        );
        assert!(reason.chars().count() < 500);
        assert_eq!(
            RefusalGround::parse("related_party"),
            Some(RefusalGround::RelatedParty)
        );
        assert_eq!(RefusalGround::parse("family"), None);
        let (refused, _) = running()
            .apply(&Event::ProviderRefused {
                reason,
                date: d("2024-03-26"),
            })
            .unwrap();
        assert!(refused.reason().unwrap().contains("Verbonden"));
    }

    #[test]
    fn stop_before_the_deposit_moves_no_money_and_needs_a_reason() {
        let (p, movements) = awaiting().apply(&stop("2024-03-23")).unwrap();
        assert_eq!(p.status(), Status::Stopped);
        assert!(movements.is_empty());
        let blank = Event::Stop {
            reason: "  ".to_string(),
            date: d("2024-03-23"),
            cause: None,
        };
        assert_eq!(err(&running(), blank), "reason_required");
    }

    #[test]
    fn the_provider_may_refuse_until_it_has_been_paid() {
        let (p, movements) = awaiting().apply(&refuse("2024-03-23")).unwrap();
        assert_eq!(p.status(), Status::Refused);
        assert!(movements.is_empty());

        let (p, movements) = running().apply(&refuse("2024-03-26")).unwrap();
        assert_eq!(p.status(), Status::Refused);
        assert_eq!(movements.len(), 2);

        let paid = after(&running(), &[pay("1", "2024-04-01")]).0;
        assert_eq!(err(&paid, refuse("2024-04-02")), "provider_already_paid");
    }

    #[test]
    fn the_deposit_deadline_cancels_only_a_project_still_waiting_after_it() {
        assert_eq!(
            err(
                &awaiting(),
                Event::DeadlinePassed {
                    date: d("2024-04-21")
                }
            ),
            "deadline_not_passed"
        );
        let (p, movements) = awaiting()
            .apply(&Event::DeadlinePassed {
                date: d("2024-04-22"),
            })
            .unwrap();
        assert_eq!(p.status(), Status::Cancelled);
        assert!(movements.is_empty());
        assert_eq!(
            err(
                &running(),
                Event::DeadlinePassed {
                    date: d("2024-04-22")
                }
            ),
            "not_awaiting_deposit"
        );
    }

    #[test]
    fn the_term_ends_after_31_december_of_the_next_year_and_returns_the_subsidy_to_the_government()
    {
        let p = after(&running(), &[pay("90", "2024-05-01")]).0;
        assert_eq!(p.closes_on(), d("2025-12-31"));
        assert!(p.apply(&pay("1", "2025-12-31")).is_ok());
        assert_eq!(err(&p, pay("1", "2026-01-01")), "term_ended");
        assert_eq!(err(&p, stop("2026-01-01")), "term_ended");
        assert_eq!(
            err(
                &p,
                Event::TermEnded {
                    date: d("2025-12-31")
                }
            ),
            "term_not_ended"
        );
        let (closed, movements) = p
            .apply(&Event::TermEnded {
                date: d("2026-01-01"),
            })
            .unwrap();
        assert_eq!(closed.status(), Status::Closed);
        assert_eq!(
            movements,
            vec![
                Movement::RefundOwnContribution { amount: m("567") },
                Movement::SubsidyReturnedToGovernment { amount: m("243") },
            ]
        );
        let (never_paid_in, _) = awaiting()
            .apply(&Event::TermEnded {
                date: d("2026-01-01"),
            })
            .unwrap();
        assert_eq!(never_paid_in.status(), Status::Cancelled);
    }

    #[test]
    fn no_event_may_be_dated_before_the_application() {
        assert_eq!(
            err(&awaiting(), deposit("630", "2024-03-21")),
            "date_before_application"
        );
        assert_eq!(
            err(&running(), pay("1", "2024-03-21")),
            "date_before_application"
        );
    }

    fn every_event() -> Vec<Event> {
        vec![
            deposit("630", "2024-03-25"),
            pay("1", "2024-04-01"),
            refuse("2024-04-01"),
            stop("2024-04-01"),
            stop_fully_paid("2024-04-01", StopCause::EnterpriseWithdraws),
            recovery("900", "2024-04-02"),
            Event::DeadlinePassed {
                date: d("2024-05-01"),
            },
            Event::TermEnded {
                date: d("2026-01-01"),
            },
        ]
    }

    #[test]
    fn terminal_states_accept_no_event() {
        let ended = [
            after(&running(), &[pay("900", "2024-04-01")]).0,
            after(&awaiting(), &[deposit("630", "2024-05-01")]).0,
            after(&running(), &[refuse("2024-04-01")]).0,
            after(&running(), &[stop("2024-04-01")]).0,
            after(
                &running(),
                &[Event::TermEnded {
                    date: d("2026-01-01"),
                }],
            )
            .0,
        ];
        let statuses: Vec<Status> = ended.iter().map(Project::status).collect();
        assert_eq!(
            statuses,
            vec![
                Status::Finished,
                Status::Cancelled,
                Status::Refused,
                Status::Stopped,
                Status::Closed
            ]
        );
        for p in &ended {
            for e in every_event() {
                if p.status() == Status::Finished && matches!(e, Event::Stop { .. }) {
                    continue; // cases 3 and 4, tested above
                }
                assert_eq!(
                    p.apply(&e),
                    Err(TransitionError::Ended { status: p.status() }),
                    "{:?} {e:?}",
                    p.status()
                );
            }
        }
    }

    #[test]
    fn error_codes_are_unique_and_messages_are_dutch_sentences() {
        let date = d("2024-04-21");
        let errors = [
            TransitionError::Ended {
                status: Status::Finished,
            },
            TransitionError::BeforeApplication { applied_on: date },
            TransitionError::AmountBelowMinimum,
            TransitionError::DepositNotReceived,
            TransitionError::NotAwaitingDeposit,
            TransitionError::DeadlineNotPassed { deposit_by: date },
            TransitionError::InsufficientBalance {
                available: m("900"),
            },
            TransitionError::TermEnded { closes_on: date },
            TransitionError::TermNotEnded { closes_on: date },
            TransitionError::ReasonRequired,
            TransitionError::ProviderAlreadyPaid,
            TransitionError::StopCauseRequired,
            TransitionError::NotAwaitingRecovery,
            TransitionError::RecoveryWrongAmount { expected: m("900") },
            TransitionError::Inconsistent,
        ];
        let mut codes: Vec<&str> = errors.iter().map(|e| e.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), errors.len());
        for e in errors {
            let reason = e.reason();
            assert_eq!(reason.code, e.code());
            assert!(reason.message.ends_with('.'), "{}", reason.message);
        }
    }

    #[test]
    fn events_movements_and_projects_travel_as_json() {
        assert_eq!(
            serde_json::to_value(pay("12.5", "2024-04-01")).unwrap(),
            json!({"type": "payment_ordered", "amount": "12.50", "date": "2024-04-01"})
        );
        let e: Event =
            serde_json::from_value(json!({"type": "term_ended", "date": "2026-01-01"})).unwrap();
        assert_eq!(
            e,
            Event::TermEnded {
                date: d("2026-01-01")
            }
        );
        assert_eq!(
            serde_json::to_value(Movement::PaymentOut {
                amount: m("100"),
                own_part: m("70"),
                subsidy_part: m("30")
            })
            .unwrap(),
            json!({"type": "payment_out", "amount": "100.00", "own_part": "70.00", "subsidy_part": "30.00"})
        );
        let p = after(&running(), &[pay("100", "2024-04-01"), stop("2024-05-01")]).0;
        let v = serde_json::to_value(&p).unwrap();
        assert_eq!(v["status"], "stopped");
        assert_eq!(v["reason"], "Opleiding geannuleerd");
        assert_eq!(v["amounts"]["project_amount"], "900.00");
        assert_eq!(v["balances"]["own_refunded"], "560.00");
        let back: Project = serde_json::from_value(v).unwrap();
        assert_eq!(back, p);
    }

    #[test]
    fn a_stored_project_whose_figures_do_not_add_up_is_refused() {
        let good = serde_json::to_value(running()).unwrap();
        for (pointer, value) in [
            ("/balances/paid_own", json!("631.00")),
            ("/balances/subsidy_credited", json!("0.00")),
            ("/status", json!("awaiting_deposit")),
            ("/status", json!("finished")),
            ("/status", json!("stopped")),
        ] {
            let mut bad = good.clone();
            *bad.pointer_mut(pointer).unwrap() = value;
            assert!(serde_json::from_value::<Project>(bad).is_err(), "{pointer}");
        }
        assert!(serde_json::from_value::<Project>(good).is_ok());
    }

    // ---- properties over random lives ----

    #[derive(Debug, Clone)]
    enum Action {
        Deposit { exact: bool, cents: i64, day: u64 },
        Pay { permille: u32, cents: i64, day: u64 },
        Refuse { blank: bool, day: u64 },
        Stop { blank: bool, cause: bool, day: u64 },
        Recover { exact: bool, cents: i64, day: u64 },
        DeadlinePassed { day: u64 },
        TermEnded { day: u64 },
    }

    fn any_action() -> impl Strategy<Value = Action> {
        prop_oneof![
            3 => (any::<bool>(), 0i64..300_000, 0u64..60)
                .prop_map(|(exact, cents, day)| Action::Deposit { exact, cents, day }),
            6 => (0u32..=1200, 0i64..200_000, 0u64..800)
                .prop_map(|(permille, cents, day)| Action::Pay { permille, cents, day }),
            1 => (any::<bool>(), 0u64..800).prop_map(|(blank, day)| Action::Refuse { blank, day }),
            1 => (any::<bool>(), any::<bool>(), 0u64..800)
                .prop_map(|(blank, cause, day)| Action::Stop { blank, cause, day }),
            1 => (any::<bool>(), 0i64..300_000, 0u64..900)
                .prop_map(|(exact, cents, day)| Action::Recover { exact, cents, day }),
            1 => (0u64..60).prop_map(|day| Action::DeadlinePassed { day }),
            1 => (300u64..1000).prop_map(|day| Action::TermEnded { day }),
        ]
    }

    /// Turns a generated action into an event for the project as it is now, so that payments
    /// often hit "exactly what is left" or a share of it.
    fn event_for(p: &Project, action: &Action) -> Event {
        let on = |day: u64| p.applied_on() + chrono::Days::new(day);
        let cents = |c: i64| Money::from_cents(c).unwrap();
        let reason = |blank: bool| if blank { " " } else { "stopgezet" }.to_string();
        match *action {
            Action::Deposit {
                exact,
                cents: c,
                day,
            } => Event::DepositReceived {
                amount: if exact {
                    p.amounts().own_contribution()
                } else {
                    cents(c)
                },
                date: on(day),
            },
            Action::Pay {
                permille,
                cents: c,
                day,
            } => {
                let share = p.available().cents() * i64::from(permille.min(1000)) / 1000;
                let amount = if permille % 2 == 0 { share } else { c };
                Event::PaymentOrdered {
                    amount: cents(amount),
                    date: on(day),
                }
            }
            Action::Refuse { blank, day } => Event::ProviderRefused {
                reason: reason(blank),
                date: on(day),
            },
            Action::Stop { blank, cause, day } => Event::Stop {
                reason: reason(blank),
                date: on(day),
                cause: cause.then_some(StopCause::ProviderCancelled),
            },
            Action::Recover {
                exact,
                cents: c,
                day,
            } => Event::RecoveryReceived {
                amount: if exact { p.paid() } else { cents(c) },
                date: on(day),
            },
            Action::DeadlinePassed { day } => Event::DeadlinePassed { date: on(day) },
            Action::TermEnded { day } => Event::TermEnded { date: on(day) },
        }
    }

    /// Every movement summed per part, to compare with the project's balances.
    #[derive(Debug, Default, PartialEq, Eq)]
    struct Ledger {
        own_in: i64,
        subsidy_in: i64,
        paid_own: i64,
        paid_subsidy: i64,
        own_refunded: i64,
        subsidy_to_budget: i64,
        subsidy_to_government: i64,
        recovered_own: i64,
        recovered_subsidy: i64,
    }

    impl Ledger {
        fn book(&mut self, movement: &Movement) {
            match *movement {
                Movement::OwnContributionIn { amount } => self.own_in += amount.cents(),
                Movement::SubsidyIn { amount } => self.subsidy_in += amount.cents(),
                Movement::PaymentOut {
                    own_part,
                    subsidy_part,
                    ..
                } => {
                    self.paid_own += own_part.cents();
                    self.paid_subsidy += subsidy_part.cents();
                }
                Movement::RefundOwnContribution { amount } => self.own_refunded += amount.cents(),
                Movement::SubsidyReturnedToAnnualBudget { amount } => {
                    self.subsidy_to_budget += amount.cents()
                }
                Movement::SubsidyReturnedToGovernment { amount } => {
                    self.subsidy_to_government += amount.cents()
                }
                Movement::RecoveredFromProvider {
                    own_part,
                    subsidy_part,
                    ..
                } => {
                    self.recovered_own += own_part.cents();
                    self.recovered_subsidy += subsidy_part.cents();
                }
                // In and straight out again: never on the project balance.
                Movement::DepositReturned { .. } => {}
            }
        }

        fn of(b: &Balances) -> Ledger {
            Ledger {
                own_in: b.own_deposited.cents(),
                subsidy_in: b.subsidy_credited.cents(),
                paid_own: b.paid_own.cents(),
                paid_subsidy: b.paid_subsidy.cents(),
                own_refunded: b.own_refunded.cents(),
                subsidy_to_budget: b.subsidy_to_annual_budget.cents(),
                subsidy_to_government: b.subsidy_to_government.cents(),
                recovered_own: b.recovered_own.cents(),
                recovered_subsidy: b.recovered_subsidy.cents(),
            }
        }
    }

    fn any_project() -> impl Strategy<Value = Project> {
        (1i64..500_000, 0i64..250_000, 0u64..1500).prop_map(|(own, subsidy, day)| {
            let amounts = ProjectAmounts::new(
                Money::from_cents(own).unwrap(),
                Money::from_cents(subsidy).unwrap(),
            )
            .unwrap();
            Project::new(amounts, d("2023-01-01") + chrono::Days::new(day))
        })
    }

    #[test]
    fn budget_held_follows_the_project_life() {
        let applied = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let m = |s: &str| Money::parse(s).unwrap();
        let p = Project::new(ProjectAmounts::new(m("686"), m("294")).unwrap(), applied);
        assert_eq!(p.budget_held(), m("294"));
        let d = |day: u32| NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        let (late, _) = p
            .apply(&Event::DeadlinePassed {
                date: d(31) + chrono::Duration::days(30),
            })
            .unwrap();
        assert_eq!(
            late.budget_held(),
            Money::ZERO,
            "cancelled before any subsidy"
        );
        let (running, _) = p
            .apply(&Event::DepositReceived {
                amount: m("686"),
                date: d(10),
            })
            .unwrap();
        let (paid, _) = running
            .apply(&Event::PaymentOrdered {
                amount: m("100"),
                date: d(11),
            })
            .unwrap();
        let (stopped, _) = paid
            .apply(&Event::Stop {
                reason: "geannuleerd".into(),
                date: d(12),
                cause: None,
            })
            .unwrap();
        // 100 paid = 70 own + 30 subsidy: the 264 unpaid subsidy returns to this year's budget.
        assert_eq!(stopped.budget_held(), m("30"));
        let next_year = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
        let (stopped_late, _) = paid
            .apply(&Event::Stop {
                reason: "geannuleerd".into(),
                date: next_year,
                cause: None,
            })
            .unwrap();
        assert_eq!(
            stopped_late.budget_held(),
            m("294"),
            "a later-year stop gives nothing back"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn money_is_conserved_and_never_negative_over_any_life(
            start in any_project(),
            deposit_first in prop::bool::weighted(0.7),
            actions in prop::collection::vec(any_action(), 0..16),
        ) {
            // Most lives start with the deposit in time, so that payments and refunds happen.
            let first = Action::Deposit { exact: true, cents: 0, day: 0 };
            let actions = deposit_first.then_some(first).into_iter().chain(actions);
            let mut project = start;
            let mut ledger = Ledger::default();
            for action in &actions.collect::<Vec<_>>() {
                let event = event_for(&project, action);
                let result = project.apply(&event);
                let stopping_finished = project.status() == Status::Finished
                    && matches!(event, Event::Stop { .. });
                if project.status().is_terminal() && !stopping_finished {
                    prop_assert_eq!(result, Err(TransitionError::Ended { status: project.status() }));
                    continue;
                }
                let Ok((next, movements)) = result else { continue };
                for movement in &movements {
                    prop_assert!(!movement.amount().is_zero());
                    if let Movement::PaymentOut { amount, own_part, subsidy_part } = *movement {
                        prop_assert_eq!(own_part.checked_add(subsidy_part), Some(amount));
                        prop_assert_eq!(&event, &Event::PaymentOrdered { amount, date: event.date() });
                    }
                    ledger.book(movement);
                }
                project = next;
                let b = project.balances();
                // What came in = paid out + refunded or returned + still on the balance, per part.
                prop_assert_eq!(&ledger, &Ledger::of(&b));
                let own_left = b.own_on_balance();
                let subsidy_left = b.subsidy_on_balance();
                prop_assert!(own_left.is_some() && subsidy_left.is_some());
                prop_assert_eq!(
                    ledger.own_in + ledger.recovered_own - ledger.paid_own - ledger.own_refunded,
                    own_left.map_or(-1, Money::cents)
                );
                prop_assert_eq!(
                    ledger.subsidy_in + ledger.recovered_subsidy - ledger.paid_subsidy
                        - ledger.subsidy_to_budget - ledger.subsidy_to_government,
                    subsidy_left.map_or(-1, Money::cents)
                );
                // The subsidy paid so far is always the rounded share of what was paid.
                let a = project.amounts();
                let share = Money::round_half_up(
                    project.paid().amount() * a.subsidy().amount() / a.project_amount().amount(),
                );
                prop_assert_eq!(b.paid_subsidy, share);
                if project.status().is_terminal() {
                    prop_assert_eq!(project.available(), Money::ZERO);
                }
                let json = serde_json::to_string(&project).unwrap();
                prop_assert_eq!(serde_json::from_str::<Project>(&json).unwrap(), project.clone());
            }
        }

        #[test]
        fn partial_payments_until_finished_pay_exactly_the_two_parts(
            start in any_project(),
            payments in prop::collection::vec(1i64..100_000, 1..40),
        ) {
            let own = start.amounts().own_contribution();
            let date = start.applied_on();
            let (mut project, _) = start.apply(&Event::DepositReceived { amount: own, date }).unwrap();
            for cents in payments.into_iter().chain(std::iter::once(i64::MAX)) {
                let amount = Money::from_cents(cents.min(project.available().cents())).unwrap();
                project = project.apply(&Event::PaymentOrdered { amount, date }).unwrap().0;
                if project.status() == Status::Finished {
                    break;
                }
            }
            prop_assert_eq!(project.status(), Status::Finished);
            prop_assert_eq!(project.balances().paid_own, own);
            prop_assert_eq!(project.balances().paid_subsidy, project.amounts().subsidy());
        }
    }
}
