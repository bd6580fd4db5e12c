//! `GET /robots.txt` and `GET /sitemap.xml`: what search engines may index — the public pages
//! only (the simulator, the size wizard and the sign-in page); the API and the signed-in screens are not for them.
//! Both are built on `PUBLIC_ORIGIN`, because a sitemap holds absolute addresses.

use worker::{Request, Response, Result, RouteContext};

use crate::config;

/// The public pages, in the sitemap.
const PUBLIC_PAGES: &[&str] = &["/", "/grootte", "/aanmelden"];

/// Paths no crawler needs: the API and every signed-in screen.
const PRIVATE_PREFIXES: &[&str] = &[
    "/api/",
    "/portefeuille",
    "/aanvraag",
    "/project/",
    "/meldingen",
    "/dienstverlener",
    "/beheer",
];

fn text(body: String, content_type: &str) -> Result<Response> {
    let mut response = Response::ok(body)?;
    let headers = response.headers_mut();
    headers.set("content-type", content_type)?;
    headers.set("cache-control", "public, max-age=3600")?;
    Ok(response)
}

pub fn robots_txt(origin: Option<&str>) -> String {
    let mut body = String::from("User-agent: *\n");
    for p in PRIVATE_PREFIXES {
        body.push_str(&format!("Disallow: {p}\n"));
    }
    if let Some(o) = origin {
        body.push_str(&format!("\nSitemap: {o}/sitemap.xml\n"));
    }
    body
}

pub fn sitemap_xml(origin: &str) -> String {
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in PUBLIC_PAGES {
        body.push_str(&format!("  <url><loc>{origin}{p}</loc></url>\n"));
    }
    body.push_str("</urlset>\n");
    body
}

pub async fn robots(_req: Request, ctx: RouteContext<()>) -> Result<Response> {
    text(
        robots_txt(config::public_origin(&ctx.env).as_deref()),
        "text/plain; charset=utf-8",
    )
}

pub async fn sitemap(_req: Request, ctx: RouteContext<()>) -> Result<Response> {
    match config::public_origin(&ctx.env) {
        Some(origin) => text(sitemap_xml(&origin), "application/xml; charset=utf-8"),
        None => Response::error("Not Found", 404),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_keeps_crawlers_out_of_the_api_and_names_the_sitemap() {
        let r = robots_txt(Some("https://kmo.example"));
        assert!(r.starts_with("User-agent: *\n"));
        assert!(r.contains("Disallow: /api/\n"));
        assert!(r.contains("Disallow: /portefeuille\n"));
        assert!(!r.contains("Disallow: /\n"));
        assert!(r.ends_with("Sitemap: https://kmo.example/sitemap.xml\n"));
    }

    #[test]
    fn the_sitemap_lists_the_public_pages_with_absolute_addresses() {
        let s = sitemap_xml("https://kmo.example");
        assert!(s.contains("<loc>https://kmo.example/</loc>"));
        assert!(s.contains("<loc>https://kmo.example/aanmelden</loc>"));
        assert!(!s.contains("portefeuille"));
    }
}
