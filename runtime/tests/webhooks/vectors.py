"""Writes vectors.json: webhook requests signed as Standard Webhooks specifies, by
Python's own hmac and hashlib, for the runtime's verifier to be checked against an
implementation other than its own. Run: python3 vectors.py > vectors.json"""

import base64
import hashlib
import hmac
import json

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
OLD_SECRET = "whsec_" + base64.b64encode(b"the secret before the rotation").decode()
OTHER_SECRET = "whsec_" + base64.b64encode(b"a secret of someone else").decode()
NOW = 1_764_720_000
BODY = '{"event":"message_created","id":42,"content":"Hi \\u00e9"}'


def sign(secret, msg_id, timestamp, body):
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.{body}".encode()
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def case(name, expect, secrets=(SECRET,), body=BODY, timestamp=NOW, signature=None,
         headers=None, sent_body=None):
    signature = signature if signature is not None else sign(secrets[0], "msg_1", timestamp, body)
    all_headers = {"webhook-id": "msg_1", "webhook-timestamp": str(timestamp),
                   "webhook-signature": signature}
    all_headers.update(headers or {})
    return {"name": name, "secrets": list(secrets), "now": NOW, "headers":
            {k: v for k, v in all_headers.items() if v is not None},
            "body": sent_body if sent_body is not None else body, "expect": expect}


cases = [
    case("signed", "ok"),
    case("a tampered body", "no matching signature", sent_body=BODY.replace("42", "43")),
    case("a stale timestamp, replayed", "outside tolerance", timestamp=NOW - 301),
    case("a timestamp from the future", "outside tolerance", timestamp=NOW + 301),
    case("within the tolerance", "ok", timestamp=NOW - 299),
    case("no signature", "missing header", headers={"webhook-signature": None}),
    case("no id", "missing header", headers={"webhook-id": None}),
    case("a timestamp that is not a number", "invalid timestamp",
         headers={"webhook-timestamp": "yesterday"}),
    case("a malformed signature", "no matching signature", signature="v1,not base64!"),
    case("an unknown signature version", "no matching signature",
         signature=sign(SECRET, "msg_1", NOW, BODY).replace("v1,", "v2,")),
    case("signed with another secret", "no matching signature",
         signature=sign(OTHER_SECRET, "msg_1", NOW, BODY)),
    case("several signatures during a rotation, one by the current secret", "ok",
         signature=sign(OLD_SECRET, "msg_1", NOW, BODY) + " " + sign(SECRET, "msg_1", NOW, BODY)),
    case("a verifier with several secrets, one of which signed", "ok", secrets=(OTHER_SECRET, OLD_SECRET),
         signature=sign(OLD_SECRET, "msg_1", NOW, BODY)),
    case("the id is signed too", "no matching signature",
         headers={"webhook-id": "msg_2"}),
]
print(json.dumps(cases, indent=1, ensure_ascii=False))
