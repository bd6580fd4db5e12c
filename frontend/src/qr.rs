//! The EPC QR code (EPC069-12) of a deposit, drawn as inline SVG: a banking app scans it and
//! fills in beneficiary, IBAN, amount and structured communication.

use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

/// The SVG path of the dark modules and the side in modules (with a 4-module quiet zone).
/// EPC069-12 asks for error correction level M.
pub fn svg_path(payload: &str) -> Option<(String, i32)> {
    let qr = QrCode::encode_text(payload, QrCodeEcc::Medium).ok()?;
    let border = 4;
    let size = qr.size();
    let mut d = String::new();
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                d.push_str(&format!("M{},{}h1v1h-1z", x + border, y + border));
            }
        }
    }
    Some((d, size + 2 * border))
}

#[component]
pub fn QrCodeSvg(payload: String, label: String) -> impl IntoView {
    svg_path(&payload).map(|(d, side)| {
        let view_box = format!("0 0 {side} {side}");
        view! {
            <svg class="qr" viewBox=view_box role="img" aria-label=label shape-rendering="crispEdges">
                <rect width="100%" height="100%" fill="#fff"></rect>
                <path d=d fill="#000"></path>
            </svg>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_epc_payload_becomes_a_square_code() {
        let payload = "BCD\n002\n1\nSCT\nKREDBEBB\nPluxee Belgium nv\nBE64733033797052\nEUR686.00\n\n180185105305\n";
        let (d, side) = svg_path(payload).unwrap();
        assert!(side > 21 + 8);
        assert!(d.starts_with('M'));
    }
}
