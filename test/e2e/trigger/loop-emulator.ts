// The emulator for the trigger e2e loop: seeded with one account, its callbacks pointed at the n8n trigger's
// production URL with the console token (options callbackUrl/callbackToken). Prints its URL, then serves.
//   tsx test/e2e/trigger/loop-emulator.ts <port> <callbackUrl> <callbackToken>
import { DEFAULT_APP, startEmulator } from '../../emulator';

async function main(): Promise<void> {
  const [port, callbackUrl, callbackToken] = process.argv.slice(2);
  const emulator = await startEmulator({
    port: Number(port),
    callbackUrl,
    callbackToken,
    accounts: [{ sdkAppId: DEFAULT_APP.sdkAppId, officialAccount: '@TOA#_trigger_e2e', subscribers: ['loop1', 'loop2', 'keep1'] }],
    onCallComplete: (call) => console.log(`call ${call.command} -> ${call.outcome}`),
  });
  console.log(`emulator listening at ${emulator.url}, callbacks to ${callbackUrl}`);
  let printed = 0;
  const report = setInterval(() => {
    for (let record = emulator.callbackLog[printed]; record?.repliedAtMs !== undefined; record = emulator.callbackLog[++printed]) {
      console.log(`callback ${record.command} -> ${record.httpStatus ?? record.error}`);
    }
  }, 200);
  const stop = () => {
    clearInterval(report);
    void emulator.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
