import { type Plan, usdToNano } from "@cc/billing";
import { z } from "zod";
import { DAY_MS } from "../../lib/periods.ts";
import { formText, formTexts } from "../http.tsx";

/**
 * A key's settings as the create and edit forms take them: name, RPM/TPM up to the plan's,
 * model allow-list, daily and monthly spend caps in USD, and an expiry date.
 */

/** The largest spend cap a form takes, USD. */
export const MAX_CAP_USD = 100_000;

/** An optional spend cap: "" = none; dollars (and cents) from $0.01 to {@link MAX_CAP_USD}. */
export function parseCapUsd(raw: string): number | null | undefined {
  const text = raw.trim().replace(/^\$/, "").replace(/,/g, "");
  if (text === "") return null;
  if (!/^\d{1,6}(\.\d{1,2})?$/.test(text)) return undefined;
  const nano = usdToNano(text);
  return nano >= 10_000_000 && nano <= MAX_CAP_USD * 1_000_000_000 ? nano : undefined;
}

/**
 * An optional expiry date (YYYY-MM-DD): the key works through that UTC day and is refused from
 * the midnight after. "" = never. Undefined when it is not a date, or not after `now`.
 */
export function parseExpiryDate(raw: string, now: number): number | null | undefined {
  const text = raw.trim();
  if (text === "") return null;
  if (!/^\d{4}-\d\d-\d\d$/.test(text)) return undefined;
  const start = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(start)) return undefined;
  const at = start + DAY_MS;
  return at > now ? at : undefined;
}

/** The date an expiry is shown as in the form (the last UTC day the key works). */
export const expiryDate = (expiresAt: number | null): string =>
  expiresAt === null ? "" : new Date(expiresAt - 1).toISOString().slice(0, 10);

/** A cap as the form shows it: "5.00", "" for none. */
export const capText = (nano: number | null): string =>
  nano === null ? "" : (nano / 1_000_000_000).toFixed(2);

/** An optional per-key rate limit: empty = the plan's; otherwise a whole number from 1 to the plan's. */
const rate = (label: string, max: number) =>
  formText.transform((raw, ctx) => {
    const text = raw.trim().replace(/[,_ ]/g, "");
    if (text === "") return null;
    const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isSafeInteger(n) && n >= 1 && n <= max) return n;
    ctx.issues.push({
      code: "custom",
      input: raw,
      message: `${label} must be a whole number from 1 to ${max.toLocaleString("en-US")} (your plan's limit).`,
    });
    return z.NEVER;
  });

const cap = (label: string) =>
  formText.transform((raw, ctx) => {
    const nano = parseCapUsd(raw);
    if (nano !== undefined) return nano;
    ctx.issues.push({
      code: "custom",
      input: raw,
      message: `${label} must be an amount in dollars from $0.01 to $${MAX_CAP_USD.toLocaleString("en-US")}, or empty for none.`,
    });
    return z.NEVER;
  });

/** The key form (create and edit), against the account's plan and the models offered. */
export function keySettingsForm(plan: Readonly<Plan>, known: readonly string[], now: number) {
  const NAME = "Give the key a name of 1 to 100 characters.";
  return z
    .object({
      name: formText.transform((s) => s.trim()).pipe(z.string().min(1, NAME).max(100, NAME)),
      rpm: rate("Requests per minute", plan.rpm),
      tpm: rate("Tokens per minute", plan.tpm),
      models: formTexts.transform((models, ctx) => {
        const unknown = models.filter((m) => !known.includes(m));
        if (unknown.length === 0) return models;
        ctx.issues.push({ code: "custom", input: models, message: `Unknown model: ${unknown.join(", ")}.` });
        return z.NEVER;
      }),
      daily: cap("The daily spend limit"),
      monthly: cap("The monthly spend limit"),
      expires: formText.transform((raw, ctx) => {
        const at = parseExpiryDate(raw, now);
        if (at !== undefined) return at;
        ctx.issues.push({
          code: "custom",
          input: raw,
          message: "The expiry must be a date after today (YYYY-MM-DD), or empty for never.",
        });
        return z.NEVER;
      }),
    })
    .refine(
      (f) => f.daily === null || f.monthly === null || f.daily <= f.monthly,
      "The daily spend limit cannot be above the monthly one.",
    );
}

/** The key form's values as the api_keys columns they set (on create and on edit alike). */
export function keySettings(input: z.output<ReturnType<typeof keySettingsForm>>) {
  return {
    rpmLimit: input.rpm,
    tpmLimit: input.tpm,
    allowedModels: input.models.length > 0 ? input.models : null,
    dailyLimitNano: input.daily,
    monthlyLimitNano: input.monthly,
    expiresAt: input.expires,
  };
}

/** The form's fields as posted, to show them again beside its errors. */
export interface KeyFormValues {
  name?: string;
  rpm?: string;
  tpm?: string;
  models?: string[];
  daily?: string;
  monthly?: string;
  expires?: string;
}
