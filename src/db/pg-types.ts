import { types } from 'pg';

const TIMESTAMPTZ = 1184;
const parseTimestamptzSlowly = types.getTypeParser(TIMESTAMPTZ);
const PLUS = 43;
const MINUS = 45;
const COLON = 58;
const SPACE = 32;

/**
 * PostgreSQL's text form of a timestamptz (`2026-11-21 01:02:03.456+00`, or
 * with a `+05:30` offset) as a `Date`, through the engine's native ISO parser:
 * about twice as fast as node-postgres' own parser, which matters when a page
 * holds thousands of rows with several timestamps each. Anything else (BC
 * dates, infinity, offsets with seconds) goes to node-postgres' parser.
 */
export function parseTimestamptz(text: string): Date {
  const n = text.length;
  if (text.charCodeAt(10) === SPACE) {
    const sign = text.charCodeAt(n - 3);
    if (sign === PLUS || sign === MINUS) return new Date(`${text.slice(0, 10)}T${text.slice(11)}:00`);
    const longSign = text.charCodeAt(n - 6);
    if (text.charCodeAt(n - 3) === COLON && (longSign === PLUS || longSign === MINUS)) return new Date(`${text.slice(0, 10)}T${text.slice(11)}`);
  }
  return parseTimestamptzSlowly(text);
}

/** Type parsers for the direct reads: node-postgres' defaults, with the faster timestamptz parser. */
export const readTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ && format !== 'binary' ? parseTimestamptz : types.getTypeParser(oid, format as 'text')) as typeof types.getTypeParser,
};
