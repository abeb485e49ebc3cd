//! The build-script half of the harness: reads a generated client's code and writes, for
//! the contract test to `include!`, one call per client method with sampled arguments,
//! and one per list whose next page the client asks for, through its pages.
//!
//! Which argument is which parameter is read from the method bodies themselves
//! (`request.query(Param::form("wire"), &arg)`), so nothing is guessed from names.

use std::fmt::Write as _;
use std::path::Path;

use quote::ToTokens;

/// Writes `OPERATIONS`, `client` and `call` for the client whose generated code is at
/// `generated`, into `out`; the file is included where `Client` and `types` are in scope.
pub fn write(generated: &Path, out: &Path) {
    let code = std::fs::read_to_string(generated).expect("the generated client is readable");
    std::fs::write(out, calls(&code)).expect("OUT_DIR is writable");
}

fn calls(code: &str) -> String {
    let file = syn::parse_file(code).expect("the generated code parses");
    let impl_of = |name: &str| {
        file.items.iter().find_map(move |item| match item {
            syn::Item::Impl(block)
                if block.trait_.is_none()
                    && block.self_ty.to_token_stream().to_string() == name =>
            {
                Some(block)
            }
            _ => None,
        })
    };
    let mut operations = String::new();
    let mut arms = String::new();
    let mut style_rows = String::new();
    let client: Vec<&syn::ImplItemFn> = impl_of("Client")
        .into_iter()
        .flat_map(|block| &block.items)
        .filter_map(|item| match item {
            syn::ImplItem::Fn(f) => Some(f),
            _ => None,
        })
        .collect();
    // The methods that call the API return futures; those that page are called too,
    // through their pages, where the client builds the next page's request.
    let methods = client
        .iter()
        .filter(|f| calls_api(f) || builds_next_pages(f));
    for (index, method) in methods.enumerate() {
        let name = method.sig.ident.to_string();
        let paged = builds_next_pages(method);
        // `<method>_pages` calls the endpoint of `<method>`, whose documentation names it.
        let (http, path) = match name.strip_suffix("_pages") {
            Some(operation) if paged => client
                .iter()
                .find(|f| f.sig.ident == operation)
                .map(|f| endpoint(f))
                .expect("a method's pages come with the method"),
            _ => endpoint(method),
        };
        let (wires, optional) = parameters(&method.block);
        let body_media = body_media(&method.block);
        writeln!(operations, "    ({name:?}, {http:?}, {path:?}),").unwrap();
        for (location, wire, style, explode) in styles(&method.block) {
            writeln!(
                style_rows,
                "    ({name:?}, {location:?}, {wire:?}, {style:?}, {explode}),"
            )
            .unwrap();
        }
        let mut lets = String::new();
        let mut args = Vec::new();
        let mut skip = None;
        for input in method.sig.inputs.iter().skip(1) {
            let syn::FnArg::Typed(typed) = input else {
                continue;
            };
            let arg = typed.pat.to_token_stream().to_string();
            let (owned, pass) = match &*typed.ty {
                syn::Type::Reference(r) => match &*r.elem {
                    syn::Type::Path(p) if p.path.is_ident("str") => {
                        ("String".to_owned(), format!("&{arg}"))
                    }
                    syn::Type::Slice(s) => (
                        format!("Vec<{}>", s.elem.to_token_stream()),
                        format!("&{arg}"),
                    ),
                    other => (other.to_token_stream().to_string(), format!("&{arg}")),
                },
                syn::Type::Path(p) if option_of_reference(p).is_some() => {
                    let owned = match option_of_reference(p) {
                        Some(syn::Type::Path(inner)) if inner.path.is_ident("str") => {
                            "String".to_owned()
                        }
                        Some(syn::Type::Slice(s)) => {
                            format!("Vec<{}>", s.elem.to_token_stream())
                        }
                        inner => inner
                            .map(|t| t.to_token_stream().to_string())
                            .unwrap_or_default(),
                    };
                    (owned, format!("Some(&{arg})"))
                }
                syn::Type::ImplTrait(_) => ("Vec<u8>".to_owned(), arg.clone()),
                other => (other.to_token_stream().to_string(), arg.clone()),
            };
            let sample = if arg == "body" {
                match &*typed.ty {
                    // Bytes: a few of them, recorded as not compared.
                    syn::Type::ImplTrait(_) => "b\"contract\".to_vec()".to_owned(),
                    syn::Type::Path(p) if option_of_reference(p).is_none() => {
                        // A multipart form with files, taken by value: not sampled.
                        skip = Some("a multipart form with files");
                        String::new()
                    }
                    _ => format!(
                        "samples.body({index}, {:?}, sent)?",
                        body_media.clone().unwrap_or_default()
                    ),
                }
            } else if arg == "params" {
                let fields: Vec<String> = optional
                    .iter()
                    .map(|(field, location, wire)| {
                        format!("{field}: samples.optional({index}, {location:?}, {wire:?}, sent)?")
                    })
                    .collect();
                format!("{owned} {{ {} }}", fields.join(", "))
            } else {
                let (location, wire) = wires
                    .iter()
                    .find(|(a, ..)| *a == arg)
                    .map(|(_, l, w)| (l.clone(), w.clone()))
                    .expect("every argument but the body is a parameter");
                format!("samples.parameter({index}, {location:?}, {wire:?}, sent)?")
            };
            writeln!(lets, "            let {arg}: {owned} = {sample};").unwrap();
            args.push(pass);
        }
        if let Some(reason) = skip {
            writeln!(arms, "        {index} => Err(Skip::new({reason:?})),").unwrap();
            continue;
        }
        let call = if paged {
            format!(
                "::contract_harness::pages(client.{name}({})).await",
                args.join(", ")
            )
        } else {
            format!(
                "::contract_harness::outcome(client.{name}({}).await)",
                args.join(", ")
            )
        };
        write!(
            arms,
            "        {index} => {{\n{lets}            Ok({call})\n        }}\n"
        )
        .unwrap();
    }
    let credentials: Vec<String> = impl_of("ClientBuilder")
        .into_iter()
        .flat_map(|block| &block.items)
        .filter_map(|item| match item {
            syn::ImplItem::Fn(f) => {
                let inputs = f.sig.inputs.to_token_stream().to_string();
                let name = &f.sig.ident;
                if inputs.contains("Token") {
                    Some(format!(".{name}(\"contract-token\")"))
                } else if inputs.contains("username") {
                    Some(format!(".{name}(\"contract\", \"secret\")"))
                } else {
                    None
                }
            }
            _ => None,
        })
        .collect();
    // Argument types are copied from the methods' signatures, which name the runtime
    // through the generated code's own import of it (`__rt`): the calls import it too.
    let runtime_import = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Use(import) => Some(import.to_token_stream().to_string()),
            _ => None,
        })
        .find(|import| import.replace(' ', "").ends_with("as__rt;"))
        .map(|import| format!("    #[allow(unused_imports)]\n    {import}\n"))
        .unwrap_or_default();
    format!(
        "/// Each client method: its name, HTTP method and path template.\n\
         pub const OPERATIONS: &[(&str, &str, &str)] = &[\n{operations}];\n\n\
         /// A client of `base_url` holding a credential for every security scheme.\n\
         pub fn client(base_url: &str, capture: ::contract_harness::Capture) -> Client {{\n\
         \x20   Client::builder().base_url(base_url){}.hook(capture).build().expect(\"the client builds\")\n}}\n\n\
         /// Each parameter's style: method, location, wire name, style, explode.\n\
         pub const STYLES: &[(&str, &str, &str, &str, bool)] = &[\n{style_rows}];\n\n\
         /// What the contract run calls.\n\
         pub const CALLS: ::contract_harness::Calls<Client> = ::contract_harness::Calls {{ operations: OPERATIONS, client, call: |client, samples, index, sent| Box::pin(call(client, samples, index, sent)) }};\n\n\
         /// Calls the client method `OPERATIONS[index]` with sampled arguments, recording in\n\
         /// `sent` the values it sends.\n\
         #[allow(deprecated, clippy::needless_borrow, clippy::let_unit_value)]\n\
         pub async fn call(client: &Client, samples: &::contract_harness::Samples, index: usize, sent: &mut ::contract_harness::Sent) -> Result<Result<(), ::contract_harness::Failed>, ::contract_harness::Skip> {{\n\
         \x20   use ::contract_harness::Skip;\n{runtime_import}\
         \x20   match index {{\n{arms}        _ => Err(Skip::new(\"no such operation\")),\n    }}\n}}\n",
        credentials.join("")
    )
}

/// Whether a client method calls the API: it returns a future.
fn calls_api(method: &syn::ImplItemFn) -> bool {
    matches!(&method.sig.output, syn::ReturnType::Type(_, ty)
        if matches!(&**ty, syn::Type::ImplTrait(t) if t.to_token_stream().to_string().contains("Future")))
}

/// Whether a method is an operation's pages (`<method>_pages`, returning `Pages`) whose
/// next page's request the client builds from the answer (a cursor, a page number or an
/// offset), rather than a link the server gives.
fn builds_next_pages(method: &syn::ImplItemFn) -> bool {
    let returns_pages = matches!(&method.sig.output, syn::ReturnType::Type(_, ty)
        if matches!(&**ty, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Pages")));
    let body = method.block.to_token_stream().to_string().replace(' ', "");
    returns_pages && (body.contains("Next::Cursor") || body.contains("Next::Number"))
}

/// The `METHOD /path` a method's documentation ends with.
fn endpoint(method: &syn::ImplItemFn) -> (String, String) {
    method
        .attrs
        .iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .find_map(|line| {
            let line = line.trim().strip_prefix('`')?.strip_suffix('`')?.to_owned();
            let (method, path) = line.split_once(' ')?;
            Some((method.to_owned(), path.to_owned()))
        })
        .expect("every method documents its endpoint")
}

/// The parameters a method body sets: `(argument, location, wire name)` for arguments and
/// `(field of params, location, wire name)` for optional ones.
type Wires = Vec<(String, String, String)>;

fn parameters(block: &syn::Block) -> (Wires, Wires) {
    let mut arguments = Vec::new();
    let mut optional = Vec::new();
    for statement in &block.stmts {
        match statement {
            syn::Stmt::Expr(syn::Expr::MethodCall(call), _) => {
                if let Some((location, wire, value)) = set_parameter(call) {
                    if let Some(arg) = value.strip_prefix('&') {
                        arguments.push((arg.trim().to_owned(), location, wire));
                    }
                }
            }
            syn::Stmt::Expr(syn::Expr::If(branch), _) => {
                let syn::Expr::Let(binding) = &*branch.cond else {
                    continue;
                };
                let source = binding.expr.to_token_stream().to_string();
                let Some(field) = source.strip_prefix("& params .") else {
                    continue;
                };
                let set = branch.then_branch.stmts.iter().find_map(|s| match s {
                    syn::Stmt::Expr(syn::Expr::MethodCall(call), _) => set_parameter(call),
                    _ => None,
                });
                if let Some((location, wire, _)) = set {
                    optional.push((field.trim().to_owned(), location, wire));
                }
            }
            _ => {}
        }
    }
    (arguments, optional)
}

/// `request.query(Param::form("wire"), value)`: the location, the wire name and the value.
fn set_parameter(call: &syn::ExprMethodCall) -> Option<(String, String, String)> {
    let location = call.method.to_string();
    if !["path", "query", "header", "cookie"].contains(&location.as_str()) || call.args.len() != 2 {
        return None;
    }
    let wire = first_string(&call.args[0])?;
    let value = call.args[1].to_token_stream().to_string().replace(' ', "");
    Some((location, wire, value))
}

/// The style (the `Param` constructor's name) and explode of every parameter a method
/// body sets, by location and wire name.
fn styles(block: &syn::Block) -> Vec<(String, String, String, bool)> {
    let mut found = Vec::new();
    let mut visit = |call: &syn::ExprMethodCall| {
        if let Some((location, wire, _)) = set_parameter(call) {
            let (style, explode) = style_of(&call.args[0]);
            found.push((location, wire, style, explode));
        }
    };
    for statement in &block.stmts {
        match statement {
            syn::Stmt::Expr(syn::Expr::MethodCall(call), _) => visit(call),
            syn::Stmt::Expr(syn::Expr::If(branch), _) => {
                for s in &branch.then_branch.stmts {
                    if let syn::Stmt::Expr(syn::Expr::MethodCall(call), _) = s {
                        visit(call);
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// `Param::form("x").explode(false)`: `("form", false)`.
fn style_of(expr: &syn::Expr) -> (String, bool) {
    match expr {
        syn::Expr::MethodCall(call) if call.method == "explode" => {
            let (style, _) = style_of(&call.receiver);
            let explode = call.args.to_token_stream().to_string() == "true";
            (style, explode)
        }
        syn::Expr::MethodCall(call) => style_of(&call.receiver),
        syn::Expr::Call(call) => {
            let style = match &*call.func {
                syn::Expr::Path(path) => path
                    .path
                    .segments
                    .last()
                    .map(|s| s.ident.to_string())
                    .unwrap_or_default(),
                _ => String::new(),
            };
            let explode = style == "form";
            (style, explode)
        }
        _ => (String::new(), false),
    }
}

/// The first string literal in `Param::form("wire").explode(false)`.
fn first_string(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::MethodCall(call) => first_string(&call.receiver),
        syn::Expr::Call(call) => call.args.iter().find_map(first_string),
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        _ => None,
    }
}

/// The media type a method sends its body as: `json_as(body, "media")`, `text(body,
/// "media")`, or by the runtime method (`json`, `form`).
fn body_media(block: &syn::Block) -> Option<String> {
    let text = block.to_token_stream().to_string().replace(' ', "");
    let after = |marker: &str| {
        let start = text.find(marker)? + marker.len();
        let rest = &text[start..];
        let rest = rest.strip_prefix('"')?;
        Some(rest[..rest.find('"')?].to_owned())
    };
    if let Some(media) = after("request.json_as(body,") {
        return Some(media);
    }
    if let Some(media) = after("request.text(body,") {
        return Some(media);
    }
    if text.contains("request.form(body") {
        return Some("application/x-www-form-urlencoded".to_owned());
    }
    if text.contains("request.multipart(body") {
        return Some("multipart/form-data".to_owned());
    }
    text.contains("request.json(body")
        .then(|| "application/json".to_owned())
}

/// `T` in `Option<&T>`.
fn option_of_reference(path: &syn::TypePath) -> Option<&syn::Type> {
    let segment = path.path.segments.last().filter(|s| s.ident == "Option")?;
    let syn::PathArguments::AngleBracketed(args) = &segment.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(syn::Type::Reference(r)) => Some(&r.elem),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    /// A path parameter of a runtime type (`__rt::uuid::Uuid`): the calls import the runtime
    /// as the generated code does, so the type they copy resolves.
    #[test]
    fn the_calls_import_the_runtime_as_the_client_does() {
        let document = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /things/{id}:\n    get:\n      operationId: getThing\n      parameters: [{name: id, in: path, required: true, schema: {type: string, format: uuid}}]\n      responses: {'204': {description: ok}}\n";
        let code = openapi_clientgen::Generator::from_text(
            "api.yaml",
            document,
            openapi_clientgen::Syntax::Yaml,
        )
        .generate()
        .unwrap()
        .code;
        let calls = super::calls(&code);
        assert!(calls.contains("let id: __rt :: uuid :: Uuid"), "{calls}");
        assert!(
            calls.contains("use :: openapi_clientgen_runtime :: codegen as __rt ;"),
            "{calls}"
        );
    }
}
