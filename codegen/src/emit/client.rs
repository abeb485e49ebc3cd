//! The `Client` and one method per operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident, one_line, rust_expr, Context, TYPES};
use crate::ir::{Body, Layout, Media, Operation, Param, ParamIn, PathPart, Success, Ty};

pub(super) fn emit_client(context: &Context) -> TokenStream {
    let api = context.api;
    let runtime = &context.runtime;
    let version = api.version.trim();
    let mut doc = format!(
        "A client for the {} API (version {version}).",
        api.title.trim()
    );
    if let Some(description) = api.description.as_deref().filter(|d| !d.trim().is_empty()) {
        doc.push_str("\n\n");
        doc.push_str(description.trim());
    }
    let doc = doc_attrs(Some(&doc));
    let items = super::builder::emit_client_items(context);
    let builder = super::builder::emit_builder(context);
    quote! {
        #doc
        #[derive(Debug, Clone)]
        pub struct Client {
            core: #runtime::Core,
        }

        impl Client {
            #items

            /// The base URL requests are sent to.
            pub fn base_url(&self) -> &str {
                self.core.base_url()
            }

            /// This client with `options` (a timeout, a retry policy, extra headers or query
            /// parameters) on top of its own, for some calls; it shares this client's
            /// connections and credentials.
            pub fn with_options(&self, options: #runtime::RequestOptions) -> Self {
                Client { core: self.core.with_options(options) }
            }
        }

        impl From<#runtime::Core> for Client {
            fn from(core: #runtime::Core) -> Self {
                Client { core }
            }
        }

        #builder
    }
}

/// The methods of `operations`, in an `impl Client` block that the rendering puts at the
/// end of the client's own ([`super::render`]).
pub(super) fn emit_methods(context: &Context, operations: &[Operation]) -> TokenStream {
    let methods = operations.iter().map(|op| emit_operation(context, op));
    quote! {
        impl Client {
            #( #methods )*
        }
    }
}

/// The type of a parameter in a method signature: borrowed where that is cheaper.
pub(super) fn param_ty(context: &Context, param: &Param) -> TokenStream {
    let ty = match &param.ty {
        Ty::String => quote!(&str),
        Ty::List(item) => {
            let item = context.ty(item, TYPES);
            quote!(&[#item])
        }
        Ty::Json | Ty::Map(_) => {
            let ty = context.ty(&param.ty, TYPES);
            quote!(&#ty)
        }
        Ty::Format(format) if format.is_owned() => {
            let ty = context.ty(&param.ty, TYPES);
            quote!(&#ty)
        }
        ty if context.is_struct(ty) => {
            let ty = context.ty(ty, TYPES);
            quote!(&#ty)
        }
        other => context.ty(other, TYPES),
    };
    if param.required {
        ty
    } else {
        quote!(Option<#ty>)
    }
}

/// A method builds its request when called and returns the future that sends it. It is
/// not an `async fn`: a plain function type-checks several times faster (in GitHub's
/// client of 845 methods, `cargo check` spent 24 of its 32 seconds on `async fn` bodies),
/// and callers write the same `.await`. It is `#[inline]`: the client's crate then
/// compiles no method to machine code, and a user's crate only those it calls, with the
/// serialization of their bodies (three quarters of the OpenAI client's machine code
/// otherwise).
fn emit_operation(context: &Context, op: &Operation) -> TokenStream {
    let runtime = &context.runtime;
    let mut doc = op.doc.clone().unwrap_or_default();
    let endpoint = super::markdown::inline_code(&op.endpoint());
    doc = if doc.is_empty() {
        endpoint
    } else {
        format!("{doc}\n\n{endpoint}")
    };
    let documented: Vec<String> = op
        .params
        .iter()
        .filter_map(|p| {
            p.doc
                .as_ref()
                .map(|d| format!("- `{}`: {}", crate::names::unraw(&p.name), one_line(d)))
        })
        .chain(op.body.as_ref().and_then(body_doc))
        .collect();
    if !documented.is_empty() {
        doc.push_str("\n\n# Arguments\n\n");
        doc.push_str(&documented.join("\n"));
    }
    let doc = doc_attrs(Some(&doc));
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let name = ident(&op.method_name);

    let args = op.params.iter().map(|p| {
        let name = ident(&p.name);
        let ty = param_ty(context, p);
        quote!(#name: #ty)
    });
    let body_arg = op.body.as_ref().map(|body| {
        let ty = match &body.media {
            Media::Text(_) => quote!(&str),
            Media::Binary(_) if body.required => quote!(impl Into<#runtime::Body>),
            Media::Binary(_) => quote!(#runtime::Body),
            Media::Multipart if context.is_form(&body.ty) => context.ty(&body.ty, TYPES),
            _ => {
                let ty = context.ty(&body.ty, TYPES);
                quote!(&#ty)
            }
        };
        if body.required {
            quote!(body: #ty,)
        } else {
            quote!(body: Option<#ty>,)
        }
    });

    let path = path_template(op);
    let method = ident(&op.http_method);
    let alternatives = op.security.iter().map(|names| quote!(&[#(#names),*]));
    let security = quote!(&[#(#alternatives),*]);
    let source = &op.source;
    let options = op
        .options
        .as_ref()
        .map(|name| (ident(name), context.params_of(name)));
    let options_arg = options
        .as_ref()
        .map(|(name, _)| quote!(params: &types::#name));
    let required = op.params.iter().map(|p| {
        let name = ident(&p.name);
        add_param(context, p, &quote!(#name), true)
    });
    let optional = options
        .iter()
        .flat_map(|(_, params)| params.iter())
        .map(|p| {
            let name = ident(&p.name);
            add_param(context, p, &quote!(params.#name), false)
        });
    let params: Vec<TokenStream> = required.chain(optional).collect();
    let body = op.body.as_ref().map(
        |Body {
             media,
             required,
             ty,
             encodings,
             ..
         }| {
            let set = body_setter(context, media, ty, encodings);
            if *required {
                quote!(request.#set;)
            } else {
                quote!(if let Some(body) = body { request.#set; })
            }
        },
    );
    let accept = op
        .accept
        .as_ref()
        .map(|accept| quote!(request.accept(#accept);));
    let query = op
        .query
        .as_ref()
        .map(|query| quote!(request.query_string(#query);));
    let mutable = (!params.is_empty() || op.body.is_some() || accept.is_some() || query.is_some())
        .then(|| quote!(mut));
    let output = op
        .success
        .as_ref()
        .map_or_else(|| quote!(()), |success| context.success(success, TYPES));
    let send = match &op.success {
        Some(Success::Json(_)) => quote!(request.send_json()),
        Some(Success::Text(_)) => quote!(request.send_text()),
        Some(Success::Binary(_)) => quote!(request.send_stream()),
        Some(Success::Events(Some(_))) => quote!(request.send_events()),
        Some(Success::Events(None)) => quote!(request.send_text_events()),
        Some(Success::Content(name)) => read_content(context, name),
        None => quote!(request.send_empty()),
    };
    let errors = match &op.errors {
        Some(name) => {
            let name = ident(name);
            quote!(types::#name)
        }
        None => quote!(::std::convert::Infallible),
    };
    let cfg = context.method_cfg(&op.method_name);
    let args: Vec<TokenStream> = args.collect();
    let build = quote! {
        let #mutable request = #runtime::Request::new(&self.core, #source, #runtime::reqwest::Method::#method, #path, #security);
        #query
        #( #params )*
        #body
        #accept
    };
    let paged = op.pages.as_ref().map(|pages| {
        let plain = crate::names::unraw(&op.method_name);
        let stream = ident(&format!("{plain}_stream"));
        let pages_name = ident(&format!("{plain}_pages"));
        let item = context.ty(&pages.item, TYPES);
        let paging = rust_expr(&pages.paging.to_rust(super::RUNTIME_ALIAS));
        let call = op
            .params
            .iter()
            .map(|p| ident(&p.name))
            .chain(op.body.as_ref().map(|_| ident("body")))
            .chain(op.options.as_ref().map(|_| ident("params")));
        let how = pages.describe();
        let allow_deprecated = op.deprecated.then(|| quote!(#[allow(deprecated)]));
        let stream_doc = doc_attrs(Some(&format!(
            "Every item of every page of [`{plain}`](Self::{plain}), in order, each page \
             fetched when the stream reaches it ({how}). The arguments are those of the first \
             page; an error ends the stream."
        )));
        let pages_doc = doc_attrs(Some(&format!(
            "The pages of [`{plain}`](Self::{plain}), each response whole (for totals and \
             other metadata), each fetched when the stream reaches it ({how}); \
             [`{plain}_stream`](Self::{plain}_stream) gives their items."
        )));
        quote! {
            #stream_doc
            #cfg
            #deprecated
            #[inline]
            pub fn #stream(&self, #( #args, )* #body_arg #options_arg) -> impl #runtime::futures_core::Stream<Item = Result<#item, #runtime::Error<#errors>>> + '_ {
                #allow_deprecated
                let pages = self.#pages_name(#( #call ),*);
                pages.items()
            }

            #pages_doc
            #cfg
            #deprecated
            #[inline]
            pub fn #pages_name(&self, #( #args, )* #body_arg #options_arg) -> #runtime::Pages<'_, #output, #item, #errors> {
                const PAGING: #runtime::Paging = #paging;
                #build
                #runtime::Pages::new(request, &PAGING)
            }
        }
    });
    quote! {
        #doc
        #cfg
        #deprecated
        #[inline]
        pub fn #name(&self, #( #args, )* #body_arg #options_arg) -> impl ::std::future::Future<Output = Result<#runtime::ResponseValue<#output>, #runtime::Error<#errors>>> + '_ {
            #build
            #send
        }

        #paged
    }
}

/// The tail of a call whose body is read as the response's `Content-Type` tells: one arm
/// per way, the first being the fallback.
fn read_content(context: &Context, name: &str) -> TokenStream {
    let runtime = &context.runtime;
    let bodies = context.contents_of(name);
    let enum_name = ident(name);
    let kinds: Vec<TokenStream> = bodies
        .iter()
        .map(|body| {
            let kind = ident(body.variant());
            quote!(#runtime::ContentKind::#kind)
        })
        .collect();
    let mut arms: Vec<TokenStream> = bodies
        .iter()
        .zip(&kinds)
        .enumerate()
        .map(|(i, (body, kind))| {
            let variant = ident(body.variant());
            let read = match body {
                Success::Json(ty) => {
                    let ty = context.ty(ty, TYPES);
                    quote!(received.json::<#ty, _>().await?)
                }
                Success::Text(_) => quote!(received.text().await?),
                Success::Events(Some(_)) => quote!(received.events()),
                Success::Events(None) => quote!(received.text_events()),
                Success::Binary(_) | Success::Content(_) => quote!(received.bytes()),
            };
            let boxed = match body {
                Success::Json(ty) if context.is_struct(ty) => {
                    quote!(|body| types::#enum_name::#variant(Box::new(body)))
                }
                _ => quote!(types::#enum_name::#variant),
            };
            let pattern = if i == 0 { quote!(_) } else { kind.clone() };
            quote!(#pattern => #read.map(#boxed),)
        })
        .collect();
    // The first way is the fallback: its arm goes last.
    arms.rotate_left(1);
    quote! {
        async move {
            let received = request.send_received().await?;
            Ok(match received.kind(&[#(#kinds),*]) {
                #(#arms)*
            })
        }
    }
}

/// The request path with a `{name}` placeholder for each path parameter, by its name in
/// the document, which the runtime fills in.
pub(super) fn path_template(op: &Operation) -> String {
    op.path_parts
        .iter()
        .map(|part| match part {
            PathPart::Literal(text) => text.clone(),
            PathPart::Param(name) => {
                let wire = op
                    .params
                    .iter()
                    .find(|p| p.location == ParamIn::Path && p.name == *name)
                    .map_or(name.as_str(), |p| p.wire_name.as_str());
                format!("{{{wire}}}")
            }
        })
        .collect()
}

/// The runtime's description of a parameter (or form property) `name` written as `layout`.
pub(super) fn param_expr(name: &str, layout: &Layout) -> TokenStream {
    rust_expr(&layout.to_rust(name, super::RUNTIME_ALIAS))
}

/// The call that sets a body of `media` held in `body`, the same on the client's request
/// (`runtime::codegen::Request`) and on the mock server's expectation (`runtime::mock::When`).
pub(super) fn body_setter(
    context: &Context,
    media: &Media,
    ty: &Ty,
    encodings: &[(String, Layout)],
) -> TokenStream {
    match media {
        Media::Json(media) if media == "application/json" => quote!(json(body)),
        Media::Json(media) => quote!(json_as(body, #media)),
        Media::Form => {
            let encodings = encodings
                .iter()
                .map(|(name, layout)| param_expr(name, layout));
            quote!(form(body, &[#(#encodings),*]))
        }
        Media::Multipart if context.is_form(ty) => quote!(multipart_form(body)),
        Media::Multipart => quote!(multipart(body)),
        Media::Text(content_type) => quote!(text(body, #content_type)),
        Media::Binary(content_type) => quote!(binary(body, #content_type)),
    }
}

/// The statement that sets a parameter, read from `access`.
fn add_param(
    _context: &Context,
    param: &Param,
    access: &TokenStream,
    required: bool,
) -> TokenStream {
    let add = ident(param.location.name());
    let param_expr = param_expr(&param.wire_name, &param.layout);
    if required {
        quote!(request.#add(#param_expr, &#access);)
    } else {
        quote!(if let Some(value) = &#access { request.#add(#param_expr, value); })
    }
}

/// The list item that documents the body: its description, and the other binary media
/// types it can be sent as.
fn body_doc(body: &Body) -> Option<String> {
    let mut text = body.doc.as_deref().map(one_line).unwrap_or_default();
    if let (Media::Binary(media), false) = (&body.media, body.other_media.is_empty()) {
        let others: Vec<String> = body.other_media.iter().map(|m| format!("`{m}`")).collect();
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&format!(
            "Sent as `{media}`, or as {} when the body says so (`Body::media_type`).",
            others.join(", ")
        ));
    }
    (!text.is_empty()).then(|| format!("- `body`: {text}"))
}
