// What a user reads in the node panels: trigger events that say when they fire, and plain labels that name
// Tencent's field in their description.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { TencentChatOfficialAccount } from '../../nodes/TencentChatOfficialAccount/TencentChatOfficialAccount.node';
import { CALLBACK_EVENTS } from '../../nodes/TencentChatOfficialAccount/tencent/callbacks';
import { TencentChatOfficialAccountTrigger } from '../../nodes/TencentChatOfficialAccountTrigger/TencentChatOfficialAccountTrigger.node';

/** Every property, the options of collections included. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => {
		// A collection's options are properties (they have a type); an options list's entries are not.
		const nested = (property.options ?? []).filter((option): option is INodeProperties => typeof option === 'object' && 'type' in option);
		return [property, ...allProperties(nested)];
	});
}

describe('trigger events', () => {
	const events = new TencentChatOfficialAccountTrigger().description.properties.find((property) => property.name === 'events');
	const options = (events?.options ?? []) as INodePropertyOptions[];

	it('lists the 11 callbacks, each with a description that says when it fires and names the command', () => {
		expect(options).toHaveLength(CALLBACK_EVENTS.length);
		for (const option of options) {
			expect(option.description).toMatch(/^(Before|After|When) /);
			expect(option.description).toContain(`(${String(option.value)})`);
			expect(option.description).not.toBe(option.value);
		}
	});
});

describe('labels of the action node', () => {
	const properties = allProperties(new TencentChatOfficialAccount().description.properties);

	it.each([
		['customDesc', 'Description', "Tencent's Desc"],
		['customExt', 'Push Extra Data', "Tencent's Ext"],
		['customSound', 'Push Sound', "Tencent's Sound"],
		['ext', 'Extra Data', "Tencent's Ext"],
		['faceUrl', 'Avatar URL', "Tencent's FaceUrl"],
	])('%s is labelled %j and its description names %s', (name, label, tencentName) => {
		const matching = properties.filter((property) => property.name === name);
		expect(matching.length).toBeGreaterThan(0);
		for (const property of matching) {
			expect(property.displayName).toBe(label);
			expect(property.description).toContain(tencentName);
		}
	});

	it("uses none of Tencent's bare field names as a label", () => {
		const bare = properties.filter((property) => ['Desc', 'Ext', 'Face URL', 'FaceUrl', 'Sound'].includes(property.displayName));
		expect(bare.map((property) => property.name)).toEqual([]);
	});
});
