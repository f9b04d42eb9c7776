// The micromark construct for a stage-2 shortcode: `[[ name … ]]` alone on its
// line. As a flow construct it ends a paragraph it interrupts, so a shortcode
// opens or closes a block whether or not blank lines surround it, and it is
// never seen inside fenced or indented code.

import { markdownLineEnding, markdownSpace } from 'micromark-util-character'
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types'
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown'

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    weftShortcode: 'weftShortcode'
  }
}

declare module 'mdast' {
  /** A shortcode line before `remarkShortcodes` nests the blocks between its pairs. */
  interface Shortcode extends Literal {
    type: 'shortcode'
  }
  interface RootContentMap {
    shortcode: Shortcode
  }
  interface BlockContentMap {
    shortcode: Shortcode
  }
}

const leftBracket = 91
const rightBracket = 93

const shortcode: Construct = { name: 'weftShortcode', tokenize: tokenizeShortcode }

export function shortcodeSyntax(): Extension {
  return { flow: { [leftBracket]: [shortcode] } }
}

export function shortcodeFromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      weftShortcode(this: CompileContext, token: Token) {
        this.enter({ type: 'shortcode', value: this.sliceSerialize(token) }, token)
      },
    },
    exit: {
      weftShortcode(this: CompileContext, token: Token) {
        this.exit(token)
      },
    },
  }
}

function tokenizeShortcode(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  // Trailing `]` seen so far, ignoring the spaces after them.
  let closers = 0
  let sawName = false
  return start

  function start(code: Code): State | undefined {
    if (code !== leftBracket) return nok(code)
    effects.enter('weftShortcode')
    effects.consume(code)
    return second
  }

  function second(code: Code): State | undefined {
    if (code !== leftBracket) return nok(code)
    effects.consume(code)
    return beforeName
  }

  function beforeName(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.consume(code)
      return beforeName
    }
    return name(code)
  }

  function name(code: Code): State | undefined {
    // A name: letters, digits, `_`, `-`; it must start with a letter or `_`.
    const isStart = code !== null && ((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95)
    const isRest = isStart || (code !== null && ((code >= 48 && code <= 57) || code === 45))
    if (!sawName ? isStart : isRest) {
      sawName = true
      effects.consume(code)
      return name
    }
    if (!sawName) return nok(code)
    return rest(code)
  }

  function rest(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) {
      if (closers < 2) return nok(code)
      effects.exit('weftShortcode')
      return ok(code)
    }
    if (code === rightBracket) closers++
    else if (!markdownSpace(code)) closers = 0
    effects.consume(code)
    return rest
  }
}
