import { describe, expect, it } from "vitest";
import aRefusal from "../../../fixtures/recorded/a-refusal.sse";
import aText from "../../../fixtures/recorded/a-text.sse";
import aThinking from "../../../fixtures/recorded/a-thinking-summarized.sse";
import aToolNoArgs from "../../../fixtures/recorded/a-tool-no-args.sse";
import { type MessageBody, post, readChunks, request, user } from "./helpers.ts";

const FILES: Record<string, string> = {
  "a-text": aText,
  "a-tool-no-args": aToolNoArgs,
  "a-thinking-summarized": aThinking,
  "a-refusal": aRefusal,
};

describe("replay", () => {
  it.each(Object.keys(FILES))(
    "fixture=%s streams the file byte for byte, one event per chunk",
    async (id) => {
      const res = await post("/v1/messages", request([user("hi")], { stream: true }), {
        "x-mock-scenario": `replay; fixture=${id}`,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      const chunks = await readChunks(res);
      const file = FILES[id] ?? "";
      expect(chunks.join("")).toBe(file);
      expect(chunks.length).toBe(file.split("\n\n").length - 1);
      for (const c of chunks) expect(c.endsWith("\n\n")).toBe(true);
    },
  );

  it("works by directive and folds into a Message without streaming", async () => {
    const res = await post("/v1/messages", request([user("[[mock:replay fixture=a-tool-no-args]]")]));
    const msg = await res.json<MessageBody>();
    expect(msg.stop_reason).toBe("tool_use");
    expect(msg.content).toEqual([
      { type: "text", text: "I'll update the issue list for you." },
      { type: "tool_use", id: "toolu_01QE1WLsSVp5hy5Q3GmGTmjP", name: "updateIssueList", input: {} },
    ]);
    expect(msg.usage.output_tokens).toBe(48);
  });

  it("rejects an unknown fixture", async () => {
    const res = await post("/v1/messages", request([user("hi")]), {
      "x-mock-scenario": "replay; fixture=nope",
    });
    expect(res.status).toBe(400);
  });
});
