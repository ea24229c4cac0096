// What the « Importer » page works out in the browser before sending a file: the
// column headers of the file (its first record, enough to map the columns; the
// server reads the whole file), the mapping each importer field starts with, and
// what is missing before a check. The server stays the judge of the content.
import type { FieldError, ImportKind } from './api';

/** The server's body limit (1 MiB): larger files go through `rrma import`. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

/** The fields without which a line cannot be read. */
export const REQUIRED_IMPORT_FIELDS: Record<ImportKind, readonly string[]> = {
  organisations: ['nom'],
  relationships: ['source', 'cible', 'type'],
};

/** A header as the server compares them: without case, accents, spaces, hyphens or underscores. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

/** The separator of a header line: « ; » unless « , » is more frequent outside quotes. */
function separatorOf(line: string): ';' | ',' {
  let quoted = false;
  let semicolons = 0;
  let commas = 0;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ';') semicolons += 1;
    else if (!quoted && char === ',') commas += 1;
  }
  return commas > semicolons ? ',' : ';';
}

/**
 * The column headers of a CSV file: its first record after a BOM, split on « ; » or « , »
 * outside quotes ("" is a quote inside a quoted field), each trimmed; [] for an empty file.
 * Bytes that are not UTF-8 are replaced here; the server then names the line at fault.
 */
export function csvHeaders(bytes: ArrayBuffer): string[] {
  const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes.slice(0, 64 * 1024));
  let end = 0;
  let quoted = false;
  while (end < text.length) {
    const char = text[end];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    end += 1;
  }
  const line = text.slice(0, end);
  if (line.trim() === '') return [];
  const separator = separatorOf(line);
  const headers: string[] = [];
  let field = '';
  quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (char === '"') {
      if (quoted && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else {
        quoted = !quoted;
      }
    } else if (char === separator && !quoted) {
      headers.push(field.trim());
      field = '';
    } else {
      field += char;
    }
  }
  headers.push(field.trim());
  return headers;
}

/**
 * The header each field starts with: the network's saved choice when the file has that
 * header, else the header with the same normalised name, else none ('').
 */
export function initialMapping(
  fields: readonly string[],
  headers: readonly string[],
  saved: Record<string, string>,
): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const field of fields) {
    const kept = saved[field];
    if (kept && headers.includes(kept)) {
      mapping[field] = kept;
      continue;
    }
    mapping[field] = headers.find((header) => normaliseHeader(header) === normaliseHeader(field)) ?? '';
  }
  return mapping;
}

/** The mapping to send: the fields given a header. */
export function chosenMapping(mapping: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).filter(([, header]) => header !== ''));
}

/** The required fields given no column, each reported on `mapping.FIELD`. */
export function mappingProblems(kind: ImportKind, mapping: Record<string, string>, label: (field: string) => string): FieldError[] {
  return REQUIRED_IMPORT_FIELDS[kind]
    .filter((field) => !mapping[field])
    .map((field) => ({ field: `mapping.${field}`, message: `Choisissez la colonne « ${label(field)} ».` }));
}
