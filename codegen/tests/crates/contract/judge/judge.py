"""Reads requests back as a server would, by the OpenAPI document's styles: an independent
judge of what a generated client sends.

Serves DOCUMENT on 127.0.0.1:PORT (printed on the first line once listening). Each request
is unmarshalled by openapi-core against the document and answered 204, or 400 when
openapi-core refused it. A request numbered by the header `x-contract-call: N` keeps what
was read for a second request carrying `x-contract-read-back: N`, answered with JSON:
`{"read": {"path": {...}, "query": {...}, "header": {...}, "cookie": {...}, "body": ...}}`
or `{"error": "openapi-core's errors"}` (404 when no request N arrived). The read-back
travels in a body of its own, so its size is not bounded by a response head's.

A request naming its operation's path template in the header `x-contract-path` is read
against that path alone: many documents hold templates that match the same request
(`/v1/{name}` and `/v1/{resource}:getIamPolicy`), and which one the reader picks is not
what is judged here; how the parameters were written is. A template with a fragment
(`/#X-Amz-Target=...`) is read without it, as no request carries one. A format the reader
does not know is read as a plain value, as OpenAPI says of unknown formats.

Three adaptations keep the reader's own limits from standing in for the client's:
- A path is matched against the template the request names, and its values, decoded, are
  what the reader reads; the reader routes a path rebuilt from the template with each
  value as one encoded segment. A value holding `/` (sent as `%2F`, which wsgiref decodes
  first, or as `/` where the document allows reserved characters) would otherwise split
  the path into more segments than the template has.
- A `pattern` that Python's `re` cannot compile (ECMA-262's `\\p{L}` classes, as AWS's
  documents write) is left out of the reader's copy of the document, which otherwise does
  not load: values are read back without that pattern checked.
- A read-only property's `default` is left out: openapi-core writes it into a request
  body that does not hold the property and then refuses the property as read-only.
- Headers are read as they were sent: a WSGI environment spells `-` and `_` alike
  (`HTTP_WM_SEC_TOKEN`), so a header named with `_` (`WM_SEC.TOKEN`) would come back as
  `Wm-Sec.Token`, another name.

Usage: judge.py DOCUMENT
"""

import json
import re
import sys
from urllib.parse import quote, unquote
from wsgiref.simple_server import WSGIRequestHandler, make_server

import yaml
from openapi_core import Config, OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest
from openapi_schema_validator import oas30_format_checker, oas31_format_checker
from werkzeug.datastructures import Headers
from werkzeug.wrappers import Request, Response


def plain(value):
    """openapi-core's values as JSON: its objects are mappings, its dates strings."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if hasattr(value, "items"):
        return {str(k): plain(v) for k, v in value.items()}
    return str(value)


def described(error):
    """An error of openapi-core's, without the value it holds (which may be long) where
    it lists the schema's objections, so that they are kept."""
    objections = getattr(error, "schema_errors", None)
    if objections:
        listed = "; ".join(f"{'/'.join(map(str, e.path))}: {e.message[:300]}" for e in objections)
        return f"{type(error).__name__}({listed})"
    return repr(error)


def formats(value):
    """Every `format` a schema in the document names."""
    found = set()
    if isinstance(value, dict):
        if isinstance(value.get("format"), str):
            found.add(value["format"])
        for item in value.values():
            found |= formats(item)
    elif isinstance(value, list):
        for item in value:
            found |= formats(item)
    return found


def adapted(value):
    """`value` without what the reader cannot take (see the module's docs): patterns
    Python's `re` cannot compile and read-only properties' defaults."""
    if isinstance(value, list):
        return [adapted(item) for item in value]
    if not isinstance(value, dict):
        return value
    value = {key: adapted(item) for key, item in value.items()}
    if isinstance(value.get("pattern"), str):
        try:
            re.compile(value["pattern"])
        except re.error:
            del value["pattern"]
    if value.get("readOnly") is True:
        value.pop("default", None)
    return value


def path_values(template, path):
    """The values of `template`'s placeholders in `path` (percent-encoded as sent), each
    decoded: each value one segment if that matches, else any text; None when the path
    does not match the template."""
    for value in ("[^/]+", ".+?"):
        names, pattern = [], ""
        for part in re.split(r"(\{[^}/]+\})", template):
            if part.startswith("{") and part.endswith("}"):
                pattern += f"(?P<p{len(names)}>{value})"
                names.append(part[1:-1])
            else:
                pattern += re.escape(part)
        found = re.fullmatch(pattern, path)
        if found:
            return {name: unquote(found.group(f"p{i}")) for i, name in enumerate(names)}
    return None


def routed(template, values):
    """The path the reader routes: `template` with each value as one encoded segment."""
    return re.sub(r"\{([^}/]+)\}", lambda m: quote(values[m.group(1)], safe=""), template)


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass

    def get_environ(self):
        """wsgiref's environment, with the path as it was sent (see the module's docs)."""
        environ = super().get_environ()
        environ["judge.raw_path"] = self.path.split("?", 1)[0]
        environ["judge.raw_headers"] = list(self.headers.items())
        return environ


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        document = adapted(yaml.safe_load(file))
    openapi = None
    # Values are compared as the client wrote them: formats are validated, not converted.
    keep = {name: (lambda value: value) for name in ("date-time", "date", "time", "uuid", "byte", "binary")}
    # A format the reader does not know (`snowflake`, `phone-number`) is a plain value, as
    # OpenAPI says an unknown format is, instead of an error.
    known = set(oas30_format_checker.checkers) | set(oas31_format_checker.checkers)
    unknown = formats(document) - known
    keep.update({name: (lambda value: value) for name in unknown})
    accept = {name: (lambda value: True) for name in unknown}
    # The document reduced to one path, by path template.
    by_path = {}

    def reader(request):
        template = unquote(request.headers.get("x-contract-path", ""))
        if template not in (document.get("paths") or {}):
            return openapi
        if template not in by_path:
            # A template with a fragment (`/#X-Amz-Target=...`, as the directory writes AWS's
            # operations) is read as the path a request carries: the part before `#`.
            path = template.split("#", 1)[0] or "/"
            alone = dict(document, paths={path: document["paths"][template]})
            # The whole document was validated once, below.
            config = Config(extra_format_unmarshallers=keep, extra_format_validators=accept, spec_validator_cls=None)
            by_path[template] = OpenAPI.from_dict(alone, config=config)
        return by_path[template]

    # What was read of each numbered request, until it is asked for.
    answers = {}

    def app(environ, start_response):
        assert openapi is not None
        asked = environ.get("HTTP_X_CONTRACT_READ_BACK")
        if asked is not None:
            answer = answers.pop(asked, None)
            if answer is None:
                return Response(status=404)(environ, start_response)
            return Response(json.dumps(answer), mimetype="application/json")(environ, start_response)
        call = environ.get("HTTP_X_CONTRACT_CALL", "")
        template = unquote(environ.get("HTTP_X_CONTRACT_PATH", "")).split("#", 1)[0]
        values = path_values(template, environ["judge.raw_path"]) if "{" in template else None
        if values:
            environ["PATH_INFO"] = routed(template, values)
        request = Request(environ)
        read = WerkzeugOpenAPIRequest(request)
        if values:
            read.parameters.path = values
        read.parameters.header = Headers(environ["judge.raw_headers"])
        try:
            result = reader(request).unmarshal_request(read)
        except Exception as error:  # a limitation of the reader, reported as such
            answers[call] = {"error": f"openapi-core failed: {error!r}".replace("\n", " ")[:4000]}
            return Response(status=400)(environ, start_response)
        if result.errors:
            causes = []
            for error in result.errors:
                causes.append(repr(error))
                cause = error.__cause__
                while cause is not None:
                    causes.append(described(cause))
                    cause = cause.__cause__
            answers[call] = {"error": " | ".join(causes).replace("\n", " ")[:4000]}
            response = Response(status=400)
        else:
            parameters = result.parameters
            path = plain(parameters.path)
            read_back = {
                "path": path,
                "query": plain(parameters.query),
                "header": plain(parameters.header),
                "cookie": plain(parameters.cookie),
                "body": plain(result.body),
            }
            answers[call] = {"read": read_back}
            response = Response(status=204)
        return response(environ, start_response)

    server = make_server("127.0.0.1", 0, app, handler_class=Quiet)
    # The document's servers are elsewhere: requests come here.
    document["servers"] = [{"url": f"http://127.0.0.1:{server.server_port}"}]
    # Credentials are Prism's to judge; this judge reads parameters and bodies.
    # Servers given for a path or an operation are elsewhere too.
    document.pop("security", None)
    for item in (document.get("paths") or {}).values():
        item.pop("servers", None)
        for operation in item.values():
            if isinstance(operation, dict):
                operation.pop("security", None)
                operation.pop("servers", None)
    openapi = OpenAPI.from_dict(
        document, config=Config(extra_format_unmarshallers=keep, extra_format_validators=accept)
    )
    print(server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
