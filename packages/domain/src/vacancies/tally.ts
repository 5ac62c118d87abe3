/**
 * Duplicate vacancy ids in one feed: the record with the latest `date_modify` wins (a later
 * record wins a tie), the others are counted as duplicates.
 *
 * A 1M-record feed must fit in a small Lambda, so ids are not kept as a Map of JS strings
 * (≈ 100+ bytes each with their headers and the map's entries) but as UTF-8 bytes in one
 * arena with an open-addressing hash table over typed arrays: about 60 bytes per id.
 */
const EMPTY = -1;
/** Arena page size; ids are at most 65535 bytes (`lengths` is a Uint16Array). */
const PAGE = 1 << 20;
const encoder = new TextEncoder();

export class DuplicateTally {
  /** slot → entry index, or EMPTY. Capacity is a power of two, kept at most half full. */
  private slots = new Int32Array(1 << 16).fill(EMPTY);
  /** entry → hash, offset and length of its id bytes in the arena, winning sequence number. */
  private hashes = new Uint32Array(1 << 15);
  private offsets = new Float64Array(1 << 15);
  private lengths = new Uint16Array(1 << 15);
  private winnerSeq = new Int32Array(1 << 15);
  private entries = 0;
  /**
   * Id bytes in fixed pages: growing one big arena by doubling held old and new copies at
   * once (≈ 100 MB at 1M ids, the peak RSS of the benchmark); pages are never copied.
   * An entry's offset is page × PAGE + position.
   */
  private pages: Uint8Array[] = [new Uint8Array(PAGE)];
  private pageUsed = 0;
  private scratch = new Uint8Array(1024);
  /** sequence number → modification time (ms), to compare a newcomer with the current winner. */
  private modified = new Float64Array(1 << 15);
  private seq = 0;
  duplicates = 0;

  /** Records a valid vacancy; returns its sequence number (0-based, in file order). */
  add(id: string, modifiedAt: string | undefined): number {
    const seq = this.seq++;
    if (seq >= this.modified.length) this.modified = grow(this.modified, this.modified.length * 2);
    const ms = modifiedAt ? Date.parse(modifiedAt) : Number.NEGATIVE_INFINITY;
    this.modified[seq] = Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;

    const entry = this.find(id, true);
    if (entry < 0) {
      this.winnerSeq[-entry - 1] = seq;
      return seq;
    }
    this.duplicates++;
    if (this.modified[seq]! >= this.modified[this.winnerSeq[entry]!]!) this.winnerSeq[entry] = seq;
    return seq;
  }

  /** Whether the record with this sequence number survived deduplication. */
  isWinner(id: string, seq: number): boolean {
    const entry = this.find(id, false);
    return entry >= 0 && this.winnerSeq[entry] === seq;
  }

  /** Sequence numbers of the surviving records. */
  *winners(): IterableIterator<number> {
    for (let e = 0; e < this.entries; e++) yield this.winnerSeq[e]!;
  }

  /**
   * Whether the record with this sequence number survived, by number alone (no id lookup):
   * a bitmap of the winners, built once on first use after the feed was read.
   */
  isWinnerSeq(seq: number): boolean {
    if (!this.winnerBits || this.winnerBitsFor !== this.seq) {
      this.winnerBits = new Uint8Array((this.seq >>> 3) + 1);
      for (let e = 0; e < this.entries; e++) {
        const w = this.winnerSeq[e]!;
        this.winnerBits[w >>> 3]! |= 1 << (w & 7);
      }
      this.winnerBitsFor = this.seq;
    }
    return (this.winnerBits[seq >>> 3]! & (1 << (seq & 7))) !== 0;
  }
  private winnerBits?: Uint8Array;
  private winnerBitsFor = -1;

  get unique(): number {
    return this.entries;
  }

  /** The entry of `id` (≥ 0) or, when absent and `insert`, -(new entry) - 1; -1 when absent otherwise. */
  private find(id: string, insert: boolean): number {
    if (id.length * 3 > this.scratch.length) this.scratch = new Uint8Array(id.length * 3);
    const bytes = this.scratch;
    // ASCII ids (the usual UUIDs) are their own UTF-8 bytes: copy and hash in one loop.
    let len = id.length;
    let h = 0x811c9dc5;
    for (let i = 0; i < len; i++) {
      const c = id.charCodeAt(i);
      if (c >= 0x80) {
        len = encoder.encodeInto(id, bytes).written;
        h = 0x811c9dc5;
        for (let k = 0; k < len; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
        break;
      }
      bytes[i] = c;
      h = Math.imul(h ^ c, 0x01000193);
    }
    h >>>= 0;
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = this.slots[slot]!;
      if (e === EMPTY) {
        if (!insert) return -1;
        return -this.insert(slot, h, bytes, len) - 1;
      }
      if (this.hashes[e] === h && this.lengths[e] === len && this.sameBytes(e, bytes, len)) return e;
    }
  }

  private sameBytes(entry: number, bytes: Uint8Array, len: number): boolean {
    const at = this.offsets[entry]!;
    const page = this.pages[Math.floor(at / PAGE)]!;
    const off = at % PAGE;
    for (let i = 0; i < len; i++) if (page[off + i] !== bytes[i]) return false;
    return true;
  }

  private insert(slot: number, hash: number, bytes: Uint8Array, len: number): number {
    const e = this.entries++;
    if (e >= this.hashes.length) {
      const size = this.hashes.length * 2;
      this.hashes = grow(this.hashes, size);
      this.offsets = grow(this.offsets, size);
      this.lengths = grow(this.lengths, size);
      this.winnerSeq = grow(this.winnerSeq, size);
    }
    if (this.pageUsed + len > PAGE) {
      this.pages.push(new Uint8Array(PAGE));
      this.pageUsed = 0;
    }
    this.pages[this.pages.length - 1]!.set(bytes.subarray(0, len), this.pageUsed);
    this.hashes[e] = hash;
    this.offsets[e] = (this.pages.length - 1) * PAGE + this.pageUsed;
    this.lengths[e] = len;
    this.pageUsed += len;
    this.slots[slot] = e;
    if (this.entries * 2 > this.slots.length) this.rehash();
    return e;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let e = 0; e < this.entries; e++) {
      let slot = this.hashes[e]! & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = e;
    }
    this.slots = slots;
  }
}

function grow<T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array>(
  array: T,
  size: number,
): T {
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}
