// What the config's remark and rehype plugins say on the vfile (`file.message()`,
// `file.fail()`), turned into weft's messages at the place the author wrote the
// text: the vfile's positions are in the expanded page, the source map takes them
// back through includes. `file.info()` notes are not problems, so they are left out.

import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { location } from 'vfile-location'
import type { Point, Position } from 'unist'
import type { PageData } from './context.js'

export function reportPluginMessages(file: VFile, data: PageData): void {
  let lines: ReturnType<typeof location> | undefined
  for (const message of file.messages) {
    if (message.fatal === undefined || message.fatal === null) continue
    let offset = startOf(message.place)?.offset
    if (offset === undefined && message.line) {
      lines ??= location(file)
      offset = lines.toOffset({ line: message.line, column: message.column ?? 1 })
    }
    const origin = data.map.origin(offset ?? 0)
    const severity = message.fatal ? 'error' : 'warning'
    data.diagnostics.fromPlugin(severity, message.ruleId, message.source, message.reason, origin, hintOf(message))
  }
}

function startOf(place: VFileMessage['place']): Point | undefined {
  if (!place) return undefined
  return 'start' in place ? (place as Position).start : place
}

/** A plugin's `note`, else the page that explains its rule, is what weft shows as the hint. */
function hintOf(message: VFileMessage): string | undefined {
  if (message.note) return message.note
  return message.url ? `see ${message.url}` : undefined
}
