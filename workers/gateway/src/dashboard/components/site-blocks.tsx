/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { SupportContact } from "../site/support.ts";
import type { ToolUrls } from "../tools/catalog.ts";

/** The two base URLs and the header each kind of client sends its key in. */
export function BaseUrlTable(props: { urls: ToolUrls }) {
  const { urls } = props;
  return (
    <>
      <div class="scroll">
        <table id="base-url-table" class="stack">
          <thead>
            <tr>
              <th>Clients</th>
              <th>Base URL</th>
              <th>Key header</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td data-label="Clients">Anthropic SDKs, Claude Code, OpenClaw, Anthropic-style settings</td>
              <td data-label="Base URL">
                <code>{urls.anthropic}</code>
              </td>
              <td data-label="Key header">
                <code>x-api-key</code> or <code>Authorization: Bearer</code>
              </td>
            </tr>
            <tr>
              <td data-label="Clients">
                OpenAI SDKs, Codex CLI, Cursor, Cline, Aider, OpenHands, OpenAI-compatible tools
              </td>
              <td data-label="Base URL">
                <code>{urls.openai}</code>
              </td>
              <td data-label="Key header">
                <code>Authorization: Bearer</code>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <p class="note">
        The one rule that trips people up: Anthropic-style clients take <code>…/api/proxy</code> (they add{" "}
        <code>/v1/messages</code>), OpenAI-style clients take <code>…/api/proxy/v1</code> (they add{" "}
        <code>/chat/completions</code> or <code>/responses</code>).
      </p>
    </>
  );
}

/** The operator's support contact, as a link when it is one. */
export function SupportLine(props: { support: SupportContact | undefined }) {
  const s = props.support;
  if (!s) return null;
  return (
    <p id="support-contact">
      Questions, a payment that did not arrive, a key to revoke in a hurry: write to{" "}
      {s.href ? <a href={s.href}>{s.label}</a> : <strong>{s.label}</strong>}.
    </p>
  );
}
