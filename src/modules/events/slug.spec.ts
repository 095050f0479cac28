import { slugify } from './slug';

describe('slugify', () => {
  it.each([
    ['Annual Tech Conference 2025!', 'annual-tech-conference-2025'],
    ['  Café  Crème — Été ', 'cafe-creme-ete'],
    ['***', 'event'],
    ['a'.repeat(120), 'a'.repeat(80)],
  ])('turns %p into %p', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });
});
