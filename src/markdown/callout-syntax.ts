// The micromark construct for a callout: a `:::kind` line, with an optional title
// (`:::tip Read this first` as VitePress writes it, `:::tip[Read this first]` as
// Docusaurus and remark-directive do), then blocks, then a line of at least as many
// colons. It is a container, as a block quote is, so the blocks inside are parsed
// as anywhere else. Only the known kinds open one: `:::foo`, `a:b`, `10:30` and
// `::x` are never read by it, so pages written before callouts parse as they did.

import { markdownLineEnding, markdownSpace } from 'micromark-util-character'
import type { Code, Construct, Effects, Extension, State, Token, TokenizeContext } from 'micromark-util-types'
import type { CompileContext, Extension as FromMarkdownExtension, Token as MdastToken } from 'mdast-util-from-markdown'
import type { Parent, PhrasingContent } from 'mdast'
import { isCalloutKind, type CalloutKind } from './callout-kinds.js'

/** A callout as parsed; `remarkCallouts` gives it its HTML (`data`) and its default title. */
export interface Callout extends Parent {
  type: 'callout'
  kind: CalloutKind
  /** False when no closing `:::` line was found: the callout ran to the end of its parent. */
  closed: boolean
}

/** The title on the opening line (`Read this first`), inline markdown. */
export interface CalloutTitle extends Parent {
  type: 'calloutTitle'
  children: PhrasingContent[]
}

declare module 'mdast' {
  interface RootContentMap {
    callout: Callout
    calloutTitle: CalloutTitle
  }
  interface BlockContentMap {
    callout: Callout
  }
}

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    callout: 'callout'
    calloutFence: 'calloutFence'
    calloutSequence: 'calloutSequence'
    calloutKind: 'calloutKind'
    calloutTitle: 'calloutTitle'
    calloutTitleMarker: 'calloutTitleMarker'
  }
  interface ContainerState {
    /** Colons of the opening fence: the closing one needs at least as many. */
    calloutSize?: number
    calloutToken?: Token
    calloutClosed?: boolean
  }
  interface Token {
    /** Set on a callout's token when its closing fence was read. */
    _calloutClosed?: boolean
  }
}

const colon = 58
const leftBracket = 91
const backslash = 92
const rightBracket = 93
/** Fewer colons are ordinary text, as in remark-directive and VitePress. */
const minimumColons = 3

const callout: Construct = {
  name: 'callout',
  tokenize: tokenizeOpening,
  continuation: { tokenize: tokenizeContinuation },
  exit: exitCallout,
}

export function calloutSyntax(): Extension {
  return { document: { [colon]: callout } }
}

export function calloutFromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      callout(this: CompileContext, token: MdastToken) {
        this.enter({ type: 'callout', kind: 'note', closed: false, children: [] }, token)
      },
      calloutTitle(this: CompileContext, token: MdastToken) {
        this.enter({ type: 'calloutTitle', children: [] }, token)
      },
    },
    exit: {
      calloutKind(this: CompileContext, token: MdastToken) {
        const node = this.stack.at(-1) as Callout
        node.kind = this.sliceSerialize(token) as CalloutKind
      },
      calloutTitle(this: CompileContext, token: MdastToken) {
        this.exit(token)
      },
      callout(this: CompileContext, token: MdastToken) {
        const node = this.stack.at(-1) as Callout
        node.closed = token._calloutClosed === true
        this.exit(token)
      },
    },
  }
}

const isNameStart = (code: Code) => code !== null && ((code >= 65 && code <= 90) || (code >= 97 && code <= 122))
const isNameRest = (code: Code) => isNameStart(code) || (code !== null && ((code >= 48 && code <= 57) || code === 45 || code === 95))
const endsLine = (code: Code) => code === null || markdownLineEnding(code)

/** `:::kind`, then a title after spaces or in brackets, then the end of the line. */
function tokenizeOpening(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const state = this.containerState!
  let size = 0
  let name = ''
  let depth = 0
  return start

  function start(code: Code): State | undefined {
    if (code !== colon) return nok(code)
    state.calloutToken = effects.enter('callout', { _container: true })
    effects.enter('calloutFence')
    effects.enter('calloutSequence')
    return sequence(code)
  }

  function sequence(code: Code): State | undefined {
    if (code === colon) {
      size++
      effects.consume(code)
      return sequence
    }
    if (size < minimumColons) return nok(code)
    effects.exit('calloutSequence')
    // VitePress writes `::: tip`.
    return whitespace(effects, beforeKind)(code)
  }

  function beforeKind(code: Code): State | undefined {
    if (!isNameStart(code)) return nok(code)
    effects.enter('calloutKind')
    return kind(code)
  }

  function kind(code: Code): State | undefined {
    if (isNameRest(code)) {
      name += String.fromCharCode(code!)
      effects.consume(code)
      return kind
    }
    effects.exit('calloutKind')
    if (!isCalloutKind(name)) return nok(code)
    if (code === leftBracket) {
      effects.enter('calloutTitleMarker')
      effects.consume(code)
      effects.exit('calloutTitleMarker')
      return labelStart
    }
    // A title, as VitePress writes it, is what follows the kind after a space.
    return markdownSpace(code) ? whitespace(effects, beforeTitle)(code) : end(code)
  }

  /** After `[`: an empty `[]` is no title. */
  function labelStart(code: Code): State | undefined {
    if (code === rightBracket) return labelEnd(code)
    if (endsLine(code)) return nok(code)
    effects.enter('calloutTitle')
    effects.enter('chunkText', { contentType: 'text' })
    return label(code)
  }

  function label(code: Code): State | undefined {
    if (endsLine(code)) return nok(code)
    if (code === rightBracket && depth === 0) {
      effects.exit('chunkText')
      effects.exit('calloutTitle')
      return labelEnd(code)
    }
    if (code === leftBracket) depth++
    if (code === rightBracket) depth--
    effects.consume(code)
    return code === backslash ? labelEscape : label
  }

  function labelEscape(code: Code): State | undefined {
    if (code === leftBracket || code === rightBracket || code === backslash) {
      effects.consume(code)
      return label
    }
    return label(code)
  }

  function labelEnd(code: Code): State | undefined {
    effects.enter('calloutTitleMarker')
    effects.consume(code)
    effects.exit('calloutTitleMarker')
    return whitespace(effects, end)
  }

  function beforeTitle(code: Code): State | undefined {
    if (endsLine(code)) return end(code)
    effects.enter('calloutTitle')
    effects.enter('chunkText', { contentType: 'text' })
    return title(code)
  }

  function title(code: Code): State | undefined {
    if (endsLine(code)) return titleEnd(code)
    if (markdownSpace(code)) return effects.check(spacesToEndOfLine, titleEnd, titleContinue)(code)
    return titleContinue(code)
  }

  function titleContinue(code: Code): State | undefined {
    effects.consume(code)
    return title
  }

  function titleEnd(code: Code): State | undefined {
    effects.exit('chunkText')
    effects.exit('calloutTitle')
    return whitespace(effects, end)(code)
  }

  function end(code: Code): State | undefined {
    if (!endsLine(code)) return nok(code)
    effects.exit('calloutFence')
    state.calloutSize = size
    return ok(code)
  }
}

/** Spaces and tabs, if any, as one `whitespace` token, then `next`. */
function whitespace(effects: Effects, next: State): State {
  return function start(code: Code): State | undefined {
    if (!markdownSpace(code)) return next(code)
    effects.enter('whitespace')
    return inside(code)
  }

  function inside(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.consume(code)
      return inside
    }
    effects.exit('whitespace')
    return next(code)
  }
}

/** Only spaces before the end of the line: they are not part of a title. */
const spacesToEndOfLine: Construct = { tokenize: tokenizeSpacesToEndOfLine, partial: true }

function tokenizeSpacesToEndOfLine(effects: Effects, ok: State, nok: State): State {
  return function spaces(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.consume(code)
      return spaces
    }
    return endsLine(code) ? ok(code) : nok(code)
  }
}

/** Every line belongs to the callout until its closing fence; the line after that does not. */
function tokenizeContinuation(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const state = this.containerState!
  return function start(code: Code): State | undefined {
    if (state.calloutClosed) return nok(code)
    return effects.attempt(closingFence, closed, ok)(code)
  }

  function closed(code: Code): State | undefined {
    state.calloutClosed = true
    state.calloutToken!._calloutClosed = true
    return ok(code)
  }
}

/** Up to three spaces, as many colons as the opening fence or more, and nothing else on the line. */
const closingFence: Construct = { tokenize: tokenizeClosingFence, partial: true }

function tokenizeClosingFence(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const wanted = this.containerState!.calloutSize ?? minimumColons
  let indent = 0
  let size = 0
  return start

  function start(code: Code): State | undefined {
    effects.enter('calloutFence')
    return prefix(code)
  }

  function prefix(code: Code): State | undefined {
    if (markdownSpace(code) && indent < 3) {
      indent++
      effects.consume(code)
      return prefix
    }
    return sequence(code)
  }

  function sequence(code: Code): State | undefined {
    if (code === colon) {
      size++
      effects.consume(code)
      return sequence
    }
    if (size < wanted) return nok(code)
    return after(code)
  }

  function after(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.consume(code)
      return after
    }
    if (!endsLine(code)) return nok(code)
    effects.exit('calloutFence')
    return ok(code)
  }
}

function exitCallout(this: TokenizeContext, effects: Effects): undefined {
  effects.exit('callout')
}
