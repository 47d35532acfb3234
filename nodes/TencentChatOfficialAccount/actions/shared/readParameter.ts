import type { ItemParameterReader } from '../../engine/itemParameters';
import type { Checked } from '../../helpers/identifiers';

export type ReadField<T> = { ok: true; value: T } | { ok: false; field: string; reason: string; fix: string };

/** How one scalar parameter is read: its name, its label in messages, its check and how to fix it. */
export interface CheckedParameter<T> {
	parameter: string;
	label: string;
	check(raw: unknown): Checked<T>;
	fix: string;
}

/** Reads one item's parameter and checks it; an expression that fails to evaluate is that item's error too. */
export function readCheckedParameter<T>(reader: ItemParameterReader, itemIndex: number, rule: CheckedParameter<T>): ReadField<T> {
	let raw: unknown;
	try {
		raw = reader.read(rule.parameter, itemIndex);
	} catch (error) {
		return { ok: false, field: rule.label, reason: `${rule.label} could not be read: ${error instanceof Error ? error.message : String(error)}`, fix: rule.fix };
	}
	const checked = rule.check(raw);
	return checked.ok ? checked : { ok: false, field: rule.label, reason: checked.reason, fix: rule.fix };
}
