// weft's theme. Pages work without this script: it only adds to them.
(() => {
const d = document, html = d.documentElement
const $ = (selector, within = d) => within.querySelector(selector)
const $$ = (selector, within = d) => [...within.querySelectorAll(selector)]
const make = (tag, text, className) => Object.assign(d.createElement(tag), text && { textContent: text }, className && { className })
const isOpen = (element) => element.getAttribute('aria-expanded') === 'true'
const setOpen = (element, open) => element.setAttribute('aria-expanded', open)
const idOf = (hash) => { try { return decodeURIComponent(hash.slice(1)) } catch { return hash.slice(1) } }
// `--safe` sites prefix authors' ids and names as GitHub does: `#x` finds `user-content-x`
const byHash = (hash) => {
  const id = idOf(hash)
  return id ? d.getElementById(id) || d.getElementById('user-content-' + id) || d.getElementsByName('user-content-' + id)[0] : null
}

const live = d.body.appendChild(make('p', '', 'sr-only'))
live.setAttribute('role', 'status')
const say = (text) => {
  live.textContent = ''
  setTimeout(() => (live.textContent = text), 50)
}

// Light/dark: the system's until the reader picks
const system = matchMedia('(prefers-color-scheme: dark)')
const isDark = () => html.classList.contains('dark') || (!html.classList.contains('light') && system.matches)
for (const button of $$('.theme-toggle')) {
  const sync = () => button.setAttribute('aria-pressed', isDark())
  sync()
  system.addEventListener('change', sync)
  button.addEventListener('click', () => {
    const theme = isDark() ? 'light' : 'dark'
    html.classList.remove('light', 'dark')
    html.classList.add(theme)
    try { localStorage.setItem('weft-theme', theme) } catch {}
    sync()
  })
}

const menu = $('.menu-button'), sidebar = $('.sidebar')
if (menu && sidebar) {
  const open = (on, refocus) => {
    if (on === isOpen(menu)) return
    setOpen(menu, on)
    html.classList.toggle('menu-open', on)
    if (on) ($('[aria-current="page"]', sidebar) || $('a', sidebar)).focus()
    else if (refocus) menu.focus()
  }
  menu.addEventListener('click', () => open(!isOpen(menu)))
  d.addEventListener('keydown', (event) => event.key === 'Escape' && open(false, sidebar.contains(d.activeElement)))
  d.addEventListener('click', (event) => sidebar.contains(event.target) || menu.contains(event.target) || open(false))
  sidebar.addEventListener('focusout', ({ relatedTarget: to }) => to && !sidebar.contains(to) && to !== menu && open(false))
}

// A large site's pages list only the pages around them; the whole tree comes from
// one file all pages share, and is built here: sections fill in when first opened.
const shared = sidebar?.dataset.nav
if (shared) {
  const list = $('ul', sidebar), root = sidebar.dataset.root || ''
  const here = $('[aria-current="page"]', sidebar)?.href
  // Entries' hrefs are encoded as the page's own links are: compared as text, not parsed
  const base = new URL(root, d.baseURI).href
  // The entries from the top down to the current page
  const pathTo = (entries) => {
    for (const entry of entries) {
      if (base + entry[1] === here) return [entry]
      const below = entry[2] && pathTo(entry[2])
      if (below) return [entry, ...below]
    }
  }
  // An entry without href is a section (a folder without an index page): its label is the summary that folds its pages
  const item = ([title, href, children], open) => {
    const li = make('li'), box = children && make('details'), summary = box && make('summary', href === null ? title : '')
    if (href === null) li.className = 'section'
    else {
      const a = li.appendChild(make('a', title))
      a.href = root + href
      if (base + href === here) a.setAttribute('aria-current', 'page')
      if (box) {
        li.className = 'has-children'
        summary.append(make('span', `Pages in ${title}`, 'sr-only'))
      }
    }
    if (box) {
      li.appendChild(box).append(summary)
      const sub = box.appendChild(make('ul'))
      const fill = () => sub.firstChild || sub.append(...children.map((child) => item(child, open)))
      if (open.has(children)) {
        box.open = true
        fill()
      } else {
        // On the click that opens it, not at `toggle`, which comes later: a Tab pressed
        // right after Enter would find the list still empty and leave the sidebar
        summary.addEventListener('click', fill, { once: true })
        box.addEventListener('toggle', fill, { once: true })
      }
    }
    return li
  }
  window.weftNav = (tree) => {
    const open = new Set((here && pathTo(tree) || []).map((entry) => entry[2]))
    const focused = sidebar.contains(d.activeElement) && d.activeElement.href
    list.replaceChildren(list.firstElementChild, ...tree.map((entry) => item(entry, open)))
    const current = $('[aria-current="page"]', sidebar)
    if (focused) $$('a', sidebar).find((a) => a.href === focused)?.focus({ preventScroll: true })
    // The current page in view in the sidebar (a third of the way down) when it is not;
    // at the next frame, which lays the page out anyway
    requestAnimationFrame(() => {
      const box = sidebar.getBoundingClientRect(), at = current?.getBoundingClientRect()
      if (at && (at.top < box.top || at.bottom > box.bottom)) sidebar.scrollTop += at.top - box.top - sidebar.clientHeight / 3
    })
  }
  d.head.append(Object.assign(make('script'), { src: shared }))
}

// A Copy button on each code block that has none yet: blocks a `weft dev` update
// adds get theirs when it is done, and those that had one keep just that one.
const withCopy = new WeakSet()
const addCopyButtons = () => $$('pre').filter((pre) => !withCopy.has(pre)).forEach(addCopyButton)
const addCopyButton = (pre) => {
  withCopy.add(pre)
  const box = make('div', '', 'code'), button = make('button', 'Copy', 'copy')
  button.type = 'button'
  button.setAttribute('aria-label', 'Copy code')
  pre.before(box)
  box.append(pre, button)
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(pre.textContent)
      button.textContent = 'Copied'
    } catch {
      button.textContent = 'Copy failed'
    }
    say(button.textContent)
    clearTimeout(button.timer)
    button.timer = setTimeout(() => (button.textContent = 'Copy'), 2000)
  })
}
addCopyButtons()

// A link into closed <details> opens them; on paper all are open. The browser
// scrolls to `#x` itself, but not to `user-content-x` or into closed details.
const reveal = () => {
  const target = byHash(location.hash)
  if (!target) return
  const hidden = target.closest('details:not([open])')
  for (let box = hidden; box; box = box.parentElement.closest('details')) box.open = true
  if (hidden || target.id !== idOf(location.hash)) target.scrollIntoView()
}
addEventListener('hashchange', reveal)
reveal()
let closed = []
addEventListener('beforeprint', () => (closed = $$('details:not([open])')).forEach((box) => (box.open = true)))
addEventListener('afterprint', () => closed.forEach((box) => (box.open = false)))

// 'On this page': its toggle, and the link of the heading being read marked `active`.
// A `weft dev` update can add, remove or rename headings and the table itself: then the
// headings are found again and the observers watch those; listeners go on once a table.
let headings = [], current, atEnd
// The last heading above 30% of the view (at the end of the page: in view)
const markActive = () => {
  if (!headings.length) return
  let active = headings[0][0]
  for (const [link, heading] of headings) {
    if (heading.getClientRects().length && heading.getBoundingClientRect().top < innerHeight * (atEnd ? 1 : 0.3)) active = link
  }
  current?.classList.remove('active')
  active.classList.add('active')
  current = active
}
const watchHeadings = new IntersectionObserver(markActive, { rootMargin: '0px 0px -70% 0px' })
const watchEnd = new IntersectionObserver(([entry]) => {
  atEnd = entry.isIntersecting
  markActive()
})
const withListeners = new WeakSet()
// One listener on the table, not on its toggle and links, which an update may replace
const listenToToc = (toc) => {
  withListeners.add(toc)
  toc.addEventListener('click', (event) => {
    const toggle = $('.toc-toggle', toc)
    if (toggle?.contains(event.target)) setOpen(toggle, !isOpen(toggle))
    else if (toggle && event.target.closest('a')) setOpen(toggle, false)
  })
}
const setUpToc = () => {
  const toc = $('.toc')
  headings = toc ? $$('a', toc).map((link) => [link, byHash(link.hash)]).filter(([, heading]) => heading) : []
  watchHeadings.disconnect()
  watchEnd.disconnect()
  if (!headings.length) return
  if (!withListeners.has(toc)) listenToToc(toc)
  headings.forEach(([, heading]) => watchHeadings.observe(heading))
  watchEnd.observe($('body > footer') || $('main').lastElementChild)
}
setUpToc()

// `weft dev` changed the page in place (src/dev/client.ts): what a saved page can add
// is set up again. The rest hangs on the header, the sidebar or the document, which a
// saved page does not replace (a changed template or navigation script reloads it).
d.addEventListener('weft:updated', () => {
  addCopyButtons()
  setUpToc()
})

let pagefind
// Results' URLs from the site's root (`/part-4/index.html`), wherever the site is
// served: `link` makes them relative. Pagefind's own default would start them with
// the path a host serves the site below, which `link` would then add twice.
// A large site's index comes in shards, which weft-shards.json names, to merge into the first.
const load = (root) => {
  const folder = new URL(`${root}pagefind/`, d.baseURI)
  return (pagefind ??= import(new URL('pagefind.js', folder).href).then(async (module) => {
    await module.options({ baseUrl: '/' })
    await module.init()
    const shards = await (await fetch(new URL('weft-shards.json', folder))).json()
    for (const shard of shards) await module.mergeIndex(new URL(shard, folder).href, { baseUrl: '/' })
    return module
  }))
}
// Pagefind ranks the pages of merged shards together, each by its own shard's word
// statistics: a shard holds at least 100 pages picked by a hash of their path, so
// these stay close to the whole site's.
const search = async (module, query) => (await module.search(query)).results
for (const form of $$('.search')) {
  const input = $('input', form), panel = $('.results', form), root = form.dataset.root || ''
  let timer, latest = 0
  const show = (...nodes) => {
    panel.replaceChildren(...nodes)
    panel.hidden = !nodes.length
  }
  const note = (text) => {
    show(make('p', text))
    say(text)
  }
  const link = ({ url, title, excerpt }) => {
    const a = make('a')
    // `/part-4/index.html#x` from the site's root, made relative
    a.href = root + url.replace(/^\//, '').replace(/(^|\/)(?=#|$)/, '$1index.html')
    a.innerHTML = excerpt // escaped by Pagefind, with <mark>
    a.prepend(make('strong', title || url))
    return a
  }
  const run = async () => {
    const query = input.value.trim(), asked = ++latest
    if (!query) return show()
    let found
    try {
      const results = await search(await load(root), query)
      found = await Promise.all(results.slice(0, 8).map((result) => result.data()))
    } catch {
      pagefind = undefined
      return note(location.protocol === 'file:' ? 'Search needs the site to be served over HTTP.' : 'Search is not available.')
    }
    if (asked !== latest) return
    if (!found.length) return note(`No results for “${query}”`)
    const list = make('ul')
    for (const page of found) {
      const item = list.appendChild(make('li'))
      item.append(link({ ...page, title: page.meta.title }))
      const sections = page.sub_results.filter((section) => section.url.includes('#')).slice(0, 5)
      if (sections.length) {
        const sub = item.appendChild(make('ul'))
        for (const section of sections) sub.appendChild(make('li')).append(link(section))
      }
    }
    show(list)
    say(`${found.length} result${found.length > 1 ? 's' : ''}`)
  }
  input.addEventListener('focus', () => {
    load(root).catch(() => {})
    if (input.value.trim() && panel.firstChild) panel.hidden = false
  })
  input.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(run, 150)
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    $('a', panel)?.click()
  })
  form.addEventListener('keydown', (event) => {
    const links = $$('a', panel), at = links.indexOf(d.activeElement), step = { ArrowDown: 1, ArrowUp: -1 }[event.key]
    if (step && !panel.hidden && links.length) {
      event.preventDefault()
      const next = links.at(at < 0 ? (step > 0 ? 0 : -1) : at + step) || links[0]
      next.focus()
    } else if (event.key === 'Escape' && !panel.hidden) {
      event.stopPropagation()
      input.focus()
      panel.hidden = true
    }
  })
  panel.addEventListener('click', (event) => event.target.closest('a') && (panel.hidden = true))
  // Later, so that a tapped result still opens
  form.addEventListener('focusout', () => setTimeout(() => form.contains(d.activeElement) || (panel.hidden = true), 150))
}
d.addEventListener('keydown', (event) => {
  const input = $('.search input'), active = d.activeElement
  if (event.key === '/' && input && !(event.ctrlKey || event.metaKey || event.altKey || active.matches('input, textarea, select, [contenteditable]'))) {
    event.preventDefault()
    input.focus()
  }
})
})()
