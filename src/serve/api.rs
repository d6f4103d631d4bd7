//! The HTTP-free part of the service: turning a `/tag` request body into
//! documents, tagging them and rendering the answer, and the JSON error
//! answers. Kept apart from the server so it can be tested without a socket.

use serde_json::{Map, Value};

use crate::input::Document;
use crate::output::{Context, Format, JsonlFormat};
use crate::tagger::Tagger;

/// How a `/tag` body is read, from its `Content-Type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    /// `{"id":..., "text":...}` or an array of such objects.
    Json,
    /// The body is the text of one document (`text/plain`).
    Text,
}

impl BodyKind {
    /// `text/plain` (any parameters) is text; everything else, a missing
    /// type included, is read as JSON, so `curl --json` and clients that
    /// send no type work alike.
    pub fn from_content_type(content_type: Option<&str>) -> BodyKind {
        let essence = content_type
            .and_then(|t| t.split(';').next())
            .map(|t| t.trim().to_ascii_lowercase());
        match essence.as_deref() {
            Some("text/plain") => BodyKind::Text,
            _ => BodyKind::Json,
        }
    }
}

/// A request the service refuses, answered as
/// `{"error": MESSAGE, "status": STATUS}` (plus `line` and `column` for a
/// JSON syntax error).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status code.
    pub status: u16,
    /// What was wrong, naming the offending field or position.
    pub message: String,
    /// 1-based line and column of a JSON syntax error.
    pub position: Option<(usize, usize)>,
}

impl ApiError {
    /// An error with this status and message.
    pub fn new(status: u16, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            position: None,
        }
    }

    /// The JSON answer, keys in the order `error`, `status`, `line`,
    /// `column`, with a trailing newline.
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = b"{\"error\":".to_vec();
        // Writing a string to a Vec cannot fail.
        let _ = serde_json::to_writer(&mut out, &self.message);
        out.extend_from_slice(format!(",\"status\":{}", self.status).as_bytes());
        if let Some((line, column)) = self.position {
            out.extend_from_slice(format!(",\"line\":{line},\"column\":{column}").as_bytes());
        }
        out.extend_from_slice(b"}\n");
        out
    }
}

/// The id given to documents sent without one (plain text, or JSON without
/// an `id`), as `gazetag tag` names standard input.
pub const NO_ID: &str = "-";

/// Tags a `/tag` body and renders the answer: the JSONL document shape of
/// `gazetag tag --format jsonl` as one JSON object (for an object or plain
/// text) or an array of them (for an array, in the same order), followed by
/// a newline.
///
/// # Errors
///
/// 400 for a body that is not valid UTF-8 (plain text), not valid JSON (with
/// the line and column), not an object or an array of objects, or an object
/// whose `text` is missing or not a string (naming the array index).
pub fn tag_body(
    tagger: &Tagger,
    format: &JsonlFormat,
    kind: BodyKind,
    body: Vec<u8>,
) -> Result<Vec<u8>, ApiError> {
    let ctx = Context {
        gazetteer: tagger.gazetteer(),
        version: tagger.version(),
    };
    let mut out = Vec::with_capacity(256 + body.len() / 4);
    let render = |doc: Document, out: &mut Vec<u8>| {
        let tagged = tagger.tag_document(&doc.text);
        format.document(&doc, &tagged, &ctx, out);
        // The JSONL writer ends each document with a newline; inside an
        // array the separator is a comma instead.
        if out.last() == Some(&b'\n') {
            out.pop();
        }
    };
    match kind {
        BodyKind::Text => {
            let text = String::from_utf8(body).map_err(|e| {
                ApiError::new(
                    400,
                    format!(
                        "the text/plain body is not valid UTF-8 (at byte {})",
                        e.utf8_error().valid_up_to()
                    ),
                )
            })?;
            render(document(NO_ID.to_string(), text), &mut out);
        }
        BodyKind::Json => match parse_json(&body)? {
            Value::Object(obj) => {
                let doc = from_object(obj, None)?;
                render(doc, &mut out);
            }
            Value::Array(items) => {
                // Validate every element before tagging any, so a bad
                // element costs no tagging work.
                let docs = items
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| match v {
                        Value::Object(obj) => from_object(obj, Some(i)),
                        other => Err(ApiError::new(
                            400,
                            format!("[{i}]: expected an object, found {}", type_name(&other)),
                        )),
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                out.push(b'[');
                for (i, doc) in docs.into_iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    render(doc, &mut out);
                }
                out.push(b']');
            }
            other => {
                return Err(ApiError::new(
                    400,
                    format!(
                    "expected an object {{\"id\":..., \"text\":...}} or an array of them, found {}",
                    type_name(&other)
                ),
                ))
            }
        },
    }
    out.push(b'\n');
    Ok(out)
}

fn parse_json(body: &[u8]) -> Result<Value, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        let mut err = ApiError::new(400, format!("malformed JSON: {e}"));
        // serde_json reports line 0 for errors that have no position.
        if e.line() > 0 {
            err.position = Some((e.line(), e.column()));
        }
        err
    })
}

/// One document from one JSON object; `index` is its place in an array.
fn from_object(mut obj: Map<String, Value>, index: Option<usize>) -> Result<Document, ApiError> {
    let at = index.map_or(String::new(), |i| format!("[{i}]: "));
    // Ids are written as `gazetag tag` writes them: a string as it is,
    // anything else as compact JSON (a number as its digits).
    let id = match obj.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => NO_ID.to_string(),
        Some(v) => v.to_string(),
    };
    let text = match obj.remove("text") {
        Some(Value::String(s)) => s,
        Some(v) => {
            return Err(ApiError::new(
                400,
                format!(
                    "{at}field \"text\" must be a string, found {}",
                    type_name(&v)
                ),
            ))
        }
        None => return Err(ApiError::new(400, format!("{at}missing field \"text\""))),
    };
    Ok(document(id, text))
}

fn document(id: String, text: String) -> Document {
    Document {
        id,
        text,
        keep: vec![],
        keep_json: vec![],
        origin: String::new(),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Gazetteer, TaggerBuilder};
    use serde_json::json;

    fn tagger() -> Tagger {
        let csv = "id,kind,name,aliases,lat,lon,population\n\
                   gn:170063,city,Aleppo,Halab,36.20124,37.16117,1602264\n";
        let mut gaz = Gazetteer::new();
        gaz.load_reader("places.csv", csv.as_bytes()).unwrap();
        TaggerBuilder::new().build(gaz).unwrap()
    }

    fn tag(kind: BodyKind, body: &str) -> Result<Value, ApiError> {
        let out = tag_body(&tagger(), &JsonlFormat::new(&[]), kind, body.into())?;
        assert_eq!(out.last(), Some(&b'\n'));
        Ok(serde_json::from_slice(&out).unwrap())
    }

    #[test]
    fn content_types() {
        use BodyKind::*;
        let cases = [
            (None, Json),
            (Some("application/json"), Json),
            (Some("application/x-www-form-urlencoded"), Json),
            (Some("text/plain"), Text),
            (Some("Text/Plain; charset=utf-8"), Text),
        ];
        for (ct, want) in cases {
            assert_eq!(BodyKind::from_content_type(ct), want, "{ct:?}");
        }
    }

    #[test]
    fn object_array_and_text() {
        let v = tag(BodyKind::Json, r#"{"id":"a","text":"Near Aleppo."}"#).unwrap();
        assert_eq!(v["id"], "a");
        assert_eq!(v["mentions"][0]["entity_id"], "gn:170063");
        assert_eq!(v["gazetteer"], tagger().version());

        let v = tag(BodyKind::Json, r#"[{"id":7,"text":"Aleppo"},{"text":"x"}]"#).unwrap();
        assert_eq!(v[0]["id"], "7");
        assert_eq!(v[1]["id"], NO_ID);
        assert_eq!(v[1]["mentions"], json!([]));

        assert_eq!(tag(BodyKind::Json, "[]").unwrap(), json!([]));

        let v = tag(BodyKind::Text, "Halab, again").unwrap();
        assert_eq!(v["id"], NO_ID);
        assert_eq!(v["mentions"][0]["text"], "Halab");
    }

    #[test]
    fn refusals_name_what_is_wrong() {
        let err = |kind, body: &[u8]| {
            tag_body(&tagger(), &JsonlFormat::new(&[]), kind, body.to_vec()).unwrap_err()
        };
        let e = err(BodyKind::Json, b"{\"id\":1,\n \"text\": }");
        assert_eq!((e.status, e.position), (400, Some((2, 10))));
        assert!(e.message.starts_with("malformed JSON: "), "{}", e.message);
        assert_eq!(
            String::from_utf8(e.to_json()).unwrap(),
            "{\"error\":\"malformed JSON: expected value at line 2 column 10\",\"status\":400,\"line\":2,\"column\":10}\n"
        );

        let e = err(BodyKind::Json, b"{\"id\":1}");
        assert_eq!(e.message, "missing field \"text\"");
        let e = err(BodyKind::Json, b"[{\"text\":\"a\"},{\"text\":5}]");
        assert_eq!(
            e.message,
            "[1]: field \"text\" must be a string, found a number"
        );
        let e = err(BodyKind::Json, b"[{\"text\":\"a\"}, 3]");
        assert_eq!(e.message, "[1]: expected an object, found a number");
        let e = err(BodyKind::Json, b"\"text\"");
        assert!(e.message.ends_with("found a string"), "{}", e.message);
        let e = err(BodyKind::Json, b"");
        assert_eq!(e.status, 400);
        let e = err(BodyKind::Text, b"ok \xff");
        assert_eq!(
            e.message,
            "the text/plain body is not valid UTF-8 (at byte 3)"
        );
    }
}
