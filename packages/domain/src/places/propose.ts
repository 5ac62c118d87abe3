/**
 * Agreed places proposed for a convict on compulsory labour, nearest first. A small,
 * self-contained function: the general matcher (packages/domain/src/matching) may replace it,
 * taking the same inputs.
 */
export interface AgreedPlace {
  id: string;
  municipalityId: string;
  organisation: string;
  address: string;
  lat?: number;
  lng?: number;
  sentence: 'compulsory_labor' | 'corrective_labor';
  workplaces: number;
  /** Convicts already assigned there. */
  assigned: number;
  validTo: string;
  kindsOfWork: string[];
}

export interface PlaceProposal {
  placeId: string;
  organisation: string;
  address: string;
  distanceKm: number | null;
  workplacesLeft: number;
  /** Why it is proposed, in Russian, for the officer. */
  reasons: string[];
}

const R = 6371;
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

const fmtKm = (km: number) => `${km.toFixed(1).replace('.', ',')} км`;

export function proposePlaces(input: {
  sentence: 'compulsory_labor' | 'corrective_labor';
  home?: { lat: number; lng: number };
  today: string;
  places: readonly AgreedPlace[];
  radiusKm: number;
  limit?: number;
}): PlaceProposal[] {
  const out: PlaceProposal[] = [];
  for (const p of input.places) {
    if (p.sentence !== input.sentence || p.validTo < input.today) continue;
    const left = p.workplaces - p.assigned;
    if (left <= 0) continue;
    const km =
      input.home && p.lat !== undefined && p.lng !== undefined
        ? distanceKm(input.home, { lat: p.lat, lng: p.lng })
        : null;
    if (km !== null && km > input.radiusKm) continue;
    out.push({
      placeId: p.id,
      organisation: p.organisation,
      address: p.address,
      distanceKm: km === null ? null : Math.round(km * 10) / 10,
      workplacesLeft: left,
      reasons: [
        km === null ? 'расстояние неизвестно (нет координат)' : `${fmtKm(km)} от места жительства`,
        `свободно мест: ${left} из ${p.workplaces}`,
        `согласовано до ${p.validTo.slice(8, 10)}.${p.validTo.slice(5, 7)}.${p.validTo.slice(0, 4)}`,
      ],
    });
  }
  out.sort((a, b) =>
    a.distanceKm === b.distanceKm
      ? b.workplacesLeft - a.workplacesLeft || a.placeId.localeCompare(b.placeId)
      : a.distanceKm === null
        ? 1
        : b.distanceKm === null
          ? -1
          : a.distanceKm - b.distanceKm,
  );
  return out.slice(0, input.limit ?? 5);
}
