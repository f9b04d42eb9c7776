// Brings old HTML in authors' pages up to date so pages validate: `<center>`
// becomes a centred `<div>`, `frameborder` becomes CSS, vendor-prefixed attributes
// give way to their standard one, an `<iframe>` gets a title. What weft cannot make
// valid by itself (an image without alt text, elements HTML dropped) is reported as
// a warning at the place the author wrote it.

import type { Element, Properties, Root } from 'hast'
import type { VFile } from 'vfile'
import { originOf, pageData, type PageData } from './context.js'
import { walkElements } from './walk-elements.js'

/** Elements HTML dropped, and what each becomes. */
const renamed: Record<string, { tagName: string; style?: string }> = {
  center: { tagName: 'div', style: 'text-align:center' },
  tt: { tagName: 'code' },
  strike: { tagName: 's' },
  acronym: { tagName: 'abbr' },
  big: { tagName: 'span', style: 'font-size:larger' },
}
const unsupported = new Set(['font', 'marquee', 'blink', 'frame', 'frameset', 'applet', 'basefont', 'dir', 'isindex', 'listing', 'xmp', 'plaintext', 'nobr', 'spacer'])
/** Vendor-prefixed forms of attributes HTML now has, and the standard property each gives way to. */
const vendorPrefixed = /^(?:webkit|moz|ms|o)-?(allowfullscreen|playsinline)$/i
const standardOf: Record<string, string> = { allowfullscreen: 'allowFullScreen', playsinline: 'playsInline' }
/** What `align` meant; any other value could smuggle in CSS of its own. */
const textAlignments = new Set(['left', 'right', 'center', 'justify'])
const imageAlignments = new Set(['left', 'right', 'top', 'middle', 'bottom'])

export function rehypeModernizeHtml() {
  return (tree: Root, file: VFile) => {
    const data = pageData(file)
    walkElements(tree, (element, parent) => {
      modernize(element, data)
      const wrapped = parent.type === 'element' && String(parent.properties.className) === 'table-scroll'
      if (element.tagName === 'table' && !wrapped) wrapTable(element)
    })
  }
}

function modernize(element: Element, data: PageData): void {
  const properties = element.properties
  const rename = renamed[element.tagName]
  if (rename) {
    element.tagName = rename.tagName
    if (rename.style) addStyle(properties, rename.style)
  } else if (unsupported.has(element.tagName)) {
    data.diagnostics.warn('obsolete-html', `\`<${element.tagName}>\` is not part of HTML any more, so the page will not validate`, originOf(data, element), 'use CSS (a `style` attribute) instead')
  }
  for (const name of Object.keys(properties)) {
    // Unknown attributes keep their lowercase name in hast: `webkitallowfullscreen`.
    const match = vendorPrefixed.exec(name)
    if (!match) continue
    const standard = standardOf[match[1]!.toLowerCase()]!
    if (properties[standard] === undefined) properties[standard] = true
    delete properties[name]
  }
  if (element.tagName === 'iframe') {
    if ('frameBorder' in properties) {
      if (String(properties.frameBorder) === '0') addStyle(properties, 'border:0')
      delete properties.frameBorder
    }
    if (properties.title === undefined) properties.title = `Embedded content from ${hostOf(properties.src)}`
  }
  if (properties.align !== undefined && ['div', 'p', 'img', 'table', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(element.tagName)) {
    const align = String(properties.align).trim().toLowerCase()
    const isImage = element.tagName === 'img'
    if (!(isImage ? imageAlignments : textAlignments).has(align)) {
      data.diagnostics.warn('invalid-align', `\`align="${String(properties.align)}"\` is not an alignment; weft drops it`, originOf(data, element), 'write `left`, `right`, `center` or `justify`')
    } else if (isImage && (align === 'left' || align === 'right')) addStyle(properties, `float:${align}`)
    else if (!isImage) addStyle(properties, `text-align:${align}`)
    delete properties.align
  }
  if (typeof properties.style === 'string') {
    const style = properties.style
    // `padding: 10px float:left` lost a semicolon: browsers drop both declarations.
    const mended = style.replace(/(:[^;:]*?[^\s;:])\s+(?=[a-z-]+\s*:)/gi, '$1; ')
    if (mended !== style) {
      properties.style = mended
      data.diagnostics.warn('invalid-css', `A \`style\` is missing a semicolon; weft read \`${style}\` as \`${mended}\``, originOf(data, element), 'put a `;` after each declaration')
    }
  }
  if (element.tagName === 'img' && properties.alt === undefined) {
    properties.alt = ''
    data.diagnostics.warn('image-without-alt', `\`<img src="${String(properties.src ?? '')}">\` has no \`alt\` text; weft marks it as decoration (\`alt=""\`)`, originOf(data, element), 'describe what the image shows in `alt="…"`, for readers who cannot see it')
  }
}

/** A wide table scrolls inside a box that the keyboard can reach. */
function wrapTable(table: Element): void {
  const copy: Element = { ...table }
  table.tagName = 'div'
  table.properties = { className: ['table-scroll'], tabIndex: 0 }
  table.children = [copy]
}

function addStyle(properties: Properties, style: string): void {
  const existing = typeof properties.style === 'string' ? properties.style.trim() : ''
  properties.style = existing ? `${style}; ${existing}` : style
}

function hostOf(src: unknown): string {
  try {
    return new URL(String(src)).host || 'this site'
  } catch {
    return 'this site'
  }
}
