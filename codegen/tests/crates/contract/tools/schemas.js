// An OpenAPI document's schemas checked as JSON Schema by Ajv: shared by `sample.js`
// (which checks the values it generates) and `check.js` (which checks Prism's answers).

"use strict";

const fs = require("fs");
const yaml = require("js-yaml");
const { fromSchema } = require("@openapi-contrib/openapi-schema-to-json-schema");
const Ajv = require("ajv");
const addFormats = require("ajv-formats");

/// The document at `path`, with every property an object schema requires declared (as
/// an unconstrained schema where `properties` leaves it out): the converter to JSON
/// Schema drops required names it finds no property for, and a value without them would
/// pass for one that fits.
function load(path) {
  const document = yaml.load(fs.readFileSync(path, "utf8"));
  declareRequired(document);
  return document;
}

function declareRequired(value) {
  if (Array.isArray(value)) {
    value.forEach(declareRequired);
    return;
  }
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value.required) && value.required.every((r) => typeof r === "string")) {
    if (value.properties === undefined || (value.properties && typeof value.properties === "object")) {
      const properties = value.properties || {};
      let added = false;
      for (const name of value.required) {
        if (!Object.prototype.hasOwnProperty.call(properties, name)) {
          properties[name] = {};
          added = true;
        }
      }
      if (added) value.properties = properties;
    }
  }
  Object.values(value).forEach(declareRequired);
}

/// `value` without the examples it holds (a property named `example` is a property).
function withoutExamples(value, key) {
  if (Array.isArray(value)) return value.map((item) => withoutExamples(item, null));
  if (value === null || typeof value !== "object") return value;
  const copy = {};
  for (const [name, child] of Object.entries(value)) {
    if ((name === "example" || name === "examples") && key !== "properties") continue;
    copy[name] = withoutExamples(child, name);
  }
  return copy;
}

/// An OpenAPI schema as JSON Schema; for a request, without its read-only properties.
function convert(schema, request = false) {
  const converted = fromSchema(schema || {}, {
    cloneSchema: true,
    supportPatternProperties: true,
    removeReadOnly: request,
  });
  delete converted.$schema;
  return converted;
}

/// The integer formats of the OpenAPI format registry, with their ranges (Ajv's formats
/// know `int32` and `int64` only).
const INTEGERS = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  uint8: [0, 255],
  uint16: [0, 65535],
  uint32: [0, 4294967295],
  uint64: [0, Number.MAX_VALUE],
};

/// A checker of values against the schemas of `document`.
class Checker {
  constructor(document) {
    this.document = document;
    this.bare = withoutExamples(document, null);
    this.components = null;
    this.requestComponents = null;
    // Patterns as the documents write them: without the `u` flag, which rejects escapes such
    // as `\_` that JavaScript otherwise accepts.
    this.ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true, unicodeRegExp: false });
    addFormats(this.ajv);
    for (const [name, [low, high]] of Object.entries(INTEGERS)) {
      this.ajv.addFormat(name, { type: "number", validate: (n) => Number.isInteger(n) && n >= low && n <= high });
    }
  }

  /// `schema` as JSON Schema, with the document's component schemas beside it so that
  /// its references resolve; with `request`, read-only properties left out (for values
  /// generated to be sent).
  jsonSchema(schema, request = false) {
    const key = request ? "requestComponents" : "components";
    if (this[key] === null) {
      this[key] = {};
      for (const [name, s] of Object.entries((this.bare.components && this.bare.components.schemas) || {})) {
        this[key][name] = convert(s, request);
      }
    }
    return { ...convert(withoutExamples(schema, null), request), components: { schemas: this[key] } };
  }

  /// `null` when `value` fits `schema`; otherwise why not (or nothing, when the schema
  /// cannot be checked).
  misfit(schema, value) {
    if (!schema) return null;
    try {
      const validate = this.ajv.compile(this.jsonSchema(schema));
      if (validate(value)) return null;
      return this.ajv.errorsText(validate.errors);
    } catch (error) {
      return null;
    }
  }

  /// What a local reference (or chain of them) leads to.
  resolve(value, seen = 0) {
    if (value && typeof value.$ref === "string" && value.$ref.startsWith("#/") && seen < 32) {
      const target = value.$ref
        .slice(2)
        .split("/")
        .map((part) => decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce((node, key) => (node === undefined ? undefined : node[key]), this.document);
      return this.resolve(target, seen + 1);
    }
    return value;
  }
}

module.exports = { load, withoutExamples, Checker };
