/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Plan } from "@cc/billing";
import type { ApiKey } from "@cc/db";
import { int, usd, usdCents } from "../components/format.ts";
import { CodeBlock, CsrfField, Errors, Layout, LocalTime } from "../components/layout.tsx";
import type { SignedIn } from "../http.tsx";
import { capText, expiryDate, type KeyFormValues } from "./settings.ts";

export type { KeyFormValues } from "./settings.ts";

/** A key's settled spend (UTC day and month) and its latest use. */
export interface KeySpendView {
  todayNano: number;
  monthNano: number;
  lastUsedAt: number | null;
}

export interface KeysProps {
  ctx: SignedIn;
  keys: ApiKey[];
  spend: Record<string, KeySpendView>;
  plan: Readonly<Plan>;
  models: string[];
  now: number;
  /** The key just created: shown this once, never stored. */
  created?: { key: string; name: string };
  errors?: string[];
  values?: KeyFormValues;
  notice?: string;
  balanceNano: number;
}

/** The fields a key's settings share between the create and edit forms. */
export function KeyFields(props: { plan: Readonly<Plan>; models: string[]; values: KeyFormValues }) {
  const v = props.values;
  return (
    <>
      <label>
        Name
        <input name="name" value={v.name ?? ""} maxlength={100} required placeholder="laptop" />
      </label>
      <fieldset>
        <legend>Spend limits (optional, USD; UTC day and month)</legend>
        <label>
          Per day
          <input name="daily" inputmode="decimal" value={v.daily ?? ""} placeholder="no limit" />
        </label>
        <label>
          Per month
          <input name="monthly" inputmode="decimal" value={v.monthly ?? ""} placeholder="no limit" />
        </label>
        <p class="muted">
          A request that could take the key past a limit is refused (HTTP 402), counting what the key spent
          and the most its running requests can still cost.
        </p>
      </fieldset>
      <label>
        Works through <span class="muted">(optional UTC date; empty = never expires)</span>
        <input type="date" name="expires" value={v.expires ?? ""} />
      </label>
      <label>
        Requests per minute <span class="muted">(optional, at most your plan’s {int(props.plan.rpm)})</span>
        <input name="rpm" inputmode="numeric" value={v.rpm ?? ""} placeholder={String(props.plan.rpm)} />
      </label>
      <label>
        Tokens per minute <span class="muted">(optional, at most {int(props.plan.tpm)})</span>
        <input name="tpm" inputmode="numeric" value={v.tpm ?? ""} placeholder={String(props.plan.tpm)} />
      </label>
      <fieldset>
        <legend>Models this key may call (none ticked = all)</legend>
        {props.models.map((m) => (
          <label class="c">
            <input type="checkbox" name="models" value={m} checked={v.models?.includes(m) ?? false} /> {m}
          </label>
        ))}
      </fieldset>
    </>
  );
}

/** A key's form values from its row (the edit form). */
export const keyValues = (k: ApiKey): KeyFormValues => ({
  name: k.name,
  rpm: k.rpmLimit === null ? "" : String(k.rpmLimit),
  tpm: k.tpmLimit === null ? "" : String(k.tpmLimit),
  models: k.allowedModels ?? [],
  daily: capText(k.dailyLimitNano),
  monthly: capText(k.monthlyLimitNano),
  expires: expiryDate(k.expiresAt),
});

const capLine = (k: ApiKey) => {
  const parts = [
    k.dailyLimitNano !== null ? `${usdCents(k.dailyLimitNano)}/day` : undefined,
    k.monthlyLimitNano !== null ? `${usdCents(k.monthlyLimitNano)}/month` : undefined,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : "none";
};

function Status(props: { k: ApiKey; now: number; csrf: string }) {
  const { k } = props;
  if (k.revokedAt)
    return (
      <>
        revoked <LocalTime ms={k.revokedAt} />
      </>
    );
  const expired = k.expiresAt !== null && k.expiresAt <= props.now;
  return (
    <>
      {expired ? "expired" : "active"}{" "}
      <a href={`/dashboard/keys/${k.id}`} aria-label={`Edit ${k.name}`}>
        Edit
      </a>{" "}
      <form class="inline" method="post" action={`/dashboard/keys/${k.id}/revoke`}>
        <CsrfField token={props.csrf} />
        <button type="submit" class="danger" aria-label={`Revoke ${k.name}`}>
          Revoke
        </button>
      </form>
    </>
  );
}

export function KeysPage(props: KeysProps) {
  const csrf = props.ctx.user.csrfToken;
  const verified = props.ctx.user.emailVerified;
  return (
    <Layout ctx={props.ctx} title="API keys">
      {props.created && (
        <div class="ok" id="new-key">
          <p>
            <strong>Your new key “{props.created.name}”.</strong> Copy it now: it is shown only once and we
            keep only its hash.
          </p>
          <CodeBlock id="new-key-value" code={props.created.key} />
          {props.balanceNano <= 0 && (
            <p>
              Your balance is {usdCents(props.balanceNano)}: <a href="/dashboard/billing#topup">top up</a>{" "}
              before the first call, or it gets HTTP 402.
            </p>
          )}
          <p>
            Next: <a href="/tools">set up your tool</a> with this key.
          </p>
        </div>
      )}
      {props.notice && <div class="ok">{props.notice}</div>}

      <h2>Your keys</h2>
      <div class="scroll">
        <table class="data stack" id="keys">
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th class="n">Spent today</th>
              <th class="n">This month</th>
              <th>Spend limits</th>
              <th>Last used</th>
              <th>Expires</th>
              <th>Rate limits</th>
              <th>Models</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {props.keys.map((k) => {
              const spend = props.spend[k.id];
              return (
                <tr data-key-id={k.id}>
                  <td data-label="Name">{k.name}</td>
                  <td data-label="Key">
                    <code>{k.hint}</code>
                  </td>
                  <td
                    class="n"
                    data-label="Spent today (UTC)"
                    data-spend="today"
                    title={usd(spend?.todayNano ?? 0)}
                  >
                    {usdCents(spend?.todayNano ?? 0)}
                  </td>
                  <td class="n" data-label="This month" data-spend="month" title={usd(spend?.monthNano ?? 0)}>
                    {usdCents(spend?.monthNano ?? 0)}
                  </td>
                  <td data-label="Spend limits">{capLine(k)}</td>
                  <td data-label="Last used">
                    {spend?.lastUsedAt ? <LocalTime ms={spend.lastUsedAt} /> : "never"}
                  </td>
                  <td data-label="Expires">
                    {k.expiresAt === null ? "never" : <LocalTime ms={k.expiresAt} />}
                  </td>
                  <td data-label="Rate limits">
                    {k.rpmLimit ?? props.plan.rpm} RPM · {int(k.tpmLimit ?? props.plan.tpm)} TPM
                  </td>
                  <td data-label="Models">{k.allowedModels ? k.allowedModels.join(", ") : "all"}</td>
                  <td data-label="Status">
                    <Status k={k} now={props.now} csrf={csrf} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {props.keys.length === 0 && <p class="muted">No keys yet.</p>}

      <h2 id="create">Create a key</h2>
      {!verified ? (
        <p class="note">
          Confirm your email address first (see the link at the top): then you can create keys.
        </p>
      ) : (
        <>
          <Errors errors={props.errors} />
          <form class="f" method="post" action="/dashboard/keys">
            <CsrfField token={csrf} />
            <KeyFields plan={props.plan} models={props.models} values={props.values ?? {}} />
            <button type="submit">Create key</button>
          </form>
        </>
      )}
    </Layout>
  );
}

export function EditKeyPage(props: {
  ctx: SignedIn;
  apiKey: ApiKey;
  plan: Readonly<Plan>;
  models: string[];
  values: KeyFormValues;
  errors?: string[];
}) {
  const k = props.apiKey;
  return (
    <Layout ctx={props.ctx} title={`Edit key “${k.name}”`}>
      <p>
        <code>{k.hint}</code> · created <LocalTime ms={k.createdAt} />. Changes apply to the next request.
      </p>
      <Errors errors={props.errors} />
      <form class="f" method="post" action={`/dashboard/keys/${k.id}`}>
        <CsrfField token={props.ctx.user.csrfToken} />
        <KeyFields plan={props.plan} models={props.models} values={props.values} />
        <button type="submit">Save</button>
      </form>
      <p>
        <a href="/dashboard/keys">Back to the keys</a>
      </p>
    </Layout>
  );
}
