/**
 * Small stand-ins for Electron objects, enough for the main-process modules under test.
 * (The Electron binary cannot run in CI, so `electron` itself is replaced with vi.mock in each test file.)
 */
type Listener = (...args: unknown[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
}

export interface FakeNavigationEvent {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function navigationEvent(url: string): FakeNavigationEvent {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly sent: unknown[][] = [];
  constructor(
    public id = 1,
    public mainFrame: FakeFrame = new FakeFrame('app://lap/index.html'),
  ) {
    super();
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
}

let nextRoutingId = 1;
export class FakeFrame {
  readonly processId = 7;
  readonly routingId = nextRoutingId++;
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}
