/**
 * Capacity-constrained assignment by Bertsekas' ε-scaling auction, certified by its own dual.
 *
 * Problem: maximise Σ a[i][j]·x[i][j] over person i and vacancy j, each person at most one
 * vacancy, vacancy j at most cap[j] persons (x ∈ {0,1}; the LP relaxation has an integral
 * optimum, being a transportation problem). A vacancy with c openings is c "copies" with their
 * own prices (Bertsekas' similar objects); a person bids for the cheapest copy of the vacancy
 * with the best value a − price, raising that copy's price by the margin over the second best
 * plus ε (staying unassigned is an option of value 0).
 *
 * Certificate: any prices p ≥ 0 give a feasible dual of the LP, u[i] = max(0, maxⱼ a[i][j] − pⱼ),
 * so Σu + Σ copy prices is an upper bound on the optimum. At the end of a phase every assigned
 * person is within ε of its best value, unassigned persons have nothing positive and unheld
 * copies cost 0, so bound − total ≤ (assigned persons)·ε. `quality.ratio = total / bound` is
 * computed, not assumed; below `minRatio` the auction refines ε and runs again.
 */
export interface AssignmentProblem {
  persons: number;
  objects: number;
  /** Openings per object. */
  capacity: ArrayLike<number>;
  /** CSR edges: person i's edges are [edgeStart[i], edgeStart[i + 1]). */
  edgeStart: Int32Array;
  edgeObject: Int32Array;
  /** Weighted value (> 0) of each edge. */
  edgeValue: Float64Array;
  /** Order persons first bid in (most urgent first). */
  order?: ArrayLike<number>;
}

export interface AssignmentResult {
  /** Object of each person, or −1. */
  objectOf: Int32Array;
  total: number;
  upperBound: number;
  ratio: number;
  phases: number;
  bids: number;
}

export function assign(
  p: AssignmentProblem,
  options: { minRatio?: number; finalEpsilonShare?: number } = {},
): AssignmentResult {
  const minRatio = options.minRatio ?? 0.99;
  const { persons, objects, edgeStart, edgeObject, edgeValue } = p;
  // Effective capacity: no vacancy can take more persons than it has edges.
  const degree = new Int32Array(objects);
  for (let e = 0; e < edgeObject.length; e++) degree[edgeObject[e]!]!++;
  const copyStart = new Int32Array(objects + 1);
  for (let j = 0; j < objects; j++)
    copyStart[j + 1] = copyStart[j]! + Math.min(Math.max(0, Math.floor(p.capacity[j]!)), degree[j]!);
  const copies = copyStart[objects]!;
  const price = new Float64Array(copies);
  const holder = new Int32Array(copies).fill(-1);
  const minCopy = new Int32Array(objects);
  for (let j = 0; j < objects; j++) minCopy[j] = copyStart[j]!;
  const copyOf = new Int32Array(persons).fill(-1);

  const minPrice = (j: number) => (copyStart[j + 1]! > copyStart[j]! ? price[minCopy[j]!]! : Infinity);
  const refreshMin = (j: number) => {
    let best = copyStart[j]!;
    for (let k = best + 1; k < copyStart[j + 1]!; k++) if (price[k]! < price[best]!) best = k;
    minCopy[j] = best;
  };

  let maxValue = 0;
  let sumValue = 0;
  for (let e = 0; e < edgeValue.length; e++) {
    maxValue = Math.max(maxValue, edgeValue[e]!);
    sumValue += edgeValue[e]!;
  }
  const meanValue = edgeValue.length ? sumValue / edgeValue.length : 0;
  let epsilon = maxValue / 4;
  const finalEpsilon = Math.max(1e-9, meanValue * (options.finalEpsilonShare ?? 1e-3));

  const order = p.order ?? Array.from({ length: persons }, (_, i) => i);
  const queue = new Int32Array(persons + 1);
  let bids = 0;
  let phases = 0;

  // Best and second-best net value of person i over its edges; every copy is an object of
  // its own, so the second cheapest copy of the best vacancy competes for second place too.
  const bestOf = (i: number) => {
    let v1 = 0;
    let v2 = 0;
    let j1 = -1;
    let a1 = 0;
    for (let e = edgeStart[i]!; e < edgeStart[i + 1]!; e++) {
      const j = edgeObject[e]!;
      const v = edgeValue[e]! - minPrice(j);
      if (v > v1) {
        v2 = v1;
        v1 = v;
        j1 = j;
        a1 = edgeValue[e]!;
      } else if (v > v2) v2 = v;
    }
    if (j1 >= 0 && copyStart[j1 + 1]! - copyStart[j1]! > 1) {
      let second = Infinity;
      const min = minCopy[j1]!;
      for (let k = copyStart[j1]!; k < copyStart[j1 + 1]!; k++)
        if (k !== min && price[k]! < second) second = price[k]!;
      v2 = Math.max(v2, a1 - second);
    }
    return { v1, v2, j1 };
  };
  const objectOfCopy = new Int32Array(copies);
  for (let j = 0; j < objects; j++)
    for (let k = copyStart[j]!; k < copyStart[j + 1]!; k++) objectOfCopy[k] = j;
  const assignedValue = new Float64Array(persons);

  const runPhase = () => {
    phases++;
    // Persons outside ε-CS leave their copy (its price stays: others may still want it).
    // Unheld copies cost nothing again; then persons outside ε-CS leave their copy, which
    // frees it (and costs nothing again), until no one else is outside ε-CS.
    for (let released = true; released; ) {
      released = false;
      for (let k = 0; k < copies; k++) if (holder[k] === -1) price[k] = 0;
      for (let j = 0; j < objects; j++) refreshMin(j);
      for (let i = 0; i < persons; i++) {
        const k = copyOf[i]!;
        if (k < 0) continue;
        if (assignedValue[i]! - price[k]! >= bestOf(i).v1 - epsilon) continue;
        holder[k] = -1;
        copyOf[i] = -1;
        released = true;
      }
    }
    let head = 0;
    let tail = 0;
    for (let n = 0; n < persons; n++) {
      const i = order[n]!;
      if (copyOf[i]! < 0) queue[tail++] = i;
    }
    const size = persons + 1;
    while (head !== tail) {
      const i = queue[head]!;
      head = (head + 1) % size;
      const { v1, v2, j1 } = bestOf(i);
      if (j1 < 0 || v1 <= 0) continue; // nothing worth taking: stays unassigned
      const k = minCopy[j1]!;
      const value = v1 + price[k]!;
      const bid = price[k]! + v1 - v2 + epsilon;
      const evicted = holder[k]!;
      if (evicted >= 0) {
        copyOf[evicted] = -1;
        queue[tail] = evicted;
        tail = (tail + 1) % size;
      }
      holder[k] = i;
      copyOf[i] = k;
      price[k] = bid;
      assignedValue[i] = value;
      refreshMin(j1);
      bids++;
    }
  };

  const certify = () => {
    let total = 0;
    let bound = 0;
    for (let i = 0; i < persons; i++) {
      if (copyOf[i]! >= 0) total += assignedValue[i]!;
      bound += bestOf(i).v1;
    }
    for (let k = 0; k < copies; k++) bound += price[k]!;
    return { total, bound };
  };

  let quality = { total: 0, bound: 0 };
  for (;;) {
    runPhase();
    if (epsilon <= finalEpsilon) {
      quality = certify();
      const good = quality.bound <= 0 || quality.total / quality.bound >= minRatio;
      if (good || epsilon < finalEpsilon * 1e-3) break;
      epsilon /= 4; // refine and run again
    } else epsilon = epsilon / 16 < finalEpsilon ? finalEpsilon : epsilon / 4; // no near-final phase
  }
  const objectOf = new Int32Array(persons).fill(-1);
  for (let i = 0; i < persons; i++) if (copyOf[i]! >= 0) objectOf[i] = objectOfCopy[copyOf[i]!]!;
  return {
    objectOf,
    total: quality.total,
    upperBound: quality.bound,
    ratio: quality.bound > 0 ? quality.total / quality.bound : 1,
    phases,
    bids,
  };
}
