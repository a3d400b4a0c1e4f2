/// One sandboxed, opaque-origin iframe and its message channel to the page.
///
/// The frame never gets `allow-same-origin`: it cannot touch the page, its storage, cookies or the
/// desktop bridge. Messages are accepted only from this frame's window, and only as plain objects.

export type FrameMessage = { type: string } & Record<string, unknown>;

export interface SandboxFrameOptions {
  srcdoc: string;
  /// Lets the frame be cross-origin isolated (SharedArrayBuffer) when the page is.
  isolated: boolean;
  onMessage(message: FrameMessage): void;
}

let hostElement: HTMLElement | null = null;

/// A hidden container for runner frames, outside whatever the panel renders.
function host(): HTMLElement {
  if (hostElement?.isConnected) return hostElement;
  hostElement = document.createElement('div');
  hostElement.dataset.testid = 'runner-frames';
  hostElement.setAttribute('aria-hidden', 'true');
  hostElement.style.cssText =
    'position:fixed;left:-10px;top:-10px;width:1px;height:1px;overflow:hidden;opacity:0;pointer-events:none';
  document.body.appendChild(hostElement);
  return hostElement;
}

export class SandboxFrame {
  readonly element: HTMLIFrameElement;
  private readonly listener: (event: MessageEvent) => void;
  private removed = false;

  constructor(options: SandboxFrameOptions) {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    if (options.isolated) frame.setAttribute('allow', 'cross-origin-isolated');
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.setAttribute('tabindex', '-1');
    frame.title = 'code runner';
    frame.style.cssText = 'width:1px;height:1px;border:0';
    frame.srcdoc = options.srcdoc;
    this.element = frame;
    this.listener = (event: MessageEvent) => {
      if (this.removed || event.source === null || event.source !== frame.contentWindow) return;
      const data: unknown = event.data;
      if (typeof data !== 'object' || data === null || typeof (data as { type?: unknown }).type !== 'string') return;
      options.onMessage(data as FrameMessage);
    };
    window.addEventListener('message', this.listener);
    host().appendChild(frame);
  }

  post(message: FrameMessage, transfer: Transferable[] = []): void {
    // The frame's origin is opaque, so '*' is the only target that reaches it.
    if (!this.removed) this.element.contentWindow?.postMessage(message, '*', transfer);
  }

  /// Removing the frame ends its document and every worker it started.
  remove(): void {
    if (this.removed) return;
    this.removed = true;
    window.removeEventListener('message', this.listener);
    this.element.remove();
  }

  get isRemoved(): boolean {
    return this.removed;
  }
}

/// Escapes text for a double-quoted HTML attribute.
export function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/// A `<script>` element around a bundled module (a `?sandbox` import) for a frame's srcdoc. The
/// HTML parser would end the element at `</script` or open a comment at `<!--` wherever they
/// stand, so a bundle holding either is refused (the build minifies; such text is not expected).
export function inlineScript(source: string): string {
  if (/<\/script|<!--/i.test(source)) throw new Error('a sandbox bundle holds </script or <!--');
  return `<script>${source}</script>`;
}

/// A JavaScript string literal that is safe inside an inline <script>.
export function jsString(text: string): string {
  return JSON.stringify(text).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
