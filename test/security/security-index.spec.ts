import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The test paths a document names in backquotes: files, `dir/` folders and `dir/*.suffix` globs. */
function testPaths(text: string): string[] {
  const named = [...text.matchAll(/`((?:test|libs)\/[^`\s]+)`/g)].map(([, path]) => path);
  return [...new Set(named)];
}

function exists(path: string): boolean {
  if (!path.includes('*')) return existsSync(join(ROOT, path));
  const folder = join(ROOT, dirname(path));
  const name = basename(path)
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*');
  return (
    existsSync(folder) && readdirSync(folder).some((file) => new RegExp(`^${name}$`).test(file))
  );
}

/** SECURITY.md and the README's guarantees are an index of tests: every entry must be there. */
describe('the security index', () => {
  const readme = read('README.md');
  const guarantees = readme.slice(
    readme.indexOf('## Security and guarantees'),
    readme.indexOf('\n## ', readme.indexOf('## Security and guarantees') + 1),
  );

  it.each([
    ['SECURITY.md', read('SECURITY.md')],
    ['README.md "Security and guarantees"', guarantees],
  ])('%s names only tests that exist', (_, text) => {
    const paths = testPaths(text);
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((path) => !exists(path))).toEqual([]);
  });

  it('lists every spec of test/security/ in SECURITY.md', () => {
    const listed = testPaths(read('SECURITY.md'));
    const specs = readdirSync(join(ROOT, 'test', 'security'))
      .filter((file) => file.endsWith('.e2e-spec.ts'))
      .map((file) => `test/security/${file}`);
    expect(specs.filter((spec) => !listed.includes(spec))).toEqual([]);
  });
});
