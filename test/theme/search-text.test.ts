// What Pagefind is given of a page: code blocks as their text, the rest as written.

import { expect, it } from 'vitest'
import { plainCodeBlocks } from '../../src/render/search-index.js'

it('gives code blocks to the search index as their text only', () => {
  const html = [
    '<p>Run <code><span>kubectl</span></code> first.</p>',
    '<pre class="shiki" style="--shiki-light:#fff" data-note="a>b"><code><span style="color:red">kubectl</span> <span title="x>y">apply</span> &#x3C;file></code></pre>',
    '<pre><code>plain &amp; simple</code></pre>',
  ].join('\n')
  expect(plainCodeBlocks(html)).toBe(
    [
      '<p>Run <code><span>kubectl</span></code> first.</p>',
      '<pre class="shiki" style="--shiki-light:#fff" data-note="a>b">kubectl apply &#x3C;file></pre>',
      '<pre>plain &amp; simple</pre>',
    ].join('\n'),
  )
})
