//! Generates the client from the complete 3.1.0 document (and a restricted one), then, for
//! the contract test, one call per client method: `tests/contract.rs` runs them against
//! Prism.

use std::fmt::Write as _;
use std::path::Path;

use quote::ToTokens;

const DOCUMENT: &str = "../../fixtures/chatwoot-application-3.1.0.json";

/// The release's defects, reviewed: `codegen/tests/full_documents.rs` checks how each is
/// handled.
const DEFECTS: [&str; 3] = [
    "#/paths/~1api~1v1~1accounts~1{account_id}~1contacts~1{id}/put/responses/204",
    "#/paths/~1api~1v1~1accounts~1{account_id}~1inboxes~1{id}~1agent_bot/get/responses/204",
    "#/components/schemas/article/properties/status",
];

fn main() {
    openapi_clientgen::Generator::new(DOCUMENT)
        .allow_warnings(DEFECTS)
        .build_script("chatwoot.rs");
    openapi_clientgen::Generator::new(DOCUMENT)
        .allow_warnings([DEFECTS[0]])
        .operations(["contactDetails", "contactUpdate"])
        .tags(["Canned Responses"])
        .build_script("selected.rs");

    let out_dir = std::env::var("OUT_DIR").expect("set by Cargo");
    let Ok(code) = std::fs::read_to_string(Path::new(&out_dir).join("chatwoot.rs")) else {
        return; // Generation failed and said why.
    };
    let calls = contract_calls(&code);
    std::fs::write(Path::new(&out_dir).join("contract_calls.rs"), calls)
        .expect("OUT_DIR is writable");
}

/// `OPERATIONS` (method name, HTTP method, path template) and `call`, which calls the
/// client method at an index with arguments from `Samples`.
fn contract_calls(code: &str) -> String {
    let file = syn::parse_file(code).expect("the generated code parses");
    let mut operations = String::new();
    let mut arms = String::new();
    let client_impl = file.items.iter().find_map(|item| match item {
        syn::Item::Impl(block)
            if block.trait_.is_none()
                && block.self_ty.to_token_stream().to_string() == "Client" =>
        {
            Some(block)
        }
        _ => None,
    });
    let methods = client_impl
        .into_iter()
        .flat_map(|block| &block.items)
        .filter_map(|item| match item {
            // The methods that call the API return futures.
            syn::ImplItem::Fn(f)
                if matches!(&f.sig.output, syn::ReturnType::Type(_, ty) if matches!(**ty, syn::Type::ImplTrait(_))) =>
            {
                Some(f)
            }
            _ => None,
        });
    for (index, method) in methods.enumerate() {
        let name = method.sig.ident.to_string();
        let endpoint = method
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
            .expect("every method documents its endpoint");
        writeln!(
            operations,
            "    ({name:?}, {:?}, {:?}),",
            endpoint.0, endpoint.1
        )
        .unwrap();
        let mut lets = String::new();
        let mut args = Vec::new();
        for input in method.sig.inputs.iter().skip(1) {
            let syn::FnArg::Typed(typed) = input else {
                continue;
            };
            let arg = typed.pat.to_token_stream().to_string();
            let wire = arg.trim_start_matches("r#");
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
                    let inner = option_of_reference(p).map(|t| t.to_token_stream().to_string());
                    (inner.unwrap_or_default(), format!("Some(&{arg})"))
                }
                other => (other.to_token_stream().to_string(), arg.clone()),
            };
            // A multipart form with files is taken by value and cannot be read from JSON
            // samples: it is sent with its defaults.
            let by_value =
                matches!(&*typed.ty, syn::Type::Path(p) if option_of_reference(p).is_none());
            let sample = match wire {
                "body" if by_value => "Default::default()".to_owned(),
                "body" => format!("samples.body({index})?"),
                "params" => "Default::default()".to_owned(),
                _ => format!("samples.parameter({index}, {wire:?})?"),
            };
            writeln!(lets, "            let {arg}: {owned} = {sample};").unwrap();
            args.push(pass);
        }
        write!(
            arms,
            "        {index} => {{\n{lets}            client.{name}({}).await.map(drop).map_err(|e| e.to_string())\n        }}\n",
            args.join(", ")
        )
        .unwrap();
    }
    format!(
        "/// Each client method: its name, HTTP method and path template.\n\
         pub const OPERATIONS: &[(&str, &str, &str)] = &[\n{operations}];\n\n\
         /// Calls the client method `OPERATIONS[index]` with sampled arguments.\n\
         pub async fn call(client: &Client, samples: &Samples, index: usize) -> Result<(), String> {{\n\
         \x20   match index {{\n{arms}        _ => Err(format!(\"no operation {{index}}\")),\n    }}\n}}\n"
    )
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
