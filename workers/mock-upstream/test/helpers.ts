import { env, exports } from "cloudflare:workers";
import { estimateTokens } from "@cc/formats";
import { expect } from "vitest";

export const KEY = (env as unknown as MockEnv).MOCK_UPSTREAM_KEY;
export const BASE = "http://mock.local";

export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${BASE}${path}`, init));
}

/** POST JSON with the right key (override or drop it through `headers`). */
export function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const all = new Headers({
    "content-type": "application/json",
    "x-api-key": KEY,
    "anthropic-version": "2023-06-01",
  });
  for (const [name, value] of Object.entries(headers)) all.set(name, value); // case-insensitive override
  return call(path, {
    method: "POST",
    headers: all,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Σ estimateTokens over the given texts: the documented counting rule, by hand. */
export const tokens = (...texts: string[]): number => texts.reduce((n, t) => n + estimateTokens(t), 0);

/** A unique string so that prompt-cache prefixes of different tests never collide. */
export const nonce = (): string => crypto.randomUUID();

export interface Usage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  output_tokens: number;
  output_tokens_details?: { thinking_tokens: number };
  service_tier?: string;
}

export interface ContentBlock {
  type: string;
  text?: string;
  thinking?: string;
  signature?: string;
  id?: string;
  name?: string;
  input?: Record<string, unknown>;
}

export interface MessageBody {
  id: string;
  type: string;
  role: string;
  model: string;
  content: ContentBlock[];
  stop_reason: string | null;
  stop_sequence: string | null;
  usage: Usage;
}

export interface ErrorBody {
  type: "error";
  error: { type: string; message: string };
  request_id: string;
}

export interface SseData {
  type: string;
  index?: number;
  message?: MessageBody;
  content_block?: ContentBlock;
  delta?: {
    type?: string;
    text?: string;
    thinking?: string;
    signature?: string;
    partial_json?: string;
    stop_reason?: string | null;
    stop_sequence?: string | null;
  };
  usage?: Usage;
  error?: { type: string; message: string };
}

export interface Frame {
  event: string;
  data: SseData;
}

/** Parses `event: X\ndata: {…}\n\n` frames, requiring that exact two-line framing. */
export function parseSse(text: string): Frame[] {
  expect(text.endsWith("\n\n")).toBe(true);
  return text
    .slice(0, -2)
    .split("\n\n")
    .map((raw) => {
      const m = /^event: ([^\n]+)\ndata: ([^\n]+)$/.exec(raw);
      if (!m) throw new Error(`malformed SSE frame: ${JSON.stringify(raw)}`);
      return { event: m[1] ?? "", data: JSON.parse(m[2] ?? "") as SseData };
    });
}

/** Reads a stream chunk by chunk (to see that events arrive as separate chunks). */
export async function readChunks(res: Response): Promise<string[]> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const chunks: string[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

/** Every complete stream of the mock follows Anthropic's grammar (https://docs.anthropic.com/en/docs/build-with-claude/streaming). */
export function expectGrammar(frames: Frame[]): void {
  for (const f of frames) expect(f.event).toBe(f.data.type);
  const types = frames.map((f) => f.data.type).filter((t) => t !== "ping");
  expect(types[0]).toBe("message_start");
  expect(types.slice(-2)).toEqual(["message_delta", "message_stop"]);
  let open = -1;
  let next = 0;
  for (const f of frames.slice(1, -2)) {
    const t = f.data.type;
    if (t === "ping") continue;
    if (t === "content_block_start") {
      expect(open).toBe(-1);
      expect(f.data.index).toBe(next);
      open = next;
      next += 1;
    } else if (t === "content_block_delta") {
      expect(f.data.index).toBe(open);
    } else {
      expect(t).toBe("content_block_stop");
      expect(f.data.index).toBe(open);
      open = -1;
    }
  }
  expect(open).toBe(-1);
}

export const user = (content: unknown) => ({ role: "user", content });
export const request = (messages: unknown[], extra: Record<string, unknown> = {}) => ({
  model: "claude-sonnet-4-6",
  max_tokens: 1024,
  messages,
  ...extra,
});
