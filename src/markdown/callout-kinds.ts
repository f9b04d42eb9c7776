// The callouts weft renders, in one place: the container kinds VitePress and
// Docusaurus share (`:::tip`), GitHub's alerts (`> [!TIP]`), and the title each
// shows when the author gives none. The syntax, the plugin and `--safe` read it.

/** What `:::kind` may name; `details` folds, every other kind is a box. */
export const calloutKinds = ['note', 'tip', 'info', 'important', 'warning', 'caution', 'danger', 'details'] as const

export type CalloutKind = (typeof calloutKinds)[number]

/** The kinds of GitHub's alerts, `> [!NOTE]` … `> [!CAUTION]`. */
export const alertKinds: readonly CalloutKind[] = ['note', 'tip', 'important', 'warning', 'caution']

export function isCalloutKind(name: string): name is CalloutKind {
  return (calloutKinds as readonly string[]).includes(name)
}

/** `Tip` for `tip`: what a callout without a title of its own shows. */
export function defaultTitle(kind: CalloutKind): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1)
}

/** `note`, `tip` … and `details`, as a hint lists them. */
export const calloutKindList = `${calloutKinds.slice(0, -1).map((kind) => `\`${kind}\``).join(', ')} and \`${calloutKinds.at(-1)}\``
