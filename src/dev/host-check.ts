// Which `Host` headers the dev server answers. A web page the author visits could
// otherwise point a DNS name of its own at 127.0.0.1 (DNS rebinding) and read the
// site and its live-reload events; a name rebinding needs is never one of these.

import net from 'node:net'

export interface HostRules {
  /** Names to answer besides this machine's (`.example.test`: that domain and its subdomains), or true for any. */
  allowedHosts: readonly string[] | true
  /** The `--host` the server listens on. */
  host?: string
}

/**
 * Whether a request with this `Host` header may be answered: `localhost` and its
 * subdomains, IP literals, the host the server listens on and the allowed names.
 * The port is ignored; a missing or malformed header is refused.
 */
export function isAllowedHost(header: string | undefined, rules: HostRules): boolean {
  const hostname = hostnameOf(header)
  if (hostname === undefined) return false
  if (rules.allowedHosts === true) return true
  if (net.isIP(hostname) !== 0 || hostname === 'localhost' || hostname.endsWith('.localhost')) return true
  if (rules.host !== undefined && normalize(rules.host) === hostname) return true
  return rules.allowedHosts.some((allowed) => {
    const name = normalize(allowed)
    return name.startsWith('.') ? hostname === name.slice(1) || hostname.endsWith(name) : hostname === name
  })
}

/** The name or address a `Host` header gives, lowercased, without its port, brackets or final dot. */
export function hostnameOf(header: string | undefined): string | undefined {
  const match = header ? /^(?:\[([0-9a-f:.]+)\]|([^\s:/?#@[\]\\]+))(?::\d{0,5})?$/i.exec(header) : null
  if (!match) return undefined
  if (match[1] !== undefined) return net.isIPv6(match[1]) ? match[1].toLowerCase() : undefined
  return normalize(match[2]!)
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, '')
}
