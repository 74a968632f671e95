//! Decode throughput: a large list reply with the API's quirks decoded into the crate's
//! typed response, against decoding the same bytes into `serde_json::Value`.

mod common;

use altegio::b2b::types::AppointmentListResponse;
use common::Row;
use criterion::{SamplingMode, Throughput};
use serde_json::{Value, json};
use std::hint::black_box;
use std::time::SystemTime;

fn main() {
    let started = SystemTime::now();
    let templates = common::appointment_templates();
    // The smaller body carries `meta` as an object with the total, the larger one as PHP's
    // empty array: both shapes occur in real replies.
    let bodies: Vec<(u64, Vec<u8>)> = [(1_000u64, json!({"page": 1, "total_count": 1_000})), (10_000, json!([]))]
        .into_iter()
        .map(|(n, meta)| (n, common::list_body(common::appointments(&templates, 0, n), meta)))
        .collect();

    // The typed decode must succeed, and see every record, before it is timed.
    for (n, body) in &bodies {
        let typed: AppointmentListResponse = serde_json::from_slice(body).expect("typed decode");
        assert_eq!(typed.data.len() as u64, *n);
        let value: Value = serde_json::from_slice(body).expect("Value decode");
        assert_eq!(value["data"].as_array().map(Vec::len), Some(*n as usize));
    }

    let mut c = common::criterion();
    for (n, body) in &bodies {
        let mut g = c.benchmark_group(format!("decode_appointments_{n}"));
        g.throughput(Throughput::Bytes(body.len() as u64));
        if *n >= 10_000 {
            // One decode takes a good fraction of a second: equal-sized samples keep the
            // run short.
            g.sample_size(10).sampling_mode(SamplingMode::Flat);
        }
        g.bench_function("typed", |b| {
            b.iter(|| black_box(serde_json::from_slice::<AppointmentListResponse>(black_box(body)).unwrap()))
        });
        g.bench_function("value", |b| b.iter(|| black_box(serde_json::from_slice::<Value>(black_box(body)).unwrap())));
        g.finish();
    }
    c.final_summary();

    let mib = |bytes: usize, ns: f64| bytes as f64 / (1024.0 * 1024.0) / (ns / 1e9);
    let mut rows = Vec::new();
    for (n, body) in &bodies {
        let group = format!("decode_appointments_{n}");
        let (Some(typed), Some(value)) =
            (common::median_ns(&group, "typed", started), common::median_ns(&group, "value", started))
        else {
            continue;
        };
        let ratio = value / typed;
        rows.push(Row {
            case: format!("{n} appointments ({} bytes)", body.len()),
            subject: "typed `AppointmentListResponse`".into(),
            baseline: "`serde_json::Value`".into(),
            unit: "MiB/s".into(),
            value: mib(body.len(), typed),
            baseline_value: mib(body.len(), value),
            ratio_of: "throughput / baseline throughput".into(),
            ratio,
            paired_ratio: None,
            target: "≥ 1.0".into(),
            met: Some(ratio >= 1.0),
        });
    }
    common::write_results(
        "decode",
        "Decode throughput",
        "`serde_json::from_slice` of one list reply held in memory, into \
         `altegio::b2b::types::AppointmentListResponse` and into `serde_json::Value`, single thread. The \
         records come from the two records of the spec's `get_appointment_list` example, varied per \
         record: ids as numbers or strings, flags as `true`, `1`, `\"1\"`, `0`, `\"0\"`, date-times as \
         `2026-01-17T19:41:44-0500`, `2026-01-17 19:41:44` and RFC 3339, `null` clients and ids, \
         nested services, staff and labels; `meta` is `{page, total_count}` in one body and `[]` in the \
         other. Throughput is body bytes over the median decode time.",
        &rows,
        started,
    );
}
