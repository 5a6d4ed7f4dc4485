import { MIN_SECRET_LENGTH } from "../channels/credentials.ts";
import { priceTable } from "../lib/prices.ts";
import { MAIL_SETTINGS } from "../mail/mailer.ts";
import { RETAINED, retentionDays } from "../maintenance/retention.ts";
import { isDevelopment } from "./environment.ts";
import { OPTIONAL_SECRETS } from "./optional-secrets.ts";
import { REQUIRED_SECRETS } from "./required-secrets.ts";

/** What is wrong with a deployment's settings: names only, never a value. */
export interface SettingsReport {
  /** Secrets or variables without which part of the service fails. */
  missing: string[];
  /** Variables set to something the Worker cannot use, with the reason. */
  invalid: Array<{ name: string; reason: string }>;
  /** Settings that leave a feature off rather than broken. */
  warnings: string[];
}

const blank = (v: string | undefined) => (v ?? "").trim() === "";

/** Checks every setting the gateway reads; pure over `env`. */
export function checkSettings(env: Env): SettingsReport {
  const missing: string[] = REQUIRED_SECRETS.filter((name) => blank(env[name]));
  // An empty upstream URL means the embedded mock, which only development binds.
  for (const url of ["ANTHROPIC_UPSTREAM_URL", "OPENAI_UPSTREAM_URL"] as const) {
    if (blank(env[url]) && !env.MOCK_UPSTREAM) missing.push(url);
  }
  // Outside development, account emails (verification, password reset) go through the provider.
  if (!isDevelopment(env)) missing.push(...MAIL_SETTINGS.filter((name) => blank(env[name])));
  const invalid: SettingsReport["invalid"] = [];
  for (const { setting } of RETAINED) {
    try {
      retentionDays(env[setting], setting);
    } catch (err) {
      invalid.push({ name: setting, reason: (err as Error).message });
    }
  }
  for (const name of OPTIONAL_SECRETS) {
    const value = env[name];
    if (value && value.length < MIN_SECRET_LENGTH)
      invalid.push({ name, reason: `shorter than ${MIN_SECRET_LENGTH} characters` });
  }
  try {
    priceTable(env);
  } catch (err) {
    invalid.push({ name: "PRICE_TABLE_JSON", reason: (err as Error).message });
  }
  const warnings: string[] = [];
  if (!isDevelopment(env) && (blank(env.ACCESS_TEAM_DOMAIN) || blank(env.ACCESS_AUD)))
    warnings.push("ACCESS_TEAM_DOMAIN / ACCESS_AUD not set: the operator console at /admin refuses everyone");
  return { missing, invalid, warnings };
}

const reported = new WeakSet<object>();

/**
 * Logs an incomplete configuration once per isolate (per env object), as an error line that
 * Workers Logs alerts can match: loud on the first request, not on every one.
 */
export function reportSettingsOnce(env: Env): void {
  if (reported.has(env)) return;
  reported.add(env);
  const report = checkSettings(env);
  if (report.missing.length || report.invalid.length)
    console.error(
      JSON.stringify({
        level: "error",
        msg: "configuration incomplete",
        missing: report.missing,
        invalid: report.invalid.map((i) => i.name),
      }),
    );
}
