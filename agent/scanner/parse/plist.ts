/**
 * Parsers for Apple property lists: the XML form (`pwpolicy
 * getaccountpolicies`, `Info.plist` files) and the old-style text form that
 * `defaults read` prints.
 *
 * @module
 */

/** A property-list value. */
export type PlistValue =
  | string
  | number
  | boolean
  | Date
  | PlistValue[]
  | { [key: string]: PlistValue };

/** A parse result: the value, or why the text is not a property list. */
export type PlistResult =
  | { ok: true; value: PlistValue }
  | { ok: false; reason: string };

const XML_TOKEN =
  /<(\/?)(dict|array|key|string|integer|real|date|data|true|false)(\/?)>/g;

/**
 * Parses an XML property list. Text before the `<?xml` declaration (like
 * the "Getting global account policies" line of `pwpolicy`) is skipped.
 */
export function parseXmlPlist(text: string): PlistResult {
  const start = text.indexOf("<plist");
  if (start === -1) return { ok: false, reason: "No <plist> element found" };

  const tokens = [...text.slice(start).matchAll(XML_TOKEN)].map((m) => ({
    closing: m[1] === "/",
    name: m[2],
    empty: m[3] === "/",
    end: (m.index ?? 0) + m[0].length,
    start: m.index ?? 0,
    source: text.slice(start),
  }));

  try {
    const reader = { tokens, next: 0 };
    return { ok: true, value: readXmlValue(reader) };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

interface XmlToken {
  closing: boolean;
  name: string;
  empty: boolean;
  start: number;
  end: number;
  source: string;
}

interface XmlReader {
  tokens: XmlToken[];
  next: number;
}

function take(reader: XmlReader): XmlToken {
  const token = reader.tokens[reader.next++];
  if (!token) throw new Error("Property list ends early");
  return token;
}

function readXmlValue(reader: XmlReader): PlistValue {
  const open = take(reader);
  if (open.closing) throw new Error(`Unexpected </${open.name}>`);
  if (open.name === "true") return true;
  if (open.name === "false") return false;
  if (open.name === "dict") return open.empty ? {} : readXmlDict(reader);
  if (open.name === "array") return open.empty ? [] : readXmlArray(reader);
  // An empty element such as <string/> holds the empty value.
  if (open.empty) return "";

  const text = readXmlText(reader, open);
  if (open.name === "integer" || open.name === "real") return Number(text);
  if (open.name === "date") return new Date(text);
  return text;
}

function readXmlText(reader: XmlReader, open: XmlToken): string {
  const close = take(reader);
  if (!close.closing || close.name !== open.name) {
    throw new Error(`<${open.name}> is not closed`);
  }
  return decodeEntities(open.source.slice(open.end, close.start));
}

function readXmlDict(reader: XmlReader): { [key: string]: PlistValue } {
  const dict: { [key: string]: PlistValue } = {};
  while (true) {
    const token = reader.tokens[reader.next];
    if (!token) throw new Error("<dict> is not closed");
    if (token.closing && token.name === "dict") {
      reader.next++;
      return dict;
    }
    const key = take(reader);
    if (key.name !== "key") {
      throw new Error(`Expected <key>, got <${key.name}>`);
    }
    dict[readXmlText(reader, key)] = readXmlValue(reader);
  }
}

function readXmlArray(reader: XmlReader): PlistValue[] {
  const items: PlistValue[] = [];
  while (true) {
    const token = reader.tokens[reader.next];
    if (!token) throw new Error("<array> is not closed");
    if (token.closing && token.name === "array") {
      reader.next++;
      return items;
    }
    items.push(readXmlValue(reader));
  }
}

function decodeEntities(text: string): string {
  return text.replace(
    /&(lt|gt|amp|quot|apos);/g,
    (_, name: string) =>
      ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" })[name] ?? "",
  );
}

/**
 * Parses the old-style property list `defaults read` prints:
 * `{ Key = value; List = ( a, b ); }`. Numbers stay strings, as the format
 * does not tell them apart.
 */
export function parseOldStylePlist(text: string): PlistResult {
  const parser = { text, at: 0 };
  try {
    const value = readOldValue(parser);
    skipSpace(parser);
    if (parser.at < text.length) {
      throw new Error(`Unexpected text at offset ${parser.at}`);
    }
    return { ok: true, value };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

interface OldParser {
  text: string;
  at: number;
}

function skipSpace(p: OldParser): void {
  while (p.at < p.text.length && /\s/.test(p.text[p.at])) p.at++;
}

function expect(p: OldParser, char: string): void {
  skipSpace(p);
  if (p.text[p.at] !== char) {
    throw new Error(`Expected "${char}" at offset ${p.at}`);
  }
  p.at++;
}

function readOldValue(p: OldParser): PlistValue {
  skipSpace(p);
  const char = p.text[p.at];
  if (char === "{") return readOldDict(p);
  if (char === "(") return readOldArray(p);
  if (char === '"') return readQuoted(p);
  return readBare(p);
}

function readOldDict(p: OldParser): { [key: string]: PlistValue } {
  const dict: { [key: string]: PlistValue } = {};
  expect(p, "{");
  while (true) {
    skipSpace(p);
    if (p.text[p.at] === "}") {
      p.at++;
      return dict;
    }
    const key = readOldValue(p);
    expect(p, "=");
    dict[String(key)] = readOldValue(p);
    expect(p, ";");
  }
}

function readOldArray(p: OldParser): PlistValue[] {
  const items: PlistValue[] = [];
  expect(p, "(");
  while (true) {
    skipSpace(p);
    if (p.text[p.at] === ")") {
      p.at++;
      return items;
    }
    items.push(readOldValue(p));
    skipSpace(p);
    if (p.text[p.at] === ",") p.at++;
  }
}

function readQuoted(p: OldParser): string {
  let value = "";
  p.at++;
  while (p.at < p.text.length && p.text[p.at] !== '"') {
    if (p.text[p.at] === "\\") p.at++;
    value += p.text[p.at++];
  }
  if (p.at >= p.text.length) throw new Error("Unterminated string");
  p.at++;
  return value;
}

function readBare(p: OldParser): string {
  const match = /^[^\s=;,(){}"]+/.exec(p.text.slice(p.at));
  if (!match) throw new Error(`Expected a value at offset ${p.at}`);
  p.at += match[0].length;
  return match[0];
}

/** Whether a property-list value is a dictionary. */
export function isPlistDict(
  value: PlistValue | undefined,
): value is { [key: string]: PlistValue } {
  return typeof value === "object" && value !== null &&
    !Array.isArray(value) && !(value instanceof Date);
}
