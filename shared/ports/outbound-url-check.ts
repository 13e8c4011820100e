/**
 * The outbound URL policy without DNS — the send-time SSRF guard's own rules (https, or http to an
 * allowlisted host:port; no user-info; no internal address in any spelling). Returns the parsed URL or
 * throws OUTBOUND_BLOCKED with `details.reason`. Save-time checks call it so they can never disagree
 * with the guard.
 */
export type OutboundUrlCheck = (url: string | URL) => URL;
