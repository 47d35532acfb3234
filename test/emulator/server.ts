// The HTTP side of the emulator: records each call, runs admission, faults and the
// command handler, applies latency, then replies the way Tencent's gateway does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { admit, parseTarget, recordedQueryFields } from './admission';
import { maxCallsInWindow } from './callLog';
import type { FaultDecision } from './faults';
import { FaultInjector } from './faults';
import { SlidingWindowRateLimiter } from './rateLimit';
import type { ReplyBody } from './replies';
import { failure, toWire } from './replies';
import { CallbackSender } from './callbacks';
import { EmulatorState } from './state';
import type { CallRecord, EmulatorOptions, TencentChatEmulator } from './types';
import { DEFAULT_APP } from './types';

/** What an overloaded nginx in front of the REST API sends. */
const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

const LOOPBACK = '127.0.0.1';

/** The host part of the emulator's URL for a listen address: a wildcard address is reached at the loopback. */
function urlHost(listenHost: string): string {
  if (listenHost === '0.0.0.0' || listenHost === '::' || listenHost === '') return LOOPBACK;
  return listenHost.includes(':') ? `[${listenHost}]` : listenHost;
}

type Outcome =
  | { kind: 'json'; reply: ReplyBody; outcome?: 'rateLimited' }
  | { kind: 'http502' }
  | { kind: 'socketReset' };

function arrivalTimeMs(): number {
  return performance.timeOrigin + performance.now();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<TencentChatEmulator> {
  const nowMs = options.nowMs ?? Date.now;
  const maxIdsPerCall = options.maxIdsPerCall ?? 100;
  const state = new EmulatorState(nowMs, options.seed ?? 1);
  state.setMessageLimits(options.messageLimits ?? {});
  for (const id of options.failingImports ?? []) state.failingImports.add(id);
  state.subscribersMustBeImported = options.subscribersMustBeImported ?? false;
  for (const app of options.apps ?? [DEFAULT_APP]) state.addApp(app);
  for (const account of options.accounts ?? []) state.addAccount(account);
  const limiter = new SlidingWindowRateLimiter(options.rateLimitPerSecond ?? 200);
  const faults = new FaultInjector(options.seed ?? 1);
  let latencyMs = options.latencyMs ?? 0;
  const callbackSender = new CallbackSender({ url: options.callbackUrl, token: options.callbackToken }, nowMs);
  const calls: CallRecord[] = [];
  let nextSeq = 1;
  let stopped = false;
  const pendingDelays = new Set<NodeJS.Timeout>();

  function delay(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        pendingDelays.delete(timer);
        resolve();
      }, ms);
      pendingDelays.add(timer);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const atMs = arrivalTimeMs();
    const method = req.method ?? '';
    const target = parseTarget(req.url);
    const record: CallRecord = {
      seq: nextSeq++,
      atMs,
      method,
      path: target?.path ?? '',
      command: target?.command ?? '',
      ...recordedQueryFields(target?.query),
      body: undefined,
      outcome: 'ok',
    };
    calls.push(record);

    const admission = admit({ method, target, atMs, nowSeconds: Math.floor(nowMs() / 1000), state, limiter });
    const fault: FaultDecision | undefined = admission.admitted ? faults.decide(record.command, record.seq) : undefined;

    let raw: string;
    try {
      raw = await readBody(req);
    } catch {
      return; // The client went away mid-body; there is nobody to reply to.
    }
    const parsed = parseJson(raw);
    record.body = parsed.ok ? parsed.value : raw;

    let result: Outcome;
    if (!admission.admitted) {
      result = { kind: 'json', reply: admission.reply, outcome: admission.outcome === 'rateLimited' ? 'rateLimited' : undefined };
    } else if (fault && (fault.action === 'http502' || fault.action === 'socketReset')) {
      result = { kind: fault.action };
    } else if (fault?.action === 'error') {
      const errorCode = fault.errorCode ?? 20005;
      result = { kind: 'json', reply: fault.errorInfo === undefined ? failure(errorCode) : { ErrorCode: errorCode, ErrorInfo: fault.errorInfo } };
    } else if (!parsed.ok) {
      result = { kind: 'json', reply: failure(60003) };
    } else {
      // The command runs before the latency: a reply that arrives late (or never) still changed state, as on a real server.
      const reply = await admission.handler(parsed.value, {
        state,
        sdkAppId: admission.sdkAppId,
        identifier: admission.identifier,
        maxIdsPerCall,
        resultZero: fault?.resultZero ?? (() => false),
        omitResult: fault?.omitResult ?? (() => false),
        callbacks: options.callbacks ?? callbackSender.forApp(admission.sdkAppId),
      });
      // A lost reply: the command ran and changed state, but the client sees a reset connection.
      result = fault?.loseReply ? { kind: 'socketReset' } : { kind: 'json', reply };
    }

    await delay(latencyMs + (fault?.extraLatencyMs ?? 0));
    if (stopped || res.destroyed) return;
    send(res, record, result);
    record.repliedAtMs = arrivalTimeMs();
    options.onCallComplete?.(record);
  }

  function send(res: ServerResponse, record: CallRecord, result: Outcome): void {
    if (result.kind === 'socketReset') {
      record.outcome = 'socketReset';
      // A TCP RST, so clients see ECONNRESET rather than a clean close.
      res.socket?.resetAndDestroy();
      return;
    }
    if (result.kind === 'http502') {
      record.outcome = 'http502';
      record.httpStatus = 502;
      res.writeHead(502, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(BAD_GATEWAY_HTML) });
      res.end(BAD_GATEWAY_HTML);
      return;
    }
    const wire = toWire(result.reply);
    const text = JSON.stringify(wire);
    record.outcome = result.outcome ?? (result.reply.ErrorCode === 0 ? 'ok' : 'error');
    record.httpStatus = 200;
    record.reply = wire;
    record.errorCode = result.reply.ErrorCode;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the emulator must not look like a Tencent reply; fail loudly and drop the connection.
      console.error('Tencent Chat emulator internal error:', error);
      res.destroy();
    });
  };
  // Tencent is HTTPS only; the TLS mode lets benchmarks pay the handshake a real client pays.
  const server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, onRequest) : createServer(onRequest);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    // The loopback address also when listening on every interface: clients on this machine use it.
    url: `${options.tls ? 'https' : 'http'}://${urlHost(options.host ?? LOOPBACK)}:${port}`,
    port,
    calls,
    setLatency(ms) {
      latencyMs = ms;
    },
    setRates: (rates) => faults.setRates(rates),
    script: (command, list) => faults.script(command, list),
    clearFaults: () => faults.clear(),
    addApp: (app) => state.addApp(app),
    addAccount: (seed) => state.addAccount(seed),
    addSubscribers: (sdkAppId, officialAccount, ids) => state.addSubscribers(sdkAppId, officialAccount, ids),
    subscribers: (sdkAppId, officialAccount) => state.subscribers(sdkAppId, officialAccount),
    account: (sdkAppId, officialAccount) => state.accountSnapshot(sdkAppId, officialAccount),
    isDestroyed: (sdkAppId, officialAccount) => state.isDestroyed(sdkAppId, officialAccount),
    accountIds: (sdkAppId) => state.accountIds(sdkAppId),
    subscriberDetails: (sdkAppId, officialAccount) => state.subscriberDetails(sdkAppId, officialAccount),
    setSubscriberInfo: (sdkAppId, officialAccount, subscriber, info) => state.setSubscriberInfo(sdkAppId, officialAccount, subscriber, info),
    messages: (sdkAppId, officialAccount) => state.messages(sdkAppId, officialAccount),
    deliveryCount: (sdkAppId, officialAccount) => state.deliveryCount(sdkAppId, officialAccount),
    setMessageLimits: (limits) => state.setMessageLimits(limits),
    importUsers: (sdkAppId, ids) => state.importUsers(sdkAppId, ids),
    isImported: (sdkAppId, id) => state.isImported(sdkAppId, id),
    userProfile: (sdkAppId, id) => state.userProfile(sdkAppId, id),
    setFailingImports(ids) {
      state.failingImports.clear();
      for (const id of ids) state.failingImports.add(id);
    },
    resetCalls() {
      calls.length = 0; // Same array, so references held by tests stay live.
    },
    maxCallsInWindow: (windowMs, filter) => maxCallsInWindow(calls, windowMs, filter),
    setCallback: (url, token) => callbackSender.setTarget(url, token),
    callbackLog: callbackSender.log,
    callbacksSettled: () => callbackSender.settled(),
    stop() {
      if (stopped) return Promise.resolve();
      stopped = true;
      for (const timer of pendingDelays) clearTimeout(timer);
      pendingDelays.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        // close() ends idle keep-alive sockets, but would wait for calls still in flight (e.g. held by latency).
        server.closeAllConnections();
      });
    },
  };
}
