// The suite and comparison views, mounted beside the workbench (which stays mounted, hidden, so its
// editor keeps its state while another view is shown).
import { selectView, useAppStore, type AppView } from '../../store';
import { CompareView } from './CompareView';
import { SuiteView } from './SuiteView';

export const useView = (): AppView => useAppStore(selectView);

export function SuiteViews(props: { view: AppView }) {
  if (props.view === 'suite') return <SuiteView />;
  if (props.view === 'compare') return <CompareView />;
  return null;
}
