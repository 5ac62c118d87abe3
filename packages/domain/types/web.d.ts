// The one web-standard global the domain uses (every JS runtime has it). Node's types stay out
// of packages/domain/tsconfig.json, so process, Buffer, fs… do not compile there.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}
