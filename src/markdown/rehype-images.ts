// Gives the page's local images their pixel width and height (so the layout does
// not jump while they load) and loads all but the first one lazily.

import type { Root } from 'hast'
import type { VFile } from 'vfile'
import { pageData } from './context.js'
import { readImageSize } from './image-size.js'
import { walkElements } from './walk-elements.js'

export function rehypeImages() {
  return (tree: Root, file: VFile) => {
    const data = pageData(file)
    let seen = 0
    walkElements(tree, (element) => {
      if (element.tagName !== 'img') return
      const properties = element.properties
      const source = data.images.get(element)
      const size = source ? readImageSize(source) : undefined
      if (size && properties.width === undefined && properties.height === undefined) {
        properties.width = size.width
        properties.height = size.height
      }
      // The first image is likely on screen at once; the others can wait for the scroll.
      if (seen++ > 0 && properties.loading === undefined) properties.loading = 'lazy'
      if (properties.decoding === undefined) properties.decoding = 'async'
    })
  }
}
