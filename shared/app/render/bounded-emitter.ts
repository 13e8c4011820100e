import { toValue, type Emitter } from 'liquidjs';
import { TemplateLimitExceeded } from './template-errors';

function stringify(value: unknown): string {
  const v: unknown = toValue(value);
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(stringify).join('');
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  // Objects (reachable only through a raw output) as JSON rather than [object Object].
  return v instanceof Date ? v.toString() : (JSON.stringify(v) ?? '');
}

/** liquidjs' string emitter with a ceiling on the output's length, checked on every write. */
export class BoundedEmitter implements Emitter {
  buffer = '';

  constructor(private readonly limit: number) {}

  write(html: unknown): void {
    const text = stringify(html);
    if (this.buffer.length + text.length > this.limit) {
      throw new TemplateLimitExceeded('output', `output limit exceeded (${this.limit} characters)`);
    }
    this.buffer += text;
  }
}
