import { acceptedMediaTypes, acceptOf, chooseTemplate } from './accept-header';

const templates = new Map([
  ['application/json', 'json'],
  ['application/xml', 'xml'],
  ['text/html', 'html'],
]);
const choose = (accept: string | undefined, from: ReadonlyMap<string, string> = templates) => chooseTemplate(from, accept)?.template;

describe('the Accept header', () => {
  it('lists media types by q, then by position; q=0 left out; lower case, parameters dropped', () => {
    expect(acceptedMediaTypes('text/html, application/XML;q=0.9, */*;q=0.8')).toEqual(['text/html', 'application/xml', '*/*']);
    expect(acceptedMediaTypes('a/x;q=0.5, b/y, c/z;level=1;q=0.5, d/w;q=0, e/v;q=0.000')).toEqual(['b/y', 'a/x', 'c/z']);
    expect(acceptedMediaTypes(' , text/plain; charset=utf-8 ,')).toEqual(['text/plain']);
    // A q that is not a number counts as 1; one above 1 as 1.
    expect(acceptedMediaTypes('a/x;q=0.1, b/y;q=high, c/z;q=5')).toEqual(['b/y', 'c/z', 'a/x']);
  });

  it('is read in any casing, repeated headers as one list', () => {
    expect(acceptOf({ headers: { accept: 'a/x' }, multiValueHeaders: { accept: ['a/x'] } })).toBe('a/x');
    expect(acceptOf({ headers: { ACCEPT: 'b/y' }, multiValueHeaders: { ACCEPT: ['a/x', 'b/y'] } })).toBe('a/x,b/y');
    expect(acceptOf({ headers: { 'Content-Type': 'a/x' }, multiValueHeaders: {} })).toBeUndefined();
  });
});

describe('the response template for a request', () => {
  it('is the first accepted media type that has one', () => {
    expect(choose('application/xml')).toBe('xml');
    expect(chooseTemplate(templates, 'image/png, Text/HTML;charset=utf-8')).toEqual({ mediaType: 'text/html', template: 'html' });
  });

  it('follows q values, and never a refused type', () => {
    expect(choose('application/json;q=0.5, application/xml;q=0.9')).toBe('xml');
    expect(choose('text/html;q=0.5, application/xml;q=0.5')).toBe('html');
    expect(choose('application/xml;q=0, text/html;q=0.1')).toBe('html');
  });

  it('takes no wildcard as a match: application/json, else the first template defined', () => {
    expect(choose('*/*')).toBe('json');
    expect(choose('application/*, text/*')).toBe('json');
    const noJson = new Map([
      ['text/html', 'html'],
      ['application/xml', 'xml'],
    ]);
    expect(choose('*/*', noJson)).toBe('html');
  });

  it('is application/json (else the first) without an Accept header, or when nothing matches', () => {
    expect(choose(undefined)).toBe('json');
    expect(choose('image/png')).toBe('json');
    expect(choose('application/json;q=0, application/xml;q=0')).toBe('json');
    expect(choose('image/png', new Map([['text/csv', 'csv'], ['text/html', 'html']]))).toBe('csv');
  });

  it('is nothing when there are no templates (the payload passes through)', () => {
    expect(chooseTemplate(new Map(), 'application/json')).toBeUndefined();
  });
});
