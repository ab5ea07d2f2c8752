import { isUnitId, type UnitId } from '../../data/unit-id.js';

// Field readers for the time views' parsers: each throws an Error naming the field and what it should be.

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value === 'object' ? 'an object' : String(value);
}

export function readRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) {
    throw new Error(`invalid ${what}: expected an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

export function readList(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`invalid ${what}: expected a list, got ${describe(value)}`);
  return value;
}

export function readNumber(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`invalid ${what}: expected a finite number, got ${describe(value)}`);
  }
  return value;
}

export function readOptionalNumber(value: unknown, what: string): number | undefined {
  return value === undefined || value === null ? undefined : readNumber(value, what);
}

export function readString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`invalid ${what}: expected a string, got ${describe(value)}`);
  return value;
}

export function readOptionalString(value: unknown, what: string): string | undefined {
  return value === undefined || value === null ? undefined : readString(value, what);
}

export function readOptionalBoolean(value: unknown, what: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw new Error(`invalid ${what}: expected true or false, got ${describe(value)}`);
  return value;
}

export function readUnitId(value: unknown, what: string): UnitId {
  if (!isUnitId(value))
    throw new Error(`invalid ${what}: expected a unit id (number or string), got ${describe(value)}`);
  return value;
}

/** Checks the figure-data `type` when it is present (a parser may also get data without it). */
export function checkType(record: Record<string, unknown>, type: string): void {
  if (record.type !== undefined && record.type !== type) {
    throw new Error(`invalid type: expected "${type}", got ${describe(record.type)}`);
  }
}
