/**
 * The site's icon: a prompt glyph on the brand blue. The SVG is what pages link to; the ICO
 * (16 and 32 px PNGs, drawn from the same shapes) answers browsers and tools that ask for
 * /favicon.ico without reading the page.
 */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0969da"/><path d="M9 10l7 6-7 6M17 22h7" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>';

const ICO_BASE64 =
  "AAABAAIAEBAAAAEAIAC8AAAAJgAAACAgAAABACAALwEAAOIAAACJUE5HDQoaCgAAAA1JSERSAAAAEAAAABAIBgAAAB/z/2EAAACDSURBVHjaY2AAAs7MWwFAfB+I/xOJQWoDGJA0/ycTBzCQaDOGSxgo0AzGKAZo1Nz/f+jWt//mrQ/JN+DDt79gHDbjGekGgLBE0Z3/Fx//+A8CqQtfkG4AzJBNFz6DDZm89z2dDaDIC+iBCIsVZNyy5Q3x0UiyAeQmJIqTMmWZidLsDAADgmKnSZQEwgAAAABJRU5ErkJggolQTkcNChoKAAAADUlIRFIAAAAgAAAAIAgGAAAAc3p69AAAAPZJREFUeNpjYEACnJm3FIC4H4jPA/F/KuPzULMVGLABoEQCEL+ngcXoGGRHAjbL/9MZJyAH+/sBcMB7cHRA4+X/AOF+BholOKITJsMAWg7Gg98BqQtfgPGAOABkMQwsPv7xv0TRnYFzAAhcfPyD6o4gGAWT975HccSDN7/+m7c+pG8iRA+JD9/+/nfre0zfXACyEGQxMqBG4iQpG4KCHhQFyAAURXQtB0CJEJQYqRUSQ8sBAxoFA5oIBzQbEiqIQI5r2fIGJyYUShQVxejyuAA+R1BUGdHcAcRUxzSNghHTIhrwRumAN8sHtmMy4F2zQdE5HcjuOQAQJXsgFH6Q+AAAAABJRU5ErkJggg==";

/** The ICO file's bytes. */
export const FAVICON_ICO: Uint8Array = Uint8Array.from(atob(ICO_BASE64), (ch) => ch.charCodeAt(0));

/** Icons change with a release, not per request: let browsers and CDNs keep them a day. */
export const ICON_CACHE = "public, max-age=86400";
