// Message → Send reads the account's last hour before sending, and Dry Run: in the n8n engine against the emulator.
import type { IDataObject } from 'n8n-workflow';

import type { TencentChatEmulator } from '../emulator';
import { emulatorClient } from '../emulator/testClient';
import { APP, jsonOf } from './fixtures';
import { callsOf, emulatorWithAccounts, freshAccount, HISTORY_COMMAND, runSend, sendCalls } from './messageFixtures';

const MINUTE_MS = 60_000;
const ACCOUNT_INFO_COMMAND = 'official_account_open_http_svc/get_official_account_info';

/** An emulator whose clock can be set back, so broadcasts can be sent "40 minutes ago". */
async function emulatorWithClock(accounts: string[]) {
	const clock = { offsetMs: 0 };
	const emulator = await emulatorWithAccounts(accounts, { nowMs: () => Date.now() + clock.offsetMs });
	/** Sends a text as the account `minutesAgo` minutes ago (by the emulator's clock), then clears the call log; returns its MsgTime. */
	const sentMinutesAgo = async (account: string, minutesAgo: number, text: string): Promise<number> => {
		clock.offsetMs = -minutesAgo * MINUTE_MS;
		const client = emulatorClient(() => emulator.url, () => Math.floor((Date.now() + clock.offsetMs) / 1000));
		try {
			const reply = await client.oa('send_official_account_msg', {
				Official_Account: account,
				Random: minutesAgo,
				MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
			});
			return reply.json.MsgTime as number;
		} finally {
			clock.offsetMs = 0;
			await client.close();
			emulator.resetCalls();
		}
	};
	return { emulator, sentMinutesAgo };
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

describe('Message → Send: the account\'s last hour', () => {
	let emulator: TencentChatEmulator;
	let sentMinutesAgo: (account: string, minutesAgo: number, text: string) => Promise<number>;
	let account: string;
	beforeEach(async () => {
		account = freshAccount('h');
		({ emulator, sentMinutesAgo } = await emulatorWithClock([account]));
	});
	afterEach(async () => await emulator.stop());

	it.each(['stopWorkflow', 'continueRegularOutput'] as const)('two messages in the last 40 minutes stop a third before sending (%s)', async (onError) => {
		const first = await sentMinutesAgo(account, 40, 'first');
		const second = await sentMinutesAgo(account, 20, 'second');

		const result = await runSend(emulator, [{ account, text: 'third' }], {}, onError);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			`Nothing was sent: ${account} already sent 2 in the last hour (at ${iso(first)} and ${iso(second)}) and this run would send 1 more. Tencent Chat allows 2 broadcasts per hour per official account; the next slot opens at ${iso(first + 3600)}`,
		);
		expect(result.error?.description).toMatch(/Allow More Than 2 per Hour/);
		expect(sendCalls(emulator)).toHaveLength(0);
		expect(callsOf(emulator, HISTORY_COMMAND)).toHaveLength(1);
		expect(emulator.deliveryCount(APP, account)).toBe(2);
	});

	it('one message in the last hour and two in the run: refused, the slot opening when that one is an hour old', async () => {
		const earlier = await sentMinutesAgo(account, 30, 'earlier');
		const result = await runSend(emulator, [{ account, text: 'a' }, { account, text: 'b' }]);

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(new RegExp(`already sent 1 in the last hour .* would send 2 more.*next slot opens at ${iso(earlier + 3600).replace(/\./g, '\\.')}$`));
		expect(sendCalls(emulator)).toHaveLength(0);
	});

	it('messages older than an hour do not count', async () => {
		await sentMinutesAgo(account, 70, 'old one');
		await sentMinutesAgo(account, 65, 'old two');
		const result = await runSend(emulator, [{ account, text: 'new' }]);

		expect(result.status).toBe('success');
		expect(sendCalls(emulator)).toHaveLength(1);
	});

	it('Allow More Than 2 per Hour turns the check off: no history is read', async () => {
		await sentMinutesAgo(account, 40, 'first');
		await sentMinutesAgo(account, 20, 'second');
		emulator.setMessageLimits({ perHour: 0 });
		const result = await runSend(emulator, [{ account, text: 'third' }], { options: { allowMoreThanTwoPerHour: true } });

		expect(result.status).toBe('success');
		expect(callsOf(emulator, HISTORY_COMMAND)).toHaveLength(0);
		expect(emulator.deliveryCount(APP, account)).toBe(3);
	});

	it('a history that cannot be read stops the send, saying how to skip the check', async () => {
		emulator.script(HISTORY_COMMAND, [{ errorCode: 20001, errorInfo: 'bad request' }]);
		const result = await runSend(emulator, [{ account, text: 'one' }]);

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Nothing was sent: the messages .* sent in the last hour could not be read/);
		expect(result.error?.description).toMatch(/Allow More Than 2 per Hour/);
		expect(sendCalls(emulator)).toHaveLength(0);
	});
});

describe('Message → Send: Dry Run', () => {
	let emulator: TencentChatEmulator;
	let sentMinutesAgo: (account: string, minutesAgo: number, text: string) => Promise<number>;
	let account: string;
	beforeEach(async () => {
		account = freshAccount('d');
		({ emulator, sentMinutesAgo } = await emulatorWithClock([account]));
	});
	afterEach(async () => await emulator.stop());

	it('sends nothing and reports the exact body and the audience', async () => {
		const result = await runSend(emulator, [{ account, text: 'hello' }], { options: { dryRun: true, cloudCustomData: 'c1' } });

		expect(result.status).toBe('success');
		expect(sendCalls(emulator)).toHaveLength(0);
		expect(emulator.deliveryCount(APP, account)).toBe(0);
		expect(callsOf(emulator, ACCOUNT_INFO_COMMAND)).toHaveLength(1);
		const [out] = jsonOf(result.outputs[0]);
		expect(out).toEqual({
			officialAccount: account,
			dryRun: true,
			body: {
				Official_Account: account,
				Random: expect.any(Number),
				MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }],
				CloudCustomData: 'c1',
			},
			audience: 3,
		});
	});

	it('the body it reports is what a real send carries', async () => {
		const dry = await runSend(emulator, [{ account, text: 'same' }], { options: { dryRun: true } });
		const real = await runSend(emulator, [{ account, text: 'same' }]);
		expect(real.status).toBe('success');
		const { Random: _dryRandom, ...dryBody } = jsonOf(dry.outputs[0])[0].body as IDataObject;
		const { Random: _sentRandom, ...sentBody } = sendCalls(emulator)[0].body as IDataObject;
		expect(sentBody).toEqual(dryBody);
	});

	it('checks the last hour like a real send', async () => {
		await sentMinutesAgo(account, 40, 'first');
		await sentMinutesAgo(account, 20, 'second');
		const result = await runSend(emulator, [{ account, text: 'third' }], { options: { dryRun: true } });

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Nothing was sent: .* already sent 2 in the last hour/);
		expect(callsOf(emulator, ACCOUNT_INFO_COMMAND)).toHaveLength(0);
	});
});
