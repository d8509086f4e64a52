// The page: header, editor | run panel, the output panel below, a status bar. Composition only.
import { useEffect } from 'react';
import type { AppServices } from './services';
import { selectFileName, selectTheme, StoreProvider, useAppStore, type AppStore } from './store';
import { LinkTargetBanner } from './ui/Banners';
import { BottomPanel } from './ui/BottomPanel';
import { EditorPane } from './ui/EditorPane';
import { Header } from './ui/Header';
import { RunPanel } from './ui/RunPanel';
import { ServicesContext } from './ui/ServicesContext';
import { Splitter } from './ui/Splitter';
import { StatusBar } from './ui/StatusBar';
import { useDropScript } from './ui/useDropScript';
import { SuiteViews, useView } from './ui/suite/SuiteViews';
import { useShortcuts } from './ui/useShortcuts';
import { Presentation } from './ui/live/Presentation';
import './ui/theme.css';
import './ui/app.css';

function Layout(props: { services: AppServices }) {
  const theme = useAppStore(selectTheme);
  const fileName = useAppStore(selectFileName);
  useShortcuts(props.services);
  const dropping = useDropScript(props.services);
  const view = useView();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    document.title = `${fileName} · scansion playground`;
  }, [fileName]);
  return (
    <div className="app" data-theme={theme}>
      <Header />
      <LinkTargetBanner />
      <main className="workbench" hidden={view !== 'workbench'}>
        {/* The run panel comes first in the tab order (Run before the editor); the grid places it. */}
        <RunPanel />
        <Splitter
          orientation="columns"
          cssVar="--run-size"
          invert
          min={300}
          maxFraction={0.7}
          label="Resize the run panel"
          panel=".run-panel"
        />
        <EditorPane />
        <Splitter
          orientation="rows"
          cssVar="--bottom-size"
          invert
          min={120}
          maxFraction={0.8}
          label="Resize the output panel"
        />
        <BottomPanel />
      </main>
      <SuiteViews view={view} />
      <StatusBar />
      <Presentation />
      {dropping && (
        <div className="drop-overlay" aria-hidden="true">
          Drop a .scs file to open it
        </div>
      )}
    </div>
  );
}

export default function App(props: { store: AppStore; services: AppServices }) {
  return (
    <StoreProvider store={props.store}>
      <ServicesContext.Provider value={props.services}>
        <Layout services={props.services} />
      </ServicesContext.Provider>
    </StoreProvider>
  );
}
