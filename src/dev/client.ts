// The script `weft dev` adds to every page it serves: it listens for rebuilds and
// updates the open page in place when it changed (or reloads it, keeping its scroll
// position, when its head or the theme changed), swaps stylesheets when only CSS
// changed, and shows build errors over the page, with their hints, until the next
// change or until the reader closes them (Esc).
//
// In place: the page as served is kept aside (the script runs before the theme's), and
// a save changes the live page only where the served page changed. What the theme's
// script made (copy buttons, the sidebar's tree, search results, `aria-pressed`) and
// what the reader did (scroll, open `<details>`, focus, text typed) stay as they are.

export const clientPath = '/__weft/client.js'
export const eventsPath = '/__weft/events'

export const clientScript = `(() => {
  const key = 'weft:scroll:' + location.pathname
  const saved = sessionStorage.getItem(key)
  if (saved !== null) {
    sessionStorage.removeItem(key)
    const y = Number(saved)
    addEventListener('load', () => scrollTo(0, y))
    scrollTo(0, y)
  }
  const here = () => {
    let path = decodeURIComponent(location.pathname).replace(/^\\/+/, '')
    if (path === '' || path.endsWith('/')) path += 'index.html'
    return path
  }
  const reload = () => {
    sessionStorage.setItem(key, String(scrollY))
    location.reload()
  }
  const overlayId = 'weft-error-overlay'
  // Where focus was before the overlay took it, to give it back when it is closed.
  let focusBefore = null
  const overlayShown = () => {
    const overlay = document.getElementById(overlayId)
    return overlay !== null && !overlay.hidden
  }
  const hideErrors = () => {
    const overlay = document.getElementById(overlayId)
    if (!overlay || overlay.hidden) return
    overlay.hidden = true
    if (focusBefore && focusBefore.isConnected) focusBefore.focus()
    focusBefore = null
  }
  const showErrors = (messages) => {
    let overlay = document.getElementById(overlayId)
    if (!overlay) {
      overlay = document.createElement('div')
      overlay.id = overlayId
      overlay.hidden = true
      overlay.setAttribute('role', 'alertdialog')
      overlay.setAttribute('aria-modal', 'true')
      overlay.setAttribute('aria-labelledby', overlayId + '-title')
      overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,22,30,.94);color:#f3f4f6;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem'
      document.body.appendChild(overlay)
    }
    const wasShown = !overlay.hidden
    overlay.textContent = ''
    const header = document.createElement('div')
    header.style.cssText = 'display:flex;align-items:flex-start;justify-content:space-between;gap:1rem;margin:0 0 1rem'
    const title = document.createElement('h2')
    title.id = overlayId + '-title'
    title.textContent = 'weft: the build failed'
    title.style.cssText = 'color:#fca5a5;font:600 18px system-ui,sans-serif;margin:0'
    const close = document.createElement('button')
    close.type = 'button'
    close.className = 'weft-error-close'
    close.textContent = 'Close'
    close.setAttribute('aria-keyshortcuts', 'Escape')
    close.title = 'Hide until the next change (Esc)'
    close.style.cssText = 'font:600 14px system-ui,sans-serif;color:#111318;background:#f3f4f6;border:0;border-radius:4px;padding:.4rem .9rem;cursor:pointer'
    close.addEventListener('click', hideErrors)
    header.append(title, close)
    overlay.appendChild(header)
    for (const message of messages) {
      const block = document.createElement('pre')
      block.className = 'weft-error'
      block.style.cssText = 'white-space:pre-wrap;margin:0 0 1.25rem;padding:1rem;background:#111318;border-left:4px solid #f87171'
      if (message.file) {
        const where = document.createElement('div')
        where.className = 'weft-error-place'
        where.textContent = message.file + ':' + message.line + ':' + message.column
        where.style.color = '#93c5fd'
        block.append(where)
      }
      const what = document.createElement('div')
      what.className = 'weft-error-message'
      what.textContent = message.severity + ': ' + message.reason + (message.ruleId ? ' [' + message.ruleId + ']' : '')
      block.append(what)
      for (const frame of message.includedFrom || []) {
        const line = document.createElement('div')
        line.textContent = '  included from ' + frame.file + ':' + frame.line + ':' + frame.column
        line.style.color = '#9ca3af'
        block.append(line)
      }
      if (message.sourceLine !== undefined) {
        const code = document.createElement('div')
        code.className = 'weft-error-source'
        code.textContent = String(message.line).padStart(5) + ' | ' + message.sourceLine
        code.style.cssText = 'margin-top:.5rem;color:#fde68a'
        block.append(code)
      }
      if (message.note) {
        const hint = document.createElement('div')
        hint.className = 'weft-error-hint'
        hint.textContent = 'hint: ' + message.note
        hint.style.cssText = 'margin-top:.5rem;color:#86efac'
        block.append(hint)
      }
      overlay.appendChild(block)
    }
    overlay.hidden = false
    // The overlay covers the page: the keyboard goes to its button, and comes back when it closes.
    if (wasShown) {
      if (overlay.contains(document.activeElement) || document.activeElement === document.body) close.focus()
    } else {
      focusBefore = document.activeElement
      close.focus()
    }
  }
  // Esc closes the overlay before the page's own Esc handlers see it; Tab stays on its button.
  addEventListener(
    'keydown',
    (event) => {
      if (!overlayShown()) return
      if (event.key === 'Escape') {
        event.preventDefault()
        event.stopImmediatePropagation()
        hideErrors()
      } else if (event.key === 'Tab') {
        event.preventDefault()
        document.querySelector('#' + overlayId + ' .weft-error-close').focus()
      }
    },
    true,
  )
  // The served page, and for each of its nodes the node it is in the live page.
  const served = document.documentElement.cloneNode(true)
  const live = new WeakMap()
  const pair = (copy, node) => {
    live.set(copy, node)
    for (let i = 0; i < copy.childNodes.length; i++) pair(copy.childNodes[i], node.childNodes[i])
  }
  pair(served, document.documentElement)
  // Scripts run while the page was parsed may have set attributes of <html> (a \`dark\`
  // class) before this one copied it: those the server sent come from the page's source.
  const rootServed = fetch(location.href, { cache: 'no-store' })
    .then((response) => response.text())
    .then((html) => {
      const root = new DOMParser().parseFromString(html, 'text/html').documentElement
      for (const name of served.getAttributeNames()) served.removeAttribute(name)
      for (const { name, value } of root.attributes) served.setAttribute(name, value)
    })
  const stale = new Error('the live page no longer matches the served one')
  // The child of \`parent\` that holds \`node\` (itself, or a wrapper a script put around it).
  const within = (node, parent) => {
    while (node && node.parentNode !== parent) node = node.parentNode
    if (!node) throw stale
    return node
  }
  const remove = (copy, parent) => {
    within(live.get(copy), parent).remove()
    copy.remove()
  }
  // A script put into the page does not run: a page with a new or changed one loads again.
  const isScript = (node) => node.nodeName === 'SCRIPT' || (node.nodeType === Node.ELEMENT_NODE && node.querySelector('script') !== null)
  const insert = (fresh, copyParent, parent, copyNext) => {
    if (isScript(fresh)) throw stale
    const copy = fresh.cloneNode(true)
    const node = document.importNode(fresh, true)
    parent.insertBefore(node, copyNext ? within(live.get(copyNext), parent) : null)
    copyParent.insertBefore(copy, copyNext)
    pair(copy, node)
  }
  // Makes \`copy\` (a node of the served page) like \`fresh\` (the same place in the new
  // page), and its live node with it, changing only what differs between the two.
  const patch = (copy, fresh) => {
    if (copy.isEqualNode(fresh)) return
    const node = live.get(copy)
    if (!node || !node.isConnected || copy.nodeName === 'SCRIPT') throw stale
    if (copy.nodeType !== fresh.nodeType || copy.nodeName !== fresh.nodeName) {
      const parent = copy.parentNode, next = copy.nextSibling
      const liveParent = live.get(parent)
      remove(copy, liveParent)
      return insert(fresh, parent, liveParent, next)
    }
    if (copy.nodeType !== Node.ELEMENT_NODE) {
      node.nodeValue = copy.nodeValue = fresh.nodeValue
      return
    }
    // Only the attributes the server changed: those a script or the reader set stay.
    for (const { name, value } of fresh.attributes) {
      if (copy.getAttribute(name) !== value) {
        node.setAttribute(name, value)
        copy.setAttribute(name, value)
      }
    }
    for (const name of copy.getAttributeNames()) {
      if (!fresh.hasAttribute(name)) {
        node.removeAttribute(name)
        copy.removeAttribute(name)
      }
    }
    // The children that differ lie between an equal start and an equal end; among
    // them, the longest run of equal ones stays, and what lies between is changed.
    const before = [...copy.childNodes], after = [...fresh.childNodes]
    let start = 0, end = 0
    while (start < before.length && start < after.length && before[start].isEqualNode(after[start])) start++
    while (end < before.length - start && end < after.length - start && before[before.length - 1 - end].isEqualNode(after[after.length - 1 - end])) end++
    const gone = before.slice(start, before.length - end), come = after.slice(start, after.length - end)
    let i = 0, j = 0
    for (const [oldAt, newAt] of [...sameNodes(gone, come), [gone.length, come.length]]) {
      patchGap(gone.slice(i, oldAt), come.slice(j, newAt), copy, node, gone[oldAt] || (end > 0 ? before[before.length - end] : null))
      i = oldAt + 1
      j = newAt + 1
    }
  }
  // Children that changed, between two that did not: those of the same kind in turn
  // are changed one by one (a wrapper a script made around one stays), the others
  // removed or added.
  const patchGap = (gone, come, copy, node, next) => {
    let i = 0, j = 0
    while (i < gone.length && j < come.length) {
      if (gone[i].nodeName === come[j].nodeName) patch(gone[i++], come[j++])
      else if (gone.slice(i + 1).some((child) => child.nodeName === come[j].nodeName)) remove(gone[i++], node)
      else insert(come[j++], copy, node, gone[i])
    }
    while (i < gone.length) remove(gone[i++], node)
    while (j < come.length) insert(come[j++], copy, node, next)
  }
  const text = (child) => (child.nodeType === Node.ELEMENT_NODE ? child.outerHTML : child.nodeName + child.nodeValue)
  // The pairs of positions of the longest common run of equal nodes (a page's
  // children: a few hundred at most; past that, none are kept).
  const sameNodes = (gone, come) => {
    if (gone.length * come.length > 250000) return []
    const a = gone.map(text), b = come.map(text)
    const longest = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1))
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) longest[i][j] = a[i] === b[j] ? longest[i + 1][j + 1] + 1 : Math.max(longest[i + 1][j], longest[i][j + 1])
    }
    const pairs = []
    for (let i = 0, j = 0; i < a.length && j < b.length; ) {
      if (a[i] === b[j]) pairs.push([i++, j++])
      else if (longest[i + 1][j] >= longest[i][j + 1]) i++
      else j++
    }
    return pairs
  }
  // Scripts and styles the page loads: when they change, only a reload runs them.
  const assets = (head) => [...head.querySelectorAll('script, link, style, base')].map((element) => element.outerHTML).join('\\n')
  const update = async () => {
    await rootServed
    const response = await fetch(location.href, { cache: 'no-store' })
    if (!response.ok) return reload()
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html')
    if (assets(fresh.head) !== assets(served.querySelector('head'))) return reload()
    patch(served, fresh.documentElement)
    document.dispatchEvent(new CustomEvent('weft:updated'))
  }
  // One update at a time; if a step fails, the page loads again.
  let updating = Promise.resolve()
  const updateSoon = () => (updating = updating.then(update).catch(reload))
  let broken = false
  // The page shown: after a save that touches many pages, weft dev renders the open ones first.
  const events = new EventSource('${eventsPath}?page=' + encodeURIComponent(here()))
  events.addEventListener('error-state', (event) => {
    broken = true
    showErrors(JSON.parse(event.data).messages)
  })
  events.addEventListener('update', (event) => {
    const { changed, theme } = JSON.parse(event.data)
    if (broken) return reload()
    const page = here()
    // New templates or theme scripts run only in a page loaded again; so do the files it shows (images, scripts).
    const others = changed.filter((file) => !file.endsWith('.css') && !file.endsWith('.html'))
    const shown = [...document.querySelectorAll('[src]')].map((element) => decodeURIComponent(new URL(element.src, location.href).pathname).replace(/^\\/+/, ''))
    if ((theme && changed.includes(page)) || others.some((file) => shown.includes(file))) return reload()
    const sheets = changed.filter((file) => file.endsWith('.css'))
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href)
      const file = decodeURIComponent(url.pathname).replace(/^\\/+/, '')
      if (sheets.includes(file)) {
        url.searchParams.set('weft', String(Date.now()))
        link.href = url.href
      }
    }
    if (changed.includes(page)) updateSoon()
  })
})()
`
