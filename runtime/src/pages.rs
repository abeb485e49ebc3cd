//! Pages of a list: every item of every page, each page fetched when the consumer reaches
//! it.
//!
//! A generated `<method>_pages` method builds the first page's request as `<method>` does
//! and hands it to [`Pages::new`] with a description of how the operation pages
//! ([`Paging`]); `<method>_stream` is its [`Pages::items`]. The next page is the next
//! link (in the body, or the `Link` header's `rel="next"`), the same request with a
//! cursor from the response, or the same request with the next page number or item
//! offset. Every page is sent like any call: credentials, options, hooks and the retry
//! policy apply.
//!
//! Paging stops at the first of: no next link or cursor; a page without items; fewer
//! items than the page size the request asked for; the total the response gives reached;
//! a next link or cursor seen before (a server that repeats itself is not followed in a
//! loop); the page cap ([`Pages::max_pages`]). A next link to another origin than the
//! client's base URL is never followed, since the request would carry the client's
//! credentials there: the stream ends with [`Error::Pages`].

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet, VecDeque};
use std::fmt;
use std::marker::PhantomData;

use bytes::Bytes;
use futures_core::Stream;
use reqwest::header::LINK;
use reqwest::Url;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess,
    Visitor,
};
use serde_json::value::RawValue;

use crate::body::BodyKind;
use crate::error::{DecodeError, Error, ErrorBody, Failure, RawResponse};
use crate::json::from_json;
use crate::params::UNRESERVED;
use crate::request::Request;
use crate::response::ResponseValue;

pub use openapi_clientgen_descriptors::{Input, Next, Paging, Path, Source, Step, Unit};

/// The types a [`Pages`] decodes, without holding any.
type Types<R, T, E> = fn() -> (R, T, E);

/// The pages of a list operation, as a stream of pages ([`Pages::pages`]) or of their
/// items ([`Pages::items`]).
///
/// `R` is a page's body, `T` an item, `E` the operation's documented error.
#[must_use = "pages are fetched when their stream is polled"]
pub struct Pages<'a, R, T, E> {
    request: Request<'a>,
    paging: &'static Paging,
    max_pages: Option<usize>,
    types: PhantomData<Types<R, T, E>>,
}

impl<R, T, E> fmt::Debug for Pages<'_, R, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("paging", self.paging)
            .field("max_pages", &self.max_pages)
            .finish_non_exhaustive()
    }
}

impl<'a, R, T, E> Pages<'a, R, T, E>
where
    R: DeserializeOwned + 'a,
    T: DeserializeOwned + 'a,
    E: ErrorBody + 'a,
{
    /// The pages that start with `request`, paged as `paging` says.
    pub fn new(request: Request<'a>, paging: &'static Paging) -> Self {
        Pages {
            request,
            paging,
            max_pages: None,
            types: PhantomData,
        }
    }

    /// Fetches at most `pages` pages.
    pub fn max_pages(mut self, pages: usize) -> Self {
        self.max_pages = Some(pages);
        self
    }

    /// Each page's response, decoded as `R`; an error ends the stream.
    pub fn pages(self) -> impl Stream<Item = Result<ResponseValue<R>, Error<E>>> + 'a {
        let walker = Walker::new(self.request, self.paging, self.max_pages);
        futures_util::stream::unfold(walker, |mut walker| async move {
            let page = match walker.next_page().await? {
                Ok(page) => page,
                Err(error) => return Some((Err(error), walker)),
            };
            let decoded = match from_json(&page.response.body) {
                Ok(body) => Ok(ResponseValue::new(
                    page.response.status,
                    page.response.headers,
                    body,
                )),
                Err(source) => Err(decode_error(page.response, source, &mut walker)),
            };
            Some((decoded, walker))
        })
    }

    /// Every item of every page, in order; an error ends the stream.
    pub fn items(self) -> impl Stream<Item = Result<T, Error<E>>> + 'a {
        let walker = Walker::new(self.request, self.paging, self.max_pages);
        let items = self.paging.items;
        futures_util::stream::unfold(
            (walker, VecDeque::new()),
            move |(mut walker, mut buffer)| async move {
                loop {
                    if let Some(item) = buffer.pop_front() {
                        return Some((Ok(item), (walker, buffer)));
                    }
                    let page = match walker.next_page().await? {
                        Ok(page) => page,
                        Err(error) => return Some((Err(error), (walker, buffer))),
                    };
                    match page_items::<T>(&page.response.body, items) {
                        Ok(list) => buffer.extend(list),
                        Err(source) => {
                            let error = decode_error(page.response, source, &mut walker);
                            return Some((Err(error), (walker, buffer)));
                        }
                    }
                }
            },
        )
    }
}

/// A decode error for `response`, which ends the pages.
fn decode_error<E>(
    response: RawResponse,
    source: serde_json::Error,
    walker: &mut Walker<'_, E>,
) -> Error<E> {
    walker.stop();
    Error::Decode(Box::new(DecodeError { response, source }))
}

/// A page as received.
struct Page {
    response: RawResponse,
}

/// Fetches pages one after another, deciding after each which request comes next.
struct Walker<'a, E> {
    next: Option<Request<'a>>,
    /// An error to end with, after the page just returned.
    failed: Option<Error<E>>,
    paging: &'static Paging,
    pages_left: Option<usize>,
    /// The next links and cursors followed so far.
    seen: HashSet<String>,
    /// The number of items received so far.
    items: u64,
}

impl<E> Walker<'_, E> {
    fn stop(&mut self) {
        self.next = None;
        self.failed = None;
    }
}

impl<'a, E: ErrorBody> Walker<'a, E> {
    fn new(request: Request<'a>, paging: &'static Paging, max_pages: Option<usize>) -> Self {
        Walker {
            next: Some(request),
            failed: None,
            paging,
            pages_left: max_pages,
            seen: HashSet::new(),
            items: 0,
        }
    }

    /// The next page, or its error; `None` once paging has stopped.
    async fn next_page(&mut self) -> Option<Result<Page, Error<E>>> {
        if let Some(error) = self.failed.take() {
            self.stop();
            return Some(Err(error));
        }
        let request = self.next.take()?;
        if let Some(left) = &mut self.pages_left {
            if *left == 0 {
                return None;
            }
            *left -= 1;
        }
        let url = request.url();
        let following = request.try_clone();
        let response = match request.send_received().await {
            Ok(received) => received.read().await.map_err(Failure::widen),
            Err(error) => Err(error),
        };
        let response = match response {
            Ok(response) => response,
            Err(error) => return Some(Err(error)),
        };
        // An empty body (as some APIs answer past the last page) is no page: the end.
        if response.body.iter().all(u8::is_ascii_whitespace) {
            self.stop();
            return None;
        }
        match self.after(&response, following, url) {
            Ok(next) => self.next = next,
            Err(source) => {
                return Some(Err(Error::Decode(Box::new(DecodeError {
                    response,
                    source,
                }))))
            }
        }
        Some(Ok(Page { response }))
    }

    /// The request for the page after `response`, or `None` when paging stops there.
    /// Fails when the body is not what the paging description says it is.
    fn after(
        &mut self,
        response: &RawResponse,
        following: Option<Request<'a>>,
        url: Result<Url, String>,
    ) -> Result<Option<Request<'a>>, serde_json::Error> {
        let text = std::str::from_utf8(&response.body).map_err(de::Error::custom)?;
        // A page without its list (absent or `null`) is an empty one: the last.
        let count = match value_at(text, self.paging.items)? {
            Some(list) => serde_json::from_str::<Vec<IgnoredAny>>(list.get())?.len() as u64,
            None => 0,
        };
        self.items += count;
        if count == 0 {
            return Ok(None);
        }
        if let Some(more) = self.paging.more {
            if value_at(text, more)?.is_some_and(|flag| flag.get() == "false") {
                return Ok(None);
            }
        }
        if let Some(total) = self.paging.total {
            let total = value_at(text, total)?.and_then(|raw| raw.get().parse::<u64>().ok());
            if total.is_some_and(|total| self.items >= total) {
                return Ok(None);
            }
        }
        let Some(mut next) = following else {
            self.failed = Some(Error::Pages(
                "the request has a streamed body, which cannot be sent again for the next page"
                    .to_owned(),
            ));
            return Ok(None);
        };
        match self.paging.next {
            Next::Link(source) => {
                let Some(link) = self.found(text, response, source)? else {
                    return Ok(None);
                };
                let Ok(base) = url else {
                    return Ok(None);
                };
                let target = match base.join(&link) {
                    Ok(target) => target,
                    Err(e) => {
                        self.failed = Some(Error::Pages(format!(
                            "the next link `{link}` is not a URL: {e}"
                        )));
                        return Ok(None);
                    }
                };
                if let Err(message) = next.follow(target) {
                    self.failed = Some(Error::Pages(message));
                    return Ok(None);
                }
            }
            Next::Cursor { from, to, limit } => {
                if short(&next, limit, count) {
                    return Ok(None);
                }
                let Some(cursor) = self.found(text, response, from)? else {
                    return Ok(None);
                };
                next.set_input(to, &cursor);
            }
            Next::Number {
                to,
                unit,
                first,
                limit,
            } => {
                if short(&next, limit, count) {
                    return Ok(None);
                }
                let current = next
                    .input(to)
                    .and_then(|value| value.parse::<i64>().ok())
                    .unwrap_or(first);
                let step = match unit {
                    Unit::Page => 1,
                    Unit::Item => i64::try_from(count).unwrap_or(i64::MAX),
                };
                next.set_input(to, &current.saturating_add(step).to_string());
            }
        }
        Ok(Some(next))
    }

    /// The next link or cursor `source` gives, unless there is none or it was seen before.
    fn found(
        &mut self,
        text: &str,
        response: &RawResponse,
        source: Source,
    ) -> Result<Option<String>, serde_json::Error> {
        let value = match source {
            Source::Body(path) => match value_at(text, path)? {
                None => None,
                Some(raw) => match serde_json::from_str::<serde_json::Value>(raw.get())? {
                    serde_json::Value::String(text) => Some(text),
                    serde_json::Value::Number(number) => Some(number.to_string()),
                    _ => None,
                },
            },
            Source::LinkHeader => response
                .headers
                .get_all(LINK)
                .iter()
                .filter_map(|value| value.to_str().ok())
                .find_map(next_link)
                .map(str::to_owned),
        };
        Ok(value.filter(|value| !value.is_empty() && self.seen.insert(value.clone())))
    }
}

/// Whether a page of `count` items is shorter than the page size `request` asked for in
/// `limit`: then it is the last.
fn short(request: &Request<'_>, limit: Option<Input>, count: u64) -> bool {
    let asked = limit.and_then(|limit| request.input(limit)?.parse::<u64>().ok());
    asked.is_some_and(|asked| count < asked)
}

/// The items of a page: the list at `path` in `body`; none when it has no list there.
fn page_items<T: DeserializeOwned>(body: &[u8], path: Path) -> Result<Vec<T>, serde_json::Error> {
    let text = std::str::from_utf8(body).map_err(de::Error::custom)?;
    match value_at(text, path)? {
        Some(list) => serde_json::from_str(list.get()),
        None => Ok(Vec::new()),
    }
}

/// The JSON text at `path` in `text`, or `None` when there is nothing there (or `null`).
/// Only the values on the way are looked into; the rest is skipped unparsed.
fn value_at(text: &str, path: Path) -> Result<Option<&RawValue>, serde_json::Error> {
    let mut raw: &RawValue = serde_json::from_str(text)?;
    for step in path.0 {
        let found = match *step {
            Step::Key(key) => {
                let mut deserializer = serde_json::Deserializer::from_str(raw.get());
                Member(key).deserialize(&mut deserializer)?
            }
            Step::Index(index) => {
                let items: Vec<&RawValue> = match serde_json::from_str(raw.get()) {
                    Ok(items) => items,
                    Err(_) => return Ok(None),
                };
                let at = if index < 0 {
                    usize::try_from(index.unsigned_abs())
                        .ok()
                        .and_then(|back| items.len().checked_sub(back))
                } else {
                    usize::try_from(index).ok()
                };
                at.and_then(|at| items.get(at).copied())
            }
        };
        match found {
            Some(next) => raw = next,
            None => return Ok(None),
        }
    }
    // `raw` borrows from `text`: each step reads a slice of the one before.
    Ok((raw.get() != "null").then_some(raw))
}

/// Reads the member `0` of a JSON object as raw text; anything but an object has none.
struct Member<'k>(&'k str);

impl<'de, 'k> DeserializeSeed<'de> for Member<'k> {
    type Value = Option<&'de RawValue>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, 'k> Visitor<'de> for Member<'k> {
    type Value = Option<&'de RawValue>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if found.is_none() && key == self.0 {
                found = Some(map.next_value::<&'de RawValue>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_bool<X: de::Error>(self, _: bool) -> Result<Self::Value, X> {
        Ok(None)
    }

    fn visit_i64<X: de::Error>(self, _: i64) -> Result<Self::Value, X> {
        Ok(None)
    }

    fn visit_u64<X: de::Error>(self, _: u64) -> Result<Self::Value, X> {
        Ok(None)
    }

    fn visit_f64<X: de::Error>(self, _: f64) -> Result<Self::Value, X> {
        Ok(None)
    }

    fn visit_str<X: de::Error>(self, _: &str) -> Result<Self::Value, X> {
        Ok(None)
    }

    fn visit_unit<X: de::Error>(self) -> Result<Self::Value, X> {
        Ok(None)
    }
}

/// The target of the first link with the relation type `next` in the value of a `Link`
/// header (RFC 8288: `<uri>; rel="next"; title="..." , <uri>; rel="prev last"`), or
/// `None`. Relation types are compared without regard to case; a malformed link ends the
/// search.
pub fn next_link(header: &str) -> Option<&str> {
    let mut rest = header;
    loop {
        rest = rest.trim_start_matches([' ', '\t', ',']);
        let after = rest.strip_prefix('<')?;
        let end = after.find('>')?;
        let target = &after[..end];
        rest = &after[end + 1..];
        let mut next = false;
        // The link's parameters, up to the comma that starts the next link.
        loop {
            rest = rest.trim_start_matches([' ', '\t']);
            let Some(after) = rest.strip_prefix(';') else {
                break;
            };
            let after = after.trim_start_matches([' ', '\t']);
            let name_end = after
                .find(|c: char| c == '=' || c == ';' || c == ',' || c.is_whitespace())
                .unwrap_or(after.len());
            let name = &after[..name_end];
            rest = after[name_end..].trim_start_matches([' ', '\t']);
            let value: Cow<'_, str> = match rest.strip_prefix('=') {
                None => Cow::Borrowed(""),
                Some(after) => {
                    let after = after.trim_start_matches([' ', '\t']);
                    if let Some(quoted) = after.strip_prefix('"') {
                        let (value, remainder) = quoted_string(quoted)?;
                        rest = remainder;
                        value
                    } else {
                        let end = after.find([';', ',']).unwrap_or(after.len());
                        rest = &after[end..];
                        Cow::Borrowed(after[..end].trim_end())
                    }
                }
            };
            if name.eq_ignore_ascii_case("rel")
                && value
                    .split_ascii_whitespace()
                    .any(|relation| relation.eq_ignore_ascii_case("next"))
            {
                next = true;
            }
        }
        if next {
            return Some(target.trim());
        }
        if !rest.starts_with(',') {
            return None;
        }
    }
}

/// A quoted string's content (after its opening quote) and the text after its closing one.
fn quoted_string(text: &str) -> Option<(Cow<'_, str>, &str)> {
    let mut value = String::new();
    let mut escaped = false;
    for (at, c) in text.char_indices() {
        match (escaped, c) {
            (true, c) => {
                value.push(c);
                escaped = false;
            }
            (false, '\\') => escaped = true,
            (false, '"') => return Some((Cow::Owned(value), &text[at + 1..])),
            (false, c) => value.push(c),
        }
    }
    None
}

/// Where paging reads and writes its input in a request.
impl Request<'_> {
    /// The value of a paging input as the request carries it.
    pub(crate) fn input(&self, input: Input) -> Option<String> {
        match input {
            Input::Query(name) => {
                let key = percent_encoding::utf8_percent_encode(name, UNRESERVED).to_string();
                self.query.split('&').find_map(|pair| {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    (k == key).then(|| {
                        percent_encoding::percent_decode_str(v)
                            .decode_utf8_lossy()
                            .into_owned()
                    })
                })
            }
            Input::Body(name) => {
                let (BodyKind::Bytes(bytes), _) = self.body.as_ref()? else {
                    return None;
                };
                let body: BTreeMap<String, serde_json::Value> =
                    serde_json::from_slice(bytes).ok()?;
                match body.get(name)? {
                    serde_json::Value::String(text) => Some(text.clone()),
                    serde_json::Value::Null => None,
                    other => Some(other.to_string()),
                }
            }
        }
    }

    /// Sets a paging input to `value` (a cursor, or a number as text), in place of the
    /// value the request carried. In a JSON body, a number stays a number.
    pub(crate) fn set_input(&mut self, input: Input, value: &str) {
        match input {
            Input::Query(name) => {
                let key = percent_encoding::utf8_percent_encode(name, UNRESERVED).to_string();
                let mut pairs: Vec<&str> = self
                    .query
                    .split('&')
                    .filter(|pair| !pair.is_empty() && pair.split('=').next() != Some(key.as_str()))
                    .collect();
                let pair = format!(
                    "{key}={}",
                    percent_encoding::utf8_percent_encode(value, UNRESERVED)
                );
                pairs.push(&pair);
                self.query = pairs.join("&");
            }
            Input::Body(name) => {
                let bytes = match &self.body {
                    Some((BodyKind::Bytes(bytes), _)) if !bytes.is_empty() => bytes.clone(),
                    Some(_) => {
                        return self
                            .fail("the next page's input cannot be set in this body".to_owned())
                    }
                    None => Bytes::from_static(b"{}"),
                };
                // The other properties are kept as received, digits and all.
                let mut body: BTreeMap<String, Box<RawValue>> = match serde_json::from_slice(&bytes)
                {
                    Ok(body) => body,
                    Err(e) => return self.fail(format!("the body is not a JSON object: {e}")),
                };
                let text = match value.parse::<i64>() {
                    Ok(number) => number.to_string(),
                    Err(_) => serde_json::Value::from(value).to_string(),
                };
                match RawValue::from_string(text) {
                    Ok(raw) => body.insert(name.to_owned(), raw),
                    Err(e) => return self.fail(format!("the body cannot be written as JSON: {e}")),
                };
                match serde_json::to_vec(&body) {
                    Ok(bytes) => {
                        let media = self
                            .body
                            .take()
                            .map(|(_, media)| media)
                            .unwrap_or_else(|| "application/json".to_owned());
                        self.body = Some((BodyKind::Bytes(bytes.into()), media));
                    }
                    Err(e) => self.fail(format!("the body cannot be written as JSON: {e}")),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{next_link, value_at, Path, Step};

    /// A link: its target, relation types and other parameters (quoted titles with
    /// commas, semicolons, escaped quotes; bare tokens).
    fn link() -> impl Strategy<Value = (String, Vec<String>, Vec<String>)> {
        let relation = prop_oneof![
            Just("next".to_owned()),
            Just("NEXT".to_owned()),
            Just("prev".to_owned()),
            Just("last".to_owned()),
            Just("nextish".to_owned()),
            "[a-z]{1,8}",
        ];
        let parameter = prop_oneof![
            "[a-z]{1,6}=[a-z0-9]{0,6}".prop_map(|p| p),
            "[a-z ,;<>=]{0,12}".prop_map(|t| format!("title=\"{}\"", t)),
            Just(r#"title="a \"quoted\" word""#.to_owned()),
            Just("anchor".to_owned()),
        ];
        (
            "[a-zA-Z0-9/?=&.:_-]{0,30}",
            prop::collection::vec(relation, 0..3),
            prop::collection::vec(parameter, 0..3),
        )
    }

    proptest! {
        #[test]
        fn never_panics_on_any_header(header in ".{0,80}") {
            if let Some(target) = next_link(&header) {
                let found = header.contains(target);
                prop_assert!(found, "{} not in {}", target, header);
            }
        }

        #[test]
        fn finds_the_first_link_whose_relations_include_next(
            links in prop::collection::vec(link(), 0..4),
            spaces in "[ \t]{0,2}",
        ) {
            let header = links
                .iter()
                .map(|(target, relations, parameters)| {
                    let mut link = format!("<{target}>");
                    for parameter in parameters {
                        link.push_str(&format!("{spaces};{spaces}{parameter}"));
                    }
                    if !relations.is_empty() {
                        link.push_str(&format!(";{spaces}rel=\"{}\"", relations.join(" ")));
                    }
                    link
                })
                .collect::<Vec<_>>()
                .join(&format!(",{spaces}"));
            let expected = links
                .iter()
                .find(|(_, relations, _)| relations.iter().any(|r| r.eq_ignore_ascii_case("next")))
                .map(|(target, ..)| target.trim());
            prop_assert_eq!(next_link(&header), expected, "{}", header);
        }
    }

    #[test]
    fn finds_the_next_link_among_others() {
        let header = r#"<https://api.github.com/repositories/1/issues?page=2>; rel="next", <https://api.github.com/repositories/1/issues?page=5>; rel="last""#;
        assert_eq!(
            next_link(header),
            Some("https://api.github.com/repositories/1/issues?page=2")
        );
        let header = r#"<?page=1>; rel="prev first"; title="a; b, c", </items?page=3>; REL=Next"#;
        assert_eq!(next_link(header), Some("/items?page=3"));
        assert_eq!(next_link(r#"<a>; rel="previous next""#), Some("a"));
        assert_eq!(next_link(r#"<a>; rel="nextish""#), None);
        assert_eq!(next_link(r#"<a>; rel="last""#), None);
        assert_eq!(next_link(""), None);
        assert_eq!(next_link(r#"<a; rel="next""#), None);
        assert_eq!(
            next_link(r#"<a>; title="unterminated, <b>; rel=next"#),
            None
        );
        assert_eq!(next_link(r#"<a>; title="q\"uote"; rel=next"#), Some("a"));
    }

    #[test]
    fn reads_values_along_a_path_without_parsing_the_rest() {
        let text = r#"{"meta": {"count": 31, "skip": [1, {"x": 2}]}, "payload": [{"id": 4}, {"id": 9}], "null": null}"#;
        let at = |steps: &'static [Step]| {
            value_at(text, Path(steps))
                .unwrap()
                .map(|r| r.get().to_owned())
        };
        assert_eq!(
            at(&[Step::Key("meta"), Step::Key("count")]).as_deref(),
            Some("31")
        );
        assert_eq!(
            at(&[Step::Key("payload"), Step::Index(-1), Step::Key("id")]).as_deref(),
            Some("9")
        );
        assert_eq!(
            at(&[Step::Key("payload"), Step::Index(0), Step::Key("id")]).as_deref(),
            Some("4")
        );
        assert_eq!(at(&[Step::Key("payload"), Step::Index(2)]), None);
        assert_eq!(at(&[Step::Key("payload"), Step::Index(-3)]), None);
        assert_eq!(at(&[Step::Key("missing")]), None);
        assert_eq!(at(&[Step::Key("null")]), None);
        assert_eq!(
            at(&[Step::Key("meta"), Step::Key("count"), Step::Key("deeper")]),
            None
        );
        assert_eq!(at(&[]).map(|t| t.len()), Some(text.len()));
        assert!(value_at("{", Path(&[])).is_err());
    }
}
