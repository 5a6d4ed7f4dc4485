/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Plan } from "@cc/billing";
import type { ApiKey } from "@cc/db";
import { int, utc } from "../components/format.ts";
import { CodeBlock, CsrfField, Errors, Layout, type PageContext } from "../components/layout.tsx";

export interface KeyFormValues {
  name?: string;
  rpm?: string;
  tpm?: string;
  models?: string[];
}

export interface KeysProps {
  ctx: PageContext & { user: { email: string; csrfToken: string } };
  keys: ApiKey[];
  plan: Readonly<Plan>;
  models: string[];
  /** The key just created: shown this once, never stored. */
  created?: { key: string; name: string };
  errors?: string[];
  values?: KeyFormValues;
  notice?: string;
}

export function KeysPage(props: KeysProps) {
  const v = props.values ?? {};
  const csrf = props.ctx.user.csrfToken;
  return (
    <Layout ctx={props.ctx} title="API keys">
      {props.created && (
        <div class="ok" id="new-key">
          <p>
            <strong>Your new key “{props.created.name}”.</strong> Copy it now: it is shown only once and we
            keep only its hash.
          </p>
          <CodeBlock id="new-key-value" code={props.created.key} />
        </div>
      )}
      {props.notice && <div class="note">{props.notice}</div>}

      <h2>Create a key</h2>
      <Errors errors={props.errors} />
      <form class="f" method="post" action="/dashboard/keys">
        <CsrfField token={csrf} />
        <label>
          Name
          <input name="name" value={v.name ?? ""} maxlength={100} required placeholder="laptop" />
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
        <button type="submit">Create key</button>
      </form>

      <h2>Your keys</h2>
      <div class="scroll">
        <table class="data" id="keys">
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Limits</th>
              <th>Models</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {props.keys.map((k) => (
              <tr>
                <td>{k.name}</td>
                <td>
                  <code>{k.hint}</code>
                </td>
                <td>{utc(k.createdAt)}</td>
                <td>{k.lastUsedAt ? utc(k.lastUsedAt) : "never"}</td>
                <td>
                  {k.rpmLimit ?? props.plan.rpm} RPM · {int(k.tpmLimit ?? props.plan.tpm)} TPM
                </td>
                <td>{k.allowedModels ? k.allowedModels.join(", ") : "all"}</td>
                <td>
                  {k.revokedAt ? (
                    `revoked ${utc(k.revokedAt)}`
                  ) : (
                    <form method="post" action={`/dashboard/keys/${k.id}/revoke`}>
                      <CsrfField token={csrf} />
                      active{" "}
                      <button type="submit" class="danger" aria-label={`Revoke ${k.name}`}>
                        Revoke
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.keys.length === 0 && <p class="muted">No keys yet.</p>}
    </Layout>
  );
}
