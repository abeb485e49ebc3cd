// Values for every parameter and request body of an OpenAPI document, for the contract
// run: the document's own example where it gives one, otherwise a value openapi-sampler
// generates from the schema (every property included, read-only ones left out).
//
// Usage: node sample.js DOCUMENT > samples.json
// Output: {"GET /path": {"parameters": {"query": {"name": value}}, "bodies": {"media": value},
//          "generated": {the same, always generated from the schemas}}}
// The generated values stand in where an example does not fit its own schema.

"use strict";

const fs = require("fs");
const yaml = require("js-yaml");
const sampler = require("openapi-sampler");

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const document = yaml.load(fs.readFileSync(process.argv[2], "utf8"));
// The same document without its examples, for values generated from the schemas alone.
const bare = withoutExamples(document, null);

function withoutExamples(value, key) {
  if (Array.isArray(value)) return value.map((item) => withoutExamples(item, null));
  if (value === null || typeof value !== "object") return value;
  const copy = {};
  for (const [name, child] of Object.entries(value)) {
    // A property named `example` is a property, not an example.
    if ((name === "example" || name === "examples") && key !== "properties") continue;
    copy[name] = withoutExamples(child, name);
  }
  return copy;
}

function resolve(value, seen = 0) {
  if (value && typeof value.$ref === "string" && value.$ref.startsWith("#/") && seen < 32) {
    const target = value.$ref
      .slice(2)
      .split("/")
      .map((part) => decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((node, key) => (node === undefined ? undefined : node[key]), document);
    return resolve(target, seen + 1);
  }
  return value;
}

function example(holder) {
  if (!holder) return undefined;
  if (holder.example !== undefined) return holder.example;
  const examples = holder.examples && Object.values(holder.examples);
  if (examples && examples.length > 0) {
    const first = resolve(examples[0]);
    if (first && first.value !== undefined) return first.value;
  }
  return undefined;
}

function sample(schema, spec = document) {
  if (!schema) return null;
  try {
    const stripped = spec === document ? schema : withoutExamples(schema, null);
    return sampler.sample(stripped, { skipReadOnly: true, skipNonRequired: false, quiet: true }, spec);
  } catch (error) {
    return null;
  }
}

const samples = {};
for (const [path, rawItem] of Object.entries(document.paths || {})) {
  const item = resolve(rawItem) || {};
  for (const method of METHODS) {
    const operation = item[method];
    if (!operation) continue;
    const parameters = {};
    const generated = { parameters: {}, bodies: {} };
    const declared = [...(item.parameters || []), ...(operation.parameters || [])].map((p) => resolve(p));
    for (const parameter of declared) {
      if (!parameter || !parameter.name || !parameter.in) continue;
      let value = example(parameter);
      if (value === undefined && parameter.schema) {
        value = example(resolve(parameter.schema));
        if (value === undefined) value = sample(parameter.schema);
      }
      if (value === undefined && parameter.content) {
        const [media] = Object.values(parameter.content);
        value = example(media);
        if (value === undefined && media) value = sample(media.schema);
      }
      parameters[parameter.in] = parameters[parameter.in] || {};
      parameters[parameter.in][parameter.name] = value === undefined ? null : value;
      const schema = parameter.schema || (Object.values(parameter.content || {})[0] || {}).schema;
      generated.parameters[parameter.in] = generated.parameters[parameter.in] || {};
      generated.parameters[parameter.in][parameter.name] = sample(schema, bare);
    }
    const bodies = {};
    const body = resolve(operation.requestBody);
    for (const [media, content] of Object.entries((body && body.content) || {})) {
      let value = example(content);
      if (value === undefined) value = sample(content.schema);
      bodies[media] = value === undefined ? null : value;
      generated.bodies[media] = sample(content.schema, bare);
    }
    samples[`${method.toUpperCase()} ${path}`] = { parameters, bodies, generated };
  }
}
process.stdout.write(JSON.stringify(samples));
