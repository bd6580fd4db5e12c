//! Helpers for black-box tests: talk HTTP to the running product at `KMO_BASE_URL`.

use serde_json::Value;

pub mod registration;

/// The product under test. Set by scripts/test.sh; a test run without it fails, never skips.
pub fn base_url() -> String {
    std::env::var("KMO_BASE_URL")
        .expect("KMO_BASE_URL must point at a running `wrangler dev` (scripts/test.sh sets it)")
}

/// An HTTP answer: status, headers we look at, JSON body (Null when not JSON).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Value,
    /// The body as text (for answers that are not JSON).
    pub text: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The `code` of every entry of `errors` (400) or `reasons` (not eligible).
    pub fn codes(&self, key: &str) -> Vec<String> {
        self.body[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e["code"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// `(field, code)` of every entry of `errors`.
    pub fn field_errors(&self) -> Vec<(String, String)> {
        self.body["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| {
                        (
                            e["field"].as_str().unwrap_or_default().to_string(),
                            e["code"].as_str().unwrap_or_default().to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

fn answer(res: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut res = res.expect("the server answers");
    let status = res.status().as_u16();
    let headers = res
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
        .collect();
    let text = res.body_mut().read_to_string().unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        body,
        text,
    }
}

pub fn get(path: &str) -> Answer {
    answer(agent().get(format!("{}{path}", base_url())).call())
}

pub fn post_json(path: &str, body: &Value) -> Answer {
    post_raw(path, "application/json", &body.to_string())
}

pub fn post_raw(path: &str, content_type: &str, body: &str) -> Answer {
    answer(
        agent()
            .post(format!("{}{path}", base_url()))
            .header("content-type", content_type)
            .send(body),
    )
}

/// A signed-in user: the demo sign-in of the development environment, and the session cookie
/// sent back on every request.
#[derive(Debug, Clone)]
pub struct Session {
    pub cookie: String,
}

impl Session {
    /// Signs in as `role` ("enterprise", "provider", "operator") for `subject`.
    pub fn sign_in(role: &str, subject: &str) -> Session {
        let res = agent()
            .post(format!("{}/api/v1/dev/sign-in", base_url()))
            .header("content-type", "application/json")
            .send(serde_json::json!({ "role": role, "subject": subject, "user_name": "Test Gebruiker" }).to_string())
            .expect("the server answers");
        assert_eq!(res.status().as_u16(), 200, "sign-in as {role} {subject}");
        let set_cookie = res
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .expect("a session cookie")
            .to_string();
        assert!(
            set_cookie.contains("HttpOnly")
                && set_cookie.contains("Secure")
                && set_cookie.contains("SameSite=Strict")
        );
        let cookie = set_cookie.split(';').next().unwrap_or_default().to_string();
        Session { cookie }
    }

    pub fn get(&self, path: &str) -> Answer {
        self.send("GET", path, None, &[])
    }

    pub fn post_json(&self, path: &str, body: &Value) -> Answer {
        self.send("POST", path, Some(body), &[])
    }

    /// A request with extra headers, e.g. `[("idempotency-key", "k1")]`.
    pub fn send(
        &self,
        method: &str,
        path: &str,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let url = format!("{}{path}", base_url());
        let agent = agent();
        let res = match (method, body) {
            ("GET", _) => {
                let mut r = agent.get(&url).header("cookie", &self.cookie);
                for (k, v) in headers {
                    r = r.header(*k, *v);
                }
                r.call()
            }
            (m, b) => {
                let mut r = match m {
                    "POST" => agent.post(&url),
                    "PUT" => agent.put(&url),
                    "PATCH" => agent.patch(&url),
                    _ => agent.delete(&url).force_send_body(),
                }
                .header("cookie", &self.cookie)
                .header("content-type", "application/json");
                for (k, v) in headers {
                    r = r.header(*k, *v);
                }
                r.send(b.map(Value::to_string).unwrap_or_default())
            }
        };
        answer(res)
    }
}

/// Today as the server sees it (the development clock, when set).
pub fn server_today() -> chrono::NaiveDate {
    let a = get("/api/v1/dev/clock");
    assert_eq!(a.status, 200, "{}", a.body);
    chrono::NaiveDate::parse_from_str(a.body["today"].as_str().expect("today"), "%Y-%m-%d")
        .expect("a date")
}

impl Session {
    /// Status of an empty PUT (for "is this refused?" checks).
    pub fn put_json_status(&self, path: &str) -> u16 {
        self.send("PUT", path, Some(&Value::Object(Default::default())), &[])
            .status
    }
}

/// Any request: `method`, `path` (from the base URL), extra `headers`, and an optional JSON
/// body (sent as `application/json`); without a body, nothing and no content type is sent.
/// Redirects are not followed: a 3xx is the answer.
pub fn request(method: &str, path: &str, headers: &[(&str, &str)], body: Option<&Value>) -> Answer {
    let text = body.map(Value::to_string);
    send_request(method, path, headers, text.as_deref(), "application/json")
}

/// Like [`request`] with a raw body and content type (malformed JSON, other media types).
pub fn request_raw(
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    content_type: &str,
    body: &str,
) -> Answer {
    send_request(method, path, headers, Some(body), content_type)
}

/// An agent that returns a redirect as it is (the API's sign-in answers 302 to an identity
/// provider that a test must not follow).
fn api_agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into()
}

fn send_request(
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
    content_type: &str,
) -> Answer {
    let mut builder = ureq::http::Request::builder()
        .method(method)
        .uri(format!("{}{path}", base_url()));
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let result = match body {
        Some(text) => api_agent().run(
            builder
                .header("content-type", content_type)
                .body(text.to_string())
                .expect("a valid request"),
        ),
        None => api_agent().run(builder.body(()).expect("a valid request")),
    };
    answer(result)
}

impl Answer {
    /// The value of cookie `name` this answer sets (`Set-Cookie`); `Some("")` when it clears it.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
            .find_map(|(_, v)| {
                let (n, rest) = v.split_once('=')?;
                (n.trim() == name).then(|| rest.split(';').next().unwrap_or_default().to_string())
            })
    }
}

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "__Host-kmo_session";

impl Session {
    /// The session a sign-in answer started, if it set the cookie (to check the sign-in
    /// answer itself, e.g. against openapi.json).
    pub fn from_answer(a: &Answer) -> Option<Session> {
        let token = a.set_cookie(SESSION_COOKIE).filter(|t| !t.is_empty())?;
        Some(Session {
            cookie: format!("{SESSION_COOKIE}={token}"),
        })
    }

    /// Signs in with any sign-in body (`role`, `subject`, `user_name`); panics unless 200.
    pub fn sign_in_with(body: &Value) -> Session {
        let a = post_json("/api/v1/dev/sign-in", body);
        assert_eq!(a.status, 200, "sign-in {body}: {}", a.body);
        Session::from_answer(&a).expect("the sign-in answer sets the session cookie")
    }

    /// Like [`Session::send`] with a raw body and content type (malformed JSON, huge bodies,
    /// other media types).
    pub fn send_raw(
        &self,
        method: &str,
        path: &str,
        content_type: &str,
        body: &str,
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut all = vec![("cookie", self.cookie.as_str())];
        all.extend_from_slice(headers);
        request_raw(method, path, &all, content_type, body)
    }

    pub fn put_json(&self, path: &str, body: &Value) -> Answer {
        self.send("PUT", path, Some(body), &[])
    }

    pub fn patch_json(&self, path: &str, body: &Value) -> Answer {
        self.send("PATCH", path, Some(body), &[])
    }

    /// A POST without body or content type (e.g. `/api/v1/operator/run-daily`).
    pub fn post_empty(&self, path: &str) -> Answer {
        request("POST", path, &[("cookie", self.cookie.as_str())], None)
    }

    /// Ends the session (`POST /api/v1/sign-out`); the answer clears the cookie.
    pub fn sign_out(&self) -> Answer {
        self.post_empty("/api/v1/sign-out")
    }
}

impl Answer {
    /// Every value of a header that may repeat (`set-cookie`).
    pub fn headers_named(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// Any request to a full `url`, redirects not followed, with extra `headers` and an optional
/// `(content type, body)`.
pub fn fetch(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<(&str, &str)>,
) -> Answer {
    let mut builder = ureq::http::Request::builder().method(method).uri(url);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    answer(match body {
        Some((content_type, text)) => api_agent().run(
            builder
                .header("content-type", content_type)
                .body(text.to_string())
                .expect("a valid request"),
        ),
        None => api_agent().run(builder.body(()).expect("a valid request")),
    })
}

/// A POST whose body is streamed without `Content-Length` (chunked transfer encoding).
pub fn post_chunked(url: &str, content_type: &str, body: Vec<u8>) -> Answer {
    let mut reader = std::io::Cursor::new(body);
    answer(
        api_agent()
            .post(url)
            .header("content-type", content_type)
            .send(ureq::SendBody::from_reader(&mut reader)),
    )
}

/// Follows the test identity provider's redirects (tests/idp.mjs, which signs `account` in at
/// once for a `login_hint`), carrying its cookies, until it sends the browser back to
/// `product`; answers that callback address.
pub fn follow_identity_provider(to_idp: &str, account: &str, product: &str) -> String {
    let idp_origin: String = to_idp.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
    let mut url = format!("{to_idp}&login_hint={account}");
    let mut jar = std::collections::BTreeMap::<String, String>::new();
    for _ in 0..12 {
        let cookie = jar
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let a = fetch("GET", &url, &[("cookie", &cookie)], None);
        assert!(
            (300..400).contains(&a.status),
            "identity provider at {url}: {} {:?}",
            a.status,
            a.body
        );
        for c in a.headers_named("set-cookie") {
            let Some((name, value)) = c.split(';').next().and_then(|p| p.split_once('=')) else {
                continue;
            };
            let lower = c.to_ascii_lowercase();
            if lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970") {
                jar.remove(name.trim());
            } else {
                jar.insert(name.trim().to_string(), value.to_string());
            }
        }
        let next = a.header("location").expect("a redirect").to_string();
        let next = if next.starts_with('/') {
            format!("{idp_origin}{next}")
        } else {
            next
        };
        if next.starts_with(product) {
            return next;
        }
        url = next;
    }
    panic!("the identity provider never sent the browser back");
}
