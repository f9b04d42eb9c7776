// The script `weft dev` adds to every page it serves: it listens for rebuilds and
// reloads the page (keeping its scroll position) when the page changed, swaps
// stylesheets when only CSS changed, and shows build errors over the page, with
// their hints, until the next change or until the reader closes them (Esc).

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
  let broken = false
  // The page shown: after a save that touches many pages, weft dev renders the open ones first.
  const events = new EventSource('${eventsPath}?page=' + encodeURIComponent(here()))
  events.addEventListener('error-state', (event) => {
    broken = true
    showErrors(JSON.parse(event.data).messages)
  })
  events.addEventListener('update', (event) => {
    const { changed } = JSON.parse(event.data)
    if (broken) return reload()
    const page = here()
    if (changed.includes(page)) return reload()
    const sheets = changed.filter((file) => file.endsWith('.css'))
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href)
      const file = decodeURIComponent(url.pathname).replace(/^\\/+/, '')
      if (sheets.includes(file)) {
        url.searchParams.set('weft', String(Date.now()))
        link.href = url.href
      }
    }
    const others = changed.filter((file) => !file.endsWith('.css') && !file.endsWith('.html'))
    const shown = [...document.querySelectorAll('[src]')].map((element) => decodeURIComponent(new URL(element.src, location.href).pathname).replace(/^\\/+/, ''))
    if (others.some((file) => shown.includes(file))) reload()
  })
})()
`
