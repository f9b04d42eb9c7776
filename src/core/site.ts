// The site model every later stage reads: its pages, where each one is written,
// and the tree they form (the navigation, previous/next and "part N of M").

export interface Page {
  /** Absolute path of the markdown file (for a generated home page: where it would be). */
  file: string
  /** Site-relative path of the file, with `/`, as messages show it. */
  source: string
  /** The page's URL path below the site: `''` for home, `part-4/` for `part-4.md`. */
  route: string
  /** Where the page is written below the output folder: `part-4/index.html`. */
  output: string
  title: string
  menuOrder: number | undefined
  /** The whole front matter, for the templates. */
  data: Record<string, unknown>
  /** Offset of the body in the file's text. */
  bodyOffset: number
  parent: Page | undefined
  children: Page[]
  /** A home page weft made because the site has no `index.md`. */
  generated: boolean
}

export interface Site {
  root: string
  contentDir: string
  home: Page
  /** Top-level pages (the home page's children in the navigation), ordered. */
  roots: Page[]
  /** Every page in reading order: home, then the tree depth-first. */
  pages: Page[]
  byFile: Map<string, Page>
}
