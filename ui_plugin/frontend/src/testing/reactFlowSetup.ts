/**
 * What React Flow needs from a browser that happy-dom lacks: element sizes (happy-dom lays
 * nothing out, so every size is 0 and React Flow would keep nodes hidden), ResizeObserver
 * and DOMMatrixReadOnly. Import it first in tests that render the canvas.
 */

class StubResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element): void {
    // After the commit that observed it, as a browser reports sizes after its next layout.
    setTimeout(() => this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver), 0);
  }
  unobserve(): void {}
  disconnect(): void {}
}

class StubDOMMatrixReadOnly {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([0-9.]+)\)/)?.[1];
    this.m22 = scale === undefined ? 1 : Number(scale);
  }
}

globalThis.ResizeObserver = StubResizeObserver as unknown as typeof ResizeObserver;
if (!("DOMMatrixReadOnly" in globalThis)) {
  (globalThis as Record<string, unknown>).DOMMatrixReadOnly = StubDOMMatrixReadOnly;
}

Object.defineProperties(HTMLElement.prototype, {
  offsetWidth: { configurable: true, get: () => 200 },
  offsetHeight: { configurable: true, get: () => 60 },
});
// The pane is as large as a small screen, so fitView has room.
HTMLElement.prototype.getBoundingClientRect = function boundingRect(): DOMRect {
  return { x: 0, y: 0, top: 0, left: 0, right: 1000, bottom: 800, width: 1000, height: 800, toJSON: () => ({}) };
};
