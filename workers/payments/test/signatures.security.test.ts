import { hmacHex, verifyHmacHex } from "@cc/web-crypto";
import { describe, expect, it } from "vitest";
import { verifyBtcPay } from "../src/providers/btcpay/signature.ts";
import { canonicalJson, verifyNowPayments } from "../src/providers/nowpayments/signature.ts";
import { oxaPay } from "../src/providers/oxapay/index.ts";
import vectors from "./fixtures/payment-vectors.json";

// Each processor's signature vectors (its docs' or its official SDK's tests where they publish
// one, else computed), verbatim in fixtures/payment-vectors.json.
const bytes = (s: string) => new TextEncoder().encode(s);
const flipByte = (s: string, at = 10) => {
  const b = bytes(s);
  b[at] = b[at]! ^ 0x01;
  return b;
};
/** A different but well-formed hex signature: the last digit changed. */
const flipHex = (hex: string) => hex.slice(0, -1) + (hex.at(-1) === "0" ? "1" : "0");
const oxapay = oxaPay({ apiUrl: "", merchantKey: vectors.oxapay.key, sandbox: false, fetch });
const oxaVerify = (body: Uint8Array, sig: string) => oxapay.verifyCallback(body, new Headers({ HMAC: sig }));

describe("NOWPayments: HMAC-SHA512 over keys sorted at every depth", () => {
  const { np } = vectors;

  it("builds the canonical string of the vector and verifies its signature", async () => {
    expect(canonicalJson(JSON.parse(np.body), "keep")).toBe(np.canonical);
    expect(await verifyNowPayments(bytes(np.body), np.sig, np.secret)).toBe("keep");
    expect(await verifyNowPayments(bytes(np.body), np.sig.toUpperCase(), np.secret)).toBe("keep");
  });

  it("refuses the legacy one-level sort's signature (nested objects emptied)", async () => {
    expect(np.legacy_canonical).toContain('"fee":{}');
    expect(await verifyNowPayments(bytes(np.body), np.legacy_sig, np.secret)).toBeUndefined();
  });

  it("fails for a changed byte of the body, of the header, or of the secret", async () => {
    const changedValue = np.body.replace('"actually_paid":15', '"actually_paid":16');
    expect(await verifyNowPayments(bytes(changedValue), np.sig, np.secret)).toBeUndefined();
    expect(await verifyNowPayments(flipByte(np.body, 3), np.sig, np.secret)).toBeUndefined();
    expect(await verifyNowPayments(bytes(np.body), flipHex(np.sig), np.secret)).toBeUndefined();
    expect(await verifyNowPayments(bytes(np.body), np.sig.slice(2), np.secret)).toBeUndefined();
    expect(await verifyNowPayments(bytes(np.body), null, np.secret)).toBeUndefined();
    expect(await verifyNowPayments(bytes(np.body), np.sig, `${np.secret}x`)).toBeUndefined();
    expect(await verifyNowPayments(bytes(np.body), np.sig, np.secret.replace("1", "2"))).toBeUndefined();
  });

  it("array quirk: keeps arrays first, accepts the doc-JS object form too", async () => {
    const body = { payment_extra_ids: [5513339153] };
    expect(canonicalJson(body, "keep")).toBe(vectors.np_array.arraySafe);
    expect(canonicalJson(body, "as-objects")).toBe(vectors.np_array.docSortObject);
    const raw = bytes(JSON.stringify(body));
    const keepSig = await hmacHex("SHA-512", np.secret, bytes(vectors.np_array.arraySafe));
    const docSig = await hmacHex("SHA-512", np.secret, bytes(vectors.np_array.docSortObject));
    expect(await verifyNowPayments(raw, keepSig, np.secret)).toBe("keep");
    expect(await verifyNowPayments(raw, docSig, np.secret)).toBe("as-objects");
    expect(await verifyNowPayments(raw, flipHex(docSig), np.secret)).toBeUndefined();
  });
});

describe("BTCPay: BTCPay-Sig sha256= over the raw bytes", () => {
  const { btcpay } = vectors;

  it("verifies the indented body as received, and the minified one only with its own signature", async () => {
    expect(await verifyBtcPay(bytes(btcpay.body), btcpay.header, btcpay.secret)).toBe(true);
    const minified = JSON.stringify(JSON.parse(btcpay.body));
    expect(await verifyBtcPay(bytes(minified), btcpay.header, btcpay.secret)).toBe(false);
    expect(await verifyBtcPay(bytes(minified), btcpay.header_if_minified, btcpay.secret)).toBe(true);
  });

  it("fails for a changed byte of the body, of the header, or of the secret", async () => {
    expect(await verifyBtcPay(flipByte(btcpay.body, 5), btcpay.header, btcpay.secret)).toBe(false);
    expect(await verifyBtcPay(bytes(`${btcpay.body}\n`), btcpay.header, btcpay.secret)).toBe(false);
    expect(await verifyBtcPay(bytes(btcpay.body), flipHex(btcpay.header), btcpay.secret)).toBe(false);
    expect(await verifyBtcPay(bytes(btcpay.body), btcpay.header.replace("sha256=", ""), btcpay.secret)).toBe(
      false,
    );
    expect(
      await verifyBtcPay(bytes(btcpay.body), btcpay.header.replace("sha256=", "sha512="), btcpay.secret),
    ).toBe(false);
    expect(await verifyBtcPay(bytes(btcpay.body), null, btcpay.secret)).toBe(false);
    expect(await verifyBtcPay(bytes(btcpay.body), btcpay.header, "helloWorld")).toBe(false);
  });
});

describe("OxaPay: HMAC header, HMAC-SHA512 of the raw body with the merchant key", () => {
  const { oxapay: v } = vectors;

  it("verifies the SDK's vector", async () => {
    expect(await oxaVerify(bytes(v.body), v.hmac)).toBe(true);
  });

  it("fails for a changed byte of the body, of the header, or of the secret", async () => {
    expect(await oxaVerify(flipByte(v.body, 2), v.hmac)).toBe(false);
    expect(await oxaVerify(bytes(v.body.replace("Paid", "paid")), v.hmac)).toBe(false);
    expect(await oxaVerify(bytes(v.body), flipHex(v.hmac))).toBe(false);
    expect(await oxaVerify(bytes(v.body), `${v.hmac}00`)).toBe(false);
    expect(await oxaVerify(bytes(v.body), "")).toBe(false);
    const otherKey = oxaPay({ apiUrl: "", merchantKey: "merchant-secreT", sandbox: false, fetch });
    expect(await otherKey.verifyCallback(bytes(v.body), new Headers({ HMAC: v.hmac }))).toBe(false);
  });
});

describe("the raw-body HMAC primitive against the other processors' hex vectors", () => {
  // Cryptomus (MD5), Plisio (SHA-1) and CoinPayments v2 (base64) use schemes we do not ship.
  it("CoinPayments v1 IPN: HMAC-SHA512 of the form body", async () => {
    const v = vectors.coinpayments_v1;
    expect(await verifyHmacHex("SHA-512", v.secret, bytes(v.raw_body), v.HMAC)).toBe(true);
    expect(await verifyHmacHex("SHA-512", v.secret, flipByte(v.raw_body), v.HMAC)).toBe(false);
    expect(await verifyHmacHex("SHA-512", `${v.secret}!`, bytes(v.raw_body), v.HMAC)).toBe(false);
  });

  it("Hook0 v0 and v1: HMAC-SHA256 of the signed strings", async () => {
    const v = vectors.hook0;
    const v1 = `${v.t}.${v.h}.${v.values.join(".")}.${v.body}`;
    expect(await verifyHmacHex("SHA-256", v.secret, bytes(v1), v.v1)).toBe(true);
    expect(await verifyHmacHex("SHA-256", v.secret, bytes(`${v.t}.${v.body}`), v.v0)).toBe(true);
    expect(await verifyHmacHex("SHA-256", v.secret, bytes(v1), flipHex(v.v1))).toBe(false);
  });
});
