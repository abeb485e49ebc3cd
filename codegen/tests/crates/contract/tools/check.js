// Whether a response body fits the schema the document gives it, checked by Ajv: the
// evidence that an answer Prism made breaks the document.
//
// Usage: node check.js DOCUMENT METHOD PATH STATUS MEDIA < body
// Output: nothing when the body fits (or the document gives no schema for it); otherwise
// why it does not.

"use strict";

const fs = require("fs");
const { load, Checker } = require("./schemas");

const [file, method, path, status, media] = process.argv.slice(2);
const checker = new Checker(load(file));
const item = checker.resolve((checker.document.paths || {})[path]) || {};
const operation = item[method.toLowerCase()] || {};
const responses = operation.responses || {};
const response = checker.resolve(
  responses[status] || responses[`${status[0]}XX`] || responses[`${status[0]}xx`] || responses.default,
);
const essence = (m) => m.split(";")[0].trim().toLowerCase();
const content = (response && response.content) || {};
const entry = Object.entries(content).find(([m]) => essence(m) === essence(media || ""));
const schema = entry && entry[1].schema;
const text = fs.readFileSync(0, "utf8");
let body;
try {
  body = JSON.parse(text);
} catch (error) {
  process.stdout.write(schema ? `the body is not JSON: ${error.message}` : "");
  process.exit(0);
}
const why = checker.misfit(schema, body);
if (why) process.stdout.write(why);
