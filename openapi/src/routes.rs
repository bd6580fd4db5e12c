//! Every route of `worker/src/router.rs`: its parameters, request body and answers, each a type
//! of `shared::api`. The texts are what API clients read.

use serde_json::{json, Map, Value};
use shared::api::{enterprise, operator, provider, public, registration, session, Errors, Reasons};
use shared::ids::ProviderNumber;
use shared::service::ServiceType;
use shared::simulate::Simulation;

use crate::Schemas;

/// One operation being described.
struct Op {
    method: &'static str,
    path: &'static str,
    body: Map<String, Value>,
    responses: Map<String, Value>,
    parameters: Vec<Value>,
}

fn op(method: &'static str, path: &'static str, id: &str, tag: &str, summary: &str) -> Op {
    let mut body = Map::new();
    body.insert("operationId".into(), json!(id));
    body.insert("tags".into(), json!([tag]));
    body.insert("summary".into(), json!(summary));
    body.insert("security".into(), json!([]));
    Op {
        method,
        path,
        body,
        responses: Map::new(),
        parameters: Vec::new(),
    }
}

impl Op {
    fn describe(mut self, text: &str) -> Op {
        self.body.insert("description".into(), json!(text));
        self
    }

    /// Needs the session cookie.
    fn session(mut self) -> Op {
        self.body
            .insert("security".into(), json!([{ "session": [] }]));
        self
    }

    /// Works with or without a session.
    fn any_session(mut self) -> Op {
        self.body
            .insert("security".into(), json!([{}, { "session": [] }]));
        self
    }

    fn param(mut self, p: Value) -> Op {
        self.parameters.push(p);
        self
    }

    fn query(self, name: &str, required: bool, description: &str, schema: Value) -> Op {
        self.param(json!({
            "name": name, "in": "query", "required": required,
            "description": description, "schema": schema
        }))
    }

    /// A list answered a page at a time (`shared::api::page`): `limit` and `cursor`.
    fn paged(self) -> Op {
        self.shared_param("Limit").shared_param("Cursor")
    }

    fn shared_param(self, name: &str) -> Op {
        self.param(json!({ "$ref": format!("#/components/parameters/{name}") }))
    }

    fn json_body(mut self, schema: Value) -> Op {
        self.body.insert(
            "requestBody".into(),
            json!({ "required": true, "content": { "application/json": { "schema": schema } } }),
        );
        self
    }

    /// An XML document as the body (a bank statement).
    fn xml_body(mut self, description: &str) -> Op {
        self.body.insert(
            "requestBody".into(),
            json!({
                "required": true,
                "description": description,
                "content": {
                    "application/xml": { "schema": { "type": "string" } },
                    "text/xml": { "schema": { "type": "string" } }
                }
            }),
        );
        self
    }

    fn answer(mut self, status: u16, description: &str, schema: Value) -> Op {
        self.responses.insert(
            status.to_string(),
            json!({ "description": description, "content": { "application/json": { "schema": schema } } }),
        );
        self
    }

    fn raw(mut self, status: u16, response: Value) -> Op {
        self.responses.insert(status.to_string(), response);
        self
    }

    /// The shared answers (components/responses) for these statuses.
    fn usual(mut self, statuses: &[&str]) -> Op {
        for status in statuses {
            let (code, name) = match *status {
                "400" => ("400", "BadRequest"),
                "401" => ("401", "NotSignedIn"),
                "403" => ("403", "Forbidden"),
                "404" => ("404", "NotFound"),
                "404dev" => ("404", "DevOnly"),
                "409busy" => ("409", "ProjectBusy"),
                "413" => ("413", "TooLarge"),
                "415" => ("415", "UnsupportedMediaType"),
                "422" => ("422", "Refused"),
                "429" => ("429", "TooManyRequests"),
                "500" => ("500", "InternalError"),
                other => panic!("no shared answer {other}"),
            };
            self.responses.insert(
                code.into(),
                json!({ "$ref": format!("#/components/responses/{name}") }),
            );
        }
        self
    }

    /// A JSON body's usual refusals.
    fn body_refusals(self) -> Op {
        self.usual(&["400", "413", "415"])
    }

    /// A signed-in route's usual refusals.
    fn signed_in(self) -> Op {
        self.session().usual(&["401", "403", "500"])
    }
}

pub fn paths(s: &mut Schemas) -> Value {
    let errors = s.answer::<Errors>();
    let ops = vec![
        // Public.
        op("get", "/api/v1/health", "health", "public", "Whether D1 and KV answer")
            .answer(200, "Both answer.", s.answer::<public::Health>())
            .answer(503, "One of them does not answer.", s.answer::<public::Health>())
            .usual(&["500"]),
        op("get", "/api/v1/themes", "listThemes", "public", "The eight themes (thema's) and their sub-themes, ids and Dutch labels")
            .answer(200, "The catalogue (cacheable for an hour).", s.answer::<public::ThemeList>())
            .usual(&["500"]),
        op("post", "/api/v1/simulate", "simulate", "public", "The subsidy simulator (subsidiesimulator)")
            .json_body(s.request::<public::SimulateRequest>())
            .answer(200, "Rate, project amount, own contribution (eigen bijdrage), subsidy and remaining budget; or eligible: false with every reason.", s.answer::<Simulation>())
            .body_refusals()
            .usual(&["500"]),
        op("get", "/api/v1/regimes", "listRegimes", "public", "The rule sets (regimes): when each applies, its parameters and the legal texts it rests on")
            .describe("Generated from the data the rules use. Without `on`: every rule set, oldest first (RegimeList). With `on`: the one in force that day (RegimeOn). Cacheable for an hour.")
            .query("on", false, "A day (YYYY-MM-DD) from 2023-01-01, the first rule set: answer the rule set in force that day.", json!({ "type": "string", "format": "date", "pattern": r"^(?:202[3-9]|20[3-9][0-9]|2[1-9][0-9]{2}|[3-9][0-9]{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$" }))
            .answer(200, "Every rule set, or the one in force on `on`.", json!({ "oneOf": [s.answer::<public::RegimeList>(), s.answer::<public::RegimeOn>()] }))
            .answer(400, "`on` is no date (invalid_date) or before the first rule set (date_not_supported); a parameter given twice (invalid_query).", errors.clone())
            .usual(&["500"]),
        op("post", "/api/v1/size-assessment", "assessSize", "public", "The size wizard: small, medium or large by the EU SME definition")
            .describe("This year's figures with the partner (25 % to 50 %: in proportion) and linked enterprises (above 50 % or control: in full), Recommendation 2003/361/EC; with earlier years, the two-year rule decides the size that holds (established_size).")
            .json_body(s.request::<public::SizeAssessmentRequest>())
            .answer(200, "The size with every threshold compared, and the size that holds.", s.answer::<shared::size_wizard::SizeAnswer>())
            .body_refusals()
            .usual(&["500"]),
        op("get", "/api/v1/providers", "searchProviders", "public", "Search registered providers (dienstverleners) by number or name")
            .query("q", true, "Registration number or (part of) the name: 2 to 100 characters, at least 2 once trimmed.", json!({ "type": "string", "maxLength": 100, "pattern": format!(r"[^{ws}][\s\S]*[^{ws}]", ws = shared::form::WHITESPACE) }))
            .query("service", false, "Only providers registered for this service type; empty for any.", or_empty(s.request::<ServiceType>()))
            .query("theme", false, "Only providers covering this theme; empty for any.", or_empty(s.request::<public::ThemeId>()))
            .query("subtheme", false, "With theme: only providers covering this sub-theme (none when it is not one of the theme's); empty for the whole theme.", s.request::<public::SubthemeId>())
            .answer(200, "Active providers that match, at most 25.", s.answer::<public::ProviderList>())
            .usual(&["400", "429", "500"]),
        op("get", "/api/v1/providers/{number}", "getProvider", "public", "One registered, active provider")
            .shared_param("ProviderNumberPath")
            .answer(200, "The provider (cacheable for a minute).", s.answer::<public::Provider>())
            .usual(&["400", "404", "429", "500"]),
        op("get", "/robots.txt", "robots", "public", "What crawlers may index")
            .raw(200, json!({ "description": "The public pages may be indexed; the API and signed-in screens are disallowed; names the sitemap.", "content": { "text/plain": { "schema": { "type": "string" } } } }))
            .usual(&["500"]),
        op("get", "/sitemap.xml", "sitemap", "public", "The public pages as absolute addresses")
            .raw(200, json!({ "description": "The public pages (simulator, sign-in) as absolute addresses on PUBLIC_ORIGIN.", "content": { "application/xml": { "schema": { "type": "string" } } } }))
            .usual(&["404", "500"]),
        // Sessions.
        op("get", "/api/v1/auth/options", "signInOptions", "sessions", "Which ways to sign in this installation offers")
            .answer(200, "government: OpenID Connect is configured; demo: the development build's demo sign-in exists.", s.answer::<session::AuthOptions>())
            .usual(&["500"]),
        op("get", "/api/v1/auth/login", "oidcLogin", "sessions", "Sign in through the government's OpenID Connect provider (every role)")
            .raw(303, redirect("To the identity provider; or back to the sign-in page when sign-in is not configured."))
            .usual(&["429", "500"]),
        op("get", "/api/v1/auth/callback", "oidcCallback", "sessions", "Where the identity provider sends the browser back")
            .query("code", false, "Authorization code.", json!({ "type": "string" }))
            .query("state", false, "Must equal the state of the flow cookie.", json!({ "type": "string" }))
            .query("error", false, "Set by the identity provider when the user cancelled or was refused.", json!({ "type": "string" }))
            .query("iss", false, "The identity provider's issuer (RFC 9207), when it sends it.", json!({ "type": "string" }))
            .raw(303, redirect("Signed in: to the home of the one organisation the person may act for (/portefeuille, /dienstverlener, /beheer) or to /aanmelden/kiezen to choose among several, with the session cookie. Refused: to /aanmelden?fout=<code> (sign_in_unavailable, sign_in_cancelled, sign_in_expired, sign_in_state_mismatch, sign_in_failed, id_token_malformed, id_token_algorithm, id_token_unknown_key, id_token_signature, id_token_issuer, id_token_audience, id_token_expired, id_token_not_yet_valid, id_token_nonce, userinfo_subject, enterprise_unknown, provider_not_active, no_organisation), written to the audit log. The flow cookie is cleared either way."))
            .usual(&["429", "500"]),
        op("post", "/api/v1/session/organisation", "chooseOrganisation", "sessions", "Act for another organisation of this sign-in (Wisselen van organisatie)")
            .session()
            .json_body(s.request::<session::ChooseOrganisation>())
            .answer(200, "Now acting for it.", s.answer::<session::Session>())
            .answer(403, "Not one of this sign-in's organisations (not_your_organisation), access revoked, or from another origin.", errors.clone())
            .body_refusals()
            .usual(&["401", "500"]),
        op("post", "/api/v1/sign-out", "signOut", "sessions", "Ends the session")
            .any_session()
            .raw(200, json!({ "description": "Signed out; the cookie is cleared (also without a session).", "headers": { "Set-Cookie": { "description": "Clears the session cookie.", "schema": { "type": "string" } } }, "content": { "application/json": { "schema": s.answer::<session::SignedOut>() } } }))
            .usual(&["500"]),
        op("get", "/api/v1/me", "me", "sessions", "Who is signed in, for which organisations")
            .session()
            .answer(200, "The signed-in user.", s.answer::<session::Session>())
            .usual(&["401", "403", "500"]),
        op("get", "/api/v1/notifications", "listNotifications", "sessions", "Mails sent to the signed-in enterprise or provider (meldingen)")
            .describe("Enterprise or provider; the operator gets 403.")
            .paged()
            .answer(200, "A page of the mails, newest first, with their sending status; for an enterprise also the reminders still to come for its open projects.", s.answer::<session::NotificationList>())
            .signed_in()
            .usual(&["400"]),
        op("post", "/api/v1/email-confirmation", "confirmEmail", "enterprise", "Confirm an enterprise's e-mail address with the token of the link mailed to it")
            .describe("No session needed: the link may be opened on another device. The link's token (in its fragment, /e-mailadres-bevestigen#<token>) confirms the address it was sent to, once, within 7 days, while that is still the enterprise's address.")
            .json_body(s.request::<enterprise::EmailConfirmationRequest>())
            .answer(200, "Confirmed.", s.answer::<enterprise::EmailConfirmed>())
            .answer(404, "No such link, used already, expired, or the address changed since (code confirmation_invalid).", errors.clone())
            .body_refusals()
            .usual(&["500"]),
        // Registration.
        op("get", "/api/v1/registration", "getRegistration", "enterprise", "What the KBO says about the enterprise acted for, before it registers, and every reason it cannot")
            .describe("Only for an enterprise that is in the KBO data and has no wallet yet; every other enterprise route answers 403 registration_required until it registers.")
            .answer(200, "The KBO facts (null when the KBO data do not have the enterprise) and the reasons.", s.answer::<registration::RegistrationView>())
            .answer(409, "The enterprise is registered already (code already_registered).", errors.clone())
            .signed_in(),
        op("post", "/api/v1/registration", "register", "enterprise", "Register the enterprise for the kmo-portefeuille (first time): e-mail address, refund account, public participation and size")
            .json_body(s.request::<registration::RegistrationRequest>())
            .answer(201, "Registered: the session, now acting for an enterprise with a wallet.", s.answer::<session::Session>())
            .answer(409, "The enterprise is registered already (code already_registered), also when another registration came first.", errors.clone())
            .signed_in()
            .body_refusals()
            .usual(&["422"]),
        // Enterprise.
        op("get", "/api/v1/enterprise", "getEnterprise", "enterprise", "The enterprise's profile with this year's size and budget")
            .answer(200, "The profile.", s.answer::<enterprise::EnterpriseProfile>())
            .signed_in()
            .usual(&["404"]),
        op("patch", "/api/v1/enterprise", "updateEnterprise", "enterprise", "Change the e-mail address and refund IBAN (mijn ondernemingsgegevens)")
            .json_body(s.request::<enterprise::EnterpriseUpdate>())
            .answer(200, "The updated profile.", s.answer::<enterprise::EnterpriseProfile>())
            .signed_in()
            .body_refusals()
            .usual(&["404"]),
        op("get", "/api/v1/enterprise/projects", "listEnterpriseProjects", "enterprise", "The enterprise's projects of the last five years (historiek subsidies)")
            .query("number", false, "Part of the dossier number (at most 100 characters).", json!({ "type": "string", "maxLength": 100 }))
            .query("name", false, "Part of the project name (at most 100 characters).", json!({ "type": "string", "maxLength": 100 }))
            .query("service", false, "Service type; empty for any.", or_empty(s.request::<ServiceType>()))
            .query("provider", false, "Part of the provider number (at most 100 characters).", json!({ "type": "string", "maxLength": 100 }))
            .query("year", false, "Application year; empty for any.", json!({ "type": "string", "pattern": "^(?:[0-9]{4})?$" }))
            .query("status", false, "Project status; empty for any.", or_empty(s.request::<shared::project::Status>()))
            .paged()
            .answer(200, "A page of the matching projects, newest first, with the actions that apply.", s.answer::<enterprise::ProjectList>())
            .signed_in()
            .usual(&["400"]),
        op("post", "/api/v1/enterprise/size", "confirmEnterpriseSize", "enterprise", "Declare the enterprise's size on honour (Bevestig grootte onderneming); only while no application of this calendar year fixed it")
            .describe("With `figures` (the size wizard's question), the size must be the one they establish (422 size_differs_from_figures); the figures are kept with the declaration (`size_figures` of the profile).")
            .json_body(s.request::<enterprise::SizeDeclaration>())
            .answer(200, "The profile with the declared size.", s.answer::<enterprise::EnterpriseProfile>())
            .answer(409, "The size is fixed for this year by its first application (code size_fixed).", errors.clone())
            .signed_in()
            .body_refusals()
            .usual(&["404", "422"]),
        op("post", "/api/v1/applications", "apply", "enterprise", "Apply for support (steunaanvraag): the wizard's five steps at once")
            .shared_param("IdempotencyKey")
            .json_body(s.request::<enterprise::ApplicationRequest>())
            .answer(200, "A retry with the same Idempotency-Key: the application registered the first time.", s.answer::<enterprise::ApplicationAnswer>())
            .answer(201, "Registered: dossier number, amounts, deadlines and deposit details with the EPC QR.", s.answer::<enterprise::ApplicationAnswer>())
            .answer(409, "The annual budget changed under concurrent applications; try again (budget_busy).", errors.clone())
            .signed_in()
            .body_refusals()
            .usual(&["404", "422"]),
        op("get", "/api/v1/projects/{dossier}", "getProject", "enterprise", "One project of the enterprise")
            .describe("A project of another enterprise answers 404, like one that does not exist.")
            .shared_param("DossierPath")
            .answer(200, "The project.", s.answer::<enterprise::ProjectDetail>())
            .signed_in()
            .usual(&["404"]),
        op("get", "/api/v1/projects/{dossier}/calendar.ics", "projectCalendar", "enterprise", "The project's deadlines as an iCalendar file (Zet in mijn agenda)")
            .describe("RFC 5545: one all-day event per deadline of the project (deposit, application deadline where a new application is still possible, closing), each with an alarm and a UID that stays the same across downloads. A project of another enterprise answers 404.")
            .shared_param("DossierPath")
            .raw(200, json!({ "description": "The calendar.", "content": { "text/calendar": { "schema": { "type": "string" } } } }))
            .signed_in()
            .usual(&["404"]),
        op("post", "/api/v1/projects/{dossier}/payments", "payProvider", "enterprise", "Pay the provider from the project (betalen)")
            .describe("Requires an Idempotency-Key (400 without): a retried order is executed once.")
            .shared_param("DossierPath")
            .shared_param("IdempotencyKeyRequired")
            .json_body(s.request::<enterprise::PaymentRequest>())
            .answer(200, "A retry with the same Idempotency-Key: the payment ordered the first time.", s.answer::<enterprise::PaymentAnswer>())
            .answer(201, "Payment ordered.", s.answer::<enterprise::PaymentAnswer>())
            .signed_in()
            .body_refusals()
            .usual(&["404", "409busy", "422"]),
        op("post", "/api/v1/projects/{dossier}/stop", "stopProject", "enterprise", "Stop the project (stopzetten), with a reason")
            .describe("RULES.md §7: cases 1 and 2 (nothing or part paid) refund what is left; a fully paid project (cases 3 and 4) also needs its cause and waits for the provider to pay back (awaiting_recovery), recorded by the operator's bank statement import.")
            .shared_param("DossierPath")
            .json_body(s.request::<enterprise::StopRequest>())
            .answer(200, "Stopped; with the refunds and budget movements.", s.answer::<enterprise::StopAnswer>())
            .signed_in()
            .body_refusals()
            .usual(&["404", "409busy", "422"]),
        op("post", "/api/v1/projects/{dossier}/rating", "rateProvider", "enterprise", "Rate the provider (beoordelen), once per project, after a payment")
            .shared_param("DossierPath")
            .json_body(s.request::<enterprise::RatingRequest>())
            .answer(201, "Rating stored.", s.answer::<enterprise::RatingAnswer>())
            .answer(409, "Already rated (already_rated).", errors.clone())
            .signed_in()
            .body_refusals()
            .usual(&["404", "422"]),
        // Provider.
        op("get", "/api/v1/provider/projects", "listProviderProjects", "provider", "Applications naming the signed-in provider")
            .query("status", false, "Project status; empty for any.", or_empty(s.request::<shared::project::Status>()))
            .query("year", false, "Application year; empty for any.", json!({ "type": "string", "pattern": "^(?:[0-9]{4})?$" }))
            .query("q", false, "Part of a dossier number or of the enterprise's name (at most 100 characters).", json!({ "type": "string", "maxLength": 100 }))
            .paged()
            .answer(200, "A page of them, newest first.", s.answer::<provider::ProviderProjectList>())
            .signed_in()
            .usual(&["400"]),
        op("get", "/api/v1/provider/projects.csv", "downloadProviderProjects", "provider", "The applications naming the provider as a spreadsheet file, for its bookkeeping")
            .describe("Every application the filters find, newest first: semicolons, decimal comma, UTF-8 with a byte order mark; no cell starts a formula. Streamed a page of 1,000 at a time.")
            .query("status", false, "Project status; empty for any.", or_empty(s.request::<shared::project::Status>()))
            .query("year", false, "Application year; empty for any.", json!({ "type": "string", "pattern": "^(?:[0-9]{4})?$" }))
            .query("q", false, "Part of a dossier number or of the enterprise's name (at most 100 characters).", json!({ "type": "string", "maxLength": 100 }))
            .raw(200, csv_file("aanvragen.csv"))
            .signed_in()
            .usual(&["400"]),
        op("post", "/api/v1/provider/projects/{dossier}/refuse", "refuseApplication", "provider", "Refuse an application (weigeren) before any payment")
            .describe("With the ground related_party (RULES.md §3), the reason starts with the rules' words.")
            .shared_param("DossierPath")
            .json_body(s.request::<provider::RefuseRequest>())
            .answer(200, "Refused.", s.answer::<provider::RefuseAnswer>())
            .signed_in()
            .body_refusals()
            .usual(&["404", "409busy", "422"]),
        op("get", "/api/v1/provider/payments", "listProviderPayments", "provider", "Payments received across the provider's projects")
            .paged()
            .answer(200, "A page of them, newest first, with the total of all.", s.answer::<provider::ProviderPaymentList>())
            .signed_in()
            .usual(&["400"]),
        op("get", "/api/v1/provider/payments.csv", "downloadProviderPayments", "provider", "The payments received as a spreadsheet file, for the provider's bookkeeping")
            .describe("Every payment received, newest first, in the form of the applications' file. Streamed a page of 1,000 at a time.")
            .raw(200, csv_file("betalingen.csv"))
            .signed_in(),
        op("get", "/api/v1/provider/ratings", "listProviderRatings", "provider", "Ratings of the provider, with who rated")
            .paged()
            .answer(200, "A page of them, newest first.", s.answer::<provider::ProviderRatingList>())
            .signed_in()
            .usual(&["400"]),
        // Operator.
        op("put", "/api/v1/operator/providers/{number}", "putProvider", "operator", "Register or update a provider, its service types and themes")
            .shared_param("ProviderNumberPath")
            .json_body(s.request::<operator::ProviderRequest>())
            .answer(200, "Saved.", s.answer::<operator::ProviderSaved>())
            .signed_in()
            .body_refusals(),
        op("post", "/api/v1/operator/bank-entries", "importBankEntries", "operator", "Import bank entries (JSON): deposits of own contributions (stortingen)")
            .describe("An entry with the project's structured communication, the exact own contribution and on time credits it and the subsidy; for a stopped, fully paid project the provider's repayment of exactly what it received is recovered; anything else is recorded for refund. Importing an entry_ref twice credits once.")
            .json_body(s.request::<operator::BankEntriesRequest>())
            .answer(200, "The outcome of each entry.", s.answer::<operator::ImportResult>())
            .signed_in()
            .body_refusals(),
        op("get", "/api/v1/operator/bank-entries", "listBankEntries", "operator", "Imported bank entries of the wallet account (e.g. the unmatched ones)")
            .query("outcome", false, "Only entries with this outcome; empty for all.", or_empty(s.request::<operator::BankEntryOutcome>()))
            .paged()
            .answer(200, "A page of them, newest first.", s.answer::<operator::BankEntryList>())
            .signed_in()
            .usual(&["400"]),
        op("post", "/api/v1/operator/bank-statements", "importBankStatement", "operator", "Import a CAMT.053 bank statement (rekeninguittreksel)")
            .session()
            .xml_body("ISO 20022 camt.053.001.02 or later, UTF-8, no DOCTYPE.")
            .answer(200, "The outcome of each booked entry.", s.answer::<operator::ImportResult>())
            .answer(413, "Statement over 5 MB (code body_too_large).", errors.clone())
            .answer(415, "Not sent as application/xml or text/xml (code unsupported_media_type).", errors.clone())
            .usual(&["400", "401", "403", "500"]),
        op("post", "/api/v1/operator/payments/{id}/executed", "paymentExecuted", "operator", "The financial partner executed a payment")
            .param(json!({ "name": "id", "in": "path", "required": true, "description": "Payment id.", "schema": { "type": "integer", "minimum": 1, "maximum": 9007199254740991i64 } }))
            .answer(200, "Marked executed.", s.answer::<operator::PaymentExecuted>())
            .answer(409, "Already executed (already_executed).", errors.clone())
            .signed_in()
            .usual(&["400", "404"]),
        op("get", "/api/v1/operator/refunds", "listRefunds", "operator", "Own contributions to pay back, and deposits to send back")
            .answer(200, "Pending, oldest first.", s.answer::<operator::RefundList>())
            .signed_in(),
        op("get", "/api/v1/operator/audit", "listAudit", "operator", "The append-only audit log")
            .query("target", false, "Only entries about this target (e.g. a dossier number).", json!({ "type": "string" }))
            .paged()
            .answer(200, "A page of it, newest first.", s.answer::<operator::AuditList>())
            .signed_in()
            .usual(&["400"]),
        op("get", "/api/v1/operator/mails", "listParkedMails", "operator", "Mails not sent after every try, or whose sending was not recorded")
            .describe("Parked (failed) mails, and mails handed to the mail service more than ten minutes ago without its answer recorded: neither is sent again automatically, so a mail is never sent twice.")
            .paged()
            .answer(200, "A page of them, newest first.", s.answer::<operator::ParkedMailList>())
            .signed_in()
            .usual(&["400"]),
        op("post", "/api/v1/operator/mails/{id}/retry", "retryParkedMail", "operator", "Send a parked mail again, once its cause was put right")
            .describe("For a parked (failed) mail, or one whose sending was not recorded for more than ten minutes (the operator judges it was not sent): a full series of tries, a notice or reminder to the address on file now. Audited (mail_retried).")
            .param(json!({ "name": "id", "in": "path", "required": true, "description": "Outbox id.", "schema": { "type": "integer", "minimum": 1, "maximum": 9007199254740991i64 } }))
            .answer(202, "Queued.", s.answer::<session::Requeued>())
            .answer(404, "No such mail (code mail_not_found).", errors.clone())
            .answer(409, "Not parked: sent, waiting or being sent (code mail_not_parked).", errors.clone())
            .signed_in(),
        op("post", "/api/v1/operator/run-daily", "runDaily", "operator", "Run the daily job now (the cron trigger runs it too)")
            .describe("Cancels applications whose deposit deadline passed, closes projects at the end of their term, and writes the reminders due today (each once per project and deadline).")
            .answer(200, "What it did.", s.answer::<operator::DailyRun>())
            .signed_in(),
        // Development build only.
        op("post", "/api/v1/dev/sign-in", "devSignIn", "development", "Demo sign-in (development only)")
            .describe("Pick a seeded enterprise or provider, or be the operator. Production signs in through OpenID Connect.")
            .json_body(s.request::<session::SignInRequest>())
            .answer(200, "Signed in; the session cookie is set.", s.answer::<session::Actor>())
            .body_refusals()
            .usual(&["404dev", "500"]),
        op("get", "/api/v1/dev/outbox", "devOutbox", "development", "Every mail of the outbox with its sending status (development only)")
            .raw(200, json!({ "description": "Newest first, at most 500; HTML when the client accepts text/html.", "content": { "application/json": { "schema": s.answer::<session::Outbox>() }, "text/html": { "schema": { "type": "string" } } } }))
            .usual(&["404dev", "500"]),
        op("post", "/api/v1/dev/outbox/{id}/queue", "devRequeue", "development", "Put a mail on the mail queue again, as a message delivered twice (development only)")
            .describe("The consumer claims a mail once: a mail already sent is not sent again.")
            .param(json!({ "name": "id", "in": "path", "required": true, "description": "Outbox id.", "schema": { "type": "integer", "minimum": 1, "maximum": 9007199254740991i64 } }))
            .answer(202, "Queued.", s.answer::<session::Requeued>())
            .usual(&["404dev", "500"]),
        op("post", "/api/v1/dev/projects/{dossier}/copies", "devCopies", "development", "Copies of a project with its payments and rating, for volume (development only)")
            .describe("Each copy under a dossier number and structured communication of its own; budgets are not touched.")
            .shared_param("DossierPath")
            .json_body(s.request::<session::CopiesRequest>())
            .answer(201, "Made.", s.answer::<session::Copies>())
            .answer(404, "No such project, or not the development build (not_found).", errors.clone())
            .body_refusals()
            .usual(&["500"]),
        op("get", "/api/v1/dev/clock", "devToday", "development", "What \"today\" is for the product (development only)")
            .answer(200, "The date used as today.", s.answer::<session::Clock>())
            .usual(&["404dev", "500"]),
        op("put", "/api/v1/dev/clock", "devClock", "development", "Move \"today\" (development only)")
            .json_body(s.request::<session::ClockRequest>())
            .answer(200, "The date now used as today.", s.answer::<session::Clock>())
            .body_refusals()
            .usual(&["404dev", "500"]),
    ];
    let mut paths = Map::new();
    for mut o in ops {
        if !o.parameters.is_empty() {
            o.body
                .insert("parameters".into(), Value::Array(o.parameters));
        }
        let mut responses: Vec<(String, Value)> = o.responses.into_iter().collect();
        responses.sort_by(|a, b| a.0.cmp(&b.0));
        o.body.insert(
            "responses".into(),
            Value::Object(responses.into_iter().collect()),
        );
        let entry = paths.entry(o.path.to_string()).or_insert_with(|| json!({}));
        entry[o.method] = Value::Object(o.body);
    }
    Value::Object(paths)
}

/// A query filter that may also be empty (no filter).
fn or_empty(schema: Value) -> Value {
    json!({ "anyOf": [schema, { "type": "string", "const": "" }] })
}

fn redirect(description: &str) -> Value {
    json!({
        "description": description,
        "headers": {
            "Location": { "description": "Where the browser goes next.", "schema": { "type": "string" } },
            "Set-Cookie": { "description": "The flow or session cookie.", "schema": { "type": "string" } }
        }
    })
}

/// A spreadsheet file answer, downloaded as `name`.
fn csv_file(name: &str) -> Value {
    json!({
        "description": format!("The file (text/csv, downloaded as {name})."),
        "headers": { "Content-Disposition": { "description": format!("attachment; filename=\"{name}\""), "schema": { "type": "string" } } },
        "content": { "text/csv": { "schema": { "type": "string" } } }
    })
}

pub fn parameters(s: &mut Schemas) -> Value {
    let key = json!({ "type": "string", "pattern": "^[!-~]{1,100}$" });
    json!({
        "IdempotencyKey": {
            "name": "Idempotency-Key", "in": "header",
            "description": "1 to 100 visible ASCII characters. A retry with the same key answers the first result (200) instead of acting twice.",
            "schema": key
        },
        "IdempotencyKeyRequired": {
            "name": "Idempotency-Key", "in": "header", "required": true,
            "description": "1 to 100 visible ASCII characters, required: a retry with the same key answers the first payment (200) instead of paying twice.",
            "schema": key
        },
        "ProviderNumberPath": {
            "name": "number", "in": "path", "required": true,
            "description": "Provider number.",
            "schema": s.request::<ProviderNumber>()
        },
        "Limit": {
            "name": "limit", "in": "query",
            "description": "Items per page: 1 to 100, 25 when absent or empty (invalid_limit otherwise).",
            "schema": { "type": "string", "pattern": "^(?:[1-9][0-9]?|100)?$" }
        },
        "Cursor": {
            "name": "cursor", "in": "query",
            "description": "The `next_cursor` of the previous page, as received (invalid_cursor otherwise); absent or empty for the first page. A page starts right after the last item of the one before, so items added meanwhile never shift a page.",
            "schema": { "type": "string", "pattern": "^(?:c1\\.[1-9a-f][0-9a-f]{0,14})?$" }
        },
        "DossierPath": {
            "name": "dossier", "in": "path", "required": true,
            "description": "Dossier number (case-insensitive).",
            "schema": { "type": "string", "minLength": 1 }
        }
    })
}

pub fn responses(s: &mut Schemas) -> Value {
    let errors = s.answer::<Errors>();
    let reasons = s.answer::<Reasons>();
    let with = |description: &str, schema: &Value| json!({ "description": description, "content": { "application/json": { "schema": schema } } });
    let mut limited = with(
        "Over the rate limit for this client address (rate_limited); try again after Retry-After seconds.",
        &errors,
    );
    limited["headers"] = json!({ "Retry-After": { "description": "Seconds to wait: the limiter's period.", "schema": { "type": "string" } } });
    json!({
        "BadRequest": with("Malformed request: every wrong field with a code and a Dutch message.", &errors),
        "NotSignedIn": with("Not signed in (code not_signed_in).", &errors),
        "Forbidden": with("Signed in with another role (wrong_role), or a changing request from another site (cross_origin).", &errors),
        "NotFound": with("Not found (or not yours).", &errors),
        "DevOnly": with("The production build has no such route (code not_found); the development build answers 404 too outside ENVIRONMENT=development.", &errors),
        "TooLarge": with("Body over 64 kB (code body_too_large).", &errors),
        "UnsupportedMediaType": with("Body not sent as application/json (code unsupported_media_type).", &errors),
        "Refused": with("Well-formed, but a rule refuses it.", &reasons),
        "ProjectBusy": with("The project kept changing under concurrent requests; nothing changed, retry (project_busy).", &errors),
        "InternalError": with("Something went wrong on our side (code internal_error), no details.", &errors),
        "TooManyRequests": limited,
    })
}
