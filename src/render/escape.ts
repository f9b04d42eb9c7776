// Text weft writes into HTML or XML outside the templates (which escape by themselves).

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
