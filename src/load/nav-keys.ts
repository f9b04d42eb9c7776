// The front matter keys that place a page in the navigation: weft's `menu_order`,
// and Docusaurus' `sidebar_position` and `sidebar_label`, which docs moved from
// Docusaurus carry (read rather than ignored, so such a folder keeps its order).

import type { Diagnostics } from '../core/diagnostics.js'

export interface NavKeys {
  /** `menu_order`, else `sidebar_position`. */
  menuOrder: number | undefined
  /** Offset of the key that gave `menuOrder`, for messages about it. */
  menuOrderOffset: number
  /** What the navigation shows when it is not the title: `sidebar_label`. */
  navTitle?: string
}

/**
 * The navigation keys of a page's front matter. `menu_order` has been checked to be
 * a whole number already; `keyOffset` finds where a key was written.
 */
export function readNavKeys(data: Record<string, unknown>, keyOffset: (key: string) => number, file: string, diagnostics: Diagnostics): NavKeys {
  const order = data.menu_order
  const position = data.sidebar_position
  let keys: NavKeys = { menuOrder: typeof order === 'number' ? order : undefined, menuOrderOffset: keyOffset('menu_order') }
  if (position !== undefined && position !== null) {
    if (typeof position !== 'number' || !Number.isFinite(position)) {
      diagnostics.error('invalid-menu-order', `\`sidebar_position\` must be a number, not \`${String(position)}\``, { file, offset: keyOffset('sidebar_position') })
    } else if (order !== undefined && order !== null) {
      if (position !== order) diagnostics.warn('conflicting-menu-order', `\`sidebar_position: ${position}\` is ignored: \`menu_order: ${String(order)}\` orders this page`, { file, offset: keyOffset('sidebar_position') }, 'keep one of the two keys')
    } else {
      keys = { menuOrder: position, menuOrderOffset: keyOffset('sidebar_position') }
    }
  }
  const label = data.sidebar_label
  if (label !== undefined && label !== null) {
    if (typeof label === 'object' || String(label).trim() === '') {
      diagnostics.error('invalid-title', '`sidebar_label` must be text', { file, offset: keyOffset('sidebar_label') }, 'write the title the navigation shows, or leave the key out')
    } else keys.navTitle = String(label).trim()
  }
  return keys
}
