//! An operation's responses: its success body and headers, and its documented errors.

use openapiv3::{ParameterSchemaOrContent, ReferenceOr, Response, StatusCode};

use super::media::{self, Reading};
use super::modeler::Modeler;
use super::operations::{client_link, OperationContext};
use super::schemas::{Hint, Place};
use crate::error::{Pointer, Result};
use crate::ir::{ErrorCase, ResponseHeader, StatusMatch, Success, Ty, TypeId, TypeKind};
use crate::names::{snake, Scope};

/// What an operation's responses become.
pub(super) struct Responses {
    pub(super) success: Option<Success>,
    /// The status of the success response the body is read from.
    pub(super) success_status: Option<StatusMatch>,
    /// The headers the success response documents.
    pub(super) success_headers: Vec<ResponseHeader>,
    /// The media types to accept, when not only `application/json`.
    pub(super) accept: Option<String>,
    pub(super) errors: Option<TypeId>,
}

impl Modeler<'_> {
    pub(super) fn responses(
        &mut self,
        context: &OperationContext,
        operation: &openapiv3::Operation,
        type_base: &Hint,
    ) -> Result<Responses> {
        let pointer = context.pointer.push("responses");
        // Each response with its status, and its key in the document (`None`: `default`).
        let mut documented: Vec<(StatusMatch, &ReferenceOr<Response>, Option<&StatusCode>)> =
            operation
                .responses
                .responses
                .iter()
                .map(|(status, response)| {
                    let status_match = match status {
                        StatusCode::Code(code) => StatusMatch::Code(*code),
                        StatusCode::Range(class) => StatusMatch::Class(*class),
                    };
                    (status_match, response, Some(status))
                })
                .collect();
        if let Some(default) = &operation.responses.default {
            documented.push((StatusMatch::Default, default, None));
        }
        let place = |key: Option<&StatusCode>| match key {
            Some(status) => pointer.push(status),
            None => pointer.push("default"),
        };
        documented.sort_by_key(|(status, ..)| *status);
        let is_success = |status: &StatusMatch| match status {
            StatusMatch::Code(code) => (200..300).contains(code),
            StatusMatch::Class(class) => *class == 2,
            StatusMatch::Default => false,
        };
        // Each response resolved once, the success first.
        let success_at = documented
            .iter()
            .position(|(status, ..)| is_success(status));
        let mut resolved = Vec::with_capacity(documented.len());
        for index in success_at
            .into_iter()
            .chain((0..documented.len()).filter(|&index| Some(index) != success_at))
        {
            let (status, response, key) = documented[index];
            let (response, target) = self.resolve(response, place(key))?;
            resolved.push((status, response, key, target));
        }
        resolved.sort_by_key(|(status, ..)| *status);
        let mut accept = None;
        let mut success_status = None;
        let mut success_headers = Vec::new();
        let mut success = None;
        if let Some((status, response, key, target)) =
            resolved.iter().find(|(status, ..)| is_success(status))
        {
            let pointer = &place(*key);
            success_status = Some(*status);
            success_headers =
                self.response_headers(response, target, &type_base.child("response"))?;
            success = match status {
                StatusMatch::Code(code @ (204 | 205)) => {
                    if !response.content.is_empty() {
                        self.warn(
                            pointer,
                            format!(
                                "a {code} response has no body in HTTP; its content is ignored"
                            ),
                        );
                    }
                    None
                }
                _ => {
                    let hint = type_base.child("response");
                    let mut bodies = self.response_bodies(response, target, &hint)?;
                    accept = media::accepted(response.content.keys(), &bodies);
                    if bodies.len() > 1 {
                        let doc = cat!(
                            "The success body of ",
                            client_link(&context.method_name),
                            ", as the server's `Content-Type` tells."
                        );
                        let key = self.add_type(
                            cat!(context.type_base, " response"),
                            pointer,
                            Some(doc),
                            TypeKind::Content(bodies),
                        );
                        Some(Success::Content(key))
                    } else {
                        bodies.pop()
                    }
                }
            };
        }
        let mut variants = Scope::default();
        let mut cases = Vec::new();
        for (status, response, _, target) in &resolved {
            if is_success(status) {
                continue;
            }
            let variant = variants.claim(status_variant(*status));
            // An error body that is not JSON is kept raw in the error, as every error's is.
            let ty = self
                .response_bodies(response, target, &type_base.child(&variant))?
                .into_iter()
                .find_map(|body| match body {
                    Success::Json(ty) => Some(ty),
                    _ => None,
                });
            cases.push(ErrorCase {
                status: *status,
                variant,
                doc: Some(response.description.clone()).filter(|d| !d.trim().is_empty()),
                ty,
            });
        }
        if cases.is_empty() {
            return Ok(Responses {
                success,
                success_status,
                success_headers,
                accept,
                errors: None,
            });
        }
        let doc = cat!(
            "The documented error responses of ",
            client_link(&context.method_name),
            "."
        );
        let key = self.add_type(
            cat!(context.type_base, " error"),
            &context.pointer.push("responses"),
            Some(doc),
            TypeKind::Errors(cases),
        );
        Ok(Responses {
            success,
            success_status,
            success_headers,
            accept,
            errors: Some(key),
        })
    }

    /// The headers `response` documents whose values are written as one piece of text
    /// (scalars, and lists of them), each with its type and the mock's setter name.
    fn response_headers(
        &mut self,
        response: &Response,
        pointer: &Pointer,
        hint: &Hint,
    ) -> Result<Vec<ResponseHeader>> {
        let mut setters = Scope::default();
        let mut headers = Vec::new();
        for (name, header) in &response.headers {
            let at = pointer.push("headers").then(name);
            let (header, at) = self.resolve(header, at)?;
            let ParameterSchemaOrContent::Schema(schema) = &header.format else {
                continue;
            };
            let shape = self.shape(schema, &hint.child(name), &at.push("schema"))?;
            let scalar = |ty: &Ty| {
                matches!(
                    ty,
                    Ty::String | Ty::Integer | Ty::Number | Ty::Boolean | Ty::Format(_)
                )
            };
            let flat = match &shape.ty {
                Ty::List(item) => scalar(item),
                ty => scalar(ty),
            };
            if !flat {
                continue;
            }
            headers.push(ResponseHeader {
                wire_name: name.clone(),
                setter: setters.claim(format!("{}_header", snake(name))),
                ty: shape.ty,
                doc: header.description.clone().filter(|d| !d.trim().is_empty()),
            });
        }
        Ok(headers)
    }

    /// The ways a response's body is read, in the order the client prefers them: several
    /// when the server's `Content-Type` decides between them.
    ///
    /// JSON is decoded when offered, and then other representations of the same data
    /// (text, bytes) are not asked for; server-sent events are a different answer, so
    /// JSON and events are both kept. Without JSON, events, text and bytes are each kept.
    fn response_bodies(
        &mut self,
        response: &Response,
        pointer: &Pointer,
        hint: &Hint,
    ) -> Result<Vec<Success>> {
        let component = Hint::for_component(pointer);
        let hint = component.as_ref().unwrap_or(hint);
        let json = response
            .content
            .iter()
            .find(|(m, _)| media::reads(m) == Reading::Json);
        let events = response
            .content
            .iter()
            .find(|(m, _)| media::reads(m) == Reading::Events);
        let mut text = Vec::new();
        let mut binary = Vec::new();
        for m in response.content.keys() {
            match media::reads(m) {
                Reading::Text => text.push(m.as_str()),
                Reading::Binary => binary.push(m.as_str()),
                Reading::Json | Reading::Events => {}
            }
        }
        let mut bodies = Vec::new();
        // Side by side, the JSON body's and the events' types are named for what they are.
        let both = json.is_some() && events.is_some();
        let mut schema_ty = |(media, media_type): (&String, &openapiv3::MediaType), suffix| {
            let child;
            let hint = if both {
                child = hint.child(suffix);
                &child
            } else {
                hint
            };
            let at = Place::Below(pointer, &["content", media, "schema"]);
            media_type
                .schema
                .as_ref()
                .map(|schema| Ok(self.shape(schema, hint, at)?.into_ty()))
                .transpose()
        };
        if let Some(json) = json {
            bodies.push(Success::Json(schema_ty(json, "json")?.unwrap_or(Ty::Json)));
        }
        if let Some(events) = events {
            // The schema describes each event's data: decoded when it is JSON.
            let ty = schema_ty(events, "event")?.filter(|ty| *ty != Ty::String);
            bodies.push(Success::Events(ty));
        }
        if json.is_none() {
            if !text.is_empty() {
                bodies.push(Success::Text(text.join(", ")));
            }
            if !binary.is_empty() {
                bodies.push(Success::Binary(binary.join(", ")));
            }
        }
        Ok(bodies)
    }
}

/// A variant name for an error status: `NotFound` for 404, `ClientError` for `4XX`.
fn status_variant(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => {
            reason(code).map_or_else(|| format!("Status{code}"), str::to_owned)
        }
        StatusMatch::Class(4) => "ClientError".to_owned(),
        StatusMatch::Class(5) => "ServerError".to_owned(),
        StatusMatch::Class(class) => format!("Status{class}xx"),
        StatusMatch::Default => "Other".to_owned(),
    }
}

fn reason(code: u16) -> Option<&'static str> {
    Some(match code {
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "ContentTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        422 => "UnprocessableEntity",
        423 => "Locked",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_statuses_are_named_after_their_reason() {
        assert_eq!(status_variant(StatusMatch::Code(404)), "NotFound");
        assert_eq!(status_variant(StatusMatch::Code(499)), "Status499");
        assert_eq!(status_variant(StatusMatch::Class(4)), "ClientError");
        assert_eq!(status_variant(StatusMatch::Default), "Other");
    }
}
