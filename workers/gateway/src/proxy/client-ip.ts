/** The caller's IP as Cloudflare reports it; "unknown" off the edge (local dev, tests). */
export const clientIp = (headers: Headers): string => headers.get("cf-connecting-ip") ?? "unknown";
