/**
 * The renderer's one way to reach the backend: `send(channel, args)`, typed by shared/contract.ts.
 *
 * - In Electron the preload bridge exposes `window.lap` (electron/preload); we call its `request`, which keeps the
 *   error kind.
 * - In a plain browser (`npm run preview`, end-to-end tests) we use the loopback HTTP transport
 *   (backend/preview/server.ts): POST /api/<channel> with JSON args and the per-run token in `x-lap-token`.
 *   The token arrives in the URL fragment (`#token=...`); we keep it in sessionStorage so a reload works,
 *   and drop it from the address bar so it is not copied around by accident.
 *
 * Failures throw an `ApiError`: the backend's ReplyError (kind, plain-English message, channel, issues) as an Error.
 * Show one with describeError (errors.ts).
 */
import type { Args, Channel, ErrorIssue, ErrorKind, LapApi, Reply, ReplyError, Results } from '../../shared/contract.ts';
import { replyErrorSchema } from '../../shared/contract/errors.ts';

/** `unreachable`: the backend did not answer at all (server stopped, network stack refused). */
export type ApiErrorKind = ErrorKind | 'unreachable';

export class ApiError extends Error {
  public readonly kind: ApiErrorKind;
  public readonly channel: string;
  public readonly issues: readonly ErrorIssue[];

  constructor(error: { kind: ApiErrorKind; message: string; channel: string; issues?: readonly ErrorIssue[] | undefined }) {
    super(error.message);
    this.name = 'ApiError';
    this.kind = error.kind;
    this.channel = error.channel;
    this.issues = error.issues ?? [];
  }
}

const TOKEN_KEY = 'lap-insight.token';

/** Reads `token` from the URL fragment (once), remembers it for this tab, and tidies the address bar. */
function readToken(): string | null {
  const hash = window.location.hash.replace(/^#/, '');
  const params = new URLSearchParams(hash);
  const fromHash = params.get('token');
  if (fromHash) {
    try {
      sessionStorage.setItem(TOKEN_KEY, fromHash);
    } catch {
      // Storage can be disabled; the token still works for this page load.
    }
    params.delete('token');
    const rest = params.toString();
    history.replaceState(history.state, '', `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`);
    return fromHash;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

let token: string | null | undefined;

function isReply(value: unknown): value is Reply<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: unknown };
  return v.ok === true ? 'value' in v : v.ok === false && replyErrorSchema.safeParse(v.error).success;
}

/** Turns a Reply into its value, or throws an ApiError carrying the reply's error unchanged. */
function unwrap<T>(reply: Reply<T>): T {
  if (reply.ok) return reply.value;
  throw new ApiError(reply.error satisfies ReplyError);
}

const httpApi: LapApi = {
  async send<K extends Channel>(channel: K, args: Args<K>): Promise<Results[K]> {
    token ??= readToken();
    if (!token) {
      throw new ApiError({
        kind: 'forbidden',
        channel,
        message: 'This page was opened without its access key. Open LAP Insight from the link the preview command printed.',
      });
    }
    let response: Response;
    try {
      response = await fetch(`/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-lap-token': token },
        body: JSON.stringify(args ?? {}),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError({ kind: 'unreachable', channel, message: 'LAP Insight cannot reach its data service. It may have been closed: restart LAP Insight and try again.' });
    }
    if (response.status === 401) {
      throw new ApiError({
        kind: 'forbidden',
        channel,
        message: "This page's access key is missing or out of date. Open LAP Insight again from the link the preview command printed.",
      });
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new ApiError({ kind: 'internal', channel, message: `The data service gave an unreadable answer (HTTP ${response.status}).` });
    }
    if (!isReply(body)) throw new ApiError({ kind: 'internal', channel, message: `The data service gave an unexpected answer (HTTP ${response.status}).` });
    return unwrap(body as Reply<Results[K]>);
  },
};

function electronApi(lap: NonNullable<Window['lap']>): LapApi {
  return {
    // `request`, not `send`: it keeps the error kind (contextBridge drops extra Error properties).
    send: async (channel, args) => unwrap(await lap.request(channel, args)),
  };
}

function bridge(): LapApi {
  const lap = typeof window !== 'undefined' ? window.lap : undefined;
  return lap && typeof lap.request === 'function' ? electronApi(lap) : httpApi;
}

/** Calls one backend verb. Throws ApiError with a user-facing message on failure. */
export function send<K extends Channel>(channel: K, args: Args<K>): Promise<Results[K]> {
  return bridge().send(channel, args);
}
