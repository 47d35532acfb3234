// The credential's SDKAppID: a text field now (empty by default, so the placeholder shows and Required catches
// it), while credentials saved when it was a number field hold a number. Both must keep working, through the
// credential's real authenticate (inside the n8n engine, against the emulator) and the trigger's verification.
import type { IDataObject } from 'n8n-workflow';

import { TencentChatApi } from '../../credentials/TencentChatApi.credentials';
import { DEFAULT_APP, verifyUserSig, type TencentChatEmulator } from '../emulator';
import { runTencentNode } from '../engine/tencentNode';
import { runWebhook } from '../engine/runWebhook';
import { AFTER_DELETE, credentials as triggerCredentials, SDK_APP_ID, signedQuery, subscriberBody } from '../trigger/fixtures';
import { APP, COMMAND, emulatorWith } from './fixtures';

const NEWS = '@TOA#_news';
const STORED_FORMS: Array<[string, number | string]> = [
	['a stored number (saved by version 0.2)', APP],
	['a string', String(APP)],
	['a string with spaces around it', ` ${APP} `],
];
const NOT_AN_APP_NUMBER = ['abc', '1400 000000', '1.4e9', '0x53724E00', '-1400000000', '14000000001400000000'];

describe('the SDKAppID field', () => {
	const property = new TencentChatApi().properties.find((entry) => entry.name === 'sdkAppId');

	it('is an empty required text field with an e.g. placeholder', () => {
		expect(property).toMatchObject({ type: 'string', default: '', required: true, placeholder: 'e.g. 1400000000' });
	});
});

describe('SDKAppID through the credential authenticate, in the n8n engine against the emulator', () => {
	let emulator: TencentChatEmulator;
	beforeAll(async () => {
		emulator = await emulatorWith({ [NEWS]: ['u1', 'u2'] });
	});
	afterAll(async () => await emulator.stop());
	beforeEach(() => emulator.resetCalls());

	it.each(STORED_FORMS)('%s: the call is signed for the app and succeeds', async (_form, sdkAppId) => {
		const result = await runTencentNode({
			emulator,
			parameters: { resource: 'subscriber', operation: 'getAll', officialAccount: NEWS, returnAll: true },
			input: [{}],
			credentials: { sdkAppId },
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((item) => item.json.subscriberId).sort()).toEqual(['u1', 'u2']);
		const calls = emulator.calls.filter((call) => call.command === COMMAND.getSubscriberInfo);
		expect(calls).toHaveLength(1);
	});

	it.each(STORED_FORMS)('%s: authenticate puts the number in sdkappid and signs a UserSig for it', async (_form, sdkAppId) => {
		const signed = await new TencentChatApi().authenticate(
			{ sdkAppId, secretKey: DEFAULT_APP.secretKey, adminIdentifier: DEFAULT_APP.admins[0], userSigValiditySeconds: 86400 },
			{ url: 'https://example.test/' },
		);
		const qs = signed.qs as IDataObject;
		expect(qs.sdkappid).toBe(APP);
		const verdict = verifyUserSig({
			userSig: String(qs.usersig),
			sdkAppId: APP,
			identifier: DEFAULT_APP.admins[0],
			secretKey: DEFAULT_APP.secretKey,
			nowSeconds: Math.floor(Date.now() / 1000),
		});
		expect(verdict.ok).toBe(true);
	});

	it.each(NOT_AN_APP_NUMBER)('%j: the run stops before any call, saying the SDKAppID is digits only', async (sdkAppId) => {
		const result = await runTencentNode({
			emulator,
			parameters: { resource: 'subscriber', operation: 'getAll', officialAccount: NEWS, returnAll: true },
			input: [{}],
			credentials: { sdkAppId },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(`The SDKAppID "${sdkAppId}" in the Tencent Chat credential is not an app's number (digits only)`);
		expect(result.error?.description).toContain('e.g. 1400000000');
		expect(emulator.calls).toEqual([]);
	});

	it('not digits, in a batched operation (Subscriber → Delete): stops before any call, nobody removed', async () => {
		const result = await runTencentNode({
			emulator,
			parameters: { resource: 'subscriber', operation: 'delete', officialAccount: NEWS, subscriberIds: 'u1' },
			input: [{}],
			credentials: { sdkAppId: 'abc' },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(`The SDKAppID "abc" in the Tencent Chat credential is not an app's number (digits only)`);
		expect(emulator.calls).toEqual([]);
		expect(emulator.subscribers(APP, NEWS).sort()).toEqual(['u1', 'u2']);
	});

	it.each(['', undefined, 0])('%p (never filled in): the run stops, saying the credential has no SDKAppID', async (sdkAppId) => {
		const result = await runTencentNode({
			emulator,
			parameters: { resource: 'subscriber', operation: 'getAll', officialAccount: NEWS, returnAll: true },
			input: [{}],
			credentials: { sdkAppId },
		});
		expect(result.error?.message).toContain('The Tencent Chat credential has no SDKAppID');
		expect(emulator.calls).toEqual([]);
	});

	it.each(NOT_AN_APP_NUMBER)('%j: authenticate (the credential test) refuses with the same message', async (sdkAppId) => {
		await expect(
			new TencentChatApi().authenticate({ sdkAppId, secretKey: DEFAULT_APP.secretKey, adminIdentifier: 'administrator' }, { url: 'https://example.test/' }),
		).rejects.toThrow(/is not an app's number \(digits only\)\. Copy the SDKAppID from the Tencent Chat console/);
	});
});

describe("SDKAppID in the trigger's verification (real WebhookContext)", () => {
	const callWith = (sdkAppId: unknown) =>
		runWebhook({
			parameters: { events: [AFTER_DELETE], respond: 'onReceived' },
			credentials: { ...triggerCredentials, sdkAppId } as typeof triggerCredentials,
			request: { query: signedQuery(AFTER_DELETE), body: subscriberBody(AFTER_DELETE, ['u1']) },
		});

	it.each([
		['a stored number', SDK_APP_ID],
		['a string', String(SDK_APP_ID)],
		['a string with spaces around it', ` ${SDK_APP_ID} `],
	])('%s: a callback of the app is accepted', async (_form, sdkAppId) => {
		const { response, result, warnings } = await callWith(sdkAppId);
		expect(response.statusCode).toBe(200);
		expect(result.workflowData?.[0]).toHaveLength(1);
		expect(warnings).toEqual([]);
	});

	it('another app number as a string: refused as from another app', async () => {
		const { response, warnings } = await callWith(String(SDK_APP_ID + 1));
		expect(response.statusCode).toBe(401);
		expect(warnings.join('\n')).toMatch(/SdkAppid in the URL is not the SDKAppID of the credential/);
	});

	it('not digits: refused, and the log says what to fix in the credential', async () => {
		const { response, result, warnings } = await callWith('my app');
		expect(response.statusCode).toBe(401);
		expect(result.workflowData).toBeUndefined();
		expect(warnings.join('\n')).toMatch(/The SDKAppID "my app" in the Tencent Chat credential is not an app's number \(digits only\)/);
	});
});
