//! Every route of the API, in one place, and what every request passes before its handler:
//! the rate limits and the origin check of changing requests.

use std::future::Future;

use worker::{Env, Request, Response, Result, RouteContext, Router};

use crate::routes::{
    applications, auth, deposits, email, enterprise, health, notifications, operator, projects,
    provider, providers, regimes, registration, session, simulate, site, size, themes,
};
use crate::{guard, http};

pub async fn handle(req: Request, env: Env) -> Result<Response> {
    // Development builds say in `Server-Timing` how many D1 queries the request ran and how
    // long they took, so a test can check that no route's count grows with the data.
    #[cfg(feature = "dev")]
    {
        let (env, meter) = crate::db::Meter::start(env);
        let mut response = answer(req, env).await?;
        // A response with immutable headers keeps them (a test would miss the count).
        let _ = response
            .headers_mut()
            .set("server-timing", &meter.server_timing());
        Ok(response)
    }
    #[cfg(not(feature = "dev"))]
    answer(req, env).await
}

async fn answer(req: Request, env: Env) -> Result<Response> {
    match guard::check(&req, &env).await {
        Ok(None) => {}
        Ok(Some(refused)) => return http::finish(Ok(refused)),
        Err(e) => return http::finish(Err(e)),
    }
    let path = req.path();
    let routes = Routes::new()
        // Public.
        .get_async("/api/v1/health", health::get)
        .get("/api/v1/themes", themes::list)
        .post_async("/api/v1/simulate", simulate::post)
        .get("/api/v1/regimes", regimes::get)
        .post_async("/api/v1/size-assessment", size::post)
        .get_async("/api/v1/providers", providers::search)
        .get_async("/api/v1/providers/:number", providers::get)
        .get_async("/robots.txt", site::robots)
        .get_async("/sitemap.xml", site::sitemap)
        // Sessions.
        .get_async("/api/v1/auth/options", auth::options)
        .get_async("/api/v1/auth/login", auth::login)
        .get_async("/api/v1/auth/callback", auth::callback)
        .post_async("/api/v1/session/organisation", session::choose)
        .post_async("/api/v1/sign-out", session::sign_out)
        .get_async("/api/v1/me", session::me)
        .get_async("/api/v1/notifications", notifications::list)
        // Enterprise.
        .post_async("/api/v1/email-confirmation", email::confirm)
        .get_async("/api/v1/registration", registration::view)
        .post_async("/api/v1/registration", registration::register)
        .get_async("/api/v1/enterprise", enterprise::profile)
        .patch_async("/api/v1/enterprise", enterprise::update)
        .get_async("/api/v1/enterprise/projects", enterprise::projects)
        .post_async("/api/v1/enterprise/size", enterprise::confirm_size)
        .post_async("/api/v1/applications", applications::post)
        .get_async("/api/v1/projects/:dossier", projects::detail)
        .get_async("/api/v1/projects/:dossier/calendar.ics", projects::calendar)
        .post_async("/api/v1/projects/:dossier/payments", projects::pay)
        .post_async("/api/v1/projects/:dossier/stop", projects::stop)
        .post_async("/api/v1/projects/:dossier/rating", projects::rate)
        // Provider.
        .get_async("/api/v1/provider/projects", provider::projects)
        .post_async(
            "/api/v1/provider/projects/:dossier/refuse",
            provider::refuse,
        )
        .get_async("/api/v1/provider/projects.csv", provider::projects_csv)
        .get_async("/api/v1/provider/payments", provider::payments)
        .get_async("/api/v1/provider/payments.csv", provider::payments_csv)
        .get_async("/api/v1/provider/ratings", provider::ratings)
        // Operator.
        .put_async("/api/v1/operator/providers/:number", operator::put_provider)
        .post_async("/api/v1/operator/bank-entries", deposits::import_json)
        .post_async("/api/v1/operator/bank-statements", deposits::import_camt)
        .post_async(
            "/api/v1/operator/payments/:id/executed",
            operator::payment_executed,
        )
        .get_async("/api/v1/operator/refunds", operator::refunds)
        .get_async("/api/v1/operator/bank-entries", operator::bank_entries)
        .get_async("/api/v1/operator/audit", operator::audit)
        .get_async("/api/v1/operator/mails", operator::parked_mails)
        .post_async("/api/v1/operator/mails/:id/retry", operator::retry_mail)
        .post_async("/api/v1/operator/run-daily", operator::run_daily);
    let routes = development(routes);
    let allowed = routes.allowed(&path);
    // The worker crate reads a method it does not know (QUERY, PROPFIND, ...) as GET; such a
    // request must never reach a GET handler.
    if !KNOWN_METHODS.contains(&req.inner().method().as_str()) {
        let status = if allowed.is_empty() { 404 } else { 405 };
        return http::finish(
            Response::error("Method Not Allowed", status).and_then(|r| json_errors(r, &allowed)),
        );
    }
    let response = routes.router.run(req, env).await;
    http::finish(response.and_then(|r| json_errors(r, &allowed)))
}

/// Methods the router tells apart (`fetch` upper-cases these; others arrive as sent).
const KNOWN_METHODS: &[&str] = &["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/// Development only: compiled into the `dev` build alone, so a production Worker has no such
/// routes (they answer 404 like any unknown path).
#[cfg(feature = "dev")]
fn development(routes: Routes) -> Routes {
    use crate::routes::dev;
    routes
        .post_async("/api/v1/dev/sign-in", dev::sign_in)
        .get_async("/api/v1/dev/outbox", dev::outbox)
        .post_async("/api/v1/dev/outbox/:id/queue", dev::requeue)
        .get_async("/api/v1/dev/clock", dev::today)
        .put_async("/api/v1/dev/clock", dev::clock)
        .post_async("/api/v1/dev/projects/:dossier/copies", dev::copies)
}

#[cfg(not(feature = "dev"))]
fn development(routes: Routes) -> Routes {
    routes
}

/// The worker router plus the table of `(method, pattern)` it was given, so a 405 can say
/// which methods the path does allow (RFC 9110 15.5.6: `Allow` is required on a 405).
struct Routes {
    router: Router<'static, ()>,
    table: Vec<(&'static str, &'static str)>,
}

macro_rules! route_method {
    ($name:ident, $method:literal) => {
        fn $name<T>(
            mut self,
            pattern: &'static str,
            func: fn(Request, RouteContext<()>) -> T,
        ) -> Self
        where
            T: Future<Output = Result<Response>> + 'static,
        {
            self.table.push(($method, pattern));
            self.router = self.router.$name(pattern, func);
            self
        }
    };
}

impl Routes {
    fn new() -> Self {
        Routes {
            router: Router::new(),
            table: Vec::new(),
        }
    }
    fn get(
        mut self,
        pattern: &'static str,
        func: fn(Request, RouteContext<()>) -> Result<Response>,
    ) -> Self {
        self.table.push(("GET", pattern));
        self.router = self.router.get(pattern, func);
        self
    }
    route_method!(get_async, "GET");
    route_method!(post_async, "POST");
    route_method!(put_async, "PUT");
    route_method!(patch_async, "PATCH");

    /// The methods registered for `path`, as an `Allow` value. (HEAD is not served: a HEAD of
    /// the sign-in callback must not spend an authorization code.)
    fn allowed(&self, path: &str) -> String {
        let mut methods: Vec<&str> = Vec::new();
        for (method, pattern) in &self.table {
            if matches(pattern, path) && !methods.contains(method) {
                methods.push(method);
            }
        }
        methods.join(", ")
    }
}

/// Whether `path` fits `pattern`, whose `:name` segments match any one non-empty segment.
fn matches(pattern: &str, path: &str) -> bool {
    let mut p = pattern.split('/');
    let mut s = path.split('/');
    loop {
        match (p.next(), s.next()) {
            (None, None) => return true,
            (Some(want), Some(got)) if want.starts_with(':') && !got.is_empty() => {}
            (Some(want), Some(got)) if want == got => {}
            _ => return false,
        }
    }
}

/// The router's own plain-text 404/405 become JSON errors like every other answer.
fn json_errors(response: Response, allowed: &str) -> Result<Response> {
    let plain = response
        .headers()
        .get("content-type")?
        .is_none_or(|t| t.starts_with("text/plain"));
    match response.status_code() {
        404 if plain => http::error(404, "", "not_found", "Deze pagina van de API bestaat niet."),
        405 => {
            let mut answer = if plain {
                http::error(
                    405,
                    "",
                    "method_not_allowed",
                    "Deze methode is hier niet toegelaten.",
                )?
            } else {
                response
            };
            answer.headers_mut().set("allow", allowed)?;
            Ok(answer)
        }
        _ => Ok(response),
    }
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn patterns_match_whole_segments() {
        assert!(matches(
            "/api/v1/projects/:dossier",
            "/api/v1/projects/KMO-2026-1"
        ));
        assert!(matches(
            "/api/v1/projects/:dossier/stop",
            "/api/v1/projects/x/stop"
        ));
        assert!(!matches("/api/v1/projects/:dossier", "/api/v1/projects/"));
        assert!(!matches(
            "/api/v1/projects/:dossier",
            "/api/v1/projects/a/b"
        ));
        assert!(!matches("/api/v1/me", "/api/v1/mee"));
        assert!(matches("/api/v1/me", "/api/v1/me"));
    }
}
