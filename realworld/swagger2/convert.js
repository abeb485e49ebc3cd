// Converts a Swagger 2.0 document to OpenAPI 3.0 with swagger2openapi, and says whether
// swagger2openapi's own validator finds the document valid.
//
// Usage: node convert.js SWAGGER OUTPUT
// Output (stdout): {"converted": bool, "error": "...", "patches": n, "valid": bool,
//                   "invalid": "why the validator rejects the conversion"}

"use strict";

const fs = require("fs");
const converter = require("swagger2openapi");
const validator = require("oas-validator");

async function main() {
  const [input, output] = process.argv.slice(2);
  const result = { converted: false, patches: 0, valid: false };
  try {
    const text = fs.readFileSync(input, "utf8");
    // Strict first: a document swagger2openapi converts without patching is valid 2.0 as
    // far as it can tell; otherwise its patches make it convertible, and say why.
    let options;
    try {
      options = await converter.convertStr(text, { patch: false, warnOnly: false });
    } catch (strict) {
      result.strict = String(strict.message || strict);
      options = await converter.convertStr(text, { patch: true, warnOnly: true });
    }
    result.converted = true;
    result.patches = options.patches || 0;
    fs.writeFileSync(output, JSON.stringify(options.openapi, null, 1));
    try {
      await validator.validate(options.openapi, { prettify: false });
      result.valid = true;
    } catch (error) {
      result.invalid = String(error.message || error).split("\n")[0];
    }
  } catch (error) {
    result.error = String(error.message || error).split("\n")[0];
  }
  process.stdout.write(JSON.stringify(result));
}

main();
