// weft's default theme. Every page reads completely without this script; it only adds:
// the theme toggle, the menu drawer, search, copy buttons and "On this page" tracking.
(() => {
  const d = document, html = d.documentElement
  const $ = (selector, within = d) => within.querySelector(selector)
  const $$ = (selector, within = d) => [...within.querySelectorAll(selector)]
  const make = (tag, className, text) => {
    const element = d.createElement(tag)
    if (className) element.className = className
    if (text) element.textContent = text
    return element
  }
  const wide = (rem) => matchMedia(`(min-width: ${rem}rem)`)

  // Announcements for screen readers ("Copied", "5 results").
  const live = make('p', 'sr-only')
  live.setAttribute('role', 'status')
  d.body.append(live)
  const say = (text) => {
    live.textContent = ''
    setTimeout(() => (live.textContent = text), 50)
  }

  // Light/dark: the system's choice until the reader picks one, remembered.
  const system = matchMedia('(prefers-color-scheme: dark)')
  const isDark = () => html.classList.contains('dark') || (!html.classList.contains('light') && system.matches)
  for (const button of $$('.theme-toggle')) {
    const sync = () => button.setAttribute('aria-pressed', String(isDark()))
    sync()
    system.addEventListener('change', sync)
    button.addEventListener('click', () => {
      const theme = isDark() ? 'light' : 'dark'
      html.classList.remove('light', 'dark')
      html.classList.add(theme)
      try {
        localStorage.setItem('weft-theme', theme)
      } catch {}
      sync()
    })
  }

  // The navigation drawer on narrow screens.
  const menu = $('.menu-button'), sidebar = $('#sidebar')
  if (menu && sidebar) {
    const isOpen = () => menu.getAttribute('aria-expanded') === 'true'
    const open = () => {
      menu.setAttribute('aria-expanded', 'true')
      html.classList.add('menu-open')
      // After the drawer's visibility changes, so the link can take focus.
      requestAnimationFrame(() => ($('[aria-current="page"]', sidebar) || $('a', sidebar)).focus())
    }
    const close = (refocus) => {
      if (!isOpen()) return
      menu.setAttribute('aria-expanded', 'false')
      html.classList.remove('menu-open')
      if (refocus) menu.focus()
    }
    menu.addEventListener('click', () => (isOpen() ? close() : open()))
    d.addEventListener('keydown', (event) => event.key === 'Escape' && close(sidebar.contains(d.activeElement)))
    d.addEventListener('click', (event) => !sidebar.contains(event.target) && !menu.contains(event.target) && close())
    sidebar.addEventListener('focusout', (event) => {
      const to = event.relatedTarget
      if (to && !sidebar.contains(to) && to !== menu) close()
    })
    wide(48.01).addEventListener('change', () => close())
  }

  // A copy button on every code block.
  for (const pre of $$('.prose pre')) {
    const box = make('div', 'code'), button = make('button', 'copy', 'Copy')
    button.type = 'button'
    button.setAttribute('aria-label', 'Copy code')
    pre.before(box)
    box.append(pre, button)
    button.addEventListener('click', async () => {
      const text = ($('code', pre) || pre).textContent
      let done = true
      try {
        await navigator.clipboard.writeText(text)
      } catch {
        // No clipboard API off https and localhost: the old way.
        const area = make('textarea')
        area.value = text
        area.style.cssText = 'position:fixed;opacity:0'
        d.body.append(area)
        area.select()
        done = d.execCommand('copy')
        area.remove()
        button.focus()
      }
      button.textContent = done ? 'Copied' : 'Copy failed'
      button.classList.add('done')
      say(done ? 'Copied to the clipboard' : 'Could not copy')
      clearTimeout(button.timer)
      button.timer = setTimeout(() => {
        button.textContent = 'Copy'
        button.classList.remove('done')
      }, 2000)
    })
  }

  // A link to a heading inside a closed <details> opens it.
  const reveal = () => {
    const target = location.hash && d.getElementById(decodeURIComponent(location.hash.slice(1)))
    if (!target) return
    let opened = false
    for (let box = target.closest('details'); box; box = box.parentElement?.closest('details')) {
      if (!box.open) opened = box.open = true
    }
    if (opened) target.scrollIntoView()
  }
  addEventListener('hashchange', reveal)
  reveal()
  // On paper, every <details> shows its content; they close again afterwards.
  let closed = []
  addEventListener('beforeprint', () => {
    closed = $$('details:not([open])')
    for (const box of closed) box.open = true
  })
  addEventListener('afterprint', () => closed.forEach((box) => (box.open = false)))
  const printButton = $('.print-button')
  if (printButton) {
    printButton.hidden = false
    printButton.addEventListener('click', () => print())
  }

  // "On this page": mark the section being read; a toggle on narrower screens.
  const toc = $('.toc')
  if (toc) {
    const toggle = $('.toc-toggle', toc)
    const setToggle = (expanded) => toggle.setAttribute('aria-expanded', String(expanded))
    toggle.addEventListener('click', () => setToggle(toggle.getAttribute('aria-expanded') !== 'true'))
    toc.addEventListener('click', (event) => event.target.closest('a') && setToggle(false))
    const entries = $$('a', toc)
      .map((link) => [link, d.getElementById(decodeURIComponent(link.hash.slice(1)))])
      .filter(([, heading]) => heading)
    let current, atEnd = false
    const update = () => {
      const line = atEnd ? innerHeight : innerHeight * 0.3
      let active
      for (const [link, heading] of entries) {
        if (heading.getClientRects().length && heading.getBoundingClientRect().top < line) active = link
      }
      active = active || entries[0]?.[0]
      if (active !== current) {
        current?.classList.remove('active')
        active?.classList.add('active')
        current = active
      }
    }
    const observer = new IntersectionObserver(update, { rootMargin: '0px 0px -70% 0px' })
    for (const [, heading] of entries) observer.observe(heading)
    // At the end of the page, the last headings never reach the top: the last one in view wins.
    const end = $('.pager') || $('.page-meta') || $('.prose')
    new IntersectionObserver(([entry]) => {
      atEnd = entry.isIntersecting
      update()
    }).observe(end)
    addEventListener('hashchange', update)
  }

  // Search with Pagefind's index, loaded on first use.
  let pagefind
  const load = (root) =>
    (pagefind ??= import(new URL(`${root}pagefind/pagefind.js`, d.baseURI).href).then(async (module) => {
      await module.init()
      return module
    }))
  for (const form of $$('.search')) {
    const input = $('input', form), panel = $('.search-results', form), root = form.dataset.root || ''
    let timer, latest = 0
    // Pagefind gives site-root URLs (`/part-4/index.html#x`): make them relative to this page.
    const href = (url) => root + url.replace(/^\//, '').replace(/(^|\/)(?=#|$)/, '$1index.html')
    const show = (...nodes) => {
      panel.replaceChildren(...nodes)
      panel.hidden = !nodes.length
    }
    const note = (text) => {
      show(make('p', 'search-note', text))
      say(text)
    }
    const link = (url, title, excerpt) => {
      const a = make('a')
      a.href = href(url)
      const more = make('span', 'result-excerpt')
      more.innerHTML = excerpt // Pagefind escapes the page's text and adds only <mark>.
      a.append(make('span', 'result-title', title), more)
      return a
    }
    const run = async () => {
      const query = input.value.trim(), asked = ++latest
      if (!query) return show()
      let found
      try {
        const search = await (await load(root)).search(query)
        found = await Promise.all(search.results.slice(0, 8).map((result) => result.data()))
      } catch {
        pagefind = undefined
        return note(location.protocol === 'file:' ? 'Search needs the site to be served over HTTP.' : 'Search is not available right now.')
      }
      if (asked !== latest) return
      if (!found.length) return note(`No results for “${query}”`)
      const list = make('ul')
      for (const page of found) {
        const item = make('li')
        item.append(link(page.url, page.meta.title || page.url, page.excerpt))
        const sections = (page.sub_results || []).filter((sub) => sub.url.includes('#')).slice(0, 5)
        if (sections.length) {
          const sub = make('ul')
          for (const section of sections) {
            const entry = make('li')
            entry.append(link(section.url, section.title, section.excerpt))
            sub.append(entry)
          }
          item.append(sub)
        }
        list.append(item)
      }
      show(list)
      say(`${found.length} result${found.length === 1 ? '' : 's'}`)
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
      const links = $$('a', panel), at = links.indexOf(d.activeElement)
      if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && !panel.hidden && links.length) {
        event.preventDefault()
        const step = event.key === 'ArrowDown' ? 1 : -1
        links[at === -1 ? (step > 0 ? 0 : links.length - 1) : (at + step + links.length) % links.length].focus()
      } else if (event.key === 'Escape' && !panel.hidden) {
        event.stopPropagation()
        input.focus()
        panel.hidden = true
      }
    })
    panel.addEventListener('click', (event) => {
      if (event.target.closest('a')) panel.hidden = true
    })
    // Closes when focus leaves the box and its results (later, so a tapped result still opens).
    form.addEventListener('focusout', () => {
      setTimeout(() => form.contains(d.activeElement) || (panel.hidden = true), 150)
    })
  }
  // "/" focuses the search box, unless the reader is typing somewhere.
  d.addEventListener('keydown', (event) => {
    const input = $('.search input'), active = d.activeElement
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || !input) return
    if (active.isContentEditable || /^(input|textarea|select)$/i.test(active.tagName)) return
    event.preventDefault()
    input.focus()
  })
})()
