/**
 * Gemini parts → IR stream events: the one reading of an answer's parts, for a stream chunk by
 * chunk and for a whole answer (decode-response.ts folds the same events), so both say the same.
 *
 * Thought text is a thinking part, text a text part, each continued by the next piece of its
 * kind. A `thoughtSignature` becomes the signature of a thinking part placed beside the part it
 * came on (parts.ts): the unsigned thinking just before, else a thinking part of its own before
 * a function call. Google validates signatures on function calls only
 * (https://ai.google.dev/gemini-api/docs/thought-signatures): one on a text part is dropped, since
 * a thinking block after the answer's text would end the answer for Anthropic clients (Claude
 * Code then prints nothing). A function call comes whole: start, its arguments, stop.
 */
import type { IrStreamEvent } from "../ir/stream.ts";
import { geminiToken } from "./parts.ts";
import type { GeminiPart } from "./schema.ts";

/** A function call's id: Gemini's own, else one made from the answer's id and the call's place. */
export const callIdOf = (responseId: string, n: number, id: string | undefined): string =>
  id ?? `call_${responseId.replace(/[^A-Za-z0-9_-]/g, "") || "gemini"}_${n}`;

export class GeminiPartsReader {
  /** Function calls read so far. */
  calls = 0;
  private open: { kind: "text" | "thinking"; index: number; signed: boolean } | undefined;
  private next = 0;

  constructor(private readonly responseId: () => string) {}

  /** The IR events of one Gemini part. */
  read(p: GeminiPart): IrStreamEvent[] {
    const out: IrStreamEvent[] = [];
    const signature = p.thoughtSignature;
    if (p.thought === true) {
      const text = p.text ?? "";
      if (text !== "" || signature) this.continue("thinking", out);
      if (text !== "" && this.open) {
        out.push({ type: "thinking_delta", index: this.open.index, text });
      }
      if (signature) this.sign(signature, out);
      return out;
    }
    if (p.functionCall) {
      // A signature right after unsigned thoughts is theirs; else a thinking part of its own.
      if (signature && this.open?.kind === "thinking" && !this.open.signed) this.sign(signature, out);
      else if (signature) this.alone(signature, out);
      this.close(out);
      const index = this.next++;
      const id = callIdOf(this.responseId(), this.calls++, p.functionCall.id);
      const args = JSON.stringify(p.functionCall.args ?? {});
      out.push(
        { type: "part_start", index, part: { kind: "tool_call", id, name: p.functionCall.name } },
        { type: "tool_input_delta", index, partialJson: args },
        { type: "part_stop", index },
      );
      return out;
    }
    const text = p.text ?? "";
    if (text !== "") {
      this.continue("text", out);
      if (this.open) out.push({ type: "text_delta", index: this.open.index, text });
    }
    // executableCode, codeExecutionResult, inline output: no client format we serve shows them.
    return out;
  }

  /** Close the part still open (the answer ended). */
  close(out: IrStreamEvent[] = []): IrStreamEvent[] {
    if (this.open) out.push({ type: "part_stop", index: this.open.index });
    this.open = undefined;
    return out;
  }

  private continue(kind: "text" | "thinking", out: IrStreamEvent[]): void {
    if (this.open?.kind === kind && !this.open.signed) return;
    this.close(out);
    const index = this.next++;
    this.open = { kind, index, signed: false };
    out.push({ type: "part_start", index, part: { kind } });
  }

  private sign(signature: string, out: IrStreamEvent[]): void {
    if (!this.open) return;
    out.push({ type: "signature_delta", index: this.open.index, signature: geminiToken(signature) });
    this.close(out);
  }

  /** A signature with no unsigned thinking before it: a thinking part of its own. */
  private alone(signature: string, out: IrStreamEvent[]): void {
    this.close(out);
    this.continue("thinking", out);
    this.sign(signature, out);
  }
}
