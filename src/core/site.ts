// The site model every later stage reads: its pages, where each one is written,
// and the tree they form (the navigation, previous/next and "part N of M"). A
// folder is a section of the tree: its index page when it has one, else a
// `Section`, a label over its pages that is not itself a page.

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
  /** What the navigation and previous/next show, when not the title (`sidebar_label`, or a folder's label). */
  navTitle?: string
  menuOrder: number | undefined
  /** The whole front matter, for the templates. */
  data: Record<string, unknown>
  /** Offset of the body in the file's text. */
  bodyOffset: number
  parent: Page | Section | undefined
  children: NavNode[]
  /** A home page weft made because the site has no `index.md`. */
  generated: boolean
}

/** A folder without an index page: a label in the navigation over its pages; no file is written for it. */
export interface Section {
  kind: 'section'
  /** The folder, absolute. */
  folder: string
  /** The folder, site-relative with `/`, as messages show it. */
  source: string
  /** The URL path an index page of the folder would have (`guides/`); no page has it. */
  route: string
  title: string
  menuOrder: number | undefined
  parent: Page | Section | undefined
  children: NavNode[]
}

/** An entry of the navigation tree. */
export type NavNode = Page | Section

export interface Site {
  root: string
  contentDir: string
  home: Page
  /** Top-level entries (the home page's children in the navigation), ordered. */
  roots: NavNode[]
  /** Every page in reading order: home, then the tree depth-first (sections are not pages). */
  pages: Page[]
  byFile: Map<string, Page>
  /**
   * The folders' metadata files (`_category_.json`…) the tree looked for, found or not:
   * a change to one of them changes the tree. (A render thread's copy of the site has none.)
   */
  sectionFiles?: string[]
}

export function isSection(node: NavNode): node is Section {
  return (node as Section).kind === 'section'
}

/** What the navigation shows for an entry. */
export function navTitleOf(node: NavNode): string {
  return isSection(node) ? node.title : (node.navTitle ?? node.title)
}
