/** Vite's `?raw` imports: a file's text, used to compare relayed bytes with recorded fixtures. */
declare module "*?raw" {
  const text: string;
  export default text;
}
