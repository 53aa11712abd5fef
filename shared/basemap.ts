/**
 * The shape of assets/basemap.json (the ward map's and the PDF maps' context: towns, roads, railways, water and
 * built-up areas), written by scripts/data-build/basemap.ts and read by the renderer's map and the report. Generic in
 * the feature-collection type, so shared/ stays free of GeoJSON library types. Pure TypeScript.
 */
export interface BasemapLayers<FC> {
  attribution: { osm: string; osRoads: string; ons: string; licence: string };
  places: FC;
  roads: FC;
  rail: FC;
  water: FC;
  builtUp: FC;
}
