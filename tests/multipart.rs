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
    let reply = client.upload_client_file(37532, 4821977, &file).await.unwrap();
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
    let target = ImageTarget { team_member_id: Some(55), ..Default::default() };
    let reply = client.upload_image("team_member", &image, &target).await.unwrap();
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
    client.delete_image("service", 72256).await.unwrap();
    let req = &server.requests()[0];
    assert_eq!((req.method.as_str(), req.path.as_str()), ("DELETE", "/images/service"));
    assert!(body_text(req).contains("name=\"image_group_id\"\r\n\r\n72256"));
}

#[tokio::test]
async fn multipart_calls_map_errors_and_need_the_user_token() {
    let server = server().await;
    let err = partner_client(&server).delete_image("service", 1).await.unwrap_err();
    assert!(err.is_invalid_request() && err.to_string().contains("user token"), "{err}");
    assert!(server.requests().is_empty());
    server.respond(
        op::DELETE_IMAGE,
        altegio::mock::MockResponse::json(
            404,
            serde_json::json!({"success": false, "meta": {"message": "No such image"}}),
        ),
    );
    let err = user_client(&server).delete_image("service", 1).await.unwrap_err();
    assert!(err.is_not_found());
    assert_eq!((err.operation(), err.message()), (Some("delete_image"), Some("No such image")));
    let bad = Upload::new("x", "not a mime\n", vec![]);
    assert!(user_client(&server).upload_client_file(1, 1, &bad).await.unwrap_err().is_invalid_request());
}
