// A pandas frame printed as plain text (`print(df.head())`, a text/plain-only output): the header's column names and
// each row's values, found by position. pandas right-aligns every column under its name and puts at least two
// spaces between columns, so each name's last character marks where its column ends; a frame wider than the
// display comes in blocks (the header of each but the last ends with `\`). A text that does not line up is no table.

export interface Table {
  header: string[];
  /** [index label, ...values] */
  rows: string[][];
  truncated: boolean;
}

interface Block {
  header: string[];
  rows: string[][];
}

/** `[5 rows x 12 columns]`, pandas' footer when it cut rows or columns. */
const FOOTER = /^\[(\d+) rows x (\d+) columns\]$/;

function headerColumns(line: string): { name: string; end: number }[] | null {
  // The index column has no name on this line: the header starts with spaces.
  if (!/^\s/.test(line)) return null;
  const names: { name: string; end: number }[] = [];
  for (const m of line.matchAll(/\S+(?: \S+)*/g)) {
    // pandas puts one space only around the `...` of cut columns: `Pclass  ... Parch`.
    let offset = m.index;
    for (const part of m[0].split(/(?<=^\.\.\.) | (?=\.\.\.$)/)) {
      offset = line.indexOf(part, offset);
      names.push({ name: part, end: offset + part.length });
      offset += part.length;
    }
  }
  return names.length > 0 ? names : null;
}

/** The row's index label and the value under each column; null when the row does not line up with the header. */
function rowValues(line: string, columns: { end: number }[]): string[] | null {
  const label = /^\S+/.exec(line);
  if (!label) return null;
  const values: string[] = [label[0]];
  let from = label[0].length;
  for (const { end } of columns) {
    if (line.length < end || line[end - 1] === ' ' || (line[end] !== undefined && line[end] !== ' ')) return null;
    const value = line.slice(from, end);
    if (from > 0 && !value.startsWith(' ')) return null;
    values.push(value.trim());
    from = end;
  }
  return line.slice(from).trim() === '' ? values : null;
}

function parseBlock(lines: string[]): Block | null {
  const columns = headerColumns(lines[0]!.replace(/\s*\\$/, ''));
  if (!columns) return null;
  let body = lines.slice(1);
  // A named index gets a line of its own under the header: its name, then nothing under the columns.
  if (body[0] !== undefined && /^\S+\s*$/.test(body[0].trimEnd()) && body[0].trim().length < columns[0]!.end) {
    const onlyName = body[0].slice(body[0].trimEnd().length).trim() === '';
    if (onlyName) body = body.slice(1);
  }
  const rows: string[][] = [];
  for (const line of body) {
    const values = rowValues(line.replace(/\s+$/, ''), columns);
    if (!values) return null;
    rows.push(values);
  }
  return rows.length > 0 ? { header: columns.map((c) => c.name), rows } : null;
}

/** The pandas frame a plain-text output prints, or null when the text is anything else. */
export function parseTextTable(text: string): Table | null {
  const lines = text.replace(/\r\n/g, '\n').trimEnd().split('\n');
  const footer = FOOTER.exec(lines[lines.length - 1]!.trim());
  if (footer) lines.pop();
  const blocks: string[][] = [[]];
  for (const line of lines) {
    if (line.trim() === '') {
      if (blocks[blocks.length - 1]!.length > 0) blocks.push([]);
    } else blocks[blocks.length - 1]!.push(line);
  }
  if (blocks[blocks.length - 1]!.length === 0) blocks.pop();
  if (blocks.length === 0) return null;
  const parsed = blocks.map(parseBlock);
  if (parsed.some((block) => block === null)) return null;
  const first = parsed[0]!;
  // Every block holds the same rows (the same index labels), further columns of them.
  const labels = first.rows.map((row) => row[0]);
  if (parsed.some((block) => block!.rows.length !== labels.length || block!.rows.some((r, i) => r[0] !== labels[i])))
    return null;
  const header = parsed.flatMap((block) => block!.header);
  const rows = labels.map((label, i) => [label!, ...parsed.flatMap((block) => block!.rows[i]!.slice(1))]);
  // Rows cut in the middle show as a row of dots; columns cut, as a column named `...`.
  const dots = (row: string[]) => /^\.{2,3}$/.test(row[0]!);
  const truncated = header.includes('...') || (footer !== null && Number(footer[2]) !== header.length);
  return { header, rows: rows.filter((row) => !dots(row)), truncated };
}
