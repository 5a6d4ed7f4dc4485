// Plain JavaScript on purpose: it must run (and explain) on the old Node it refuses.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `cc-gateway needs Node.js >= 22.18 (it runs TypeScript scripts natively); this is ${process.version}: \`nvm install\` (reads .nvmrc), or run .ci/run`,
  );
  process.exit(1);
}
