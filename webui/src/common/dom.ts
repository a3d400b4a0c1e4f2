/// Tiny element builder: the UI is small enough that a framework would cost more than it saves.

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined) node.setAttribute(name, value);
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/// Replaces every child of `parent`.
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/// True on Apple platforms, where shortcuts use Cmd instead of Ctrl.
export const isApple = /Mac|iPhone|iPad|iPod/.test(navigator.userAgent);

/// The modifier key's label for shortcuts shown to people.
export const modKey = isApple ? '⌘' : 'Ctrl';
