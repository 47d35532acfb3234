// CLI for the local Tencent Chat REST emulator, for trying the node in n8n, demos and manual testing.
//   npm run emulator                       (http://127.0.0.1:8080, prints the credential values to paste)
//   npm run emulator -- --host 0.0.0.0     (reachable from n8n in Docker at http://host.docker.internal:8080)
//   npm run emulator -- --port 0 --seed path/to/seed.json --latency 100 --rate-limit 200
//   npm run emulator -- --accounts 3 --subscribers 500 --callback-url http://127.0.0.1:5678/webhook/… --callback-token t
// Without --seed it serves DEFAULT_APP and @TOA#_demo_news with subscribers user001..user100.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CallRecord, EmulatorApp, EmulatorSeed, FaultRates, MessageLimits } from '../test/emulator';
import { DEMO_SEED, generatedAccounts, parseSeedFile, signUserSigForTests, startEmulator } from '../test/emulator';

/** Fixed, so a credential pointing at the emulator keeps working across restarts. */
const DEFAULT_PORT = 8080;
const DEFAULT_HOST = '127.0.0.1';

const USAGE = `Usage: npm run emulator -- [options]
  --host <address>    address to listen on (default ${DEFAULT_HOST}; 0.0.0.0 for n8n in Docker)
  --port <n>          port (default ${DEFAULT_PORT}; 0 = any free port)
  --seed <file>       JSON {"apps"?: [{sdkAppId, secretKey, admins, importedUsers?}],
                      "accounts"?: [{sdkAppId, officialAccount, subscribers?, owner?, name?, maxSubscriberNum?, ...}]}
  --accounts <n>      also create @TOA#_demo_1 … @TOA#_demo_<n> in the first app (default 0)
  --subscribers <n>   subscribers user0001 … of each --accounts account (default 100)
  --callback-url <u>  POST Tencent's third-party callbacks (OfficialAccount.*) to this URL, e.g. an n8n webhook
  --callback-token <t> sign callbacks with this token (Sign = sha256(token + RequestTime)), as with console authentication
  --message-limits <json>  e.g. '{"perSecond":0,"perHour":0}' to relax 1 message/s and 2/h (default strict)
  --latency <ms>      delay before every reply (default 0)
  --rate-limit <n>    calls per second per SDKAppID (default 200, 0 disables)
  --max-ids <n>       ids per delete_subscriber/add_subscriber call (default 100)
  --rates <json>      fault rates, e.g. '{"http502":0.05,"error20005":0.1,"resultZero":0.01}'
  --fault-seed <n>    PRNG seed for the fault rates (default 1)
  --quiet             do not log each call
  --help`;

function integerOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`--${name} must be a non-negative integer, got ${JSON.stringify(text)}`);
  return Number(text);
}

/**
 * The Tencent Chat API credential's fields, named as n8n shows them, with the values for this emulator:
 * ready to paste into Credentials → Add credential → Tencent Chat API.
 */
function credentialLines(url: string, app: EmulatorApp | undefined, callbackToken: string | undefined, wildcard: boolean): string[] {
  if (app === undefined) return ['The seed has no app, so there is no credential to point at this emulator.'];
  const dockerUrl = url.replace(/\/\/[^/:]+(:\d+)$/, '//host.docker.internal$1');
  const rows: Array<[string, string]> = [
    ['Region', 'Custom URL'],
    ['Base URL', url],
    ...(wildcard ? ([['  (n8n in Docker)', dockerUrl]] as Array<[string, string]>) : []),
    ['SDKAppID', String(app.sdkAppId)],
    ['Secret Key', app.secretKey],
    ['Admin Identifier', app.admins[0] ?? '(the seed names no admin)'],
    ['Callback Token', callbackToken ?? '(leave empty; set one with --callback-token to try the trigger)'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return ['', 'Tencent Chat API credential (n8n: Credentials → Add credential → Tencent Chat API):', ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)];
}

function describeCall(call: CallRecord): string {
  const took = call.repliedAtMs === undefined ? '' : ` in ${Math.round(call.repliedAtMs - call.atMs)} ms`;
  const code = call.errorCode === undefined ? '' : ` ErrorCode ${call.errorCode}`;
  return `#${call.seq} ${call.method} ${call.command || call.path} -> ${call.outcome}${code}${took}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: DEFAULT_HOST },
      port: { type: 'string' },
      seed: { type: 'string' },
      latency: { type: 'string' },
      'rate-limit': { type: 'string' },
      'max-ids': { type: 'string' },
      rates: { type: 'string' },
      'fault-seed': { type: 'string' },
      accounts: { type: 'string' },
      subscribers: { type: 'string' },
      'callback-url': { type: 'string' },
      'callback-token': { type: 'string' },
      'message-limits': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const fileSeed: EmulatorSeed = values.seed === undefined ? DEMO_SEED : parseSeedFile(readFileSync(values.seed, 'utf8'));
  const extraAccounts = integerOption('accounts', values.accounts) ?? 0;
  const firstAppId = fileSeed.apps[0]?.sdkAppId;
  if (extraAccounts > 0 && firstAppId === undefined) throw new Error('--accounts needs an app to put the accounts in');
  const seed: EmulatorSeed = {
    apps: fileSeed.apps,
    accounts: [
      ...fileSeed.accounts,
      ...(extraAccounts > 0 ? generatedAccounts(firstAppId as number, extraAccounts, integerOption('subscribers', values.subscribers) ?? 100) : []),
    ],
  };
  const port = integerOption('port', values.port) ?? DEFAULT_PORT;
  const emulator = await startEmulator({
    host: values.host,
    port,
    apps: seed.apps,
    accounts: seed.accounts,
    latencyMs: integerOption('latency', values.latency),
    rateLimitPerSecond: integerOption('rate-limit', values['rate-limit']),
    maxIdsPerCall: integerOption('max-ids', values['max-ids']),
    seed: integerOption('fault-seed', values['fault-seed']),
    callbackUrl: values['callback-url'],
    callbackToken: values['callback-token'],
    messageLimits: values['message-limits'] === undefined ? undefined : (JSON.parse(values['message-limits']) as MessageLimits),
    onCallComplete: values.quiet ? undefined : (call) => console.log(describeCall(call)),
  });
  if (values.rates !== undefined) emulator.setRates(JSON.parse(values.rates) as FaultRates);

  const wildcard = values.host === '0.0.0.0' || values.host === '::';
  console.log(`Tencent Chat REST emulator listening on ${emulator.url}${wildcard ? ` (all interfaces, ${values.host})` : ''}`);
  for (const line of credentialLines(emulator.url, seed.apps[0], values['callback-token'], wildcard)) console.log(line);
  console.log('');
  for (const app of seed.apps.slice(1)) {
    console.log(`Another app: SDKAppID ${app.sdkAppId}  Secret Key ${app.secretKey}  admins ${app.admins.join(', ')}`);
  }
  for (const account of seed.accounts) {
    console.log(`Official account ${account.officialAccount} (SDKAppID ${account.sdkAppId}), ${account.subscribers?.length ?? 0} subscribers`);
  }
  const firstApp = seed.apps[0];
  const admin = firstApp?.admins[0];
  if (firstApp && admin !== undefined) {
    const userSig = signUserSigForTests(firstApp.sdkAppId, firstApp.secretKey, admin, 86400, Math.floor(Date.now() / 1000));
    const query = `sdkappid=${firstApp.sdkAppId}&identifier=${encodeURIComponent(admin)}&usersig=${userSig}&random=1&contenttype=json`;
    console.log('Try it with curl (UserSig valid 24 h):');
    console.log(`  curl -s -X POST '${emulator.url}/v4/im_open_login_svc/account_check?${query}' -d '{"CheckItem":[{"UserID":"${admin}"}]}'`);
  }
  if (values['callback-url'] !== undefined) {
    console.log(`Callbacks go to ${values['callback-url']} (${values['callback-token'] === undefined ? 'unsigned' : 'signed with the token'})`);
  }
  console.log('Press Ctrl+C to stop.');

  const shutdown = (signal: string): void => {
    console.log(`Received ${signal}, stopping.`);
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if ((error as { code?: string } | null)?.code === 'EADDRINUSE') {
    console.error(`${(error as Error).message}: another program (or another emulator) uses that port. Stop it, or pass --port <n> (--port 0 for any free port) and use the Base URL printed.`);
    process.exit(1);
  }
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});
