import { describe, expect, it } from 'vitest';
import { checkField, dayOf, type Extraction, foldForMatch } from './matching.js';

const extraction = (fields: Partial<Extraction>): Extraction => ({
  title: null,
  authors: [],
  date: null,
  language: null,
  direction: null,
  siteName: null,
  description: null,
  text: null,
  ...fields,
});

describe('evaluation matching', () => {
  it('folds case, white space, typographic quotes and dashes the same way for every tool', () => {
    expect(foldForMatch('  Heart\u2019s \u201CAlone\u201D \u2013 A  Review ')).toBe(
      foldForMatch('heart\'s "alone" - a review'),
    );
  });

  it('matches a title with or without its site-name segment, but never the site name alone', () => {
    const expected = { title: 'Get your Frontend JavaScript Code Covered | Code' };
    expect(
      checkField('title', expected, extraction({ title: 'Get your Frontend JavaScript Code Covered' }))?.hits,
    ).toBe(1);
    expect(
      checkField('title', { title: 'Headline' }, extraction({ title: 'Example News - Headline here' }))?.hits,
    ).toBe(0);
    expect(checkField('title', expected, extraction({ title: 'Code' }))?.hits).toBe(0);
  });

  it('matches authors as a set of names, ignoring a leading By and list separators', () => {
    const expected = { author: 'David Brand and Ramsey Khalifeh' };
    expect(
      checkField('author', expected, extraction({ authors: ['Ramsey Khalifeh', 'David Brand'] }))?.hits,
    ).toBe(1);
    expect(
      checkField('author', { author: 'Tim Anderson' }, extraction({ authors: ['By Tim Anderson'] }))?.hits,
    ).toBe(1);
    expect(checkField('author', expected, extraction({ authors: ['David Brand'] }))?.hits).toBe(0);
  });

  it('compares dates by the day as written, and date-times without an ISO day in UTC', () => {
    expect(dayOf('2017-05-22T01:30:00+03:00')).toBe('2017-05-22');
    expect(dayOf('Mon, 22 May 2017 23:30:00 -0200')).toBe('2017-05-23');
    expect(dayOf('not a date')).toBeNull();
  });

  it('scores body snippets one by one: found for "with", absent for "without"', () => {
    const got = extraction({ text: 'The council voted.\n\nConstruction starts in spring.' });
    expect(checkField('body-with', { with: ['the council  voted.', 'missing line'] }, got)).toMatchObject({
      total: 2,
      hits: 1,
    });
    expect(checkField('body-without', { without: ['Share on Facebook'] }, got)).toMatchObject({
      total: 1,
      hits: 1,
    });
  });

  it('does not score a field the page has no expected value for', () => {
    expect(checkField('date', {}, extraction({ date: '2020-01-01' }))).toBeNull();
  });
});
