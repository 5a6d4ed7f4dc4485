// Recorded SSE fixtures are imported as text modules (wrangler [[rules]] type "Text",
// esbuild loader ".sse": "text").
declare module "*.sse" {
  const text: string;
  export default text;
}
