// The one Electron mock every unit test uses (Electron's binary cannot run here):
//   vi.mock('electron', () => import('../../test/mocks/electron.js'));
// It implements only what the shell and the preload touch, records what they did, and wires
// ipcRenderer to ipcMain in-process so the preload and the relay can be tested together.
// Call resetElectronMock() in beforeEach: the exported objects are singletons, like Electron's.
import { EventEmitter } from 'node:events';

/**
 * Passes a mock object where an Electron type is expected. The mocks cover only the members the
 * shell uses, so this is the one deliberate cast between the two.
 */
export function real<T>(mock: object): T {
  return mock as unknown as T;
}

/** A frame as ipcMain events and navigation events expose it. */
export class MockWebFrame {
  constructor(
    public url: string,
    public parent: MockWebFrame | null = null,
  ) {}
}

/** A cancellable event like the ones webContents emits for navigation. */
export interface MockCancellableEvent {
  readonly url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

function cancellable(url: string): MockCancellableEvent {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

let lastContentsId = 0;

export class MockWebContents extends EventEmitter {
  readonly id = ++lastContentsId;
  readonly mainFrame = new MockWebFrame('');
  /** Every message main sent to this page, in order. */
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  private destroyed = false;

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const copy = structuredClone(args);
    this.sent.push({ channel, args: copy });
    if (ipcRenderer.page?.contents === this) ipcRenderer.emit(channel, { sender: ipcRenderer }, ...copy);
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  loadURL(url: string): Promise<void> {
    this.mainFrame.url = url;
    return Promise.resolve();
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }

  /** Test helper: fires a navigation-type event; true when a listener cancelled it. */
  attempt(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean {
    const details = cancellable(url);
    this.emit(event, details, url);
    return details.defaultPrevented;
  }

  /** Test helper: fires 'will-attach-webview'; true when a listener cancelled it. */
  attemptWebview(src: string): boolean {
    const details = cancellable(src);
    this.emit('will-attach-webview', details, {}, { src });
    return details.defaultPrevented;
  }

  /** Test helper: what the window-open handler answers (Electron allows when there is none). */
  tryOpen(url: string): 'allow' | 'deny' {
    return this.windowOpenHandler?.({ url }).action ?? 'allow';
  }
}

export class BrowserWindow extends EventEmitter {
  /** Every window created since the last reset. */
  static created: BrowserWindow[] = [];
  readonly webContents = new MockWebContents();
  visible = false;
  focused = false;
  minimized = false;
  private destroyed = false;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    BrowserWindow.created.push(this);
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  minimize(): void {
    this.minimized = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
}

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

class MockIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    // Electron refuses a second handler for one channel; so does the mock.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Test helper: what a renderer's invoke would get, with `event` as the sender. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...structuredClone(args));
  }

  /** Test helper: every channel with a handler or a listener. */
  registeredChannels(): string[] {
    return [...this.handlers.keys(), ...this.eventNames().filter((name): name is string => typeof name === 'string')];
  }

  reset(): void {
    this.handlers.clear();
    this.removeAllListeners();
  }
}

/** An IPC event as main sees it, sent by `contents` from a frame at `frameUrl`. */
export function ipcEventFrom(
  contents: MockWebContents,
  frameUrl: string,
  options: { subframe?: boolean } = {},
): { sender: MockWebContents; senderFrame: MockWebFrame; processId: number; frameId: number } {
  const frame = new MockWebFrame(frameUrl, options.subframe ? contents.mainFrame : null);
  return { sender: contents, senderFrame: frame, processId: 1, frameId: options.subframe ? 2 : 1 };
}

class MockIpcRenderer extends EventEmitter {
  /** Which page the preload runs in: its webContents and the frame URL main will see. */
  page: { contents: MockWebContents; frameUrl: string } | null = null;

  private event(): ReturnType<typeof ipcEventFrom> {
    if (!this.page) throw new Error('mock ipcRenderer: no page set (call attachPreload first)');
    return ipcEventFrom(this.page.contents, this.page.frameUrl);
  }

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    try {
      return ipcMain.invoke(channel, this.event(), ...structuredClone(args));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  send(channel: string, ...args: unknown[]): void {
    ipcMain.emit(channel, this.event(), ...structuredClone(args));
  }

  reset(): void {
    this.page = null;
    this.removeAllListeners();
  }
}

export const ipcMain = new MockIpcMain();
export const ipcRenderer = new MockIpcRenderer();

/** Test helper: makes ipcRenderer speak for `contents`, with its top frame at `frameUrl`. */
export function attachPreload(contents: MockWebContents, frameUrl: string): void {
  ipcRenderer.page = { contents, frameUrl };
}

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
    this.exposed.set(key, api);
  },
};

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export const protocol = {
  privileged: [] as { scheme: string; privileges?: Record<string, boolean> }[],
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    // Electron ignores (and warns about) registrations after ready; the mock makes it loud.
    if (app.ready) throw new Error('registerSchemesAsPrivileged must be called before the app is ready');
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (this.handlers.has(scheme)) throw new Error(`scheme already handled: ${scheme}`);
    this.handlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  },
};

type RequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: object,
) => void;
type CheckHandler = (contents: unknown, permission: string, origin: string, details: object) => boolean;
type DeviceHandler = (details: object) => boolean;

export class MockSession {
  requestHandler: RequestHandler | null = null;
  checkHandler: CheckHandler | null = null;
  deviceHandler: DeviceHandler | null = null;

  setPermissionRequestHandler(handler: RequestHandler | null): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: CheckHandler | null): void {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: DeviceHandler | null): void {
    this.deviceHandler = handler;
  }

  /** Test helper: the answer to a permission request (Electron grants when no handler is set). */
  request(permission: string, details: object): Promise<boolean> {
    const handler = this.requestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(null, permission, resolve, details));
  }

  /** Test helper: the answer to a permission check. */
  check(permission: string, origin: string, details: object = {}): boolean {
    return this.checkHandler ? this.checkHandler(null, permission, origin, { isMainFrame: true, ...details }) : true;
  }

  reset(): void {
    this.requestHandler = null;
    this.checkHandler = null;
    this.deviceHandler = null;
  }
}

export const session = { defaultSession: new MockSession() };

export class MockUtilityProcess extends EventEmitter {
  readonly posted: unknown[] = [];
  killed = false;

  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: Record<string, unknown>,
  ) {
    super();
  }

  postMessage(message: unknown): void {
    this.posted.push(structuredClone(message));
    this.emit('posted', message);
  }

  kill(): boolean {
    this.killed = true;
    return true;
  }

  /** Test helper: the child posts `message` to main. */
  reply(message: unknown): void {
    this.emit('message', structuredClone(message));
  }
}

export const utilityProcess = {
  forked: [] as MockUtilityProcess[],
  fork(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}): MockUtilityProcess {
    const child = new MockUtilityProcess(modulePath, args, options);
    this.forked.push(child);
    return child;
  },
};

class MockApp extends EventEmitter {
  ready = false;
  /** What requestSingleInstanceLock answers: false plays the second instance. */
  lockAvailable = true;
  quitCalls = 0;
  exitCode: number | null = null;
  isPackaged = false;
  userData = '/tmp/cunyi-mock-user-data';
  private markReady: () => void = () => undefined;
  private readyPromise = this.freshReady();

  private freshReady(): Promise<void> {
    return new Promise<void>((resolve) => (this.markReady = resolve));
  }

  requestSingleInstanceLock(): boolean {
    return this.lockAvailable;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  isReady(): boolean {
    return this.ready;
  }
  quit(): void {
    this.quitCalls++;
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`mock app.getPath: ${name} not mocked`);
    return this.userData;
  }
  getVersion(): string {
    return '0.1.0-test';
  }

  /** Test helper: emits 'ready' and resolves whenReady(). */
  async becomeReady(): Promise<void> {
    this.ready = true;
    this.markReady();
    this.emit('ready');
    await this.readyPromise;
  }

  reset(): void {
    this.removeAllListeners();
    this.ready = false;
    this.lockAvailable = true;
    this.quitCalls = 0;
    this.exitCode = null;
    this.isPackaged = false;
    this.readyPromise = this.freshReady();
  }
}

export const app = new MockApp();

export const Menu = {
  applicationMenu: undefined as unknown,
  setApplicationMenu(menu: unknown): void {
    this.applicationMenu = menu;
  },
};

export const dialog = {
  errors: [] as { title: string; content: string }[],
  showErrorBox(title: string, content: string): void {
    this.errors.push({ title, content });
  },
};

export const net = {
  fetch(): Promise<never> {
    return Promise.reject(new Error('mock net.fetch: tests never touch the network'));
  },
};

export const webContents = {
  getAllWebContents(): MockWebContents[] {
    return BrowserWindow.created.map((window) => window.webContents);
  },
};

/** Puts every mock back to a fresh, not-ready app with nothing registered. */
export function resetElectronMock(): void {
  app.reset();
  ipcMain.reset();
  ipcRenderer.reset();
  contextBridge.exposed.clear();
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  session.defaultSession.reset();
  utilityProcess.forked.length = 0;
  BrowserWindow.created = [];
  Menu.applicationMenu = undefined;
  dialog.errors.length = 0;
}
