// Values for every parameter and request body of an OpenAPI document, for the contract
// run, each checked against its schema by Ajv: the document's own example where it gives
// one that fits; otherwise a value openapi-sampler generates from the schema (every
// property included, read-only ones left out) if it fits, else one json-schema-faker
// generates (which honours `pattern`, `minItems` and formats).
//
// Usage: node sample.js DOCUMENT > samples.json
// Output: {"GET /path": {"parameters": {"query": {"name": value}}, "bodies": {"media": value},
//          "generated": {the same, never an example}, "notes": {"query name": "why"},
//          "invalid": {"query name": "why no value fits"}}}

"use strict";

const sampler = require("openapi-sampler");
const { load, withoutExamples, Checker } = require("./schemas");

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const document = load(process.argv[2]);
const checker = new Checker(document);
// The same document without its examples, for values generated from the schemas alone.
const bare = checker.bare;
const misfit = (schema, value) => checker.misfit(schema, value);
const resolve = (value) => checker.resolve(value);

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

function sampled(schema) {
  try {
    return sampler.sample(withoutExamples(schema, null), { skipReadOnly: true, skipNonRequired: false, quiet: true }, bare);
  } catch (error) {
    return undefined;
  }
}

async function faked(schema) {
  const { generate } = await import("json-schema-faker");
  try {
    // References are followed 20 deep (json-schema-faker's default, 3, leaves deeper
    // required values out, which AWS's nested request shapes need).
    // Read-only properties are left out, as openapi-sampler's `skipReadOnly` does.
    return await generate(checker.jsonSchema(schema, true), { seed: 1, alwaysFakeOptionals: true, maxItems: 2, refDepthMax: 20 });
  } catch (error) {
    return undefined;
  }
}

/// The value for one parameter or body: `{value, generated, note, invalid}`.
async function choose(schema, exampleValue) {
  const result = {};
  let generated = sampled(schema);
  let sampledMisfit = generated === undefined ? "no value" : misfit(schema, generated);
  if (sampledMisfit) {
    const fake = await faked(schema);
    if (fake !== undefined && !misfit(schema, fake)) {
      generated = fake;
      sampledMisfit = null;
    }
  }
  result.generated = generated === undefined ? null : generated;
  if (exampleValue !== undefined) {
    const why = misfit(schema, exampleValue);
    if (!why) {
      result.value = exampleValue;
      return result;
    }
    result.note = `the document's example ${JSON.stringify(exampleValue)} does not fit its schema (${why})`;
  }
  result.value = result.generated;
  if (sampledMisfit) {
    result.invalid = `neither openapi-sampler nor json-schema-faker generates a value that fits the schema (${sampledMisfit})`;
  }
  return result;
}

async function main() {
  const samples = {};
  for (const [path, rawItem] of Object.entries(document.paths || {})) {
    const item = resolve(rawItem) || {};
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const entry = { parameters: {}, bodies: {}, generated: { parameters: {}, bodies: {} }, notes: {}, invalid: {} };
      const record = (key, chosen) => {
        if (chosen.note) entry.notes[key] = chosen.note;
        if (chosen.invalid) entry.invalid[key] = chosen.invalid;
      };
      const declared = [...(item.parameters || []), ...(operation.parameters || [])].map((p) => resolve(p));
      for (const parameter of declared) {
        if (!parameter || !parameter.name || !parameter.in) continue;
        const media = parameter.content && Object.values(parameter.content)[0];
        const schema = parameter.schema || (media && media.schema);
        let exampleValue = example(parameter);
        if (exampleValue === undefined) exampleValue = media ? example(media) : example(resolve(parameter.schema));
        const chosen = await choose(schema, exampleValue);
        entry.parameters[parameter.in] = entry.parameters[parameter.in] || {};
        entry.parameters[parameter.in][parameter.name] = chosen.value === undefined ? null : chosen.value;
        entry.generated.parameters[parameter.in] = entry.generated.parameters[parameter.in] || {};
        entry.generated.parameters[parameter.in][parameter.name] = chosen.generated;
        record(`${parameter.in} ${parameter.name}`, chosen);
      }
      const body = resolve(operation.requestBody);
      for (const [media, content] of Object.entries((body && body.content) || {})) {
        const chosen = await choose(content.schema, example(content));
        entry.bodies[media] = chosen.value === undefined ? null : chosen.value;
        entry.generated.bodies[media] = chosen.generated;
        record(`body ${media}`, chosen);
      }
      samples[`${method.toUpperCase()} ${path}`] = entry;
    }
  }
  process.stdout.write(JSON.stringify(samples));
}

main();
