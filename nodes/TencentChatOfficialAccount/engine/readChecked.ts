import type { Checked } from '../helpers/identifiers';
import type { ItemParameterReader } from './itemParameters';

export type ReadField<T> = { ok: true; value: T } | { ok: false; field: string; reason: string; fix: string };

export interface CheckedParameter<T> {
	parameter: string;
	/** The parameter's display name, for messages. */
	label: string;
	check: (raw: unknown) => Checked<T>;
	fix: string;
}

/** Reads one item's parameter and checks it; an expression that fails is that item's error, like a bad value. */
export function readChecked<T>(reader: ItemParameterReader, itemIndex: number, spec: CheckedParameter<T>): ReadField<T> {
	let raw: unknown;
	try {
		raw = reader.read(spec.parameter, itemIndex);
	} catch (error) {
		return { ok: false, field: spec.label, reason: `${spec.label} could not be read: ${error instanceof Error ? error.message : String(error)}`, fix: spec.fix };
	}
	const checked = spec.check(raw);
	return checked.ok ? checked : { ok: false, field: spec.label, reason: checked.reason, fix: spec.fix };
}
