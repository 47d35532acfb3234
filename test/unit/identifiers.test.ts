// checkOfficialAccountId / checkSubscriberId / parseSubscriberIds: what users type, checked per entry.
import {
	checkOfficialAccountId,
	checkSubscriberId,
} from '../../nodes/TencentChatOfficialAccount/helpers/identifiers';
import { SUBSCRIBER_IDS } from '../../nodes/TencentChatOfficialAccount/actions/shared/subscriberIds';
import { parseIdList, type IdEntry as SubscriberIdEntry } from '../../nodes/TencentChatOfficialAccount/engine/idList';

const parseSubscriberIds = (value: unknown) => parseIdList(value, SUBSCRIBER_IDS);

const PREFIX = '@TOA#_';

function validIds(value: unknown): string[] {
	const list = parseSubscriberIds(value);
	if (!list.ok) throw new Error(`expected a list, got: ${list.reason}`);
	return list.entries.filter((entry): entry is Extract<SubscriberIdEntry, { ok: true }> => entry.ok).map((entry) => entry.id);
}

function invalidEntries(value: unknown): Array<{ raw: string; reason: string }> {
	const list = parseSubscriberIds(value);
	if (!list.ok) throw new Error(`expected a list, got: ${list.reason}`);
	return list.entries
		.filter((entry): entry is Extract<SubscriberIdEntry, { ok: false }> => !entry.ok)
		.map(({ raw, reason }) => ({ raw, reason }));
}

describe('checkOfficialAccountId', () => {
	it('accepts a system-assigned and a custom ID, trimmed', () => {
		expect(checkOfficialAccountId('@TOA#_@TOA#dOEF')).toEqual({ ok: true, value: '@TOA#_@TOA#dOEF' });
		expect(checkOfficialAccountId('  @TOA#_news \n')).toEqual({ ok: true, value: '@TOA#_news' });
	});

	it('accepts exactly 48 bytes and rejects 49', () => {
		const id48 = PREFIX + 'a'.repeat(48 - PREFIX.length);
		expect(Buffer.byteLength(id48)).toBe(48);
		expect(checkOfficialAccountId(id48)).toEqual({ ok: true, value: id48 });
		const id49 = `${id48}b`;
		const checked = checkOfficialAccountId(id49);
		expect(checked.ok).toBe(false);
		if (!checked.ok) expect(checked.reason).toMatch(/48/);
	});

	it.each([
		['no prefix', 'news', /@TOA#_/],
		['a lowercase prefix', '@toa#_news', /@TOA#_/],
		['the prefix in the middle', 'x@TOA#_news', /@TOA#_/],
		['an empty string', '', /empty/],
		['only spaces', '   ', /empty/],
		['non-ASCII', '@TOA#_nëws', /ASCII/],
		['a control character', '@TOA#_ne\u0007ws', /ASCII/],
		['a tab inside', '@TOA#_ne\tws', /ASCII/],
		['an emoji (short in characters, long in bytes)', '@TOA#_😀', /ASCII/],
	])('rejects %s with a reason', (_label, raw, reason) => {
		const checked = checkOfficialAccountId(raw);
		expect(checked.ok).toBe(false);
		if (!checked.ok) expect(checked.reason).toMatch(reason);
	});

	it.each([[42], [null], [undefined], [{ id: '@TOA#_x' }], [['@TOA#_x']]])('rejects %p (not text)', (raw) => {
		const checked = checkOfficialAccountId(raw);
		expect(checked.ok).toBe(false);
		if (!checked.ok) expect(checked.reason).toMatch(/text/);
	});
});

describe('checkSubscriberId', () => {
	it('accepts printable ASCII up to 32 bytes, and numbers as their decimal text', () => {
		expect(checkSubscriberId(' user_001 ')).toEqual({ ok: true, value: 'user_001' });
		expect(checkSubscriberId('a'.repeat(32))).toEqual({ ok: true, value: 'a'.repeat(32) });
		expect(checkSubscriberId(966582476)).toEqual({ ok: true, value: '966582476' });
	});

	it.each([
		['33 bytes', 'a'.repeat(33), /32/],
		['empty', '', /empty/],
		['non-ASCII', 'bób', /ASCII/],
		['an object', { id: 'x' }, /object/],
		['null', null, /null/],
		['a boolean', true, /boolean/],
		['NaN', NaN, /number/],
		['Infinity', Infinity, /number/],
	])('rejects %s with a reason', (_label, raw, reason) => {
		const checked = checkSubscriberId(raw);
		expect(checked.ok).toBe(false);
		if (!checked.ok) expect(checked.reason).toMatch(reason);
	});
});

describe('parseSubscriberIds', () => {
	it('one ID', () => {
		expect(validIds('107867')).toEqual(['107867']);
		expect(validIds(107867)).toEqual(['107867']);
	});

	it.each([
		['commas', 'a,b,c'],
		['semicolons', 'a;b;c'],
		['spaces', 'a b  c'],
		['newlines', 'a\nb\r\nc'],
		['tabs', 'a\tb\tc'],
		['a mix, with empty parts and padding', ' a , ;\n b;;c, '],
	])('a list separated by %s', (_label, text) => {
		expect(validIds(text)).toEqual(['a', 'b', 'c']);
	});

	it('an array of strings and numbers (from an expression), trimmed', () => {
		expect(validIds(['alice', 107867, ' bob '])).toEqual(['alice', '107867', 'bob']);
	});

	it('a JSON array string', () => {
		expect(validIds('["alice", "bob", 42]')).toEqual(['alice', 'bob', '42']);
		expect(validIds('  ["alice"]  ')).toEqual(['alice']);
	});

	it('an invalid JSON array string is rejected as a whole, with a reason', () => {
		const list = parseSubscriberIds('["alice", "bob"');
		expect(list.ok).toBe(false);
		if (!list.ok) expect(list.reason).toMatch(/JSON/);
	});

	it('keeps repeats within one item once, in first-seen order', () => {
		expect(validIds('b,a,b, a ,c,a')).toEqual(['b', 'a', 'c']);
		expect(validIds(['1', 1, ' 1 '])).toEqual(['1']);
	});

	it('reports non-ASCII, empty, 33-byte and object entries one by one while valid ones stay', () => {
		const tooLong = 'x'.repeat(33);
		const value = ['alice', 'bób', '', tooLong, { id: 'carol' }, 'dave', '  '];
		expect(validIds(value)).toEqual(['alice', 'dave']);
		const invalid = invalidEntries(value);
		expect(invalid.map((entry) => entry.raw)).toEqual(['bób', '', tooLong, '{"id":"carol"}', '  ']);
		for (const entry of invalid) expect(entry.reason.length).toBeGreaterThan(5);
		expect(invalid[0].reason).toMatch(/ASCII/);
		expect(invalid[1].reason).toMatch(/empty/);
		expect(invalid[2].reason).toMatch(/32/);
		expect(invalid[3].reason).toMatch(/object/);
	});

	it('keeps the order of valid and invalid entries as given', () => {
		const list = parseSubscriberIds('a,bób,b');
		expect(list.ok).toBe(true);
		if (list.ok) expect(list.entries.map((entry) => (entry.ok ? entry.id : `!${entry.raw}`))).toEqual(['a', '!bób', 'b']);
	});

	it('reports invalid entries of a text list too', () => {
		const tooLong = 'y'.repeat(33);
		expect(validIds(`alice,${tooLong},zoë,bob`)).toEqual(['alice', 'bob']);
		expect(invalidEntries(`alice,${tooLong},zoë,bob`).map((entry) => entry.raw)).toEqual([tooLong, 'zoë']);
	});

	it('never silently changes a numeric ID that a JSON number cannot hold exactly', () => {
		// 20 digits: a valid 20-byte UserID as text, but JSON.parse turns the number into 12345678901234567000.
		const text = '["alice", 12345678901234567890]';
		const list = parseSubscriberIds(text);
		expect(list.ok).toBe(true);
		if (!list.ok) return;
		const valid = list.entries.flatMap((entry) => (entry.ok ? [entry.id] : []));
		expect(valid).toContain('alice');
		expect(valid).not.toContain(String(Number('12345678901234567890')));
		expect(list.entries.some((entry) => !entry.ok)).toBe(true);
		expect(checkSubscriberId(Number('12345678901234567890')).ok).toBe(false);
		expect(checkSubscriberId(Number.MAX_SAFE_INTEGER)).toEqual({ ok: true, value: String(Number.MAX_SAFE_INTEGER) });
	});

	it.each([
		['an empty string', ''],
		['only separators', ' ,; \n'],
		['an empty array', []],
		['an empty JSON array', '[]'],
	])('%s is rejected as empty', (_label, value) => {
		const list = parseSubscriberIds(value);
		expect(list.ok).toBe(false);
		if (!list.ok) expect(list.reason).toMatch(/empty/);
	});

	it.each([[null], [undefined], [{ ids: ['a'] }], [true]])('%p is rejected with a reason', (value) => {
		const list = parseSubscriberIds(value);
		expect(list.ok).toBe(false);
		if (!list.ok) expect(list.reason.length).toBeGreaterThan(5);
	});
});
