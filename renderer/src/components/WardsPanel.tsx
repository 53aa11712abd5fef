/** The Wards tab: the selected ward's details and the ward finder. */
import { WardDetails } from './WardDetails.tsx';
import { WardList } from './WardList.tsx';

export function WardsPanel() {
  return (
    <>
      <WardDetails />
      <WardList />
    </>
  );
}
