//! The mock server of the API (`Generator::mock_feature`): a module behind the cargo
//! feature `mock`, with a method per operation whose `When` and `Then` types state, in the
//! operation's own types, which requests it answers and how.

use heck::ToUpperCamelCase;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::client::{body_setter, param_expr, param_ty, path_template};
use super::layout::Shape;
use super::{doc_attrs, ident, rust_expr, Context, TYPES};
use crate::ir::{Media, Operation, Param, ParamIn, StatusMatch, Success, TypeKind};

pub(super) fn emit_mock(context: &Context) -> TokenStream {
    let runtime = &context.runtime;
    let mut methods = Vec::new();
    let mut items = Vec::new();
    for op in &context.api.operations {
        let (method, types) = emit_operation(context, op);
        methods.push(method);
        items.push(types);
    }
    let title = context.api.title.trim();
    let doc = doc_attrs(Some(&format!(
        "A mock server of the {title} API, for testing code that calls it (cargo feature \
         `mock`).\n\nEach method states an expectation: which requests it answers (`when`, \
         a setter per parameter, unset ones matching any value) and how (`then`, a method \
         per documented response). A request no expectation matches is answered 501, \
         naming the request and the closest expectation."
    )));
    let base_path = context
        .api
        .server
        .as_ref()
        .map(|server| server.base_path())
        .unwrap_or_default();
    let (start_doc, start) = if base_path.is_empty() {
        (
            " Starts a server with no expectations.".to_owned(),
            quote!(#runtime::mock::MockServer::start().await),
        )
    } else {
        (
            format!(
                " Starts a server with no expectations, answering under the API's base path \
                 `{base_path}` as the API's server does."
            ),
            quote!(#runtime::mock::MockServer::start_at(#base_path).await),
        )
    };
    quote! {
        #doc
        #[cfg(feature = "mock")]
        pub mod mock {
            #[allow(unused_imports)]
            use super::{#runtime, types};

            /// A mock server of the API on 127.0.0.1.
            #[derive(Debug)]
            pub struct MockServer(#runtime::mock::MockServer);

            impl MockServer {
                #[doc = #start_doc]
                pub async fn start() -> Self {
                    MockServer(#start)
                }

                /// The server's base URL, with the API's base path, for the client's
                /// `base_url`.
                pub fn uri(&self) -> String {
                    self.0.uri()
                }

                #( #methods )*
            }

            #( #items )*
        }
    }
}

fn emit_operation(context: &Context, op: &Operation) -> (TokenStream, TokenStream) {
    let runtime = &context.runtime;
    let name = ident(&op.method_name);
    let plain = crate::names::unraw(&op.method_name);
    let base = plain.to_upper_camel_case();
    let when = ident(&format!("{base}When"));
    let then = ident(&format!("{base}Then"));
    let template = path_template(op);
    let http = op.http_method.as_str();
    let doc = doc_attrs(Some(&format!(
        "Answers requests of [`Client::{plain}`](super::Client::{plain}) (`{}`) as \
         `expect` says; the expectation ends when the returned value is dropped.",
        op.endpoint()
    )));
    // Compiled with the method it mocks (`Generator::tag_features`).
    let cfg = context.method_cfg(&op.method_name);
    let method = quote! {
        #doc
        #cfg
        pub async fn #name(&self, expect: impl FnOnce(&mut #when, &mut #then)) -> #runtime::mock::Expectation {
            let mut when = #when(#runtime::mock::When::new(#http, #template));
            let mut then = #then(#runtime::mock::Then::default());
            expect(&mut when, &mut then);
            self.0.expect(when.0, then.0).await
        }
    };
    let optional = op
        .options
        .map(|id| context.params_of(id))
        .unwrap_or_default();
    let setters = op
        .params
        .iter()
        .chain(optional)
        .map(|param| setter(context, param));
    let body = op.body.as_ref().map(|body| {
        let ty = context.ty(&body.ty, TYPES);
        let (doc, arg) = match &body.media {
            Media::Json(_) => ("The JSON body is `body`, compared as JSON.", quote!(&#ty)),
            Media::Form => (
                "The form body is `body`, its fields in any order.",
                quote!(&#ty),
            ),
            Media::Multipart if context.is_form(&body.ty) => (
                "The multipart body is `body`: each part's name, file name, media type, \
                     headers and content, the parts in any order.",
                ty,
            ),
            Media::Multipart => (
                "The multipart body is `body`, its parts in any order.",
                quote!(&#ty),
            ),
            Media::Text(_) => ("The body is the text `body`.", quote!(&str)),
            Media::Binary(_) => (
                "The body is `body`, byte for byte, of its media type or the document's.",
                quote!(impl Into<#runtime::Body>),
            ),
        };
        let (method, args) = body_setter(context, &body.media, &body.ty, &body.encodings);
        let set = rust_expr(&format!("self.0.{}", Shape::call(method, args).flat()));
        let doc = doc_attrs(Some(doc));
        quote! {
            #doc
            pub fn body(&mut self, body: #arg) -> &mut Self {
                #set;
                self
            }
        }
    });
    let setters: Vec<TokenStream> = setters.chain(body).collect();
    let setters = (!setters.is_empty()).then(|| {
        quote! {
            #cfg
            impl #when {
                #( #setters )*
            }
        }
    });
    let responses = responses(context, op);
    let responses = (!responses.is_empty()).then(|| {
        quote! {
            #cfg
            impl #then {
                #( #responses )*
            }
        }
    });
    let when_doc = doc_attrs(Some(&format!(
        "Which requests of [`MockServer::{plain}`](MockServer::{plain}) answers."
    )));
    let then_doc = doc_attrs(Some(&format!(
        "How [`MockServer::{plain}`](MockServer::{plain}) answers: a method per documented \
         response, and `status`, `raw`, `header`, `delay` and `times` for anything else."
    )));
    let types = quote! {
        #when_doc
        #cfg
        #[derive(Debug)]
        pub struct #when(#runtime::mock::When);

        #setters

        #then_doc
        #cfg
        #[derive(Debug)]
        pub struct #then(#runtime::mock::Then);

        #responses

        #cfg
        #runtime::mock::then_methods!(#then);
    };
    (method, types)
}

/// The setter of one parameter: the request carries it as the client writes `value`.
fn setter(context: &Context, param: &Param) -> TokenStream {
    let name = ident(&param.name);
    let required = Param {
        required: true,
        ..param.clone()
    };
    let ty = rust_expr(&param_ty(context, &required));
    let location = ident(param.location.name());
    let param_expr = param_expr(&param.wire_name, &param.layout);
    let doc = doc_attrs(Some(&format!(
        "The {} parameter `{}` is `value`.",
        param.location.name(),
        param.wire_name
    )));
    quote! {
        #doc
        pub fn #name(&mut self, value: #ty) -> &mut Self {
            self.0.#location(#param_expr, &value);
            self
        }
    }
}

/// A method per documented response, named after its status.
fn responses(context: &Context, op: &Operation) -> Vec<TokenStream> {
    let runtime = &context.runtime;
    let mut methods = Vec::new();
    let code = |status: StatusMatch| -> Option<u16> {
        match status {
            StatusMatch::Code(code) => Some(code),
            StatusMatch::Class(class) => Some(class * 100),
            StatusMatch::Default => None,
        }
    };
    if let Some(status) = op.success_status {
        let name = ident(match status {
            StatusMatch::Code(200) => "ok",
            StatusMatch::Code(201) => "created",
            StatusMatch::Code(202) => "accepted",
            StatusMatch::Code(203) => "non_authoritative_information",
            StatusMatch::Code(204) => "no_content",
            StatusMatch::Code(206) => "partial_content",
            _ => "success",
        });
        let status = Literal::u16_unsuffixed(code(status).unwrap_or(200));
        let doc = doc_attrs(Some(&format!("Answers {status}, the documented success.")));
        let (args, answer) = match &op.success {
            Some(Success::Json(ty)) => {
                let ty = context.ty(ty, TYPES);
                (quote!(body: &#ty), quote!(self.0.json(#status, body)))
            }
            Some(Success::Text(media)) => {
                let media = answer_type(media, "text/plain");
                (
                    quote!(body: &str),
                    quote!(self.0.raw(#status, #media, body)),
                )
            }
            Some(Success::Binary(media)) => {
                let media = answer_type(media, "application/octet-stream");
                (
                    quote!(body: impl Into<Vec<u8>>),
                    quote!(self.0.raw(#status, #media, body)),
                )
            }
            Some(Success::Events(Some(ty))) => {
                let ty = context.ty(ty, TYPES);
                (
                    quote!(events: &[#ty]),
                    quote!(self.0.json_events(#status, events)),
                )
            }
            Some(Success::Events(None)) => (
                quote!(events: &[&str]),
                quote!(self.0.text_events(#status, events)),
            ),
            Some(Success::Content(_)) => (
                quote!(content_type: &str, body: impl Into<Vec<u8>>),
                quote!(self.0.raw(#status, content_type, body)),
            ),
            None => (quote!(), quote!(self.0.status(#status))),
        };
        methods.push(quote! {
            #doc
            pub fn #name(&mut self, #args) -> &mut Self {
                #answer;
                self
            }
        });
    }
    for header in &op.success_headers {
        let name = ident(&header.setter);
        let wire = &header.wire_name;
        // Typed as a required header parameter of the same type would be.
        let ty = rust_expr(&param_ty(
            context,
            &Param {
                name: header.setter.clone(),
                wire_name: wire.clone(),
                location: ParamIn::Header,
                layout: ParamIn::Header.default_layout(),
                ty: header.ty.clone(),
                required: true,
                doc: None,
            },
        ));
        let doc = match &header.doc {
            Some(doc) => format!(
                "Sets the documented response header `{wire}`: {}",
                doc.trim()
            ),
            None => format!("Sets the documented response header `{wire}`."),
        };
        let doc = doc_attrs(Some(&doc));
        methods.push(quote! {
            #doc
            pub fn #name(&mut self, value: #ty) -> &mut Self {
                self.0.header_value(#runtime::Param::simple(#wire), &value);
                self
            }
        });
    }
    let cases = match op.errors.and_then(|id| context.kind(id)) {
        Some(TypeKind::Errors(cases)) => cases.as_slice(),
        _ => &[],
    };
    for case in cases {
        let name = ident(&crate::names::snake(&case.variant));
        let doc = doc_attrs(
            case.doc
                .as_deref()
                .map(|d| format!("Answers the documented error: {}", d.trim()))
                .as_deref(),
        );
        let (status_arg, status) = match code(case.status) {
            Some(status) => {
                let status = Literal::u16_unsuffixed(status);
                (None, quote!(#status))
            }
            None => (Some(quote!(status: u16,)), quote!(status)),
        };
        methods.push(match &case.ty {
            Some(ty) => {
                let ty = context.ty(ty, TYPES);
                quote! {
                    #doc
                    pub fn #name(&mut self, #status_arg body: &#ty) -> &mut Self {
                        self.0.json(#status, body);
                        self
                    }
                }
            }
            None => quote! {
                #doc
                pub fn #name(&mut self, #status_arg) -> &mut Self {
                    self.0.status(#status);
                    self
                }
            },
        });
    }
    methods
}

/// The media type a mock answers with, of those a response documents (`image/png,
/// image/jpeg`): the first, or `fallback` when it is a range (`image/*`).
fn answer_type(media: &str, fallback: &'static str) -> String {
    media
        .split(',')
        .map(str::trim)
        .next()
        .filter(|first| !first.is_empty() && !first.contains('*'))
        .unwrap_or(fallback)
        .to_owned()
}
