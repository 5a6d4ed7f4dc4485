/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { RequestRow } from "../../account/request-log.ts";
import { int, usd } from "../components/format.ts";
import { LocalTime } from "../components/layout.tsx";

/** A key's name for a row ("—" for a request without one, the id for a key since deleted). */
export const keyName = (keyNames: Record<string, string>, keyId: string): string =>
  keyNames[keyId] ?? (keyId === "unknown" ? "—" : keyId);

/** What a row says about how it ended: the status, and the outcome when it is not "ok". */
export const outcomeText = (r: Pick<RequestRow, "status" | "outcome">): string =>
  r.outcome === "ok" ? String(r.status) : `${r.status} ${r.outcome.replace(/_/g, " ")}`;

/**
 * Requests, one row each (a stacked card per request on a phone, every field kept): time in the
 * browser's time zone, key, model, format, tokens by kind, cost (exact), outcome, latency.
 */
export function RequestsTable(props: { rows: RequestRow[]; keyNames: Record<string, string> }) {
  return (
    <div class="scroll">
      <table class="data stack" id="requests">
        <thead>
          <tr>
            <th>Time</th>
            <th>Key</th>
            <th>Model</th>
            <th>Format</th>
            <th class="n">Input</th>
            <th class="n">Cache write</th>
            <th class="n">Cache read</th>
            <th class="n">Output</th>
            <th class="n">Thinking</th>
            <th class="n">Cost</th>
            <th class="n">Outcome</th>
            <th class="n">Latency</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr data-request-id={r.id}>
              <td data-label="Time" title={r.id}>
                <LocalTime ms={r.createdAt} seconds />
              </td>
              <td data-label="Key">{keyName(props.keyNames, r.keyId)}</td>
              <td data-label="Model">{r.model}</td>
              <td data-label="Format">
                {r.format}
                {r.stream ? " · stream" : ""}
              </td>
              <td class="n" data-label="Input">
                {int(r.inputTokens)}
              </td>
              <td class="n" data-label="Cache write">
                {int(r.cacheWrite5mTokens + r.cacheWrite1hTokens)}
              </td>
              <td class="n" data-label="Cache read">
                {int(r.cacheReadTokens)}
              </td>
              <td class="n" data-label="Output">
                {int(r.outputTokens)}
              </td>
              <td class="n" data-label="Thinking">
                {int(r.thinkingTokens)}
              </td>
              <td class="n" data-label="Cost">
                {usd(r.costNano)}
              </td>
              <td class="n" data-label="Outcome" title={r.outcome}>
                {outcomeText(r)}
              </td>
              <td class="n" data-label="Latency">
                {int(r.latencyMs)} ms
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
