//! Arbitrary and mutated JSON, starting from the spec's examples, fed to response decoding
//! and error mapping for every operation: never a panic, every failure an error value.

mod common;
use altegio::ApiErrorBody;
use altegio::mock::MockResponse;
use common::op;
use proptest::prelude::*;
use serde_json::{Value, json};

/// Decode attempts per property below; the closing note quotes these numbers.
const CASES: u32 = 4000;

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("JSON has no NaN", |f| f.is_finite()).prop_map(Value::from),
        "[a-z0-9 :+.-]{0,12}".prop_map(Value::String),
        Just(json!("0000-00-00")),
        Just(json!("1")),
        Just(json!([])),
        Just(json!({})),
        Just(json!([{}])),
    ]
}

fn any_json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Replaces the node reached by `path` (child indices, taken modulo the width) with `new`,
/// or removes it from its object when `remove` is set.
fn mutate(v: &mut Value, path: &[usize], new: Value, remove: bool) {
    let Some((&i, rest)) = path.split_first() else {
        *v = new;
        return;
    };
    match v {
        Value::Object(m) if !m.is_empty() => {
            let key = m.keys().nth(i % m.len()).cloned().unwrap_or_default();
            if rest.is_empty() && remove {
                m.remove(&key);
            } else if let Some(child) = m.get_mut(&key) {
                mutate(child, rest, new, remove);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let n = a.len();
            mutate(&mut a[i % n], rest, new, remove);
        }
        _ => *v = new,
    }
}

fn examples() -> Vec<(&'static str, Value)> {
    altegio::b2b::operations::all()
        .iter()
        .filter_map(|o| o.example.map(|e| (o.id, serde_json::from_str(e).expect("examples are JSON"))))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn mutated_examples_never_panic(
        which in any::<prop::sample::Index>(),
        path in prop::collection::vec(any::<usize>(), 0..6),
        new in any_json(),
        remove in any::<bool>(),
    ) {
        let ex = examples();
        let (op, mut value) = ex[which.index(ex.len())].clone();
        mutate(&mut value, &path, new, remove);
        let body = serde_json::to_vec(&value).unwrap();
        let _ = altegio::b2b::operations::decode_success(op, &body);
        let _ = ApiErrorBody::from_slice(&body);
        let _ = altegio::wire::Meta::from_value(value);
    }

    #[test]
    fn arbitrary_json_never_panics(which in any::<prop::sample::Index>(), value in any_json()) {
        let ops = altegio::b2b::operations::all();
        let op = ops[which.index(ops.len())].id;
        let body = serde_json::to_vec(&value).unwrap();
        let _ = altegio::b2b::operations::decode_success(op, &body);
        let _ = ApiErrorBody::from_slice(&body);
    }

    #[test]
    fn arbitrary_and_cut_bytes_never_panic(
        which in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
        noise in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let ex = examples();
        let (op, value) = &ex[which.index(ex.len())];
        let mut body = serde_json::to_vec(value).unwrap();
        body.truncate(cut.index(body.len() + 1));
        body.extend(noise);
        let _ = altegio::b2b::operations::decode_success(op, &body);
        let _ = ApiErrorBody::from_slice(&body);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The whole path (HTTP, success check, decoding, error mapping) over loopback.
    #[test]
    fn mutated_replies_over_http_are_values_not_panics(
        path in prop::collection::vec(any::<usize>(), 0..5),
        new in any_json(),
        status in prop::sample::select(vec![200u16, 201, 400, 401, 404, 422, 429, 500, 502]),
    ) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let server = common::server().await;
            let client = common::user_client(&server);
            let mut value: Value = serde_json::from_str(altegio::b2b::operations::find("get_location").unwrap().example.unwrap()).unwrap();
            mutate(&mut value, &path, new, false);
            server.respond(op::GET_LOCATION, MockResponse::json(status, value));
            let options = altegio::CallOptions::new().retry(altegio::RetryPolicy::none());
            match client.get_location().location_id(1).send_with(options).await {
                Ok(_) => prop_assert!(status < 300),
                Err(e) => { let _ = (e.to_string(), format!("{e:?}")); }
            }
            Ok(())
        })?;
    }
}
