// One digest for a list of strings, each length-prefixed so that no two lists
// give the same input: cache keys, page digests, the config's fingerprint.

import crypto from 'node:crypto'

export function hashParts(parts: readonly string[]): string {
  const hash = crypto.createHash('sha256')
  for (const part of parts) hash.update(String(part.length)).update(':').update(part)
  return hash.digest('hex')
}
