import { NORTH_CODE, type AuthorityCode } from '../../../shared/domain.ts';

/** CSS class carrying a council's colour (see styles.css and map/style.ts, which use the same palette). */
export function councilClass(code: AuthorityCode): string {
  return code === NORTH_CODE ? 'council-north' : 'council-west';
}
