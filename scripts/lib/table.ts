// A plain-text table for terminal output (no colours, so it reads the same in CI logs).

export type Cell = string | number | null | undefined;

function text(cell: Cell): string {
	if (cell === null || cell === undefined) return '';
	return String(cell);
}

function clip(value: string, max: number): string {
	return value.length <= max ? value : `${value.slice(0, Math.max(0, max - 1))}…`;
}

/** Left-aligned columns separated by two spaces; cells longer than maxWidth are clipped with an ellipsis. */
export function formatTable(headers: string[], rows: Cell[][], maxWidth = 60): string {
	const cells = rows.map((row) => headers.map((_, i) => clip(text(row[i]), maxWidth)));
	const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((row) => row[i].length)));
	const line = (row: string[]) =>
		row
			.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i])))
			.join('  ')
			.trimEnd();
	return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
