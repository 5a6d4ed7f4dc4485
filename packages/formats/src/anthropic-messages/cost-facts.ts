/**
 * What an Anthropic Messages request can cost beyond its bytes: cache writes by TTL, media,
 * server tools (https://platform.claude.com/docs/en/agents-and-tools/tool-use/overview).
 */

import {
  DEFAULT_TOOL_USES_BOUND,
  dearerInputKind,
  eachObject,
  plainCostFacts,
  type RequestCostFacts,
} from "../cost-facts.ts";
import { idOf, type ObjectRef } from "../stored-objects.ts";
import { serverToolKind } from "./usage.ts";

/**
 * The most tokens one image can cost on Claude: images are scaled down before tokenisation,
 * at (width × height) / 750 tokens (https://platform.claude.com/docs/en/build-with-claude/vision);
 * 5,000 covers the largest image any current model accepts unscaled.
 */
export const ANTHROPIC_IMAGE_TOKENS_BOUND = 5_000;

/** Tools the client runs itself: they cost only the tokens they add. */
const CLIENT_TOOLS: ReadonlySet<string> = new Set(["custom", "bash", "text_editor", "computer", "memory"]);

type Json = Record<string, unknown>;

/** The cost facts of an Anthropic Messages body (already validated). */
export function anthropicCostFacts(body: Json): RequestCostFacts {
  const facts = plainCostFacts(typeof body.max_tokens === "number" ? body.max_tokens : undefined);
  eachObject(body, (obj) => {
    const cache = obj.cache_control as Json | undefined | null;
    if (typeof cache === "object" && cache !== null) {
      facts.inputKind = dearerInputKind(
        facts.inputKind,
        cache.ttl === "1h" ? "cacheWrite1h" : "cacheWrite5m",
      );
    }
    // A file uploaded through the Files API into code execution's container
    // (https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/code-execution-tool).
    if (obj.type === "container_upload") {
      const uploaded = idOf(obj.file_id);
      if (uploaded) facts.refs.push({ kind: "file", id: uploaded, field: "messages" });
      return;
    }
    if (obj.type !== "image" && obj.type !== "document") return;
    const source = obj.source as Json | undefined | null;
    if (typeof source !== "object" || source === null) return;
    // A file uploaded through the Files API: a stored object the account must own.
    const fileId = source.type === "file" ? idOf(source.file_id) : undefined;
    if (fileId) facts.refs.push({ kind: "file", id: fileId, field: "messages" });
    if (obj.type === "image") facts.imageTokens += ANTHROPIC_IMAGE_TOKENS_BOUND;
    // A plain-text document is text in the body: its bytes bound it, so they stay in the estimate.
    else if (source.type === "text" || source.type === "content") return;
    else facts.documents++;
    if (typeof source.data === "string") facts.inlineMediaChars += source.data.length;
  });
  facts.refs.push(...containerRefs(body.container));
  const tools = Array.isArray(body.tools) ? (body.tools as Json[]) : [];
  tools.forEach((tool, i) => {
    if (typeof tool?.type !== "string") return;
    const kind = serverToolKind(tool.type);
    if (CLIENT_TOOLS.has(kind)) return;
    const maxUses =
      typeof tool.max_uses === "number" && tool.max_uses >= 0 ? tool.max_uses : DEFAULT_TOOL_USES_BOUND;
    facts.tools.push({ tool: kind, maxUses, field: `tools.${i}.type` });
  });
  if (typeof body.inference_geo === "string" && body.inference_geo !== "global") {
    facts.refused.push({
      field: "inference_geo",
      message: `inference_geo: '${body.inference_geo}' is not offered by this gateway; omit it to run in any region.`,
    });
  }
  return facts;
}

/**
 * The stored objects a `container` names: the container itself (an id, or `{id}`) and any custom
 * skills loaded into it (https://platform.claude.com/docs/en/agents-and-tools/tool-use/code-execution-tool).
 */
function containerRefs(container: unknown): ObjectRef[] {
  const id = idOf(container);
  if (id) return [{ kind: "container", id, field: "container" }];
  if (typeof container !== "object" || container === null) return [];
  const c = container as Json;
  const refs: ObjectRef[] = [];
  const containerId = idOf(c.id);
  if (containerId) refs.push({ kind: "container", id: containerId, field: "container.id" });
  (Array.isArray(c.skills) ? (c.skills as Json[]) : []).forEach((skill, i) => {
    const skillId = skill?.type === "custom" ? idOf(skill.skill_id) : undefined;
    if (skillId) refs.push({ kind: "skill", id: skillId, field: `container.skills.${i}.skill_id` });
  });
  return refs;
}
