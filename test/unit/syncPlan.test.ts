import { hourStartMs, slotOpensAtMs } from '../../nodes/TencentChatOfficialAccount/actions/message/hourlyLimit';
import { currentList, JOINED_DURING_SYNC_MARGIN_SECONDS, planSync, refusePlan, WantedList } from '../../nodes/TencentChatOfficialAccount/actions/subscriber/syncPlan';

const START_MS = 1_800_000_000_000;
const startS = START_MS / 1000;

function wanted(ids: string[], unreadable: string[] = []): WantedList {
	const list = new WantedList();
	ids.forEach((id, index) => {
		list.noteItem(index);
		list.add(index, id);
	});
	for (const raw of unreadable) list.unreadable.add(raw);
	return list;
}

const entry = (id: string, subscribeTime = startS - 3600) => ({ Subscriber_Account: id, SubscribeTime: subscribeTime });

describe('Sync plan', () => {
	it('adds the wanted who are missing and removes the others, by mode', () => {
		const current = currentList([entry('a'), entry('b'), entry('c')], START_MS);
		const list = wanted(['b', 'c', 'd']);
		expect(planSync(list, current, 'addAndRemove')).toEqual({ before: 3, wanted: 3, toAdd: ['d'], toRemove: ['a'] });
		expect(planSync(list, current, 'addOnly')).toMatchObject({ toAdd: ['d'], toRemove: [] });
		expect(planSync(list, current, 'removeOnly')).toMatchObject({ toAdd: [], toRemove: ['a'] });
	});

	it('keeps a subscriber who joined at or after the start (less the margin), and an ID the list had in an unreadable form', () => {
		const justBefore = startS - JOINED_DURING_SYNC_MARGIN_SECONDS;
		const current = currentList([entry('old'), entry('joined', startS + 1), entry('edge', justBefore), entry('odd id')], START_MS);
		expect(planSync(wanted(['x'], ['odd id']), current, 'addAndRemove').toRemove).toEqual(['old']);
	});

	it('refuses an empty list whatever the limit, and a plan over Max Removals saying how many', () => {
		const current = currentList([entry('a'), entry('b')], START_MS);
		const empty = new WantedList();
		expect(refusePlan('@TOA#_n', empty, planSync(empty, current, 'addOnly'), 1_000_000)?.message).toMatch(/list of wanted subscribers is empty/);
		const plan = planSync(wanted(['c']), current, 'addAndRemove');
		expect(refusePlan('@TOA#_n', wanted(['c']), plan, 1)?.message).toMatch(/would remove 2 subscribers, more than Max Removals \(1\)/);
		expect(refusePlan('@TOA#_n', wanted(['c']), plan, 2)).toBeUndefined();
	});

	it('names each item that named an ID once, in order', () => {
		const list = new WantedList();
		list.add(0, 'a');
		list.add(0, 'a');
		list.add(2, 'a');
		expect(list.ids.get('a')).toEqual([0, 2]);
	});
});

describe('Send: the hour that counts', () => {
	const HOUR = 3_600_000;
	it('is the last 60 minutes, and the next slot opens when the older message of the hour is an hour old', () => {
		const now = START_MS;
		expect(hourStartMs(now)).toBe(now - HOUR);
		const sent = [now - 40 * 60_000, now - 20 * 60_000];
		expect(slotOpensAtMs(sent, 1, now)).toBe(sent[0] + HOUR);
		expect(slotOpensAtMs(sent, 2, now)).toBe(sent[1] + HOUR);
		expect(slotOpensAtMs([sent[1]], 2, now)).toBe(sent[1] + HOUR);
	});
});
