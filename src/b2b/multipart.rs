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

#[cfg(any(feature = "clients", feature = "utilities"))]
mod calls {
    use super::*;
    use crate::ResponseValue;
    use crate::b2b::generated::{Client, types};
    use reqwest::multipart::Form;

    impl Client {
        /// Uploads a document to a client's card
        /// (`POST /company/{location_id}/clients/files/{client_id}`, multipart field `file`).
        /// The reply lists every file of the client. Needs the user token.
        #[cfg(feature = "clients")]
        #[cfg_attr(docsrs, doc(cfg(feature = "clients")))]
        pub async fn upload_client_file(
            &self,
            location_id: i64,
            client_id: i64,
            file: &Upload,
        ) -> Result<ResponseValue<types::ClientFileListResponse>> {
            let path = format!(
                "/company/{}/clients/files/{}",
                crate::runtime::encode_path(&location_id.to_string()),
                crate::runtime::encode_path(&client_id.to_string())
            );
            let form = Form::new().part("file", file.part()?);
            self.multipart("upload_client_file", reqwest::Method::POST, &path, form).await
        }

        /// Uploads an image (`POST /images/{entity}`, multipart field `image`), optionally
        /// attaching it to a team member or a service at once. Needs the user token.
        #[cfg(feature = "utilities")]
        #[cfg_attr(docsrs, doc(cfg(feature = "utilities")))]
        pub async fn upload_image(
            &self,
            entity: &str,
            image: &Upload,
            target: &ImageTarget,
        ) -> Result<ResponseValue<types::UtilityImageUploadResponse>> {
            let mut form = Form::new().part("image", image.part()?);
            for (name, value) in [
                ("master_id", target.team_member_id),
                ("service_id", target.service_id),
                ("company_id", target.location_id),
            ] {
                if let Some(v) = value {
                    form = form.text(name, v.to_string());
                }
            }
            let path = format!("/images/{}", crate::runtime::encode_path(entity));
            self.multipart("upload_image", reqwest::Method::POST, &path, form).await
        }

        /// Deletes an image group (`DELETE /images/{entity}` with a multipart body holding
        /// `image_group_id`). Needs the user token.
        #[cfg(feature = "utilities")]
        #[cfg_attr(docsrs, doc(cfg(feature = "utilities")))]
        pub async fn delete_image(
            &self,
            entity: &str,
            image_group_id: i64,
        ) -> Result<ResponseValue<types::EmptyEnvelope>> {
            let form = Form::new().text("image_group_id", image_group_id.to_string());
            let path = format!("/images/{}", crate::runtime::encode_path(entity));
            self.multipart("delete_image", reqwest::Method::DELETE, &path, form).await
        }

        /// Sends a multipart request the way generated operations are sent.
        #[cfg(any(feature = "clients", feature = "utilities"))]
        async fn multipart<T: serde::de::DeserializeOwned>(
            &self,
            operation_id: &'static str,
            method: reqwest::Method,
            path: &str,
            form: Form,
        ) -> Result<ResponseValue<T>> {
            let url = format!("{}{path}", self.baseurl());
            crate::runtime::pipeline::handwritten(self, operation_id, false, crate::CallOptions::default(), |http| {
                http.request(method, url).multipart(form)
            })
            .await
        }
    }
}
