//! Who acts in the product: an enterprise (one enterprise number), a provider (one provider
//! number) or the operator (the agency and its financial partner), and where each lands after
//! signing in. Shared by the Worker (sessions, the sign-in callback) and the screens.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Role {
    Enterprise,
    Provider,
    Operator,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Enterprise, Role::Provider, Role::Operator];

    /// The id in the API, the session and the audit log.
    pub fn id(self) -> &'static str {
        match self {
            Role::Enterprise => "enterprise",
            Role::Provider => "provider",
            Role::Operator => "operator",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == s)
    }

    /// The screen a role lands on after signing in or choosing an organisation.
    pub fn home(self) -> &'static str {
        match self {
            Role::Enterprise => "/portefeuille",
            Role::Provider => "/dienstverlener",
            Role::Operator => "/beheer",
        }
    }

    /// The screens of the role (a path, or the start of paths `/project/...`).
    fn screens(self) -> &'static [&'static str] {
        match self {
            Role::Enterprise => &["/portefeuille", "/aanvraag", "/project", "/meldingen"],
            Role::Provider => &["/dienstverlener", "/meldingen"],
            Role::Operator => &["/beheer"],
        }
    }

    /// Where a sign-in started from `next` (e.g. the simulator's "Vraag deze subsidie aan":
    /// `/aanvraag?theme=…`) returns for this role: `next` when it is one of the role's screens,
    /// a path of this site (never `//other.site`), at most [`MAX_RETURN_PATH`] visible ASCII
    /// characters without the separators of a cookie or a header; otherwise `None` (the home).
    pub fn return_to(self, next: &str) -> Option<&str> {
        let safe = next.len() <= MAX_RETURN_PATH
            && next.starts_with('/')
            && !next.starts_with("//")
            && next
                .bytes()
                .all(|b| b.is_ascii_graphic() && !matches!(b, b'\\' | b'"' | b',' | b';'));
        let path = next.split(['?', '#']).next().unwrap_or_default();
        let screen = self.screens().iter().any(|s| {
            path.strip_prefix(s)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        });
        (safe && screen).then_some(next)
    }

    /// `next` is a screen some role may return to after signing in (checked again for the role
    /// the sign-in gives, [`Role::return_to`]).
    pub fn is_return_path(next: &str) -> bool {
        Role::ALL.iter().any(|r| r.return_to(next).is_some())
    }
}

/// The longest path a sign-in returns to.
pub const MAX_RETURN_PATH: usize = 500;

#[cfg(test)]
mod tests {
    use super::{Role, MAX_RETURN_PATH};

    #[test]
    fn ids_read_back_and_every_role_has_its_own_home() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.id()), Some(r));
        }
        assert_eq!(Role::parse("Operator"), None);
        assert_eq!(Role::Provider.home(), "/dienstverlener");
        let homes: std::collections::BTreeSet<_> = Role::ALL.iter().map(|r| r.home()).collect();
        assert_eq!(homes.len(), 3);
    }

    #[test]
    fn a_sign_in_returns_only_to_a_screen_of_the_role_on_this_site() {
        let from_simulator = "/aanvraag?service=training&theme=innovatie&cost=980.00";
        assert_eq!(
            Role::Enterprise.return_to(from_simulator),
            Some(from_simulator)
        );
        assert_eq!(
            Role::Enterprise.return_to("/project/2026KMO000001"),
            Some("/project/2026KMO000001")
        );
        assert_eq!(
            Role::Provider.return_to(from_simulator),
            None,
            "not a provider's screen"
        );
        assert_eq!(Role::Operator.return_to("/beheer"), Some("/beheer"));
        for elsewhere in [
            "//evil.example/aanvraag",
            "https://evil.example/aanvraag",
            "/aanvraagx",
            "/\\evil.example",
            "/aanvraag?x=1;Domain=evil",
            "/aanvraag?naam=a b",
            "aanvraag",
            "",
        ] {
            assert!(!Role::is_return_path(elsewhere), "{elsewhere:?}");
        }
        let long = format!("/aanvraag?x={}", "a".repeat(MAX_RETURN_PATH));
        assert!(!Role::is_return_path(&long));
        assert!(Role::is_return_path("/meldingen"));
    }
}
