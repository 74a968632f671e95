//! Operations progenitor cannot generate: multipart uploads (`openapi/` marks them
//! `x-altegio-handwritten: true`). They go through the same hooks as every generated
//! call: authorization, rate limiting, retries, error mapping.

use crate::runtime::error::Result;
use reqwest::multipart::Part;

/// A file to upload: its name, media type and bytes.
#[derive(Clone)]
pub struct Upload {
    /// The file name sent to Altegio (`consent-form.pdf`).
    pub file_name: String,
    /// The media type (`application/pdf`, `image/jpeg`).
    pub mime: String,
    /// The content.
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upload")
            .field("file_name", &self.file_name)
            .field("mime", &self.mime)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

impl Upload {
    /// A file from its parts.
    pub fn new(file_name: impl Into<String>, mime: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Upload { file_name: file_name.into(), mime: mime.into(), bytes: bytes.into() }
    }

    #[cfg_attr(not(any(feature = "clients", feature = "utilities")), allow(dead_code))]
    fn part(&self) -> Result<Part> {
        Part::bytes(self.bytes.clone())
            .file_name(self.file_name.clone())
            .mime_str(&self.mime)
            .map_err(|e| crate::Error::invalid_request(format!("invalid media type `{}`", self.mime)).with_source(e))
    }
}

/// Where an uploaded image goes (`POST /images/{entity}`).
#[derive(Clone, Debug, Default)]
pub struct ImageTarget {
    /// Attach to this team member (entity `team_member`).
    pub team_member_id: Option<i64>,
    /// Attach to this service (entity `service`), with `location_id`.
    pub service_id: Option<i64>,
    /// The location of that service.
    pub location_id: Option<i64>,
}

/// Records the first failed conversion of a setter, as generated builders do.
#[cfg_attr(not(any(feature = "clients", feature = "utilities")), allow(dead_code))]
fn id_of<V: TryInto<i64>>(value: V, name: &str) -> std::result::Result<i64, String> {
    value.try_into().map_err(|_| format!("conversion to `i64` for {name} failed"))
}

#[cfg(any(feature = "clients", feature = "utilities"))]
pub use calls::*;

#[cfg(any(feature = "clients", feature = "utilities"))]
mod calls {
    use super::*;
    use crate::b2b::generated::{Client, types};
    use crate::{CallOptions, Error, ResponseValue};
    use reqwest::multipart::Form;

    fn unset(name: &str) -> std::result::Result<i64, String> {
        Err(format!("{name} was not initialized"))
    }

    impl Client {
        /// Uploads a document to a client's card
        /// (`POST /company/{location_id}/clients/files/{client_id}`, multipart field `file`):
        /// set `location_id`, `client_id` and `file`, then `send()`. The reply lists every
        /// file of the client. Needs the user token.
        #[cfg(feature = "clients")]
        #[cfg_attr(docsrs, doc(cfg(feature = "clients")))]
        pub fn upload_client_file(&self) -> UploadClientFile<'_> {
            UploadClientFile {
                client: self,
                location_id: unset("location_id"),
                client_id: unset("client_id"),
                file: None,
            }
        }

        /// Uploads an image (`POST /images/{entity}`, multipart field `image`), optionally
        /// attaching it to a team member or a service at once: set `entity` and `image`
        /// (and a target), then `send()`. Needs the user token.
        #[cfg(feature = "utilities")]
        #[cfg_attr(docsrs, doc(cfg(feature = "utilities")))]
        pub fn upload_image(&self) -> UploadImage<'_> {
            UploadImage { client: self, entity: None, image: None, target: Ok(ImageTarget::default()) }
        }

        /// Deletes an image group (`DELETE /images/{entity}` with a multipart body holding
        /// `image_group_id`): set `entity` and `image_group_id`, then `send()`. Needs the
        /// user token.
        #[cfg(feature = "utilities")]
        #[cfg_attr(docsrs, doc(cfg(feature = "utilities")))]
        pub fn delete_image(&self) -> DeleteImage<'_> {
            DeleteImage { client: self, entity: None, image_group_id: unset("image_group_id") }
        }

        /// Sends a multipart request the way generated operations are sent.
        async fn multipart<T: serde::de::DeserializeOwned>(
            &self,
            operation_id: &'static str,
            method: reqwest::Method,
            path: &str,
            form: Form,
            options: CallOptions,
        ) -> Result<ResponseValue<T>> {
            let url = format!("{}{path}", self.baseurl());
            crate::runtime::pipeline::handwritten(self, operation_id, false, options, |http| {
                http.request(method, url).multipart(form)
            })
            .await
        }
    }

    /// A value a builder needs: the setter's error, or "not initialized", is the error of
    /// `send()`, before anything is sent.
    fn need<T>(value: std::result::Result<T, String>, operation: &'static str) -> Result<T> {
        value.map_err(|m| Error::invalid_request(m).with_operation(operation))
    }

    /// The builder of [`Client::upload_client_file`].
    #[cfg(feature = "clients")]
    #[cfg_attr(docsrs, doc(cfg(feature = "clients")))]
    #[derive(Debug, Clone)]
    #[must_use = "a request builder does nothing until `.send().await`"]
    pub struct UploadClientFile<'a> {
        client: &'a Client,
        location_id: std::result::Result<i64, String>,
        client_id: std::result::Result<i64, String>,
        file: Option<Upload>,
    }

    #[cfg(feature = "clients")]
    impl UploadClientFile<'_> {
        /// Location id. Required (path parameter `location_id`).
        pub fn location_id<V: TryInto<i64>>(mut self, value: V) -> Self {
            self.location_id = id_of(value, "location_id");
            self
        }

        /// Client id. Required (path parameter `client_id`).
        pub fn client_id<V: TryInto<i64>>(mut self, value: V) -> Self {
            self.client_id = id_of(value, "client_id");
            self
        }

        /// The document, sent as the multipart field `file`. Required.
        pub fn file(mut self, file: Upload) -> Self {
            self.file = Some(file);
            self
        }

        /// Sends the request.
        pub async fn send(self) -> Result<ResponseValue<types::ClientFileListResponse>> {
            self.send_with(CallOptions::default()).await
        }

        /// Sends the request with per-call options (a timeout, a deadline...).
        pub async fn send_with(self, options: CallOptions) -> Result<ResponseValue<types::ClientFileListResponse>> {
            const OP: &str = "upload_client_file";
            let location_id = need(self.location_id, OP)?;
            let client_id = need(self.client_id, OP)?;
            let file = need(self.file.ok_or_else(|| "file was not initialized".to_string()), OP)?;
            let path = format!(
                "/company/{}/clients/files/{}",
                crate::runtime::encode_path(&location_id.to_string()),
                crate::runtime::encode_path(&client_id.to_string())
            );
            let form = Form::new().part("file", file.part().map_err(|e| e.with_operation(OP))?);
            self.client.multipart(OP, reqwest::Method::POST, &path, form, options).await
        }
    }

    /// The builder of [`Client::upload_image`].
    #[cfg(feature = "utilities")]
    #[cfg_attr(docsrs, doc(cfg(feature = "utilities")))]
    #[derive(Debug, Clone)]
    #[must_use = "a request builder does nothing until `.send().await`"]
    pub struct UploadImage<'a> {
        client: &'a Client,
        entity: Option<String>,
        image: Option<Upload>,
        target: std::result::Result<ImageTarget, String>,
    }

    #[cfg(feature = "utilities")]
    impl UploadImage<'_> {
        /// What the image is for (`team_member`, `service`...). Required (path parameter `entity`).
        pub fn entity(mut self, entity: impl Into<String>) -> Self {
            self.entity = Some(entity.into());
            self
        }

        /// The image, sent as the multipart field `image`. Required.
        pub fn image(mut self, image: Upload) -> Self {
            self.image = Some(image);
            self
        }

        /// Where to attach the image at once, all at a time.
        pub fn target(mut self, target: ImageTarget) -> Self {
            self.target = Ok(target);
            self
        }

        /// Attach to this team member (form field `master_id`). Optional.
        pub fn team_member_id<V: TryInto<i64>>(mut self, value: V) -> Self {
            let id = id_of(value, "team_member_id");
            self.target = self.target.and_then(|t| Ok(ImageTarget { team_member_id: Some(id?), ..t }));
            self
        }

        /// Attach to this service (form field `service_id`), with [`location_id`](Self::location_id). Optional.
        pub fn service_id<V: TryInto<i64>>(mut self, value: V) -> Self {
            let id = id_of(value, "service_id");
            self.target = self.target.and_then(|t| Ok(ImageTarget { service_id: Some(id?), ..t }));
            self
        }

        /// The location of that service (form field `company_id`). Optional.
        pub fn location_id<V: TryInto<i64>>(mut self, value: V) -> Self {
            let id = id_of(value, "location_id");
            self.target = self.target.and_then(|t| Ok(ImageTarget { location_id: Some(id?), ..t }));
            self
        }

        /// Sends the request.
        pub async fn send(self) -> Result<ResponseValue<types::UtilityImageUploadResponse>> {
            self.send_with(CallOptions::default()).await
        }

        /// Sends the request with per-call options (a timeout, a deadline...).
        pub async fn send_with(self, options: CallOptions) -> Result<ResponseValue<types::UtilityImageUploadResponse>> {
            const OP: &str = "upload_image";
            let entity = need(self.entity.ok_or_else(|| "entity was not initialized".to_string()), OP)?;
            let image = need(self.image.ok_or_else(|| "image was not initialized".to_string()), OP)?;
            let target = need(self.target, OP)?;
            let mut form = Form::new().part("image", image.part().map_err(|e| e.with_operation(OP))?);
            for (name, value) in [
                ("master_id", target.team_member_id),
                ("service_id", target.service_id),
                ("company_id", target.location_id),
            ] {
                if let Some(v) = value {
                    form = form.text(name, v.to_string());
                }
            }
            let path = format!("/images/{}", crate::runtime::encode_path(&entity));
            self.client.multipart(OP, reqwest::Method::POST, &path, form, options).await
        }
    }

    /// The builder of [`Client::delete_image`].
    #[cfg(feature = "utilities")]
    #[cfg_attr(docsrs, doc(cfg(feature = "utilities")))]
    #[derive(Debug, Clone)]
    #[must_use = "a request builder does nothing until `.send().await`"]
    pub struct DeleteImage<'a> {
        client: &'a Client,
        entity: Option<String>,
        image_group_id: std::result::Result<i64, String>,
    }

    #[cfg(feature = "utilities")]
    impl DeleteImage<'_> {
        /// What the image was for (`team_member`, `service`...). Required (path parameter `entity`).
        pub fn entity(mut self, entity: impl Into<String>) -> Self {
            self.entity = Some(entity.into());
            self
        }

        /// The image group to delete (form field `image_group_id`). Required.
        pub fn image_group_id<V: TryInto<i64>>(mut self, value: V) -> Self {
            self.image_group_id = id_of(value, "image_group_id");
            self
        }

        /// Sends the request.
        pub async fn send(self) -> Result<ResponseValue<types::EmptyEnvelope>> {
            self.send_with(CallOptions::default()).await
        }

        /// Sends the request with per-call options (a timeout, a deadline...).
        pub async fn send_with(self, options: CallOptions) -> Result<ResponseValue<types::EmptyEnvelope>> {
            const OP: &str = "delete_image";
            let entity = need(self.entity.ok_or_else(|| "entity was not initialized".to_string()), OP)?;
            let image_group_id = need(self.image_group_id, OP)?;
            let form = Form::new().text("image_group_id", image_group_id.to_string());
            let path = format!("/images/{}", crate::runtime::encode_path(&entity));
            self.client.multipart(OP, reqwest::Method::DELETE, &path, form, options).await
        }
    }
}
