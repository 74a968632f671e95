//! Builds the program's own `reqwest` clients before and after an `altegio::Client` and
//! prints one line per step; any panic fails `tests/tls.rs`.

fn main() {
    let before = reqwest::Client::new();
    println!("reqwest client built before altegio");
    let altegio = altegio::Client::builder("partner-token")
        .base_url("https://api.alteg.io/api/v1")
        .build()
        .expect("the altegio client builds");
    println!("altegio client built");
    let after = reqwest::Client::builder().build().expect("a reqwest client builds after altegio's");
    println!("reqwest client built after altegio");
    drop((before, altegio, after));
    println!("ok");
}
