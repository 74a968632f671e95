//! The handwritten multipart operations, as they go over the wire.

mod common;
use altegio::b2b::{ImageTarget, Upload};
use common::*;

fn body_text(req: &altegio::mock::RecordedRequest) -> String {
    String::from_utf8_lossy(&req.body).into_owned()
}

#[tokio::test]
async fn upload_client_file_sends_the_file_field() {
    let server = server().await;
    let client = user_client(&server);
    let file = Upload::new("consent form.pdf", "application/pdf", b"%PDF-1.4 demo".to_vec());
    let reply = client.upload_client_file().location_id(37532).client_id(4821977).file(file).send().await.unwrap();
    assert_eq!(reply.data[0].name.as_deref(), Some("consent-form.pdf"));
    let req = &server.requests()[0];
    assert_eq!(req.operation, Some("upload_client_file"));
    assert_eq!((req.method.as_str(), req.path.as_str()), ("POST", "/company/37532/clients/files/4821977"));
    assert!(req.header("content-type").unwrap().starts_with("multipart/form-data; boundary="));
    assert_eq!(req.header("authorization"), Some(format!("Bearer {PARTNER}, User {USER}").as_str()));
    let body = body_text(req);
    assert!(body.contains("name=\"file\"; filename=\"consent form.pdf\""), "{body}");
    assert!(body.contains("Content-Type: application/pdf") && body.contains("%PDF-1.4 demo"), "{body}");
}

#[tokio::test]
async fn upload_image_attaches_to_a_team_member() {
    let server = server().await;
    let client = user_client(&server);
    let image = Upload::new("face.jpg", "image/jpeg", vec![0xFF, 0xD8, 0xFF]);
    let reply =
        client.upload_image().entity("team_member").image(image.clone()).team_member_id(55).send().await.unwrap();
    assert!(reply.data.is_some());
    let req = &server.requests()[0];
    assert_eq!((req.method.as_str(), req.path.as_str()), ("POST", "/images/team_member"));
    let body = body_text(req);
    assert!(
        body.contains("name=\"image\"; filename=\"face.jpg\"") && body.contains("name=\"master_id\"\r\n\r\n55"),
        "{body}"
    );
    assert!(!body.contains("service_id"));
}

#[tokio::test]
async fn delete_image_is_a_delete_with_a_form() {
    let server = server().await;
    let client = user_client(&server);
    client.delete_image().entity("service").image_group_id(72256).send().await.unwrap();
    let req = &server.requests()[0];
    assert_eq!((req.method.as_str(), req.path.as_str()), ("DELETE", "/images/service"));
    assert!(body_text(req).contains("name=\"image_group_id\"\r\n\r\n72256"));
}

#[tokio::test]
async fn multipart_calls_map_errors_and_need_the_user_token() {
    let server = server().await;
    let err = partner_client(&server).delete_image().entity("service").image_group_id(1).send().await.unwrap_err();
    assert!(err.is_invalid_request() && err.to_string().contains("user token"), "{err}");
    assert!(server.requests().is_empty());
    server.respond(
        op::DELETE_IMAGE,
        altegio::mock::MockResponse::json(
            404,
            serde_json::json!({"success": false, "meta": {"message": "No such image"}}),
        ),
    );
    let err = user_client(&server).delete_image().entity("service").image_group_id(1).send().await.unwrap_err();
    assert!(err.is_not_found());
    assert_eq!((err.operation(), err.message()), (Some("delete_image"), Some("No such image")));
    let bad = Upload::new("x", "not a mime\n", vec![]);
    let client = user_client(&server);
    let upload = client.upload_client_file().location_id(1).client_id(1);
    assert!(upload.file(bad).send().await.unwrap_err().is_invalid_request());
}

#[tokio::test]
async fn handwritten_builders_behave_like_generated_ones() {
    let server = server().await;
    let client = user_client(&server);
    // A required value left out fails before sending, naming it and the operation.
    let err = client.delete_image().entity("service").send().await.unwrap_err();
    assert!(err.is_invalid_request(), "{err:?}");
    assert_eq!((err.operation(), err.message()), (Some("delete_image"), Some("image_group_id was not initialized")));
    let err = client.upload_image().image(Upload::new("a.png", "image/png", vec![1])).send().await.unwrap_err();
    assert_eq!(err.message(), Some("entity was not initialized"));
    // A value that does not convert is reported the same way.
    let err = client.delete_image().entity("service").image_group_id(u64::MAX).send().await.unwrap_err();
    assert_eq!(err.message(), Some("conversion to `i64` for image_group_id failed"));
    assert!(server.requests().is_empty(), "nothing was sent");
    // send_with takes per-call options: a deadline already too short fails as a timeout.
    server.respond(
        op::DELETE_IMAGE,
        altegio::mock::MockResponse::json(200, serde_json::json!({"success": true, "data": null, "meta": []}))
            .delay(std::time::Duration::from_millis(500)),
    );
    let options = altegio::CallOptions::default().timeout(std::time::Duration::from_millis(50));
    let err = client.delete_image().entity("service").image_group_id(1).send_with(options).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    // The whole target at once, as before.
    let target = ImageTarget { service_id: Some(7), location_id: Some(9), ..Default::default() };
    let image = Upload::new("a.png", "image/png", vec![1]);
    client.upload_image().entity("service").image(image).target(target).send().await.unwrap();
    let body = body_text(server.requests_for(op::UPLOAD_IMAGE).last().unwrap());
    assert!(body.contains("name=\"service_id\"\r\n\r\n7") && body.contains("name=\"company_id\"\r\n\r\n9"), "{body}");
}
