import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES } from 'src/config/config-variables';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

/** The README's table rows as trimmed cells, keyed by their first cell. */
const tableRows = new Map(
  readme
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .map((cells) => [cells[0], cells] as const),
);

describe('README', () => {
  it('shows the two commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });

  it.each(Object.values(CONFIG_VARIABLES).map((variable) => [variable.name, variable]))(
    'documents %s with its default in the configuration table',
    (name, variable) => {
      const shownDefault =
        'default' in variable && variable.default !== undefined ? `\`${variable.default}\`` : '—';
      expect(tableRows.get(`\`${name}\``)?.[1]).toBe(shownDefault);
    },
  );
});
