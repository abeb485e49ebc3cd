//! The `Client` and one method per operation.

use proc_macro2::TokenStream;

use super::layout::{self, Shape, Text, Written};
use super::{one_line, push_one_line, rust_expr, Context, RUNTIME_ALIAS, TYPES};
use crate::ir::{Body, Layout, Media, Operation, Param, ParamIn, PathPart, Success, Ty, TypeId};

pub(super) fn emit_client(context: &Context) -> Written {
    let api = context.api;
    let version = api.version.trim();
    let mut doc = format!(
        "A client for the {} API (version {version}).",
        api.title.trim()
    );
    if let Some(description) = api.description.as_deref().filter(|d| !d.trim().is_empty()) {
        doc.push_str("\n\n");
        doc.push_str(description.trim());
    }
    let mut out = Text::new(0);
    out.doc(Some(&doc));
    out.fixed("#[derive(Debug, Clone)]");
    out.open_fixed("pub struct Client {");
    out.fixed(&format!("core: {RUNTIME_ALIAS}::Core,"));
    out.close("}");
    out.open_fixed("impl Client {");
    super::builder::client_items(context, &mut out);
    out.docs(&[" The base URL requests are sent to."]);
    out.open_fixed("pub fn base_url(&self) -> &str {");
    out.fixed("self.core.base_url()");
    out.close("}");
    out.docs(&[
        " This client with `options` (a timeout, a retry policy, extra headers or query",
        " parameters) on top of its own, for some calls; it shares this client's",
        " connections and credentials.",
    ]);
    out.open_fixed(&format!(
        "pub fn with_options(&self, options: {RUNTIME_ALIAS}::RequestOptions) -> Self {{"
    ));
    out.open_fixed("Client {");
    out.fixed("core: self.core.with_options(options),");
    out.close("}");
    out.close("}");
    out.close("}");
    out.open_fixed(&format!("impl From<{RUNTIME_ALIAS}::Core> for Client {{"));
    out.open_fixed(&format!("fn from(core: {RUNTIME_ALIAS}::Core) -> Self {{"));
    out.fixed("Client { core }");
    out.close("}");
    out.close("}");
    super::builder::emit_builder(context, &mut out);
    out.finish()
}

/// The indentation of the methods inside `impl Client`.
const INDENT: usize = 4;

/// The methods of each of `operations` (with its pages, if it has them) as they are
/// inside `impl Client`, in order, to end the client's own ([`mod@super::render`]).
pub(super) fn emit_methods(context: &Context, operations: &[Operation]) -> Vec<Written> {
    operations
        .iter()
        .map(|op| {
            let mut out = Text::with_capacity(INDENT, 2048);
            emit_operation(context, op, &mut out);
            out.finish()
        })
        .collect()
}

/// The type of a parameter in a method signature: borrowed where that is cheaper.
pub(super) fn param_ty(context: &Context, param: &Param) -> String {
    let ty = match &param.ty {
        Ty::String => "&str".to_owned(),
        Ty::List(item) => cat!("&[", context.ty_text(item, TYPES), "]"),
        Ty::Json | Ty::Map(_) => cat!("&", context.ty_text(&param.ty, TYPES)),
        Ty::Format(format) if format.is_owned() => cat!("&", context.ty_text(&param.ty, TYPES)),
        ty if context.is_struct(ty) => cat!("&", context.ty_text(ty, TYPES)),
        other => context.ty_text(other, TYPES),
    };
    if param.required {
        ty
    } else {
        cat!("Option<", ty, ">")
    }
}

/// A method builds its request when called and returns the future that sends it. It is
/// not an `async fn`: a plain function type-checks several times faster (in GitHub's
/// client of 845 methods, `cargo check` spent 24 of its 32 seconds on `async fn` bodies),
/// and callers write the same `.await`. It is `#[inline]`: the client's crate then
/// compiles no method to machine code, and a user's crate only those it calls, with the
/// serialization of their bodies (three quarters of the OpenAI client's machine code
/// otherwise).
fn emit_operation(context: &Context, op: &Operation, out: &mut Text) {
    let endpoint = super::markdown::inline_code(&op.endpoint());
    // Room for the description, the endpoint and a few arguments' docs.
    let mut doc = String::with_capacity(op.doc.as_ref().map_or(0, String::len) + 512);
    if let Some(text) = op.doc.as_deref().filter(|text| !text.is_empty()) {
        doc.push_str(text);
        doc.push_str("\n\n");
    }
    doc.push_str(&endpoint);
    let mut documented = op
        .params
        .iter()
        .filter_map(|p| p.doc.as_ref().map(|doc| (p, doc)))
        .peekable();
    let body = op.body.as_ref().and_then(body_doc);
    if documented.peek().is_some() || body.is_some() {
        doc.push_str("\n\n# Arguments\n");
        for (param, text) in documented {
            for part in ["\n- `", crate::names::unraw(&param.name), "`: "] {
                doc.push_str(part);
            }
            push_one_line(&mut doc, text);
        }
        if let Some(body) = body {
            doc.push('\n');
            doc.push_str(&body);
        }
    }
    // A method moved to its gate's file is compiled by the `cfg` of its `include!`.
    let cfg = if context.split_into.is_some() {
        String::new()
    } else {
        context.method_cfg_text(&op.method_name)
    };

    // The arguments after `&self`: the parameters, the body, the optional parameters.
    let mut args: Vec<(String, String)> = op
        .params
        .iter()
        .map(|p| (p.name.clone(), param_ty(context, p)))
        .collect();
    if let Some(body) = &op.body {
        let ty = match &body.media {
            Media::Text(_) => "&str".to_owned(),
            Media::Binary(_) if body.required => cat!("impl Into<", RUNTIME_ALIAS, "::Body>"),
            Media::Binary(_) => cat!(RUNTIME_ALIAS, "::Body"),
            Media::Multipart if context.is_form(&body.ty) => context.ty_text(&body.ty, TYPES),
            _ => cat!("&", context.ty_text(&body.ty, TYPES)),
        };
        let ty = if body.required {
            ty
        } else {
            cat!("Option<", ty, ">")
        };
        args.push(("body".to_owned(), ty));
    }
    if let Some(options) = op.options {
        args.push(("params".to_owned(), cat!("&types::", context.name(options))));
    }

    let output = op.success.as_ref().map_or_else(
        || "()".to_owned(),
        |success| context.success_text(success, TYPES),
    );
    let errors = match op.errors {
        Some(id) => cat!("types::", context.name(id)),
        None => "::std::convert::Infallible".to_owned(),
    };
    let head = |out: &mut Text, doc: &str| {
        out.doc(Some(doc));
        if !cfg.is_empty() {
            out.line(&cfg);
        }
        if op.deprecated {
            out.fixed("#[deprecated]");
        }
        out.fixed("#[inline]");
    };
    head(out, &doc);
    out.signature(
        &op.method_name,
        "&self",
        &args,
        " -> impl ",
        &cat!(
            "::std::future::Future<Output = Result<",
            RUNTIME_ALIAS,
            "::ResponseValue<",
            output,
            ">, ",
            RUNTIME_ALIAS,
            "::Error<",
            errors,
            ">>>"
        ),
        " + '_ {",
    );
    build_request(context, op, out);
    match &op.success {
        Some(Success::Content(id)) => read_content(context, *id, out),
        success => {
            let send = match success {
                Some(Success::Json(_)) => "send_json",
                Some(Success::Text(_)) => "send_text",
                Some(Success::Binary(_)) => "send_stream",
                Some(Success::Events(Some(_))) => "send_events",
                Some(Success::Events(None)) => "send_text_events",
                _ => "send_empty",
            };
            out.method_call("request", &Shape::call(cat!(".", send), Vec::new()), "");
        }
    }
    out.close("}");

    let Some(pages) = &op.pages else {
        return;
    };
    let plain = crate::names::unraw(&op.method_name);
    let item = context.ty_text(&pages.item, TYPES);
    let how = pages.describe();
    let call_args: Vec<&str> = op
        .params
        .iter()
        .map(|p| p.name.as_str())
        .chain(op.body.as_ref().map(|_| "body"))
        .chain(op.options.as_ref().map(|_| "params"))
        .collect();
    head(
        out,
        &format!(
            "Every item of every page of [`{plain}`](Self::{plain}), in order, each page \
             fetched when the stream reaches it ({how}). The arguments are those of the first \
             page; an error ends the stream."
        ),
    );
    out.signature(
        &format!("{plain}_stream"),
        "&self",
        &args,
        " -> impl ",
        &format!(
            "{RUNTIME_ALIAS}::futures_core::Stream<Item = Result<{item}, \
             {RUNTIME_ALIAS}::Error<{errors}>>>"
        ),
        " + '_ {",
    );
    if op.deprecated {
        out.fixed("#[allow(deprecated)]");
    }
    let pages_call = Shape::call(
        format!(".{plain}_pages"),
        call_args.iter().map(|arg| Shape::word(*arg)).collect(),
    );
    out.method_call("let pages = self", &pages_call, ";");
    out.line("pages.items()");
    out.close("}");
    head(
        out,
        &format!(
            "The pages of [`{plain}`](Self::{plain}), each response whole (for totals and \
             other metadata), each fetched when the stream reaches it ({how}); \
             [`{plain}_stream`](Self::{plain}_stream) gives their items."
        ),
    );
    out.signature(
        &format!("{plain}_pages"),
        "&self",
        &args,
        " -> ",
        &format!("{RUNTIME_ALIAS}::Pages<'_, {output}, {item}, {errors}>"),
        " {",
    );
    // The paging's description, as the descriptors crate prints it.
    out.shape(
        &cat!("const PAGING: ", RUNTIME_ALIAS, "::Paging = "),
        &Shape::expr(&pages.paging.to_rust(RUNTIME_ALIAS)),
        ";",
        1,
    );
    build_request(context, op, out);
    out.line(&format!("{RUNTIME_ALIAS}::Pages::new(request, &PAGING)"));
    out.close("}");
}

/// A string literal.
fn string(value: &str) -> Shape {
    Shape::word(layout::string(value))
}

/// The statements that build the request, from `let mut request` to its body.
fn build_request(context: &Context, op: &Operation, out: &mut Text) {
    let options = op
        .options
        .map(|id| context.params_of(id))
        .unwrap_or_default();
    let mutable = !op.params.is_empty()
        || !options.is_empty()
        || op.body.is_some()
        || op.accept.is_some()
        || op.query.is_some();
    let security = op
        .security
        .iter()
        .map(|names| Shape::array(names.iter().map(|n| string(n)).collect()))
        .collect();
    let new = Shape::call(
        cat!(RUNTIME_ALIAS, "::Request::new"),
        vec![
            Shape::word("&self.core"),
            string(&op.source),
            Shape::word(cat!(RUNTIME_ALIAS, "::reqwest::Method::", op.http_method)),
            string(&path_template(op)),
            Shape::array(security),
        ],
    );
    let binding = if mutable {
        "let mut request = "
    } else {
        "let request = "
    };
    out.shape(binding, &new, ";", 1);
    if let Some(query) = &op.query {
        out.method_call(
            "request",
            &Shape::call(".query_string", vec![string(query)]),
            ";",
        );
    }
    for param in &op.params {
        add_param(out, param, &param.name, true);
    }
    for param in options {
        add_param(out, param, &cat!("params.", param.name), false);
    }
    if let Some(Body {
        media,
        required,
        ty,
        encodings,
        ..
    }) = &op.body
    {
        let (method, args) = body_setter(context, media, ty, encodings);
        let set = Shape::call(cat!(".", method), args);
        if *required {
            out.method_call("request", &set, ";");
        } else {
            out.open("if let Some(body) = body {");
            out.method_call("request", &set, ";");
            out.close("}");
        }
    }
    if let Some(accept) = &op.accept {
        out.method_call(
            "request",
            &Shape::call(".accept", vec![string(accept)]),
            ";",
        );
    }
}

/// The tail of a call whose body is read as the response's `Content-Type` tells: one arm
/// per way, the first being the fallback. Its layout is prettyplease's to decide.
fn read_content(context: &Context, id: TypeId, out: &mut Text) {
    let bodies = context.contents_of(id);
    let name = context.name(id);
    let kinds: Vec<String> = bodies
        .iter()
        .map(|body| format!("{RUNTIME_ALIAS}::ContentKind::{}", body.variant()))
        .collect();
    let mut arms: Vec<String> = bodies
        .iter()
        .zip(&kinds)
        .enumerate()
        .map(|(i, (body, kind))| {
            let variant = body.variant();
            let read = match body {
                Success::Json(ty) => {
                    format!(
                        "received.json::<{}, _>().await?",
                        context.ty_text(ty, TYPES)
                    )
                }
                Success::Text(_) => "received.text().await?".to_owned(),
                Success::Events(Some(_)) => "received.events()".to_owned(),
                Success::Events(None) => "received.text_events()".to_owned(),
                Success::Binary(_) | Success::Content(_) => "received.bytes()".to_owned(),
            };
            let boxed = match body {
                Success::Json(ty) if context.is_struct(ty) => {
                    format!("|body| types::{name}::{variant}(Box::new(body))")
                }
                _ => format!("types::{name}::{variant}"),
            };
            let pattern = if i == 0 { "_" } else { kind.as_str() };
            format!("{pattern} => {read}.map({boxed}),")
        })
        .collect();
    // The first way is the fallback: its arm goes last.
    arms.rotate_left(1);
    out.unknown_layout();
    out.line(&format!(
        "async move {{ let received = request.send_received().await?; \
         Ok(match received.kind(&[{}]) {{ {} }}) }}",
        kinds.join(", "),
        arms.join(" ")
    ));
}

/// The request path with a `{name}` placeholder for each path parameter, by its name in
/// the document, which the runtime fills in.
pub(super) fn path_template(op: &Operation) -> String {
    let mut template = String::with_capacity(op.path.len());
    for part in &op.path_parts {
        match part {
            PathPart::Literal(text) => template.push_str(text),
            PathPart::Param(name) => {
                let wire = op
                    .params
                    .iter()
                    .find(|p| p.location == ParamIn::Path && p.name == *name)
                    .map_or(name.as_str(), |p| p.wire_name.as_str());
                for part in ["{", wire, "}"] {
                    template.push_str(part);
                }
            }
        }
    }
    template
}

/// The runtime's description of a parameter (or form property) `name` written as `layout`.
pub(super) fn param_expr(name: &str, layout: &Layout) -> TokenStream {
    rust_expr(&layout.to_rust(name, RUNTIME_ALIAS))
}

/// The method that sets a body of `media` held in `body`, and its arguments, the same on
/// the client's request (`runtime::codegen::Request`) and on the mock server's expectation
/// (`runtime::mock::When`).
pub(super) fn body_setter(
    context: &Context,
    media: &Media,
    ty: &Ty,
    encodings: &[(String, Layout)],
) -> (&'static str, Vec<Shape>) {
    let body = || Shape::word("body");
    match media {
        Media::Json(media) if media == "application/json" => ("json", vec![body()]),
        Media::Json(media) => ("json_as", vec![body(), string(media)]),
        Media::Form => {
            let encodings = encodings
                .iter()
                .map(|(name, layout)| Shape::expr(&layout.to_rust(name, RUNTIME_ALIAS)))
                .collect();
            let encodings = Shape::array(encodings);
            ("form", vec![body(), encodings])
        }
        Media::Multipart if context.is_form(ty) => ("multipart_form", vec![body()]),
        Media::Multipart => ("multipart", vec![body()]),
        Media::Text(content_type) => ("text", vec![body(), string(content_type)]),
        Media::Binary(content_type) => ("binary", vec![body(), string(content_type)]),
    }
}

/// The statement that sets a parameter, read from `access`.
fn add_param(out: &mut Text, param: &Param, access: &str, required: bool) {
    let method = param.location.name();
    let layout = param.layout.to_rust(&param.wire_name, RUNTIME_ALIAS);
    let value = if required {
        ["&", access]
    } else {
        ["", "value"]
    };
    if !required {
        out.open(&cat!("if let Some(value) = &", access, " {"));
    }
    let line = [
        "request.", method, "(", &layout, ", ", value[0], value[1], ");",
    ];
    if !out.line_if_it_fits(&line) {
        let args = vec![Shape::expr(&layout), Shape::word(value.concat())];
        out.method_call("request", &Shape::call(cat!(".", method), args), ";");
    }
    if !required {
        out.close("}");
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

#[cfg(test)]
mod tests {
    use proptest::collection::vec;
    use proptest::prelude::*;

    use super::{emit_client, Text, INDENT};
    use crate::emit::layout::tests::laid_out;
    use crate::emit::render::Options;
    use crate::emit::Context;
    use crate::ir::{Api, KeyIn, Scheme, SchemeKind, Server, ServerVariable};

    /// Types of names and generic arguments, nested up to four deep.
    fn ty() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            "T[A-Za-z]{0,40}",
            "&types::T[A-Za-z]{0,30}",
            Just("()".to_owned()),
        ];
        leaf.prop_recursive(4, 16, 3, |inner| {
            ("T[A-Za-z]{0,12}", vec(inner, 1..4))
                .prop_map(|(head, args)| format!("{head}<{}>", args.join(", ")))
        })
    }

    proptest! {
        /// A method's signature is laid out as prettyplease lays it out; prettyplease is the
        /// judge.
        #[test]
        fn signatures_are_written_as_prettyplease_lays_them_out(
            name in "n_[a-z_]{0,40}",
            args in vec(("n_[a-z_]{0,20}", ty()), 0..4),
            output in ty(),
            future in any::<bool>(),
            by_value in any::<bool>(),
        ) {
            let mut out = Text::new(INDENT);
            let (arrow, output, tail) = if future {
                (" -> impl ", format!("::std::future::Future<Output = {output}>"), " + '_ {")
            } else {
                (" -> ", output, " {")
            };
            let receiver = if by_value { "self" } else { "&self" };
            out.signature(&name, receiver, &args, arrow, &output, tail);
            out.fixed("todo!()");
            out.close("}");
            let written = out.finish();
            prop_assert!(written.formatted);
            laid_out(&format!("impl Client {{\n{}}}\n", written.text))?;
        }
    }

    /// A document's security scheme, of each kind.
    fn scheme() -> impl Strategy<Value = Scheme> {
        let key_in = prop_oneof![Just(KeyIn::Header), Just(KeyIn::Query), Just(KeyIn::Cookie)];
        let kind = prop_oneof![
            (key_in, "[!-~]{1,80}")
                .prop_map(|(location, name)| SchemeKind::ApiKey { location, name }),
            Just(SchemeKind::Basic),
            Just(SchemeKind::Bearer { format: None }),
            Just(SchemeKind::OtherHttp("Digest".to_owned())),
            Just(SchemeKind::OAuth2 {
                token_urls: Vec::new()
            }),
        ];
        ("[A-Za-z_]{1,40}", "n_[a-z_]{0,30}", kind).prop_map(|(name, method, kind)| Scheme {
            name,
            method,
            kind,
            doc: None,
        })
    }

    /// A server URL with up to three variables.
    fn server() -> impl Strategy<Value = Server> {
        let variable =
            ("n_[a-z_]{0,30}", "[ -~]{0,40}").prop_map(|(name, default)| ServerVariable {
                method: name.clone(),
                name,
                default,
                doc: None,
                values: None,
            });
        (
            "https://[a-z]{1,90}\\.example/[a-z/]{0,30}",
            vec(variable, 0..4),
        )
            .prop_map(|(mut url, variables)| {
                for variable in &variables {
                    url.push_str(&format!("{{{}}}", variable.name));
                }
                Server { url, variables }
            })
    }

    proptest! {
        /// The client is written as prettyplease lays it out, whatever its server, schemes
        /// and idempotency header (a long URL is laid out alone, not the whole client with
        /// it); prettyplease is the judge.
        #[test]
        fn the_client_is_written_as_prettyplease_lays_it_out(
            server in proptest::option::of(server()),
            schemes in vec(scheme(), 0..4),
            idempotency_header in proptest::option::of("[A-Za-z-]{1,40}"),
        ) {
            let api = Api {
                title: "Test".to_owned(),
                version: "1".to_owned(),
                description: None,
                server,
                schemes,
                idempotency_header,
                types: Vec::new(),
                operations: Vec::new(),
            };
            let options = Options {
                runtime: "::openapi_clientgen_runtime",
                threads: std::num::NonZeroUsize::MIN,
                features: None,
                directions: None,
                mock: false,
                split: None,
            };
            let written = emit_client(&Context::new(&api, &options));
            prop_assert!(written.formatted);
            laid_out(&written.text)?;
        }
    }
}
