// A small element builder: text is always set as text (textContent), never parsed as HTML, so
// account names and column titles from the sheet cannot inject markup.
export type Child = Node | string | number | null | undefined | false;
type Handler = (event: Event) => void;
export type Attributes = Record<string, string | number | boolean | Handler | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (name === 'value') (el as HTMLInputElement).value = String(value);
    else if (name === 'checked' || name === 'disabled' || name === 'hidden' || name === 'selected') (el as unknown as Record<string, boolean>)[name] = Boolean(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function replace(el: Node, ...children: Child[]): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  append(el, children);
}

let ids = 0;
/** A unique id for label/control pairs. */
export const uid = (prefix: string): string => `${prefix}-${++ids}`;

/** Calls `fn` once `ms` after the last call. */
export function debounce(fn: () => void, ms: number): { (): void; cancel(): void; pending(): boolean } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const call = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, ms);
  };
  call.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  call.pending = () => timer !== undefined;
  return call;
}

/** The message of anything thrown, for the user. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
