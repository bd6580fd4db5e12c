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
}

#[cfg(test)]
mod tests {
    use super::Role;

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
}
