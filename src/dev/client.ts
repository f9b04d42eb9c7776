// The script `weft dev` adds to every page it serves: it listens for rebuilds and
// reloads the page (keeping its scroll position) when the page changed, swaps
// stylesheets when only CSS changed, and shows build errors over the page.

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
  const showErrors = (messages) => {
    let overlay = document.getElementById(overlayId)
    if (!overlay) {
      overlay = document.createElement('div')
      overlay.id = overlayId
      overlay.setAttribute('role', 'alert')
      overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,22,30,.94);color:#f3f4f6;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem'
      document.body.appendChild(overlay)
    }
    overlay.textContent = ''
    const title = document.createElement('h2')
    title.textContent = 'weft: the build failed'
    title.style.cssText = 'color:#fca5a5;font:600 18px system-ui,sans-serif;margin:0 0 1rem'
    overlay.appendChild(title)
    for (const message of messages) {
      const block = document.createElement('pre')
      block.className = 'weft-error'
      block.style.cssText = 'white-space:pre-wrap;margin:0 0 1.25rem;padding:1rem;background:#111318;border-left:4px solid #f87171'
      const where = document.createElement('div')
      where.className = 'weft-error-place'
      where.textContent = message.file + ':' + message.line + ':' + message.column
      where.style.color = '#93c5fd'
      const what = document.createElement('div')
      what.className = 'weft-error-message'
      what.textContent = message.severity + ': ' + message.reason + (message.ruleId ? ' [' + message.ruleId + ']' : '')
      block.append(where, what)
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
      overlay.appendChild(block)
    }
  }
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
